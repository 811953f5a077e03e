/**
 * The modules of src/pdf one by one: the one tree walker on a cyclic tree, the one field walker on inherited values,
 * the sniffer, the guarded load leaving pdf-lib unchanged for everyone else, and the detection of active content
 * (on the extraction's result too).
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFObjectStreamParser, PDFString, PDFXRefStreamParser, type PDFContext, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/extract/extract.ts';
import { activeContentIssues } from '../../src/pdf/active.ts';
import { walkFields } from '../../src/pdf/fields.ts';
import { DEFAULT_LIMITS } from '../../src/pdf/limits.ts';
import { guardedLoadActive, loadDocument } from '../../src/pdf/load.ts';
import { openPdf } from '../../src/pdf/open.ts';
import { describeFormat, headerOffset, HEADER_WINDOW, sniffFormat } from '../../src/pdf/sniff.ts';
import { walkTree } from '../../src/pdf/tree.ts';
import { SAMPLES } from '../helpers.ts';

/** Returns the /Kids of a node as the walker's children (undefined for a leaf). */
const kids = (node: PDFDict) => {
  const list = node.lookup(PDFName.of('Kids'));
  return list instanceof PDFArray ? list.asArray() : undefined;
};

/** Returns a new reference assigned to `value` in `context`. */
function put(context: PDFContext, value: Record<string, unknown>): PDFRef {
  const ref = context.nextRef();
  context.assign(ref, context.obj(value as never));
  return ref;
}

describe('walkTree', () => {
  it('returns the leaves in order, and "cycle" when a node is its own descendant or a branch is shared', async () => {
    const { context } = await PDFDocument.create();
    const [a, b, c] = [put(context, { N: 1 }), put(context, { N: 2 }), put(context, { N: 3 })];
    const root = put(context, { Kids: [a, put(context, { Kids: [b, c] })] });
    const leaves = walkTree(context, root, { children: kids });
    expect(Array.isArray(leaves) && leaves.map((l) => String(l.get(PDFName.of('N'))))).toEqual(['1', '2', '3']);

    const loopTop = context.nextRef();
    const loopChild = put(context, { Kids: [loopTop] });
    context.assign(loopTop, context.obj({ Kids: [loopChild] }));
    expect(walkTree(context, loopTop, { children: kids })).toBe('cycle');
    expect(walkTree(context, put(context, { Kids: [a, a] }), { children: kids })).toBe('cycle');
    expect(walkTree(context, put(context, { Kids: [context.obj(3)] }), { children: kids })).toBe('invalid');
  });

  it('stops once it found more leaves than asked', async () => {
    const { context } = await PDFDocument.create();
    const root = put(context, { Kids: Array.from({ length: 50 }, (_, i) => put(context, { N: i })) });
    const leaves = walkTree(context, root, { children: kids, maxLeaves: 5 });
    expect(Array.isArray(leaves) && leaves.length).toBe(6);
  });
});

describe('walkFields', () => {
  it('gives each terminal field its full name and what it inherits (/FT, /Ff, /V, /Opt), its own entries winning', async () => {
    const doc = await PDFDocument.create();
    const { context } = doc;
    const widget = put(context, { Type: 'Annot', Subtype: 'Widget' });
    const nom = put(context, { T: PDFString.of('nom') });
    const prenom = put(context, { T: PDFString.of('prenom'), V: PDFString.of('Lucie'), Kids: [widget] });
    const choix = put(context, { T: PDFString.of('choix'), FT: 'Btn', Ff: 1 << 15, Opt: [PDFString.of('a'), PDFString.of('b')], V: PDFName.of('1') });
    const groupe = put(context, { T: PDFString.of('candidat'), FT: 'Tx', V: PDFString.of('hérité'), Kids: [nom, prenom, choix] });
    doc.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [groupe, groupe] }));
    const walk = walkFields(context, doc.catalog);
    expect(walk.cycle).toBe(false);
    const shown = walk.fields.map((f) => ({ name: f.name, type: f.type?.decodeText(), flags: f.flags, value: f.value?.toString(), widgets: f.widgets.length }));
    expect(shown).toEqual([
      { name: 'candidat.nom', type: 'Tx', flags: 0, value: '(hérité)', widgets: 1 },
      { name: 'candidat.prenom', type: 'Tx', flags: 0, value: '(Lucie)', widgets: 1 },
      { name: 'candidat.choix', type: 'Btn', flags: 1 << 15, value: '/1', widgets: 1 },
    ]);
    expect(walk.fields[1]?.widgets[0]).toBe(context.lookup(widget));
    expect(walk.fields[2]?.opt).toBeInstanceOf(PDFArray);
  });

  it('reports a field tree whose /Kids lead back to an ancestor, visiting each node once', async () => {
    const doc = await PDFDocument.create();
    const { context } = doc;
    const parent = context.nextRef();
    const child = put(context, { T: PDFString.of('enfant'), Kids: [parent] });
    context.assign(parent, context.obj({ T: PDFString.of('parent'), Kids: [child] }));
    doc.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [parent] }));
    const walk = walkFields(context, doc.catalog);
    expect(walk.cycle).toBe(true);
    expect(walk.fields).toEqual([]);
  });
});

describe('sniffFormat', () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

  it('tells PDF (header within the first KiB), PNG and JPEG apart, and nothing else', () => {
    expect(sniffFormat(bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(bytes(' '.repeat(HEADER_WINDOW - 5), '%PDF-'))).toBe('pdf');
    expect(sniffFormat(bytes(' '.repeat(HEADER_WINDOW - 4), '%PDF-'))).toBeUndefined();
    expect(headerOffset(bytes('junk%PDF-1.4'))).toBe(4);
    expect(sniffFormat(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('png');
    expect(sniffFormat(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(sniffFormat(bytes('PK\x03\x04'))).toBeUndefined();
    expect(sniffFormat(new Uint8Array(0))).toBeUndefined();
  });

  it('names the common formats that are not PDF', () => {
    expect(describeFormat(bytes([0x89, 0x50, 0x4e, 0x47]))).toBe(' (c’est une image PNG)');
    expect(describeFormat(bytes('PK\x03\x04'))).toContain('archive ZIP');
    expect(describeFormat(bytes('  <!DOCTYPE html><html>'))).toBe(' (c’est une page HTML)');
    expect(describeFormat(bytes('facture'))).toBe('');
  });
});

describe('loadDocument', () => {
  it('leaves pdf-lib’s stream parsers as they were outside a guarded load, and bare pdf-lib loads alongside a guarded one', async () => {
    const objectStream = PDFObjectStreamParser.forStream;
    const xrefStream = PDFXRefStreamParser.forStream;
    const doc = await PDFDocument.create();
    doc.addPage();
    const bytes = await doc.save({ useObjectStreams: true });
    const guarded = loadDocument(bytes, 'a.pdf', DEFAULT_LIMITS);
    expect(guardedLoadActive()).toBe(true);
    const bare = PDFDocument.load(bytes);
    const [g, b] = await Promise.all([guarded, bare]);
    expect(g.ok && g.valeur.getPageCount()).toBe(1);
    expect(b.getPageCount()).toBe(1);
    expect(guardedLoadActive()).toBe(false);
    expect(PDFObjectStreamParser.forStream).toBe(objectStream);
    expect(PDFXRefStreamParser.forStream).toBe(xrefStream);
  });

  it('refuses an object stream that inflates past the budget, naming the file', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.context.flateStream('x'.repeat(200_000));
    const bytes = await doc.save({ useObjectStreams: true });
    expect(await loadDocument(bytes, 'petit-budget.pdf', { maxInflatedBytes: 100 })).toMatchObject({ ok: false, erreur: { code: 'PDF_ILLISIBLE', chemin: 'petit-budget.pdf' } });
    expect((await loadDocument(bytes, 'grand-budget.pdf', DEFAULT_LIMITS)).ok).toBe(true);
  });
});

describe('openPdf', () => {
  it('refuses a file holding more objects than the limit, counted in its cross-reference table', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 20; i++) doc.addPage();
    const bytes = await doc.save({ useObjectStreams: false });
    const opened = await openPdf(bytes, 'objets.pdf', { ...DEFAULT_LIMITS, maxObjects: 10 });
    expect(opened).toMatchObject({ ok: false, erreur: { code: 'PDF_ILLISIBLE', chemin: 'objets.pdf' } });
    expect(opened.ok ? '' : opened.erreur.message).toContain('trop complexe : il compte plus de 10 objets');
    expect((await openPdf(bytes, 'objets.pdf', DEFAULT_LIMITS)).ok).toBe(true);
  });
});

/** Returns a one-page PDF carrying JavaScript at opening, in /Names/JavaScript, on the page's /AA and a /Launch link. */
async function withActiveContent(source?: Uint8Array): Promise<Uint8Array> {
  const doc = source === undefined ? await PDFDocument.create() : await PDFDocument.load(source);
  const { context } = doc;
  const page = source === undefined ? doc.addPage() : doc.getPage(0);
  doc.catalog.set(PDFName.of('OpenAction'), context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("ouvert");') }));
  const script = put(context, { S: 'JavaScript', JS: PDFString.of('this.print();') });
  doc.catalog.set(PDFName.of('Names'), context.obj({ JavaScript: context.obj({ Names: [PDFString.of('x'), script] }) }));
  page.node.set(PDFName.of('AA'), context.obj({ O: { S: 'SubmitForm', F: PDFString.of('http://example.invalid') } }));
  const link = put(context, { Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 100], A: { S: 'Launch', F: PDFString.of('calc.exe'), Next: { S: 'ImportData', F: PDFString.of('x.fdf') } } });
  const annots = page.node.lookup(PDFName.of('Annots'));
  if (annots instanceof PDFArray) annots.push(link);
  else page.node.set(PDFName.of('Annots'), context.obj([link]));
  return doc.save();
}

describe('active content', () => {
  it('finds JavaScript, /Launch, /SubmitForm and /ImportData where they are, and says Paperasse neither runs nor keeps them', async () => {
    const opened = await openPdf(await withActiveContent(), 'actif.pdf', DEFAULT_LIMITS);
    if (!opened.ok) throw new Error(opened.erreur.message);
    expect(opened.valeur.probe.actif).toEqual([
      { action: 'JavaScript', lieu: 'ouverture' },
      { action: 'JavaScript', lieu: 'noms' },
      { action: 'SubmitForm', lieu: 'page' },
      { action: 'Launch', lieu: 'annotation' },
      { action: 'ImportData', lieu: 'annotation' },
    ]);
    const [issue] = activeContentIssues('actif.pdf', opened.valeur.probe.actif);
    expect(issue?.code).toBe('CONTENU_ACTIF');
    expect(issue?.message).toContain('du JavaScript à l’ouverture du document');
    expect(issue?.message).toContain('/Launch');
    expect(issue?.message).toContain('Paperasse ne l’exécute pas et ne le conserve dans aucun des documents qu’il produit');
  });

  it('reports nothing on a PDF without active content', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const opened = await openPdf(await doc.save(), 'sage.pdf', DEFAULT_LIMITS);
    expect(opened.ok && opened.valeur.probe.actif).toEqual([]);
    expect(activeContentIssues('sage.pdf', [])).toEqual([]);
  });

  it('is a warning on the extraction of a returned Paperasse PDF, its data still read', async () => {
    const returned = await withActiveContent(readFileSync(`${SAMPLES}renvoyes/fiche-client-remplie.pdf`));
    const outcome = await extractPdf(returned, 'fiche-active.pdf');
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    expect(outcome.valeur.formulaire).toBe('fiche-client');
    expect(outcome.valeur.avertissements.map((a) => `${a.code} ${a.chemin}`)).toEqual(['CONTENU_ACTIF fiche-active.pdf']);
    const clean = await extractPdf(readFileSync(`${SAMPLES}renvoyes/fiche-client-remplie.pdf`), 'fiche.pdf');
    expect(clean.ok && clean.valeur.avertissements).toEqual([]);
  }, 120_000);
});
