/** Rules of the E5 CCF evaluation grid (circulaire BTS Assurance 2019, annexe XI), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { errorCodes, onlyMessage, sampleCopy } from '../helpers.ts';

/** The parts of an E5 grid these tests change. */
interface Data {
  [key: string]: unknown;
  dateCommission?: string;
  etablissement?: { nom: string; ville: string };
  competences: Record<string, { niveau: string }>;
  membresCommission: Array<{ nom: string; qualite: string }>;
}

/** The form under test; its valid sample: commission on 11/04/2019, session 2019, professor and tutor. */
const ID = 'grille-e5-ccf';

describe('grille E5 CCF — schema', () => {
  it('has no « NO » level', () => {
    const d = sampleCopy<Data>(ID);
    d.competences.C48!.niveau = 'NO';
    expect(errorCodes(ID, d)).toEqual(['VALEUR_NON_AUTORISEE /competences/C48/niveau']);
    expect(onlyMessage(ID, d)).toContain('« Niveau » doit être l’un des choix du formulaire : « TI — Très insuffisant » ("TI"), « I — Insuffisant » ("I"), « S — Satisfaisant » ("S"), « TS — Très satisfaisant » ("TS")');
  });

  it('requires the establishment, the candidate and the date of the commission', () => {
    const d = sampleCopy<Data>(ID);
    delete d.etablissement;
    delete d.dateCommission;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /dateCommission', 'CHAMP_OBLIGATOIRE /etablissement']);
  });

  it('keeps exactly the competencies C1 and C42 to C49', () => {
    const d = sampleCopy<Data>(ID);
    d.competences.C41 = { niveau: 'S' };
    expect(errorCodes(ID, d)).toEqual(['CHAMP_INCONNU /competences/C41']);
  });
});

describe('grille E5 CCF — DATE_HORS_SESSION', () => {
  it('accepts a commission from the session year minus two to the session year', () => {
    const d = sampleCopy<Data>(ID);
    d.dateCommission = '2017-01-01';
    expect(errorCodes(ID, d)).toEqual([]);
    d.dateCommission = '2019-12-31';
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('rejects a commission outside the two-year training', () => {
    const d = sampleCopy<Data>(ID);
    d.dateCommission = '2020-01-01';
    expect(errorCodes(ID, d)).toEqual(['DATE_HORS_SESSION /dateCommission']);
    expect(onlyMessage(ID, d)).toBe('« Date de la commission » (01/01/2020) doit tomber dans les années 2017 à 2019 (formation préparant la session 2019)');
  });
});

describe('grille E5 CCF — NOTE_SANS_POSITIONNEMENT', () => {
  it('rejects a proposed grade without any competency positioned', () => {
    const d = sampleCopy<Data>(ID);
    d.competences = {};
    expect(errorCodes(ID, d)).toEqual(['NOTE_SANS_POSITIONNEMENT /noteProposee']);
    expect(onlyMessage(ID, d)).toMatch(/^« NOTE GLOBALE PROPOSÉE PAR LA COMMISSION » est renseignée/);
  });

  it('accepts a grade with a single competency positioned', () => {
    const d = sampleCopy<Data>(ID);
    d.competences = { C43: { niveau: 'S' } };
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E5 CCF — COMMISSION_SANS_PROFESSEUR', () => {
  it('rejects a commission of two tutors', () => {
    const d = sampleCopy<Data>(ID);
    d.membresCommission[0]!.qualite = 'tuteur';
    expect(errorCodes(ID, d)).toEqual(['COMMISSION_SANS_PROFESSEUR /membresCommission']);
    expect(onlyMessage(ID, d)).toBe('« Noms et qualités des membres de la commission d\'évaluation » doit compter au moins un membre de qualité « Professeur »');
  });

  it('accepts a second professor replacing the tutor', () => {
    const d = sampleCopy<Data>(ID);
    d.membresCommission[1] = { nom: 'M. Alain Pujol', qualite: 'professeur' };
    expect(errorCodes(ID, d)).toEqual([]);
  });
});
