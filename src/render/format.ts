/**
 * How values are written on the forms (French dates and numbers) and how AcroForm fields are named, shared by
 * every output so that a printed value, a field value and a Word value are the same string.
 */

/** The glyph of a ticked box and of an empty one: printed by the PDF and Word outputs, hidden in fillable boxes, read back by extraction. */
export const TICKED_GLYPH = '☒';
export const EMPTY_GLYPH = '☐';


/** Returns a number in French notation: space-grouped thousands, comma decimals (`1 234,5`). */
export function formatNumber(value: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(value) : value.toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [int = '', frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return (negative ? '-' : '') + grouped + (frac !== undefined ? ',' + frac : '');
}

/** Returns an amount in euros with two decimals (`1 234,50`), without the currency sign. */
export function formatAmount(value: number): string {
  return formatNumber(value, 2);
}

/**
 * Returns the AcroForm field name of a data path: its JSON Pointer segments joined by dots
 * (`/fichesActiviteE32/0/ficheClient/nom` → `fichesActiviteE32.0.ficheClient.nom`), plus, for one box of a
 * multiple choice (an array of options), the option value as a last segment (`domaines.epargne`).
 */
export function fieldName(parts: ReadonlyArray<string>, optionValue?: string): string {
  const all = optionValue === undefined ? [...parts] : [...parts, optionValue];
  for (const p of all) if (p === '' || p.includes('.')) throw new Error(`field name segment "${p}" is empty or contains a dot`);
  return all.join('.');
}
