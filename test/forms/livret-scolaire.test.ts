/** Computed values and rules of the livret scolaire (circulaire BTS Assurance 2019, annexe III), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { profilePosition } from '../../src/forms/livret-scolaire.ts';
import { errorCodes, errorsOf, onlyMessage, sampleCopy, validationOf } from '../helpers.ts';

/** The form under test. */
const ID = 'livret-scolaire';

/** One year's columns of a subject. */
interface Annee {
  semestre1?: number;
  semestre2?: number;
  moyenne?: number;
}

/** The parts of a livret these tests change. */
interface Data {
  [key: string]: unknown;
  candidat: { nom: string };
  langueVivante1: string;
  matieres: Record<string, { premiereAnnee?: Annee; deuxiemeAnnee?: Annee }>;
  profil: Record<string, { moyenneClasse?: number; position?: number }>;
  cotation: { repartition: { tresFavorable: number; favorable: number; doitFaireSesPreuves: number } };
}

/** Returns a fresh copy of the valid sample, without its computed values. */
function livret(): Data {
  const d = sampleCopy<Data>(ID);
  for (const subject of Object.values(d.matieres)) {
    delete subject.premiereAnnee?.moyenne;
    delete subject.deuxiemeAnnee?.moyenne;
  }
  for (const point of Object.values(d.profil)) delete point.position;
  return d;
}

/** Returns the data of `donnees` with its computed values filled in. */
function computed(data: unknown): Data {
  const r = validationOf(ID, data);
  expect(r.erreurs).toEqual([]);
  return r.donnees as Data;
}

describe('livret scolaire — schema', () => {
  it('requires the NOM in capital letters, accents, hyphens and apostrophes allowed', () => {
    const d = livret();
    d.candidat.nom = 'N’DIAYE-ÉLOI DE LA TOUR';
    expect(errorCodes(ID, d)).toEqual([]);
    d.candidat.nom = 'Le Goff';
    expect(errorCodes(ID, d)).toEqual(['FORMAT_INVALIDE /candidat/nom']);
    expect(onlyMessage(ID, d)).toMatch(/^Candidat — « NOM \(en lettres capitales\) » n’a pas le format attendu \(nom de famille en lettres capitales/);
  });

  it('offers only the languages allowed at the BTS Assurance for the Langue Vivante 1', () => {
    const d = livret();
    d.langueVivante1 = 'hebreu';
    expect(errorCodes(ID, d)).toEqual([]);
    d.langueVivante1 = 'chinois';
    expect(errorCodes(ID, d)).toEqual(['VALEUR_NON_AUTORISEE /langueVivante1']);
  });

  it('keeps the optional subjects and the ateliers off the profile graph', () => {
    const d = livret();
    d.profil.langueVivante2 = { moyenneClasse: 12 };
    d.profil.ateliersProfessionnalisation = { moyenneClasse: 12 };
    expect(errorCodes(ID, d)).toEqual(['CHAMP_INCONNU /profil/ateliersProfessionnalisation', 'CHAMP_INCONNU /profil/langueVivante2']);
  });

  it('grades averages from 0 to 20', () => {
    const d = livret();
    d.matieres.cultureGenerale!.premiereAnnee!.semestre1 = 20.5;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_HORS_LIMITES /matieres/cultureGenerale/premiereAnnee/semestre1']);
    expect(onlyMessage(ID, d)).toBe('MATIÈRES OBLIGATOIRES — Culture générale et expression — 1ère année — « 1er SEM » doit être inférieur ou égal à 20');
  });
});

describe('livret scolaire — computed MOYENNE', () => {
  it('fills each year’s MOYENNE with the mean of the two semesters, rounded to the hundredth, half up', () => {
    const d = livret();
    d.matieres.cultureGenerale!.premiereAnnee = { semestre1: 11.5, semestre2: 12.25 };
    d.matieres.cultureGenerale!.deuxiemeAnnee = { semestre1: 10.01, semestre2: 10.02 };
    const c = computed(d);
    expect(c.matieres.cultureGenerale!.premiereAnnee!.moyenne).toBe(11.88);
    expect(c.matieres.cultureGenerale!.deuxiemeAnnee!.moyenne).toBe(10.02);
  });

  it('leaves the MOYENNE empty while a semester is missing', () => {
    const d = livret();
    d.matieres.langueVivante2!.deuxiemeAnnee = { semestre1: 13 };
    expect(computed(d).matieres.langueVivante2!.deuxiemeAnnee!.moyenne).toBeUndefined();
  });

  it('rejects a typed MOYENNE that differs from the computed one', () => {
    const d = livret();
    d.matieres.gestionSinistres!.premiereAnnee!.moyenne = 10.12;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_CALCULEE_INCORRECTE /matieres/gestionSinistres/premiereAnnee/moyenne']);
    expect(onlyMessage(ID, d)).toContain('« MOYENNE » est calculé par Paperasse');
  });
});

describe('livret scolaire — computed position on the profile graph', () => {
  it('fills the position with the candidate’s training average minus the class average, rounded', () => {
    const c = computed(livret());
    // Culture générale: (11.88 + 13.13) / 2 = 12.51 (rounded), minus 10.9 = 1.61 → 2.
    expect(c.profil.cultureGenerale!.position).toBe(2);
    expect(c.profil.gestionSinistres!.position).toBe(1);
  });

  it('rounds half points away from zero and clamps to −10…+10', () => {
    expect(profilePosition(12, 10.5)).toBe(2);
    expect(profilePosition(10.5, 12)).toBe(-2);
    expect(profilePosition(10.49, 10)).toBe(0);
    expect(profilePosition(10, 10.49)).toBe(0);
    expect(Object.is(profilePosition(10, 10.49), 0)).toBe(true);
    expect(profilePosition(20, 9.5)).toBe(10);
    expect(profilePosition(0, 10.5)).toBe(-10);
  });

  it('uses the only year available when the other one is not graded', () => {
    const d = livret();
    delete d.matieres.relationClientsSinistres!.deuxiemeAnnee;
    // First year only: 12.38 − 11.45 = 0.93 → 1.
    expect(computed(d).profil.relationClientsSinistres!.position).toBe(1);
  });

  it('rejects a typed position that differs from the computed one', () => {
    const d = livret();
    d.profil.langueVivante1!.position = -3;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_CALCULEE_INCORRECTE /profil/langueVivante1/position']);
  });
});

describe('livret scolaire — PLUS_DE_DEUX_DECIMALES', () => {
  it('rejects a semester average or a class average with three decimals', () => {
    const d = livret();
    d.matieres.venteDeveloppementCommercial!.deuxiemeAnnee!.semestre2 = 15.605;
    d.profil.gestionSinistres!.moyenneClasse = 10.255;
    expect(errorCodes(ID, d)).toEqual([
      'PLUS_DE_DEUX_DECIMALES /matieres/venteDeveloppementCommercial/deuxiemeAnnee/semestre2',
      'PLUS_DE_DEUX_DECIMALES /profil/gestionSinistres/moyenneClasse',
    ]);
    expect(errorsOf(ID, d)[0]?.message).toBe(
      'MATIÈRES OBLIGATOIRES — Vente et développement commercial — 2ème année — « 2ème SEM » (15,605) a plus de deux décimales : une moyenne se note au centième près',
    );
  });

  it('accepts two decimals', () => {
    const d = livret();
    d.matieres.venteDeveloppementCommercial!.deuxiemeAnnee!.semestre2 = 15.61;
    d.profil.gestionSinistres!.moyenneClasse = 10.29;
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('livret scolaire — VALEUR_CALCULEE_SANS_DONNEES', () => {
  it('rejects a MOYENNE typed while a semester is missing', () => {
    const d = livret();
    d.matieres.langueVivante2!.premiereAnnee = { semestre2: 12, moyenne: 12 };
    expect(errorCodes(ID, d)).toEqual(['VALEUR_CALCULEE_SANS_DONNEES /matieres/langueVivante2/premiereAnnee/moyenne']);
    expect(onlyMessage(ID, d)).toBe(
      'MATIÈRES OBLIGATOIRES — Langue vivante 2 facultative — 1ère année — « MOYENNE » est calculée à partir des deux semestres : renseignez « 1er SEM » ou laissez la MOYENNE vide',
    );
  });

  it('rejects a position typed without the class average or without the candidate’s averages', () => {
    const d = livret();
    delete d.profil.cultureGenerale!.moyenneClasse;
    d.profil.cultureGenerale!.position = 2;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_CALCULEE_SANS_DONNEES /profil/cultureGenerale/position']);
    expect(onlyMessage(ID, d)).toContain('« Position du candidat sur le graphique » est calculée à partir de la « Moyenne de la classe »');
    const e = livret();
    delete e.matieres.gestionSinistres;
    e.profil.gestionSinistres!.position = 1;
    expect(errorCodes(ID, e)).toEqual(['VALEUR_CALCULEE_SANS_DONNEES /profil/gestionSinistres/position']);
  });
});

describe('livret scolaire — COTATION_TOTAL_100', () => {
  it('rejects percentages that do not total 100 %', () => {
    const d = livret();
    d.cotation.repartition = { tresFavorable: 25, favorable: 50, doitFaireSesPreuves: 20 };
    expect(errorCodes(ID, d)).toEqual(['COTATION_TOTAL_100 /cotation/repartition']);
    expect(onlyMessage(ID, d)).toBe('COTATION DE LA CLASSE — « AVIS (en %) » totalise 95 % au lieu de 100 % : chaque élève de la classe reçoit un et un seul avis');
    d.cotation.repartition = { tresFavorable: 25, favorable: 54.18, doitFaireSesPreuves: 20.83 };
    expect(errorCodes(ID, d)).toEqual(['COTATION_TOTAL_100 /cotation/repartition']);
  });

  it('accepts percentages with hundredths that total exactly 100 %', () => {
    const d = livret();
    d.cotation.repartition = { tresFavorable: 33.33, favorable: 33.33, doitFaireSesPreuves: 33.34 };
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('livret scolaire — AVIS_CANDIDAT_HORS_COTATION', () => {
  it('rejects a candidate’s avis that the class cotation gives to nobody', () => {
    const d = livret();
    d.cotation.repartition = { tresFavorable: 0, favorable: 60, doitFaireSesPreuves: 40 };
    expect(errorCodes(ID, d)).toEqual(['AVIS_CANDIDAT_HORS_COTATION /cotation/avisCandidat']);
    expect(onlyMessage(ID, d)).toMatch(/^COTATION DE LA CLASSE — « Avis du conseil de classe pour le candidat » est « Très favorable » alors que la cotation de la classe donne 0 %/);
  });

  it('accepts an avis given to a small share of the class', () => {
    const d = livret();
    d.cotation.repartition = { tresFavorable: 4.17, favorable: 62.5, doitFaireSesPreuves: 33.33 };
    expect(errorCodes(ID, d)).toEqual([]);
  });
});
