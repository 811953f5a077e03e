/** `npm run docs`: rewrites the generated sections of README.md from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { regenererReadme } from './readme.ts';

const chemin = new URL('../../README.md', import.meta.url);
writeFileSync(chemin, regenererReadme(readFileSync(chemin, 'utf8')));
