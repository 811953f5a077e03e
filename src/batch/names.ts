/**
 * File names of the letters in the zip: readable (« DUPONT_Lea_tuteur-MARTIN.pdf »), safe on every system (ASCII
 * letters, digits, « _ » and « - » only: no path separator, no dot-dot, no reserved character) and unique (case
 * ignored, as Windows and macOS compare names; a collision is numbered « _2 », « _3 »…).
 */

/** Longest base name (without the number and extension), in characters. */
const MAX_BASE = 80;

/** Returns `text` folded to ASCII letters, digits and « - » (accents dropped, other runs of characters → « - »). */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Œœ]/g, (c) => (c === 'Œ' ? 'OE' : 'oe'))
    .replace(/[Ææ]/g, (c) => (c === 'Æ' ? 'AE' : 'ae'))
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Returns a first name with its first letter of each part in capitals (« jean-pierre » → « Jean-Pierre »). */
function firstName(text: string): string {
  return asciiFold(text)
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_, sep: string, c: string) => `${sep}${c.toUpperCase()}`);
}

function at(data: unknown, path: readonly string[]): string {
  let node = data;
  for (const p of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
  return typeof node === 'string' ? node : '';
}

/** The person a letter is about, by where forms keep them (first found). */
const PEOPLE = [['alternant'], ['candidat'], ['apprenti'], ['etudiant'], ['salarie']];

/** Returns the readable base name of a letter (« DUPONT_Lea_tuteur-MARTIN »), or « ligne-<n> » when the data names nobody. */
export function letterBaseName(data: unknown, rowNumber: number): string {
  const parts: string[] = [];
  const person = PEOPLE.find((p) => at(data, [...p, 'nom']) !== '');
  if (person) {
    parts.push(asciiFold(at(data, [...person, 'nom'])).toUpperCase());
    const prenom = firstName(at(data, [...person, 'prenom']));
    if (prenom) parts.push(prenom);
  }
  const tutor = asciiFold(at(data, ['tuteur', 'nom'])).toUpperCase();
  if (tutor) parts.push(`tuteur-${tutor}`);
  // A letter to a named addressee (confirmation-mission: the tutor or the HR contact): « rh-COULOMB ».
  const addressee = asciiFold(at(data, ['destinataire', 'nom'])).toUpperCase();
  if (!tutor && addressee) parts.push(`${asciiFold(at(data, ['destinataire', 'role'])).toLowerCase() || 'destinataire'}-${addressee}`);
  const base = parts.filter(Boolean).join('_').slice(0, MAX_BASE).replace(/[-_]+$/, '');
  return base === '' ? `ligne-${rowNumber}` : base;
}

/** Gives each letter a unique stem: the same base twice becomes « base », « base_2 »… (its .pdf and .docx share it). */
export class UniqueNames {
  readonly #used = new Set<string>();

  /** `reserved`: stems the zip uses for itself (« tout-imprimer », « rapport »). */
  constructor(reserved: readonly string[] = []) {
    for (const r of reserved) this.#used.add(r.toLowerCase());
  }

  /** Returns a stem not given before (case ignored) for `base`. */
  take(base: string): string {
    for (let n = 1; ; n++) {
      const stem = n === 1 ? base : `${base}_${n}`;
      const key = stem.toLowerCase();
      if (this.#used.has(key)) continue;
      this.#used.add(key);
      return stem;
    }
  }
}
