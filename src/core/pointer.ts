/** JSON Pointer (RFC 6901) helpers. */

/** Returns the unescaped segments of a JSON Pointer ("" gives []). */
export function segments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '' ? [] : [''];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Returns a JSON Pointer built from segments. */
export function toPointer(parts: ReadonlyArray<string | number>): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Returns the value at a JSON Pointer inside `racine`, or undefined when the path does not exist. */
export function valueAt(root: unknown, path: string | ReadonlyArray<string>): unknown {
  const parts = typeof path === 'string' ? segments(path) : path;
  let current: unknown = root;
  for (const p of parts) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(p)) return undefined;
      current = current[Number(p)];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, p)) return undefined;
      current = (current as Record<string, unknown>)[p];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Returns every concrete path matching `pattern` (segments, `*` standing for each index of an array) in `data`,
 * with the indices the wildcards took; a `*` over a value that is not an array matches nothing.
 */
export function expandWildcards(data: unknown, pattern: ReadonlyArray<string>): Array<{ parts: string[]; indices: number[] }> {
  let current: Array<{ parts: string[]; indices: number[] }> = [{ parts: [], indices: [] }];
  for (const p of pattern) {
    if (p !== '*') {
      current = current.map((c) => ({ parts: [...c.parts, p], indices: c.indices }));
      continue;
    }
    current = current.flatMap((c) => {
      const list = valueAt(data, c.parts);
      return Array.isArray(list) ? list.map((_, i) => ({ parts: [...c.parts, String(i)], indices: [...c.indices, i] })) : [];
    });
  }
  return current;
}

/** Returns every leaf of a JSON value (a value that is neither an object nor an array) with its JSON Pointer, in document order. */
export function leafEntries(value: unknown, parts: string[] = []): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafEntries(item, [...parts, String(i)]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leafEntries(item, [...parts, key]));
  return value === undefined ? [] : [[toPointer(parts), value]];
}
