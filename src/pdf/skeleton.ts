/**
 * The file's skeleton, read by hand before any parser sees it: `%%EOF` near the end (else truncated), `startxref`
 * pointing at a cross-reference section, every section of the /Prev chain parsed, every in-use entry pointing at
 * the object it names (`PDF_ILLISIBLE`), and the newest trailer's /Encrypt (`PDF_CHIFFRE`, whatever the user
 * password: pdf-lib cannot decrypt, so field values and attachments would be ciphertext).
 */
import { PDFArray, PDFContext, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { success, type Result } from '../core/issues.ts';
import { damaged, encrypted, tooManyObjects, unsupportedFilter } from './errors.ts';
import { inflateIfFlate, undoPngPredictor } from './inflate.ts';
import { asInt, Cursor, intEntry, isObjectHeader, readObjectHeader } from './lexer.ts';
import type { PdfLimits } from './limits.ts';
import { ObjectParser } from './object-parser.ts';
import { headerOffset } from './sniff.ts';

/** Bytes at the end of the file searched for `%%EOF` (what Acrobat tolerates after it). */
const TAIL = 1024;
/** Most cross-reference sections followed through /Prev. */
const MAX_SECTIONS = 1000;
const EOF_MARK = '%%EOF';
const STARTXREF = 'startxref';

/** Where the skeleton check is, and what it needs. */
interface XrefReader {
  buf: Buffer;
  /** Added to every offset: the junk before `%PDF-` when the writer counted from the header. */
  shift: number;
  /** Parses the trailers and cross-reference streams (their /Length must be direct: nothing is resolved yet). */
  parser: ObjectParser;
  name: string;
  limits: PdfLimits;
  /** In-use entries met so far, over every section. */
  objects: number;
  /** Where each object of the newest revision is (the first in-use entry met for its number wins: newest section first). */
  entries: Map<number, XrefEntry>;
  /** The cursor that checks each entry's object header (one for the whole check). */
  probe: Cursor;
}

/** Where an in-use object is: at an offset of the file, or at an index inside an object stream. */
export type XrefEntry = { offset: number; generation: number } | { stream: number; index: number };

/** What the skeleton check gives a readable file: its catalog reference, newest trailer and where every object is. */
export interface Skeleton {
  root: PDFRef;
  trailer: PDFDict;
  /** Offsets already include the shift of junk before `%PDF-`. */
  entries: ReadonlyMap<number, XrefEntry>;
}

/** One cross-reference section and its trailer (the stream's dictionary for a cross-reference stream). */
interface Section {
  trailer: PDFDict;
}

/** Returns the newest trailer, its /Root and every object's place once the end marker, startxref and every cross-reference section are consistent. */
export function checkSkeleton(bytes: Uint8Array, name: string, limits: PdfLimits): Result<Skeleton> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eof = buf.lastIndexOf(EOF_MARK);
  if (eof < 0 || eof < buf.length - TAIL) {
    return damaged(name, 'tronqué ou endommagé : la marque de fin « %%EOF » est absente de la fin du fichier');
  }
  // pdf-lib, pdf.js and the dossier's painter all read the version after « %PDF- »: one that is not a number is a damaged file.
  const header = headerOffset(buf);
  if (header >= 0 && !/^%PDF-\d+\.\d+/.test(buf.toString('latin1', header, header + 16))) {
    return damaged(name, 'endommagé : son en-tête « %PDF- » n’est pas suivi d’un numéro de version');
  }
  const start = startxrefOffset(buf, eof);
  if (start === undefined) return damaged(name, 'endommagé : l’adresse de la table des références croisées (startxref) est absente');
  const reader: XrefReader = { buf, shift: 0, parser: new ObjectParser(PDFContext.create()), name, limits, objects: 0, entries: new Map(), probe: new Cursor(buf, 0) };
  reader.shift = sectionShift(reader, start);
  try {
    return checkSections(reader, start);
  } catch {
    return damaged(name, 'endommagé : la table des références croisées ou le trailer est malformé');
  }
}

/** Returns the offset written after the last `startxref` before `%%EOF`, if any. */
function startxrefOffset(buf: Buffer, eof: number): number | undefined {
  const at = buf.lastIndexOf(STARTXREF, eof);
  if (at < 0 || at < eof - TAIL) return undefined;
  const cursor = new Cursor(buf, at + STARTXREF.length);
  cursor.skipSpace();
  return cursor.readInt();
}

/** Returns the header's offset when offsets only make sense counted from the header (junk before `%PDF-`), else 0. */
function sectionShift(reader: XrefReader, start: number): number {
  const header = headerOffset(reader.buf);
  if (header <= 0 || startsSection(reader.buf, start)) return 0;
  return startsSection(reader.buf, start + header) ? header : 0;
}

/** Returns whether a cross-reference table or an indirect object starts at `offset`. */
function startsSection(buf: Buffer, offset: number): boolean {
  const cursor = new Cursor(buf, offset);
  cursor.skipSpace();
  return cursor.matchKeyword('xref') || readObjectHeader(cursor) !== undefined;
}

/** Returns the skeleton once every section of the /Prev chain is consistent. */
function checkSections(reader: XrefReader, start: number): Result<Skeleton> {
  const seen = new Set<number>();
  let offset: number | undefined = start;
  let newest: PDFDict | undefined;
  while (offset !== undefined) {
    if (seen.has(offset) || seen.size >= MAX_SECTIONS) {
      return damaged(reader.name, 'endommagé : les tables des références croisées se désignent en boucle');
    }
    seen.add(offset);
    const section = readSection(reader, offset);
    if (!section.ok) return section;
    newest ??= section.valeur.trailer;
    offset = intEntry(section.valeur.trailer, 'Prev');
  }
  return checkTrailer(reader, newest);
}

/** Returns the skeleton of the newest trailer, unless its /Root is missing or it announces encryption. */
function checkTrailer(reader: XrefReader, trailer: PDFDict | undefined): Result<Skeleton> {
  if (trailer?.get(PDFName.of('Encrypt')) !== undefined) return encrypted(reader.name);
  const root = trailer?.get(PDFName.of('Root'));
  if (!(root instanceof PDFRef) || trailer === undefined) return damaged(reader.name, 'endommagé : le trailer ne désigne pas de catalogue (/Root)');
  return success({ root, trailer, entries: reader.entries });
}

/** Returns the section starting at `offset`: a classic table with its trailer, or a cross-reference stream. */
function readSection(reader: XrefReader, offset: number): Result<Section> {
  const cursor = new Cursor(reader.buf, offset + reader.shift);
  cursor.skipSpace();
  if (cursor.matchKeyword('xref')) return readTable(reader, cursor);
  const header = readObjectHeader(cursor);
  if (header === undefined) {
    return damaged(reader.name, 'endommagé : startxref ou /Prev ne désigne pas une table des références croisées');
  }
  return readXrefStream(reader, cursor.pos);
}

/** Returns a classic table's trailer once every in-use entry is checked (and the /XRefStm of a hybrid file). */
function readTable(reader: XrefReader, cursor: Cursor): Result<Section> {
  for (;;) {
    cursor.skipSpace();
    if (cursor.matchKeyword('trailer')) break;
    const first = cursor.readInt();
    cursor.skipSpace();
    const count = cursor.readInt();
    if (first === undefined || count === undefined) return malformedTable(reader.name);
    const checked = checkTableEntries(reader, cursor, first, count);
    if (!checked.ok) return checked;
  }
  const trailer = parseObjectAt(reader, cursor.pos);
  if (!(trailer instanceof PDFDict)) return malformedTable(reader.name);
  const hybrid = intEntry(trailer, 'XRefStm');
  if (hybrid !== undefined) {
    const stream = readXrefStreamAtOffset(reader, hybrid);
    if (!stream.ok) return stream;
  }
  return success({ trailer });
}

/** Returns success when the `count` entries of a subsection are well formed and their in-use objects are there. */
function checkTableEntries(reader: XrefReader, cursor: Cursor, first: number, count: number): Result<void> {
  for (let i = 0; i < count; i++) {
    cursor.skipSpace();
    const offset = cursor.readInt();
    cursor.skipSpace();
    const generation = cursor.readInt();
    cursor.skipSpace();
    const kind = cursor.next();
    if (offset === undefined || generation === undefined || (kind !== 0x6e && kind !== 0x66)) return malformedTable(reader.name);
    if (kind === 0x6e && ++reader.objects > reader.limits.maxObjects) return tooManyObjects(reader.name, reader.limits.maxObjects);
    if (kind === 0x6e && !objectIsAt(reader, offset, first + i, generation)) return misplaced(reader.name, first + i);
    if (kind === 0x6e) record(reader, first + i, { offset: offset + reader.shift, generation });
  }
  return success(undefined);
}

/** Returns the cross-reference stream whose object starts at `offset` (a hybrid file's /XRefStm). */
function readXrefStreamAtOffset(reader: XrefReader, offset: number): Result<Section> {
  const cursor = new Cursor(reader.buf, offset + reader.shift);
  if (readObjectHeader(cursor) === undefined) return misplacedStream(reader.name);
  return readXrefStream(reader, cursor.pos);
}

/** Returns a cross-reference stream's dictionary once its in-use entries are checked. */
function readXrefStream(reader: XrefReader, bodyOffset: number): Result<Section> {
  const stream = parseObjectAt(reader, bodyOffset);
  if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) {
    return misplacedStream(reader.name);
  }
  const data = decodeXrefStream(reader, stream);
  if (!data.ok) return data;
  const checked = checkStreamEntries(reader, stream.dict, data.valeur);
  return checked.ok ? success({ trailer: stream.dict }) : checked;
}

/** Returns the decoded rows of a cross-reference stream (Flate or no filter, PNG predictors undone). */
function decodeXrefStream(reader: XrefReader, stream: PDFRawStream): Result<Uint8Array> {
  const inflated = inflateIfFlate(stream, reader.limits.maxInflatedBytes, reader.name);
  if (!inflated.ok) return inflated;
  const parms = stream.dict.lookup(PDFName.of('DecodeParms'));
  const predictor = parms instanceof PDFDict ? intEntry(parms, 'Predictor') ?? 1 : 1;
  if (predictor === 1) return inflated;
  if (!(parms instanceof PDFDict) || predictor < 10) return unsupportedFilter(reader.name);
  const columns = intEntry(parms, 'Columns') ?? 1;
  const colors = intEntry(parms, 'Colors') ?? 1;
  const bits = intEntry(parms, 'BitsPerComponent') ?? 8;
  const undone = undoPngPredictor(inflated.valeur, Math.ceil((columns * colors * bits) / 8), Math.ceil((colors * bits) / 8));
  return undone === undefined ? malformedTable(reader.name) : success(undone);
}

/** Returns success when the rows cover /Index (or /Size) and every type-1 entry points at its object. */
function checkStreamEntries(reader: XrefReader, dict: PDFDict, rows: Uint8Array): Result<void> {
  const widths = streamWidths(dict);
  const subsections = streamSubsections(dict);
  if (widths === undefined || subsections === undefined) return malformedTable(reader.name);
  const rowSize = widths[0] + widths[1] + widths[2];
  const total = subsections.reduce((sum, [, count]) => sum + count, 0);
  if (rowSize === 0 || total * rowSize > rows.length) return malformedTable(reader.name);
  let at = 0;
  for (const [first, count] of subsections) {
    for (let i = 0; i < count; i++, at += rowSize) {
      const type = widths[0] === 0 ? 1 : readField(rows, at, widths[0]);
      const offset = readField(rows, at + widths[0], widths[1]);
      const generation = widths[2] === 0 ? 0 : readField(rows, at + widths[0] + widths[1], widths[2]);
      if ((type === 1 || type === 2) && ++reader.objects > reader.limits.maxObjects) return tooManyObjects(reader.name, reader.limits.maxObjects);
      if (type === 1 && !objectIsAt(reader, offset, first + i, generation)) return misplaced(reader.name, first + i);
      if (type === 1) record(reader, first + i, { offset: offset + reader.shift, generation });
      else if (type === 2) record(reader, first + i, { stream: offset, index: generation });
    }
  }
  return success(undefined);
}

/** Returns the three field widths of /W (each 0 to 8 bytes), or undefined when malformed. */
function streamWidths(dict: PDFDict): [number, number, number] | undefined {
  const w = dict.lookup(PDFName.of('W'));
  if (!(w instanceof PDFArray) || w.size() !== 3) return undefined;
  const widths = [0, 1, 2].map((i) => asInt(w.lookup(i)));
  if (widths.some((x) => x === undefined || x > 8)) return undefined;
  return widths as [number, number, number];
}

/** Returns the [first, count] pairs of /Index (default [0 /Size]), or undefined when malformed. */
function streamSubsections(dict: PDFDict): Array<[number, number]> | undefined {
  const index = dict.lookup(PDFName.of('Index'));
  if (index === undefined) {
    const size = intEntry(dict, 'Size');
    return size === undefined ? undefined : [[0, size]];
  }
  if (!(index instanceof PDFArray) || index.size() % 2 !== 0) return undefined;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < index.size(); i += 2) {
    const [first, count] = [asInt(index.lookup(i)), asInt(index.lookup(i + 1))];
    if (first === undefined || count === undefined) return undefined;
    pairs.push([first, count]);
  }
  return pairs;
}

/** Returns the big-endian unsigned integer of `width` bytes at `at`. */
function readField(rows: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + (rows[at + i] ?? 0);
  return value;
}

/** Records where object `number` is, unless a newer section (met earlier) already placed it. */
function record(reader: XrefReader, number: number, entry: XrefEntry): void {
  if (!reader.entries.has(number)) reader.entries.set(number, entry);
}

/** Returns whether `number generation obj` starts at `offset` (after optional white space). */
function objectIsAt(reader: XrefReader, offset: number, number: number, generation: number): boolean {
  reader.probe.pos = offset + reader.shift;
  return isObjectHeader(reader.probe, number, generation);
}

/** Returns the object parsed at `offset` (a dictionary, or a stream with its raw bytes), as pdf-lib's parser reads it. */
function parseObjectAt(reader: XrefReader, offset: number): PDFObject {
  return reader.parser.parse(reader.buf, offset);
}

/** Returns the failure of a table whose entries or trailer cannot be read. */
function malformedTable<T>(name: string): Result<T> {
  return damaged(name, 'endommagé : la table des références croisées est malformée');
}

/** Returns the failure of an entry pointing where its object is not. */
function misplaced<T>(name: string, objectNumber: number): Result<T> {
  return damaged(name, `endommagé : la table des références croisées place l’objet ${objectNumber} là où il n’est pas`);
}

/** Returns the failure of a /XRefStm or startxref that does not lead to a cross-reference stream. */
function misplacedStream<T>(name: string): Result<T> {
  return damaged(name, 'endommagé : la table des références croisées désignée est introuvable');
}
