/**
 * `npm run bench`: rendering throughput on the dossier professionnel sample, for each output, with the peak
 * memory of each measurement. Every case runs in its own child process (so peak RSS is its own), and the run
 * includes a baseline — the same pipeline with the fonts' OpenType layout tables kept, as a plain React-PDF /
 * pdf-lib setup does — so the numbers compare within one run on one machine.
 *
 * Options: --documents N (per case, default 5), --forme <id> (default dossier-professionnel).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { createSchemaCatalog } from '../core/schemas.ts';
import { FORMS } from '../forms/registry.ts';
import { Renderer } from '../render/renderer.ts';

interface Measure {
  cas: string;
  documents: number;
  pages: number;
  secondes: number;
  memoireMaxMio: number;
}

const CASES = ['pdf', 'pdf-remplissable', 'docx', 'pdf (référence : polices avec tables OpenType)', 'pdf-remplissable (référence : polices avec tables OpenType)'];

const { values } = parseArgs({ options: { documents: { type: 'string' }, forme: { type: 'string' }, cas: { type: 'string' } } });
const documents = Number(values.documents ?? 5);
const formId = values.forme ?? 'dossier-professionnel';

if (values.cas !== undefined) {
  const m = await measure(values.cas, formId, documents);
  process.stdout.write(JSON.stringify(m));
} else {
  const self = fileURLToPath(import.meta.url);
  process.stdout.write(`Paperasse — rendu de « ${formId} » (échantillon), ${documents} documents par cas, un processus par cas\n\n`);
  const rows: Measure[] = [];
  for (const c of CASES) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--cas', c, '--documents', String(documents), '--forme', formId], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${c}: ${r.stderr}`);
    rows.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Measure);
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  process.stdout.write(`${pad('cas', 62)}${pad('docs/s', 10)}${pad('pages/s', 10)}${pad('pages/doc', 11)}mémoire max\n`);
  for (const m of rows) {
    process.stdout.write(
      `${pad(m.cas, 62)}${pad((m.documents / m.secondes).toFixed(2), 10)}${pad((m.pages / m.secondes).toFixed(1), 10)}${pad(String(Math.round(m.pages / m.documents)), 11)}${m.memoireMaxMio} Mio\n`,
    );
  }
  const ratio = (a: string, b: string) => {
    const x = rows.find((m) => m.cas === a);
    const y = rows.find((m) => m.cas === b);
    return x && y ? (y.secondes / x.secondes).toFixed(1) : '?';
  };
  process.stdout.write(`\nGain sur la référence : PDF ×${ratio(CASES[0] ?? '', CASES[3] ?? '')}, PDF remplissable ×${ratio(CASES[1] ?? '', CASES[4] ?? '')}\n`);
}

/** Returns the throughput of one case, measured after one warm-up document. */
async function measure(c: string, id: string, n: number): Promise<Measure> {
  const form = FORMS.find((f) => f.id === id);
  if (!form) throw new Error(`unknown form ${id}`);
  const data = JSON.parse(readFileSync(fileURLToPath(new URL(`../../samples/${id}.json`, import.meta.url)), 'utf8')) as unknown;
  const renderer = new Renderer(createSchemaCatalog(), { keepLayoutTables: c.includes('référence') });
  const fillable = c.startsWith('pdf-remplissable');
  const once = async () => (c === 'docx' ? renderer.renderDocx(form, data) : renderer.renderPdf(form, data, { fillable }));
  const warm = await renderer.renderPdf(form, data);
  const pagesPerDoc = (await PDFDocument.load(warm)).getPageCount();
  await once();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await once();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { cas: c, documents: n, pages: n * pagesPerDoc, secondes: seconds, memoireMaxMio: Math.round(process.resourceUsage().maxRSS / 1024) };
}
