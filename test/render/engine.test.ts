/**
 * The layout engine on its own: values are never changed by line breaking or by the fonts' repertoire, the
 * combined print file starts every document on an odd page, and a fillable output filled by pdftk reads back.
 * Judged by qpdf, pdftotext, pdfinfo and pdftk on files written to a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CombinedPdfWriter } from '../../src/render/engine/combined.ts';
import { writeDocument, type DocumentParts } from '../../src/render/engine/document.ts';
import { preparedResources } from '../../src/render/engine/prepared.ts';
import type { DocNode, FieldSpec, ResolvedDocument } from '../../src/render/model.ts';
import { FORMS } from '../../src/forms/registry.ts';
import { paperasse, SAMPLES } from '../helpers.ts';
import { fieldsOf, resolved } from './expected.ts';
import { pdfInfo, pdfText, qpdfCheck, save, tempDir } from './tools.ts';
import { pdftkFill, typedValues } from '../extract/fillers.ts';

const dir = tempDir('engine');

function field(name: string, text: string): FieldSpec {
  return { name, kind: 'text', value: text, checked: false, multiline: false, lines: 1 };
}

function value(label: string, text: string, name: string): DocNode {
  return { t: 'value', label, text, unit: '', lines: 1, field: field(name, text) };
}

function doc(nodes: DocNode[], title = 'Essai'): ResolvedDocument {
  return { form: 'essai', title, fullTitle: title, person: '', author: '', landscape: false, nodes: [{ t: 'title', annexe: '', title, session: '' }, ...nodes], outline: [] };
}

async function write(d: ResolvedDocument, fillable = false) {
  return writeDocument(preparedResources(), d, {
    fillable,
    draft: false,
    footer: d.title,
    embedded: { formulaire: 'essai', version: '1', documentId: '0123456789abcdef', sha256: '', donnees: null },
    metadata: { title: d.title, author: 'Paperasse', subject: d.title, keywords: [], creator: 'Paperasse', date: new Date('2026-09-01T00:00:00Z') },
  });
}

/** Returns the words pdftotext finds on page 1 with their boxes. */
function wordBoxes(path: string): Array<{ word: string; xMax: number }> {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ word: m[3] ?? '', xMax: Number(m[2]) }));
}

describe('the layout engine', () => {
  it('fits a long unbroken word in its narrow column and it reads back unchanged, without any hyphen', async () => {
    const word = 'lea.marchand-dupont@etablissement-superieur-assurance.fr';
    const row: DocNode = { t: 'row', widths: [1, 1], children: [value('Courriel', word, 'a'), value('Autre', 'court', 'b')] };
    const path = save(dir, 'mot-long.pdf', (await write(doc([row]))).pdf);
    expect(qpdfCheck(path).status).toBe(0);
    const text = pdfText(path);
    expect(text).toContain(`Courriel : ${word}`);
    expect(text).not.toContain('-\n');
    const box = wordBoxes(path).find((w) => w.word === word);
    expect(box).toBeDefined();
    // Inside the left column: half the content width, less its gutter.
    expect(box?.xMax ?? Infinity).toBeLessThanOrEqual(34 + 527.28 / 2);
  });

  it('cuts a word too long even at the smallest size between characters, never adding a character', async () => {
    const word = 'x'.repeat(400);
    const path = save(dir, 'mot-tres-long.pdf', (await write(doc([{ t: 'text', text: word, style: 'normal' }]))).pdf);
    const lines = pdfText(path).split('\n').filter((l) => /^x+$/.test(l));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(word);
  });

  it('prints a value with characters outside the French repertoire and of no font at all, read back unchanged', async () => {
    const name = 'Ștefan Țiriac — Дмитрий Ølstad 中文 😀 ﬁn';
    const written = await write(doc([value('Nom', name, 'nom')]));
    const path = save(dir, 'hors-repertoire.pdf', written.pdf);
    expect(qpdfCheck(path).status).toBe(0);
    expect(pdfText(path)).toContain(`Nom : ${name}`);
    // The document that needs more of a font gets the whole font; its neighbours keep the prepared repertoire.
    const regular = written.parts.fonts.find((f) => f.style === 'regular');
    expect(regular?.missing.map(([ch]) => ch).sort()).toEqual(['中', '文'].sort());
    expect(regular?.level).toBe(2);
    const plain = await write(doc([value('Nom', 'Léa Œstergaard « née » 12 €', 'nom')]));
    expect(plain.parts.fonts.every((f) => f.level === 0 && f.glyphs.length === 0 && f.missing.length === 0)).toBe(true);
    expect(plain.pdf.length).toBeLessThan(written.pdf.length);
  });

  it('repeats a table’s header rows on every page it runs over', async () => {
    const cell = (text: string) => ({ children: [{ t: 'text' as const, text, style: 'normal' as const }], span: 1, header: false });
    const table: DocNode = {
      t: 'table',
      title: 'Suivi',
      widths: [1, 3],
      head: [[{ ...cell('Date'), header: true }, { ...cell('Activité'), header: true }]],
      rows: Array.from({ length: 90 }, (_, i) => [cell(`ligne ${i + 1}`), cell('rendez-vous')]),
    };
    const path = save(dir, 'tableau.pdf', (await write(doc([table]))).pdf);
    const pages = Number(pdfInfo(path).Pages);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-raw', '-f', String(p), '-l', String(p), path, '-'], { encoding: 'utf8' });
      expect(text, `page ${p}`).toContain('Date Activité');
    }
    const all = pdfText(path);
    for (let i = 1; i <= 90; i++) expect(all).toContain(`ligne ${i} rendez-vous`);
  });
});

describe('CombinedPdfWriter', () => {
  it('writes tout-imprimer with 3 documents of 1, 2 and 3 pages as 8 pages, each document starting on an odd page', async () => {
    const docOf = (letter: string, pages: number) =>
      doc(
        Array.from({ length: pages }, (_, i) => [...(i > 0 ? [{ t: 'pageBreak' as const }] : []), { t: 'text' as const, text: `Document ${letter} feuille ${i + 1}`, style: 'normal' as const }]).flat(),
        `Lettre ${letter}`,
      );
    const parts: DocumentParts[] = [];
    for (const [letter, pages] of [['A', 1], ['B', 2], ['C', 3]] as const) {
      const written = await write(docOf(letter, pages));
      // Parts cross a worker boundary: check they survive structured cloning.
      parts.push(structuredClone(written.parts));
    }
    const chunks: Uint8Array[] = [];
    // An asynchronous sink, as a zip entry's would be.
    const writer = new CombinedPdfWriter((chunk) => {
      chunks.push(chunk);
      return Promise.resolve();
    }, { title: 'Tout imprimer' });
    for (const p of parts) await writer.add(p);
    await writer.finish();
    const path = save(dir, 'tout-imprimer.pdf', Buffer.concat(chunks));
    expect(qpdfCheck(path).status).toBe(0);
    expect(pdfInfo(path).Pages).toBe('8');
    expect(pdfInfo(path).Title).toBe('Tout imprimer');
    const page = (n: number) => execFileSync('pdftotext', ['-raw', '-f', String(n), '-l', String(n), path, '-'], { encoding: 'utf8' });
    expect(page(1)).toContain('Document A feuille 1');
    expect(page(2).trim()).toBe('');
    expect(page(3)).toContain('Document B feuille 1');
    expect(page(4)).toContain('Document B feuille 2');
    expect(page(5)).toContain('Document C feuille 1');
    expect(page(7)).toContain('Document C feuille 3');
    expect(page(8).trim()).toBe('');
    // Fonts are written once for the whole file: the regular and the bold one, for three documents.
    const raw = readFileSync(path).toString('latin1');
    expect(raw.match(/\/FontFile2/g)?.length).toBe(2);
  });

  it('combines rendered letters without reparsing them: renderPdfParts gives the same pages as the PDF', async () => {
    const form = FORMS.find((f) => f.id === 'lettre-tuteur-rentree');
    if (!form) throw new Error('lettre-tuteur-rentree is not registered');
    const data = JSON.parse(readFileSync(`${SAMPLES}lettre-tuteur-rentree.json`, 'utf8')) as unknown;
    const { Renderer } = await import('../../src/render/renderer.ts');
    const { createSchemaCatalog } = await import('../../src/core/schemas.ts');
    const renderer = new Renderer(createSchemaCatalog());
    const chunks: Uint8Array[] = [];
    const writer = new CombinedPdfWriter((chunk) => {
      chunks.push(chunk);
    }, { title: 'Lettres' });
    let single = '';
    for (let i = 0; i < 3; i++) {
      const { pdf, parts } = await renderer.renderPdfParts(form, data);
      single = save(dir, 'lettre.pdf', pdf);
      await writer.add(parts);
    }
    await writer.finish();
    const path = save(dir, 'lettres.pdf', Buffer.concat(chunks));
    expect(qpdfCheck(path).status).toBe(0);
    const perLetter = Number(pdfInfo(single).Pages);
    expect(Number(pdfInfo(path).Pages)).toBe(3 * (perLetter + (perLetter % 2)));
    const first = execFileSync('pdftotext', ['-raw', '-f', '1', '-l', String(perLetter), path, '-'], { encoding: 'utf8' });
    expect(first).toBe(execFileSync('pdftotext', ['-raw', single, '-'], { encoding: 'utf8' }));
  });
});

describe('fillable output', () => {
  it('is filled by pdftk and reads back through extraction with the typed values', async () => {
    const api = paperasse();
    const sample = JSON.parse(readFileSync(`${SAMPLES}fiche-client.json`, 'utf8')) as Record<string, unknown>;
    const outcome = await api.renderPdf('fiche-client', { donnees: sample, remplissable: true });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    const form = FORMS.find((f) => f.id === 'fiche-client');
    if (!form) throw new Error('fiche-client is not registered');
    const validation = api.validate('fiche-client', sample);
    const data = validation.ok ? (validation.valeur.donnees as Record<string, unknown>) : sample;
    // The client's e-mail retyped, every other value typed again as it was.
    const changed = { ...data, email: 'lea.durand@exemple.fr' };
    const filled = pdftkFill(dir, 'fiche-client', outcome.octets, typedValues(fieldsOf(resolved(form, changed))));
    const read = await api.extract(filled, 'fiche-client-remplie.pdf');
    if (!read.ok) throw new Error(read.erreur.message);
    expect(read.valeur.source).toBe('champs');
    expect(read.valeur.donnees).toEqual(changed);
  });
});
