/**
 * The parts of the dossier professionnel the editor shows one at a time: where each lives in the dossier (a JSON
 * Pointer), which form renders it alone, and how a validation path (JSON Pointer) maps to a part and a field id.
 */

/** The id prefix of the fields of the editor (rjsf's idPrefix; fields are `champ_<segment>_<segment>…`). */
export const FIELD_PREFIX = 'champ';

/** A JSON object of the dossier. */
export type Objet = Record<string, unknown>;

/** One part of the dossier. */
export interface Partie {
  id: string;
  titre: string;
  /** The épreuve whose conformity panel the part's motifs go to (both for the shared parts). */
  epreuves: ReadonlyArray<'E32' | 'E42'>;
  kind: 'identite' | 'pageDeGarde' | 'attestations' | 'fichesContexte' | 'E32' | 'E42';
  /** For a fiche d'activités: its number (1 to 5 for E32, 6 to 9 for E42). */
  numero?: number;
}

/** The identity part's properties (the top of the dossier). */
export const IDENTITE_KEYS = ['session', 'epreuves', 'candidat', 'etablissement'] as const;

/** Every part, in the dossier's order. */
export const PARTIES: readonly Partie[] = [
  { id: 'identite', titre: 'Candidat et épreuves', epreuves: ['E32', 'E42'], kind: 'identite' },
  { id: 'page-de-garde', titre: 'Page de garde', epreuves: ['E32', 'E42'], kind: 'pageDeGarde' },
  { id: 'attestations', titre: 'Attestations', epreuves: ['E32', 'E42'], kind: 'attestations' },
  { id: 'fiches-contexte', titre: 'Fiches contexte', epreuves: ['E32', 'E42'], kind: 'fichesContexte' },
  ...[1, 2, 3, 4, 5].map((n) => ({ id: `e32-${n}`, titre: `Fiche E32 n° ${n}`, epreuves: ['E32'] as const, kind: 'E32' as const, numero: n })),
  ...[6, 7, 8, 9].map((n) => ({ id: `e42-${n}`, titre: `Fiche E42 n° ${n}`, epreuves: ['E42'] as const, kind: 'E42' as const, numero: n })),
];

/** Returns the array property of the fiches of a fiche part. */
export function ficheArray(kind: 'E32' | 'E42'): 'fichesActiviteE32' | 'fichesActiviteE42' {
  return kind === 'E32' ? 'fichesActiviteE32' : 'fichesActiviteE42';
}

/** Returns the array of objects at `key` of the dossier (empty when absent). */
export function objects(dossier: Objet, key: string): Objet[] {
  const v = dossier[key];
  return Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object') as Objet[]) : [];
}

/** Returns the index in its array of the fiche numbered `numero`, or -1. */
export function ficheIndex(dossier: Objet, kind: 'E32' | 'E42', numero: number): number {
  return objects(dossier, ficheArray(kind)).findIndex((f) => f.numero === numero);
}

/** Returns the JSON Pointer of a part inside the dossier ('' for the identity part, whose fields sit at the top). */
export function partPointer(dossier: Objet, partie: Partie): string {
  switch (partie.kind) {
    case 'identite':
      return '';
    case 'pageDeGarde':
      return '/pageDeGarde';
    case 'attestations':
      return '/attestations';
    case 'fichesContexte':
      return '/fichesContexte';
    default: {
      const i = ficheIndex(dossier, partie.kind, partie.numero ?? 0);
      return i < 0 ? `/${ficheArray(partie.kind)}/-` : `/${ficheArray(partie.kind)}/${i}`;
    }
  }
}

/** Returns the unescaped segments of a JSON Pointer. */
export function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Returns the part a JSON Pointer of the dossier falls in, and the id of its field in that part's form (undefined for a pointer above any field). */
export function locate(dossier: Objet, pointer: string): { partie: Partie; champ?: string } | undefined {
  const s = segmentsOf(pointer);
  const head = s[0];
  const fieldId = (rest: string[]) => (rest.length === 0 ? undefined : [FIELD_PREFIX, ...rest].join('_'));
  const byId = (id: string) => PARTIES.find((p) => p.id === id);
  if (head === undefined) return undefined;
  if ((IDENTITE_KEYS as readonly string[]).includes(head)) {
    const p = byId('identite');
    return p && { partie: p, champ: fieldId(s) };
  }
  if (head === 'pageDeGarde' || head === 'attestations' || head === 'fichesContexte') {
    const p = byId(head === 'pageDeGarde' ? 'page-de-garde' : head === 'attestations' ? 'attestations' : 'fiches-contexte');
    return p && { partie: p, champ: fieldId(s.slice(1)) };
  }
  if (head === 'fichesActiviteE32' || head === 'fichesActiviteE42') {
    const kind = head === 'fichesActiviteE32' ? 'E32' : 'E42';
    const index = Number(s[1]);
    const fiche = Number.isInteger(index) ? objects(dossier, head)[index] : undefined;
    const numero = typeof fiche?.numero === 'number' ? fiche.numero : undefined;
    const p = PARTIES.find((x) => x.kind === kind && x.numero === numero) ?? PARTIES.find((x) => x.kind === kind);
    return p && { partie: p, champ: numero === undefined ? undefined : fieldId(s.slice(2)) };
  }
  return undefined;
}

/** Returns the JSON Pointer of a field id of a part's form (the inverse of `locate`). */
export function pointerOfField(dossier: Objet, partie: Partie, id: string): string {
  const rest = id.split('_').slice(1);
  const base = partPointer(dossier, partie);
  return base + rest.map((r) => `/${r}`).join('');
}

/** Returns the candidate's name and session as every form of the dossier starts with them. */
function heading(dossier: Objet): Objet {
  const candidat = (dossier.candidat ?? {}) as Objet;
  return { session: dossier.session, candidat: { nom: candidat.nom, prenom: candidat.prenom } };
}

/** One document a part can be downloaded as alone: its form and its data. */
export interface DocumentSeul {
  formulaire: string;
  titre: string;
  donnees: Objet;
}

/** Returns the documents a part is printed as on its own (a fiche and its fiche client, each fiche contexte, the page de garde). */
export function documentsOf(dossier: Objet, partie: Partie): DocumentSeul[] {
  if (partie.kind === 'pageDeGarde') {
    const d: Objet = { session: dossier.session, candidat: dossier.candidat, ...((dossier.pageDeGarde ?? {}) as Objet) };
    if (dossier.etablissement !== undefined) d.etablissement = dossier.etablissement;
    return [{ formulaire: 'page-de-garde', titre: 'Page de garde', donnees: d }];
  }
  if (partie.kind === 'fichesContexte') {
    return objects(dossier, 'fichesContexte').map((f, i) => ({ formulaire: 'fiche-contexte', titre: `Fiche contexte n° ${typeof f.numero === 'number' ? f.numero : i + 1}`, donnees: { ...heading(dossier), ...f } }));
  }
  if (partie.kind === 'E32' || partie.kind === 'E42') {
    const fiche = objects(dossier, ficheArray(partie.kind))[ficheIndex(dossier, partie.kind, partie.numero ?? 0)];
    if (fiche === undefined) return [];
    const { ficheClient, ...rest } = fiche;
    const docs: DocumentSeul[] = [{ formulaire: partie.kind === 'E32' ? 'fiche-activite-e32' : 'fiche-activite-e42', titre: `Fiche d’activité n° ${String(partie.numero)}`, donnees: { ...heading(dossier), ...rest, ficheClient } }];
    if (ficheClient !== null && typeof ficheClient === 'object') {
      docs.push({ formulaire: 'fiche-client', titre: `Fiche client de la fiche n° ${String(partie.numero)}`, donnees: { ...heading(dossier), ficheActivite: partie.numero, ficheContexte: fiche.ficheContexte, ...(ficheClient as Objet) } });
    }
    return docs;
  }
  return [];
}
