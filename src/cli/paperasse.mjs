#!/usr/bin/env node
// Entry point of the `paperasse` command: runs the compiled CLI (dist/, made by `npm run build`, which `npm ci` runs)
// when it is at least as new as every source file, else the TypeScript sources through tsx's loader.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = join(root, 'dist', '.construit');

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

const compiled =
  process.env.PAPERASSE_SOURCES !== '1' &&
  existsSync(stamp) &&
  statSync(stamp).mtimeMs >= Math.max(...['src', 'server', 'templates'].map((d) => newestSource(join(root, d))));

// A reader that closes the pipe early (`paperasse forms | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
let main;
if (compiled) {
  ({ main } = await import(join(root, 'dist', 'src', 'cli', 'main.js')));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
if (typeof code === 'number') process.exitCode = code;
