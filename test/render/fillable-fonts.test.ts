/**
 * The fields' font of fillable PDFs: every field's /DA names a font of the AcroForm's /DR, that font is the one the
 * appearances use, embedded once, and it is DejaVu Sans Condensed reduced to the characters people type in Europe —
 * a complete TrueType font whose character map finds every one of them, and a fraction of the whole font's size.
 */
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { subsetKeepingGlyphIds, withoutLayoutTables } from '../../src/render/font-tables.ts';
import { fieldCodePoints, FONT_FILES, readFieldFont } from '../../src/render/fonts.ts';
import { paperasse } from '../helpers.ts';

/** What a person may type into a field: French and European names, typography, money, boxes. */
const TYPED = 'Léa Bérénice Œstergaard-Nuñez, Łukasz Wąsowski, Dvořák, Ştefan Țiriac, Øre Åse, Ðorđe « ’ » – — … € ☐ ☒ 0123456789';

const pdfs = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const id of ['page-de-garde', 'fiche-client']) {
    const outcome = await paperasse().renderPdf(id, { remplissable: true });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    pdfs.set(id, outcome.octets);
  }
});

/** Returns the font name a /DA string selects with its Tf operator. */
function daFont(da: string): string | undefined {
  return /\/([^\s/]+)\s+[\d.]+\s+Tf/.exec(da)?.[1];
}

describe.each(['page-de-garde', 'fiche-client'])('the fillable %s', (id) => {
  it('names, in every field’s /DA, a font of the AcroForm’s /DR: the one font its appearances are drawn with', async () => {
    const doc = await PDFDocument.load(pdfs.get(id) ?? new Uint8Array());
    const form = doc.getForm();
    const fonts = form.acroForm.dict.lookup(PDFName.of('DR'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
    const fieldFonts = new Set<string>();
    for (const field of form.getFields()) {
      const da = field.acroField.getDefaultAppearance() ?? form.acroForm.dict.lookup(PDFName.of('DA'));
      const text = da instanceof PDFString || da instanceof PDFHexString ? da.decodeText() : String(da ?? '');
      const name = daFont(text);
      expect(name, `${field.getName()}: ${text}`).toBeDefined();
      expect(fonts.get(PDFName.of(name ?? '')), `${field.getName()}: /${name} is not in /DR`).toBeInstanceOf(PDFRef);
      if (name !== undefined) fieldFonts.add(name);
    }
    expect([...fieldFonts].sort()).toEqual(['DejaVuSansCondensed', 'ZaDb']);
    const fallback = form.acroForm.dict.lookup(PDFName.of('DA'));
    expect(daFont(fallback instanceof PDFString ? fallback.decodeText() : '')).toBe('DejaVuSansCondensed');
    const fontFiles = doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.has(PDFName.of('FontFile2')));
    // The field font once, the page text's three subsets (regular, bold, oblique) besides.
    expect(fontFiles.length).toBeLessThanOrEqual(4);
  });

  it('embeds a field font that draws every character typed in a European name, and weighs a fraction of the whole font', async () => {
    const doc = await PDFDocument.load(pdfs.get(id) ?? new Uint8Array());
    const fonts = doc.getForm().acroForm.dict.lookup(PDFName.of('DR'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
    const type0 = fonts.lookup(PDFName.of('DejaVuSansCondensed'), PDFDict);
    const cid = type0.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const file = cid.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2'));
    expect(file).toBeInstanceOf(PDFRawStream);
    const bytes = decodePDFRawStream(file as PDFRawStream).decode();
    const font = fontkit.create(Buffer.from(bytes));
    for (const ch of TYPED) {
      const cp = ch.codePointAt(0) ?? 0;
      if (ch === ' ') continue;
      expect(font.hasGlyphForCodePoint(cp), `${ch} U+${cp.toString(16)}`).toBe(true);
      expect(font.glyphForCodePoint(cp).path.toSVG(), `${ch} has an outline`).not.toBe('');
    }
    const whole = withoutLayoutTables(readFileSync(FONT_FILES.regular));
    expect((file as PDFRawStream).contents.length).toBeLessThan(deflateSync(whole).length / 4);
  });
});

describe('subsetKeepingGlyphIds', () => {
  it('keeps exactly the asked characters the font has, at their glyph ids, with the parts of composite glyphs', () => {
    const original = readFileSync(FONT_FILES.regular);
    const whole = fontkit.create(original);
    const subset = fontkit.create(Buffer.from(subsetKeepingGlyphIds(original, [...'AéŒ☒'].map((c) => c.codePointAt(0) ?? 0))));
    expect(subset.numGlyphs).toBe(whole.numGlyphs);
    expect(subset.characterSet.filter((cp) => cp !== 0xffff).sort((a, b) => a - b)).toEqual([...'AéŒ☒'].map((c) => c.codePointAt(0) ?? 0).sort((a, b) => a - b));
    for (const ch of 'AéŒ☒') {
      const cp = ch.codePointAt(0) ?? 0;
      expect(subset.glyphForCodePoint(cp).id).toBe(whole.glyphForCodePoint(cp).id);
      expect(subset.glyphForCodePoint(cp).path.toSVG()).toBe(whole.glyphForCodePoint(cp).path.toSVG());
      expect(subset.glyphForCodePoint(cp).advanceWidth).toBe(whole.glyphForCodePoint(cp).advanceWidth);
    }
    expect(subset.hasGlyphForCodePoint('Z'.codePointAt(0) ?? 0)).toBe(false);
    expect(subset.getGlyph(whole.glyphForCodePoint('Z'.codePointAt(0) ?? 0).id).path.toSVG()).toBe('');
  });

  it('is what fillable PDFs embed: the field characters, about a tenth of the whole font', () => {
    const field = readFieldFont();
    const font = fontkit.create(Buffer.from(field));
    const kept = new Set(font.characterSet);
    const whole = fontkit.create(readFileSync(FONT_FILES.regular));
    expect(fieldCodePoints().filter((cp) => whole.hasGlyphForCodePoint(cp) && !kept.has(cp))).toEqual([]);
    expect(font.hasGlyphForCodePoint(0x05d0)).toBe(false); // Hebrew alef: in DejaVu, not kept
    expect(deflateSync(field).length).toBeLessThan(deflateSync(withoutLayoutTables(readFileSync(FONT_FILES.regular))).length / 4);
  });
});
