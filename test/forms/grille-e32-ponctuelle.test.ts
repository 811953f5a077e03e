/** Rules of the E32 grid, forme ponctuelle (circulaire BTS Assurance 2019, annexe VIII), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { errorCodes, onlyMessage, sampleCopy } from '../helpers.ts';

/** The parts of an E32 grid these tests change. */
interface Data {
  [key: string]: unknown;
  date?: string;
  noteProposee?: number;
  contenuDossier: { fiches?: Array<{ numero: number; etat: string }>; situations?: string[]; assuranceDuProfessionnel?: string[] };
  ficheChoisie?: number;
  competences: Record<string, { niveau: string }>;
  interrogateurs: Array<{ nom: string; qualite: string; signe?: boolean }>;
}

/** The form under test; its valid sample: oral on 28/05/2019, session 2019, fiche 3 chosen, fiche 5 without context. */
const ID = 'grille-e32-ponctuelle';

describe('grille E32 ponctuelle — schema', () => {
  it('requires the session, the date and the candidate, and nothing else', () => {
    const d = sampleCopy<Data>(ID);
    for (const key of ['noteProposee', 'competences', 'contenuDossier', 'ficheChoisie', 'parametresModifies', 'appreciationGlobale', 'visaCommission', 'interrogateurs']) delete d[key];
    expect(errorCodes(ID, d)).toEqual([]);
    delete d.date;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /date']);
    expect(onlyMessage(ID, d)).toBe('« Date » est obligatoire');
  });

  it('has no CCF situation boxes nor control dates', () => {
    const d = sampleCopy<Data>(ID);
    d.situation = 'synthese';
    expect(errorCodes(ID, d)).toEqual(['CHAMP_INCONNU /situation']);
  });

  it('chooses a fiche among fiches 1 to 5', () => {
    const d = sampleCopy<Data>(ID);
    d.ficheChoisie = 6;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_HORS_LIMITES /ficheChoisie']);
  });
});

describe('grille E32 ponctuelle — DATE_HORS_SESSION', () => {
  it('accepts the first and last days of the session year', () => {
    const d = sampleCopy<Data>(ID);
    d.date = '2019-01-01';
    expect(errorCodes(ID, d)).toEqual([]);
    d.date = '2019-12-31';
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('rejects a date outside the session year', () => {
    const d = sampleCopy<Data>(ID);
    d.date = '2018-12-31';
    expect(errorCodes(ID, d)).toEqual(['DATE_HORS_SESSION /date']);
    expect(onlyMessage(ID, d)).toBe('« Date » (31/12/2018) doit tomber dans l’année de la session 2019');
    d.date = '2020-01-01';
    expect(errorCodes(ID, d)).toEqual(['DATE_HORS_SESSION /date']);
  });
});

describe('grille E32 ponctuelle — FICHE_EN_DOUBLE', () => {
  it('rejects a fiche listed twice in the contenu du dossier', () => {
    const d = sampleCopy<Data>(ID);
    d.contenuDossier.fiches![1]!.numero = 3;
    expect(errorCodes(ID, d)).toEqual(['FICHE_EN_DOUBLE /contenuDossier/fiches/2/numero']);
    expect(onlyMessage(ID, d)).toContain('Fiche n° 3 — « Fiche n° » est déjà sur la ligne n° 2 du tableau');
  });
});

describe('grille E32 ponctuelle — FICHE_CHOISIE_NON_PRESENTE', () => {
  it('rejects a chosen fiche whose context fiche is missing', () => {
    const d = sampleCopy<Data>(ID);
    d.ficheChoisie = 5;
    expect(errorCodes(ID, d)).toEqual(['FICHE_CHOISIE_NON_PRESENTE /ficheChoisie']);
    expect(onlyMessage(ID, d)).toMatch(/^« Situation choisie - Fiche n° » désigne la fiche 5, qui est marquée « F\. Contexte absente »/);
  });

  it('accepts a chosen fiche marked « Oui » even when its fiche client is missing', () => {
    const d = sampleCopy<Data>(ID);
    d.ficheChoisie = 2;
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E32 ponctuelle — PROFESSIONNEL_NON_COCHE', () => {
  it('rejects the professionnel sub-boxes without the professionnel situation', () => {
    const d = sampleCopy<Data>(ID);
    d.contenuDossier.situations = ['biens-responsabilite'];
    expect(errorCodes(ID, d)).toEqual(['PROFESSIONNEL_NON_COCHE /contenuDossier/assuranceDuProfessionnel']);
    expect(onlyMessage(ID, d)).toContain('ne se coche que si la case « Situation d’assurance du professionnel artisan, commerçant, profession libérale ou syndic de copropriété » est cochée');
  });
});

describe('grille E32 ponctuelle — NOTE_SANS_POSITIONNEMENT', () => {
  it('rejects a proposed grade with every competency « Non observable »', () => {
    const d = sampleCopy<Data>(ID);
    for (const c of Object.values(d.competences)) c.niveau = 'NO';
    expect(errorCodes(ID, d)).toEqual(['NOTE_SANS_POSITIONNEMENT /noteProposee']);
    expect(onlyMessage(ID, d)).toContain('« Note sur 20 proposée par la commission d’interrogation »');
  });

  it('accepts a grade of 0 with one competency positioned « TI »', () => {
    const d = sampleCopy<Data>(ID);
    d.noteProposee = 0;
    d.competences = { C5: { niveau: 'TI' } };
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E32 ponctuelle — COMMISSION_SANS_ENSEIGNANT', () => {
  it('rejects a commission without a teacher', () => {
    const d = sampleCopy<Data>(ID);
    d.interrogateurs[0]!.qualite = 'professionnel';
    expect(errorCodes(ID, d)).toEqual(['COMMISSION_SANS_ENSEIGNANT /interrogateurs']);
    expect(onlyMessage(ID, d)).toContain('« NOMS DES INTERROGATEURS — SIGNATURES »');
  });

  it('accepts a teacher replacing the professional', () => {
    const d = sampleCopy<Data>(ID);
    d.interrogateurs[1]!.qualite = 'enseignant';
    expect(errorCodes(ID, d)).toEqual([]);
  });
});
