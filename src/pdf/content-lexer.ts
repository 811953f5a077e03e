/**
 * A lexer for page content streams: numbers, names, literal and hex strings, arrays, dictionaries, operators and
 * comments, inline images skipped. Bounded: nesting depth and operand count are capped, so a hostile stream costs at
 * most one pass over its bytes (and each operand the caller asks for, one more pass over that operand).
 *
 * Operands are kept as positions, not values: a number is read as it goes by (no allocation), a name, string, array
 * or dictionary only when the caller asks for it. Most operators of a page draw paths, which a text reader ignores:
 * their operands cost a scan and nothing else, and operators are told apart by small integer codes, not strings.
 */

/** A name operand (`/F1`), its text decoded from `#xx` escapes. */
export class ContentName {
  constructor(readonly name: string) {}
}

/** An operand of a content-stream operator. */
export type Operand = number | boolean | null | ContentName | Uint8Array | Operand[] | Map<string, Operand>;

/** Deepest nesting of arrays and dictionaries kept in one operand. */
const MAX_NESTING = 32;
/** Most operands kept before an operator (more are dropped: no operator of a content stream needs them). */
const MAX_OPERANDS = 4_096;

/** Byte classes: 1 white space, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[b] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

/** The operators a text reader acts on, as small integer codes; every other operator is `OP.OTHER`. */
export const OP = {
  OTHER: 0,
  q: 1,
  Q: 2,
  cm: 3,
  BT: 4,
  Tf: 5,
  Tc: 6,
  Tw: 7,
  Tz: 8,
  TL: 9,
  Ts: 10,
  Td: 11,
  TD: 12,
  Tm: 13,
  TStar: 14,
  Tj: 15,
  Quote: 16,
  DoubleQuote: 17,
  TJ: 18,
  Do: 19,
  BI: 20,
} as const;

// Token kinds returned by the scanner (operands keep the same codes as their kind).
const T_END = 0;
const T_NUMBER = 1;
const T_NAME = 2;
const T_LITERAL = 3;
const T_HEX = 4;
const T_WORD = 5;
const T_OPEN_ARRAY = 6;
const T_OPEN_DICT = 7;
const T_CLOSE_ARRAY = 8;
const T_CLOSE_DICT = 9;
// Operand kinds besides the token kinds above.
const K_TRUE = 10;
const K_FALSE = 11;
const K_NULL = 12;
const K_ARRAY = 13;
const K_DICT = 14;

/** The operands of the operator being reported, read on demand; valid only while the callback runs. */
export interface Operands {
  /** Number of operands kept. */
  readonly length: number;
  /** Returns operand `i` when it is a number, else 0. */
  number(i: number): number;
  /** Returns the bytes of operand `i` when it is a string (literal or hex), else undefined. */
  bytes(i: number): Uint8Array | undefined;
  /** Returns the text of operand `i` when it is a name, else undefined. */
  name(i: number): string | undefined;
  /** Returns the items of operand `i` when it is an array, else undefined. */
  array(i: number): Operand[] | undefined;
  /** Returns operand `i` as a value (undefined past the last operand). */
  value(i: number): Operand | undefined;
  /** Returns the operator's text. */
  operator(): string;
  /** Number of operators of the stream seen so far, this one and those not reported included. */
  readonly seen: number;
}

/**
 * Calls `onOperator(code, operands)` for each operator of the stream, in order (`code` is one of `OP`, OTHER for an
 * operator a text reader ignores; with `textOnly`, those are counted, not reported); stops early when it returns
 * false. Returns the number of operators seen.
 */
export function scanOperators(data: Uint8Array, onOperator: (code: number, operands: Operands) => boolean | void, textOnly = false): number {
  return new ContentScanner(data).run(onOperator, textOnly);
}

/**
 * Calls `onOperator(operator, operands)` for each operator of the stream, in order, every operand read;
 * stops early when it returns false. Returns the number of operators seen.
 */
export function readOperators(data: Uint8Array, onOperator: (operator: string, operands: Operand[]) => boolean | void): number {
  return scanOperators(data, (_code, operands) => {
    const values: Operand[] = [];
    for (let i = 0; i < operands.length; i++) values.push(operands.value(i) as Operand);
    return onOperator(operands.operator(), values);
  });
}

/** Returns the code of the operator spelled by `data[start..end)` (OP.OTHER for one a text reader ignores). */
function operatorCode(data: Uint8Array, start: number, end: number): number {
  const length = end - start;
  const a = data[start] as number;
  if (length === 1) {
    if (a === 0x71) return OP.q;
    if (a === 0x51) return OP.Q;
    if (a === 0x27) return OP.Quote;
    if (a === 0x22) return OP.DoubleQuote;
    return OP.OTHER;
  }
  if (length !== 2) return OP.OTHER;
  const b = data[start + 1] as number;
  if (a === 0x54) {
    switch (b) {
      case 0x66: return OP.Tf;
      case 0x63: return OP.Tc;
      case 0x77: return OP.Tw;
      case 0x7a: return OP.Tz;
      case 0x4c: return OP.TL;
      case 0x73: return OP.Ts;
      case 0x64: return OP.Td;
      case 0x44: return OP.TD;
      case 0x6d: return OP.Tm;
      case 0x2a: return OP.TStar;
      case 0x6a: return OP.Tj;
      case 0x4a: return OP.TJ;
      default: return OP.OTHER;
    }
  }
  if (a === 0x63 && b === 0x6d) return OP.cm;
  if (a === 0x42 && b === 0x54) return OP.BT;
  if (a === 0x44 && b === 0x6f) return OP.Do;
  if (a === 0x42 && b === 0x49) return OP.BI;
  return OP.OTHER;
}

/** Returns whether `data[start..end)` spells `word` (ASCII). */
function spells(data: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (data[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Reads the tokens of a content stream: each token's kind, its span, and a number's value. */
class Tokenizer {
  pos: number;
  /** Where the last token started and ended. */
  start = 0;
  end = 0;
  /** The value of the last number token. */
  number = 0;

  constructor(
    readonly data: Uint8Array,
    at = 0,
  ) {
    this.pos = at;
  }

  /** Returns the kind of the next token (T_END at the end of the data), its span in start/end. */
  next(): number {
    const data = this.data;
    const length = data.length;
    let pos = this.pos;
    for (;;) {
      while (pos < length && CLASS[data[pos] as number] === 1) pos++;
      this.start = pos;
      if (pos >= length) {
        this.pos = this.end = pos;
        return T_END;
      }
      const b = data[pos] as number;
      let kind: number;
      if (b === 0x25) {
        while (pos < length && data[pos] !== 0x0a && data[pos] !== 0x0d) pos++;
        continue;
      } else if (b === 0x2f) {
        pos = skipName(data, pos);
        kind = T_NAME;
      } else if (b === 0x28) {
        pos = skipLiteral(data, pos);
        kind = T_LITERAL;
      } else if (b === 0x3c) {
        if (data[pos + 1] === 0x3c) {
          pos += 2;
          kind = T_OPEN_DICT;
        } else {
          pos = skipHex(data, pos);
          kind = T_HEX;
        }
      } else if (b === 0x3e) {
        pos += data[pos + 1] === 0x3e ? 2 : 1;
        kind = T_CLOSE_DICT;
      } else if (b === 0x5b) {
        pos++;
        kind = T_OPEN_ARRAY;
      } else if (b === 0x5d) {
        pos++;
        kind = T_CLOSE_ARRAY;
      } else if (b === 0x29 || b === 0x7b || b === 0x7d) {
        pos++;
        continue;
      } else {
        const simple = this.#simpleNumber(pos);
        if (simple >= 0) {
          pos = simple;
          kind = T_NUMBER;
        } else {
          // A number PDF writers mangle, or a keyword: anything up to the next delimiter or white space.
          const start = pos;
          while (pos < length && CLASS[data[pos] as number] === 0) pos++;
          if ((b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e) {
            this.number = looseNumber(latin1(data, start, pos));
            kind = T_NUMBER;
          } else kind = T_WORD;
        }
      }
      this.pos = this.end = pos;
      return kind;
    }
  }

  /** Returns the end of the plain number (`-12.5`, `.5`, `3`) at `at` ending at a delimiter, its value in `number`; else -1. */
  #simpleNumber(at: number): number {
    const data = this.data;
    let i = at;
    let sign = 1;
    if (data[i] === 0x2d) {
      sign = -1;
      i++;
    } else if (data[i] === 0x2b) i++;
    let value = 0;
    let digits = 0;
    let b = data[i];
    while (b !== undefined && b >= 0x30 && b <= 0x39) {
      value = value * 10 + (b - 0x30);
      digits++;
      b = data[++i];
    }
    if (b === 0x2e) {
      let scale = 1;
      b = data[++i];
      while (b !== undefined && b >= 0x30 && b <= 0x39) {
        scale /= 10;
        value += (b - 0x30) * scale;
        digits++;
        b = data[++i];
      }
    }
    if (digits === 0 || digits > 15 || (b !== undefined && CLASS[b] === 0)) return -1;
    this.number = sign * value;
    return i;
  }

  /** Returns the value of the last token when it is a number, name or string. */
  value(kind: number): Operand {
    if (kind === T_NUMBER) return this.number;
    if (kind === T_NAME) return new ContentName(decodeName(this.data, this.start));
    if (kind === T_LITERAL) return decodeLiteral(this.data, this.start);
    return decodeHex(this.data, this.start);
  }

  /** Moves past an inline image: its dictionary up to `ID`, then its data up to an `EI` standing alone. */
  skipInlineImage(): void {
    const data = this.data;
    for (let token = this.next(); token !== T_END; token = this.next()) if (token === T_WORD && spells(data, this.start, this.end, 'ID')) break;
    this.pos++; // the single white space after ID
    while (this.pos < data.length) {
      if (
        data[this.pos] === 0x45 &&
        data[this.pos + 1] === 0x49 &&
        CLASS[data[this.pos - 1] ?? 0x20] === 1 &&
        (this.pos + 2 >= data.length || CLASS[data[this.pos + 2] as number] !== 0)
      ) {
        this.pos += 2;
        return;
      }
      this.pos++;
    }
  }
}

/** Returns a number from a word that starts like one: "--5" or "5-" read by their leading number, as readers do; 0 for none. */
function looseNumber(text: string): number {
  const n = Number(text);
  if (Number.isFinite(n)) return n;
  const lead = Number.parseFloat(text.replace(/^[-+]+/, (s) => (s.length % 2 === 0 && s[0] === '-' ? '' : s.slice(-1))));
  return Number.isFinite(lead) ? lead : 0;
}

/** Returns the bytes `data[start..end)` as a Latin-1 string. */
function latin1(data: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(data[i] as number);
  return text;
}

/** Returns whether a name's `#` at `at` starts an escape (what `parseInt` reads of the next two characters). */
function nameEscape(data: Uint8Array, at: number): number {
  return parseInt(String.fromCharCode(data[at + 1] ?? 0, data[at + 2] ?? 0), 16);
}

/** Returns the end of the name starting (at its `/`) at `at`. */
function skipName(data: Uint8Array, at: number): number {
  let pos = at + 1;
  while (pos < data.length && CLASS[data[pos] as number] === 0) pos += data[pos] === 0x23 && !Number.isNaN(nameEscape(data, pos)) ? 3 : 1;
  return pos;
}

/** Returns the text of the name starting (at its `/`) at `at`, `#xx` escapes decoded. */
function decodeName(data: Uint8Array, at: number): string {
  let pos = at + 1;
  let text = '';
  while (pos < data.length && CLASS[data[pos] as number] === 0) {
    const b = data[pos] as number;
    const hex = b === 0x23 ? nameEscape(data, pos) : Number.NaN;
    if (Number.isNaN(hex)) {
      text += String.fromCharCode(b);
      pos++;
    } else {
      text += String.fromCharCode(hex);
      pos += 3;
    }
  }
  return text;
}

/** Returns the end of the literal string starting (at its `(`) at `at`: parentheses balanced, a backslash escaping the next byte. */
function skipLiteral(data: Uint8Array, at: number): number {
  let pos = at + 1;
  let depth = 1;
  while (pos < data.length) {
    const b = data[pos++] as number;
    if (b === 0x28) depth++;
    else if (b === 0x29 && --depth === 0) break;
    else if (b === 0x5c && pos++ >= data.length) break;
  }
  return Math.min(pos, data.length);
}

/** Returns the bytes of the literal string starting (at its `(`) at `at`: balanced parentheses, escapes and line continuations. */
function decodeLiteral(data: Uint8Array, at: number): Uint8Array {
  let pos = at + 1;
  const out: number[] = [];
  let depth = 1;
  while (pos < data.length) {
    const b = data[pos++] as number;
    if (b === 0x28) depth++;
    else if (b === 0x29 && --depth === 0) break;
    if (b !== 0x5c) {
      out.push(b === 0x0d ? 0x0a : b);
      if (b === 0x0d && data[pos] === 0x0a) pos++;
      continue;
    }
    const e = data[pos++];
    if (e === undefined) break;
    const simple = ESCAPES[e];
    if (simple !== undefined) out.push(simple);
    else if (e >= 0x30 && e <= 0x37) {
      let code = e - 0x30;
      for (let k = 0; k < 2; k++) {
        const d = data[pos];
        if (d === undefined || d < 0x30 || d > 0x37) break;
        code = code * 8 + (d - 0x30);
        pos++;
      }
      out.push(code & 0xff);
    } else if (e === 0x0d) {
      if (data[pos] === 0x0a) pos++;
    } else if (e !== 0x0a) out.push(e);
  }
  return Uint8Array.from(out);
}

/** Returns the end of the hex string starting (at its `<`) at `at`: past its `>`, or the end of the data. */
function skipHex(data: Uint8Array, at: number): number {
  let pos = at + 1;
  while (pos < data.length && data[pos] !== 0x3e) pos++;
  return Math.min(pos + 1, data.length);
}

/** Returns the bytes of the hex string starting (at its `<`) at `at` (an odd last digit counts as followed by 0). */
function decodeHex(data: Uint8Array, at: number): Uint8Array {
  let pos = at + 1;
  const out: number[] = [];
  let high = -1;
  while (pos < data.length) {
    const b = data[pos++] as number;
    if (b === 0x3e) break;
    const v = hexValue(b);
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out.push(high * 16 + v);
      high = -1;
    }
  }
  if (high >= 0) out.push(high * 16);
  return Uint8Array.from(out);
}

/** The one-character escapes of a literal string. */
const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };

/** Returns the value of a hex digit, -1 for other bytes. */
function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** A marker on the operand stack of `readCompound`: where an array or dictionary opened. */
const OPEN_ARRAY = Symbol('[');
const OPEN_DICT = Symbol('<<');
type Slot = Operand | typeof OPEN_ARRAY | typeof OPEN_DICT;

/**
 * Returns the array or dictionary whose opening bracket is at `at`, read item by item: nesting deeper than the cap
 * dropped, items past the operand cap dropped (`below` operands come before it), operators inside dropped.
 */
function readCompound(data: Uint8Array, at: number, below: number): Operand {
  const tokens = new Tokenizer(data, at);
  const stack: Slot[] = [];
  let depth = 0;
  for (;;) {
    const token = tokens.next();
    if (token === T_END) break;
    if (token === T_OPEN_ARRAY || token === T_OPEN_DICT) {
      depth++;
      if (depth <= MAX_NESTING) stack.push(token === T_OPEN_ARRAY ? OPEN_ARRAY : OPEN_DICT);
    } else if (token === T_CLOSE_ARRAY || token === T_CLOSE_DICT) {
      if (depth > 0 && depth <= MAX_NESTING) stack.push(close(stack, token === T_CLOSE_ARRAY ? OPEN_ARRAY : OPEN_DICT));
      if (depth > 0) depth--;
      if (depth === 0) break;
    } else if (token !== T_WORD && depth <= MAX_NESTING && below + stack.length < MAX_OPERANDS) stack.push(tokens.value(token));
  }
  return stack[0] as Operand;
}

/** Returns the array or dictionary closing at the top of the stack (popping its items and its marker). */
function close(stack: Slot[], marker: typeof OPEN_ARRAY | typeof OPEN_DICT): Operand {
  let start = stack.length - 1;
  while (start >= 0 && stack[start] !== OPEN_ARRAY && stack[start] !== OPEN_DICT) start--;
  const items = stack.splice(Math.max(0, start)).slice(start >= 0 ? 1 : 0) as Operand[];
  if (marker === OPEN_ARRAY) return items;
  const dict = new Map<string, Operand>();
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i];
    if (key instanceof ContentName) dict.set(key.name, items[i + 1] as Operand);
  }
  return dict;
}

/**
 * Reads a content stream operator by operator. Keeps, for the operands of the current operator, their kind and span
 * (numbers their value); an array or dictionary is kept as its span, read when asked for.
 */
class ContentScanner implements Operands {
  readonly #tokens: Tokenizer;
  #kinds = new Uint8Array(16);
  #starts = new Int32Array(16);
  #values = new Float64Array(16);
  length = 0;
  seen = 0;
  /** The span of the current operator. */
  #opStart = 0;
  #opEnd = 0;

  constructor(data: Uint8Array) {
    this.#tokens = new Tokenizer(data);
  }

  /** Reports each operator to `onOperator`; returns the number of operators seen. */
  run(onOperator: (code: number, operands: Operands) => boolean | void, textOnly: boolean): number {
    const tokens = this.#tokens;
    const data = tokens.data;
    // `slots` is how many entries a stack holding every operand and every open array's items would have: the cap
    // counts them, so an array keeps the items it would keep if the operands were read item by item.
    let slots = 0;
    let depth = 0;
    let count = 0;
    /** The slots below each open array or dictionary (up to the kept depth). */
    const below = new Int32Array(MAX_NESTING + 1);
    let openedAt = 0;
    for (;;) {
      const token = tokens.next();
      if (token === T_END) return count;
      if (token === T_OPEN_ARRAY || token === T_OPEN_DICT) {
        depth++;
        if (depth === 1) openedAt = tokens.start;
        if (depth <= MAX_NESTING) below[depth] = slots++;
      } else if (token === T_CLOSE_ARRAY || token === T_CLOSE_DICT) {
        if (depth > 0 && depth <= MAX_NESTING) slots = (below[depth] as number) + 1;
        if (depth === 1) this.#keep(slots - 1, token === T_CLOSE_ARRAY ? K_ARRAY : K_DICT, openedAt, 0);
        if (depth > 0) depth--;
      } else if (token === T_WORD) {
        if (depth > 0) continue; // an operator inside an array is malformed: dropped, as readers do
        const { start, end } = tokens;
        const first = data[start];
        const literal =
          first === 0x74 && spells(data, start, end, 'true') ? K_TRUE : first === 0x66 && spells(data, start, end, 'false') ? K_FALSE : first === 0x6e && spells(data, start, end, 'null') ? K_NULL : 0;
        if (literal !== 0) {
          this.#keep(slots++, literal, start, 0);
          continue;
        }
        this.seen = ++count;
        const code = operatorCode(data, start, end);
        if (code === OP.BI) tokens.skipInlineImage();
        if (code !== OP.OTHER || !textOnly) {
          this.#opStart = start;
          this.#opEnd = end;
          this.length = Math.min(slots, MAX_OPERANDS);
          if (onOperator(code, this) === false) return count;
        }
        slots = 0;
      } else if (depth <= MAX_NESTING && slots < MAX_OPERANDS) {
        if (depth === 0) this.#keep(slots, token, tokens.start, tokens.number);
        slots++;
      }
    }
  }

  /** Keeps operand `index`: its kind, where it starts, a number's value (past the cap, nothing is kept). */
  #keep(index: number, kind: number, start: number, value: number): void {
    if (index >= MAX_OPERANDS) return;
    if (index >= this.#kinds.length) {
      const size = Math.min(MAX_OPERANDS, this.#kinds.length * 2);
      const kinds = new Uint8Array(size);
      kinds.set(this.#kinds);
      this.#kinds = kinds;
      const starts = new Int32Array(size);
      starts.set(this.#starts);
      this.#starts = starts;
      const values = new Float64Array(size);
      values.set(this.#values);
      this.#values = values;
    }
    this.#kinds[index] = kind;
    this.#starts[index] = start;
    this.#values[index] = value;
  }

  number(i: number): number {
    return i < this.length && this.#kinds[i] === T_NUMBER ? (this.#values[i] as number) : 0;
  }

  bytes(i: number): Uint8Array | undefined {
    if (i >= this.length) return undefined;
    const kind = this.#kinds[i];
    if (kind === T_LITERAL) return decodeLiteral(this.#tokens.data, this.#starts[i] as number);
    if (kind === T_HEX) return decodeHex(this.#tokens.data, this.#starts[i] as number);
    return undefined;
  }

  name(i: number): string | undefined {
    return i < this.length && this.#kinds[i] === T_NAME ? decodeName(this.#tokens.data, this.#starts[i] as number) : undefined;
  }

  array(i: number): Operand[] | undefined {
    return i < this.length && this.#kinds[i] === K_ARRAY ? (readCompound(this.#tokens.data, this.#starts[i] as number, i) as Operand[]) : undefined;
  }

  value(i: number): Operand | undefined {
    if (i >= this.length) return undefined;
    const kind = this.#kinds[i] as number;
    const start = this.#starts[i] as number;
    const data = this.#tokens.data;
    switch (kind) {
      case T_NUMBER:
        return this.#values[i];
      case K_TRUE:
        return true;
      case K_FALSE:
        return false;
      case K_NULL:
        return null;
      case T_NAME:
        return new ContentName(decodeName(data, start));
      case T_LITERAL:
        return decodeLiteral(data, start);
      case T_HEX:
        return decodeHex(data, start);
      default:
        return readCompound(data, start, i);
    }
  }

  operator(): string {
    return latin1(this.#tokens.data, this.#opStart, this.#opEnd);
  }
}
