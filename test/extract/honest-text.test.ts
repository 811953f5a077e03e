/**
 * Extraction stays honest when a returned PDF lost its fields: a blank filled in MuPDF then printed by Ghostscript,
 * a filled form printed by Ghostscript (fonts rewritten without a Unicode map), a value drawn over the next label,
 * dates and numbers typed the way the form shows them, an untouched blank. Real PDFs, made by Paperasse and
 * rewritten by mutool, Ghostscript, qpdf and pdftocairo.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueAt } from '../../src/core/pointer.ts';
import { extractPdf } from '../../src/extract/extract.ts';
import { isUnreadableText } from '../../src/extract/text-layer.ts';
import type { Extraction, ExtractionOutcome } from '../../src/extract/types.ts';
import { paperasse, sampleCopy } from '../helpers.ts';
import { save, tempDir } from '../render/tools.ts';

/** A mutool script typing into the widgets by their rank in the document: `rank=text`, or `rank=x` to toggle a box. */
const MUTOOL_FILL = `
var doc = new PDFDocument(scriptArgs[0]);
var wanted = {};
for (var a = 2; a < scriptArgs.length; a++) { var eq = scriptArgs[a].indexOf('='); wanted[scriptArgs[a].slice(0, eq)] = scriptArgs[a].slice(eq + 1); }
var k = 0;
for (var p = 0; p < doc.countPages(); p++) {
  var widgets = doc.loadPage(p).getWidgets();
  for (var i = 0; i < widgets.length; i++, k++) {
    var v = wanted[String(k)];
    if (v === undefined) continue;
    if (widgets[i].getFieldType() === 'text') widgets[i].setTextValue(v); else widgets[i].toggle();
    widgets[i].update();
  }
}
doc.save(scriptArgs[1]);
`;

/**
 * What a person types into the blank page de garde, by widget rank: session, nom, prénom, établissement, visa date
 * on the annex's page; the first statut box and the ville on the last page (« hors annexe »).
 */
const TYPED = {
  0: '2025',
  1: 'Lefèvre',
  2: 'Maëlle',
  3: 'CFA de l’Assurance Rhône-Alpes — Lycée Édouard-Herriot',
  5: '31/02/2025',
  10: 'x',
  14: 'Saint-Étienne',
};

let dir = '';
let blank: Uint8Array = new Uint8Array();
let filled: Uint8Array = new Uint8Array();

beforeAll(async () => {
  dir = tempDir('extraction-honnete');
  writeFileSync(join(dir, 'remplir.js'), MUTOOL_FILL);
  blank = await rendered('page-de-garde', { remplissable: true });
  filled = await rendered('page-de-garde', { donnees: sampleCopy('page-de-garde'), remplissable: true });
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Returns the PDF Paperasse renders for the request. */
async function rendered(formId: string, request: { donnees?: unknown; remplissable?: boolean }): Promise<Uint8Array> {
  const outcome = await paperasse().renderPdf(formId, request);
  if (!outcome.ok) throw new Error(outcome.erreur.message);
  return outcome.octets;
}

/** Returns the output of a tool run on `pdf` (written as `<stem>-avant.pdf`), the tool writing `<stem>.pdf`. */
function tool(stem: string, pdf: Uint8Array, command: (input: string, output: string) => [string, string[]]): Uint8Array {
  const input = save(dir, `${stem}-avant.pdf`, pdf);
  const output = join(dir, `${stem}.pdf`);
  const [name, args] = command(input, output);
  execFileSync(name, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Uint8Array(readFileSync(output));
}

/** Returns the PDF with the values typed in MuPDF (`mutool run`). */
function mupdfFill(stem: string, pdf: Uint8Array, typed: Record<number, string>): Uint8Array {
  const values = Object.entries(typed).map(([rank, text]) => `${rank}=${text}`);
  return tool(stem, pdf, (i, o) => ['mutool', ['run', join(dir, 'remplir.js'), i, o, ...values]]);
}

/** Returns the PDF « printed to PDF » by Ghostscript's pdfwrite. */
function ghostscript(stem: string, pdf: Uint8Array): Uint8Array {
  return tool(stem, pdf, (i, o) => ['gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${o}`, i]]);
}

/** Returns the PDF with the /ToUnicode map of its regular font removed, the one values are drawn with (what a printer that loses the text does). */
async function withoutUnicodeMaps(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    if (!String(object.get(PDFName.of('BaseFont'))).includes('Bold')) object.delete(PDFName.of('ToUnicode'));
  }
  return doc.save();
}

/** Returns the PDF rewritten by qpdf with the options. */
function qpdf(stem: string, pdf: Uint8Array, options: string[]): Uint8Array {
  return tool(stem, pdf, (i, o) => ['qpdf', [...options, i, o]]);
}

/** Returns the extraction, failing the test with the error's message when there is none. */
function extraction(outcome: ExtractionOutcome): Extraction {
  if (!outcome.ok) throw new Error(`${outcome.erreur.code}: ${outcome.erreur.message}`);
  return outcome.valeur;
}

/** Returns every string of the data. */
function strings(data: unknown): string[] {
  if (typeof data === 'string') return [data];
  if (data === null || typeof data !== 'object') return [];
  return Object.values(data).flatMap(strings);
}

describe('a PDF that lost its fields', () => {
  it('a blank filled in MuPDF and printed by Ghostscript gives the values its page shows, never the blank’s attached data', async () => {
    const printed = ghostscript('mupdf-gs', mupdfFill('mupdf', blank, TYPED));
    const read = extraction(await extractPdf(printed, 'imprime.pdf'));
    expect(read.source).toBe('texte');
    expect(read.donnees).toMatchObject({ session: 2025, candidat: { nom: 'Lefèvre', prenom: 'Maëlle' }, etablissement: { ville: 'Saint-Étienne' } });
    expect(read.avertissements).toEqual([expect.objectContaining({ code: 'DONNEES_INTEGREES_NON_CONFIRMEES', chemin: 'imprime.pdf' })]);
    expect(read.modifications).toContainEqual({ chemin: '/candidat/nom', avant: null, apres: 'Lefèvre' });
    expect(read.erreurs.map((e) => e.message).join('\n')).not.toContain('groupe de champs');
    // The visa's values have no label to be read after: never guessed, listed as not read.
    expect(read.erreurs).toContainEqual(expect.objectContaining({ code: 'CHAMP_NON_LU', chemin: '/visa/date' }));
  });

  it('a blank filled in MuPDF, flattened by qpdf or redrawn by pdftocairo: the page wins, and a value drawn over the next label is not glued to it', async () => {
    const typed = mupdfFill('mupdf-a-aplatir', blank, TYPED);
    const flat = qpdf('mupdf-aplati', typed, ['--flatten-annotations=all']);
    const cairo = tool('mupdf-cairo', typed, (i, o) => ['pdftocairo', ['-pdf', i, o]]);
    for (const pdf of [flat, qpdf('mupdf-aplati-sans-pj', flat, ['--remove-attachment=paperasse.json']), cairo]) {
      const read = extraction(await extractPdf(pdf, 'aplati.pdf'));
      expect(read.source).toBe('texte');
      // The établissement's long name runs past its box on annex XII's line: never read glued to other words, it is
      // listed as unread; the ville, on the last page, is read.
      expect(valueAt(read.donnees, '/etablissement')).toEqual({ ville: 'Saint-Étienne' });
      expect(read.erreurs).toContainEqual(expect.objectContaining({ code: 'CHAMP_NON_LU', chemin: '/etablissement/nom' }));
      expect(valueAt(read.donnees, '/candidat')).toMatchObject({ nom: 'Lefèvre', prenom: 'Maëlle' });
    }
  });

  it('a filled form printed by Ghostscript keeps its text: its page confirms its attached data', async () => {
    const read = extraction(await extractPdf(ghostscript('rempli-gs-lisible', filled), 'imprime.pdf'));
    expect(read.source).toBe('donnees-integrees');
    expect(valueAt(read.donnees, '/candidat/nom')).toBe(valueAt(sampleCopy('page-de-garde'), '/candidat/nom'));
  });

  it('a filled form printed with fonts without a Unicode map gives no garbage: its values are CHAMP_NON_LU saying the text was lost', async () => {
    // Paperasse's fonts keep their Unicode maps through Ghostscript; other printers drop them: that print, simulated.
    const printed = await withoutUnicodeMaps(ghostscript('rempli-gs', filled));
    for (const [pdf, name] of [[printed, 'avec-pj.pdf'], [qpdf('rempli-gs-sans-pj', printed, ['--remove-attachment=paperasse.json']), 'sans-pj.pdf']] as const) {
      const read = extraction(await extractPdf(pdf, name));
      expect(read.source).toBe('texte');
      expect(strings(read.donnees).filter(isUnreadableText)).toEqual([]);
      expect(valueAt(read.donnees, '/candidat/nom')).toBeUndefined();
      const nom = read.erreurs.find((e) => e.chemin === '/candidat/nom');
      expect(nom).toMatchObject({ code: 'CHAMP_NON_LU' });
      expect(nom?.message).toContain(name);
      expect(nom?.message).toContain('perdu son texte');
      expect(nom?.message).toContain('Enregistrer');
    }
  });

  it('a print PDF whose page confirms its attached data is still read from that data', async () => {
    const print = await rendered('page-de-garde', { donnees: sampleCopy('page-de-garde') });
    const read = extraction(await extractPdf(print, 'impression.pdf'));
    expect(read).toMatchObject({ source: 'donnees-integrees', valide: true, erreurs: [], avertissements: [], modifications: [] });
  });
});

describe('values typed in a PDF field', () => {
  it('a date typed 31/02/2025 is refused in the format the form shows (JJ/MM/AAAA), quoting what was typed', async () => {
    const read = extraction(await extractPdf(mupdfFill('date', blank, { 0: 'deux mille', 5: '31/02/2025' }), 'date.pdf'));
    expect(read.source).toBe('champs');
    const date = read.erreurs.find((e) => e.chemin === '/visa/date');
    expect(date).toMatchObject({ code: 'FORMAT_INVALIDE' });
    expect(date?.message).toContain('« 31/02/2025 »');
    expect(date?.message).toContain('JJ/MM/AAAA');
    expect(date?.message).not.toContain('AAAA-MM-JJ');
    const session = read.erreurs.find((e) => e.chemin === '/session');
    expect(session).toMatchObject({ code: 'TYPE_INVALIDE' });
    expect(session?.message).toContain('« deux mille » n’est pas un nombre entier');
  });

  it('an untouched blank reports no change, and flattened reads as an empty form', async () => {
    for (const [pdf, name] of [[blank, 'vierge.pdf'], [mupdfFill('vierge-mupdf', blank, {}), 'vierge-mupdf.pdf']] as const) {
      const read = extraction(await extractPdf(pdf, name));
      expect(read).toMatchObject({ source: 'champs', modifications: [] });
    }
    // Flattened untouched, its page confirms the blank's attached data: an empty form, each missing value listed.
    const flat = extraction(await extractPdf(qpdf('vierge-aplati', blank, ['--flatten-annotations=all']), 'vierge-aplati.pdf'));
    expect(flat).toMatchObject({ source: 'donnees-integrees', donnees: {}, modifications: [], avertissements: [] });
    expect(flat.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['CHAMP_OBLIGATOIRE /session', 'CHAMP_OBLIGATOIRE /candidat']);
  });
});
