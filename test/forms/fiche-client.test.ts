/** Fiche client (annexe VI): computed revenue totals and one test per rule, boundaries included. */
import { describe, expect, it } from 'vitest';
import { valueAt } from '../../src/core/pointer.ts';
import { Paperasse, fixedClock } from '../../src/api.ts';
import { codes, DELETE, sampleCopy, setAt, validationWith } from '../helpers.ts';

/** The form under test. */
const ID = 'fiche-client';

/** The day the date rules are checked on: fixed, so the tests do not depend on the day they run. */
const TODAY = '2025-06-15';

/** A Paperasse whose rules see TODAY as today's date. */
const onTheDay = new Paperasse(undefined, undefined, { clock: fixedClock(TODAY) });

/** Returns the ISO date `days` days after TODAY. */
function inDays(days: number): string {
  return new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Returns the validation of the sample with `changes`, checked on TODAY. */
function validationOnTheDay(changes: Record<string, unknown>) {
  const data = sampleCopy(ID);
  for (const [pointer, value] of Object.entries(changes)) setAt(data, pointer, value);
  const r = onTheDay.validate(ID, data);
  if (!r.ok) throw new Error(r.erreur.message);
  return r.valeur;
}

const REVENUES = '/situationFinanciere/revenusMensuels';

describe('fiche client — computed revenue totals', () => {
  it('fills the TOTAL column and the TOTAL row of the monthly revenues', () => {
    const r = validationWith(ID, { [REVENUES]: { revenusProfessionnels: { client: 3400, conjoint: 1850 }, revenusMobiliers: { client: 35.5 }, autres: { conjoint: 300 } } });
    expect(r.erreurs).toEqual([]);
    expect(valueAt(r.donnees, REVENUES)).toEqual({
      revenusProfessionnels: { client: 3400, conjoint: 1850, total: 5250 },
      revenusMobiliers: { client: 35.5, total: 35.5 },
      autres: { conjoint: 300, total: 300 },
      totalClient: 3435.5,
      totalConjoint: 2150,
      totalFoyer: 5585.5,
    });
  });

  it('rounds the totals to the cent and leaves them out of an empty table', () => {
    const r = validationWith(ID, { [REVENUES]: { revenusProfessionnels: { client: 0.1, conjoint: 0.2 } } });
    expect(valueAt(r.donnees, `${REVENUES}/revenusProfessionnels/total`)).toBe(0.3);
    expect(valueAt(validationWith(ID, { [REVENUES]: {} }).donnees, REVENUES)).toEqual({});
  });

  it('rejects a typed total that differs from the computed one, naming the printed column', () => {
    const r = validationWith(ID, { [`${REVENUES}/revenusProfessionnels/total`]: 5200 });
    expect(codes(r.erreurs)).toEqual(['VALEUR_CALCULEE_INCORRECTE /situationFinanciere/revenusMensuels/revenusProfessionnels/total']);
    expect(r.erreurs[0]?.message).toContain('Revenus professionnels — « TOTAL » est calculé par Paperasse');
    expect(r.erreurs[0]?.message).toMatch(/5\s250 attendu, 5\s200 saisi/);
  });
});

describe('fiche client — CONJOINT_SANS_COUPLE', () => {
  it('rejects a fiche client with a spouse but no couple, at every spouse field', () => {
    const r = validationWith(ID, { '/situationFamiliale/situation': 'veuf', '/situationFamiliale/regimeMatrimonial': DELETE });
    expect(codes(r.erreurs)).toEqual([
      'CONJOINT_SANS_COUPLE /situationFamiliale/conjoint',
      'CONJOINT_SANS_COUPLE /situationFinanciere/revenusMensuels/autres/conjoint',
      'CONJOINT_SANS_COUPLE /situationFinanciere/revenusMensuels/revenusMobiliers/conjoint',
      'CONJOINT_SANS_COUPLE /situationFinanciere/revenusMensuels/revenusProfessionnels/conjoint',
      'CONJOINT_SANS_COUPLE /situationProfessionnelle/conjoint',
    ]);
    expect(r.erreurs[0]?.message).toBe(
      '1- SITUATION FAMILIALE — « Conjoint » ne peut être rempli que si la situation familiale est Marié, Pacsé ou Concubin (case cochée : Veuf)',
    );
  });

  it('rejects a spouse when no family situation is ticked', () => {
    const r = validationWith(ID, {
      '/situationFamiliale': { conjoint: { prenom: 'Sophie' } },
      '/situationProfessionnelle/conjoint': DELETE,
      [REVENUES]: { revenusProfessionnels: { client: 3400 } },
    });
    expect(codes(r.erreurs)).toEqual(['CONJOINT_SANS_COUPLE /situationFamiliale/conjoint']);
    expect(r.erreurs[0]?.message).toContain('(aucune case cochée)');
  });

  it.each(['marie', 'pacse', 'concubin'])('accepts a spouse when the situation is %s', (situation) => {
    const changes: Record<string, unknown> = { '/situationFamiliale/situation': situation };
    if (situation === 'concubin') changes['/situationFamiliale/regimeMatrimonial'] = DELETE;
    expect(validationWith(ID, changes).erreurs).toEqual([]);
  });

  it('accepts a single client without any spouse field', () => {
    const r = validationWith(ID, {
      '/situationFamiliale': { situation: 'celibataire' },
      '/situationProfessionnelle/conjoint': DELETE,
      [REVENUES]: { revenusProfessionnels: { client: 3400 } },
    });
    expect(r.erreurs).toEqual([]);
  });
});

describe('fiche client — REGIME_MATRIMONIAL_HORS_MARIAGE_OU_PACS', () => {
  it('rejects a matrimonial regime for a concubin', () => {
    const r = validationWith(ID, { '/situationFamiliale/situation': 'concubin' });
    expect(codes(r.erreurs)).toEqual(['REGIME_MATRIMONIAL_HORS_MARIAGE_OU_PACS /situationFamiliale/regimeMatrimonial']);
    expect(r.erreurs[0]?.message).toBe('1- SITUATION FAMILIALE — « Régime matrimonial » ne concerne qu’un client marié ou pacsé (case cochée : Concubin)');
  });

  it('accepts a regime for a pacsé client (PACS property regime)', () => {
    expect(validationWith(ID, { '/situationFamiliale/situation': 'pacse' }).erreurs).toEqual([]);
  });
});

describe('fiche client — DATE_FUTURE', () => {
  it('accepts a date of today (a child born today)', () => {
    expect(validationOnTheDay({ '/situationFamiliale/enfants/2/dateNaissance': inDays(0) }).erreurs).toEqual([]);
  });

  it('reads today from the clock it is given, not from the machine', () => {
    const r = validationOnTheDay({ '/situationFamiliale/enfants/2/dateNaissance': inDays(1) });
    expect(codes(r.erreurs)).toEqual(['DATE_FUTURE /situationFamiliale/enfants/2/dateNaissance']);
    expect(r.erreurs[0]?.message).toMatch(/\(16\/06\/2025\) est postérieure à la date du jour \(15\/06\/2025\)/);
  });

  it('rejects a date of birth, a creation date, an opening date and a subscription date after today', () => {
    const tomorrow = inDays(1);
    const r = validationOnTheDay({
      '/situationFamiliale/conjoint/dateNaissance': tomorrow,
      '/situationProfessionnelle/entreprise/dateCreation': tomorrow,
      '/situationFinanciere/patrimoineFinancier/1/dateOuverture': tomorrow,
      '/contrats/3/dateSouscription': tomorrow,
    });
    expect(codes(r.erreurs)).toEqual([
      'DATE_FUTURE /contrats/3/dateSouscription',
      'DATE_FUTURE /situationFamiliale/conjoint/dateNaissance',
      'DATE_FUTURE /situationFinanciere/patrimoineFinancier/1/dateOuverture',
      'DATE_FUTURE /situationProfessionnelle/entreprise/dateCreation',
    ]);
    expect(r.erreurs.find((e) => e.chemin.endsWith('dateOuverture'))?.message).toMatch(
      /^3 – SITUATION FINANCIÈRE ET PATRIMONIALE — Placement n° 2 — « Date d’ouverture » \(\d\d\/\d\d\/\d{4}\) est postérieure à la date du jour/,
    );
  });
});

describe('fiche client — ENFANT_NE_AVANT_LE_CLIENT', () => {
  it('rejects a child born the same day as the client', () => {
    const r = validationWith(ID, { '/situationFamiliale/enfants/1/dateNaissance': '1981-06-14' });
    expect(codes(r.erreurs)).toEqual(['ENFANT_NE_AVANT_LE_CLIENT /situationFamiliale/enfants/1/dateNaissance']);
    expect(r.erreurs[0]?.message).toBe(
      '1- SITUATION FAMILIALE — Enfant n° 2 — « Date de naissance » (14/06/1981) doit être postérieure à la date de naissance du client/prospect (14/06/1981)',
    );
  });

  it('accepts a child born the day after the client, and any child when the client’s birth date is unknown', () => {
    expect(validationWith(ID, { '/situationFamiliale/enfants/1/dateNaissance': '1981-06-15' }).erreurs).toEqual([]);
    expect(validationWith(ID, { '/dateNaissance': DELETE, '/situationFamiliale/enfants/1/dateNaissance': '1970-01-01' }).erreurs).toEqual([]);
  });
});

describe('fiche client — ECHEANCE_AVANT_SOUSCRIPTION', () => {
  it('rejects an expiry date on or before the subscription date', () => {
    const r = validationWith(ID, { '/contrats/1/dateEcheance': '2016-09-12', '/contrats/2/dateEcheance': '2015-12-31' });
    expect(codes(r.erreurs)).toEqual(['ECHEANCE_AVANT_SOUSCRIPTION /contrats/1/dateEcheance', 'ECHEANCE_AVANT_SOUSCRIPTION /contrats/2/dateEcheance']);
    expect(r.erreurs[0]?.message).toBe('Contrat n° 2 — « Date d’échéance » (12/09/2016) doit être postérieure à la « Date de souscription » (12/09/2016)');
  });

  it('accepts an expiry date the day after the subscription', () => {
    expect(validationWith(ID, { '/contrats/1/dateEcheance': '2016-09-13' }).erreurs).toEqual([]);
  });
});

describe('fiche client — EFFECTIF_INCOHERENT', () => {
  const ENTREPRISE = '/situationProfessionnelle/entreprise';

  it('rejects a headcount different from Cadres + Non Cadres', () => {
    const r = validationWith(ID, { [`${ENTREPRISE}/cadres`]: 1 });
    expect(codes(r.erreurs)).toEqual(['EFFECTIF_INCOHERENT /situationProfessionnelle/entreprise/nombreSalaries']);
    expect(r.erreurs[0]?.message).toBe(
      '2- SITUATION PROFESSIONNELLE — Client/prospect chef d’entreprise — « Nombre de salariés » (5) doit être égal à Cadres + Non Cadres (1 + 5 = 6)',
    );
  });

  it('rejects a headcount smaller than the only breakdown given, and accepts it equal', () => {
    const r = validationWith(ID, { [`${ENTREPRISE}/cadres`]: DELETE, [`${ENTREPRISE}/nonCadres`]: 6 });
    expect(codes(r.erreurs)).toEqual(['EFFECTIF_INCOHERENT /situationProfessionnelle/entreprise/nombreSalaries']);
    expect(r.erreurs[0]?.message).toContain('ne peut pas être inférieur au nombre de Non Cadres (6)');
    expect(validationWith(ID, { [`${ENTREPRISE}/cadres`]: DELETE }).erreurs).toEqual([]);
  });
});

describe('fiche client — PRECISION_SANS_AUTRE and the « Autre » boxes', () => {
  it('requires the precision when « Autre » is ticked (schema)', () => {
    const r = validationWith(ID, { '/situationProfessionnelle/client/statut': 'autre' });
    expect(codes(r.erreurs)).toEqual(['CHAMP_OBLIGATOIRE /situationProfessionnelle/client/precisionStatut']);
    expect(r.erreurs[0]?.message).toBe('2- SITUATION PROFESSIONNELLE — Le client/prospect — « Autre (précisez) » est obligatoire');
  });

  it('accepts « autre » with its precision', () => {
    const r = validationWith(ID, { '/situationFamiliale/regimeMatrimonial': 'autre', '/situationFamiliale/precisionRegime': 'communauté universelle' });
    expect(r.erreurs).toEqual([]);
  });

  it('rejects a precision whose « autre » box is not ticked', () => {
    const r = validationWith(ID, { '/situationFamiliale/precisionRegime': 'communauté universelle', '/situationProfessionnelle/conjoint/precisionStatut': 'intérimaire' });
    expect(codes(r.erreurs)).toEqual(['PRECISION_SANS_AUTRE /situationFamiliale/precisionRegime', 'PRECISION_SANS_AUTRE /situationProfessionnelle/conjoint/precisionStatut']);
    expect(r.erreurs[1]?.message).toBe('2- SITUATION PROFESSIONNELLE — Son conjoint — « Autre (précisez) » n’est à remplir que si la case « Autre » est cochée');
  });
});

describe('fiche client — schema', () => {
  it('names the printed labels in its schema errors (CRM from 0,50 to 3,50)', () => {
    const r = validationWith(ID, { '/contrats/0/informations/crm': 3.51, '/situationFamiliale/situation': 'mariee' });
    expect(codes(r.erreurs)).toEqual(['VALEUR_HORS_LIMITES /contrats/0/informations/crm', 'VALEUR_NON_AUTORISEE /situationFamiliale/situation']);
    expect(r.erreurs.map((e) => e.message).join('\n')).toContain('Contrat n° 1 — Informations essentielles par rapport au contrat — « CRM » doit être inférieur ou égal à 3,5');
    expect(validationWith(ID, { '/contrats/0/informations/crm': 3.5 }).erreurs).toEqual([]);
  });
});
