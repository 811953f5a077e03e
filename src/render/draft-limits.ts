/**
 * Bounds on what a draft prints. Valid data is bounded by its schema (each text by its field's maxLength, at most
 * 50,000 characters; tables of a few rows); a draft renders data that failed validation, so it gets the same bounds
 * here: a text past its field's maxLength (or MAX_DRAFT_TEXT), a list past MAX_DRAFT_ROWS rows or a document past
 * MAX_DRAFT_TOTAL characters is cut, with a visible note of what was left out. Without these a single 10 MB value
 * kept the layout busy for minutes.
 */

/** Characters of one text value printed on a draft (the longest text a valid form accepts). */
export const MAX_DRAFT_TEXT = 50_000;
/** Rows of one list printed on a draft. */
export const MAX_DRAFT_ROWS = 100;
/** Characters printed on a whole draft. */
export const MAX_DRAFT_TOTAL = 200_000;

/** The shortest maxLength a form's text field has: a shorter text needs no look-up of its field. */
const SHORTEST_MAX_LENGTH = 300;

/** Returns the maxLength of the text field at the path `parts`, when the schema gives one. */
export type MaxLengthOf = (parts: readonly string[]) => number | undefined;

/** Returns `data` with its texts and lists cut to the draft bounds (a copy; `data` itself is left as it is). */
export function boundDraft(data: unknown, maxLengthOf: MaxLengthOf = () => undefined): unknown {
  const budget = { left: MAX_DRAFT_TOTAL };
  return bound(data, [], budget, maxLengthOf);
}

function bound(value: unknown, parts: string[], budget: { left: number }, maxLengthOf: MaxLengthOf): unknown {
  if (typeof value === 'string') {
    const max = value.length > SHORTEST_MAX_LENGTH ? Math.min(maxLengthOf(parts) ?? MAX_DRAFT_TEXT, MAX_DRAFT_TEXT) : MAX_DRAFT_TEXT;
    return boundText(value, max, budget);
  }
  if (Array.isArray(value)) return value.slice(0, MAX_DRAFT_ROWS).map((v, i) => bound(v, [...parts, String(i)], budget, maxLengthOf));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) copy[key] = bound(v, [...parts, key], budget, maxLengthOf);
    return copy;
  }
  return value;
}

function boundText(text: string, max: number, budget: { left: number }): string {
  const keep = Math.max(0, Math.min(text.length, max, budget.left));
  budget.left -= keep;
  if (keep === text.length) return text;
  const cut = text.length - keep;
  return `${text.slice(0, keep)} […] (brouillon : ${cut.toLocaleString('fr-FR')} caractère${cut > 1 ? 's' : ''} non imprimé${cut > 1 ? 's' : ''})`;
}
