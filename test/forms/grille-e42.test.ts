/** Rules of the E42 evaluation grid (circulaire BTS Assurance 2019, annexe X), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { errorCodes, onlyMessage, sampleCopy } from '../helpers.ts';

/** The parts of an E42 grid these tests change. */
interface Data {
  [key: string]: unknown;
  date: string;
  ficheChoisie?: number;
  contenuDossier?: string[];
  competences?: Record<string, { niveau: string }>;
  interrogateurs: Array<{ nom: string; qualite: string; signe?: boolean }>;
}

/** The form under test; its valid sample: oral on 05/06/2019, session 2019, fiche 7 chosen. */
const ID = 'grille-e42';

describe('grille E42 — schema', () => {
  it('chooses a fiche among fiches 6 to 9', () => {
    const d = sampleCopy<Data>(ID);
    d.ficheChoisie = 6;
    expect(errorCodes(ID, d)).toEqual([]);
    d.ficheChoisie = 9;
    expect(errorCodes(ID, d)).toEqual([]);
    d.ficheChoisie = 5;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_HORS_LIMITES /ficheChoisie']);
    expect(onlyMessage(ID, d)).toBe('« Situation choisie - Fiche n° » doit être supérieur ou égal à 6');
    d.ficheChoisie = 10;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_HORS_LIMITES /ficheChoisie']);
  });

  it('offers only the four printed boxes of the contenu du dossier, each once', () => {
    const d = sampleCopy<Data>(ID);
    d.contenuDossier = ['personnes', 'personnes', 'epargne'];
    expect(errorCodes(ID, d)).toEqual(['DOUBLON /contenuDossier', 'VALEUR_NON_AUTORISEE /contenuDossier/2']);
  });

  it('keeps exactly the competencies C25 to C32', () => {
    const d = sampleCopy<Data>(ID);
    d.competences!.C24 = { niveau: 'S' };
    expect(errorCodes(ID, d)).toEqual(['CHAMP_INCONNU /competences/C24']);
  });
});

describe('grille E42 — DATE_HORS_SESSION', () => {
  it('rejects a date outside the session year', () => {
    const d = sampleCopy<Data>(ID);
    d.date = '2018-12-31';
    expect(errorCodes(ID, d)).toEqual(['DATE_HORS_SESSION /date']);
    expect(onlyMessage(ID, d)).toBe('« Date » (31/12/2018) doit tomber dans l’année de la session 2019');
  });

  it('accepts the first day of the session year', () => {
    const d = sampleCopy<Data>(ID);
    d.date = '2019-01-01';
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E42 — NOTE_SANS_POSITIONNEMENT', () => {
  it('rejects a proposed grade without any competency positioned', () => {
    const d = sampleCopy<Data>(ID);
    delete d.competences;
    expect(errorCodes(ID, d)).toEqual(['NOTE_SANS_POSITIONNEMENT /noteProposee']);
    expect(onlyMessage(ID, d)).toContain('« Note sur 20 proposée par la commission d’interrogation » est renseignée alors qu’aucune compétence n’est positionnée');
  });

  it('accepts a grade when one competency is positioned beside « NO » ones', () => {
    const d = sampleCopy<Data>(ID);
    d.competences = { C25: { niveau: 'NO' }, C32: { niveau: 'I' } };
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E42 — COMMISSION_SANS_ENSEIGNANT', () => {
  it('rejects a commission of two professionals', () => {
    const d = sampleCopy<Data>(ID);
    d.interrogateurs[0]!.qualite = 'professionnel';
    expect(errorCodes(ID, d)).toEqual(['COMMISSION_SANS_ENSEIGNANT /interrogateurs']);
    expect(onlyMessage(ID, d)).toBe('« NOMS DES INTERROGATEURS — SIGNATURES » doit compter au moins un membre de qualité « Enseignant »');
  });

  it('accepts two teachers', () => {
    const d = sampleCopy<Data>(ID);
    d.interrogateurs[1]!.qualite = 'enseignant';
    expect(errorCodes(ID, d)).toEqual([]);
  });
});
