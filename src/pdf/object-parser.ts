/**
 * Paperasse's parser of one PDF object, for the lazy loader (`lazy.ts`) and the skeleton check (`skeleton.ts`). It
 * builds the same pdf-lib objects as pdf-lib's `PDFObjectParser.parseObject` from the same bytes (same types, values
 * and stream bytes, the same leniencies: keywords matched as prefixes, a stream's wrong /Length falling back to a
 * scan for `endstream`, dictionaries typed /Catalog, /Pages, /Page built as pdf-lib's structures), only faster:
 * - names and references are looked up in caches shared by the worker's parsers, numbers in one kept for the
 *   parser's document (pdf-lib decodes every name with a regular expression and formats every number into a string
 *   again);
 * - the values of an object's outermost dictionary that are dictionaries, arrays or strings are parsed when first
 *   asked for (see `DeferredEntries`);
 * - integers are read by hand, strings and names are cut from the bytes rather than built a character at a time;
 * - a stream whose /Length is an indirect object has it resolved by the caller (pdf-lib scans for `endstream`).
 * Two deliberate differences: nesting deeper than `MAX_DEPTH` arrays and dictionaries throws (pdf-lib recurses until
 * the stack overflows, which throws too), and a number beyond 2^53 is not reported on the console.
 * Malformed input throws; the callers treat a throw as an absent object (or a damaged file).
 */
import {
  PDFArray,
  PDFBool,
  PDFCatalog,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { CompletingMap } from './completing-map.ts';

/** Deepest nesting of arrays and dictionaries parsed (deeper throws: no stack overflow on a hostile file). */
export const MAX_DEPTH = 1000;

/** Resolves the indirect /Length of a stream being parsed (undefined when it cannot be resolved). */
export type LengthResolver = (ref: PDFRef) => PDFObject | undefined;

const WHITE = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[b] = 1;
/** White space or delimiter: what ends a name. */
const NAME_END = new Uint8Array(WHITE);
for (const c of '()<>[]{}/%') NAME_END[c.charCodeAt(0)] = 1;
const DIGIT = new Uint8Array(256);
for (let b = 0x30; b <= 0x39; b++) DIGIT[b] = 1;
/** A byte pdf-lib lets start or continue a number: a digit, `+`, `-` or `.`. */
const NUMERIC = new Uint8Array(DIGIT);
for (const c of '+-.') NUMERIC[c.charCodeAt(0)] = 1;

/** 10^0 to 10^15, exact doubles. */
const POWERS_OF_TEN = [1];
for (let i = 1; i <= 15; i++) POWERS_OF_TEN.push((POWERS_OF_TEN[i - 1] as number) * 10);

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const LPAREN = 0x28;
const RPAREN = 0x29;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const PERCENT = 0x25;
const BACKSLASH = 0x5c;
const PERIOD = 0x2e;
const MINUS = 0x2d;
const CR = 0x0d;
const LF = 0x0a;
const R = 0x52;

const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const TRUE = bytesOf('true');
const FALSE = bytesOf('false');
const NULL = bytesOf('null');
const STREAM = bytesOf('stream');
const ENDSTREAM = bytesOf('endstream');
/** The `stream` keywords pdf-lib accepts, longest first (the end of line is not part of the data). */
const STREAM_STARTS = ['stream \r\n', 'stream\r\n', 'stream\r', 'stream\n', 'stream'].map(bytesOf);
/** The `endstream` keywords pdf-lib's scan accepts, the end of line before them not being part of the data. */
const STREAM_ENDS = ['\r\nendstream', '\rendstream', '\nendstream', 'endstream'].map(bytesOf);

const TYPE = PDFName.of('Type');
const LENGTH = PDFName.of('Length');
const CATALOG = PDFName.of('Catalog');
const PAGES = PDFName.of('Pages');
const PAGE = PDFName.of('Page');

/**
 * Returns `PDFNumber.of(value)`. pdf-lib's constructor formats the number with `numberToString` (which avoids the
 * exponent notation); between 10^-6 and 10^21 that is exactly `String(value)`, set here directly. Outside, and for
 * -0, pdf-lib's constructor is called.
 */
export function pdfNumber(value: number): PDFNumber {
  const magnitude = Math.abs(value);
  if (!(magnitude >= 1e-6 && magnitude < 1e21) && !Object.is(value, 0)) return PDFNumber.of(value);
  const number = Object.create(PDFNumber.prototype) as { numberValue: number; stringValue: string };
  number.numberValue = value;
  number.stringValue = String(value);
  return number as unknown as PDFNumber;
}

/**
 * Names and references shared by every parser of the worker: pdf-lib keeps one object per name and per reference in
 * its own process-wide pools already, so these maps hold nothing more; they only spare `PDFName.of` (a regular
 * expression per name) and `PDFRef.of` (a string key per reference) for every object of every file. Bounded: a
 * hostile file's made-up names and numbers stop being added once they are full.
 */
const SHARED_NAMES = new Map<string, PDFName>();
const SHARED_REFS = new Map<number, PDFRef>();
/** The integers below this bound are shared numbers (`SMALL_INTEGERS`, filled when first met: at most about 5 MB). */
const SHARED_INTEGERS = 65_536;
const SMALL_INTEGERS: Array<PDFNumber | undefined> = new Array<PDFNumber | undefined>(SHARED_INTEGERS).fill(undefined);
/** Most entries of each shared map, and the longest name kept. */
const MAX_SHARED = 50_000;
const MAX_SHARED_NAME = 127;

/** A parser of the objects of one document: its cache of numbers lives as long as it. */
export class ObjectParser {
  readonly #context: PDFContext;
  readonly #resolveLength: LengthResolver | undefined;
  readonly #numbers = new Map<number, PDFNumber>();
  #buf: Uint8Array = new Uint8Array(0);
  #pos = 0;
  #depth = 0;
  /** Whether an indirect /Length is being resolved (a stream met meanwhile scans for `endstream` instead). */
  #resolving = false;

  constructor(context: PDFContext, resolveLength?: LengthResolver) {
    this.#context = context;
    this.#resolveLength = resolveLength;
  }

  /** Returns the object starting at `pos` in `buf` (after white space and comments); throws when it is malformed. */
  parse(buf: Uint8Array, pos: number): PDFObject {
    // A stream's /Length resolved meanwhile parses another object with this parser: its state is put back after.
    const savedBuf = this.#buf;
    const savedPos = this.#pos;
    const savedDepth = this.#depth;
    this.#buf = buf;
    this.#pos = pos;
    this.#depth = 0;
    try {
      return this.#object();
    } finally {
      this.#buf = savedBuf;
      this.#pos = savedPos;
      this.#depth = savedDepth;
    }
  }

  #object(): PDFObject {
    this.#skip();
    const buf = this.#buf;
    const b = buf[this.#pos];
    // Delimiters and digits first: the keywords start with letters, so the order changes nothing.
    if (b === SLASH) return this.#name();
    if (b !== undefined && NUMERIC[b] === 1) return this.#numberOrRef();
    if (b === LT) return buf[this.#pos + 1] === LT ? this.#dictOrStream() : this.#hexString();
    if (b === LBRACKET) return this.#array();
    if (b === LPAREN) return this.#string();
    if (this.#match(TRUE)) return PDFBool.True;
    if (this.#match(FALSE)) return PDFBool.False;
    if (this.#match(NULL)) return PDFNull;
    throw new Error(`no PDF object at offset ${this.#pos}`);
  }

  /** Skips white space and comments (a comment ends before its end of line). */
  #skip(): void {
    const buf = this.#buf;
    const end = buf.length;
    let pos = this.#pos;
    for (;;) {
      while (pos < end && WHITE[buf[pos] as number] === 1) pos++;
      if (buf[pos] !== PERCENT) break;
      while (pos < end && buf[pos] !== LF && buf[pos] !== CR) pos++;
    }
    this.#pos = pos;
  }

  /** Returns whether `keyword` is at the cursor, moving past it when it is. */
  #match(keyword: Uint8Array): boolean {
    const buf = this.#buf;
    const pos = this.#pos;
    if (pos + keyword.length > buf.length) return false;
    for (let i = 0; i < keyword.length; i++) if (buf[pos + i] !== keyword[i]) return false;
    this.#pos = pos + keyword.length;
    return true;
  }

  /** Returns whether one of `keywords` is at the cursor (the first that is), moving past it when one is. */
  #matchAny(keywords: readonly Uint8Array[]): boolean {
    for (const keyword of keywords) if (this.#match(keyword)) return true;
    return false;
  }

  #latin1(start: number, end: number): string {
    const buf = this.#buf;
    if (end - start <= 32) {
      let s = '';
      for (let i = start; i < end; i++) s += String.fromCharCode(buf[i] as number);
      return s;
    }
    return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
  }

  #name(): PDFName {
    const buf = this.#buf;
    if (buf[this.#pos] !== SLASH) throw new Error(`expected a name at offset ${this.#pos}`);
    const start = ++this.#pos;
    let pos = start;
    while (pos < buf.length && NAME_END[buf[pos] as number] === 0) pos++;
    this.#pos = pos;
    const raw = this.#latin1(start, pos);
    let name = SHARED_NAMES.get(raw);
    if (name === undefined) {
      // PDFName.of decodes `#xx` escapes; its result depends on the raw text only, so it is cached by it.
      name = PDFName.of(raw);
      if (SHARED_NAMES.size < MAX_SHARED && raw.length <= MAX_SHARED_NAME) SHARED_NAMES.set(raw, name);
    }
    return name;
  }

  /**
   * Returns the number at the cursor, read by pdf-lib's rules (sign and digits, one period, digits). Up to 15 digits
   * it is computed by hand: the digits as an integer divided by a power of ten, both exact, is the correctly rounded
   * value `Number()` gives; anything else (a `+`, a misplaced sign, more digits) goes through `Number()`.
   */
  #rawNumber(): number {
    const buf = this.#buf;
    const end = buf.length;
    const start = this.#pos;
    let pos = start;
    let value = 0;
    let digits = 0;
    let decimals = -1;
    let negative = false;
    let plain = true;
    for (; pos < end; pos++) {
      const b = buf[pos] as number;
      if (NUMERIC[b] === 0) break;
      if (DIGIT[b] === 1) {
        value = value * 10 + (b - 0x30);
        digits++;
      } else if (b === PERIOD) {
        decimals = 0;
        pos++;
        break;
      } else if (b === MINUS && pos === start) negative = true;
      else plain = false;
    }
    for (let b = buf[pos] as number; pos < end && DIGIT[b] === 1; b = buf[++pos] as number) {
      value = value * 10 + (b - 0x30);
      digits++;
      decimals++;
    }
    this.#pos = pos;
    if (plain && digits > 0 && digits <= 15) {
      const magnitude = decimals > 0 ? value / (POWERS_OF_TEN[decimals] as number) : value;
      return negative ? -magnitude : magnitude;
    }
    const number = Number(this.#latin1(start, pos));
    if (pos === start || !Number.isFinite(number)) throw new Error(`malformed number at offset ${start}`);
    return number;
  }

  #number(value: number): PDFNumber {
    if (Object.is(value, -0)) return PDFNumber.of(value);
    // Small integers (widths, glyph ids, flags, counts) are made once for the worker: a PDFNumber never changes.
    if (value >= 0 && value < SHARED_INTEGERS && Number.isInteger(value)) return (SMALL_INTEGERS[value] ??= pdfNumber(value));
    let number = this.#numbers.get(value);
    if (number === undefined) {
      number = pdfNumber(value);
      this.#numbers.set(value, number);
    }
    return number;
  }

  #ref(objectNumber: number, generation: number): PDFRef {
    if (generation !== 0 || !Number.isInteger(objectNumber)) return PDFRef.of(objectNumber, generation);
    let ref = SHARED_REFS.get(objectNumber);
    if (ref === undefined) {
      ref = PDFRef.of(objectNumber, 0);
      if (SHARED_REFS.size < MAX_SHARED) SHARED_REFS.set(objectNumber, ref);
    }
    return ref;
  }

  #numberOrRef(): PDFNumber | PDFRef {
    const first = this.#rawNumber();
    this.#skip();
    const lookahead = this.#pos;
    if (DIGIT[this.#buf[this.#pos] as number] === 1) {
      const second = this.#rawNumber();
      this.#skip();
      if (this.#buf[this.#pos] === R) {
        this.#pos++;
        return this.#ref(first, second);
      }
    }
    this.#pos = lookahead;
    return this.#number(first);
  }

  #hexString(): PDFHexString {
    const buf = this.#buf;
    const start = ++this.#pos;
    const end = buf.indexOf(GT, start);
    if (end < 0) throw new Error(`unterminated hexadecimal string at offset ${start}`);
    this.#pos = end + 1;
    return PDFHexString.of(this.#latin1(start, end));
  }

  /** Returns the literal string at the cursor, its escapes kept as written (as pdf-lib keeps them). */
  #string(): PDFString {
    const start = this.#pos;
    const end = this.#stringEnd();
    this.#pos = end + 1;
    return PDFString.of(this.#latin1(start + 1, end));
  }

  /** Returns the offset of the parenthesis closing the literal string at the cursor (escapes and nesting followed). */
  #stringEnd(): number {
    const buf = this.#buf;
    const start = this.#pos;
    let nesting = 0;
    let escaped = false;
    for (let pos = start; pos < buf.length; pos++) {
      const b = buf[pos];
      if (!escaped) {
        if (b === LPAREN) nesting++;
        else if (b === RPAREN) nesting--;
      }
      escaped = b === BACKSLASH ? !escaped : false;
      if (nesting === 0) return pos;
    }
    throw new Error(`unbalanced parentheses in the string at offset ${start}`);
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) throw new Error(`objects nested deeper than ${MAX_DEPTH} levels`);
  }

  #array(): PDFArray {
    this.#enter();
    this.#pos++;
    this.#skip();
    const array = PDFArray.withContext(this.#context);
    while (this.#buf[this.#pos] !== RBRACKET) {
      array.push(this.#object());
      this.#skip();
    }
    this.#pos++;
    this.#depth--;
    return array;
  }

  #dict(): PDFDict {
    this.#enter();
    const buf = this.#buf;
    this.#pos += 2;
    this.#skip();
    // The outermost dictionary of a parse defers its dictionaries, arrays and strings (see DeferredEntries).
    const deferred = this.#depth === 1 ? new DeferredEntries(this, buf) : undefined;
    const map = deferred ?? new Map<PDFName, PDFObject>();
    // pdf-lib's condition, kept as is: a dictionary ends where either of the next two bytes is `>`.
    while (this.#pos < buf.length && buf[this.#pos] !== GT && buf[this.#pos + 1] !== GT) {
      const key = this.#name();
      this.#skip();
      const start = this.#pos;
      if (deferred !== undefined && this.#skipsContainer()) deferred.defer(key, start);
      else {
        this.#pos = start;
        map.set(key, this.#object());
      }
      this.#skip();
    }
    this.#skip();
    if (buf[this.#pos] !== GT || buf[this.#pos + 1] !== GT) throw new Error(`unterminated dictionary at offset ${this.#pos}`);
    this.#pos += 2;
    this.#depth--;
    const type = map.get(TYPE);
    if (type === CATALOG) return PDFCatalog.fromMapWithContext(map, this.#context);
    if (type === PAGES) return PDFPageTree.fromMapWithContext(map, this.#context);
    if (type === PAGE) return PDFPageLeaf.fromMapWithContext(map, this.#context);
    return PDFDict.fromMapWithContext(map, this.#context);
  }

  #dictOrStream(): PDFDict | PDFRawStream {
    const dictStart = this.#pos;
    const dict = this.#dict();
    this.#skip();
    if (!this.#matchAny(STREAM_STARTS)) return dict;
    const start = this.#pos;
    const length = this.#streamLength(dict.get(LENGTH));
    let end: number | undefined;
    if (length !== undefined) {
      const candidate = start + length;
      if (Number.isInteger(candidate) && candidate >= 0 && candidate <= this.#buf.length) {
        this.#pos = candidate;
        this.#skip();
        if (this.#match(ENDSTREAM)) end = candidate;
      }
    }
    end ??= this.#scanForEndstream(start, dictStart);
    return PDFRawStream.of(dict, this.#buf.slice(start, end));
  }

  /**
   * Returns whether the value at the cursor is a dictionary (not a stream's), an array or a string that was skipped
   * whole, the cursor now after it: its parse from the same offset is then certain to succeed and end there. Anything
   * else, or anything the parse would refuse, returns false (the caller parses it now, refusals included).
   */
  #skipsContainer(): boolean {
    const b = this.#buf[this.#pos];
    if (b !== LT && b !== LBRACKET && b !== LPAREN) return false;
    const depth = this.#depth;
    try {
      this.#skipValue();
      return true;
    } catch {
      this.#depth = depth;
      return false;
    }
  }

  /** Moves the cursor past the object there without building it, following `#object`'s rules; throws where it would (and before a stream). */
  #skipValue(): void {
    this.#skip();
    const buf = this.#buf;
    const b = buf[this.#pos];
    if (b === 0x74 || b === 0x66 || b === 0x6e) {
      if (this.#match(TRUE) || this.#match(FALSE) || this.#match(NULL)) return;
      throw new Error(`no PDF object at offset ${this.#pos}`);
    }
    if (b === LT && buf[this.#pos + 1] === LT) this.#skipDict();
    else if (b === LT) {
      const end = buf.indexOf(GT, this.#pos + 1);
      if (end < 0) throw new Error(`unterminated hexadecimal string at offset ${this.#pos}`);
      this.#pos = end + 1;
    } else if (b === LPAREN) this.#pos = this.#stringEnd() + 1;
    else if (b === SLASH) this.#skipName();
    else if (b === LBRACKET) {
      this.#enter();
      this.#pos++;
      this.#skip();
      while (this.#buf[this.#pos] !== RBRACKET) {
        this.#skipValue();
        this.#skip();
      }
      this.#pos++;
      this.#depth--;
    } else if (b !== undefined && NUMERIC[b] === 1) {
      this.#rawNumber();
      this.#skip();
      const lookahead = this.#pos;
      if (DIGIT[this.#buf[this.#pos] as number] === 1) {
        this.#rawNumber();
        this.#skip();
        if (this.#buf[this.#pos] === R) {
          this.#pos++;
          return;
        }
      }
      this.#pos = lookahead;
    } else throw new Error(`no PDF object at offset ${this.#pos}`);
  }

  /** Moves the cursor past the name there (as `#name` reads it). */
  #skipName(): void {
    const buf = this.#buf;
    if (buf[this.#pos] !== SLASH) throw new Error(`expected a name at offset ${this.#pos}`);
    let pos = this.#pos + 1;
    while (pos < buf.length && NAME_END[buf[pos] as number] === 0) pos++;
    this.#pos = pos;
  }

  /** Moves the cursor past the dictionary there (as `#dict` reads it); throws when a stream follows it (not skipped). */
  #skipDict(): void {
    this.#enter();
    const buf = this.#buf;
    this.#pos += 2;
    this.#skip();
    while (this.#pos < buf.length && buf[this.#pos] !== GT && buf[this.#pos + 1] !== GT) {
      this.#skipName();
      this.#skipValue();
      this.#skip();
    }
    this.#skip();
    if (buf[this.#pos] !== GT || buf[this.#pos + 1] !== GT) throw new Error(`unterminated dictionary at offset ${this.#pos}`);
    this.#pos += 2;
    this.#depth--;
    this.#skip();
    const end = this.#pos;
    if (this.#matchAny(STREAM_STARTS)) throw new Error(`a stream inside an object at offset ${end}`);
  }

  /** Returns the stream's /Length when it is a number, direct or (resolved by the caller) indirect. */
  #streamLength(length: PDFObject | undefined): number | undefined {
    if (length instanceof PDFNumber) return length.asNumber();
    if (!(length instanceof PDFRef) || this.#resolveLength === undefined || this.#resolving) return undefined;
    this.#resolving = true;
    try {
      const resolved = this.#resolveLength(length);
      return resolved instanceof PDFNumber ? resolved.asNumber() : undefined;
    } finally {
      this.#resolving = false;
    }
  }

  /** Returns where the stream's data ends, scanning for `endstream` as pdf-lib does (a nested `stream` counts). */
  #scanForEndstream(start: number, dictStart: number): number {
    const buf = this.#buf;
    let nesting = 1;
    let pos = start;
    while (pos < buf.length) {
      const b = buf[pos];
      if (b !== 0x73 && b !== 0x65 && b !== CR && b !== LF) {
        pos++;
        continue;
      }
      const end = pos;
      this.#pos = pos;
      if (this.#match(STREAM)) nesting++;
      else if (this.#matchAny(STREAM_ENDS)) nesting--;
      else this.#pos++;
      pos = this.#pos;
      if (nesting === 0) return end;
    }
    throw new Error(`stream at offset ${dictStart} has no endstream`);
  }
}

/**
 * The entries of an object's outermost dictionary whose values that are dictionaries, arrays or strings are parsed when
 * first asked for (most of a widget's or a page's are never read: /MK, /BS, /Rect, /AP…). Until then such a value is
 * kept as its offset in the parsed bytes, which the parser skipped whole (so its later parse cannot fail). Listing the
 * values parses the deferred ones first (a `CompletingMap`), so pdf-lib and its writers see an ordinary map.
 */
class DeferredEntries extends CompletingMap<PDFName, PDFObject> {
  readonly #parser: ObjectParser;
  readonly #buf: Uint8Array;
  /** How many values are still offsets. */
  #deferred = 0;

  constructor(parser: ObjectParser, buf: Uint8Array) {
    super();
    this.#parser = parser;
    this.#buf = buf;
  }

  /** Records that the value of `key` starts at `offset` (parsed when asked for). */
  defer(key: PDFName, offset: number): void {
    if (typeof super.get(key) !== 'number') this.#deferred++;
    super.set(key, offset as unknown as PDFObject);
  }

  /** Returns the value of `key`, parsed now if it was deferred. */
  override get(key: PDFName): PDFObject | undefined {
    const value: unknown = super.get(key);
    return typeof value === 'number' ? this.#parseDeferred(key, value) : (value as PDFObject | undefined);
  }

  /** Sets the value of `key` (a deferred one is replaced). */
  override set(key: PDFName, value: PDFObject): this {
    if (typeof super.get(key) === 'number') this.#deferred--;
    return super.set(key, value);
  }

  /** Removes `key`; returns whether it was there. */
  override delete(key: PDFName): boolean {
    if (typeof super.get(key) === 'number') this.#deferred--;
    return super.delete(key);
  }

  /** Empties the map. */
  override clear(): void {
    this.#deferred = 0;
    super.clear();
  }

  /** Returns the value deferred at `offset`, now parsed and kept in its place. */
  #parseDeferred(key: PDFName, offset: number): PDFObject | undefined {
    this.#deferred--;
    let value: PDFObject;
    try {
      value = this.#parser.parse(this.#buf, offset);
    } catch {
      // Cannot happen (the bytes were skipped by the parse's own rules); absent rather than a throw in a reader.
      super.delete(key);
      return undefined;
    }
    super.set(key, value);
    return value;
  }

  /** Parses every deferred value. */
  protected override complete(): void {
    if (this.#deferred === 0) return;
    for (const [key, value] of this.currentEntries()) if (typeof value === 'number') this.#parseDeferred(key, value);
  }
}
