/**
 * The helpers a letter template may use (templates/letters/README.md documents them for the schools): block
 * helpers that shape the letter (paragraphe, titre, liste, tableau, colonnes, saut de page, the letter's parts)
 * and conditions (siM1, siM2), and French helpers that write values (long dates, civilité and agreement,
 * amounts, lists). `HELPERS` describes them for the template check; `letterHandlebars` registers them.
 */
import Handlebars from 'handlebars';
import { formatFrenchDate } from '../core/dates.ts';
import type { TextStyle } from '../layout/layout.ts';
import { wrap } from './markup.ts';

/** How the template check treats a helper. */
export interface HelperSpec {
  /** Used as a block (`{{#nom}}…{{/nom}}`), as a value (`{{nom x}}`), or both. */
  use: 'block' | 'value' | 'both';
  /** Inside the block, the data is the elements of the first parameter (`each`) or that value (`with`). */
  scope?: 'items' | 'value';
}

/** Every helper a letter template may use, built-in ones included. */
export const HELPERS: Readonly<Record<string, HelperSpec>> = {
  // Handlebars' own.
  if: { use: 'both' },
  unless: { use: 'block' },
  each: { use: 'block', scope: 'items' },
  with: { use: 'block', scope: 'value' },
  // Shape of the letter.
  paragraphe: { use: 'block' },
  lignes: { use: 'block' },
  titre: { use: 'block' },
  liste: { use: 'block' },
  element: { use: 'block' },
  tableau: { use: 'block' },
  entete: { use: 'block' },
  ligne: { use: 'block' },
  cellule: { use: 'block' },
  colonnes: { use: 'block' },
  colonne: { use: 'block' },
  sautDePage: { use: 'value' },
  espace: { use: 'value' },
  // Parts of a French administrative letter.
  enTete: { use: 'block' },
  destinataire: { use: 'block' },
  lieuDate: { use: 'block' },
  objet: { use: 'block' },
  piecesJointes: { use: 'block' },
  signature: { use: 'block' },
  // Conditions.
  siM1: { use: 'block' },
  siM2: { use: 'block' },
  egal: { use: 'value' },
  ou: { use: 'value' },
  // French values.
  date: { use: 'value' },
  dateLongue: { use: 'value' },
  jourMois: { use: 'value' },
  periode: { use: 'value' },
  heure: { use: 'value' },
  montant: { use: 'value' },
  nombre: { use: 'value' },
  majuscules: { use: 'value' },
  civilite: { use: 'value' },
  accord: { use: 'value' },
  enumeration: { use: 'value' },
  periodesDuMois: { use: 'block', scope: 'items' },
};

/** Printed for a value a blank letter does not have. */
export const BLANK = '……………';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NBSP = '\u00a0';
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** Returns « 1er » or the day number of an ISO date. */
function dayOf(iso: string): string {
  const day = Number(iso.slice(8, 10));
  return day === 1 ? '1er' : String(day);
}

/** Returns « 9 novembre » for an ISO date. */
function dayAndMonth(iso: string): string {
  return `${dayOf(iso)} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''}`;
}

/** Returns « 9 novembre 2026 » (« 1er mars 2027 ») for an ISO date. */
function dayMonthYear(iso: string): string {
  return `${dayAndMonth(iso)} ${iso.slice(0, 4)}`;
}

/** Returns « lundi 1er septembre 2025 » for an ISO date (BLANK for anything else). */
export function longDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return BLANK;
  const weekday = WEEKDAYS[new Date(`${value}T12:00:00Z`).getUTCDay()] ?? '';
  return `${weekday} ${dayMonthYear(value)}`;
}

/** Returns « du 9 au 27 novembre 2026 » (« du 21 décembre 2026 au 8 janvier 2027 ») for `{du, au}`. */
export function frenchPeriod(value: unknown): string {
  if (!value || typeof value !== 'object') return BLANK;
  const { du, au } = value as { du?: unknown; au?: unknown };
  if (typeof du !== 'string' || typeof au !== 'string' || !ISO_DATE.test(du) || !ISO_DATE.test(au)) return BLANK;
  if (du === au) return `le ${dayMonthYear(du)}`;
  const end = dayMonthYear(au);
  if (du.slice(0, 7) === au.slice(0, 7)) return `du ${dayOf(du)} au ${end}`;
  if (du.slice(0, 4) === au.slice(0, 4)) return `du ${dayAndMonth(du)} au ${end}`;
  return `du ${dayMonthYear(du)} au ${end}`;
}

/** Returns a number written the French way (« 1 234,5 »), `decimals` digits after the comma when given. */
export function frenchNumber(value: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(value) : value.toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [int = '', frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return (negative ? '−' : '') + grouped + (frac !== undefined ? `,${frac}` : '');
}

/** Returns an amount in euros, « 1 234,56 € » (BLANK when not a number). */
export function frenchAmount(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${frenchNumber(value, 2)}${NBSP}€` : BLANK;
}

/** Returns « a, b et c » (« a et b », « a »). */
export function frenchList(items: readonly string[]): string {
  const list = items.filter((s) => s !== '');
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} et ${list[list.length - 1] ?? ''}`;
}

/** Returns whether a civilité value is feminine (« madame », « Mme »…). */
function feminine(value: unknown): boolean {
  return typeof value === 'string' && /^(madame|mme|mademoiselle|mlle|f)\b/i.test(value.trim());
}

/** Returns whether a civilité value is masculine (« monsieur », « M. »…). */
function masculine(value: unknown): boolean {
  return typeof value === 'string' && /^(monsieur|m\.?|h)$/i.test(value.trim());
}

/** Returns « Madame », « Monsieur », or « Madame, Monsieur » when the civilité is not given. */
export function civility(value: unknown): string {
  if (feminine(value)) return 'Madame';
  if (masculine(value)) return 'Monsieur';
  return 'Madame, Monsieur';
}

/** Returns the text style a `style="…"` hash names (French names). */
function styleOf(name: unknown): TextStyle {
  switch (name) {
    case 'gras':
      return 'strong';
    case 'petit':
      return 'small';
    case 'centre':
      return 'center';
    case 'note':
      return 'note';
    default:
      return 'normal';
  }
}

/** Returns relative widths from « 1 2 3 » (empty when none are given). */
function widthsOf(value: unknown): number[] {
  if (typeof value !== 'string' && typeof value !== 'number') return [];
  return String(value)
    .split(/[\s;]+/)
    .map((w) => Number(w.replace(',', '.')))
    .filter((w) => Number.isFinite(w) && w > 0);
}

/** Returns the year of Master the root data names (`alternant.annee` unless a value is given). */
function yearOf(options: Handlebars.HelperOptions, given: unknown): unknown {
  if (given !== undefined && given !== options) return given;
  const root = (options.data as { root?: { alternant?: { annee?: unknown } } } | undefined)?.root;
  return root?.alternant?.annee;
}

/** The periods of `periods` that overlap one of `months` (1–12) of the academic year `academicYear` (« 2026-2027 »), at `lieu` when given. */
function periodsOfMonths(periods: unknown, academicYear: unknown, months: readonly unknown[], lieu: unknown): unknown[] {
  if (!Array.isArray(periods)) return [];
  const first = typeof academicYear === 'string' ? Number(academicYear.slice(0, 4)) : NaN;
  if (!Number.isFinite(first)) return [];
  const windows = months
    .map(Number)
    .filter((m) => Number.isInteger(m) && m >= 1 && m <= 12)
    .map((m) => {
      const month = `${String(m >= 9 ? first : first + 1)}-${String(m).padStart(2, '0')}`;
      return { start: `${month}-01`, end: `${month}-31` };
    });
  return periods.filter((p: unknown) => {
    const { du, au, lieu: where } = (p ?? {}) as { du?: unknown; au?: unknown; lieu?: unknown };
    if (typeof du !== 'string' || typeof au !== 'string') return false;
    if (lieu !== undefined && where !== lieu) return false;
    return windows.some((w) => du <= w.end && au >= w.start);
  });
}

/** Returns a Handlebars environment with the letter helpers registered. */
export function letterHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  const block = (fn: (options: Handlebars.HelperOptions, self: unknown) => string) =>
    function (this: unknown, ...args: unknown[]): string {
      const options = args[args.length - 1] as Handlebars.HelperOptions;
      return fn(options, this);
    };
  const hash = (options: Handlebars.HelperOptions) => options.hash as Record<string, unknown>;

  hb.registerHelper('paragraphe', block((o, self) => wrap({ k: 'p', style: styleOf(hash(o).style) }, o.fn(self))));
  hb.registerHelper('lignes', block((o, self) => wrap({ k: 'lines', style: styleOf(hash(o).style), firstStrong: false }, o.fn(self))));
  hb.registerHelper('titre', block((o, self) => wrap({ k: 'h', level: Number(hash(o).niveau) === 1 ? 1 : 2 }, o.fn(self))));
  hb.registerHelper('liste', block((o, self) => wrap({ k: 'list' }, o.fn(self))));
  hb.registerHelper('element', block((o, self) => wrap({ k: 'item' }, o.fn(self))));
  hb.registerHelper('tableau', block((o, self) => wrap({ k: 'table', widths: widthsOf(hash(o).largeurs) }, o.fn(self))));
  hb.registerHelper('entete', block((o, self) => wrap({ k: 'tr', header: true }, o.fn(self))));
  hb.registerHelper('ligne', block((o, self) => wrap({ k: 'tr', header: false }, o.fn(self))));
  hb.registerHelper('cellule', block((o, self) => {
    const span = Number(hash(o).colonnes);
    return wrap({ k: 'td', span: Number.isInteger(span) && span > 1 ? span : 1, header: hash(o).style === 'entete' }, o.fn(self));
  }));
  hb.registerHelper('colonnes', block((o, self) => wrap({ k: 'cols', widths: widthsOf(hash(o).largeurs) }, o.fn(self))));
  hb.registerHelper('colonne', block((o, self) => wrap({ k: 'col' }, o.fn(self))));
  hb.registerHelper('sautDePage', () => wrap({ k: 'break' }, ''));
  hb.registerHelper('espace', () => wrap({ k: 'gap' }, ''));

  // The parts of a letter: the letterhead on the left, the addressee, place and date, signature on the right.
  const right = (inner: string, firstStrong: boolean) => wrap({ k: 'cols', widths: [1, 1] }, wrap({ k: 'col' }, '') + wrap({ k: 'col' }, wrap({ k: 'lines', style: 'normal', firstStrong }, inner)));
  hb.registerHelper('enTete', block((o, self) => wrap({ k: 'cols', widths: [1.2, 1] }, wrap({ k: 'col' }, wrap({ k: 'lines', style: 'small', firstStrong: true }, o.fn(self))) + wrap({ k: 'col' }, ''))));
  const gap = wrap({ k: 'gap' }, '');
  hb.registerHelper('destinataire', block((o, self) => gap + gap + right(o.fn(self), true) + gap));
  hb.registerHelper('lieuDate', block((o, self) => right(o.fn(self), false) + gap));
  hb.registerHelper('signature', block((o, self) => gap + right(o.fn(self), true)));
  hb.registerHelper('objet', block((o, self) => wrap({ k: 'p', style: 'strong' }, `Objet : ${o.fn(self)}`)));
  hb.registerHelper('piecesJointes', block((o, self) => wrap({ k: 'p', style: 'normal' }, `P. J. : ${o.fn(self)}`)));

  // Conditions on the year of Master (a blank letter, without a year, shows both).
  const year = (wanted: string) =>
    function (this: unknown, ...args: unknown[]): string {
      const options = args[args.length - 1] as Handlebars.HelperOptions;
      const value = yearOf(options, args.length > 1 ? args[0] : undefined);
      return value === wanted || value === undefined ? options.fn(this) : options.inverse(this);
    };
  hb.registerHelper('siM1', year('M1'));
  hb.registerHelper('siM2', year('M2'));
  hb.registerHelper('egal', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('ou', (v: unknown, fallback: unknown) => (v === undefined || v === null || v === '' ? fallback : v));

  hb.registerHelper('date', (v: unknown) => (typeof v === 'string' && ISO_DATE.test(v) ? formatFrenchDate(v) : BLANK));
  hb.registerHelper('dateLongue', (v: unknown) => longDate(v));
  hb.registerHelper('jourMois', (v: unknown) => (typeof v === 'string' && ISO_DATE.test(v) ? dayAndMonth(v) : BLANK));
  hb.registerHelper('periode', (v: unknown) => frenchPeriod(v));
  hb.registerHelper('heure', (v: unknown) => {
    const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
    return m ? `${String(Number(m[1]))}${NBSP}h${m[2] === '00' ? '' : ` ${m[2] ?? ''}`}` : BLANK;
  });
  hb.registerHelper('montant', (v: unknown) => frenchAmount(v));
  hb.registerHelper('nombre', (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? frenchNumber(v) : BLANK));
  hb.registerHelper('majuscules', (v: unknown) => (typeof v === 'string' ? v.toLocaleUpperCase('fr-FR') : BLANK));
  hb.registerHelper('civilite', (v: unknown) => civility(v));
  hb.registerHelper('accord', (v: unknown, masculin: unknown, feminin: unknown) => String(feminine(v) ? feminin : masculin));
  hb.registerHelper('enumeration', (...args: unknown[]) => {
    const [items, ...keys] = args.slice(0, -1);
    if (!Array.isArray(items)) return BLANK;
    const words = items.map((item: unknown) => {
      if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        return keys.map((k) => (typeof k === 'string' ? record[k] : undefined)).filter((v) => typeof v === 'string' || typeof v === 'number').join(' ');
      }
      return typeof item === 'string' || typeof item === 'number' ? String(item) : '';
    });
    return frenchList(words);
  });
  hb.registerHelper('periodesDuMois', function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1] as Handlebars.HelperOptions;
    const [periods, academicYear, ...months] = args.slice(0, -1);
    const found = periodsOfMonths(periods, academicYear, months, hash(options).lieu);
    if (found.length === 0) return options.inverse(this);
    return found.map((p, i) => options.fn(p, { data: { ...(options.data as object), index: i, first: i === 0, last: i === found.length - 1 } })).join('');
  });
  return hb;
}
