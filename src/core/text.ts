/** Text comparisons that ignore what people type differently: case, accents, punctuation and spacing. */

/** Returns `s` lower-cased, without accents, every run of other characters than letters and digits turned into one space. */
export function foldForComparison(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
