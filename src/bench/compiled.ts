/**
 * Which code a benchmark measures: the compiled JavaScript in dist/ (what the CLI and the service run, see
 * src/cli/paperasse.mjs) when it is at least as new as every source file, else the TypeScript sources through tsx,
 * whose loader and source maps slow a sandbox worker down (it loads the task through tsx too).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../core/paths.ts';

/** Returns the newest modification time of the TypeScript files under `dir`, in milliseconds. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/ holds a build at least as new as the sources. */
export const COMPILED = (() => {
  const stamp = projectPath('dist', '.construit');
  return existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...['src', 'server', 'templates'].map((d) => newestSource(projectPath(d))));
})();

/** The line a benchmark prints to say which code it measured. */
export const MEASURED_CODE = COMPILED
  ? 'Code mesuré : le JavaScript compilé (dist/), celui que lancent la CLI et le service.'
  : 'Code mesuré : les sources TypeScript par tsx (dist/ absent ou plus ancien que les sources : npm run build).';

/** Returns the module at `path` (relative to src/, without extension): from dist/ when COMPILED, else the source. */
export async function projectModule<T>(path: string): Promise<T> {
  const file = COMPILED ? projectPath('dist', 'src', `${path}.js`) : projectPath('src', `${path}.ts`);
  return (await import(pathToFileURL(file).href)) as T;
}
