/**
 * `npm run bench` (second part): how many returned PDFs per second `extractPdf` reads, for each source (fields,
 * attached data, text layer), with the peak memory of each measurement. Every case runs in its own child process.
 * The baseline is the same reading without the sandbox (the task run in the calling thread), so the run shows what
 * the worker — a fresh thread, its module loading and its limits, for each file — costs on this machine.
 *
 * Then, side by side in one process, one file after the other over every `samples/renvoyes/*.pdf`: how many files per
 * second `Paperasse.extract` reads (sandboxed, validated, its changes and signatures checked) against a bare pdf-lib
 * loop (`PDFDocument.load` + `getForm().getFields()`, nothing checked) over the same files in the same run, with the
 * peak memory after each loop.
 *
 * Options: --documents N (per case, default 10), --tours N (rounds of the side-by-side comparison, default 30).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { MEASURED_CODE, projectModule } from './compiled.ts';

// The code the users run (dist/) when it is built and current, else the sources (see compiled.ts).
const { Paperasse } = await projectModule<typeof import('../api.ts')>('api');
const { extractPdf } = await projectModule<typeof import('../extract/extract.ts')>('extract/extract');
const { run } = await projectModule<typeof import('../extract/extract-task.ts')>('extract/extract-task');
const { DEFAULT_LIMITS } = await projectModule<typeof import('../extract/limits.ts')>('extract/limits');

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

/**
 * Rounds over the samples run before each side of the comparison is timed (the same for both: compiled, caches filled).
 * Ten, not three: the reading worker's code is only optimised by V8 after a few dozen files (with three rounds, nine
 * files, a third of the timed reading ran unoptimised). Alternating the two sides' rounds was tried and left: each side
 * then pays for the other's garbage in the one main thread (pdf-lib's parse leaves megabytes per file).
 */
const WARM_UP = 10;

/** The side-by-side comparison's case name. */
const COMPARISON = 'comparaison';

/** What the side-by-side comparison measures. */
interface Comparison {
  fichiers: number;
  tours: number;
  pdfLib: Timing;
  paperasse: Timing;
}

/** One loop's clock time, the CPU time the whole process (every thread) used meanwhile, and the peak memory after it. */
interface Timing {
  secondes: number;
  secondesCpu: number;
  memoireMaxMio: number;
}

const { values } = parseArgs({ options: { documents: { type: 'string' }, cas: { type: 'string' }, tours: { type: 'string' } } });
const documents = Number(values.documents ?? 10);
const rounds = Number(values.tours ?? 30);

if (values.cas === COMPARISON) {
  process.stdout.write(JSON.stringify(await compare(rounds)));
} else if (values.cas !== undefined) {
  process.stdout.write(JSON.stringify(await measure(values.cas, documents)));
} else {
  const self = fileURLToPath(import.meta.url);
  process.stdout.write(`\nPaperasse — lecture des PDF renvoyés (samples/renvoyes), ${documents} fichiers par cas, un processus par cas\n${MEASURED_CODE}\n\n`);
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

  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--cas', COMPARISON, '--tours', String(rounds)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${COMPARISON}: ${r.stderr}`);
  const c = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Comparison;
  const n = c.fichiers * c.tours;
  const rate = (seconds: number) => n / seconds;
  process.stdout.write(`\nCôte à côte, un processus, un fichier après l’autre : samples/renvoyes/*.pdf (${c.fichiers} fichiers) × ${c.tours} tours\n\n`);
  process.stdout.write(`${pad('lecture', 74)}${pad('fichiers/s', 12)}${pad('ms/fichier', 12)}mémoire max\n`);
  process.stdout.write(`${pad('pdf-lib nu (load + getForm().getFields(), rien vérifié)', 74)}${pad(rate(c.pdfLib.secondes).toFixed(2), 12)}${pad(String(Math.round((c.pdfLib.secondes * 1000) / n)), 12)}${c.pdfLib.memoireMaxMio} Mio\n`);
  process.stdout.write(`${pad('Paperasse.extract (bac à sable, validation, modifications, signatures)', 74)}${pad(rate(c.paperasse.secondes).toFixed(2), 12)}${pad(String(Math.round((c.paperasse.secondes * 1000) / n)), 12)}${c.paperasse.memoireMaxMio} Mio\n`);
  process.stdout.write(`\nPaperasse.extract / pdf-lib nu : ×${(c.pdfLib.secondes / c.paperasse.secondes).toFixed(2)} fichiers par seconde (objectif : ×2)\n`);
  // On a machine shared with other work the clock counts waiting too: the CPU time of the process says what each loop cost.
  process.stdout.write(`Temps CPU du processus (tous ses fils) : pdf-lib nu ${Math.round((c.pdfLib.secondesCpu * 1000) / n)} ms/fichier, Paperasse.extract ${Math.round((c.paperasse.secondesCpu * 1000) / n)} ms/fichier, soit ×${(c.pdfLib.secondesCpu / c.paperasse.secondesCpu).toFixed(2)}\n`);
}

/**
 * Returns the time of `n` rounds over the returned samples, one file after the other, first with a bare pdf-lib loop
 * then with `Paperasse.extract`, after the same warm-up (WARM_UP rounds) for each; the peak memory is read after each loop.
 */
async function compare(n: number): Promise<Comparison> {
  const dir = fileURLToPath(new URL('../../samples/renvoyes/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(dir + f)) }));
  const paperasse = new Paperasse();
  const bare = async (): Promise<void> => {
    for (const f of files) {
      const doc = await PDFDocument.load(f.bytes, { updateMetadata: false });
      doc.getForm().getFields();
    }
  };
  const extract = async (): Promise<void> => {
    for (const f of files) {
      const outcome = await paperasse.extract(f.bytes, f.name);
      if (!outcome.ok) throw new Error(`${f.name}: ${outcome.erreur.code}`);
    }
  };
  const timed = async (loop: () => Promise<void>): Promise<Timing> => {
    for (let i = 0; i < WARM_UP; i++) await loop();
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let i = 0; i < n; i++) await loop();
    const used = process.cpuUsage(cpu);
    return { secondes: Number(process.hrtime.bigint() - start) / 1e9, secondesCpu: (used.user + used.system) / 1e6, memoireMaxMio: Math.round(process.resourceUsage().maxRSS / 1024) };
  };
  const pdfLib = await timed(bare);
  const paperasseTime = await timed(extract);
  return { fichiers: files.length, tours: n, pdfLib, paperasse: paperasseTime };
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
