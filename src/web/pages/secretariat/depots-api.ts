/** The secretariat's calls to the service: uploads of returned PDFs, their readings, their originals and the export. */
import { call, callJson, type Erreur } from '../../api.ts';

/** One signature of a returned PDF, as the table shows it. */
export interface SignatureResume {
  signataire: string;
  date: string | null;
  integre: boolean;
  modifieApresSignature: boolean;
}

/** A change found in a returned PDF: the value Paperasse wrote, and the one read back. */
export interface Modification {
  chemin: string;
  avant: unknown;
  apres: unknown;
}

/** What reading a returned PDF gave (GET /api/depots/:id → resultat). */
export type Lecture =
  | {
      ok: true;
      valeur: {
        formulaire: string;
        version: string;
        source: string;
        donnees: unknown;
        valide: boolean;
        erreurs: Erreur[];
        modifications: Modification[];
        signatures: Array<SignatureResume & { couvreToutLeDocument: boolean; champsModifies: string[]; champ?: string; detail?: string }>;
        avertissements: Erreur[];
      };
    }
  | { ok: false; erreur: Erreur };

/** An upload as GET /api/depots lists it. */
export interface Depot {
  id: number;
  statut: 'en-attente' | 'traite' | 'echec';
  formulaire: string | null;
  version: string | null;
  source: string | null;
  valide: boolean | null;
  resultat: Lecture | null;
  traiteLe: string | null;
  personne: string | null;
  signatures: SignatureResume[];
  modifieApresSignature: boolean;
  nombreModifications: number;
  receptions: Array<{ nomFichier: string; recuLe: string }>;
}

/** Returns the ids of the uploads made of these PDFs (stored before they are read). */
export async function deposer(fichiers: readonly File[]): Promise<Array<{ id: number; nouveau: boolean }>> {
  const form = new FormData();
  for (const f of fichiers) form.append('fichiers', f, f.name);
  const r = await call('/api/depots', { method: 'POST', body: form });
  return ((await r.json()) as { depots: Array<{ id: number; nouveau: boolean }> }).depots;
}

/** Returns the établissement's uploads, newest first as the service lists them. */
export async function depots(): Promise<Depot[]> {
  return (await callJson<{ depots: Depot[] }>('/api/depots')).depots;
}

/** Returns upload `id` with its reading. */
export function depot(id: string): Promise<Depot> {
  return callJson<Depot>(`/api/depots/${encodeURIComponent(id)}`);
}

/** Returns the bytes of the PDF as it was received. */
export async function original(id: string): Promise<Uint8Array> {
  const r = await call(`/api/depots/${encodeURIComponent(id)}/original`);
  return new Uint8Array(await r.arrayBuffer());
}

/** Returns the address of the export of form `formulaire`'s readings as CSV or XLSX. */
export function exportUrl(formulaire: string, format: 'csv' | 'xlsx'): string {
  return `/api/depots/export?${new URLSearchParams({ formulaire, format }).toString()}`;
}
