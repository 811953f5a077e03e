/** JSON Pointer (RFC 6901) helpers. */

/** Returns the unescaped segments of a JSON Pointer ("" gives []). */
export function segments(pointeur: string): string[] {
  if (pointeur === '' || pointeur === '/') return pointeur === '' ? [] : [''];
  return pointeur
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Returns a JSON Pointer built from segments. */
export function pointeur(parties: ReadonlyArray<string | number>): string {
  return parties.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Returns the value at a JSON Pointer inside `racine`, or undefined when the path does not exist. */
export function valeurA(racine: unknown, chemin: string | ReadonlyArray<string>): unknown {
  const parties = typeof chemin === 'string' ? segments(chemin) : chemin;
  let courant: unknown = racine;
  for (const p of parties) {
    if (Array.isArray(courant)) {
      if (!/^(0|[1-9]\d*)$/.test(p)) return undefined;
      courant = courant[Number(p)];
    } else if (courant !== null && typeof courant === 'object') {
      if (!Object.prototype.hasOwnProperty.call(courant, p)) return undefined;
      courant = (courant as Record<string, unknown>)[p];
    } else {
      return undefined;
    }
  }
  return courant;
}
