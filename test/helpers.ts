/**
 * Shared test helpers: the project's folders, a Paperasse instance built once per test file, and the harness of the
 * form tests (a copy of a form's sample, its validation, its errors, JSON Pointer changes).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { Paperasse, type Issue, type ValidationResult } from '../src/api.ts';
import { segments, valueAt } from '../src/core/pointer.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SAMPLES = `${ROOT}samples/`;
export const INVALID_SAMPLES = `${SAMPLES}invalides/`;

/** Returns the parsed JSON of a file under the repository root. */
export function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(ROOT + relativePath, 'utf8')) as unknown;
}

/** What an invalid sample must produce, from its `.attendu.json` (undefined fields when that file is missing). */
export interface InvalidSample {
  file: string;
  formulaire: string;
  erreurs: Array<{ code: string; chemin: string }> | undefined;
}

/** Returns the invalid samples with what each must produce. */
export function invalidSamples(): InvalidSample[] {
  return readdirSync(INVALID_SAMPLES)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.attendu.json'))
    .sort()
    .map((file) => {
      const expectedPath = INVALID_SAMPLES + file.replace(/\.json$/, '.attendu.json');
      if (!existsSync(expectedPath)) return { file, formulaire: file.replace(/-[^-]+\.json$/, ''), erreurs: undefined };
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { formulaire: string; erreurs: Array<{ code: string; chemin: string }> };
      return { file, ...expected };
    });
}

let instance: Paperasse | undefined;
/** Returns a Paperasse instance shared by the tests of one file. */
export function paperasse(): Paperasse {
  instance ??= new Paperasse();
  return instance;
}

/** Returns validation errors as sorted "CODE chemin" strings, for exact comparisons. */
export function codes(errors: ReadonlyArray<{ code: string; chemin: string }>): string[] {
  return errors.map((e) => `${e.code} ${e.chemin}`).sort();
}

/** Returns a fresh copy of the valid sample of form `formId` (samples/<formId>.json), free to be changed by a test. */
export function sampleCopy<T = unknown>(formId: string): T {
  return readJson(`samples/${formId}.json`) as T;
}

/** Returns the validation result of `data` against form `formId`, throwing Paperasse's French message when it refuses the input itself (unknown form). */
export function validationOf(formId: string, data: unknown): ValidationResult {
  const r = paperasse().validate(formId, data);
  if (!r.ok) throw new Error(r.erreur.message);
  return r.valeur;
}

/** Returns the errors of `data` against form `formId`. */
export function errorsOf(formId: string, data: unknown): Issue[] {
  return validationOf(formId, data).erreurs;
}

/** Returns the errors of `data` against form `formId` as sorted "CODE chemin" strings. */
export function errorCodes(formId: string, data: unknown): string[] {
  return codes(errorsOf(formId, data));
}

/** Returns the message of the only error of `data` against form `formId`, failing the test when there is not exactly one. */
export function onlyMessage(formId: string, data: unknown): string {
  const errors = errorsOf(formId, data);
  expect(errors).toHaveLength(1);
  return errors[0]?.message ?? '';
}

/** The value that removes a field, in `setAt` and in `Changes`. */
export const DELETE: unique symbol = Symbol('DELETE');

/** Modifications of a document: JSON Pointer → new value, or DELETE to remove the field. */
export type Changes = Readonly<Record<string, unknown>>;

/** Sets the value at JSON Pointer `pointer` inside `data`, in place, or removes it when `value` is DELETE. */
export function setAt(data: unknown, pointer: string, value: unknown): void {
  const parts = segments(pointer);
  const parent = valueAt(data, parts.slice(0, -1));
  if (parent === null || typeof parent !== 'object') throw new Error(`No object or array holds ${pointer}`);
  const key = parts[parts.length - 1] ?? '';
  if (value === DELETE) delete (parent as Record<string, unknown>)[key];
  else (parent as Record<string, unknown>)[key] = value;
}

/** Returns the validation result of a copy of form `formId`'s sample with `changes` applied. */
export function validationWith(formId: string, changes: Changes = {}): ValidationResult {
  const data = sampleCopy(formId);
  for (const [pointer, value] of Object.entries(changes)) setAt(data, pointer, value);
  return validationOf(formId, data);
}
