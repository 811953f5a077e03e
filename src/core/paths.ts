/**
 * Where the project's files are, whether the code runs from its TypeScript sources (tsx, vitest) or from the
 * compiled JavaScript in `dist/` (the CLI and the service): the root is the folder holding Paperasse's package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Returns the project's root folder: the nearest parent of this module whose package.json is Paperasse's. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'paperasse') return dir;
    if (dirname(dir) === dir) throw new Error(`Paperasse: no package.json named "paperasse" above ${start}`);
  }
}

/** The project's root folder (absolute path, no trailing separator). */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Returns the absolute path of a file or folder given relative to the project's root. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}

/** Returns the URL of the module `name` (a path relative to the module at `url`, without extension) with that module's own extension (.ts or .js). */
export function siblingModule(url: string, name: string): URL {
  const extension = /\.(tsx?|m?js)$/.exec(new URL(url).pathname)?.[0] ?? '.js';
  return new URL(`./${name}${extension === '.tsx' ? '.ts' : extension}`, url);
}
