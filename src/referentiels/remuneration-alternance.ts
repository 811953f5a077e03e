/**
 * The minimum monthly gross pay of a MIAGE work-study contract, period by period (guide « L’alternance à la
 * MIAGE », §4.2): apprenticeship (Tableau 6), contrat de professionnalisation (Tableau 7) and the gratification of
 * a stage en alternance (§4.2.3). Pure: dates are ISO strings, amounts euros; nothing reads the clock.
 */
import { addDays, addMonths, countCalendarDays, formatFrenchDate, isoDate } from '../core/dates.ts';

/** The contract types of the fiche de validation de mission. */
export type ContractType = 'apprentissage' | 'professionnalisation' | 'stage-alternance';

/** A legal SMIC amount (monthly gross, 35 hours a week) and the day it came into force. */
export interface SmicValue {
  depuis: string;
  mensuelBrut: number;
  source: string;
}

/**
 * The SMIC's dated defaults (the guide gives no amount). 1 801,80 € since 01/11/2024 (11,88 € an hour) and
 * 1 823,03 € since 01/01/2026 (12,02 € an hour, +1,18 %), as service-public.fr (F2300) publishes them.
 */
export const SMIC_VALUES: readonly SmicValue[] = [
  { depuis: '2024-11-01', mensuelBrut: 1801.8, source: 'SMIC au 1er novembre 2024 : 11,88 € brut de l’heure, 1 801,80 € brut par mois pour 35 heures (service-public.fr, F2300)' },
  { depuis: '2026-01-01', mensuelBrut: 1823.03, source: 'SMIC au 1er janvier 2026 : 12,02 € brut de l’heure, 1 823,03 € brut par mois pour 35 heures (service-public.fr, F2300)' },
];

/** Returns the default SMIC in force on `day` (the earliest known one before 01/11/2024). */
export function smicOn(day: string): SmicValue {
  let found = SMIC_VALUES[0] as SmicValue;
  for (const v of SMIC_VALUES) if (v.depuis <= day) found = v;
  return found;
}

/** Apprenticeship age bands (Tableau 6). */
export const APPRENTICE_BANDS = ['16-17', '18-20', '21-25', '26+'] as const;
/** Professionalisation age bands (Tableau 7). */
export const PRO_BANDS = ['-21', '21-25', '26+'] as const;
export type AgeBand = (typeof APPRENTICE_BANDS)[number] | (typeof PRO_BANDS)[number];

/** French names of the age bands, as the tables print them. */
export const BAND_NAMES: Record<AgeBand, string> = {
  '16-17': '16 à 17 ans',
  '18-20': '18 à 20 ans',
  '21-25': '21 à 25 ans',
  '26+': '26 ans et plus',
  '-21': 'moins de 21 ans',
};

/** One cell of Tableau 6 or 7: a rate of the SMIC, or of the SMIC or SMC whichever is higher. */
export interface PayCell {
  taux: number;
  /** True when the cell reads « du SMIC/SMC (au plus élevé) ». */
  smcPossible: boolean;
  /** Tableau 7's « 85 % du SMC » alternative to 100 % of the SMIC, when higher. */
  tauxSmc?: number;
}

/** Tableau 6, by contract year (1st = M1 MIAGE, 2nd = M2 MIAGE, 3rd = L3I parcours MIAGE) and age band. */
export const TABLEAU_6: Readonly<Record<1 | 2 | 3, Readonly<Record<(typeof APPRENTICE_BANDS)[number], PayCell>>>> = {
  1: { '16-17': { taux: 27, smcPossible: false }, '18-20': { taux: 43, smcPossible: false }, '21-25': { taux: 53, smcPossible: true }, '26+': { taux: 100, smcPossible: true } },
  2: { '16-17': { taux: 39, smcPossible: false }, '18-20': { taux: 51, smcPossible: false }, '21-25': { taux: 61, smcPossible: true }, '26+': { taux: 100, smcPossible: true } },
  3: { '16-17': { taux: 55, smcPossible: false }, '18-20': { taux: 67, smcPossible: false }, '21-25': { taux: 78, smcPossible: true }, '26+': { taux: 100, smcPossible: true } },
};

/** Tableau 7, by level (« base »: bac général or job seeker, not the MIAGE; « bac-pro-ou-plus »: the MIAGE's) and age band. */
export const TABLEAU_7: Readonly<Record<'base' | 'bac-pro-ou-plus', Readonly<Record<(typeof PRO_BANDS)[number], PayCell>>>> = {
  base: { '-21': { taux: 55, smcPossible: false }, '21-25': { taux: 70, smcPossible: false }, '26+': { taux: 100, smcPossible: false, tauxSmc: 85 } },
  'bac-pro-ou-plus': { '-21': { taux: 65, smcPossible: false }, '21-25': { taux: 80, smcPossible: false }, '26+': { taux: 100, smcPossible: false, tauxSmc: 85 } },
};

/** The stage gratification's hourly minimum (§4.2.3) and the full-time-equivalent length below which none is due. */
export const GRATIFICATION_HORAIRE = 4.35;
export const GRATIFICATION_SEUIL_SEMAINES = 8;
/** Hours a month of a 35-hour week over the year: 35 × 52 / 12 = 151,67 (§4.2.1). */
export const FULL_TIME_HOURS_A_MONTH = (35 * 52) / 12;

/** Increases of an apprentice's rate (§4.2.1), each by 15 points (« 78 % + 15 % = 93 % »). */
export const MAJORATIONS = {
  prolongation: 'prolongation du contrat d’apprentissage',
  'diplome-superieur': 'apprenti(e) déjà titulaire d’un diplôme de l’enseignement supérieur ou technologique',
  'annee-supplementaire-handicap': 'année supplémentaire due à un handicap (taux de l’année précédente + 15 %, note 27)',
} as const;
export type Majoration = keyof typeof MAJORATIONS;

/** What the calculator needs from a fiche. */
export interface PayInput {
  type: ContractType;
  diplome: string;
  dateNaissance: string;
  dateDebut: string;
  dateFin: string;
  /** Weekly hours (formation included for contracts, in the organisme for a stage); 35 by default. */
  dureeHebdomadaire?: number;
  /** The SMIC to apply over the whole contract; by default the dated SMIC in force on each day. */
  smic?: number;
  /** The branch or company minimum (SMC), monthly gross, when there is one. */
  smc?: number;
  majorations?: readonly Majoration[];
  /** Two-year Master: the first day of the M2 (calendar), when the contract year changes; DDF + 1 year otherwise. */
  debutDeuxiemeAnnee?: string;
}

/** One period of the contract with its minimum pay. */
export interface PayPeriod {
  du: string;
  au: string;
  /** Apprenticeship only: the contract year of Tableau 6 (1 to 3, or 4 for a handicap's extra year). */
  anneeContrat: number | null;
  trancheAge: AgeBand | null;
  /** Percentage applied to `base` (null for a stage's gratification). */
  taux: number | null;
  base: 'SMIC' | 'SMC' | 'GRATIFICATION';
  montantMensuelBrut: number;
  /** Why, in French: the table cell and the amounts. */
  explication: string;
}

/** The calculator's answer (the JSON of `paperasse remuneration`). */
export interface PayGrid {
  periodes: Array<Omit<PayPeriod, 'explication'>>;
  explications: string[];
}

/** Returns `x` rounded to the nearest cent, half up (329,875 → 329,88: binary noise below 10⁻⁶ € is dropped first). */
export function toCents(x: number): number {
  return Math.round(Number(x.toFixed(6)) * 100) / 100;
}

/** Returns `x` written the French way with two decimals (« 1 801,80 € »). */
export function euros(x: number): string {
  return `${x.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/\u202f/g, '\u00a0')} €`;
}

/** Returns the first day of the month after `iso`. */
export function firstOfNextMonth(iso: string): string {
  const start = isoDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), 1);
  return addMonths(start, 1);
}

/** Returns the age, in whole years, on `day` of someone born on `birth` (a 29 February birthday falls on 28 February). */
export function ageOn(birth: string, day: string): number {
  let age = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  if (addMonths(birth, 12 * age) > day) age--;
  return age;
}

/**
 * Returns the age that sets the pay band on `day` of a contract starting on `start` (§4.2): the age reached on the
 * first day, then one more year on the first day of the month after each later birthday.
 */
export function payAgeOn(birth: string, start: string, day: string): number {
  const atStart = ageOn(birth, start);
  let age = atStart;
  for (let n = atStart + 1; ; n++) {
    if (firstOfNextMonth(addMonths(birth, 12 * n)) > day) break;
    age = n;
  }
  return age;
}

/** Returns the apprenticeship band of an age (Tableau 6; under 16 counts as 16–17). */
export function apprenticeBand(age: number): (typeof APPRENTICE_BANDS)[number] {
  return age >= 26 ? '26+' : age >= 21 ? '21-25' : age >= 18 ? '18-20' : '16-17';
}

/** Returns the professionalisation band of an age (Tableau 7). */
export function proBand(age: number): (typeof PRO_BANDS)[number] {
  return age >= 26 ? '26+' : age >= 21 ? '21-25' : '-21';
}

/** Returns the Tableau 6 contract year of a diploma on `day` (L3I: 3rd; M1: 1st; M2: 2nd, §4.2). */
export function contractYear(diplome: string, day: string, secondYearStart: string): 1 | 2 | 3 {
  if (diplome === 'l3i-miage') return 3;
  if (diplome === 'm2-miage') return 2;
  return day >= secondYearStart ? 2 : 1;
}

const YEAR_NAMES: Record<number, string> = { 1: '1re année (M1 MIAGE)', 2: '2e année (M2 MIAGE)', 3: '3e année (L3I parcours MIAGE)', 4: '4e année (année supplémentaire, handicap)' };

/** Returns the rate, base and explanation of the contract on `day`. */
function cellOn(input: PayInput, day: string, smic: SmicValue): Omit<PayPeriod, 'du' | 'au'> {
  const hours = input.dureeHebdomadaire ?? 35;
  const share = hours / 35;
  const partTime = hours === 35 ? '' : `, ramené à ${String(hours).replace('.', ',')} heures par semaine (× ${String(hours).replace('.', ',')}/35)`;
  const smicText = `SMIC de ${euros(smic.mensuelBrut)}`;
  const age = payAgeOn(input.dateNaissance, input.dateDebut, day);
  if (input.type === 'apprentissage') {
    const band = apprenticeBand(age);
    const normalYear = contractYear(input.diplome, day, input.debutDeuxiemeAnnee ?? addMonths(input.dateDebut, 12));
    const majorations = input.majorations ?? [];
    const extraYear = majorations.includes('annee-supplementaire-handicap');
    const year = extraYear ? normalYear + 1 : normalYear;
    const cell = TABLEAU_6[normalYear][band];
    const plus = 15 * majorations.length;
    const taux = cell.taux + plus;
    const useSmc = cell.smcPossible && input.smc !== undefined && input.smc > smic.mensuelBrut;
    const baseAmount = useSmc ? (input.smc as number) : smic.mensuelBrut;
    const montant = toCents((taux / 100) * baseAmount * share);
    const rateText = plus > 0 ? `${String(cell.taux)} % + ${String(plus)} % = ${String(taux)} %` : `${String(taux)} %`;
    const reasons = majorations.map((m) => MAJORATIONS[m]).join(' ; ');
    const baseText = cell.smcPossible ? (useSmc ? `du SMC de ${euros(baseAmount)} (plus élevé que le ${smicText})` : `du ${smicText}${input.smc === undefined ? '' : ` (plus élevé que le SMC de ${euros(input.smc)})`}`) : `du ${smicText}`;
    return {
      anneeContrat: year,
      trancheAge: band,
      taux,
      base: useSmc ? 'SMC' : 'SMIC',
      montantMensuelBrut: montant,
      explication: `Contrat d’apprentissage, ${YEAR_NAMES[year] ?? ''}, ${BAND_NAMES[band]} (Tableau 6${year === normalYear ? '' : `, taux de la ${YEAR_NAMES[normalYear] ?? ''}`}) : ${rateText} ${baseText}${reasons ? ` (majoration : ${reasons})` : ''}${partTime}, soit ${euros(montant)} brut par mois`,
    };
  }
  if (input.type === 'professionnalisation') {
    const band = proBand(age);
    const cell = TABLEAU_7['bac-pro-ou-plus'][band];
    const smcShare = cell.tauxSmc !== undefined && input.smc !== undefined ? (cell.tauxSmc / 100) * input.smc : 0;
    const useSmc = cell.tauxSmc !== undefined && smcShare > (cell.taux / 100) * smic.mensuelBrut;
    const taux = useSmc ? (cell.tauxSmc as number) : cell.taux;
    const baseAmount = useSmc ? (input.smc as number) : smic.mensuelBrut;
    const montant = toCents((taux / 100) * baseAmount * share);
    const baseText = useSmc ? `du SMC de ${euros(baseAmount)} (plus haut que le ${smicText})` : `du ${smicText}`;
    return {
      anneeContrat: null,
      trancheAge: band,
      taux,
      base: useSmc ? 'SMC' : 'SMIC',
      montantMensuelBrut: montant,
      explication: `Contrat de professionnalisation, niveau au moins égal au baccalauréat professionnel (L3I, M1, M2 MIAGE), ${BAND_NAMES[band]} (Tableau 7) : ${String(taux)} % ${baseText}${partTime}, soit ${euros(montant)} brut par mois`,
    };
  }
  const weeks = (countCalendarDays(input.dateDebut, input.dateFin) / 7) * share;
  const weeksText = `${weeks.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} semaines équivalent temps complet`;
  if (weeks <= GRATIFICATION_SEUIL_SEMAINES) {
    return {
      anneeContrat: null,
      trancheAge: null,
      taux: null,
      base: 'GRATIFICATION',
      montantMensuelBrut: 0,
      explication: `Convention de stage en alternance de ${weeksText}, au plus ${String(GRATIFICATION_SEUIL_SEMAINES)} semaines : aucune gratification n’est obligatoire (§4.2.3)`,
    };
  }
  const monthlyHours = (hours * 52) / 12;
  const montant = toCents(GRATIFICATION_HORAIRE * monthlyHours);
  return {
    anneeContrat: null,
    trancheAge: null,
    taux: null,
    base: 'GRATIFICATION',
    montantMensuelBrut: montant,
    explication: `Convention de stage en alternance de ${weeksText}, plus de ${String(GRATIFICATION_SEUIL_SEMAINES)} semaines : gratification minimale de 4,35 € de l’heure × ${monthlyHours.toLocaleString('fr-FR', { maximumFractionDigits: 2 })} heures par mois (${String(hours).replace('.', ',')} h × 52 semaines / 12), soit ${euros(montant)} par mois (§4.2.3)`,
  };
}

/** Returns the days inside [start, end] on which the minimum may change: band changes, the M2's start, a new SMIC. */
function changeDays(input: PayInput, smicGiven: boolean): string[] {
  const days = new Set<string>();
  const inside = (d: string) => d > input.dateDebut && d <= input.dateFin;
  if (input.type !== 'stage-alternance') {
    for (const threshold of [18, 21, 26]) {
      const day = firstOfNextMonth(addMonths(input.dateNaissance, 12 * threshold));
      if (inside(day)) days.add(day);
    }
  }
  if (input.type === 'apprentissage' && input.diplome === 'master-miage') {
    const m2 = input.debutDeuxiemeAnnee ?? addMonths(input.dateDebut, 12);
    if (inside(m2)) days.add(m2);
  }
  if (!smicGiven && input.type !== 'stage-alternance') for (const v of SMIC_VALUES) if (inside(v.depuis)) days.add(v.depuis);
  return [...days].sort();
}

/** Returns the minimum monthly gross pay of the contract, period by period, with each period's reason in French. */
export function payGrid(input: PayInput): PayGrid {
  const smicGiven = input.smic !== undefined;
  const smicFor = (day: string): SmicValue =>
    smicGiven ? { depuis: input.dateDebut, mensuelBrut: input.smic as number, source: `SMIC donné : ${euros(input.smic as number)} brut par mois pour 35 heures` } : smicOn(day);
  const starts = [input.dateDebut, ...changeDays(input, smicGiven)];
  const periods: PayPeriod[] = [];
  starts.forEach((du, i) => {
    const next = starts[i + 1];
    const au = next === undefined ? input.dateFin : addDays(next, -1);
    const cell = cellOn(input, du, smicFor(du));
    const last = periods.at(-1);
    if (last && last.taux === cell.taux && last.base === cell.base && last.montantMensuelBrut === cell.montantMensuelBrut && last.anneeContrat === cell.anneeContrat && last.trancheAge === cell.trancheAge) {
      last.au = au;
    } else {
      periods.push({ du, au, ...cell });
    }
  });
  const sources = [...new Set(starts.map((d) => smicFor(d).source))];
  return {
    periodes: periods.map(({ explication: _explanation, ...p }) => p),
    explications: [
      ...periods.map((p) => `Du ${formatFrenchDate(p.du)} au ${formatFrenchDate(p.au)} : ${p.explication}.`),
      ...(input.type === 'stage-alternance' ? [] : sources.map((s) => `${s}.`)),
      'Montants minimaux légaux arrondis au centime ; une convention collective ou le contrat peut prévoir davantage (§4.2).',
    ],
  };
}

/** Returns the name of the table cell behind a period, for messages (« Tableau 6, 1re année (M1 MIAGE), 21 à 25 ans »). */
export function cellName(type: ContractType, period: Pick<PayPeriod, 'anneeContrat' | 'trancheAge'>): string {
  if (type === 'stage-alternance') return '§4.2.3, gratification minimale de 4,35 € de l’heure';
  const band = period.trancheAge === null ? '' : `, ${BAND_NAMES[period.trancheAge]}`;
  if (type === 'professionnalisation') return `Tableau 7, niveau au moins égal au baccalauréat professionnel${band}`;
  return `Tableau 6, ${YEAR_NAMES[period.anneeContrat ?? 1] ?? ''}${band}`;
}
