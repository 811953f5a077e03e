/**
 * Bounds on what a draft prints. Valid data is bounded by its schema (texts of at most 50,000 characters, tables of
 * a few rows); a draft renders data that failed validation, so it gets the same bounds here: a text past
 * MAX_DRAFT_TEXT characters, a list past MAX_DRAFT_ROWS rows or a document past MAX_DRAFT_TOTAL characters is cut,
 * with a visible note of what was left out. Without these a single 10 MB value kept the layout busy for minutes.
 */

/** Characters of one text value printed on a draft (the longest text a valid form accepts). */
export const MAX_DRAFT_TEXT = 50_000;
/** Rows of one list printed on a draft. */
export const MAX_DRAFT_ROWS = 100;
/** Characters printed on a whole draft. */
export const MAX_DRAFT_TOTAL = 200_000;

/** Returns `data` with its texts and lists cut to the draft bounds (a copy; `data` itself is left as it is). */
export function boundDraft(data: unknown): unknown {
  const budget = { left: MAX_DRAFT_TOTAL };
  return bound(data, budget);
}

function bound(value: unknown, budget: { left: number }): unknown {
  if (typeof value === 'string') return boundText(value, budget);
  if (Array.isArray(value)) return value.slice(0, MAX_DRAFT_ROWS).map((v) => bound(v, budget));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) copy[key] = bound(v, budget);
    return copy;
  }
  return value;
}

function boundText(text: string, budget: { left: number }): string {
  const keep = Math.max(0, Math.min(text.length, MAX_DRAFT_TEXT, budget.left));
  budget.left -= keep;
  if (keep === text.length) return text;
  const cut = text.length - keep;
  return `${text.slice(0, keep)} […] (brouillon : ${cut.toLocaleString('fr-FR')} caractère${cut > 1 ? 's' : ''} non imprimé${cut > 1 ? 's' : ''})`;
}
