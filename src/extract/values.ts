/**
 * What a form's schema says about one value, and the reading of a value as a person types it in a PDF field
 * (French numbers, JJ/MM/AAAA dates) back into its JSON form. A text that cannot be read is kept as typed, so
 * validation reports it with its pointer: nothing is guessed.
 */
import type { Position, SchemaCatalog, SchemaOption } from '../core/schemas.ts';

export type { SchemaOption } from '../core/schemas.ts';

/** What the schema says about the value at one data path (the part of `SchemaCatalog.describe` extraction reads). */
export interface ValueSchema {
  /** JSON type (`string`, `integer`, `number`, `boolean`, `array`, `object`), undefined when the schema says none. */
  type: string | undefined;
  format: string | undefined;
  /** The options of a single choice. */
  options: SchemaOption[] | undefined;
  /** The options of a multiple choice (an array of consts). */
  itemOptions: SchemaOption[] | undefined;
}

/** Schema lookups for one form, cached by data path, on the catalogue's one describer. */
export class FormSchema {
  readonly #schemas: SchemaCatalog;
  readonly #file: string;
  readonly #cache = new Map<string, ValueSchema | undefined>();

  constructor(schemas: SchemaCatalog, formId: string) {
    this.#schemas = schemas;
    this.#file = `${formId}.schema.json`;
  }

  /** Returns what the schema says about the value at `parts`, or undefined when the form has no such value. */
  describe(parts: readonly string[]): ValueSchema | undefined {
    const key = parts.join('\u0000');
    if (this.#cache.has(key)) return this.#cache.get(key);
    const pos = this.#position(parts);
    const described = pos === undefined ? undefined : this.#describe(pos);
    this.#cache.set(key, described);
    return described;
  }

  /** Returns whether the last segment of `parts` is listed in its parent object's `required` (outside conditions). */
  isRequired(parts: readonly string[]): boolean {
    const parent = this.#position(parts.slice(0, -1));
    const key = parts[parts.length - 1];
    if (parent === undefined || key === undefined) return false;
    return this.#schemas.unconditional(parent).some((pos) => Array.isArray(pos.node.required) && pos.node.required.includes(key));
  }

  #position(parts: readonly string[]): Position | undefined {
    const positions = this.#schemas.path(this.#file, parts);
    return positions[positions.length - 1];
  }

  #describe(pos: Position): ValueSchema {
    const { type, format, options, itemOptions } = this.#schemas.describe(pos);
    return { type, format, options, itemOptions };
  }
}

/** Spaces a French number may group its thousands with: space, no-break space, narrow no-break space, thin space. */
const GROUP_SPACE = '[ \\u00a0\\u202f\\u2009]';
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
const GROUPED_NUMBER = new RegExp(`^[+-]?\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?:[.,]\\d+)?$`);

/** Returns the number written in French (`1 234,50`, `12,5`) or with a decimal point (`1234.5`), or undefined. */
export function parseFrenchNumber(text: string): number | undefined {
  const written = text.replace(/\u2212/g, '-');
  if (!PLAIN_NUMBER.test(written) && !GROUPED_NUMBER.test(written)) return undefined;
  const value = Number(written.replace(new RegExp(GROUP_SPACE, 'g'), '').replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** Returns a real date written JJ/MM/AAAA (also with `.` or `-`, one-digit day or month) or AAAA-MM-JJ as AAAA-MM-JJ, or undefined. */
export function parseFrenchDate(text: string): string | undefined {
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = french ? [french[3], french[2], french[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Returns the text of a field with its line breaks normalised and its ends trimmed; undefined when nothing is left. */
export function cleanText(text: string): string | undefined {
  const cleaned = text.replace(/\r\n?/g, '\n').trim();
  return cleaned === '' ? undefined : cleaned;
}

/** Returns the JSON value of a typed text for its schema: a number, an AAAA-MM-JJ date, or the trimmed text (kept as typed when it cannot be read). */
export function valueOfText(text: string, schema: ValueSchema | undefined): unknown {
  const cleaned = cleanText(text);
  if (cleaned === undefined) return undefined;
  if (schema?.type === 'integer' || schema?.type === 'number') return parseFrenchNumber(cleaned) ?? cleaned;
  if (schema?.type === 'string' && schema.format === 'date') return parseFrenchDate(cleaned) ?? cleaned;
  return cleaned;
}

/** Returns the schema value of an option written as text (an export value or a label's option), or the text itself when it is none of them. */
export function optionValue(written: string, options: readonly SchemaOption[] | undefined): unknown {
  const found = options?.find((o) => String(o.valeur) === written);
  return found === undefined ? written : found.valeur;
}
