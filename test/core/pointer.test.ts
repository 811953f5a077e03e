/** JSON Pointer helpers, including wildcard patterns used by rules and computed values. */
import { describe, expect, it } from 'vitest';
import { expandWildcards, segments, toPointer, valueAt } from '../../src/core/pointer.ts';

describe('JSON pointers', () => {
  it('escape and unescape ~ and / (RFC 6901)', () => {
    expect(toPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(segments('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
    expect(valueAt({ 'a/b': [{ x: 1 }] }, '/a~1b/0/x')).toBe(1);
    expect(valueAt({ a: [1] }, '/a/01')).toBeUndefined();
  });

  it('expand each * over the indices of an array, and over nothing else', () => {
    const data = { fiches: [{ enfants: [{}, {}] }, { enfants: [] }, {}], seul: { enfants: 'x' } };
    expect(expandWildcards(data, ['fiches', '*', 'enfants', '*', 'prenom'])).toEqual([
      { parts: ['fiches', '0', 'enfants', '0', 'prenom'], indices: [0, 0] },
      { parts: ['fiches', '0', 'enfants', '1', 'prenom'], indices: [0, 1] },
    ]);
    expect(expandWildcards(data, ['seul', 'enfants', '*'])).toEqual([]);
    expect(expandWildcards(data, ['seul'])).toEqual([{ parts: ['seul'], indices: [] }]);
  });
});
