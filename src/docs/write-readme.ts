/** `npm run docs`: rewrites the generated sections of README.md from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { regenerateReadme } from './readme.ts';

const chemin = new URL('../../README.md', import.meta.url);
writeFileSync(chemin, regenerateReadme(readFileSync(chemin, 'utf8')));
