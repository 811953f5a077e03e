#!/usr/bin/env node
// Entry point of the `paperasse` command: runs the compiled CLI (dist/, made by `npm run build`, which `npm ci` runs)
// when it is at least as new as every source file, else the TypeScript sources through tsx's loader.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distIsCurrent } from './dist-current.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiled = process.env.PAPERASSE_SOURCES !== '1' && distIsCurrent(root);

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
