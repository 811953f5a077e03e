/**
 * The text layer of a PDF as positioned lines: to recognise a form by its title, and to read a PDF that has neither
 * fields nor attached data. Paperasse's own content-stream reader (src/pdf/content-text.ts) gives every piece of text
 * with its position: a flattened form draws its values after all its labels, so labels and values are paired by
 * position, not by content order.
 *
 * Every stream the reading needs (contents, form XObjects, /ToUnicode and embedded CMaps) is decompressed once,
 * through `inflateLimited`, within a budget for the whole document; a stream past that budget, or compressed in a
 * way Paperasse does not decode, refuses the file. Font programs and images are never decompressed.
 */
import { PDFArray, PDFName, PDFRawStream, type PDFDict, type PDFDocument } from 'pdf-lib';
import { pdfName } from '../pdf/keys.ts';
import { success, type Issue, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import { damagedIssue } from './guard.ts';
import { inflateLimited } from '../pdf/inflate.ts';
import { ContentTextReader } from '../pdf/content-text.ts';
import { decodeAsciiFilter } from '../pdf/content-filters.ts';
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
/** Most content-stream operators interpreted in one document. */
const MAX_OPERATORS = 2_000_000;

/** Ends a reading that refuses the file (thrown by the stream reader, caught by `TextLayer`). */
class Refusal extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
  }
}

/** Reads pages' text lazily, each page read at most once, every stream decompressed at most once. */
export class TextLayer {
  readonly #doc: PDFDocument;
  readonly #name: string;
  readonly #pages = new Map<number, TextLine[]>();
  readonly #streams = new Map<PDFRawStream, Uint8Array>();
  readonly #refusals = new WeakSet<Issue>();
  readonly #reader: ContentTextReader;
  #budget: number;
  readonly #total: number;

  constructor(_bytes: Uint8Array, doc: PDFDocument, name: string, limits: ExtractLimits) {
    this.#doc = doc;
    this.#name = name;
    this.#budget = limits.maxInflatedBytes;
    this.#total = limits.maxInflatedBytes;
    this.#reader = new ContentTextReader({
      read: (stream) => this.#read(stream),
      maxOperators: MAX_OPERATORS,
      refuse: (why) => {
        throw new Refusal(this.#refusal(why));
      },
    });
  }

  /** Returns the lines of pages 1 to `count` (capped by the document's pages), top to bottom, or why they cannot be read (see `refused`). */
  async lines(count: number): Promise<Result<TextLine[]>> {
    const pages = this.#doc.getPages();
    const all: TextLine[] = [];
    for (let index = 0; index < Math.min(count, pages.length); index++) {
      const page = this.#page(index);
      if (!page.ok) return page;
      all.push(...page.valeur);
    }
    return Promise.resolve(success(all));
  }

  /** Returns whether an error of `lines` refuses the file (a page unsafe to read), rather than only a page that could not be read. */
  refused(issue: Issue): boolean {
    return this.#refusals.has(issue);
  }

  /** Releases the decompressed streams. */
  async close(): Promise<void> {
    this.#streams.clear();
    return Promise.resolve();
  }

  #page(index: number): Result<TextLine[]> {
    const known = this.#pages.get(index);
    if (known !== undefined) return success(known);
    const leaf = this.#doc.getPages()[index]?.node;
    if (leaf === undefined) return success([]);
    try {
      const lines = toLines(index + 1, this.#reader.page(leaf));
      this.#pages.set(index, lines);
      return success(lines);
    } catch (error) {
      if (error instanceof Refusal) {
        this.#refusals.add(error.issue);
        return { ok: false, erreur: error.issue };
      }
      return { ok: false, erreur: damagedIssue(this.#name, `illisible : le texte de sa page ${index + 1} n’a pas pu être lu`) };
    }
  }

  /** Returns a stream's decoded bytes, decompressed once within the document's budget; throws a Refusal past it. */
  #read(stream: PDFRawStream): Uint8Array {
    const known = this.#streams.get(stream);
    if (known !== undefined) return known;
    const decoded = this.#decode(stream);
    if (!decoded.ok) throw new Refusal(decoded.erreur);
    this.#streams.set(stream, decoded.valeur);
    return decoded.valeur;
  }

  /** Returns a stream's bytes through its filters: Flate within the budget, ASCII hex and base-85 (never larger than their input). */
  #decode(stream: PDFRawStream): Result<Uint8Array> {
    let data = stream.contents;
    for (const filter of filterNames(stream.dict)) {
      if (filter === 'FlateDecode') {
        // Past the budget, the cap to name is the whole document's, not what was left of it.
        const inflated = inflateLimited(data, this.#budget, this.#name, () => `${formatBytes(this.#total)} au total pour le texte du document`);
        if (!inflated.ok) return inflated;
        this.#budget -= inflated.valeur.length;
        data = inflated.valeur;
      } else if (filter === 'ASCIIHexDecode' || filter === 'ASCII85Decode') {
        data = decodeAsciiFilter(filter, data);
      } else return { ok: false, erreur: this.#refusal('un de ses flux utilise une compression que Paperasse ne décode pas') };
    }
    return success(data);
  }

  /** Returns the refusal of the file, saying why its text cannot be read safely. */
  #refusal(why: string): Issue {
    return { code: 'PDF_ILLISIBLE', chemin: this.#name, message: `${this.#name} est refusé : son texte ne peut pas être lu sans risque, ${why}` };
  }
}

/** Returns the names of a stream's filters, in order. */
function filterNames(dict: PDFDict): string[] {
  const filter = dict.lookup(pdfName('Filter'));
  const list = filter instanceof PDFArray ? filter.asArray() : filter === undefined ? [] : [filter];
  return list.map((f) => (f instanceof PDFName ? f.decodeText() : '?'));
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
