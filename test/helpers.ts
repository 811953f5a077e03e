/** Shared test helpers: the project's folders and a Paperasse instance built once per test file. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Paperasse } from '../src/api.ts';

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
