/**
 * The hostile corpus (test/fixtures/make-hostile.ts) through every entry point that accepts a user's PDF, one
 * child process per file and entry point: the code each file ends with, its time and the process's peak resident
 * memory (and what the process held before the file, modules loaded). The worst figures are printed last.
 *
 * Usage: `npx tsx src/bench/hostile.ts` (about 5 minutes on 2 cores); `--entree extract|dossier` for one entry point.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hostileEntries, makeWholeCorpus, nastyEntries } from '../../test/fixtures/make-hostile.ts';
import { Paperasse, filesBeside } from '../api.ts';
import { isJsonObject } from '../core/json.ts';
import { extractPdf } from '../extract/extract.ts';
import type { ExtractLimits } from '../extract/limits.ts';

/** One file through one entry point. */
interface Measure {
  entree: string;
  fichier: string;
  code: string;
  secondes: number;
  /** Peak resident memory of the whole process, in MiB. */
  rssMaxMio: number;
  /** Resident memory once the modules were loaded, before the file was read, in MiB. */
  rssAvantMio: number;
}

const ENTRIES = ['extract', 'dossier'] as const;
const { values } = parseArgs({ options: { entree: { type: 'string' }, fichier: { type: 'string' }, limites: { type: 'string' } } });

if (values.fichier !== undefined && values.entree !== undefined) {
  process.stdout.write(JSON.stringify(await once(values.entree, values.fichier, JSON.parse(values.limites ?? '{}') as Partial<ExtractLimits>)));
  process.exit(0);
} else {
  await main(values.entree === undefined ? [...ENTRIES] : [values.entree]);
}

/** Makes the corpus, runs each file through each entry point in its own process and prints the table. */
async function main(entries: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-banc-hostile-'));
  try {
    await makeWholeCorpus(dir);
    const files = [...hostileEntries().map((e) => ({ file: e.file, limites: e.limites ?? {} })), ...nastyEntries().map((e) => ({ file: e.file, limites: {} }))];
    const self = fileURLToPath(import.meta.url);
    const rows: Measure[] = [];
    process.stdout.write(`\nPaperasse — corpus hostile, un processus par fichier et par entrée\n\n${'entrée'.padEnd(9)}${'fichier'.padEnd(42)}${'code'.padEnd(26)}${'durée'.padStart(8)}${'RSS max'.padStart(11)}${'avant'.padStart(9)}\n`);
    for (const entree of entries) {
      for (const { file, limites } of files) {
        const limits = entree === 'extract' ? JSON.stringify(limites) : '{}';
        const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--entree', entree, '--fichier', join(dir, file), '--limites', limits], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
        const last = r.stdout.trim().split('\n').pop() ?? '';
        const row: Measure = r.status === 0 && last.startsWith('{') ? (JSON.parse(last) as Measure) : { entree, fichier: file, code: `processus arrêté (${r.status ?? r.signal})`, secondes: Number.NaN, rssMaxMio: Number.NaN, rssAvantMio: Number.NaN };
        rows.push(row);
        process.stdout.write(`${row.entree.padEnd(9)}${row.fichier.padEnd(42)}${row.code.padEnd(26)}${`${row.secondes.toFixed(1)} s`.padStart(8)}${`${row.rssMaxMio} Mio`.padStart(11)}${`${row.rssAvantMio} Mio`.padStart(9)}\n`);
      }
    }
    for (const entree of entries) {
      const mine = rows.filter((r) => r.entree === entree);
      const slowest = mine.reduce((a, b) => (b.secondes > a.secondes ? b : a));
      const largest = mine.reduce((a, b) => (b.rssMaxMio > a.rssMaxMio ? b : a));
      process.stdout.write(`\n${entree} : le plus lent ${slowest.fichier} (${slowest.secondes.toFixed(1)} s), le plus gourmand ${largest.fichier} (${largest.rssMaxMio} Mio, ${largest.rssAvantMio} Mio avant lecture)\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Returns the measure of one file through one entry point (run in the child process). */
async function once(entree: string, path: string, limites: Partial<ExtractLimits>): Promise<Measure> {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const paperasse = new Paperasse();
  const rssAvantMio = Math.round(process.memoryUsage.rss() / 1024 / 1024);
  const start = performance.now();
  const code = entree === 'extract' ? await extractCode(path, file, limites) : await dossierCode(paperasse, path, file);
  const secondes = (performance.now() - start) / 1000;
  return { entree, fichier: file, code, secondes, rssMaxMio: Math.round(process.resourceUsage().maxRSS / 1024), rssAvantMio };
}

/** Returns the code `extractPdf` ends with ('OK' for an extraction). */
async function extractCode(path: string, file: string, limites: Partial<ExtractLimits>): Promise<string> {
  const outcome = await extractPdf(readFileSync(path), file, { limits: limites });
  return outcome.ok ? 'OK' : outcome.erreur.code;
}

/** Returns the code the dossier render of the sample ends with when `path` is its only justificatif ('OK' for two copies). */
async function dossierCode(paperasse: Paperasse, path: string, file: string): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'paperasse-banc-dossier-'));
  try {
    mkdirSync(join(folder, 'justificatifs'));
    writeFileSync(join(folder, 'justificatifs', file), readFileSync(path));
    const data = JSON.parse(readFileSync(fileURLToPath(new URL('../../samples/dossier-professionnel.json', import.meta.url)), 'utf8')) as unknown;
    if (!isJsonObject(data) || !Array.isArray(data.attestations)) throw new Error('samples/dossier-professionnel.json has no attestations');
    const first: unknown = data.attestations[0];
    data.attestations = [{ ...(isJsonObject(first) ? first : {}), fichier: `justificatifs/${file}` }];
    const outcome = await paperasse.renderDossier(data, { fichiers: filesBeside(folder), date: new Date('2019-03-20T10:00:00Z') });
    return outcome.ok ? 'OK' : outcome.erreurs[0]?.code ?? outcome.erreur.code;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
