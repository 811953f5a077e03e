/** Rules of the E42 evaluation grid (circulaire BTS Assurance 2019, annexe X), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { codes, readJson, paperasse } from '../helpers.ts';

/** The parts of an E42 grid these tests change. */
interface Data {
  [key: string]: unknown;
  date: string;
  ficheChoisie?: number;
  contenuDossier?: string[];
  competences?: Record<string, { niveau: string }>;
  interrogateurs: Array<{ nom: string; qualite: string; signe?: boolean }>;
}

/** Returns a fresh copy of the valid sample (oral on 05/06/2019, session 2019, fiche 7 chosen). */
function grid(): Data {
  return structuredClone(readJson('samples/grille-e42.json')) as Data;
}

/** Returns the errors of `donnees`. */
function validate(data: unknown): Array<{ code: string; chemin: string; message: string }> {
  const r = paperasse().validate('grille-e42', data);
  if (!r.ok) throw new Error(r.erreur.message);
  return r.valeur.erreurs;
}

/** Returns the sorted "CODE chemin" list of the errors of `donnees`. */
function erreurs(data: unknown): string[] {
  return codes(validate(data));
}

/** Returns the message of the only error of `donnees`. */
function message(data: unknown): string {
  const e = validate(data);
  expect(e).toHaveLength(1);
  return e[0]?.message ?? '';
}

describe('grille E42 — schema', () => {
  it('chooses a fiche among fiches 6 to 9', () => {
    const d = grid();
    d.ficheChoisie = 6;
    expect(erreurs(d)).toEqual([]);
    d.ficheChoisie = 9;
    expect(erreurs(d)).toEqual([]);
    d.ficheChoisie = 5;
    expect(erreurs(d)).toEqual(['VALEUR_HORS_LIMITES /ficheChoisie']);
    expect(message(d)).toBe('« Situation choisie - Fiche n° » doit être supérieur ou égal à 6');
    d.ficheChoisie = 10;
    expect(erreurs(d)).toEqual(['VALEUR_HORS_LIMITES /ficheChoisie']);
  });

  it('offers only the four printed boxes of the contenu du dossier, each once', () => {
    const d = grid();
    d.contenuDossier = ['personnes', 'personnes', 'epargne'];
    expect(erreurs(d)).toEqual(['DOUBLON /contenuDossier', 'VALEUR_NON_AUTORISEE /contenuDossier/2']);
  });

  it('keeps exactly the competencies C25 to C32', () => {
    const d = grid();
    d.competences!.C24 = { niveau: 'S' };
    expect(erreurs(d)).toEqual(['CHAMP_INCONNU /competences/C24']);
  });
});

describe('grille E42 — DATE_HORS_SESSION', () => {
  it('rejects a date outside the session year', () => {
    const d = grid();
    d.date = '2018-12-31';
    expect(erreurs(d)).toEqual(['DATE_HORS_SESSION /date']);
    expect(message(d)).toBe('« Date » (31/12/2018) doit tomber dans l’année de la session 2019');
  });

  it('accepts the first day of the session year', () => {
    const d = grid();
    d.date = '2019-01-01';
    expect(erreurs(d)).toEqual([]);
  });
});

describe('grille E42 — NOTE_SANS_POSITIONNEMENT', () => {
  it('rejects a proposed grade without any competency positioned', () => {
    const d = grid();
    delete d.competences;
    expect(erreurs(d)).toEqual(['NOTE_SANS_POSITIONNEMENT /noteProposee']);
    expect(message(d)).toContain('« Note sur 20 proposée par la commission d’interrogation » est renseignée alors qu’aucune compétence n’est positionnée');
  });

  it('accepts a grade when one competency is positioned beside « NO » ones', () => {
    const d = grid();
    d.competences = { C25: { niveau: 'NO' }, C32: { niveau: 'I' } };
    expect(erreurs(d)).toEqual([]);
  });
});

describe('grille E42 — COMMISSION_SANS_ENSEIGNANT', () => {
  it('rejects a commission of two professionals', () => {
    const d = grid();
    d.interrogateurs[0]!.qualite = 'professionnel';
    expect(erreurs(d)).toEqual(['COMMISSION_SANS_ENSEIGNANT /interrogateurs']);
    expect(message(d)).toBe('« NOMS DES INTERROGATEURS — SIGNATURES » doit compter au moins un membre de qualité « Enseignant »');
  });

  it('accepts two teachers', () => {
    const d = grid();
    d.interrogateurs[1]!.qualite = 'enseignant';
    expect(erreurs(d)).toEqual([]);
  });
});
