/** The minimum pay of a MIAGE work-study contract (guide « L’alternance à la MIAGE », §4.2, Tableaux 6 and 7). */
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  FULL_TIME_HOURS_A_MONTH,
  payAgeOn,
  payGrid,
  smicOn,
  TABLEAU_6,
  TABLEAU_7,
  type PayInput,
} from '../../src/referentiels/remuneration-alternance.ts';

/** A one-month contract in January 2026, so that nothing changes inside it; SMIC 1 000 € so that amounts read as rates. */
function january(over: Partial<PayInput>): PayInput {
  return { type: 'apprentissage', diplome: 'l3i-miage', dateNaissance: '2003-06-15', dateDebut: '2026-01-01', dateFin: '2026-01-31', smic: 1000, ...over };
}

/** The birth date giving each apprenticeship band on 01/01/2026. */
const BIRTH_BY_BAND = { '16-17': '2009-06-15', '18-20': '2006-06-15', '21-25': '2003-06-15', '26+': '1998-06-15' } as const;
/** The diploma giving each Tableau 6 contract year (M1 in January is the Master's first year). */
const DIPLOMA_BY_YEAR = { 1: 'master-miage', 2: 'm2-miage', 3: 'l3i-miage' } as const;

/** Tableau 6 as printed in the guide: rate, and whether the cell reads « SMIC/SMC (au plus élevé) ». */
const GUIDE_TABLEAU_6: Array<[1 | 2 | 3, keyof typeof BIRTH_BY_BAND, number, boolean]> = [
  [1, '16-17', 27, false],
  [1, '18-20', 43, false],
  [1, '21-25', 53, true],
  [1, '26+', 100, true],
  [2, '16-17', 39, false],
  [2, '18-20', 51, false],
  [2, '21-25', 61, true],
  [2, '26+', 100, true],
  [3, '16-17', 55, false],
  [3, '18-20', 67, false],
  [3, '21-25', 78, true],
  [3, '26+', 100, true],
];

describe('Tableau 6 — apprenticeship, cell by cell', () => {
  it.each(GUIDE_TABLEAU_6)('year %i, band %s: %i %% of the SMIC (SMC when higher: %s)', (year, band, rate, smc) => {
    expect(TABLEAU_6[year][band]).toEqual({ taux: rate, smcPossible: smc });
    const input = january({ diplome: DIPLOMA_BY_YEAR[year], dateNaissance: BIRTH_BY_BAND[band], debutDeuxiemeAnnee: '2026-09-03' });
    const [period] = payGrid(input).periodes;
    expect(period).toMatchObject({ anneeContrat: year, trancheAge: band, taux: rate, base: 'SMIC', montantMensuelBrut: rate * 10 });
    const [withSmc] = payGrid({ ...input, smc: 2000 }).periodes;
    expect(withSmc).toMatchObject(smc ? { taux: rate, base: 'SMC', montantMensuelBrut: rate * 20 } : { taux: rate, base: 'SMIC', montantMensuelBrut: rate * 10 });
  });
});

/** Tableau 7 as printed in the guide, both rows. */
const GUIDE_TABLEAU_7: Array<['base' | 'bac-pro-ou-plus', '-21' | '21-25' | '26+', number, number | undefined]> = [
  ['base', '-21', 55, undefined],
  ['base', '21-25', 70, undefined],
  ['base', '26+', 100, 85],
  ['bac-pro-ou-plus', '-21', 65, undefined],
  ['bac-pro-ou-plus', '21-25', 80, undefined],
  ['bac-pro-ou-plus', '26+', 100, 85],
];
const PRO_BIRTH = { '-21': '2006-06-15', '21-25': '2003-06-15', '26+': '1998-06-15' } as const;

describe('Tableau 7 — contrat de professionnalisation, cell by cell', () => {
  it.each(GUIDE_TABLEAU_7)('level %s, band %s: %i %% of the SMIC (or %s %% of the SMC when higher)', (level, band, rate, smcRate) => {
    expect(TABLEAU_7[level][band]).toEqual({ taux: rate, smcPossible: false, ...(smcRate === undefined ? {} : { tauxSmc: smcRate }) });
    if (level === 'base') return; // « Ne concerne pas la MIAGE »: the calculator applies the MIAGE's row only
    const input = january({ type: 'professionnalisation', dateNaissance: PRO_BIRTH[band] });
    expect(payGrid(input).periodes[0]).toMatchObject({ anneeContrat: null, trancheAge: band, taux: rate, base: 'SMIC', montantMensuelBrut: rate * 10 });
    const higherSmc = payGrid({ ...input, smc: 1300 }).periodes[0];
    if (smcRate === undefined) expect(higherSmc).toMatchObject({ taux: rate, base: 'SMIC' });
    else expect(higherSmc).toMatchObject({ taux: 85, base: 'SMC', montantMensuelBrut: 1105 });
  });

  it('keeps 100 % of the SMIC at 26 when 85 % of the SMC is lower (85 % × 1 100 € = 935 € < 1 000 €)', () => {
    expect(payGrid(january({ type: 'professionnalisation', dateNaissance: '1998-06-15', smc: 1100 })).periodes[0]).toMatchObject({ taux: 100, base: 'SMIC', montantMensuelBrut: 1000 });
  });
});

describe('the guide’s worked examples (§4.2)', () => {
  it('gives 78 % + 15 % = 93 % of the SMIC to an apprentice over 21 in a 4th year due to a handicap', () => {
    const grid = payGrid(january({ majorations: ['annee-supplementaire-handicap'] }));
    expect(grid.periodes[0]).toMatchObject({ anneeContrat: 4, trancheAge: '21-25', taux: 93, montantMensuelBrut: 930 });
    expect(grid.explications[0]).toContain('78 % + 15 % = 93 %');
  });

  it('counts 35 hours × 52 weeks / 12 = 151,67 hours a month', () => {
    expect(Math.round(FULL_TIME_HOURS_A_MONTH * 100) / 100).toBe(151.67);
  });

  it('treats a 6-month stage spent half in the organisme as about 3 months full time, so a gratification is due', () => {
    const grid = payGrid({ type: 'stage-alternance', diplome: 'm2-miage', dateNaissance: '2001-01-01', dateDebut: '2025-09-04', dateFin: '2026-03-03', dureeHebdomadaire: 17.5 });
    expect(grid.periodes).toEqual([{ du: '2025-09-04', au: '2026-03-03', anneeContrat: null, trancheAge: null, taux: null, base: 'GRATIFICATION', montantMensuelBrut: 329.88 }]);
    expect(grid.explications[0]).toContain('12,9 semaines équivalent temps complet');
  });

  it('asks no gratification up to 8 weeks full-time equivalent, and 4,35 € an hour beyond', () => {
    // 10 hours a week over 56 days = 8 weeks × 10/35: none due; one more day: due.
    const base = { type: 'stage-alternance' as const, diplome: 'm2-miage', dateNaissance: '2001-01-01', dateDebut: '2025-09-04', dureeHebdomadaire: 35 };
    expect(payGrid({ ...base, dateFin: '2025-10-29' }).periodes[0]?.montantMensuelBrut).toBe(0);
    expect(payGrid({ ...base, dateFin: '2025-10-30' }).periodes[0]?.montantMensuelBrut).toBe(659.75);
  });

  it('brings the rate to the hours worked: 53 % of 1 801,80 € for 28 hours a week is 763,96 €', () => {
    const grid = payGrid({ type: 'apprentissage', diplome: 'master-miage', dateNaissance: '2003-03-14', dateDebut: '2025-09-01', dateFin: '2025-12-31', dureeHebdomadaire: 28 });
    expect(grid.periodes[0]?.montantMensuelBrut).toBe(763.96);
  });
});

describe('periods of the contract', () => {
  it('changes the band on the first day of the month after the birthday', () => {
    const input: PayInput = { type: 'apprentissage', diplome: 'l3i-miage', dateNaissance: '2005-01-15', dateDebut: '2025-09-01', dateFin: '2026-07-03', smic: 1800 };
    expect(payGrid(input).periodes.map((p) => [p.du, p.au, p.trancheAge, p.taux])).toEqual([
      ['2025-09-01', '2026-01-31', '18-20', 67],
      ['2026-02-01', '2026-07-03', '21-25', 78],
    ]);
  });

  it('moves a birthday on the last day of a month to the next day, and one on the first to the next month', () => {
    const start = (birth: string) => payGrid({ type: 'apprentissage', diplome: 'l3i-miage', dateNaissance: birth, dateDebut: '2025-09-01', dateFin: '2026-07-03', smic: 1800 }).periodes[1]?.du;
    expect(start('2005-01-31')).toBe('2026-02-01');
    expect(start('2005-02-01')).toBe('2026-03-01');
  });

  it('takes the age reached on the contract’s first day, birthday included', () => {
    const grid = payGrid({ type: 'apprentissage', diplome: 'l3i-miage', dateNaissance: '2004-09-01', dateDebut: '2025-09-01', dateFin: '2026-07-03', smic: 1800 });
    expect(grid.periodes.map((p) => p.trancheAge)).toEqual(['21-25']);
  });

  it('passes from the 1st to the 2nd contract year on the M2’s first day (Master MIAGE 2025/2027)', () => {
    const grid = payGrid({ type: 'apprentissage', diplome: 'master-miage', dateNaissance: '2003-03-14', dateDebut: '2025-09-01', dateFin: '2027-09-30', smic: 1800, debutDeuxiemeAnnee: '2026-09-03' });
    expect(grid.periodes.map((p) => [p.du, p.au, p.anneeContrat, p.taux, p.montantMensuelBrut])).toEqual([
      ['2025-09-01', '2026-09-02', 1, 53, 954],
      ['2026-09-03', '2027-09-30', 2, 61, 1098],
    ]);
  });

  it('applies the SMIC in force on each day when none is given, rounded to the cent', () => {
    const grid = payGrid({ type: 'apprentissage', diplome: 'master-miage', dateNaissance: '2003-03-14', dateDebut: '2025-09-01', dateFin: '2026-06-30' });
    expect(grid.periodes.map((p) => [p.du, p.au, p.montantMensuelBrut])).toEqual([
      ['2025-09-01', '2025-12-31', 954.95],
      ['2026-01-01', '2026-06-30', 966.21],
    ]);
    expect(grid.explications.join('\n')).toContain('1 823,03 €');
  });

  it('knows the SMIC’s dated defaults', () => {
    expect(smicOn('2025-12-31').mensuelBrut).toBe(1801.8);
    expect(smicOn('2026-01-01').mensuelBrut).toBe(1823.03);
  });

  it('counts a 29 February birthday on 28 February in other years', () => {
    expect(ageOn('2004-02-29', '2025-02-27')).toBe(20);
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(21);
    expect(payAgeOn('2004-02-29', '2024-09-01', '2025-02-28')).toBe(20);
    expect(payAgeOn('2004-02-29', '2024-09-01', '2025-03-01')).toBe(21);
  });
});
