/**
 * Paperasse's object parser (src/pdf/object-parser.ts) reads every object the way pdf-lib's `PDFObjectParser` does:
 * for every object of every PDF of samples/, of the hostile corpus and of PDFs rewritten or filled by pdftk, qpdf,
 * MuPDF and Ghostscript, the lazy document parsed by each gives equal objects (same types, values and stream bytes,
 * the same objects absent). And it refuses, without overflowing the stack, objects nested 100,000 levels deep.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PDFArray,
  PDFBool,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyDocument } from '../../src/pdf/lazy.ts';
import { DEFAULT_LIMITS } from '../../src/pdf/limits.ts';
import { MAX_DEPTH, ObjectParser, pdfNumber } from '../../src/pdf/object-parser.ts';
import { checkSkeleton } from '../../src/pdf/skeleton.ts';
import { makeWholeCorpus } from '../fixtures/make-hostile.ts';
import { paperasse, ROOT, sampleCopy } from '../helpers.ts';
import { tempDir } from '../render/tools.ts';
import { hasMupdf, mupdfFill, pdftkFill, typedValues } from '../extract/fillers.ts';
import { fieldsOf, resolved } from '../render/expected.ts';
import { FORMS } from '../../src/forms/registry.ts';

let dir = '';
/** Every PDF compared, by a name saying where it comes from. */
const pdfs = new Map<string, Uint8Array>();

/** Returns the PDF files under `folder`, recursively. */
function pdfFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(folder, f));
}

/** Returns the bytes a command-line tool writes from `input` (its arguments given the input and output paths). */
function rewritten(stem: string, input: Uint8Array, command: string, args: (src: string, out: string) => string[]): Uint8Array {
  const src = join(dir, `${stem}-entree.pdf`);
  const out = join(dir, `${stem}-sortie.pdf`);
  writeFileSync(src, input);
  execFileSync(command, args(src, out), { stdio: 'ignore' });
  return readFileSync(out);
}

beforeAll(async () => {
  dir = tempDir('object-parser');
  for (const file of pdfFilesUnder(join(ROOT, 'samples'))) pdfs.set(file.slice(ROOT.length + 1), readFileSync(file));
  const corpus = join(dir, 'corpus');
  await makeWholeCorpus(corpus);
  for (const file of pdfFilesUnder(corpus)) pdfs.set(`corpus/${file.slice(corpus.length + 1)}`, readFileSync(file));
  const filled = readFileSync(join(ROOT, 'samples/renvoyes/fiche-client-remplie.pdf'));
  const signed = readFileSync(join(ROOT, 'samples/renvoyes/fiche-client-signee.pdf'));
  pdfs.set('qpdf objstm', rewritten('qpdf-objstm', filled, 'qpdf', (s, o) => ['--object-streams=generate', s, o]));
  pdfs.set('qpdf qdf', rewritten('qpdf-qdf', signed, 'qpdf', (s, o) => ['--qdf', '--object-streams=disable', s, o]));
  pdfs.set('qpdf incremental', rewritten('qpdf-uncompressed', filled, 'qpdf', (s, o) => ['--stream-data=uncompress', s, o]));
  pdfs.set('gs pdfwrite', rewritten('gs', filled, 'gs', (s, o) => ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${o}`, s]));
  pdfs.set('mutool clean', rewritten('mutool', filled, 'mutool', (s, o) => ['clean', '-gg', s, o]));
  const blank = await paperasse().renderPdf('fiche-client', { remplissable: true });
  if (!blank.ok) throw new Error(blank.erreur.message);
  const form = FORMS.find((f) => f.id === 'fiche-client');
  const validation = paperasse().validate('fiche-client', sampleCopy('fiche-client'));
  if (form === undefined || !validation.ok) throw new Error('fiche-client sample');
  const blankNames = new Set(fieldsOf(resolved(form, undefined)).map((f) => f.name));
  const typed = typedValues(fieldsOf(resolved(form, validation.valeur.donnees))).filter((t) => blankNames.has(t.name));
  pdfs.set('pdftk fill_form', pdftkFill(dir, 'pdftk', blank.octets, typed));
  if (hasMupdf()) pdfs.set('mutool run (fill)', mupdfFill(dir, 'mupdf', blank.octets, typed));
}, 240_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Returns where two parsed objects differ (a path and both sides), or undefined when they are equal. */
function difference(a: PDFObject | undefined, b: PDFObject | undefined, path: string): string | undefined {
  if (a === undefined || b === undefined) return a === b ? undefined : `${path}: ${a?.constructor.name ?? 'absent'} / ${b?.constructor.name ?? 'absent'}`;
  if (a.constructor !== b.constructor) return `${path}: ${a.constructor.name} / ${b.constructor.name}`;
  if (a instanceof PDFNumber) return a.asNumber() === (b as PDFNumber).asNumber() && a.toString() === b.toString() ? undefined : `${path}: ${a.toString()} / ${b.toString()}`;
  if (a instanceof PDFName || a instanceof PDFRef || a instanceof PDFBool || a === PDFNull) return a === b ? undefined : `${path}: ${a.toString()} / ${b.toString()}`;
  if (a instanceof PDFString || a instanceof PDFHexString) return a.asString() === (b as typeof a).asString() ? undefined : `${path}: ${a.toString()} / ${b.toString()}`;
  if (a instanceof PDFArray) {
    const other = b as PDFArray;
    if (a.size() !== other.size()) return `${path}: ${a.size()} / ${other.size()} elements`;
    for (let i = 0; i < a.size(); i++) {
      const found = difference(a.get(i), other.get(i), `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (a instanceof PDFRawStream) {
    const other = b as PDFRawStream;
    const dict = difference(a.dict, other.dict, `${path}.dict`);
    if (dict !== undefined) return dict;
    return Buffer.from(a.contents).equals(Buffer.from(other.contents)) ? undefined : `${path}: stream of ${a.contents.length} / ${other.contents.length} bytes`;
  }
  if (a instanceof PDFDict) {
    const mine = a.entries();
    const theirs = (b as PDFDict).entries();
    if (mine.length !== theirs.length) return `${path}: ${mine.length} / ${theirs.length} keys`;
    for (let i = 0; i < mine.length; i++) {
      const [key, value] = mine[i] as [PDFName, PDFObject];
      const [otherKey, otherValue] = theirs[i] as [PDFName, PDFObject];
      if (key !== otherKey) return `${path}: key ${key.toString()} / ${otherKey.toString()}`;
      const found = difference(value, otherValue, `${path}${key.toString()}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return `${path}: unexpected ${a.constructor.name}`;
}

/**
 * Returns whether `mine` is a stream whose indirect /Length Paperasse's parser resolved, holding exactly /Length bytes
 * followed by `endstream`, where pdf-lib (which never resolves it) scanned for `endstream` instead: its data then lost
 * a final end of line, or the scan failed (binary data holding the word `stream`) and the object is absent.
 */
function exactIndirectLength(mine: PDFObject | undefined, theirs: PDFObject | undefined, objects: Map<PDFRef, PDFObject>): boolean {
  if (!(mine instanceof PDFRawStream)) return false;
  const lengthRef = mine.dict.get(PDFName.of('Length'));
  const length = lengthRef instanceof PDFRef ? objects.get(lengthRef) : undefined;
  if (!(length instanceof PDFNumber) || length.asNumber() !== mine.contents.length) return false;
  if (theirs === undefined) return true;
  if (!(theirs instanceof PDFRawStream) || difference(mine.dict, theirs.dict, '') !== undefined) return false;
  const lost = Buffer.from(mine.contents.subarray(theirs.contents.length)).toString('latin1');
  return Buffer.from(mine.contents.subarray(0, theirs.contents.length)).equals(Buffer.from(theirs.contents)) && ['\n', '\r', '\r\n'].includes(lost);
}

describe('Paperasse’s object parser', () => {
  it('gives, for every object of every PDF, the object pdf-lib’s parser gives', () => {
    expect(pdfs.size).toBeGreaterThan(40);
    let compared = 0;
    let exactLengths = 0;
    const differences: string[] = [];
    for (const [name, bytes] of pdfs) {
      const skeleton = checkSkeleton(bytes, name, DEFAULT_LIMITS);
      if (!skeleton.ok) continue;
      const ours = lazyDocument(bytes, skeleton.valeur, name, DEFAULT_LIMITS).objects;
      const theirs = lazyDocument(bytes, skeleton.valeur, name, DEFAULT_LIMITS, 'pdf-lib').objects;
      for (const [number, entry] of skeleton.valeur.entries) {
        const ref = PDFRef.of(number, 'offset' in entry ? entry.generation : 0);
        const mine = ours.get(ref);
        const found = difference(mine, theirs.get(ref), `${name} ${ref.toString()}`);
        compared++;
        if (found === undefined) continue;
        if (exactIndirectLength(mine, theirs.get(ref), ours)) exactLengths++;
        else differences.push(found);
      }
      expect(ours.refusal?.code).toBe(theirs.refusal?.code);
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(5_000);
    // qpdf's QDF output gives every stream an indirect /Length: those streams are where the difference shows.
    expect(exactLengths).toBeGreaterThan(0);
  }, 240_000);

  it('makes numbers that print and save as pdf-lib’s PDFNumber.of makes them', () => {
    const values = [0, -0, 1, -1, 12.5, 0.1 + 0.2, 1 / 3, 1e-6, -1e-6, 9.99e-7, 5e-324, 1e20, 1e21, -1e21, 2 ** 53 + 2, Number.MAX_VALUE];
    for (let i = 0; i < 2_000; i++) values.push((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 40 - 12));
    for (const value of values) {
      const ours = pdfNumber(value);
      const theirs = PDFNumber.of(value);
      const [a, b] = [new Uint8Array(ours.sizeInBytes()), new Uint8Array(theirs.sizeInBytes())];
      ours.copyBytesInto(a, 0);
      theirs.copyBytesInto(b, 0);
      expect([ours instanceof PDFNumber, Object.is(ours.asNumber(), value), ours.toString(), Buffer.from(a).toString('latin1')]).toEqual([
        true,
        true,
        theirs.toString(),
        Buffer.from(b).toString('latin1'),
      ]);
    }
  });

  it('reads numbers to the same values as pdf-lib, and refuses the same malformed ones', () => {
    const texts = ['0', '-0', '007', '-12', '+5', '12.5', '-.5', '.25', '5.', '-0.0', '1.2.3', '36.85', '123456789012345', '1234567890123456789', '0.000000123'];
    texts.push('--5', '-', '.', '5-3', '+-1', '9'.repeat(400));
    for (let i = 0; i < 3_000; i++) {
      const digits = String(Math.floor(Math.random() * 10 ** Math.floor(Math.random() * 16)));
      const cut = Math.floor(Math.random() * (digits.length + 1));
      texts.push(`${Math.random() < 0.3 ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
    }
    const context = PDFContext.create();
    const parser = new ObjectParser(context);
    const read = (parse: () => PDFObject) => {
      try {
        const parsed = parse();
        return parsed instanceof PDFNumber ? parsed.asNumber() : parsed.constructor.name;
      } catch {
        return 'refusé';
      }
    };
    for (const text of texts) {
      const bytes = new TextEncoder().encode(`${text} `);
      const ours = read(() => parser.parse(bytes, 0));
      const theirs = read(() => PDFObjectParser.forBytes(bytes, context).parseObject());
      expect({ text, ours }).toEqual({ text, ours: theirs });
    }
  });

  it('refuses objects nested deeper than its bound without overflowing the stack', () => {
    const parser = new ObjectParser(PDFContext.create());
    const deep = (n: number, open: string, close: string) => new TextEncoder().encode(`${open.repeat(n)}1${close.repeat(n)}`);
    expect(() => parser.parse(deep(100_000, '[', ']'), 0)).toThrow(/nested deeper/);
    expect(() => parser.parse(deep(100_000, '<</A ', '>>'), 0)).toThrow(/nested deeper/);
    const allowed = parser.parse(deep(MAX_DEPTH, '[', ']'), 0);
    expect(allowed).toBeInstanceOf(PDFArray);
  });

  it('reads a stream whose /Length is an indirect object, and one whose /Length is wrong, as pdf-lib does', () => {
    const context = PDFContext.create();
    const data = 'BT (endstream inside) Tj ET';
    const lengths = new Map<string, PDFObject>([['7 0 R', PDFNumber.of(data.length)], ['8 0 R', PDFName.of('X')]]);
    const parser = new ObjectParser(context, (ref) => lengths.get(ref.toString()));
    const stream = (length: string) => new TextEncoder().encode(`<< /Length ${length} >>\nstream\n${data}\nendstream\nendobj`);
    const contents = (length: string) => {
      const parsed = parser.parse(stream(length), 0);
      if (!(parsed instanceof PDFRawStream)) throw new Error('not a stream');
      return Buffer.from(parsed.contents).toString('latin1');
    };
    expect(contents('7 0 R')).toBe(data);
    expect(contents(String(data.length))).toBe(data);
    // A wrong or unresolvable /Length: the scan for `endstream` (here fooled by the one inside the data, as pdf-lib's).
    expect(contents(String(data.length + 3))).toBe('BT (');
    expect(contents('8 0 R')).toBe('BT (');
  });
});
