/**
 * `npm run bench` (second part): how many returned PDFs per second `extractPdf` reads, for each source (fields,
 * attached data, text layer), with the peak memory of each measurement. Every case runs in its own child process.
 * The baseline is the same reading without the sandbox (the task run in the calling thread), so the run shows what
 * the worker — a fresh thread, its module loading and its limits, for each file — costs on this machine.
 *
 * Options: --documents N (per case, default 10).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractPdf } from '../extract/extract.ts';
import { run } from '../extract/extract-task.ts';
import { DEFAULT_LIMITS } from '../extract/limits.ts';

interface Measure {
  cas: string;
  documents: number;
  secondes: number;
  memoireMaxMio: number;
}

/** The returned samples, by the source they are read from. */
const FILES: Record<string, string> = {
  champs: 'fiche-client-remplie.pdf',
  'champs + signature': 'fiche-client-signee.pdf',
  texte: 'page-de-garde-aplatie.pdf',
};
const BASELINE = ' (référence : sans bac à sable)';
const CASES = [...Object.keys(FILES), ...Object.keys(FILES).map((k) => `${k}${BASELINE}`)];

const { values } = parseArgs({ options: { documents: { type: 'string' }, cas: { type: 'string' } } });
const documents = Number(values.documents ?? 10);

if (values.cas !== undefined) {
  process.stdout.write(JSON.stringify(await measure(values.cas, documents)));
} else {
  const self = fileURLToPath(import.meta.url);
  process.stdout.write(`\nPaperasse — lecture des PDF renvoyés (samples/renvoyes), ${documents} fichiers par cas, un processus par cas\n\n`);
  const rows: Measure[] = [];
  for (const c of CASES) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--cas', c, '--documents', String(documents)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${c}: ${r.stderr}`);
    rows.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Measure);
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  process.stdout.write(`${pad('cas', 52)}${pad('docs/s', 10)}${pad('ms/doc', 10)}mémoire max\n`);
  for (const m of rows) {
    process.stdout.write(`${pad(m.cas, 52)}${pad((m.documents / m.secondes).toFixed(2), 10)}${pad(String(Math.round((m.secondes * 1000) / m.documents)), 10)}${m.memoireMaxMio} Mio\n`);
  }
  const cost = Object.keys(FILES).map((k) => {
    const sandboxed = rows.find((m) => m.cas === k);
    const bare = rows.find((m) => m.cas === `${k}${BASELINE}`);
    return sandboxed && bare ? `${k} ×${(sandboxed.secondes / bare.secondes).toFixed(1)}` : `${k} ?`;
  });
  process.stdout.write(`\nCoût du bac à sable (temps avec / sans) : ${cost.join(', ')}\n`);
}

/** Returns the time to read `n` copies of one sample, after one warm-up reading. */
async function measure(c: string, n: number): Promise<Measure> {
  const source = c.replace(BASELINE, '');
  const file = FILES[source];
  if (file === undefined) throw new Error(`unknown case ${c}`);
  const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL(`../../samples/renvoyes/${file}`, import.meta.url))));
  const bare = c.endsWith(BASELINE);
  const once = async (): Promise<void> => {
    const outcome = bare ? await run({ bytes, name: file, limits: DEFAULT_LIMITS }) : await extractPdf(bytes, file);
    if (!outcome.ok) throw new Error(`${file}: ${outcome.erreur.code}`);
  };
  await once();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await once();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { cas: c, documents: n, secondes: seconds, memoireMaxMio: Math.round(process.resourceUsage().maxRSS / 1024) };
}
