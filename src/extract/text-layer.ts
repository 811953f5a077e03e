/**
 * The text layer of a PDF as positioned lines: to recognise a form by its title, and to read a PDF that has neither
 * fields nor attached data. pdf.js (the pdfjs-dist pdf-parse is built on, same version) gives every piece of text
 * with its position: a flattened form draws its values after all its labels, so labels and values are paired by
 * position, not by content order (which is all pdf-parse's `getText` returns).
 *
 * pdf.js decompresses what it reads without a cap, so before it sees a page, every stream that page's text can
 * come from (contents, form XObjects, fonts; images excepted) is decompressed once through `inflateLimited`,
 * within a budget for the whole document; a page failing that check is refused, never handed to pdf.js.
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { failure, success, type Issue, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import { damagedIssue, inflateLimited } from './guard.ts';
import type { ExtractLimits } from './limits.ts';

/** A piece of text drawn on a page: its baseline's start, its width and font size, in PDF units. */
export interface TextPiece {
  x: number;
  y: number;
  width: number;
  size: number;
  text: string;
}

/** A line of a page: pieces on one baseline (within a tolerance), left to right, and their joined text. */
export interface TextLine {
  page: number;
  y: number;
  pieces: TextPiece[];
  /** The pieces' text, white space collapsed to single spaces. */
  text: string;
  /** Offset in `text` of each piece's first character. */
  offsets: number[];
}

/** Lines read, or why not: `refused` when a page failed the stream check, false when pdf.js could not read it. */
export type TextOutcome = { ok: true; valeur: TextLine[] } | { ok: false; erreur: Issue; refused: boolean };

/** Pieces whose baselines differ by at most this many points are on one line (an auto-sized value sits up to ~4 pt off its label). */
const SAME_LINE = 4.5;
/** Most PDF objects visited when checking one document's page streams. */
const MAX_OBJECTS = 200_000;
/** Filters whose output is at most about the size of their input, or that only images use (never read for text). */
const HARMLESS_FILTERS = new Set(['ASCIIHexDecode', 'ASCII85Decode', 'DCTDecode', 'JPXDecode', 'CCITTFaxDecode', 'JBIG2Decode']);

/** The pdf.js document proxy, as far as this module uses it. */
interface PdfJsDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }>; cleanup(): void }>;
  destroy(): Promise<void>;
}

/** Reads pages' text lazily, each page checked then read at most once. */
export class TextLayer {
  readonly #bytes: Uint8Array;
  readonly #doc: PDFDocument;
  readonly #name: string;
  readonly #pages = new Map<number, TextLine[]>();
  readonly #checked = new Set<PDFObject>();
  #budget: number;
  readonly #total: number;
  #pdfjs: Promise<PdfJsDocument> | undefined;

  constructor(bytes: Uint8Array, doc: PDFDocument, name: string, limits: ExtractLimits) {
    this.#bytes = bytes;
    this.#doc = doc;
    this.#name = name;
    this.#budget = limits.maxInflatedBytes;
    this.#total = limits.maxInflatedBytes;
  }

  /** Returns the lines of pages 1 to `count` (capped by the document's pages), top to bottom, or why they cannot be read safely. */
  async lines(count: number): Promise<TextOutcome> {
    const pages = this.#doc.getPages();
    const all: TextLine[] = [];
    for (let index = 0; index < Math.min(count, pages.length); index++) {
      const page = await this.#page(index);
      if (!page.ok) return page;
      all.push(...page.valeur);
    }
    return { ok: true, valeur: all };
  }

  /** Releases pdf.js's document. */
  async close(): Promise<void> {
    if (this.#pdfjs !== undefined) await (await this.#pdfjs).destroy();
  }

  async #page(index: number): Promise<TextOutcome> {
    const known = this.#pages.get(index);
    if (known !== undefined) return { ok: true, valeur: known };
    const checked = this.#checkPage(index);
    if (!checked.ok) return { ...checked, refused: true };
    try {
      this.#pdfjs ??= openPdfJs(this.#bytes);
      const page = await (await this.#pdfjs).getPage(index + 1);
      const content = await page.getTextContent();
      page.cleanup();
      const lines = toLines(index + 1, content.items.flatMap(toPiece));
      this.#pages.set(index, lines);
      return { ok: true, valeur: lines };
    } catch {
      return { ok: false, erreur: damagedIssue(this.#name, `illisible : le texte de sa page ${index + 1} n’a pas pu être lu`), refused: false };
    }
  }

  /** Returns success when every stream the page's text can come from decompresses within the budget. */
  #checkPage(index: number): Result<void> {
    const leaf = this.#doc.getPages()[index]?.node;
    if (leaf === undefined) return success(undefined);
    const stack: Array<PDFObject | undefined> = [leaf.Contents(), leaf.Resources()];
    while (stack.length > 0) {
      const item = stack.pop();
      if (item === undefined || this.#checked.has(item)) continue;
      if (this.#checked.size >= MAX_OBJECTS) return this.#refuse('il contient trop d’objets');
      this.#checked.add(item);
      const object = item instanceof PDFRef ? this.#doc.context.lookup(item) : item;
      const refused = this.#visit(object, stack);
      if (refused !== undefined) return refused;
    }
    return success(undefined);
  }

  /** Pushes the children of one object; returns a refusal when it is a stream that fails the check. */
  #visit(object: PDFObject | undefined, stack: Array<PDFObject | undefined>): Result<void> | undefined {
    if (object instanceof PDFArray) stack.push(...object.asArray());
    if (object instanceof PDFDict) for (const [key, value] of object.entries()) if (key !== PDFName.of('Parent')) stack.push(value);
    if (!(object instanceof PDFRawStream)) return undefined;
    if (object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) return undefined;
    for (const [key, value] of object.dict.entries()) if (key !== PDFName.of('Parent')) stack.push(value);
    return this.#checkStream(object);
  }

  /** Returns a refusal when a stream uses a filter that could expand without bound, or decompresses past the budget. */
  #checkStream(stream: PDFRawStream): Result<void> | undefined {
    const filters = filterNames(stream.dict);
    if (filters.every((f) => HARMLESS_FILTERS.has(f))) return undefined;
    if (filters.length !== 1 || filters[0] !== 'FlateDecode') return this.#refuse('un de ses flux utilise une compression que Paperasse ne décode pas');
    // Past the budget, the cap to name is the whole document's, not what was left of it.
    const inflated = inflateLimited(stream.contents, this.#budget, this.#name, `${formatBytes(this.#total)} au total pour le texte du document`);
    if (!inflated.ok) return inflated;
    this.#budget -= inflated.valeur.length;
    return undefined;
  }

  #refuse(why: string): Result<void> {
    return failure('PDF_ILLISIBLE', this.#name, `${this.#name} est refusé : son texte ne peut pas être lu sans risque, ${why}`);
  }
}

/** Returns the names of a stream's filters, in order. */
function filterNames(dict: PDFDict): string[] {
  const filter = dict.lookup(PDFName.of('Filter'));
  const list = filter instanceof PDFArray ? filter.asArray() : filter === undefined ? [] : [filter];
  return list.map((f) => (f instanceof PDFName ? f.decodeText() : '?'));
}

/** Returns pdf.js's document for a copy of the bytes (pdf.js may take over the buffer it is given). */
async function openPdfJs(bytes: Uint8Array): Promise<PdfJsDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    verbosity: 0,
  });
  return task.promise;
}

/** Returns the piece of a pdf.js text item (none for marked content or empty strings). */
function toPiece(item: unknown): TextPiece[] {
  if (item === null || typeof item !== 'object' || !('str' in item) || !('transform' in item)) return [];
  const { str, transform, width } = item as { str: unknown; transform: unknown; width: unknown };
  if (typeof str !== 'string' || str === '' || !Array.isArray(transform)) return [];
  const [a, b, , , x, y] = transform as number[];
  if (typeof x !== 'number' || typeof y !== 'number') return [];
  const size = Math.hypot(a ?? 0, b ?? 0);
  return [{ x, y, width: typeof width === 'number' ? width : 0, size, text: str }];
}

/** Returns a page's pieces grouped into lines, top to bottom, each left to right. */
export function toLines(page: number, pieces: readonly TextPiece[]): TextLine[] {
  const sorted = [...pieces].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: TextPiece[][] = [];
  let lowest = Number.NaN;
  for (const piece of sorted) {
    const current = groups[groups.length - 1];
    // Each piece is compared with the lowest one of the line so far: a label and its value sit a few points apart.
    if (current !== undefined && lowest - piece.y <= SAME_LINE) current.push(piece);
    else groups.push([piece]);
    lowest = piece.y;
  }
  return groups.map((group) => joinLine(page, group.sort((p, q) => p.x - q.x)));
}

/** Returns a line from its pieces: texts joined, a space where pieces are apart, white space collapsed. */
function joinLine(page: number, pieces: TextPiece[]): TextLine {
  let text = '';
  const offsets: number[] = [];
  let previous: TextPiece | undefined;
  for (const piece of pieces) {
    const apart = previous !== undefined && piece.x - (previous.x + previous.width) > 0.2 * piece.size;
    if (apart && text !== '' && !text.endsWith(' ')) text += ' ';
    const own = piece.text.replace(/\s+/g, ' ');
    const added = text.endsWith(' ') || text === '' ? own.replace(/^ /, '') : own;
    offsets.push(text.length);
    text += added;
    previous = piece;
  }
  return { page, y: pieces[0]?.y ?? 0, pieces, text: text.trimEnd(), offsets };
}

/** Returns the x position of a character of a line (the start of the line's end when past it). */
export function xAt(line: TextLine, index: number): number {
  let at = 0;
  for (let i = 0; i < line.pieces.length; i++) if ((line.offsets[i] ?? 0) <= index) at = i;
  const piece = line.pieces[at];
  if (piece === undefined) return 0;
  const start = line.offsets[at] ?? 0;
  const length = Math.max(1, piece.text.length);
  return piece.x + (piece.width * Math.min(length, Math.max(0, index - start))) / length;
}
