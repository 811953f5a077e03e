/** Rules of the bordereau de rupture d'un contrat d'apprentissage (guide MIAGE, §5), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { errorCodes, errorsOf, onlyMessage, sampleCopy } from '../helpers.ts';
import { minimumTrainingHours, monthsBetween } from '../../src/forms/rupture-alternance.ts';

/** The parts of the bordereau these tests change (the sample holds more). */
interface Data {
  contrat: { type?: string; employeur: { raisonSociale: string; siret: string }; dateDebut: string; dateFinPrevue: string };
  rupture: { type: string; dateDernierJour: string };
  nouveauContrat: { type: string; raisonSociale: string; siret?: string; dateDebut?: string; dateFinPrevue?: string; heuresFormationRestantes?: number };
  signatures: { apprenti?: object; employeur?: object; responsableAlternance?: object };
  transmission: Record<string, unknown>;
}

/** The form under test; its valid sample: contract from 01/09/2025 to 30/09/2027, last day 16/01/2026. */
const ID = 'bordereau-rupture';

describe('bordereau de rupture — schema', () => {
  it('accepts the sample, with or without a new contract', () => {
    const d: Partial<Data> = sampleCopy<Data>(ID);
    expect(errorCodes(ID, d)).toEqual([]);
    delete d.nouveauContrat;
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('requires the signatures of the apprentice and the employer, not yet those of the MIAGE and the CFA', () => {
    const d = sampleCopy<Data>(ID);
    delete d.signatures.responsableAlternance;
    expect(errorCodes(ID, d)).toEqual([]);
    delete d.signatures.apprenti;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /signatures/apprenti']);
    expect(onlyMessage(ID, d)).toBe('Signatures — « L’apprenti(e) » est obligatoire');
  });

  it('only offers the rupture cases of the guide and of the Code du travail', () => {
    const d = sampleCopy<Data>(ID);
    d.rupture.type = 'autre';
    expect(errorCodes(ID, d)).toEqual(['VALEUR_NON_AUTORISEE /rupture/type']);
  });
});

describe('bordereau de rupture — dates', () => {
  it('rejects a planned end that is not after the start of the contract', () => {
    const d = sampleCopy<Data>(ID);
    d.contrat.dateFinPrevue = '2025-09-01';
    d.rupture.dateDernierJour = '2025-09-01';
    delete d.nouveauContrat.dateDebut;
    expect(errorCodes(ID, d)).toEqual(['DATES_CONTRAT_INCOHERENTES /contrat/dateFinPrevue']);
    expect(onlyMessage(ID, d)).toContain('« Date de fin prévue du contrat » (01/09/2025) doit être postérieure à la « Date de début du contrat » (01/09/2025)');
  });

  it('accepts a last day on the first day of the contract and rejects the day before', () => {
    const d = sampleCopy<Data>(ID);
    delete d.nouveauContrat.dateDebut;
    d.rupture.dateDernierJour = '2025-09-01';
    expect(errorCodes(ID, d)).toEqual([]);
    d.rupture.dateDernierJour = '2025-08-31';
    expect(errorCodes(ID, d)).toEqual(['DERNIER_JOUR_HORS_CONTRAT /rupture/dateDernierJour']);
    expect(onlyMessage(ID, d)).toBe(
      'La rupture — « Date du dernier jour du contrat (incluse) » (31/08/2025) doit tomber pendant le contrat, entre le 01/09/2025 (« Date de début du contrat ») et le 30/09/2027 (« Date de fin prévue du contrat ») : indiquez le dernier jour travaillé sous contrat, celui du document de rupture',
    );
  });

  it('accepts a last day on the planned end and rejects the day after', () => {
    const d = sampleCopy<Data>(ID);
    delete d.nouveauContrat.dateDebut;
    d.rupture.dateDernierJour = '2027-09-30';
    expect(errorCodes(ID, d)).toEqual([]);
    d.rupture.dateDernierJour = '2027-10-01';
    expect(errorCodes(ID, d)).toEqual(['DERNIER_JOUR_HORS_CONTRAT /rupture/dateDernierJour']);
  });
});

describe('bordereau de rupture — new contract (§5)', () => {
  it('rejects a new contract that is not an apprenticeship', () => {
    const d = sampleCopy<Data>(ID);
    d.nouveauContrat.type = 'professionnalisation';
    expect(errorCodes(ID, d)).toEqual(['NOUVEAU_CONTRAT_TYPE_DIFFERENT /nouveauContrat/type']);
    expect(onlyMessage(ID, d)).toContain('« Type du nouveau contrat » doit être un contrat d’apprentissage');
  });

  it('rejects a new contract in another establishment of the same company (same SIREN)', () => {
    const d = sampleCopy<Data>(ID);
    d.nouveauContrat.raisonSociale = 'Calanques Digital Services, agence d’Aix-en-Provence';
    d.nouveauContrat.siret = '51873240900058';
    expect(errorCodes(ID, d)).toEqual(['NOUVEAU_CONTRAT_MEME_ORGANISME /nouveauContrat/siret']);
    expect(onlyMessage(ID, d)).toContain('« N° SIRET du nouvel organisme » désigne le même organisme que l’employeur du contrat rompu (Calanques Digital Services SARL, SIREN 518732409)');
  });

  it('rejects a new contract with the same company name, whatever the case, accents or legal form', () => {
    const d = sampleCopy<Data>(ID);
    delete d.nouveauContrat.siret;
    d.nouveauContrat.raisonSociale = 'CALANQUES DIGITAL SERVICES';
    expect(errorCodes(ID, d)).toEqual(['NOUVEAU_CONTRAT_MEME_ORGANISME /nouveauContrat/raisonSociale']);
    d.nouveauContrat.raisonSociale = 'Calanques Digital Conseil';
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('accepts a new contract starting the day after the last day and rejects one starting on it', () => {
    const d = sampleCopy<Data>(ID);
    d.nouveauContrat.dateDebut = '2026-01-17';
    expect(errorCodes(ID, d)).toEqual([]);
    d.nouveauContrat.dateDebut = '2026-01-16';
    expect(errorCodes(ID, d)).toEqual(['NOUVEAU_CONTRAT_AVANT_FIN /nouveauContrat/dateDebut']);
    expect(onlyMessage(ID, d)).toContain('doit être au plus tôt le 17/01/2026, lendemain de la « Date du dernier jour du contrat (incluse) » (16/01/2026)');
  });
});

describe('bordereau de rupture — SIRET', () => {
  it('rejects a wrong key in the employer’s SIRET and in the new organisation’s', () => {
    const d = sampleCopy<Data>(ID);
    d.contrat.employeur.siret = '51873240900042';
    d.nouveauContrat.siret = '90346812200011';
    expect(errorCodes(ID, d)).toEqual(['SIRET_INVALIDE /contrat/employeur/siret', 'SIRET_INVALIDE /nouveauContrat/siret']);
    expect(errorsOf(ID, d)[0]?.message).toContain('Employeur (organisme professionnel d’accueil) — « N° SIRET » n’est pas un numéro SIRET existant');
  });
});

describe('bordereau de rupture — the three routes of §5', () => {
  it('reads a bordereau without a contract type as an apprenticeship’s, which needs the CFA originals', () => {
    const d = sampleCopy<Data>(ID);
    delete d.contrat.type;
    expect(errorCodes(ID, d)).toEqual([]);
    delete d.transmission.exemplairesOriginauxCfa;
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /transmission/exemplairesOriginauxCfa']);
  });

  it('asks a contrat de professionnalisation for the DDETS original and the OPCO copy, not the CFA’s', () => {
    const d = sampleCopy<Data>(ID);
    d.contrat.type = 'professionnalisation';
    d.nouveauContrat.type = 'professionnalisation';
    d.transmission = { copiePdfResponsable: true };
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /transmission/copieOpco', 'CHAMP_OBLIGATOIRE /transmission/originalDdets']);
    d.transmission = { originalDdets: true, copieOpco: true, copiePdfResponsable: true };
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('asks a stage en alternance for its avenant de rupture, and lets any alternance follow it', () => {
    const d = sampleCopy<Data>(ID);
    d.contrat.type = 'stage-alternance';
    d.nouveauContrat.type = 'apprentissage';
    d.transmission = { copiePdfResponsable: true };
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /transmission/avenantServiceStages']);
    d.transmission = { avenantServiceStages: true, copiePdfResponsable: true };
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('requires a contrat de professionnalisation after a contrat de professionnalisation', () => {
    const d = sampleCopy<Data>(ID);
    d.contrat.type = 'professionnalisation';
    d.transmission = { originalDdets: true, copieOpco: true, copiePdfResponsable: true };
    expect(errorCodes(ID, d)).toEqual(['NOUVEAU_CONTRAT_TYPE_DIFFERENT /nouveauContrat/type']);
    expect(onlyMessage(ID, d)).toContain('doit être un contrat de professionnalisation');
  });
});

describe('bordereau de rupture — training hours left for a new contract (§4.5)', () => {
  /** The sample with a new contract of `type` from 19/01/2026 to `end`, `hours` of training left. */
  function newContract(type: string, end: string, hours: number): Data {
    const d = sampleCopy<Data>(ID);
    if (type === 'professionnalisation') {
      d.contrat.type = 'professionnalisation';
      d.transmission = { originalDdets: true, copieOpco: true, copiePdfResponsable: true };
    }
    d.nouveauContrat = { ...d.nouveauContrat, type, dateDebut: '2026-01-19', dateFinPrevue: end, heuresFormationRestantes: hours };
    return d;
  }

  it('counts the guide’s example: 12 months are 1 607 hours, so 402 hours of training for an apprenticeship', () => {
    expect(monthsBetween('2026-01-19', '2027-01-18')).toBe(12);
    expect(minimumTrainingHours('apprentissage', '2026-01-19', '2027-01-18')).toMatchObject({ heures: 402, tempsDeTravail: 1607 });
  });

  it('accepts 402 hours left for a 12-month apprenticeship and rejects 401', () => {
    expect(errorCodes(ID, newContract('apprentissage', '2027-01-18', 402))).toEqual([]);
    const d = newContract('apprentissage', '2027-01-18', 401);
    expect(errorCodes(ID, d)).toEqual(['HEURES_FORMATION_INSUFFISANTES /nouveauContrat/heuresFormationRestantes']);
    expect(onlyMessage(ID, d)).toContain('n’atteint pas le minimum légal de 402 heures pour un contrat d’apprentissage du 19/01/2026 au 18/01/2027');
  });

  it('asks a contrat de professionnalisation for 15 % of its working time: 242 hours for 12 months', () => {
    expect(errorCodes(ID, newContract('professionnalisation', '2027-01-18', 242))).toEqual([]);
    expect(errorCodes(ID, newContract('professionnalisation', '2027-01-18', 241))).toEqual(['HEURES_FORMATION_INSUFFISANTES /nouveauContrat/heuresFormationRestantes']);
  });

  it('never asks a contrat de professionnalisation for less than 150 hours (6 months: 15 % would be 121)', () => {
    expect(minimumTrainingHours('professionnalisation', '2026-01-19', '2026-07-18')).toMatchObject({ heures: 150, tempsDeTravail: 804 });
    expect(errorCodes(ID, newContract('professionnalisation', '2026-07-18', 150))).toEqual([]);
    expect(errorCodes(ID, newContract('professionnalisation', '2026-07-18', 149))).toEqual(['HEURES_FORMATION_INSUFFISANTES /nouveauContrat/heuresFormationRestantes']);
  });

  it('counts calendar months date to date (31/01 + 1 month = 28/02, end-of-month clamping), the rest of the days over 30', () => {
    expect(monthsBetween('2026-01-31', '2026-02-26')).toBe(27 / 30);
    expect(monthsBetween('2026-01-31', '2026-02-27')).toBe(1);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(1 + 1 / 30);
    expect(monthsBetween('2026-01-19', '2026-02-20')).toBe(1 + 2 / 30);
  });

  it('checks nothing until the new contract’s dates and hours are given', () => {
    const d = newContract('apprentissage', '2027-01-18', 10);
    delete d.nouveauContrat.dateFinPrevue;
    expect(errorCodes(ID, d)).toEqual([]);
  });
});
