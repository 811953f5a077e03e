/** Rules of the E32 CCF evaluation grid (circulaire BTS Assurance 2019, annexe VII), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { errorCodes, errorsOf, onlyMessage, sampleCopy } from '../helpers.ts';

/** The parts of an E32 grid these tests change. */
interface Data {
  [key: string]: unknown;
  situation: string;
  dateControleSituation1?: string;
  dateControleSituation2?: string;
  noteProposee?: number;
  contenuDossier: { fiches?: Array<{ numero: number; etat: string }>; situations?: string[]; assuranceDuProfessionnel?: string[] };
  ficheChoisie?: number;
  competences: Record<string, { niveau: string }>;
  interrogateurs: Array<{ nom: string; qualite: string; signe?: boolean }>;
}

/** The form under test; its valid sample: synthèse, controls on 17/01/2019 and 21/03/2019, fiche 2 chosen. */
const ID = 'grille-e32-ccf';

describe('grille E32 CCF — schema', () => {
  it('accepts a grid saved before the commission has finished: no competency, no grade, no dossier content', () => {
    const d = sampleCopy<Data>(ID);
    for (const key of ['noteProposee', 'competences', 'contenuDossier', 'ficheChoisie', 'parametresModifies', 'appreciationGlobale', 'interrogateurs']) delete d[key];
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('requires both control dates for the synthesis of the two situations', () => {
    const d = sampleCopy<Data>(ID);
    delete d.dateControleSituation2;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /dateControleSituation2']);
    expect(onlyMessage(ID, d)).toBe('« Date du contrôle (situation n° 2) » est obligatoire');
  });

  it('requires only the date of the situation evaluated for situation n° 1 or n° 2', () => {
    const d = sampleCopy<Data>(ID);
    d.situation = 'situation-1';
    delete d.dateControleSituation2;
    expect(errorCodes(ID, d)).toEqual([]);
    d.situation = 'situation-2';
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /dateControleSituation2']);
  });

  it('keeps exactly the printed competency keys, with the levels TI, I, S, TS and NO', () => {
    const d = sampleCopy<Data>(ID);
    d.competences.C4 = { niveau: 'S' };
    d.competences.C2 = { niveau: 'B' };
    expect(errorCodes(ID, d)).toEqual(['CHAMP_INCONNU /competences/C4', 'VALEUR_NON_AUTORISEE /competences/C2/niveau']);
  });

  it('requires a sub-box when the professionnel situation is ticked', () => {
    const d = sampleCopy<Data>(ID);
    delete d.contenuDossier.assuranceDuProfessionnel;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /contenuDossier/assuranceDuProfessionnel']);
    d.contenuDossier.assuranceDuProfessionnel = [];
    expect(errorCodes(ID, d)).toEqual(['TROP_PEU_D_ELEMENTS /contenuDossier/assuranceDuProfessionnel']);
  });

  it('grades in whole or half points and lists at most two interrogateurs', () => {
    const d = sampleCopy<Data>(ID);
    d.noteProposee = 14.25;
    d.interrogateurs.push({ nom: 'M. Jean Tissot', qualite: 'enseignant' });
    expect(errorCodes(ID, d)).toEqual(['TROP_D_ELEMENTS /interrogateurs', 'VALEUR_NON_MULTIPLE /noteProposee']);
  });
});

describe('grille E32 CCF — DATES_CONTROLE_ORDONNEES', () => {
  it('rejects a situation n° 2 dated before situation n° 1', () => {
    const d = sampleCopy<Data>(ID);
    d.dateControleSituation2 = '2019-01-16';
    expect(errorCodes(ID, d)).toEqual(['DATES_CONTROLE_ORDONNEES /dateControleSituation2']);
    expect(onlyMessage(ID, d)).toMatch(/^« Date du contrôle \(situation n° 2\) » \(16\/01\/2019\) précède la « Date du contrôle \(situation n° 1\) » \(17\/01\/2019\)/);
  });

  it('accepts both situations on the same day', () => {
    const d = sampleCopy<Data>(ID);
    d.dateControleSituation2 = d.dateControleSituation1;
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E32 CCF — DATE_HORS_SESSION', () => {
  it('accepts dates from the session year minus two to the session year', () => {
    const d = sampleCopy<Data>(ID);
    d.dateControleSituation1 = '2017-01-01';
    d.dateControleSituation2 = '2019-12-31';
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('rejects a date before the two-year training or after the session year', () => {
    const d = sampleCopy<Data>(ID);
    d.dateControleSituation1 = '2016-12-31';
    d.dateControleSituation2 = '2020-01-01';
    expect(errorCodes(ID, d)).toEqual(['DATE_HORS_SESSION /dateControleSituation1', 'DATE_HORS_SESSION /dateControleSituation2']);
    expect(errorsOf(ID, d)[0]?.message).toBe('« Date du contrôle (situation n° 1) » (31/12/2016) doit tomber dans les années 2017 à 2019 (formation préparant la session 2019)');
  });
});

describe('grille E32 CCF — FICHE_EN_DOUBLE', () => {
  it('rejects a fiche listed twice in the contenu du dossier, on its second line', () => {
    const d = sampleCopy<Data>(ID);
    d.contenuDossier.fiches![4] = { numero: 1, etat: 'non' };
    expect(errorCodes(ID, d)).toEqual(['FICHE_EN_DOUBLE /contenuDossier/fiches/4/numero']);
    expect(onlyMessage(ID, d)).toBe(
      'CONTENU DU DOSSIER PROFESSIONNEL À LA DATE DU CONTRÔLE — Fiche n° 1 — « Fiche n° » est déjà sur la ligne n° 1 du tableau : chaque fiche d’activité (1 à 5) y figure une seule fois',
    );
  });
});

describe('grille E32 CCF — FICHE_CHOISIE_NON_PRESENTE', () => {
  it('rejects a chosen fiche marked « F. Contexte absente » or « Non »', () => {
    const d = sampleCopy<Data>(ID);
    d.ficheChoisie = 4;
    expect(errorCodes(ID, d)).toEqual(['FICHE_CHOISIE_NON_PRESENTE /ficheChoisie']);
    expect(onlyMessage(ID, d)).toBe(
      '« Situation choisie - Fiche n° » désigne la fiche 4, qui est marquée « F. Contexte absente » au contenu du dossier professionnel : la commission choisit une fiche marquée « Oui »',
    );
    d.contenuDossier.fiches![3]!.etat = 'non';
    expect(errorCodes(ID, d)).toEqual(['FICHE_CHOISIE_NON_PRESENTE /ficheChoisie']);
  });

  it('rejects a chosen fiche missing from a filled-in table', () => {
    const d = sampleCopy<Data>(ID);
    d.contenuDossier.fiches = d.contenuDossier.fiches!.filter((f) => f.numero !== 2);
    expect(errorCodes(ID, d)).toEqual(['FICHE_CHOISIE_NON_PRESENTE /ficheChoisie']);
  });

  it('accepts a chosen fiche marked « Oui », even with its fiche client missing, and any fiche while the table is empty', () => {
    const d = sampleCopy<Data>(ID);
    d.ficheChoisie = 5;
    expect(errorCodes(ID, d)).toEqual([]);
    delete d.contenuDossier.fiches;
    d.ficheChoisie = 4;
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E32 CCF — PROFESSIONNEL_NON_COCHE', () => {
  it('rejects the professionnel sub-boxes when the professionnel situation is not ticked', () => {
    const d = sampleCopy<Data>(ID);
    d.contenuDossier.situations = ['biens-responsabilite', 'personnes', 'epargne'];
    expect(errorCodes(ID, d)).toEqual(['PROFESSIONNEL_NON_COCHE /contenuDossier/assuranceDuProfessionnel']);
    expect(onlyMessage(ID, d)).toContain('« Situation d’assurance du professionnel : en assurance de biens et de responsabilité, ou en assurance de personnes » ne se coche que si');
  });

  it('accepts no sub-box when the professionnel situation is not ticked', () => {
    const d = sampleCopy<Data>(ID);
    d.contenuDossier.situations = ['personnes'];
    delete d.contenuDossier.assuranceDuProfessionnel;
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E32 CCF — NOTE_SANS_POSITIONNEMENT', () => {
  it('rejects a proposed grade when no competency is positioned, or only « NO »', () => {
    const d = sampleCopy<Data>(ID);
    d.competences = {};
    expect(errorCodes(ID, d)).toEqual(['NOTE_SANS_POSITIONNEMENT /noteProposee']);
    expect(onlyMessage(ID, d)).toMatch(/^« Note sur 20 proposée par la commission d’interrogation » est renseignée alors qu’aucune compétence n’est positionnée/);
    d.competences = { C2: { niveau: 'NO' }, C24: { niveau: 'NO' } };
    expect(errorCodes(ID, d)).toEqual(['NOTE_SANS_POSITIONNEMENT /noteProposee']);
  });

  it('accepts a proposed grade with a single competency positioned, and no grade with none', () => {
    const d = sampleCopy<Data>(ID);
    d.competences = { C24: { niveau: 'TI' } };
    expect(errorCodes(ID, d)).toEqual([]);
    d.competences = {};
    delete d.noteProposee;
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('grille E32 CCF — COMMISSION_SANS_ENSEIGNANT', () => {
  it('rejects a commission of two professionals', () => {
    const d = sampleCopy<Data>(ID);
    d.interrogateurs[0]!.qualite = 'professionnel';
    expect(errorCodes(ID, d)).toEqual(['COMMISSION_SANS_ENSEIGNANT /interrogateurs']);
    expect(onlyMessage(ID, d)).toBe('« NOMS DES INTERROGATEURS — SIGNATURES » doit compter au moins un membre de qualité « Enseignant »');
  });

  it('accepts two teachers, and a single professional while the commission is being entered', () => {
    const d = sampleCopy<Data>(ID);
    d.interrogateurs[1]!.qualite = 'enseignant';
    expect(errorCodes(ID, d)).toEqual([]);
    d.interrogateurs = [{ nom: 'M. François Delacroix-Ruiz', qualite: 'professionnel' }];
    expect(errorCodes(ID, d)).toEqual([]);
  });
});
