/**
 * The form schemas made ready for the schema form library: every `$ref` inlined from the service's schemas (the
 * OpenAPI document's components, where the cross-file references point inside the document), the keywords the
 * form library does not need removed, and the uiSchema that picks a widget per field (text area for long texts,
 * check boxes for multiple choices).
 */
import type { Schema } from './api.ts';

const PREFIX = '#/components/schemas/';
const DROPPED = new Set(['$id', '$schema', '$defs', '$comment', 'unevaluatedProperties', 'examples']);
const MAX_DEPTH = 40;

/** Returns the node a component reference points to (`#/components/schemas/<name>/<pointer>`), or undefined. */
function target(ref: string, all: Record<string, Schema>): Schema | undefined {
  if (!ref.startsWith(PREFIX)) return undefined;
  const [name = '', ...rest] = ref.slice(PREFIX.length).split('/');
  let node: unknown = all[name];
  for (const part of rest) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node !== null && typeof node === 'object' ? (node as Schema) : undefined;
}

/** Returns `node` with every reference inlined (the referring node's own keywords win over the target's). */
export function inline(node: unknown, all: Record<string, Schema>, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(n, all, depth));
  if (node === null || typeof node !== 'object') return node;
  if (depth > MAX_DEPTH) throw new Error('schema references nest too deep');
  const source = node as Schema;
  let merged: Schema = source;
  if (typeof source.$ref === 'string') {
    const found = target(source.$ref, all);
    if (found !== undefined) {
      const own = Object.fromEntries(Object.entries(source).filter(([k]) => k !== '$ref'));
      merged = { ...(inline(found, all, depth + 1) as Schema), ...own };
    }
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(merged)) {
    if (DROPPED.has(key) || key === '$ref') continue;
    out[key] = key === 'const' || key === 'enum' || key === 'default' ? value : inline(value, all, depth + 1);
  }
  // A choice among constants without a type (oneOf of const): the form library needs the type to pick a widget.
  if (out.type === undefined && isChoice(out)) {
    const values = ((out.oneOf ?? out.anyOf) as Schema[] | undefined)?.map((o) => o.const) ?? (out.enum as unknown[]);
    const types = new Set(values.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)));
    if (types.size === 1) out.type = [...types][0];
  }
  return out;
}

/** Returns the inlined schema of form `id` (component `formulaire-<id>`). */
export function formSchemaOf(id: string, all: Record<string, Schema>): Schema {
  const root = all[`formulaire-${id}`];
  if (root === undefined) throw new Error(`no schema for form ${id}`);
  return inline(root, all) as Schema;
}

/** A uiSchema node (rjsf): `ui:` options and one node per property or item. */
export type UiSchema = Record<string, unknown>;

/** Returns whether a schema node is a choice among constants (enum, or oneOf/anyOf of const). */
function isChoice(node: Schema): boolean {
  if (Array.isArray(node.enum)) return true;
  const options = (node.oneOf ?? node.anyOf) as Schema[] | undefined;
  return Array.isArray(options) && options.length > 0 && options.every((o) => 'const' in o);
}

/** Returns the uiSchema of an inlined schema: long texts in text areas, multiple choices as check boxes, `numero` fields read-only when fixed by the part. */
export function uiSchemaOf(node: Schema, readOnly: readonly string[] = []): UiSchema {
  const ui: UiSchema = {};
  if (node.type === 'string' && !isChoice(node) && node.format === undefined) {
    const max = typeof node.maxLength === 'number' ? node.maxLength : Infinity;
    if (max > 300) ui['ui:widget'] = 'textarea';
  }
  if (node.type === 'array' && node.items !== undefined && typeof node.items === 'object' && !Array.isArray(node.items)) {
    const items = node.items as Schema;
    if (isChoice(items) && node.uniqueItems === true) ui['ui:widget'] = 'checkboxes';
    else ui.items = uiSchemaOf(items);
  }
  const properties = node.properties as Record<string, Schema> | undefined;
  if (properties !== undefined) {
    for (const [key, child] of Object.entries(properties)) {
      const childUi = uiSchemaOf(child);
      if (readOnly.includes(key)) childUi['ui:readonly'] = true;
      if (Object.keys(childUi).length > 0) ui[key] = childUi;
    }
  }
  return ui;
}

/** Returns a schema restricted to some of its properties (the others removed, `required` filtered, conditions dropped). */
export function pick(node: Schema, keys: readonly string[]): Schema {
  const properties = (node.properties ?? {}) as Record<string, Schema>;
  const kept: Record<string, Schema> = {};
  for (const k of keys) if (properties[k] !== undefined) kept[k] = properties[k];
  const required = Array.isArray(node.required) ? (node.required as string[]).filter((k) => keys.includes(k)) : [];
  return { type: 'object', properties: kept, required };
}
