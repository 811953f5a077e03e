/**
 * From what was read in a returned PDF (field values or text-layer values, each at a data path) to the form's
 * JSON data, through the schema of each path; and the list of values that differ from the data Paperasse
 * embedded when it generated the PDF.
 */
import { segments, toPointer, valueAt } from '../core/pointer.ts';
import type { Modification } from './types.ts';
import { optionValue, valueOfText, type FormSchema } from './values.ts';

/** One value read from a returned PDF, at its data path (`parts`), before the schema gives it its JSON form. */
export type Reading =
  /** A typed text (text field, or a value printed after its label). */
  | { kind: 'text'; parts: string[]; text: string }
  /** A yes/no box. */
  | { kind: 'box'; parts: string[]; checked: boolean }
  /** A single choice: the chosen option's value, null when none is chosen. */
  | { kind: 'choice'; parts: string[]; value: string | null }
  /** One box of a multiple choice whose array is at `parts`. */
  | { kind: 'option'; parts: string[]; option: string; checked: boolean };

/** What rebuilding needs besides the readings. */
export interface RebuildContext {
  schema: FormSchema;
  /** The data Paperasse embedded in the PDF (null for a blank form or when there is none). */
  original: unknown;
}

type Json = Record<string, unknown> | unknown[];

/** Returns the form's data rebuilt from the readings: converted per schema, empty values and empty rows left out. */
export function rebuildData(readings: readonly Reading[], ctx: RebuildContext): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const unticked: string[][] = [];
  const multiple = new Map<string, { parts: string[]; ticked: string[] }>();
  for (const reading of readings) {
    if (reading.kind === 'text') setValue(data, reading.parts, valueOfText(reading.text, ctx.schema.describe(reading.parts)), ctx.schema);
    else if (reading.kind === 'choice') setChoice(data, reading.parts, reading.value, ctx.schema);
    else if (reading.kind === 'box' && reading.checked) setValue(data, reading.parts, true, ctx.schema);
    else if (reading.kind === 'box') unticked.push(reading.parts);
    else collectOption(multiple, reading);
  }
  for (const { parts, ticked } of multiple.values()) setMultipleChoice(data, parts, ticked, ctx);
  for (const parts of unticked) if (untickedMeansNo(data, parts, ctx)) setValue(data, parts, false, ctx.schema);
  return (prune(data) as Record<string, unknown> | undefined) ?? {};
}

/** Sets a single choice's schema value (an unknown export value is kept as read, for validation to report). */
function setChoice(data: Json, parts: string[], value: string | null, schema: FormSchema): void {
  if (value !== null) setValue(data, parts, optionValue(value, schema.describe(parts)?.options), schema);
}

/** Records one box of a multiple choice. */
function collectOption(multiple: Map<string, { parts: string[]; ticked: string[] }>, reading: Extract<Reading, { kind: 'option' }>): void {
  const key = toPointer(reading.parts);
  const entry = multiple.get(key) ?? { parts: reading.parts, ticked: [] };
  if (reading.checked) entry.ticked.push(reading.option);
  multiple.set(key, entry);
}

/** Sets a multiple choice: the ticked options in the schema's order; none ticked gives [] only where the original had the list. */
function setMultipleChoice(data: Json, parts: string[], ticked: string[], ctx: RebuildContext): void {
  const options = ctx.schema.describe(parts)?.itemOptions ?? [];
  const known = options.filter((o) => ticked.includes(String(o.valeur))).map((o) => o.valeur);
  const unknown = ticked.filter((t) => !options.some((o) => String(o.valeur) === t));
  const values = [...known, ...unknown];
  if (values.length > 0 || Array.isArray(valueAt(ctx.original, parts))) setValue(data, parts, values, ctx.schema);
}

/**
 * Returns whether an unticked box says « non » (false) rather than nothing: where the original data had the key, or
 * where the schema requires it in a group that was filled in (an unticked box never creates a group of its own).
 */
function untickedMeansNo(data: Json, parts: string[], ctx: RebuildContext): boolean {
  if (valueAt(ctx.original, parts) !== undefined) return true;
  const parent = valueAt(data, parts.slice(0, -1));
  const filled = parts.length === 1 || (parent !== null && typeof parent === 'object' && Object.keys(parent).length > 0);
  return filled && ctx.schema.isRequired(parts);
}

/** Sets `value` at `parts` (nothing when undefined), creating the objects and arrays on the way. */
function setValue(data: Json, parts: readonly string[], value: unknown, schema: FormSchema): void {
  if (value === undefined || parts.length === 0) return;
  let container: Json = data;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = child(container, parts[i] ?? '');
    if (next === undefined) {
      const created: Json = schema.describe(parts.slice(0, i + 1))?.type === 'array' ? [] : {};
      assign(container, parts[i] ?? '', created);
      container = created;
    } else if (next !== null && typeof next === 'object') {
      container = next as Json;
    } else {
      return;
    }
  }
  assign(container, parts[parts.length - 1] ?? '', value);
}

/** Returns the value under `key` of an object or array. */
function child(container: Json, key: string): unknown {
  return Array.isArray(container) ? container[Number(key)] : container[key];
}

/** Sets `key` of an object, or an index of an array (a key that is not an index is ignored in an array). */
function assign(container: Json, key: string, value: unknown): void {
  if (!Array.isArray(container)) container[key] = value;
  else if (/^(0|[1-9]\d{0,5})$/.test(key)) container[Number(key)] = value;
}

/** Returns the value without empty objects and without empty or missing array rows; undefined when nothing is left. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const rows: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const row = prune(value[i]);
      if (row !== undefined) rows.push(row);
    }
    return rows.length === 0 && value.length > 0 ? undefined : rows;
  }
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const pruned = prune(v);
    if (pruned !== undefined) kept[key] = pruned;
  }
  return Object.keys(kept).length === 0 ? undefined : kept;
}

// ---------------------------------------------------------------------------------------------------------------
// Modifications.

/** Returns every leaf that differs between the original data and the data read back, computed values excepted. */
export function modificationsBetween(before: unknown, after: unknown, computedPaths: readonly string[]): Modification[] {
  const computed = computedPaths.map(pointerPattern);
  const old = leaves(before);
  const current = leaves(after);
  const changes: Modification[] = [];
  const compare = (chemin: string): void => {
    if (computed.some((pattern) => pattern.test(chemin))) return;
    const avant = old.get(chemin);
    const apres = current.get(chemin);
    if (!sameLeaf(avant, apres)) changes.push({ chemin, avant: avant ?? null, apres: apres ?? null });
  };
  for (const chemin of old.keys()) compare(chemin);
  for (const chemin of current.keys()) if (!old.has(chemin)) compare(chemin);
  return changes;
}

/** Returns the regular expression matching the JSON Pointers of a computed path, whose `*` segments stand for any segment. */
function pointerPattern(path: string): RegExp {
  const escaped = segments(path).map((s) => (s === '*' ? '[^/]*' : pointerSegment(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.map((s) => `/${s}`).join('')}$`);
}

/** Returns a key as a JSON Pointer segment (`~` and `/` escaped). */
function pointerSegment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** Returns whether two leaves hold the same value (scalars compared directly, lists of options by their JSON). */
function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Returns the leaves of the data by JSON Pointer (never undefined): scalars, lists of options (whole), empty lists and objects. */
function leaves(data: unknown, pointer = '', out = new Map<string, unknown>()): Map<string, unknown> {
  const emptyObject = data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0;
  // No data and an empty form are the same document (an untouched blank has no change).
  if (data === undefined || (pointer === '' && (data === null || emptyObject))) return out;
  const scalarList = Array.isArray(data) && data.every((x) => x === null || typeof x !== 'object');
  if (data === null || typeof data !== 'object' || scalarList || emptyObject) {
    out.set(pointer, data);
    return out;
  }
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) leaves(data[i], `${pointer}/${i}`, out);
  } else {
    for (const key in data) if (Object.hasOwn(data, key)) leaves((data as Record<string, unknown>)[key], `${pointer}/${pointerSegment(key)}`, out);
  }
  return out;
}
