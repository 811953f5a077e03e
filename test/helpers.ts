/** Shared test helpers: the project's folders and a Paperasse instance built once per test file. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Paperasse } from '../src/api.ts';

export const RACINE = fileURLToPath(new URL('../', import.meta.url));
export const SAMPLES = `${RACINE}samples/`;
export const INVALIDES = `${SAMPLES}invalides/`;

/** Returns the parsed JSON of a file under the repository root. */
export function lireJson(cheminRelatif: string): unknown {
  return JSON.parse(readFileSync(RACINE + cheminRelatif, 'utf8')) as unknown;
}

/** What an invalid sample must produce, from its `.attendu.json` (undefined fields when that file is missing). */
export interface EchantillonInvalide {
  fichier: string;
  formulaire: string;
  erreurs: Array<{ code: string; chemin: string }> | undefined;
}

/** Returns the invalid samples with what each must produce. */
export function echantillonsInvalides(): EchantillonInvalide[] {
  return readdirSync(INVALIDES)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.attendu.json'))
    .sort()
    .map((fichier) => {
      const cheminAttendu = INVALIDES + fichier.replace(/\.json$/, '.attendu.json');
      if (!existsSync(cheminAttendu)) return { fichier, formulaire: fichier.replace(/-[^-]+\.json$/, ''), erreurs: undefined };
      const attendu = JSON.parse(readFileSync(cheminAttendu, 'utf8')) as { formulaire: string; erreurs: Array<{ code: string; chemin: string }> };
      return { fichier, ...attendu };
    });
}

let instance: Paperasse | undefined;
/** Returns a Paperasse instance shared by the tests of one file. */
export function paperasse(): Paperasse {
  instance ??= new Paperasse();
  return instance;
}

/** Returns validation errors as sorted "CODE chemin" strings, for exact comparisons. */
export function codes(erreurs: ReadonlyArray<{ code: string; chemin: string }>): string[] {
  return erreurs.map((e) => `${e.code} ${e.chemin}`).sort();
}
