/** Paperasse's version, read once from package.json. */
import { readFileSync } from 'node:fs';
import { projectPath } from './core/paths.ts';

/** The package version ("0.1.0"). */
export const VERSION: string = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;
