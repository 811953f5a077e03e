/** Edit distance for « did you mean » suggestions (unknown fields, columns, template names). */

/** Returns the Levenshtein distance between two strings (insertions, deletions, substitutions of one character). */
export function editDistance(a: string, b: string): number {
  const line = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = line[0] ?? 0;
    line[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = line[j] ?? 0;
      line[j] = Math.min((line[j] ?? 0) + 1, (line[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = temp;
    }
  }
  return line[b.length] ?? 0;
}
