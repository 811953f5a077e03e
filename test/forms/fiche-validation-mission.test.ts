/** Rules and conditionals of the fiche de validation de mission en alternance (guide MIAGE, §3.3, Tableaux 2 and 5). */
import { describe, expect, it } from 'vitest';
import { isValidSiret } from '../../src/core/siret.ts';
import { codes, errorCodes, errorsOf, onlyMessage, sampleCopy } from '../helpers.ts';

/** The form under test. */
const ID = 'fiche-validation-mission';

interface Tuteur {
  nom: string;
  prenom: string;
  fonction: string;
  courriel: string;
  telephone: string;
}

/** The parts of the fiche these tests change (the sample holds more). */
interface Data {
  dateDemande: string;
  alternant: { nationalite: string; paysNationalite?: string; autorisationProvisoireTravail?: string; dateNaissance: string; rqth?: boolean };
  formation: { diplome: string; anneeUniversitaire: string; statut: string; dateDebutFormation?: string; dateFinFormation?: string };
  contrat: {
    type: string;
    dateDebut: string;
    dateFin: string;
    dureeHebdomadaire: number;
    remunerationBruteMensuelle: number;
    teletravail?: number;
    smc?: number;
    majorations?: string[];
  };
  organisme: { siret: string; secteur: string; opco?: string };
  tuteurs: Tuteur[];
  mission: { parcoursSouhaite?: string };
  offre: { figureDansDiffusion: boolean; reference?: string };
  engagement: { certifie: boolean };
  cadreMiage?: { dateValidation?: string };
}

/** The sample's tuteur n° 1, Julien Ferracci. */
const FERRACCI: Tuteur = {
  nom: 'Ferracci',
  prenom: 'Julien',
  fonction: 'Responsable du pôle Data & Décisionnel',
  courriel: 'julien.ferracci@medfret-solutions.fr',
  telephone: '04 91 56 23 80',
};

/**
 * Returns the valid sample without its validation date and with a request made on the opening day (15/05/2025),
 * so that only the dates a test changes can break a rule.
 */
function fiche(): Data {
  const d = sampleCopy<Data>(ID);
  delete d.cadreMiage;
  d.dateDemande = '2025-05-15';
  return d;
}

/** Returns a L3I parcours MIAGE 2025/2026 fiche (DDF 01/09/2025, DFF 03/07/2026) for `statut` and `type`. */
function ficheL3i(status: 'FI' | 'FC', type: string, startDate: string, endDate: string): Data {
  const d = fiche();
  d.formation = { diplome: 'l3i-miage', anneeUniversitaire: '2025/2026', statut: status, dateDebutFormation: '2025-09-01', dateFinFormation: '2026-07-03' };
  // 1 500 € is above every minimum of a 22-year-old in L3I (78 % of the SMIC in apprenticeship, 80 % in professionnalisation).
  d.contrat = { ...d.contrat, type, dateDebut: startDate, dateFin: endDate, remunerationBruteMensuelle: 1500 };
  delete d.mission.parcoursSouhaite;
  return d;
}

/** Returns a M2 MIAGE 2025/2026 fiche (DDF 04/09/2025, DFF 04/09/2026) for a stage en alternance. */
function ficheStageM2(startDate: string, endDate: string): Data {
  const d = fiche();
  d.formation = { diplome: 'm2-miage', anneeUniversitaire: '2025/2026', statut: 'FC', dateDebutFormation: '2025-09-04', dateFinFormation: '2026-09-04' };
  d.contrat = { type: 'stage-alternance', dateDebut: startDate, dateFin: endDate, dureeHebdomadaire: 35, remunerationBruteMensuelle: 669.9 };
  return d;
}

describe('fiche de validation de mission — schema', () => {
  it('accepts the sample and its test variant', () => {
    expect(errorCodes(ID, sampleCopy(ID))).toEqual([]);
    expect(errorCodes(ID, fiche())).toEqual([]);
  });

  it('requires the country and the APT answer of a student from outside the European Union', () => {
    const d = fiche();
    d.alternant.nationalite = 'autre';
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /alternant/autorisationProvisoireTravail', 'CHAMP_OBLIGATOIRE /alternant/paysNationalite']);
    expect(errorsOf(ID, d).map((e) => e.message).join('\n')).toContain('« Autorisation Provisoire de Travail (APT) » est obligatoire');
    d.alternant.paysNationalite = 'Sénégal';
    d.alternant.autorisationProvisoireTravail = 'a-demander';
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('does not ask an EU student about the APT', () => {
    const d = fiche();
    d.alternant.nationalite = 'ue';
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('requires the OPCO for a contract in the private sector only', () => {
    const d = fiche();
    delete d.organisme.opco;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /organisme/opco']);
    d.organisme.secteur = 'public';
    expect(errorCodes(ID, d)).toEqual([]);
    const stage = ficheStageM2('2025-09-04', '2026-03-31');
    delete stage.organisme.opco;
    expect(errorCodes(ID, stage)).toEqual([]);
  });

  it('requires the parcours souhaité for the Master MIAGE and the M2 MIAGE', () => {
    const d = fiche();
    delete d.mission.parcoursSouhaite;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /mission/parcoursSouhaite']);
    const m2 = ficheStageM2('2025-09-04', '2026-03-31');
    delete m2.mission.parcoursSouhaite;
    expect(errorCodes(ID, m2)).toEqual(['CHAMP_OBLIGATOIRE /mission/parcoursSouhaite']);
  });

  it('requires the reference of an offer diffused by the MIAGE, and only then', () => {
    const d = fiche();
    delete d.offre.reference;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /offre/reference']);
    d.offre.figureDansDiffusion = false;
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('accepts one or two professional tutors, and neither none nor three', () => {
    const d = fiche();
    const second = { nom: 'Santoni', prenom: 'Marie', fonction: 'Cheffe de projet', courriel: 'marie.santoni@medfret-solutions.fr', telephone: '0491562381' };
    d.tuteurs.push(second);
    expect(errorCodes(ID, d)).toEqual([]);
    d.tuteurs.push({ ...second, nom: 'Orsini', courriel: 'paul.orsini@medfret-solutions.fr' });
    expect(errorCodes(ID, d)).toEqual(['TROP_D_ELEMENTS /tuteurs']);
    d.tuteurs = [];
    expect(errorCodes(ID, d)).toEqual(['TROP_PEU_D_ELEMENTS /tuteurs']);
  });

  it('caps télétravail at 25 %', () => {
    const d = fiche();
    d.contrat.teletravail = 25;
    expect(errorCodes(ID, d)).toEqual([]);
    d.contrat.teletravail = 26;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_HORS_LIMITES /contrat/teletravail']);
  });

  it('requires the box of the student’s commitment to be ticked', () => {
    const d = fiche();
    d.engagement.certifie = false;
    expect(errorCodes(ID, d)).toEqual(['VALEUR_NON_AUTORISEE /engagement/certifie']);
  });
});

describe('fiche de validation de mission — formation', () => {
  it('rejects a DFF that is not after the DDF', () => {
    const d = fiche();
    d.formation.dateFinFormation = '2025-09-01';
    d.formation.anneeUniversitaire = '2025/2025';
    d.contrat.dateFin = '2025-10-01';
    const e = errorsOf(ID, d).filter((x) => x.code === 'DATES_FORMATION_INCOHERENTES');
    expect(codes(e)).toEqual(['DATES_FORMATION_INCOHERENTES /formation/dateFinFormation']);
    expect(e[0]?.message).toContain('« Date de fin de formation (DFF) » (01/09/2025) doit être postérieure à la « Date de début de formation (DDF) »');
  });

  it('rejects a university year that does not match the DDF and DFF years', () => {
    const d = fiche();
    d.formation.anneeUniversitaire = '2025/2026';
    expect(errorCodes(ID, d)).toEqual(['ANNEE_UNIVERSITAIRE_INCOHERENTE /formation/anneeUniversitaire']);
    expect(onlyMessage(ID, d)).toContain('écrivez « 2025/2027 »');
  });
});

describe('fiche de validation de mission — contract allowed by status (Tableau 2)', () => {
  it('rejects a contrat de professionnalisation for a student in formation initiale', () => {
    const d = ficheL3i('FI', 'professionnalisation', '2025-09-01', '2026-07-03');
    expect(errorCodes(ID, d)).toEqual(['CONTRAT_INCOMPATIBLE_AVEC_STATUT /contrat/type']);
    expect(onlyMessage(ID, d)).toContain('« Type de contrat/convention » ne correspond pas au « Statut de l’étudiant(e) »');
  });

  it('rejects a contrat d’apprentissage for a student in formation continue', () => {
    const d = fiche();
    d.formation.statut = 'FC';
    expect(errorCodes(ID, d)).toEqual(['CONTRAT_INCOMPATIBLE_AVEC_STATUT /contrat/type']);
  });

  it('accepts FI-CAPP, FC-CPRO and the exceptional stages en alternance of both statuses', () => {
    expect(errorCodes(ID, ficheL3i('FI', 'apprentissage', '2025-09-01', '2026-07-03'))).toEqual([]);
    expect(errorCodes(ID, ficheL3i('FC', 'professionnalisation', '2025-09-01', '2026-07-03'))).toEqual([]);
    expect(errorCodes(ID, ficheL3i('FI', 'stage-alternance', '2025-09-01', '2026-03-31'))).toEqual([]);
    expect(errorCodes(ID, ficheL3i('FC', 'stage-alternance', '2025-09-01', '2026-03-31'))).toEqual([]);
  });
});

describe('fiche de validation de mission — start of the contract (Tableau 5)', () => {
  const start = (d: Data, date: string): Data => {
    d.contrat.dateDebut = date;
    return d;
  };

  it('accepts an apprenticeship starting exactly DDF − 3 months or DDF + 3 months (Master 2025/2027 example)', () => {
    expect(errorCodes(ID, start(fiche(), '2025-06-01'))).toEqual([]);
    expect(errorCodes(ID, start(fiche(), '2025-12-01'))).toEqual([]);
  });

  it('rejects an apprenticeship starting more than 3 months before the training', () => {
    const d = start(fiche(), '2025-05-31');
    expect(errorCodes(ID, d)).toEqual(['DATE_DEBUT_CONTRAT_HORS_PERIODE /contrat/dateDebut']);
    expect(onlyMessage(ID, d)).toBe(
      'Le contrat / la convention d’alternance — « Date de début du contrat/de la convention (DDC) » (31/05/2025) doit être comprise entre le 01/06/2025 (DDF − 3 mois) et le 01/12/2025 (DDF + 3 mois) pour un contrat d’apprentissage (Tableau 5) : choisissez une date de début dans cette période',
    );
  });

  it('rejects an apprenticeship starting more than 3 months after the training', () => {
    expect(errorCodes(ID, start(fiche(), '2025-12-02'))).toEqual(['DATE_DEBUT_CONTRAT_HORS_PERIODE /contrat/dateDebut']);
  });

  it('accepts a contrat de professionnalisation from DDF − 2 months and rejects one day earlier (L3I 2025/2026 example)', () => {
    expect(errorCodes(ID, ficheL3i('FC', 'professionnalisation', '2025-07-01', '2026-07-03'))).toEqual([]);
    const d = ficheL3i('FC', 'professionnalisation', '2025-06-30', '2026-07-03');
    expect(errorCodes(ID, d)).toEqual(['DATE_DEBUT_CONTRAT_HORS_PERIODE /contrat/dateDebut']);
    expect(onlyMessage(ID, d)).toContain('entre le 01/07/2025 (DDF − 2 mois) et le 01/12/2025 (DDF + 3 mois) pour un contrat de professionnalisation');
  });

  it('accepts a stage en alternance from the DDF to DDF + 3 months and nothing outside (M2 2025/2026)', () => {
    expect(errorCodes(ID, ficheStageM2('2025-09-04', '2026-03-31'))).toEqual([]);
    expect(errorCodes(ID, ficheStageM2('2025-12-04', '2026-06-30'))).toEqual([]);
    expect(errorCodes(ID, ficheStageM2('2025-09-03', '2026-03-31'))).toEqual(['DATE_DEBUT_CONTRAT_HORS_PERIODE /contrat/dateDebut']);
    const d = ficheStageM2('2025-12-05', '2026-06-30');
    expect(errorCodes(ID, d)).toEqual(['DATE_DEBUT_CONTRAT_HORS_PERIODE /contrat/dateDebut']);
    expect(onlyMessage(ID, d)).toContain('entre le 04/09/2025 (DDF) et le 04/12/2025 (DDF + 3 mois) pour une convention de stage en alternance');
  });
});

describe('fiche de validation de mission — end of the contract (Tableau 5)', () => {
  const end = (d: Data, date: string): Data => {
    d.contrat.dateFin = date;
    return d;
  };

  it('accepts an apprenticeship ending exactly on the DFF or on DFF + 2 months (Master 2025/2027 example)', () => {
    expect(errorCodes(ID, end(fiche(), '2027-09-03'))).toEqual([]);
    expect(errorCodes(ID, end(fiche(), '2027-11-03'))).toEqual([]);
  });

  it('rejects an apprenticeship ending before the end of the training', () => {
    const d = end(fiche(), '2027-09-02');
    expect(errorCodes(ID, d)).toEqual(['DATE_FIN_CONTRAT_HORS_PERIODE /contrat/dateFin']);
    expect(onlyMessage(ID, d)).toContain('« Date de fin du contrat/de la convention (DFC) » (02/09/2027) doit être comprise entre le 03/09/2027 (DFF) et le 03/11/2027 (DFF + 2 mois)');
  });

  it('rejects an apprenticeship ending more than 2 months after the training', () => {
    expect(errorCodes(ID, end(fiche(), '2027-11-04'))).toEqual(['DATE_FIN_CONTRAT_HORS_PERIODE /contrat/dateFin']);
  });

  it('accepts a contrat de professionnalisation ending on DFF + 2 months and rejects one day later (L3I example)', () => {
    expect(errorCodes(ID, ficheL3i('FC', 'professionnalisation', '2025-09-01', '2026-09-03'))).toEqual([]);
    expect(errorCodes(ID, ficheL3i('FC', 'professionnalisation', '2025-09-01', '2026-09-04'))).toEqual(['DATE_FIN_CONTRAT_HORS_PERIODE /contrat/dateFin']);
  });

  it('rejects a stage en alternance ending after the DFF, and accepts one ending on it', () => {
    expect(errorCodes(ID, ficheStageM2('2025-09-10', '2026-09-04'))).toEqual([]);
    const d = ficheStageM2('2025-09-10', '2026-09-05');
    expect(errorCodes(ID, d)).toEqual(['DATE_FIN_CONTRAT_HORS_PERIODE /contrat/dateFin']);
    expect(onlyMessage(ID, d)).toContain('doit être au plus tard le 04/09/2026 (DFF) pour une convention de stage en alternance');
  });
});

describe('fiche de validation de mission — duration of a stage en alternance', () => {
  it('accepts a stage of exactly 6 months date to date and rejects one a day shorter', () => {
    expect(errorCodes(ID, ficheL3i('FI', 'stage-alternance', '2025-09-01', '2026-02-28'))).toEqual([]);
    const d = ficheL3i('FI', 'stage-alternance', '2025-09-01', '2026-02-27');
    expect(errorCodes(ID, d)).toEqual(['DUREE_STAGE_ALTERNANCE /contrat/dateFin']);
    expect(onlyMessage(ID, d)).toContain('de moins de 6 mois : elle doit durer entre 6 mois et 1 an de date à date (Tableau 5), soit pour un début le 01/09/2025 une fin comprise entre le 28/02/2026 et le 31/08/2026');
  });

  it('accepts a stage of exactly 1 year and rejects one a day longer', () => {
    expect(errorCodes(ID, ficheStageM2('2025-09-04', '2026-09-03'))).toEqual([]);
    const d = ficheStageM2('2025-09-04', '2026-09-04');
    expect(errorCodes(ID, d)).toEqual(['DUREE_STAGE_ALTERNANCE /contrat/dateFin']);
    expect(onlyMessage(ID, d)).toContain('de plus d’un an');
  });

  it('does not apply to apprenticeships', () => {
    expect(errorCodes(ID, ficheL3i('FI', 'apprentissage', '2025-09-01', '2026-07-03'))).toEqual([]);
  });
});

describe('fiche de validation de mission — validation calendar (§3.3)', () => {
  it('accepts a contract starting exactly one week after the validation and rejects one a day earlier', () => {
    const d = fiche();
    d.cadreMiage = { dateValidation: '2025-08-25' };
    expect(errorCodes(ID, d)).toEqual([]);
    d.cadreMiage.dateValidation = '2025-08-26';
    expect(errorCodes(ID, d)).toEqual(['DEBUT_CONTRAT_TROP_PROCHE_VALIDATION /contrat/dateDebut']);
    expect(onlyMessage(ID, d)).toContain('doit être au moins une semaine après la « Date de validation de la mission » du 26/08/2025 (Tableau 5) : reportez le début au 02/09/2025 ou plus tard');
  });

  it('rejects a validation dated before the request, and accepts one on the same day', () => {
    const d = fiche();
    d.cadreMiage = { dateValidation: '2025-05-15' };
    expect(errorCodes(ID, d)).toEqual([]);
    d.dateDemande = '2025-05-16';
    expect(errorCodes(ID, d)).toEqual(['VALIDATION_AVANT_DEMANDE /cadreMiage/dateValidation']);
    expect(onlyMessage(ID, d)).toContain('« Date de validation de la mission » (15/05/2025) ne peut pas précéder la « Date de la demande de validation »');
  });

  it('accepts a request on 15 May of the year the training starts and rejects one on 14 May', () => {
    const d = fiche();
    d.dateDemande = '2025-05-14';
    expect(errorCodes(ID, d)).toEqual(['DEMANDE_AVANT_OUVERTURE /dateDemande']);
    expect(onlyMessage(ID, d)).toBe(
      '« Date de la demande de validation » (14/05/2025) précède l’ouverture des validations de mission, le 15/05/2025 pour une formation commençant en 2025 (§3.3.1) : soumettez la fiche à partir de cette date',
    );
  });

  it('accepts a request 10 jours ouvrables before the start and rejects one a day later', () => {
    const d = fiche();
    d.dateDemande = '2025-08-20';
    expect(errorCodes(ID, d)).toEqual([]);
    d.dateDemande = '2025-08-21';
    expect(errorCodes(ID, d)).toEqual(['DEMANDE_TROP_TARDIVE /dateDemande']);
    expect(onlyMessage(ID, d)).toContain(
      '« Date de la demande de validation » (21/08/2025) doit précéder d’au moins 10 jours ouvrables la « Date de début du contrat/de la convention (DDC) » (§3.3) : pour un début le 01/09/2025, la demande doit être faite au plus tard le 20/08/2025',
    );
  });

  it('does not count Sundays and public holidays as jours ouvrables', () => {
    const d = fiche();
    d.contrat.dateDebut = '2025-08-25';
    d.dateDemande = '2025-08-12';
    expect(errorCodes(ID, d)).toEqual([]);
    d.dateDemande = '2025-08-13';
    expect(errorCodes(ID, d)).toEqual(['DEMANDE_TROP_TARDIVE /dateDemande']);
  });
});

describe('fiche de validation de mission — parcours, tutors and SIRET', () => {
  it('rejects a parcours souhaité for the L3I parcours MIAGE', () => {
    const d = ficheL3i('FI', 'apprentissage', '2025-09-01', '2026-07-03');
    d.mission.parcoursSouhaite = 'ISIE';
    expect(errorCodes(ID, d)).toEqual(['PARCOURS_HORS_MASTER /mission/parcoursSouhaite']);
    expect(onlyMessage(ID, d)).toContain('La mission — « Parcours souhaité (Master MIAGE) » ne concerne que le Master MIAGE');
  });

  it('rejects a tuteur n° 2 who is the tuteur n° 1 again (same courriel, whatever the case)', () => {
    const d = fiche();
    d.tuteurs.push({ ...FERRACCI, fonction: 'Chef de projet', courriel: 'Julien.FERRACCI@medfret-solutions.fr' });
    expect(errorCodes(ID, d)).toEqual(['TUTEURS_IDENTIQUES /tuteurs/1']);
    expect(onlyMessage(ID, d)).toMatch(/^Tuteur professionnel n° 2 est la même personne que le tuteur professionnel n° 1/);
  });

  it('rejects a tuteur n° 2 with the same name, and accepts another person', () => {
    const d = fiche();
    const sameName = { ...FERRACCI, nom: ' ferracci', courriel: 'jferracci@groupe-medfret.fr' };
    d.tuteurs.push(sameName);
    expect(errorCodes(ID, d)).toEqual(['TUTEURS_IDENTIQUES /tuteurs/1']);
    sameName.prenom = 'Laura';
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('rejects a SIRET whose key is wrong', () => {
    const d = fiche();
    d.organisme.siret = '84215307400022';
    expect(errorCodes(ID, d)).toEqual(['SIRET_INVALIDE /organisme/siret']);
    expect(onlyMessage(ID, d)).toContain('« N° SIRET » n’est pas un numéro SIRET existant');
  });

  it('checks SIRET keys with Luhn, and La Poste’s with the sum of digits', () => {
    expect(isValidSiret('84215307400021')).toBe(true);
    expect(isValidSiret('35600000000048')).toBe(true);
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000000019')).toBe(false);
    expect(isValidSiret('8421530740002')).toBe(false);
  });
});
