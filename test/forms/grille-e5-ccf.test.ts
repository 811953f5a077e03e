/** Rules of the E5 CCF evaluation grid (circulaire BTS Assurance 2019, annexe XI), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { codes, readJson, paperasse } from '../helpers.ts';

/** The parts of an E5 grid these tests change. */
interface Data {
  [key: string]: unknown;
  dateCommission?: string;
  etablissement?: { nom: string; ville: string };
  competences: Record<string, { niveau: string }>;
  membresCommission: Array<{ nom: string; qualite: string }>;
}

/** Returns a fresh copy of the valid sample (commission on 11/04/2019, session 2019, professor and tutor). */
function grid(): Data {
  return structuredClone(readJson('samples/grille-e5-ccf.json')) as Data;
}

/** Returns the errors of `donnees`. */
function validate(data: unknown): Array<{ code: string; chemin: string; message: string }> {
  const r = paperasse().validate('grille-e5-ccf', data);
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

describe('grille E5 CCF — schema', () => {
  it('has no « NO » level', () => {
    const d = grid();
    d.competences.C48!.niveau = 'NO';
    expect(erreurs(d)).toEqual(['VALEUR_NON_AUTORISEE /competences/C48/niveau']);
    expect(message(d)).toContain('« Niveau » doit être l’un des choix du formulaire : « TI — Très insuffisant » ("TI"), « I — Insuffisant » ("I"), « S — Satisfaisant » ("S"), « TS — Très satisfaisant » ("TS")');
  });

  it('requires the establishment, the candidate and the date of the commission', () => {
    const d = grid();
    delete d.etablissement;
    delete d.dateCommission;
    expect(erreurs(d)).toEqual(['CHAMP_OBLIGATOIRE /dateCommission', 'CHAMP_OBLIGATOIRE /etablissement']);
  });

  it('keeps exactly the competencies C1 and C42 to C49', () => {
    const d = grid();
    d.competences.C41 = { niveau: 'S' };
    expect(erreurs(d)).toEqual(['CHAMP_INCONNU /competences/C41']);
  });
});

describe('grille E5 CCF — DATE_HORS_SESSION', () => {
  it('accepts a commission from the session year minus two to the session year', () => {
    const d = grid();
    d.dateCommission = '2017-01-01';
    expect(erreurs(d)).toEqual([]);
    d.dateCommission = '2019-12-31';
    expect(erreurs(d)).toEqual([]);
  });

  it('rejects a commission outside the two-year training', () => {
    const d = grid();
    d.dateCommission = '2020-01-01';
    expect(erreurs(d)).toEqual(['DATE_HORS_SESSION /dateCommission']);
    expect(message(d)).toBe('« Date de la commission » (01/01/2020) doit tomber dans les années 2017 à 2019 (formation préparant la session 2019)');
  });
});

describe('grille E5 CCF — NOTE_SANS_POSITIONNEMENT', () => {
  it('rejects a proposed grade without any competency positioned', () => {
    const d = grid();
    d.competences = {};
    expect(erreurs(d)).toEqual(['NOTE_SANS_POSITIONNEMENT /noteProposee']);
    expect(message(d)).toMatch(/^« NOTE GLOBALE PROPOSÉE PAR LA COMMISSION » est renseignée/);
  });

  it('accepts a grade with a single competency positioned', () => {
    const d = grid();
    d.competences = { C43: { niveau: 'S' } };
    expect(erreurs(d)).toEqual([]);
  });
});

describe('grille E5 CCF — COMMISSION_SANS_PROFESSEUR', () => {
  it('rejects a commission of two tutors', () => {
    const d = grid();
    d.membresCommission[0]!.qualite = 'tuteur';
    expect(erreurs(d)).toEqual(['COMMISSION_SANS_PROFESSEUR /membresCommission']);
    expect(message(d)).toBe('« Noms et qualités des membres de la commission d\'évaluation » doit compter au moins un membre de qualité « Professeur »');
  });

  it('accepts a second professor replacing the tutor', () => {
    const d = grid();
    d.membresCommission[1] = { nom: 'M. Alain Pujol', qualite: 'professeur' };
    expect(erreurs(d)).toEqual([]);
  });
});
