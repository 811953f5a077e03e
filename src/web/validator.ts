/**
 * The schema form library's validator, without code generation: the page's Content-Security-Policy forbids
 * `eval`/`new Function` (which Ajv compiles schemas with), and the data is validated by the service anyway
 * (POST /api/formulaires/:id/validation, French messages). The library only needs to know whether a value
 * matches a schema to pick a branch (if/then/else, oneOf, anyOf): `matches` answers that for the keywords the
 * schemas use.
 */
import type { RJSFSchema, ValidationData, ValidatorType } from '@rjsf/utils';

type Node = Record<string, unknown>;

/** Returns whether two JSON values are equal. */
function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Returns the JSON type names a value has ('integer' values are 'number' too). */
function typesOf(v: unknown): string[] {
  if (v === null) return ['null'];
  if (Array.isArray(v)) return ['array'];
  if (typeof v === 'number') return Number.isInteger(v) ? ['integer', 'number'] : ['number'];
  return [typeof v];
}

/** Returns whether `value` matches `schema` (type, const, enum, required, properties, items, contains, sizes, bounds, pattern, allOf, anyOf, oneOf, not, if/then/else). */
export function matches(schema: unknown, value: unknown): boolean {
  if (schema === true || schema === undefined) return true;
  if (schema === false || schema === null || typeof schema !== 'object') return false;
  const s = schema as Node;
  if (s.type !== undefined) {
    const wanted = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!typesOf(value).some((t) => wanted.includes(t))) return false;
  }
  if ('const' in s && !equal(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => equal(e, value))) return false;
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) return false;
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) return false;
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return false;
    if (typeof s.maximum === 'number' && value > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return false;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
    if (s.items !== undefined && typeof s.items === 'object' && !value.every((v) => matches(s.items, v))) return false;
    if (s.contains !== undefined && !value.some((v) => matches(s.contains, v))) return false;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Node;
    if (Array.isArray(s.required) && !(s.required as string[]).every((k) => o[k] !== undefined)) return false;
    const props = (s.properties ?? {}) as Record<string, unknown>;
    for (const [k, sub] of Object.entries(props)) if (o[k] !== undefined && !matches(sub, o[k])) return false;
  }
  if (Array.isArray(s.allOf) && !s.allOf.every((x) => matches(x, value))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => matches(x, value))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((x) => matches(x, value)).length !== 1) return false;
  if (s.not !== undefined && matches(s.not, value)) return false;
  if (s.if !== undefined) {
    const branch = matches(s.if, value) ? s.then : s.else;
    if (branch !== undefined && !matches(branch, value)) return false;
  }
  return true;
}

/** Returns the validator given to the schema form library: branch matching only; errors come from the service. */
export function branchValidator(): ValidatorType {
  return {
    validateFormData: (): ValidationData<unknown> => ({ errors: [], errorSchema: {} }),
    isValid: (schema: RJSFSchema, formData: unknown) => matches(schema, formData),
    rawValidation: () => ({ errors: [] }),
  };
}
