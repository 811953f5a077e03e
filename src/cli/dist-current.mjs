// Whether dist/ holds a build at least as new as every TypeScript source (src/, server/, templates/): the `paperasse`
// command then runs the compiled JavaScript (src/cli/paperasse.mjs), and the benchmarks measure it
// (src/bench/compiled.ts). Plain JavaScript: the command reads it before it knows whether tsx is needed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Returns the newest modification time of the TypeScript files under `dir`, in milliseconds. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Returns whether the build in `root`/dist (stamped dist/.construit) is at least as new as every source file. */
export function distIsCurrent(root) {
  const stamp = join(root, 'dist', '.construit');
  return existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...['src', 'server', 'templates'].map((d) => newestSource(join(root, d))));
}
