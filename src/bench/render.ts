/**
 * `npm run bench:render`: Paperasse's layout engine against a baseline measured in the same run — a plain
 * one-process loop calling React-PDF's `renderToBuffer` on a comparable letter (built here, from the same resolved
 * `lettre-tuteur-rentree` sample, with the same fonts, their OpenType layout tables dropped as the React-PDF
 * pipeline did). Each case runs in its own child process, so its peak RSS
 * is its own. Printed: letters per second (same data, N times, one process), the median of one warm rendering of
 * the letter and of the fiche E32 sample, the combined print file's letters per second, peak memory, ratios.
 *
 * Options: --lettres N (default 200), --repetitions N for the medians (default 30).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createElement as h, type ReactElement, type ReactNode } from 'react';
import { createSchemaCatalog } from '../core/schemas.ts';
import { FORMS } from '../forms/registry.ts';
import type { DocNode, ResolvedDocument } from '../render/model.ts';
import { Renderer } from '../render/renderer.ts';
import { CombinedPdfWriter } from '../render/engine/combined.ts';
import { FONT_FILES } from '../render/fonts.ts';
import { withoutLayoutTables } from '../render/font-tables.ts';

interface Measure {
  cas: string;
  /** Letters per second, or the median in ms. */
  valeur: number;
  unite: 'lettres/s' | 'ms';
  memoireMaxMio: number;
}

const CASES = ['reference-react-pdf', 'moteur-lettres', 'moteur-tout-imprimer', 'moteur-lettre-mediane', 'moteur-e32-mediane', 'reference-react-pdf-lettre-mediane'] as const;
type Case = (typeof CASES)[number];

const { values } = parseArgs({ options: { lettres: { type: 'string' }, repetitions: { type: 'string' }, cas: { type: 'string' } } });
const letters = Number(values.lettres ?? 200);
const repetitions = Number(values.repetitions ?? 30);

if (values.cas !== undefined) {
  process.stdout.write(JSON.stringify(await measure(values.cas as Case)));
} else {
  const self = fileURLToPath(import.meta.url);
  process.stdout.write(`Paperasse — moteur de rendu PDF contre React-PDF (${letters} lettres « lettre-tuteur-rentree » par boucle, médianes sur ${repetitions} rendus), un processus par cas\n\n`);
  const rows = new Map<Case, Measure>();
  for (const c of CASES) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--cas', c, '--lettres', String(letters), '--repetitions', String(repetitions)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${c}: ${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Measure;
    rows.set(c, m);
    process.stdout.write(`${c.padEnd(40)}${m.valeur.toFixed(m.unite === 'ms' ? 1 : 1).padStart(10)} ${m.unite.padEnd(10)} mémoire max ${m.memoireMaxMio} Mio\n`);
  }
  const v = (c: Case) => rows.get(c)?.valeur ?? NaN;
  process.stdout.write(`\nLettres/s, moteur / React-PDF : ×${(v('moteur-lettres') / v('reference-react-pdf')).toFixed(1)}`);
  process.stdout.write(`\nLettres/s dans tout-imprimer.pdf, moteur / React-PDF : ×${(v('moteur-tout-imprimer') / v('reference-react-pdf')).toFixed(1)}`);
  process.stdout.write(`\nUne lettre, médiane React-PDF / moteur : ×${(v('reference-react-pdf-lettre-mediane') / v('moteur-lettre-mediane')).toFixed(1)}\n`);
}

/** Returns the sample data of a form. */
function sample(id: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../samples/${id}.json`, import.meta.url)), 'utf8')) as unknown;
}

/** Returns the median of a list of numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Returns the measure of one case, after one warm-up rendering. */
async function measure(c: Case): Promise<Measure> {
  const renderer = new Renderer(createSchemaCatalog());
  const form = (id: string) => {
    const f = FORMS.find((x) => x.id === id);
    if (!f) throw new Error(`unknown form ${id}`);
    return f;
  };
  const letter = form('lettre-tuteur-rentree');
  const letterData = sample('lettre-tuteur-rentree');
  const memory = () => Math.round(process.resourceUsage().maxRSS / 1024);
  const rate = async (once: () => Promise<unknown>): Promise<number> => {
    await once();
    const start = process.hrtime.bigint();
    for (let i = 0; i < letters; i++) await once();
    return letters / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  const med = async (once: () => Promise<unknown>): Promise<number> => {
    await once();
    const times: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      const start = process.hrtime.bigint();
      await once();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(times);
  };
  switch (c) {
    case 'reference-react-pdf':
    case 'reference-react-pdf-lettre-mediane': {
      const { Font, renderToBuffer } = await import('@react-pdf/renderer');
      // The fonts as the React-PDF pipeline used them: without their OpenType layout tables (far faster to shape).
      const src = (file: string) => `data:font/ttf;base64,${Buffer.from(withoutLayoutTables(readFileSync(file))).toString('base64')}`;
      Font.register({ family: 'DejaVu', fonts: [{ src: src(FONT_FILES.regular) }, { src: src(FONT_FILES.bold), fontWeight: 'bold' }, { src: src(FONT_FILES.italic), fontStyle: 'italic' }] });
      Font.registerHyphenationCallback((word) => [word]);
      const pdf = await import('@react-pdf/renderer');
      const once = () => renderToBuffer(reactLetter(renderer.resolve(letter, letterData), pdf) as Parameters<typeof renderToBuffer>[0]);
      const valeur = c === 'reference-react-pdf' ? await rate(once) : await med(once);
      return { cas: c, valeur, unite: c === 'reference-react-pdf' ? 'lettres/s' : 'ms', memoireMaxMio: memory() };
    }
    case 'moteur-lettres':
      return { cas: c, valeur: await rate(() => renderer.renderPdf(letter, letterData)), unite: 'lettres/s', memoireMaxMio: memory() };
    case 'moteur-tout-imprimer': {
      let bytes = 0;
      const writer = new CombinedPdfWriter((chunk) => {
        bytes += chunk.length;
      }, { title: 'Tout imprimer' });
      const valeur = await rate(async () => writer.add((await renderer.renderPdfParts(letter, letterData)).parts));
      await writer.finish();
      if (bytes === 0) throw new Error('nothing written');
      return { cas: c, valeur, unite: 'lettres/s', memoireMaxMio: memory() };
    }
    case 'moteur-lettre-mediane':
      return { cas: c, valeur: await med(() => renderer.renderPdf(letter, letterData)), unite: 'ms', memoireMaxMio: memory() };
    case 'moteur-e32-mediane': {
      const e32 = form('fiche-activite-e32');
      const data = sample('fiche-activite-e32');
      return { cas: c, valeur: await med(() => renderer.renderPdf(e32, data)), unite: 'ms', memoireMaxMio: memory() };
    }
  }
}

type ReactPdf = typeof import('@react-pdf/renderer');

/** Returns a React-PDF document of a resolved letter: the same texts, values, tables and page breaks, plainly styled. */
function reactLetter(doc: ResolvedDocument, pdf: ReactPdf): ReactElement {
  const { Document, Page, Text, View } = pdf;
  const node = (n: DocNode, key: number): ReactNode => {
    switch (n.t) {
      case 'title':
        return h(Text, { key, style: { fontWeight: 'bold', fontSize: 11.5, borderWidth: 1.2, padding: 5, marginBottom: 8 } }, `${n.annexe} ${n.title} ${n.session}`);
      case 'heading':
        return h(Text, { key, style: { fontWeight: 'bold', marginTop: 5, marginBottom: 2 } }, n.text);
      case 'text':
        return h(Text, { key, style: { fontWeight: n.style === 'strong' ? 'bold' : 'normal', marginBottom: 2 } }, n.text);
      case 'value':
        return h(View, { key, style: { flexDirection: 'row', marginBottom: 3 } }, h(Text, { style: { fontWeight: 'bold' } }, n.label ? `${n.label} : ` : ''), h(Text, { style: { flexGrow: 1, borderBottomWidth: 0.5 } }, n.text));
      case 'choice':
        return h(View, { key }, ...n.options.map((o, i) => h(Text, { key: i }, `${o.checked ? '☒' : '☐'} ${o.label}`)));
      case 'box':
        return h(Text, { key }, `${n.checked ? '☒' : '☐'} ${n.label}`);
      case 'row':
        return h(View, { key, style: { flexDirection: 'row' } }, ...n.children.map((c, i) => h(View, { key: i, style: { flexGrow: n.widths[i] ?? 1, flexBasis: 0, paddingRight: 8 } }, node(c, 0))));
      case 'section':
      case 'group':
        return h(View, { key, break: n.newPage }, n.title ? h(Text, { style: { fontWeight: 'bold' } }, n.title) : null, ...n.children.map(node));
      case 'table':
        return h(
          View,
          { key, style: { borderTopWidth: 0.75, borderLeftWidth: 0.75, marginBottom: 6 } },
          ...[...n.head, ...n.rows].map((r, i) => h(View, { key: i, style: { flexDirection: 'row' }, wrap: false }, ...r.map((cell, j) => h(View, { key: j, style: { flexGrow: n.widths[j] ?? 1, flexBasis: 0, borderRightWidth: 0.75, borderBottomWidth: 0.75, padding: 2 } }, ...cell.children.map(node))))),
        );
      case 'attachment':
        return null;
      case 'pageBreak':
        return h(View, { key, break: true });
    }
  };
  return h(
    Document,
    { title: doc.fullTitle },
    h(
      Page,
      { size: 'A4', style: { fontFamily: 'DejaVu', fontSize: 9, padding: 34, paddingBottom: 92 } },
      ...doc.nodes.map(node),
      h(Text, { fixed: true, style: { position: 'absolute', left: 400, bottom: 34, fontSize: 8 }, render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) => `page ${pageNumber} / ${totalPages}` }),
    ),
  );
}
