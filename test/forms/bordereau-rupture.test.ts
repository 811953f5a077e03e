/** Rules of the bordereau de rupture d'un contrat d'apprentissage (guide MIAGE, §5), on variations of the sample. */
import { describe, expect, it } from 'vitest';
import { codes, readJson, paperasse } from '../helpers.ts';

/** The parts of the bordereau these tests change (the sample holds more). */
interface Data {
  contrat: { employeur: { raisonSociale: string; siret: string }; dateDebut: string; dateFinPrevue: string };
  rupture: { type: string; dateDernierJour: string };
  nouveauContrat: { type: string; raisonSociale: string; siret?: string; dateDebut?: string };
  signatures: { apprenti?: object; employeur?: object; responsableAlternance?: object };
}

/** Returns a fresh copy of the valid sample (contract from 01/09/2025 to 30/09/2027, last day 16/01/2026). */
function bordereau(): Data {
  return structuredClone(readJson('samples/bordereau-rupture.json')) as Data;
}

/** Returns the errors of `donnees`. */
function validate(data: unknown): Array<{ code: string; chemin: string; message: string }> {
  const r = paperasse().validate('bordereau-rupture', data);
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

describe('bordereau de rupture — schema', () => {
  it('accepts the sample, with or without a new contract', () => {
    const d: Partial<Data> = bordereau();
    expect(erreurs(d)).toEqual([]);
    delete d.nouveauContrat;
    expect(erreurs(d)).toEqual([]);
  });

  it('requires the signatures of the apprentice and the employer, not yet those of the MIAGE and the CFA', () => {
    const d = bordereau();
    delete d.signatures.responsableAlternance;
    expect(erreurs(d)).toEqual([]);
    delete d.signatures.apprenti;
    expect(erreurs(d)).toEqual(['CHAMP_OBLIGATOIRE /signatures/apprenti']);
    expect(message(d)).toBe('Signatures — « L’apprenti(e) » est obligatoire');
  });

  it('only offers the rupture cases of the guide and of the Code du travail', () => {
    const d = bordereau();
    d.rupture.type = 'autre';
    expect(erreurs(d)).toEqual(['VALEUR_NON_AUTORISEE /rupture/type']);
  });
});

describe('bordereau de rupture — dates', () => {
  it('rejects a planned end that is not after the start of the contract', () => {
    const d = bordereau();
    d.contrat.dateFinPrevue = '2025-09-01';
    d.rupture.dateDernierJour = '2025-09-01';
    delete d.nouveauContrat.dateDebut;
    expect(erreurs(d)).toEqual(['DATES_CONTRAT_INCOHERENTES /contrat/dateFinPrevue']);
    expect(message(d)).toContain('« Date de fin prévue du contrat » (01/09/2025) doit être postérieure à la « Date de début du contrat » (01/09/2025)');
  });

  it('accepts a last day on the first day of the contract and rejects the day before', () => {
    const d = bordereau();
    delete d.nouveauContrat.dateDebut;
    d.rupture.dateDernierJour = '2025-09-01';
    expect(erreurs(d)).toEqual([]);
    d.rupture.dateDernierJour = '2025-08-31';
    expect(erreurs(d)).toEqual(['DERNIER_JOUR_HORS_CONTRAT /rupture/dateDernierJour']);
    expect(message(d)).toBe(
      'La rupture — « Date du dernier jour du contrat (incluse) » (31/08/2025) doit tomber pendant le contrat, entre le 01/09/2025 (« Date de début du contrat ») et le 30/09/2027 (« Date de fin prévue du contrat ») : indiquez le dernier jour travaillé sous contrat, celui du document de rupture',
    );
  });

  it('accepts a last day on the planned end and rejects the day after', () => {
    const d = bordereau();
    delete d.nouveauContrat.dateDebut;
    d.rupture.dateDernierJour = '2027-09-30';
    expect(erreurs(d)).toEqual([]);
    d.rupture.dateDernierJour = '2027-10-01';
    expect(erreurs(d)).toEqual(['DERNIER_JOUR_HORS_CONTRAT /rupture/dateDernierJour']);
  });
});

describe('bordereau de rupture — new contract (§5)', () => {
  it('rejects a new contract that is not an apprenticeship', () => {
    const d = bordereau();
    d.nouveauContrat.type = 'professionnalisation';
    expect(erreurs(d)).toEqual(['NOUVEAU_CONTRAT_TYPE_DIFFERENT /nouveauContrat/type']);
    expect(message(d)).toContain('« Type du nouveau contrat » doit être un contrat d’apprentissage');
  });

  it('rejects a new contract in another establishment of the same company (same SIREN)', () => {
    const d = bordereau();
    d.nouveauContrat.raisonSociale = 'Calanques Digital Services, agence d’Aix-en-Provence';
    d.nouveauContrat.siret = '51873240900058';
    expect(erreurs(d)).toEqual(['NOUVEAU_CONTRAT_MEME_ORGANISME /nouveauContrat/siret']);
    expect(message(d)).toContain('« N° SIRET du nouvel organisme » désigne le même organisme que l’employeur du contrat rompu (Calanques Digital Services SARL, SIREN 518732409)');
  });

  it('rejects a new contract with the same company name, whatever the case, accents or legal form', () => {
    const d = bordereau();
    delete d.nouveauContrat.siret;
    d.nouveauContrat.raisonSociale = 'CALANQUES DIGITAL SERVICES';
    expect(erreurs(d)).toEqual(['NOUVEAU_CONTRAT_MEME_ORGANISME /nouveauContrat/raisonSociale']);
    d.nouveauContrat.raisonSociale = 'Calanques Digital Conseil';
    expect(erreurs(d)).toEqual([]);
  });

  it('accepts a new contract starting the day after the last day and rejects one starting on it', () => {
    const d = bordereau();
    d.nouveauContrat.dateDebut = '2026-01-17';
    expect(erreurs(d)).toEqual([]);
    d.nouveauContrat.dateDebut = '2026-01-16';
    expect(erreurs(d)).toEqual(['NOUVEAU_CONTRAT_AVANT_FIN /nouveauContrat/dateDebut']);
    expect(message(d)).toContain('doit être au plus tôt le 17/01/2026, lendemain de la « Date du dernier jour du contrat (incluse) » (16/01/2026)');
  });
});

describe('bordereau de rupture — SIRET', () => {
  it('rejects a wrong key in the employer’s SIRET and in the new organisation’s', () => {
    const d = bordereau();
    d.contrat.employeur.siret = '51873240900042';
    d.nouveauContrat.siret = '90346812200011';
    expect(erreurs(d)).toEqual(['SIRET_INVALIDE /contrat/employeur/siret', 'SIRET_INVALIDE /nouveauContrat/siret']);
    expect(validate(d)[0]?.message).toContain('Employeur (organisme professionnel d’accueil) — « N° SIRET » n’est pas un numéro SIRET existant');
  });
});
