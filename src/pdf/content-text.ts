/**
 * The text a page's content streams draw, as positioned pieces: a content-stream interpreter that follows only
 * what places text (graphics state q/Q/cm, text objects, text state, positioning and showing operators, form
 * XObjects with their /Matrix and /Resources). Bounded: operators per document, q depth, form nesting (with a cycle
 * guard); every stream it reads goes through the caller's reader, which decompresses within the document's budget.
 */
import { PDFArray, PDFDict, PDFNumber, PDFRawStream, type PDFObject, type PDFPageLeaf } from 'pdf-lib';
import { pdfName } from './keys.ts';
import { loadFont, type Glyph, type StreamReader, type TextFont } from './content-fonts.ts';
import { OP, scanOperators, type Operand, type Operands } from './content-lexer.ts';

/** A piece of text drawn on a page: its baseline's start, its width and font size, in PDF units (device space). */
export interface DrawnText {
  x: number;
  y: number;
  width: number;
  size: number;
  text: string;
}

/** What the interpreter may spend, and how it reads streams and refuses a document. */
export interface ContentTextOptions {
  /** Reads (decompresses within the budget) a stream's bytes; may refuse through `refuse`. */
  read: StreamReader;
  /** Most operators interpreted in the whole document. */
  maxOperators: number;
  /** Ends the reading: the document is refused (never returns). */
  refuse(why: string): never;
}

/** Deepest nesting of form XObjects. */
const MAX_FORM_DEPTH = 12;
/** Deepest q/Q nesting kept (a deeper q is counted, not saved). */
const MAX_SAVE_DEPTH = 256;
/** A TJ adjustment wider than this (thousandths of an em) starts a new piece: a word gap, or a jump. */
const SPLIT_ADJUSTMENT = 100;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** Returns the product m × n (apply m, then n). */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** The graphics state the text needs. */
interface State {
  ctm: Matrix;
  font: TextFont | undefined;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  rise: number;
}

/** Reads the text of a document's pages; fonts are loaded once per document. */
export class ContentTextReader {
  readonly #options: ContentTextOptions;
  readonly #fonts = new Map<PDFObject, TextFont>();
  #operators = 0;

  constructor(options: ContentTextOptions) {
    this.#options = options;
  }

  /** Returns the pieces of text a page draws, in drawing order. */
  page(leaf: PDFPageLeaf): DrawnText[] {
    const out: DrawnText[] = [];
    const contents = leaf.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((item) => leaf.context.lookup(item)) : [contents];
    const parts: Uint8Array[] = [];
    for (const stream of streams) if (stream instanceof PDFRawStream) parts.push(this.#options.read(stream));
    // A page's content streams are one stream cut anywhere between tokens: joined with a space.
    const total = parts.reduce((n, p) => n + p.length + 1, 0);
    const data = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      data[at + part.length] = 0x20;
      at += part.length + 1;
    }
    const state: State = { ctm: IDENTITY, font: undefined, size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 };
    this.#run(data, leaf.Resources(), state, out, new Set(), 0);
    return out;
  }

  /** Interprets one content stream with its resources, from a graphics state; appends the pieces it draws. */
  #run(data: Uint8Array, resources: PDFDict | undefined, initial: State, out: DrawnText[], active: Set<PDFObject>, depth: number): void {
    let state: State = { ...initial };
    const saved: State[] = [];
    let extraSaves = 0;
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    const options = this.#options;

    const show = (bytes: Uint8Array | undefined, pieces: DrawnText[]): void => {
      const font = state.font;
      if (font === undefined || bytes === undefined || bytes.length === 0) return;
      tm = this.#show(font.glyphs(bytes), state, tm, pieces);
    };
    const newLine = (tx: number, ty: number): void => {
      tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
      tm = tlm;
    };

    // Operators that do not place text are only counted: the count is brought up to date, and checked, at each
    // operator reported and at the end of the stream (a form drawn meanwhile adds its own).
    let counted = 0;
    const count = (seen: number): void => {
      this.#operators += seen - counted;
      counted = seen;
      if (this.#operators > options.maxOperators) options.refuse('il contient trop d’opérations de dessin');
    };
    const total = scanOperators(data, (op, args) => {
      count(args.seen);
      switch (op) {
        case OP.q:
          if (saved.length < MAX_SAVE_DEPTH) saved.push({ ...state });
          else extraSaves++;
          break;
        case OP.Q:
          if (extraSaves > 0) extraSaves--;
          else state = saved.pop() ?? state;
          break;
        case OP.cm:
          state.ctm = multiply(matrixOf(args), state.ctm);
          break;
        case OP.BT:
          tm = IDENTITY;
          tlm = IDENTITY;
          break;
        case OP.Tf: {
          const name = args.name(0);
          state.font = name === undefined ? undefined : this.#font(resources, name);
          state.size = args.number(1);
          break;
        }
        case OP.Tc:
          state.charSpacing = args.number(0);
          break;
        case OP.Tw:
          state.wordSpacing = args.number(0);
          break;
        case OP.Tz:
          state.scale = args.number(0) / 100;
          break;
        case OP.TL:
          state.leading = args.number(0);
          break;
        case OP.Ts:
          state.rise = args.number(0);
          break;
        case OP.Td:
          newLine(args.number(0), args.number(1));
          break;
        case OP.TD:
          state.leading = -args.number(1);
          newLine(args.number(0), args.number(1));
          break;
        case OP.Tm:
          tlm = matrixOf(args);
          tm = tlm;
          break;
        case OP.TStar:
          newLine(0, -state.leading);
          break;
        case OP.Tj:
          show(args.bytes(0), out);
          break;
        case OP.Quote:
          newLine(0, -state.leading);
          show(args.bytes(0), out);
          break;
        case OP.DoubleQuote:
          state.wordSpacing = args.number(0);
          state.charSpacing = args.number(1);
          newLine(0, -state.leading);
          show(args.bytes(2), out);
          break;
        case OP.TJ: {
          const items = args.array(0);
          if (items !== undefined) tm = this.#showArray(items, state, tm, out);
          break;
        }
        case OP.Do: {
          const name = args.name(0);
          if (name !== undefined) this.#form(resources, name, state, out, active, depth);
          break;
        }
        default:
          break;
      }
    }, true);
    count(total);
  }

  /** Shows glyphs from the text matrix: appends their piece and returns the text matrix after them. */
  #show(glyphs: readonly Glyph[], state: State, tm: Matrix, out: DrawnText[]): Matrix {
    let advance = 0;
    let text = '';
    for (const glyph of glyphs) {
      text += glyph.text;
      advance += (glyph.width * state.size + state.charSpacing + (glyph.space ? state.wordSpacing : 0)) * state.scale;
    }
    out.push(piece(text, advance, state, tm));
    return multiply([1, 0, 0, 1, advance, 0], tm);
  }

  /** Shows a TJ array: strings and adjustments, a new piece after each adjustment wider than a word gap. */
  #showArray(items: readonly Operand[], state: State, tm: Matrix, out: DrawnText[]): Matrix {
    const font = state.font;
    if (font === undefined) return tm;
    let start = tm;
    let advance = 0;
    let text = '';
    const flush = (): void => {
      if (text !== '') out.push(piece(text, advance, state, start));
      start = multiply([1, 0, 0, 1, advance, 0], start);
      advance = 0;
      text = '';
    };
    for (const item of items) {
      if (typeof item === 'number') {
        const shift = (-item / 1000) * state.size * state.scale;
        if (Math.abs(item) > SPLIT_ADJUSTMENT) {
          flush();
          start = multiply([1, 0, 0, 1, shift, 0], start);
        } else advance += shift;
      } else if (item instanceof Uint8Array) {
        for (const glyph of font.glyphs(item)) {
          text += glyph.text;
          advance += (glyph.width * state.size + state.charSpacing + (glyph.space ? state.wordSpacing : 0)) * state.scale;
        }
      }
    }
    flush();
    return start;
  }

  /** Returns the font named in the resources (loaded once per font dictionary). */
  #font(resources: PDFDict | undefined, name: string): TextFont | undefined {
    const fonts = resources?.lookup(pdfName('Font'));
    const font = fonts instanceof PDFDict ? fonts.lookup(pdfName(name)) : undefined;
    if (!(font instanceof PDFDict)) return undefined;
    let loaded = this.#fonts.get(font);
    if (loaded === undefined) this.#fonts.set(font, (loaded = loadFont(font, this.#options.read)));
    return loaded;
  }

  /** Interprets a form XObject named in the resources (images and unknown names are skipped). */
  #form(resources: PDFDict | undefined, name: string, state: State, out: DrawnText[], active: Set<PDFObject>, depth: number): void {
    const xobjects = resources?.lookup(pdfName('XObject'));
    const form = xobjects instanceof PDFDict ? xobjects.lookup(pdfName(name)) : undefined;
    if (!(form instanceof PDFRawStream) || form.dict.lookup(pdfName('Subtype')) !== pdfName('Form')) return;
    if (active.has(form) || depth >= MAX_FORM_DEPTH) return;
    const own = form.dict.lookup(pdfName('Resources'));
    const matrix = form.dict.lookup(pdfName('Matrix'));
    const inner: State = { ...state, ctm: matrix instanceof PDFArray ? multiply(matrixOfArray(matrix), state.ctm) : state.ctm };
    active.add(form);
    this.#run(this.#options.read(form), own instanceof PDFDict ? own : resources, inner, out, active, depth + 1);
    active.delete(form);
  }
}

/** Returns the piece drawn from the text matrix `tm` with `advance` text-space units of width. */
function piece(text: string, advance: number, state: State, tm: Matrix): DrawnText {
  const m = multiply(tm, state.ctm);
  const x = m[4] + state.rise * m[2];
  const y = m[5] + state.rise * m[3];
  const size = state.size * state.scale * Math.hypot(m[0], m[1]);
  const width = Math.abs(advance) * Math.hypot(m[0], m[1]);
  return { x, y, width, size, text };
}

/** Returns the matrix of six operands (an operand that is not a number counts as 0). */
function matrixOf(args: Operands): Matrix {
  return [args.number(0), args.number(1), args.number(2), args.number(3), args.number(4), args.number(5)];
}

/** Returns the matrix of a PDF array of six numbers. */
function matrixOfArray(array: PDFArray): Matrix {
  const n = (i: number): number => {
    const v = array.lookup(i);
    return v instanceof PDFNumber ? v.asNumber() : 0;
  };
  return array.size() === 6 ? [n(0), n(1), n(2), n(3), n(4), n(5)] : IDENTITY;
}
