/**
 * The formation calendar of one school year, as configuration (guide « L’alternance à la MIAGE », §3.3.1 and
 * Tableau 5): for each formation its DDF, DFF and length, and the dates of the validation process. One JSON file
 * per school year lives in `src/referentiels/calendriers/` (2025-2026.json ships); a school may give its own file
 * (`--calendrier`, or `calendrier` in the library's options), checked here before any rule reads it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { failure, success, type Result } from '../core/issues.ts';
import { projectPath } from '../core/paths.ts';
import type { FormParameters } from '../core/forms.ts';

/** The formations of the MIAGE a calendar describes (the fiche's `diplome`). */
export const FORMATIONS = ['l3i-miage', 'master-miage', 'm2-miage'] as const;
export type FormationId = (typeof FORMATIONS)[number];

/** One formation's dates in a calendar. */
export interface FormationCalendrier {
  /** As the guide names it (« Master MIAGE 2025/2027 »). */
  intitule: string;
  dateDebutFormation: string;
  dateFinFormation: string;
  /** 1 or 2 years: the length of an apprenticeship or professionalisation contract for this formation. */
  dureeAnnees: 1 | 2;
  /** Two-year Master only: the last day of the M1 and the first day of the M2 (notes 23 and 24). */
  finPremiereAnnee?: string;
  debutDeuxiemeAnnee?: string;
}

/** A school year's calendar. */
export interface CalendrierFormation {
  /** « 2025/2026 »: the year the formations start, and the next. */
  anneeUniversitaire: string;
  source: string;
  /** Where each date comes from (the guide's words), or why it is null; optional. */
  sources?: Record<string, string>;
  debutProcessusValidation: string;
  /** The end of the validation process, or null while the school has not published it. */
  finProcessusValidation: string | null;
  /** When the juries of the previous year were proclaimed, or null while unknown. */
  proclamationJurysAnneePrecedente: string | null;
  formations: Partial<Record<FormationId, FormationCalendrier>>;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Returns whether `v` is an ISO date string (AAAA-MM-JJ) of a real day. */
function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === v;
}

/** Returns the checked calendar of the parsed JSON `json`, or CALENDRIER_INVALIDE naming the first wrong key. */
export function parseCalendar(json: unknown, name = 'le calendrier'): Result<CalendrierFormation> {
  const bad = (key: string, what: string): Result<CalendrierFormation> => failure('CALENDRIER_INVALIDE', key, `${name} n’est pas un calendrier de formation valide : « ${key} » ${what}.`);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return bad('/', 'doit être un objet JSON');
  const c = json as Record<string, unknown>;
  if (typeof c.anneeUniversitaire !== 'string' || !/^(\d{4})\/(\d{4})$/.test(c.anneeUniversitaire)) return bad('anneeUniversitaire', 'doit s’écrire « AAAA/AAAA »');
  const [first, second] = c.anneeUniversitaire.split('/').map(Number);
  if (second !== Number(first) + 1) return bad('anneeUniversitaire', 'doit réunir deux années qui se suivent (« 2025/2026 »)');
  if (typeof c.source !== 'string') return bad('source', 'doit dire d’où viennent les dates (un texte)');
  if (c.sources !== undefined && (c.sources === null || typeof c.sources !== 'object' || Array.isArray(c.sources) || Object.values(c.sources).some((v) => typeof v !== 'string'))) {
    return bad('sources', 'doit être un objet « clé » → « d’où vient la date » (des textes)');
  }
  if (!isIsoDate(c.debutProcessusValidation)) return bad('debutProcessusValidation', 'doit être une date AAAA-MM-JJ');
  for (const key of ['finProcessusValidation', 'proclamationJurysAnneePrecedente']) {
    if (c[key] !== null && !isIsoDate(c[key])) return bad(key, 'doit être une date AAAA-MM-JJ, ou null tant qu’elle n’est pas connue');
  }
  if (c.formations === null || typeof c.formations !== 'object' || Array.isArray(c.formations)) return bad('formations', 'doit être un objet');
  const formations = c.formations as Record<string, unknown>;
  for (const [id, value] of Object.entries(formations)) {
    const at = `formations/${id}`;
    if (!(FORMATIONS as readonly string[]).includes(id)) return bad(at, `n’est pas une formation de la MIAGE (${FORMATIONS.join(', ')})`);
    if (value === null || typeof value !== 'object') return bad(at, 'doit être un objet');
    const f = value as Record<string, unknown>;
    if (typeof f.intitule !== 'string') return bad(`${at}/intitule`, 'doit être un texte');
    for (const key of ['dateDebutFormation', 'dateFinFormation']) if (!isIsoDate(f[key])) return bad(`${at}/${key}`, 'doit être une date AAAA-MM-JJ');
    if ((f.dateFinFormation as string) <= (f.dateDebutFormation as string)) return bad(`${at}/dateFinFormation`, 'doit suivre la date de début de formation');
    if (!(f.dateDebutFormation as string).startsWith(String(first))) return bad(`${at}/dateDebutFormation`, `doit tomber en ${String(first)}, première année du calendrier`);
    if (f.dureeAnnees !== 1 && f.dureeAnnees !== 2) return bad(`${at}/dureeAnnees`, 'doit valoir 1 ou 2');
    for (const key of ['finPremiereAnnee', 'debutDeuxiemeAnnee']) if (f[key] !== undefined && !isIsoDate(f[key])) return bad(`${at}/${key}`, 'doit être une date AAAA-MM-JJ');
  }
  return success(json as CalendrierFormation);
}

/** Returns the file name of the calendar of the school year starting in `year` (« 2025-2026.json »). */
function fileName(year: number): string {
  return `${String(year)}-${String(year + 1)}.json`;
}

const shipped = new Map<number, CalendrierFormation | null>();

/** Returns the calendar Paperasse ships for the school year starting in `year`, or null when there is none. */
export function shippedCalendar(year: number): CalendrierFormation | null {
  if (!shipped.has(year)) {
    const path = projectPath('src', 'referentiels', 'calendriers', fileName(year));
    if (!existsSync(path)) {
      shipped.set(year, null);
    } else {
      const parsed = parseCalendar(JSON.parse(readFileSync(path, 'utf8')) as unknown, fileName(year));
      if (!parsed.ok) throw new Error(`the shipped calendar ${fileName(year)} is invalid: ${parsed.erreur.message}`);
      shipped.set(year, parsed.valeur);
    }
  }
  return shipped.get(year) ?? null;
}

/**
 * Returns the calendar that applies to a formation starting in `year`: the caller's (`parametres.calendrier`)
 * when it is that school year's, else the one Paperasse ships, else null.
 */
export function calendarFor(year: number, parametres: FormParameters = {}): CalendrierFormation | null {
  const given = parametres.calendrier as CalendrierFormation | undefined;
  if (given !== undefined && given.anneeUniversitaire.startsWith(`${String(year)}/`)) return given;
  return shippedCalendar(year);
}

/** Returns the dates of `formation` in the calendar for a formation starting in `year`, or null when none gives them. */
export function formationDates(formation: string, year: number, parametres: FormParameters = {}): FormationCalendrier | null {
  const calendar = calendarFor(year, parametres);
  return calendar?.formations[formation as FormationId] ?? null;
}

/** Returns the length, in years, of a contract for `formation` (the Master MIAGE in two years: 2; otherwise 1). */
export function formationLength(formation: string, year: number, parametres: FormParameters = {}): 1 | 2 {
  return formationDates(formation, year, parametres)?.dureeAnnees ?? (formation === 'master-miage' ? 2 : 1);
}
