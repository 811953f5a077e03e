#!/usr/bin/env node
// Compiles the TypeScript sources into dist/ (tsc, tsconfig.build.json), writes each schema's validator as JavaScript
// (dist/validateurs/, see src/core/schemas.ts) and stamps the build, so the CLI and the service start from
// JavaScript; then builds the web interface into dist/web (Vite, vite.config.ts), which the service serves at /. `npm ci` runs it (prepare); src/cli/paperasse.mjs falls back to the sources when a source
// file is newer than the stamp.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  // A production install (npm ci --omit=dev) has no compiler: the image copies dist/ from its build stage, and
  // without dist/ the CLI runs the sources through tsx.
  console.log('paperasse build: TypeScript is not installed (production install), nothing compiled.');
  process.exit(0);
}
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
// Each schema's validator as JavaScript (dist/validateurs/): a command then validates without running ajv's compiler.
const { writePrecompiledValidators } = await import(pathToFileURL(join(root, 'dist', 'src', 'core', 'schemas-precompile.js')).href);
writePrecompiledValidators();
writeFileSync(join(root, 'dist', '.construit'), `${new Date().toISOString()}\n`);
// The web interface: the build tools are dev dependencies, installed by `npm ci` together with TypeScript.
const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
execFileSync(process.execPath, [vite, 'build', '--config', join(root, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
