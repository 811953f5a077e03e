/**
 * The academic year of texte 000 (« 2026-2027 », from 1 September to 31 August) and the dated windows inside it,
 * shared by the forms of the Master's alternance: carnet de bord, lettre de rentrée au tuteur, évaluation de
 * l’alternance.
 */
import { formatFrenchLongDate, isBetween, isoDate } from '../core/dates.ts';
import type { Issue } from '../core/issues.ts';
import type { RuleContext, Rule } from '../core/forms.ts';

/** A span of ISO dates, both included, and the French words that say when it is (what follows « doit tomber »). */
export interface DateWindow {
  start: string;
  end: string;
  text: string;
}

/** Returns the first calendar year of an academic year written "2026-2027". */
export function firstYear(anneeUniversitaire: string): number {
  return Number(anneeUniversitaire.slice(0, 4));
}

/** Returns the window of an academic year written "2026-2027": from 1 September 2026 to 31 August 2027. */
export function academicYearWindow(anneeUniversitaire: string): DateWindow {
  const an = firstYear(anneeUniversitaire);
  return {
    start: isoDate(an, 9, 1),
    end: isoDate(an + 1, 8, 31),
    text: `dans l’année universitaire ${anneeUniversitaire} (du 1er septembre ${String(an)} au 31 août ${String(an + 1)})`,
  };
}

/**
 * Returns the window of suivi de l’alternance n° `numero` (§2) in an academic year written "2026-2027": November,
 * March / April, end of May – early June (read as 15 May – 15 June) for any other number.
 */
export function suiviWindow(numero: number, anneeUniversitaire: string): DateWindow {
  const an = firstYear(anneeUniversitaire);
  if (numero === 1) return { start: isoDate(an, 11, 1), end: isoDate(an, 11, 30), text: `en novembre ${String(an)}` };
  if (numero === 2) return { start: isoDate(an + 1, 3, 1), end: isoDate(an + 1, 4, 30), text: `en mars ou en avril ${String(an + 1)}` };
  return { start: isoDate(an + 1, 5, 15), end: isoDate(an + 1, 6, 15), text: `fin mai – début juin ${String(an + 1)} (entre le 15 mai et le 15 juin)` };
}

/** Returns the `code` error for the ISO date at `path` when it falls outside `window`. */
export function dateOutsideWindow(ctx: RuleContext, code: string, path: string, date: string, window: DateWindow): Issue[] {
  return isBetween(date, window.start, window.end) ? [] : [ctx.error(code, path, `(${formatFrenchLongDate(date)}) doit tomber ${window.text}`)];
}

/** Returns the `code` errors for the bounds (`du`, `au`) of the period at `path` that fall outside `window`. */
export function periodOutsideWindow(ctx: RuleContext, code: string, path: string, period: { du: string; au: string }, window: DateWindow): Issue[] {
  return (['du', 'au'] as const).flatMap((bound) => dateOutsideWindow(ctx, code, `${path}/${bound}`, period[bound], window));
}

/**
 * Returns the ANNEE_UNIVERSITAIRE_INCOHERENTE rule of a form whose `/anneeUniversitaire` is written "2026-2027":
 * the two years must follow each other. `description` says, in French, what the year is for in that form.
 */
export function academicYearRule(description: string): Rule {
  return {
    code: 'ANNEE_UNIVERSITAIRE_INCOHERENTE',
    description,
    check(data, ctx) {
      const [start, end] = (data as { anneeUniversitaire: string }).anneeUniversitaire.split('-').map(Number);
      return end === Number(start) + 1
        ? []
        : [ctx.error('ANNEE_UNIVERSITAIRE_INCOHERENTE', '/anneeUniversitaire', 'doit réunir deux années qui se suivent, par exemple 2026-2027')];
    },
  };
}
