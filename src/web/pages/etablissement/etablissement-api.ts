/** The établissement's calls to the service: letters, column mapping, template check and preview, mail-merge jobs, its candidates. */
import { call, callJson, type Conformite, type Erreur } from '../../api.ts';

/** A letter a mail merge can write. */
export interface Lettre {
  id: string;
  titre: string;
}

/** Where one column of the spreadsheet goes (POST /api/publipostages/:lettre/colonnes). */
export interface Colonne {
  index: number;
  entete: string;
  statut: 'reconnue' | 'ignoree' | 'inconnue' | 'en-double';
  chemin: string | null;
  champ: string | null;
  suggestion?: string;
}

/** The mapping of a spreadsheet's columns to the letter's fields. */
export interface Colonnes {
  format: string;
  lignes: number;
  colonnes: Colonne[];
  inconnues: string[];
  champs: Array<{ chemin: string; entete: string }>;
  pret: boolean;
  erreur?: Erreur;
}

/** A user's mapping: header → field path, or null to leave the column out. */
export type Correspondance = Record<string, string | null>;

/** A template problem with its line and column. */
export interface ErreurModele extends Erreur {
  ligne: number | null;
  colonne: number | null;
}

/** A job as the service shows it. */
export interface Tache {
  id: string;
  etat: 'en-attente' | 'en-cours' | 'terminee' | 'echec';
  progression: number;
  message: string | null;
  raison: Erreur | null;
  resultat: string | null;
}

/** The refused rows of a finished mail merge. */
export interface Rapport {
  source: string;
  total: number;
  produites: number;
  lignesRefusees: number[];
  rapport: Array<{ ligne: number; colonne: string; code: string; motif: string }>;
}

/** A candidate of the établissement, with the conformity of its stored dossier. */
export interface Candidat {
  id: number;
  email: string;
  nom: string;
  prenom: string;
  version: number;
  majLe: string | null;
  conformite: { conforme: boolean; epreuves: Partial<Record<'E32' | 'E42', { conforme: boolean; motifs: number }>>; erreurs: number; avertissements: number } | null;
}

/** Returns the letters a mail merge can write. */
export async function lettres(): Promise<Lettre[]> {
  return (await callJson<{ lettres: Lettre[] }>('/api/publipostages')).lettres;
}

/** Returns the standard template of letter `lettre`. */
export async function modeleStandard(lettre: string): Promise<string> {
  return (await call(`/api/publipostages/${encodeURIComponent(lettre)}/modele`)).text();
}

/** Returns a multipart body with the spreadsheet, and the template and mapping when given. */
function corps(tableur: File | undefined, extra: { modele?: string; correspondance?: Correspondance }): FormData {
  const form = new FormData();
  if (tableur !== undefined) form.append('tableur', tableur, tableur.name);
  if (extra.modele !== undefined) form.append('modele', new Blob([extra.modele], { type: 'text/plain' }), 'modele.hbs');
  if (extra.correspondance !== undefined && Object.keys(extra.correspondance).length > 0) {
    form.append('correspondance', new Blob([JSON.stringify(extra.correspondance)], { type: 'application/json' }), 'correspondance.json');
  }
  return form;
}

/** Returns where each column of `tableur` goes for letter `lettre` with the user's `correspondance`. */
export async function colonnes(lettre: string, tableur: File, correspondance: Correspondance): Promise<Colonnes> {
  const r = await call(`/api/publipostages/${encodeURIComponent(lettre)}/colonnes`, { method: 'POST', body: corps(tableur, { correspondance }) });
  return (await r.json()) as Colonnes;
}

/** Returns the problems of a template for letter `lettre` (none: it may be used). */
export async function verifierModele(lettre: string, modele: string): Promise<{ valide: boolean; erreurs: ErreurModele[] }> {
  const r = await call(`/api/publipostages/${encodeURIComponent(lettre)}/modele/verification`, { method: 'POST', body: corps(undefined, { modele }) });
  return (await r.json()) as { valide: boolean; erreurs: ErreurModele[] };
}

/** Returns the PDF of the first valid row of `tableur` written with `modele`, and that row's number. */
export async function apercu(lettre: string, tableur: File, modele: string | undefined, correspondance: Correspondance = {}): Promise<{ pdf: Uint8Array; ligne: number }> {
  const r = await call(`/api/publipostages/${encodeURIComponent(lettre)}/modele/apercu`, { method: 'POST', body: corps(tableur, { ...(modele !== undefined && { modele }), correspondance }) });
  return { pdf: new Uint8Array(await r.arrayBuffer()), ligne: Number(r.headers.get('x-paperasse-ligne') ?? '0') };
}

/** Returns the id of the mail-merge job started for `tableur`. */
export async function lancer(lettre: string, tableur: File, modele: string | undefined, correspondance: Correspondance): Promise<string> {
  const r = await call(`/api/publipostages/${encodeURIComponent(lettre)}`, { method: 'POST', body: corps(tableur, { ...(modele !== undefined && { modele }), correspondance }) });
  return ((await r.json()) as { tache: string }).tache;
}

/** Returns the refused rows of finished job `id`. */
export function rapport(id: string): Promise<Rapport> {
  return callJson<Rapport>(`/api/taches/${encodeURIComponent(id)}/rapport`);
}

/** Returns the candidates of the établissement. */
export async function candidats(): Promise<Candidat[]> {
  return (await callJson<{ candidats: Candidat[] }>('/api/etablissement/candidats')).candidats;
}

/** Returns candidate `id`'s stored dossier (null when none) and its conformity report. */
export function dossierCandidat(id: string): Promise<{ candidat: { id: number; email: string; nom: string; prenom: string }; dossier: unknown; version: number; majLe: string | null; conformite: Conformite | null }> {
  return callJson(`/api/etablissement/candidats/${encodeURIComponent(id)}/dossier`);
}
