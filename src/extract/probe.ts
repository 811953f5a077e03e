/**
 * A first look at an uploaded PDF, safe on hostile files: page count, form fields, attached files. It runs in the
 * sandbox (a worker with a heap cap and a timeout) through `probePdf`; `run` is the task the worker executes.
 *
 * Order of the checks, each one ending the probe with an error value:
 * 1. the file's skeleton, read by hand: `%%EOF` near the end (else truncated), `startxref` pointing at a
 *    cross-reference section, every section of the /Prev chain parsed, every in-use entry pointing at the object
 *    it names (`PDF_ILLISIBLE`), and the newest trailer's /Encrypt (`PDF_CHIFFRE`, whatever the user password:
 *    pdf-lib cannot decrypt, so field values and attachments would be ciphertext);
 * 2. pdf-lib's parse (`updateMetadata: false`), with the object and cross-reference streams it decodes passed
 *    through `inflateLimited` first (a decompression bomb is refused, not expanded);
 * 3. the page tree: /Count over the limit (`TROP_DE_PAGES`) before any page is walked, then an iterative walk
 *    where a node met twice (a cycle, or a branch shared to fake a huge tree) is `PDF_ILLISIBLE`;
 * 4. the AcroForm field tree and the /Names/EmbeddedFiles name tree, walked the same way.
 * Page contents and attached files are never decoded here. Other sandbox tasks (the extraction) run the same checks
 * through `openPdf`, which also hands them the parsed document.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  EncryptedPDFError,
  ParseSpeeds,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFObjectStreamParser,
  PDFRawStream,
  PDFRef,
  PDFString,
  PDFXRefStreamParser,
  type PDFObject,
} from 'pdf-lib';
import { failure, success, type Issue, type Result } from '../core/issues.ts';
import { checkUpload, damaged, headerOffset, inflateLimited } from './guard.ts';
import type { ExtractLimits } from './limits.ts';
import { runInWorker } from './sandbox.ts';

/** What the probe learns about a readable PDF. */
export interface PdfProbe {
  /** Number of pages (leaves of the page tree). */
  pages: number;
  /** Always false: an encrypted PDF is refused with `PDF_CHIFFRE`. */
  chiffre: false;
  /** Number of terminal AcroForm fields. */
  champs: number;
  /** Names of the attached files (/Names/EmbeddedFiles), from each file specification's /UF or /F, else its key. */
  piecesJointes: string[];
}

/** The input of the probe task. */
export interface ProbeInput {
  bytes: Uint8Array;
  name: string;
  limits: ExtractLimits;
}

/** Options of `probePdf`. */
export interface ProbeOptions {
  /** Move `bytes` to the worker instead of copying it: the caller's buffer is detached (empty) afterwards. */
  transfer?: boolean;
}

/** Returns the probe of an upload: checkUpload, then the probe task in the sandbox. */
export async function probePdf(
  bytes: Uint8Array,
  name: string,
  limits: ExtractLimits,
  options: ProbeOptions = {},
): Promise<Result<PdfProbe>> {
  const upload = checkUpload(bytes, name, limits);
  if (!upload.ok) return upload;
  const own = options.transfer === true && ownsWholeBuffer(bytes) ? bytes : null;
  const input: ProbeInput = { bytes: own ?? bytes, name, limits };
  const transfer = own === null ? [] : [own.buffer as ArrayBuffer];
  return runInWorker<ProbeInput, PdfProbe>(new URL(import.meta.url), input, limits, { nom: name, transfer });
}

/** Returns whether the view covers its whole (non-shared) ArrayBuffer, so moving the buffer moves only these bytes. */
function ownsWholeBuffer(bytes: Uint8Array): boolean {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}

/** Returns the probe of a PDF (the sandbox task; call `probePdf` instead). */
export async function run(input: ProbeInput): Promise<Result<PdfProbe>> {
  const opened = await openPdf(input.bytes, input.name, input.limits);
  return opened.ok ? success(opened.valeur.probe) : opened;
}

/** A PDF that passed every structural check: pdf-lib's parse, its catalog (the newest trailer's /Root) and its probe. */
export interface OpenedPdf {
  doc: PDFDocument;
  catalog: PDFDict;
  probe: PdfProbe;
}

/** Returns the parsed document, its catalog and its probe once checks 1 to 4 pass (to be called inside a sandbox task). */
export async function openPdf(bytes: Uint8Array, name: string, limits: ExtractLimits): Promise<Result<OpenedPdf>> {
  const skeleton = checkSkeleton(bytes, name, limits);
  if (!skeleton.ok) return skeleton;
  const loaded = await loadDocument(bytes, name, limits);
  if (!loaded.ok) return loaded;
  return describe(loaded.valeur, skeleton.valeur, name, limits);
}

// ---------------------------------------------------------------------------------------------------------------
// 1. The skeleton: end marker, startxref, cross-reference sections, trailer.

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
  context: PDFContext;
  name: string;
  limits: ExtractLimits;
}

/** One cross-reference section and its trailer (the stream's dictionary for a cross-reference stream). */
interface Section {
  trailer: PDFDict;
}

/** Returns the newest trailer's /Root once the end marker, startxref and every cross-reference section are consistent. */
function checkSkeleton(bytes: Uint8Array, name: string, limits: ExtractLimits): Result<PDFRef> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eof = buf.lastIndexOf(EOF_MARK);
  if (eof < 0 || eof < buf.length - TAIL) {
    return damaged(name, 'tronqué ou endommagé : la marque de fin « %%EOF » est absente de la fin du fichier');
  }
  const start = startxrefOffset(buf, eof);
  if (start === undefined) return damaged(name, 'endommagé : l’adresse de la table des références croisées (startxref) est absente');
  const reader: XrefReader = { buf, shift: 0, context: PDFContext.create(), name, limits };
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

/** Returns the newest trailer's /Root once every section of the /Prev chain is consistent. */
function checkSections(reader: XrefReader, start: number): Result<PDFRef> {
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

/** Returns the /Root of the newest trailer, unless it is missing or the trailer announces encryption. */
function checkTrailer(reader: XrefReader, trailer: PDFDict | undefined): Result<PDFRef> {
  if (trailer?.get(PDFName.of('Encrypt')) !== undefined) return encrypted(reader.name);
  const root = trailer?.get(PDFName.of('Root'));
  if (!(root instanceof PDFRef)) return damaged(reader.name, 'endommagé : le trailer ne désigne pas de catalogue (/Root)');
  return success(root);
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
    if (kind === 0x6e && !objectIsAt(reader, offset, first + i, generation)) return misplaced(reader.name, first + i);
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

/** Returns a stream's contents, inflated through `inflateLimited` when its only filter is FlateDecode (other filters: PDF_ILLISIBLE). */
export function inflateIfFlate(stream: PDFRawStream, maxBytes: number, name: string): Result<Uint8Array> {
  const filter = onlyFilter(stream.dict);
  if (filter === 'none') return success(stream.contents);
  if (filter === 'FlateDecode') return inflateLimited(stream.contents, maxBytes, name);
  return unsupportedFilter(name);
}

/** Returns the single filter of a stream ('none' without one; 'other' for chains and the rest). */
function onlyFilter(dict: PDFDict): 'none' | 'FlateDecode' | 'other' {
  let filter = dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFArray && filter.size() <= 1) filter = filter.size() === 0 ? undefined : filter.lookup(0);
  if (filter === undefined) return 'none';
  return filter === PDFName.of('FlateDecode') ? 'FlateDecode' : 'other';
}

/** Returns rows with PNG predictors (filter byte per row) undone, or undefined when a row's filter is unknown. */
function undoPngPredictor(data: Uint8Array, rowBytes: number, pixelBytes: number): Uint8Array | undefined {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * (rowBytes + 1)] ?? 0;
    if (filter > 4) return undefined;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[r * (rowBytes + 1) + 1 + i] ?? 0;
      const left = i >= pixelBytes ? out[r * rowBytes + i - pixelBytes] ?? 0 : 0;
      const up = r > 0 ? out[(r - 1) * rowBytes + i] ?? 0 : 0;
      const upLeft = r > 0 && i >= pixelBytes ? out[(r - 1) * rowBytes + i - pixelBytes] ?? 0 : 0;
      out[r * rowBytes + i] = (raw + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

/** Returns the PNG predictor's guess for one byte. */
function predict(filter: number, left: number, up: number, upLeft: number): number {
  if (filter === 1) return left;
  if (filter === 2) return up;
  if (filter === 3) return Math.floor((left + up) / 2);
  if (filter === 4) {
    const p = left + up - upLeft;
    const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
    if (pa <= pb && pa <= pc) return left;
    return pb <= pc ? up : upLeft;
  }
  return 0;
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
      if (type === 1 && !objectIsAt(reader, offset, first + i, generation)) return misplaced(reader.name, first + i);
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

/** Returns whether `number generation obj` starts at `offset` (after optional white space). */
function objectIsAt(reader: XrefReader, offset: number, number: number, generation: number): boolean {
  const cursor = new Cursor(reader.buf, offset + reader.shift);
  cursor.skipSpace();
  const header = readObjectHeader(cursor);
  return header !== undefined && header[0] === number && header[1] === generation;
}

/** Returns [number, generation] of an `n g obj` header at the cursor (moved after `obj`), else undefined. */
function readObjectHeader(cursor: Cursor): [number, number] | undefined {
  const number = cursor.readInt();
  if (number === undefined || !cursor.skipSpace()) return undefined;
  const generation = cursor.readInt();
  if (generation === undefined) return undefined;
  cursor.skipSpace();
  return cursor.matchKeyword('obj') ? [number, generation] : undefined;
}

/** Returns the object parsed by pdf-lib at `offset` (a dictionary, or a stream with its raw bytes). */
function parseObjectAt(reader: XrefReader, offset: number): PDFObject {
  return PDFObjectParser.forBytes(reader.buf.subarray(offset), reader.context).parseObject();
}

/** Returns a dictionary entry as a non-negative integer, or undefined. */
function intEntry(dict: PDFDict, key: string): number | undefined {
  return asInt(dict.lookup(PDFName.of(key)));
}

/** Returns a PDF object as a non-negative safe integer, or undefined. */
function asInt(value: PDFObject | undefined): number | undefined {
  if (!(value instanceof PDFNumber)) return undefined;
  const n = value.asNumber();
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** A read position in the file's bytes, with the few lexical steps the skeleton check needs. */
class Cursor {
  constructor(
    private readonly buf: Uint8Array,
    public pos: number,
  ) {}

  /** Returns whether white space was skipped (PDF white space: NUL, TAB, LF, FF, CR, SPACE). */
  skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.buf.length && isSpace(this.buf[this.pos] ?? 0)) this.pos++;
    return this.pos > start;
  }

  /** Returns the unsigned integer at the cursor (at most 15 digits), or undefined without moving. */
  readInt(): number | undefined {
    let value = 0;
    let digits = 0;
    for (let b = this.buf[this.pos]; b !== undefined && b >= 0x30 && b <= 0x39 && digits < 15; b = this.buf[this.pos]) {
      value = value * 10 + (b - 0x30);
      digits++;
      this.pos++;
    }
    return digits === 0 ? undefined : value;
  }

  /** Returns whether the keyword is at the cursor (and moves after it when it is). */
  matchKeyword(keyword: string): boolean {
    for (let i = 0; i < keyword.length; i++) if (this.buf[this.pos + i] !== keyword.charCodeAt(i)) return false;
    this.pos += keyword.length;
    return true;
  }

  /** Returns the byte at the cursor and moves past it (undefined at the end). */
  next(): number | undefined {
    return this.buf[this.pos++];
  }
}

/** Returns whether a byte is PDF white space. */
function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. pdf-lib's parse, with its stream decoding guarded.

/** The decompression budget of the probe running in this async context, and the first refusal it met. */
interface DecodeGuard {
  maxBytes: number;
  name: string;
  refusal?: Issue;
}

const decodeGuard = new AsyncLocalStorage<DecodeGuard>();
let decodingGuarded = false;

/**
 * Makes pdf-lib's parser run object and cross-reference streams through `inflateLimited` before decoding them
 * (pdf-lib inflates them whole, in JavaScript, with no cap). Only parses started inside `decodeGuard.run` are
 * affected; everywhere else pdf-lib behaves as before. Idempotent.
 */
function guardPdfLibDecoding(): void {
  if (decodingGuarded) return;
  decodingGuarded = true;
  const objectStream = PDFObjectStreamParser.forStream;
  PDFObjectStreamParser.forStream = (raw, shouldWaitForTick) => objectStream(guardedStream(raw), shouldWaitForTick);
  const xrefStream = PDFXRefStreamParser.forStream;
  PDFXRefStreamParser.forStream = (raw) => xrefStream(guardedStream(raw));
}

/** Returns the stream pdf-lib may decode: already inflated within the budget, or a throw recording the refusal. */
function guardedStream(raw: PDFRawStream): PDFRawStream {
  const guard = decodeGuard.getStore();
  if (guard === undefined) return raw;
  const inflated = inflateIfFlate(raw, guard.maxBytes, guard.name);
  if (!inflated.ok) {
    guard.refusal ??= inflated.erreur;
    throw new Error('stream refused by the probe');
  }
  if (onlyFilter(raw.dict) === 'none' || raw.dict.has(PDFName.of('DecodeParms'))) return raw;
  const dict = raw.dict.clone();
  dict.delete(PDFName.of('Filter'));
  return PDFRawStream.of(dict, inflated.valeur);
}

/**
 * Returns the document parsed by pdf-lib with every stream it decodes bounded (a decompression bomb is refused), or why
 * it could not be parsed. `lenient` ignores /Encrypt (an earlier revision of a signed file, whose newest revision was already checked).
 */
export async function loadDocument(bytes: Uint8Array, name: string, limits: ExtractLimits, lenient = false): Promise<Result<PDFDocument>> {
  guardPdfLibDecoding();
  const guard: DecodeGuard = { maxBytes: limits.maxInflatedBytes, name };
  try {
    const doc = await decodeGuard.run(guard, () =>
      PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: lenient, parseSpeed: ParseSpeeds.Fastest }),
    );
    return guard.refusal === undefined ? success(doc) : { ok: false, erreur: guard.refusal };
  } catch (e) {
    if (e instanceof EncryptedPDFError) return encrypted(name);
    if (guard.refusal !== undefined) return { ok: false, erreur: guard.refusal };
    return damaged(name, 'illisible : sa structure n’a pas pu être analysée');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3 and 4. Pages, fields, attached files.

/** Returns the opened document whose catalog is `root` (pdf-lib's own guess, when /Root is broken, is not used). */
function describe(doc: PDFDocument, root: PDFRef, name: string, limits: ExtractLimits): Result<OpenedPdf> {
  const catalog = doc.context.lookup(root);
  if (!(catalog instanceof PDFDict)) return damaged(name, 'endommagé : le catalogue du document est introuvable');
  const pages = countPages(doc.context, catalog, name, limits.maxPages);
  if (!pages.ok) return pages;
  const champs = countFields(doc.context, catalog, name);
  if (!champs.ok) return champs;
  const piecesJointes = attachmentNames(doc.context, catalog, name);
  if (!piecesJointes.ok) return piecesJointes;
  const probe: PdfProbe = { pages: pages.valeur, chiffre: false, champs: champs.valeur, piecesJointes: piecesJointes.valeur };
  return success({ doc, catalog, probe });
}

/** Returns the number of pages: /Count checked against the limit first, then the leaves counted by a walk. */
function countPages(context: PDFContext, catalog: PDFDict, name: string, maxPages: number): Result<number> {
  const root = catalog.get(PDFName.of('Pages'));
  const rootNode = root instanceof PDFRef ? context.lookup(root) : root;
  if (!(rootNode instanceof PDFDict)) return damaged(name, 'endommagé : l’arbre des pages est introuvable');
  const announced = intEntry(rootNode, 'Count');
  if (announced !== undefined && announced > maxPages) return tooManyPages(name, announced, maxPages, 'annonce');
  const leaves = walkTree(context, root, { children: pageKids, maxLeaves: maxPages });
  if (leaves === 'cycle') return damaged(name, 'endommagé : l’arbre des pages boucle sur lui-même ou partage une branche');
  if (leaves === 'invalid') return damaged(name, 'endommagé : un nœud de l’arbre des pages n’est pas un dictionnaire');
  if (leaves.length > maxPages) return tooManyPages(name, leaves.length, maxPages, 'a plus de');
  if (leaves.length === 0) return damaged(name, 'vide : il ne contient aucune page');
  return success(leaves.length);
}

/** Returns the kids of a page tree node, or undefined for a page (a leaf). */
function pageKids(node: PDFDict): PDFObject[] | undefined {
  const type = node.get(PDFName.of('Type'));
  const kids = node.lookup(PDFName.of('Kids'));
  if (type === PDFName.of('Page') || !(kids instanceof PDFArray)) return undefined;
  return kids.asArray();
}

/** How to walk one kind of tree. */
interface TreeWalk {
  /** The children of a node, or undefined when the node is a leaf. */
  children: (node: PDFDict) => PDFObject[] | undefined;
  /** The walk stops once it has found more leaves than this. */
  maxLeaves?: number;
}

/** Returns the leaves of a tree walked without recursion; 'cycle' when a node is met twice, 'invalid' for a non-dictionary. */
function walkTree(context: PDFContext, root: PDFObject | undefined, walk: TreeWalk): PDFDict[] | 'cycle' | 'invalid' {
  const seen = new Set<PDFObject>();
  const leaves: PDFDict[] = [];
  const stack: Array<PDFObject | undefined> = [root];
  const max = walk.maxLeaves ?? Number.POSITIVE_INFINITY;
  while (stack.length > 0 && leaves.length <= max) {
    const item = stack.pop();
    const node = item instanceof PDFRef ? context.lookup(item) : item;
    if (!(node instanceof PDFDict)) return 'invalid';
    const key = item instanceof PDFRef ? item : node;
    if (seen.has(key)) return 'cycle';
    seen.add(key);
    const children = walk.children(node);
    if (children === undefined) leaves.push(node);
    else for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return leaves;
}

/** Returns the number of terminal AcroForm fields (0 without a form). */
function countFields(context: PDFContext, catalog: PDFDict, name: string): Result<number> {
  const form = catalog.lookup(PDFName.of('AcroForm'));
  const fields = form instanceof PDFDict ? form.lookup(PDFName.of('Fields')) : undefined;
  if (!(fields instanceof PDFArray)) return success(0);
  let count = 0;
  for (const field of fields.asArray()) {
    const leaves = walkTree(context, field, { children: (node) => fieldKids(context, node) });
    if (leaves === 'cycle') return damaged(name, 'endommagé : l’arborescence des champs de formulaire boucle sur elle-même');
    if (leaves !== 'invalid') count += leaves.length;
  }
  return success(count);
}

/** Returns the kids of a field that are fields (they have /T), or undefined for a terminal field. */
function fieldKids(context: PDFContext, node: PDFDict): PDFObject[] | undefined {
  const kids = node.lookup(PDFName.of('Kids'));
  if (!(kids instanceof PDFArray)) return undefined;
  const fieldKidList = kids.asArray().filter((kid) => {
    const dict = kid instanceof PDFRef ? context.lookup(kid) : kid;
    return dict instanceof PDFDict && dict.has(PDFName.of('T'));
  });
  return fieldKidList.length === 0 ? undefined : fieldKidList;
}

/** Returns the names of the files in /Names/EmbeddedFiles, in name tree order. */
function attachmentNames(context: PDFContext, catalog: PDFDict, name: string): Result<string[]> {
  const files = embeddedFiles(context, catalog, name);
  return files.ok ? success(files.valeur.map((file) => file.nom)) : files;
}

/** One entry of the /Names/EmbeddedFiles name tree. */
export interface EmbeddedFileEntry {
  /** The file specification's /UF or /F, else its key in the name tree. */
  nom: string;
  /** The file specification (undefined when the tree's value is not a dictionary). */
  spec: PDFDict | undefined;
}

/** Returns the entries of /Names/EmbeddedFiles in name tree order, walked without recursion (a cycle is PDF_ILLISIBLE). */
export function embeddedFiles(context: PDFContext, catalog: PDFDict, name: string): Result<EmbeddedFileEntry[]> {
  const names = catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.get(PDFName.of('EmbeddedFiles')) : undefined;
  if (tree === undefined) return success([]);
  const leaves = walkTree(context, tree, { children: (node) => nameTreeKids(node) });
  if (leaves === 'cycle') return damaged(name, 'endommagé : l’arbre des pièces jointes boucle sur lui-même');
  if (leaves === 'invalid') return damaged(name, 'endommagé : un nœud de l’arbre des pièces jointes n’est pas un dictionnaire');
  return success(leaves.flatMap((leaf) => leafFiles(context, leaf)));
}

/** Returns the /Kids of a name tree node, or undefined for a leaf (a node with /Names). */
function nameTreeKids(node: PDFDict): PDFObject[] | undefined {
  const kids = node.lookup(PDFName.of('Kids'));
  return kids instanceof PDFArray ? kids.asArray() : undefined;
}

/** Returns the files of a name tree leaf, named by each file specification's /UF or /F, else by its key. */
function leafFiles(context: PDFContext, leaf: PDFDict): EmbeddedFileEntry[] {
  const pairs = leaf.lookup(PDFName.of('Names'));
  if (!(pairs instanceof PDFArray)) return [];
  const found: EmbeddedFileEntry[] = [];
  for (let i = 0; i + 1 < pairs.size(); i += 2) {
    const value = context.lookup(pairs.get(i + 1));
    const spec = value instanceof PDFDict ? value : undefined;
    const fromSpec = spec === undefined ? undefined : text(spec.lookup(PDFName.of('UF'))) ?? text(spec.lookup(PDFName.of('F')));
    const fileName = fromSpec ?? text(pairs.lookup(i));
    if (fileName !== undefined) found.push({ nom: fileName, spec });
  }
  return found;
}

/** Returns the text of a PDF string, or undefined for anything else. */
function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Error values.

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

/** Returns the failure of a cross-reference or object stream compressed in a way Paperasse does not decode. */
function unsupportedFilter<T>(name: string): Result<T> {
  return damaged(name, 'illisible : un flux de structure utilise une compression que Paperasse ne décode pas');
}

/** Returns the PDF_CHIFFRE failure. */
function encrypted<T>(name: string): Result<T> {
  return failure(
    'PDF_CHIFFRE',
    name,
    `${name} est chiffré (mot de passe ou restrictions) : Paperasse ne lit pas les PDF chiffrés ; enregistrez-en une copie sans protection`,
  );
}

/** Returns the TROP_DE_PAGES failure. */
function tooManyPages<T>(name: string, pages: number, max: number, verb: 'annonce' | 'a plus de'): Result<T> {
  const shown = verb === 'annonce' ? pages : max;
  return failure(
    'TROP_DE_PAGES',
    name,
    `${name} ${verb} ${shown.toLocaleString('fr-FR')} pages : le maximum accepté est ${max.toLocaleString('fr-FR')}`,
  );
}
