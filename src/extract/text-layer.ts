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
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFStream } from 'pdf-lib';
import { failure, success, type Issue, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import { damagedIssue } from './guard.ts';
import { inflateLimited } from '../pdf/inflate.ts';
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
  readonly #refusals = new WeakSet<Issue>();
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

  /** Returns the lines of pages 1 to `count` (capped by the document's pages), top to bottom, or why they cannot be read (see `refused`). */
  async lines(count: number): Promise<Result<TextLine[]>> {
    const pages = this.#doc.getPages();
    const all: TextLine[] = [];
    for (let index = 0; index < Math.min(count, pages.length); index++) {
      const page = await this.#page(index);
      if (!page.ok) return page;
      all.push(...page.valeur);
    }
    return success(all);
  }

  /** Returns whether an error of `lines` refuses the file (a page unsafe to read), rather than only a page pdf.js could not read. */
  refused(issue: Issue): boolean {
    return this.#refusals.has(issue);
  }

  /** Releases pdf.js's document. */
  async close(): Promise<void> {
    if (this.#pdfjs !== undefined) await (await this.#pdfjs).destroy();
  }

  async #page(index: number): Promise<Result<TextLine[]>> {
    const known = this.#pages.get(index);
    if (known !== undefined) return success(known);
    const checked = this.#checkPage(index);
    if (!checked.ok) {
      this.#refusals.add(checked.erreur);
      return checked;
    }
    try {
      this.#pdfjs ??= withUnmappedFontsMarked(this.#doc, this.#bytes).then(openPdfJs);
      const page = await (await this.#pdfjs).getPage(index + 1);
      const content = await page.getTextContent();
      page.cleanup();
      const lines = toLines(index + 1, content.items.flatMap(toPiece));
      this.#pages.set(index, lines);
      return success(lines);
    } catch {
      return { ok: false, erreur: damagedIssue(this.#name, `illisible : le texte de sa page ${index + 1} n’a pas pu être lu`) };
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
    const inflated = inflateLimited(stream.contents, this.#budget, this.#name, () => `${formatBytes(this.#total)} au total pour le texte du document`);
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

/**
 * Returns the bytes pdf.js reads: the file itself, or, when some of its fonts have no Unicode map (Ghostscript's
 * « print to PDF » rewrites fonts without one, and pdf.js then decodes glyph numbers as letters: « UVWHG »), a copy
 * where each such font maps every code to a private-use character, so its text is recognisably not text.
 */
async function withUnmappedFontsMarked(doc: PDFDocument, bytes: Uint8Array): Promise<Uint8Array> {
  const fonts = unmappedFonts(doc);
  if (fonts.length === 0) return bytes;
  const cmap = doc.context.stream(PRIVATE_USE_CMAP);
  const ref = doc.context.register(cmap);
  for (const font of fonts) font.set(PDFName.of('ToUnicode'), ref);
  try {
    return await doc.save({ updateFieldAppearances: false, useObjectStreams: false, addDefaultPage: false });
  } finally {
    for (const font of fonts) font.delete(PDFName.of('ToUnicode'));
    doc.context.delete(ref);
  }
}

/** Every code of a font (one or two bytes) to a private-use character: U+E000–U+F8FF, then plane 15, 1,024 codes a line. */
const PRIVATE_USE_CMAP = [
  '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
  '/CIDSystemInfo << /Registry (Paperasse) /Ordering (Illisible) /Supplement 0 >> def',
  '/CMapName /Paperasse-Illisible def /CMapType 2 def',
  '1 begincodespacerange <0000> <FFFF> endcodespacerange',
  `${1 + 58} beginbfrange`,
  '<0000> <18FF> <E000>',
  ...Array.from({ length: 58 }, (_, i) => {
    const from = 0x1900 + i * 0x400;
    const to = Math.min(0xffff, from + 0x3ff);
    const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
    return `<${hex(from)}> <${hex(to)}> <${hex(0xdb80 + i)}DC00>`;
  }),
  'endbfrange endcmap CMapName currentdict /CMap defineresource pop end end',
].join('\n');

/** Names of the CID orderings pdf.js maps to Unicode on its own (through Adobe's UCS2 CMaps). */
const KNOWN_ORDERINGS = new Set(['GB1', 'CNS1', 'Japan1', 'Korea1']);
/** Glyph names that say nothing about the character (`g36`, `glyph12`, `cid7`, Ghostscript's bitmap `a12`). */
const NUMBERED_GLYPH = /^(?:g|glyph|gid|cid|index|a)\d+$/i;
/** Most objects visited looking for the fonts of the pages. */
const MAX_FONT_OBJECTS = 50_000;

/** Returns the font dictionaries used by the pages (their form XObjects and patterns included) that have no Unicode map. */
function unmappedFonts(doc: PDFDocument): PDFDict[] {
  const found = new Set<PDFDict>();
  const seen = new Set<PDFObject>();
  const stack: Array<PDFObject | undefined> = doc.getPages().map((p) => p.node.Resources());
  while (stack.length > 0 && seen.size < MAX_FONT_OBJECTS) {
    const item = stack.pop();
    if (item === undefined || seen.has(item)) continue;
    seen.add(item);
    const resources = item instanceof PDFRef ? doc.context.lookup(item) : item;
    if (!(resources instanceof PDFDict)) continue;
    const fonts = resources.lookup(PDFName.of('Font'));
    if (fonts instanceof PDFDict) {
      for (const value of fonts.values()) {
        const font = value instanceof PDFRef ? doc.context.lookup(value) : value;
        if (font instanceof PDFDict && !hasUnicodeMap(font)) found.add(font);
        // A Type 3 font's glyphs are content streams with resources of their own.
        if (font instanceof PDFDict) stack.push(font.get(PDFName.of('Resources')));
      }
    }
    for (const key of ['XObject', 'Pattern']) {
      const inner = resources.lookup(PDFName.of(key));
      if (inner instanceof PDFDict) for (const value of inner.values()) stack.push(resourcesOf(doc, value));
    }
  }
  return [...found];
}

/** Returns the /Resources of a form XObject or pattern. */
function resourcesOf(doc: PDFDocument, value: PDFObject): PDFObject | undefined {
  const object = value instanceof PDFRef ? doc.context.lookup(value) : value;
  const dict = object instanceof PDFDict ? object : (object as PDFStream | undefined)?.dict;
  return dict instanceof PDFDict ? dict.get(PDFName.of('Resources')) : undefined;
}

/**
 * Returns whether pdf.js can turn a font's codes into characters: a /ToUnicode map, a composite font with one of
 * Adobe's CJK orderings, or a simple font whose encoding names its glyphs (a standard encoding, or differences that
 * are not bare glyph numbers).
 */
function hasUnicodeMap(font: PDFDict): boolean {
  if (font.get(PDFName.of('ToUnicode')) !== undefined) return true;
  const subtype = font.lookup(PDFName.of('Subtype'));
  if (subtype === PDFName.of('Type0')) {
    const descendant = font.lookup(PDFName.of('DescendantFonts'));
    const cid = descendant instanceof PDFArray ? descendant.lookup(0) : undefined;
    const info = cid instanceof PDFDict ? cid.lookup(PDFName.of('CIDSystemInfo')) : undefined;
    const ordering = info instanceof PDFDict ? info.lookup(PDFName.of('Ordering')) : undefined;
    const name = ordering === undefined ? '' : ordering.toString().replace(/^[(/]|\)$/g, '');
    return KNOWN_ORDERINGS.has(name);
  }
  const encoding = font.lookup(PDFName.of('Encoding'));
  if (!(encoding instanceof PDFDict)) return subtype !== PDFName.of('Type3');
  const differences = encoding.lookup(PDFName.of('Differences'));
  if (!(differences instanceof PDFArray)) return subtype !== PDFName.of('Type3');
  return !differences.asArray().some((d) => d instanceof PDFName && NUMBERED_GLYPH.test(d.decodeText()));
}

/** pdf.js's worker module (it has no type declarations; only its side effect is used). */
const PDFJS_WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
/** pdf.js's module, imported once per thread. */
let pdfJsModule: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;

/**
 * Returns pdf.js's module. Its bundled core-js reads an Error's stack while the module loads: where source maps are
 * enabled (tsx enables them, in every sandbox worker that runs the TypeScript sources), that made Node parse pdf.js's
 * 5 MB of source maps (0.4 to 0.6 s of CPU, measured, in each fresh worker). They are switched off while it loads.
 */
function loadPdfJs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  if (pdfJsModule !== undefined) return pdfJsModule;
  const enabled = process.sourceMapsEnabled;
  if (enabled) process.setSourceMapsEnabled(false);
  // Its worker module, imported here, sets `globalThis.pdfjsWorker`: pdf.js then runs it in this thread without
  // importing it later, when source maps would be on again.
  pdfJsModule = (import(PDFJS_WORKER) as Promise<unknown>)
    .then(() => import('pdfjs-dist/legacy/build/pdf.mjs'))
    .finally(() => {
      if (enabled) process.setSourceMapsEnabled(true);
    });
  return pdfJsModule;
}

/** Returns pdf.js's document for a copy of the bytes (pdf.js may take over the buffer it is given). */
async function openPdfJs(bytes: Uint8Array): Promise<PdfJsDocument> {
  const pdfjs = await loadPdfJs();
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

/** Characters that are not text: controls (tab and line breaks aside), private use, surrogates, unassigned, U+FFFD. */
const NOT_TEXT = /[\p{Cc}\p{Co}\p{Cs}\p{Cn}\uFFFD]/u;
const ALLOWED_CONTROLS = /[\t\n\r]/g;

/** Returns whether a text holds characters that are not real text (a font without a Unicode map, a broken encoding). */
export function isUnreadableText(text: string): boolean {
  return NOT_TEXT.test(text.replace(ALLOWED_CONTROLS, ''));
}

/** Returns whether some line of the text layer holds characters that are not real text. */
export function hasUnreadableText(lines: readonly TextLine[]): boolean {
  return lines.some((line) => isUnreadableText(line.text));
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
