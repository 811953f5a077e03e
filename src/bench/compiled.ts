/**
 * Which code a benchmark measures: the compiled JavaScript in dist/ (what the CLI and the service run, see
 * src/cli/paperasse.mjs) when it is at least as new as every source file, else the TypeScript sources through tsx,
 * whose loader and source maps slow a sandbox worker down (it loads the task through tsx too).
 */
import { pathToFileURL } from 'node:url';
import { distIsCurrent } from '../cli/dist-current.mjs';
import { PROJECT_ROOT, projectPath } from '../core/paths.ts';

/** Whether dist/ holds a build at least as new as the sources. */
export const COMPILED = distIsCurrent(PROJECT_ROOT);

/** The line a benchmark prints to say which code it measured. */
export const MEASURED_CODE = COMPILED
  ? 'Code mesuré : le JavaScript compilé (dist/), celui que lancent la CLI et le service.'
  : 'Code mesuré : les sources TypeScript par tsx (dist/ absent ou plus ancien que les sources : npm run build).';

/** Returns the module at `path` (relative to src/, without extension): from dist/ when COMPILED, else the source. */
export async function projectModule<T>(path: string): Promise<T> {
  const file = COMPILED ? projectPath('dist', 'src', `${path}.js`) : projectPath('src', `${path}.ts`);
  return (await import(pathToFileURL(file).href)) as T;
}
