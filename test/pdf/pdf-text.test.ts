/**
 * `pdfText` (src/pdf/names.ts) decodes field names and values without pdf-lib's per-character arrays: it must give
 * exactly what pdf-lib's `decodeText` gives, on every string of the project's PDFs and on hand-made edge cases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString, type PDFObject } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../src/pdf/names.ts';
import { SAMPLES } from '../helpers.ts';

/** Returns every PDF under a folder, recursively. */
function pdfsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pdfsUnder(path);
    return entry.name.endsWith('.pdf') ? [path] : [];
  });
}

/** Returns every string object reachable inside one object (dictionaries, arrays, stream dictionaries). */
function stringsIn(object: PDFObject, out: Array<PDFString | PDFHexString>): void {
  if (object instanceof PDFString || object instanceof PDFHexString) out.push(object);
  else if (object instanceof PDFArray) for (const item of object.asArray()) stringsIn(item, out);
  else if (object instanceof PDFDict) for (const [, value] of object.entries()) stringsIn(value, out);
  else if (object instanceof PDFRawStream) stringsIn(object.dict, out);
}

describe('pdfText', () => {
  it('decodes every string of the samples as pdf-lib does', async () => {
    const strings: Array<PDFString | PDFHexString> = [];
    for (const file of pdfsUnder(SAMPLES)) {
      const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false, throwOnInvalidObject: false });
      for (const [, object] of doc.context.enumerateIndirectObjects()) stringsIn(object, strings);
    }
    expect(strings.length).toBeGreaterThan(1000);
    const differing = strings.filter((s) => pdfText(s) !== s.decodeText());
    expect(differing.map((s) => s.toString())).toEqual([]);
  });

  it('decodes escapes, octal codes, line continuations, UTF-16 and odd or broken hex strings as pdf-lib does', () => {
    const literals = [
      'plain',
      'a\\(b\\)c\\\\d',
      'tab\\tnew\\nret\\rback\\bfeed\\f',
      'octal \\101\\1012\\7\\777\\0',
      'continued\\\nline\\\r\nend\\',
      'unknown \\q escape',
      '\u00fe\u00ff\u0000\u00c9\u0000t\u00d8=\u00de\u0000',
      '\u00fe\u00ff\u0000',
      '\u00ff\u00fe\u00c9\u0000',
      'pdfdoc \u0080\u0093\u00a0\u00e9',
    ];
    // Literal strings that decode to themselves are returned as they are; the others are decoded byte by byte.
    // UTF-16BE literal strings without escapes (as pdf-lib writes field values), read without intermediate bytes.
    literals.push('\u00fe\u00ff\u0000A\u0000\u00e9', '\u00fe\u00ff\u00d8\u003d\u00de\u0000', '\u00fe\u00ff\u00d8\u003d', '\u00fe\u00ff\u00de\u0000\u0000A', '\u00fe\u00ff\u0000', '\u00fe\u00ff', '\u00fe\u00ff\u0000\u005c');
    // UTF-16BE literal strings with escapes (as pdftk writes values): escapes resolved, then decoded without pdf-lib's arrays.
    literals.push('\u00fe\u00ff\u0000\\(\u0000A', '\u00fe\u00ff\\000\\351\u0000\\)', '\u00fe\u00ff\u0000\\\\\u0000\\n', '\u00fe\u00ff\u0000A\\\n\u0000', '\u00fe\u00ff\u00d8\\075\u00de\u0000', '\u00fe\u00ff\u0000\\');
    literals.push('Saint-\u00c9tienne', '\u00fe', '\u00ff\u00fe', 'tilde \u001f and rubout \u007f', 'bullet \u0080', 'soft \u00ad hyphen');
    for (const text of literals) expect(pdfText(PDFString.of(text))).toBe(PDFString.of(text).decodeText());
    const hexes = ['', '4', '41', '414', 'FEFF00C9', 'feff00e9', 'FE FF 00 41', '4G', 'G4', '-1', '+a', 'FEFFD83D'];
    // UTF-16BE hex strings, read without intermediate bytes: pairs, unpaired surrogates, odd lengths, a bare mark.
    hexes.push('FEFF', 'FEFFD83DDE00', 'FEFFD83D0041', 'FEFFDE000041', 'FEFFDE00', 'FEFF00410', 'FEFF0041004', 'FFFE4100', 'feffD83Dde00', 'FEFF00G1');
    hexes.push(`FEFF${'00e9'.repeat(20_000)}`);
    for (const hex of hexes) expect(pdfText(PDFHexString.of(hex))).toBe(PDFHexString.of(hex).decodeText());
  });

  it('returns undefined for what is not a string', () => {
    expect(pdfText(undefined)).toBeUndefined();
    expect(pdfText(PDFName.of('Nom'))).toBeUndefined();
    expect(pdfText(PDFNumber.of(3))).toBeUndefined();
  });
});
