/**
 * `npm run bench:batch`: the mail merge of `lettre-tuteur-rentree` from a generated CSV to a zip (letters per second,
 * and the peak memory of the whole process tree — the batch's process with its worker threads, sampled from
 * /proc every 200 ms and at each progress line), beside baselines measured in the same run: the issue's plain
 * one-process loop calling React-PDF's `renderToBuffer` on a comparable two-page letter (`npm run bench:render`'s
 * `reference-react-pdf` case, run as a child process), and the engine's own one-thread loop (`Renderer.renderPdf`
 * on the same rows, no zip). Each case runs in its own child process, so each peak is its own.
 *
 * Options: --lignes N (rows of the batch, default 1000), --base N (letters of the baseline loop, default 40),
 * --workers N (default: one per core).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Paperasse } from '../api.ts';
import { cellText, columnsOf } from '../batch/columns.ts';
import { projectPath } from '../core/paths.ts';
import { createSchemaCatalog } from '../core/schemas.ts';

const LETTRE = 'lettre-tuteur-rentree';
const NOMS = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre', 'Garçon', 'Le Gall', 'Nguyen', 'Da Silva', 'Benali'];
const PRENOMS = ['Léa', 'Théo', 'Chloé', 'Maël', 'Zoé', 'Noé', 'Inès', 'Jérémie', 'Bérénice', 'Anaïs', 'François', 'Hélène'];

const { values } = parseArgs({ options: { lignes: { type: 'string' }, base: { type: 'string' }, workers: { type: 'string' }, cas: { type: 'string' }, csv: { type: 'string' } } });
if (values.lignes !== undefined && !(Number(values.lignes) >= 1)) throw new Error('--lignes expects a positive number');
const rows = Number(values.lignes ?? 1000);
const baseLetters = Number(values.base ?? 40);

/** Returns the RSS of a process and of its child processes, in bytes (threads are counted in their process). */
function treeRss(pid: number): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean)) total += treeRss(Number(task));
  } catch {
    // The process ended between two samples.
  }
  return total;
}

/** The parts of the letter's data the generated rows vary. */
interface Letter {
  tuteur: { nom: string; prenom: string };
  alternant: { nom: string; prenom: string };
  calendrierCours: unknown[];
}

/** Writes the CSV of `n` generated rows (the sample's school and calendar, varied tutors and apprentices). */
function writeCsv(path: string, n: number): void {
  const sample = JSON.parse(readFileSync(projectPath('samples', `${LETTRE}.json`), 'utf8')) as Letter;
  const columns = columnsOf(createSchemaCatalog(), LETTRE, (p) => (p[0] === 'calendrierCours' ? sample.calendrierCours.length : 1)).modele;
  const quote = (t: string) => (/[;"\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const lines = [columns.map((c) => quote(c.entete)).join(';')];
  for (let i = 0; i < n; i++) {
    const d = structuredClone(sample);
    d.tuteur.nom = NOMS[i % NOMS.length] ?? '';
    d.tuteur.prenom = PRENOMS[(i * 7) % PRENOMS.length] ?? '';
    d.alternant.nom = NOMS[(i * 5 + 3) % NOMS.length] ?? '';
    d.alternant.prenom = PRENOMS[(i * 3 + 1) % PRENOMS.length] ?? '';
    lines.push(columns.map((c) => quote(cellText(d, c))).join(';'));
  }
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

interface Measure {
  cas: string;
  lettres: number;
  secondes: number;
  /** Highest sampled RSS of the process tree, in bytes. */
  pic: number;
  /** Samples (rows done → RSS) to see whether memory stays flat. */
  courbe: Array<[number, number]>;
  zip?: number;
}

async function baselineCase(csv: string): Promise<void> {
  // The same rows as the batch, read the same way, then one plain loop on one thread.
  const { readTable } = await import('../batch/read.ts');
  const { planHeaders } = await import('../batch/columns.ts');
  const { convertRow } = await import('../batch/convert.ts');
  const { Renderer } = await import('../render/renderer.ts');
  const { FORMS } = await import('../forms/registry.ts');
  const catalog = createSchemaCatalog();
  const table = await readTable(csv);
  if (!table.ok) throw new Error(table.erreur.message);
  const plan = planHeaders(table.valeur.entetes, columnsOf(catalog, LETTRE, () => 1), undefined, csv);
  if (!plan.ok) throw new Error(plan.erreur.message);
  const form = FORMS.find((f) => f.id === LETTRE);
  if (form === undefined) throw new Error('no letter');
  const renderer = new Renderer(catalog);
  const paperasse = new Paperasse();
  await renderer.renderPdf(form, sampleOf(paperasse, convertRow(table.valeur.lignes[0]!, plan.valeur).donnees)); // warm-up, not timed
  const started = performance.now();
  const n = Math.min(baseLetters, table.valeur.lignes.length);
  for (let i = 0; i < n; i++) {
    await renderer.renderPdf(form, sampleOf(paperasse, convertRow(table.valeur.lignes[i]!, plan.valeur).donnees));
    if ((i + 1) % 10 === 0) process.stdout.write(`progress ${i + 1}\n`);
  }
  process.stdout.write(`result ${JSON.stringify({ lettres: n, secondes: (performance.now() - started) / 1000 })}\n`);
}

function sampleOf(paperasse: Paperasse, data: unknown): unknown {
  const v = paperasse.validate(LETTRE, data);
  if (!v.ok || !v.valeur.valide) throw new Error('generated row is not valid');
  return v.valeur.donnees ?? data;
}

/**
 * Runs one case in a child process, sampling its process tree's memory every 200 ms: the baseline loop, or the real
 * `paperasse batch` command (compiled from dist/ when it is up to date, as an installed Paperasse runs).
 */
/** Runs the React-PDF baseline of `npm run bench:render` (its own process) on `n` letters; returns its rate and peak. */
function reactPdfBaseline(n: number): Measure {
  const script = fileURLToPath(new URL('./render.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, '--cas', 'reference-react-pdf', '--lettres', String(n)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`React-PDF baseline failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { valeur: number; memoireMaxMio: number };
  return { cas: 'react-pdf', lettres: n, secondes: n / m.valeur, pic: m.memoireMaxMio * 1024 * 1024, courbe: [] };
}

function run(cas: 'base' | 'lot', csv: string, dir: string): Promise<Measure> {
  const self = fileURLToPath(import.meta.url);
  const out = join(dir, 'lot.zip');
  const args =
    cas === 'base'
      ? ['--import', 'tsx', self, '--cas', 'base', '--csv', csv, '--base', String(baseLetters)]
      : [projectPath('src', 'cli', 'paperasse.mjs'), 'batch', LETTRE, csv, '-o', out, ...(values.workers ? ['--workers', values.workers] : [])];
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let pic = 0;
  const courbe: Array<[number, number]> = [];
  const timer = setInterval(() => {
    pic = Math.max(pic, treeRss(child.pid ?? 0));
  }, 200);
  let result: { lettres: number; secondes: number } | undefined;
  const lines = (stream: NodeJS.ReadableStream, onLine: (line: string) => void) => {
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        onLine(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
      }
    });
  };
  const progress = (done: number) => {
    const rss = treeRss(child.pid ?? 0);
    pic = Math.max(pic, rss);
    courbe.push([done, rss]);
    process.stderr.write(`  ${cas} : ${done} lignes, ${mib(rss)} Mio (pic ${mib(pic)} Mio)\n`);
  };
  lines(child.stdout, (line) => {
    if (line.startsWith('progress ')) progress(Number(line.slice(9)));
    else if (line.startsWith('result ')) result = JSON.parse(line.slice(7)) as typeof result;
    else {
      const made = /: (\d+) courriers? pour/.exec(line);
      if (made) result = { lettres: Number(made[1]), secondes: (performance.now() - started) / 1000 };
    }
  });
  const messages: string[] = [];
  lines(child.stderr, (line) => {
    const m = /^(\d+) \/ \d+ lignes/.exec(line);
    if (m) progress(Number(m[1]));
    else messages.push(line);
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0 || result === undefined) reject(new Error(`${cas} failed (${code}): ${messages.slice(-5).join(' | ')}`));
      else resolve({ cas, lettres: result.lettres, secondes: result.secondes, pic, courbe, zip: cas === 'lot' ? statSync(out).size : undefined });
    });
  });
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

if (values.cas === 'base') await baselineCase(values.csv ?? '');
else {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-bench-batch-'));
  try {
    const csv = join(dir, 'tuteurs.csv');
    writeCsv(csv, rows);
    process.stdout.write(`Paperasse — publipostage « ${LETTRE} » : ${rows} lignes CSV → zip ; références : boucle React-PDF renderToBuffer et boucle du moteur sur un fil, ${baseLetters} courriers\n\n`);
    const react = reactPdfBaseline(baseLetters);
    const base = await run('base', csv, dir);
    const lot = await run('lot', csv, dir);
    const rate = (m: Measure) => m.lettres / m.secondes;
    const pad = (s: string, n: number) => s.padEnd(n);
    process.stdout.write(`${pad('cas', 58)}${pad('courriers', 11)}${pad('secondes', 10)}${pad('courriers/s', 13)}mémoire max (arbre de processus)\n`);
    process.stdout.write(`${pad('référence : boucle React-PDF renderToBuffer, 1 fil', 58)}${pad(String(react.lettres), 11)}${pad(react.secondes.toFixed(1), 10)}${pad(rate(react).toFixed(2), 13)}${mib(react.pic)} Mio\n`);
    process.stdout.write(`${pad('moteur : boucle Renderer.renderPdf, 1 fil, sans zip', 58)}${pad(String(base.lettres), 11)}${pad(base.secondes.toFixed(1), 10)}${pad(rate(base).toFixed(2), 13)}${mib(base.pic)} Mio\n`);
    process.stdout.write(`${pad('paperasse batch (CSV → zip, tout-imprimer, rapport)', 58)}${pad(String(lot.lettres), 11)}${pad(lot.secondes.toFixed(1), 10)}${pad(rate(lot).toFixed(2), 13)}${mib(lot.pic)} Mio\n`);
    process.stdout.write(`\nrapport lot / React-PDF : ${(rate(lot) / rate(react)).toFixed(2)} × ; lot / moteur sur un fil : ${(rate(lot) / rate(base)).toFixed(2)} × ; zip ${mib(lot.zip ?? 0)} Mio\n`);
    process.stdout.write(`mémoire du lot selon l’avancement (lignes → Mio) : ${lot.courbe.map(([n, b]) => `${n} → ${mib(b)}`).join(', ')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
