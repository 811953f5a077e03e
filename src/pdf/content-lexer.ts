/**
 * A lexer for page content streams (and CMaps, which share the syntax): numbers, names, literal and hex strings,
 * arrays, dictionaries, operators and comments, inline images skipped. Bounded: nesting depth and operand count are
 * capped, so a hostile stream costs at most one pass over its bytes.
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

/** A marker on the operand stack: where an array or dictionary opened. */
const OPEN_ARRAY = Symbol('[');
const OPEN_DICT = Symbol('<<');
type Slot = Operand | typeof OPEN_ARRAY | typeof OPEN_DICT;

/**
 * Calls `onOperator(operator, operands)` for each operator of the stream, in order; stops early when it returns false.
 * Returns the number of operators seen.
 */
export function readOperators(data: Uint8Array, onOperator: (operator: string, operands: Operand[]) => boolean | void): number {
  const lexer = new ContentLexer(data);
  let stack: Slot[] = [];
  let depth = 0;
  let count = 0;
  for (;;) {
    const token = lexer.next();
    if (token === END) return count;
    if (token === OPEN_ARRAY || token === OPEN_DICT) {
      depth++;
      if (depth <= MAX_NESTING) stack.push(token);
    } else if (token === CLOSE_ARRAY || token === CLOSE_DICT) {
      if (depth > 0 && depth <= MAX_NESTING) stack.push(close(stack, token === CLOSE_ARRAY ? OPEN_ARRAY : OPEN_DICT));
      if (depth > 0) depth--;
    } else if (typeof token === 'string') {
      if (depth > 0) continue; // an operator inside an array is malformed: dropped, as readers do
      const word = token;
      if (word === 'true' || word === 'false' || word === 'null') {
        stack.push(word === 'null' ? null : word === 'true');
        continue;
      }
      count++;
      if (word === 'BI') lexer.skipInlineImage();
      if (onOperator(word, stack as Operand[]) === false) return count;
      stack = [];
    } else if (depth <= MAX_NESTING && stack.length < MAX_OPERANDS) stack.push(token);
  }
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

const END = Symbol('end');
const CLOSE_ARRAY = Symbol(']');
const CLOSE_DICT = Symbol('>>');

/** A bare word (an operator, or true/false/null) is a JavaScript string: no operand is one. */
type Token = Operand | string | typeof END | typeof OPEN_ARRAY | typeof OPEN_DICT | typeof CLOSE_ARRAY | typeof CLOSE_DICT;

/** Reads tokens from the bytes of a content stream. */
export class ContentLexer {
  pos = 0;
  constructor(private readonly data: Uint8Array) {}

  /** Returns the next token (END at the end of the data). */
  next(): Token {
    const data = this.data;
    for (;;) {
      while (this.pos < data.length && CLASS[data[this.pos] as number] === 1) this.pos++;
      if (this.pos >= data.length) return END;
      const b = data[this.pos] as number;
      if (b === 0x25) {
        while (this.pos < data.length && data[this.pos] !== 0x0a && data[this.pos] !== 0x0d) this.pos++;
        continue;
      }
      if (b === 0x2f) return this.#name();
      if (b === 0x28) return this.#literal();
      if (b === 0x3c) {
        if (data[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return OPEN_DICT;
        }
        return this.#hex();
      }
      if (b === 0x3e) {
        this.pos += data[this.pos + 1] === 0x3e ? 2 : 1;
        return CLOSE_DICT;
      }
      if (b === 0x5b) {
        this.pos++;
        return OPEN_ARRAY;
      }
      if (b === 0x5d) {
        this.pos++;
        return CLOSE_ARRAY;
      }
      if (b === 0x29 || b === 0x7b || b === 0x7d) {
        this.pos++;
        continue;
      }
      return this.#word();
    }
  }

  /** Returns a number, or a keyword for anything else up to the next delimiter or white space. */
  #word(): Token {
    const data = this.data;
    const start = this.pos;
    const simple = this.#simpleNumber();
    if (simple !== undefined) return simple;
    this.pos = start;
    while (this.pos < data.length && CLASS[data[this.pos] as number] === 0) this.pos++;
    let text = '';
    for (let i = start; i < this.pos; i++) text += String.fromCharCode(data[i] as number);
    const first = data[start] as number;
    if ((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2b || first === 0x2e) {
      const n = Number(text);
      if (Number.isFinite(n)) return n;
      // PDF writers emit "--5" or "5-": read the leading number as readers do.
      const lead = Number.parseFloat(text.replace(/^[-+]+/, (s) => (s.length % 2 === 0 && s[0] === '-' ? '' : s.slice(-1))));
      return Number.isFinite(lead) ? lead : 0;
    }
    return text;
  }

  /** Returns the number at the cursor when it is plain (`-12.5`, `.5`, `3`) and ends at a delimiter, else undefined. */
  #simpleNumber(): number | undefined {
    const data = this.data;
    let i = this.pos;
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
    if (digits === 0 || digits > 15 || (b !== undefined && CLASS[b] === 0)) return undefined;
    this.pos = i;
    return sign * value;
  }

  /** Returns a name, `#xx` escapes decoded. */
  #name(): ContentName {
    const data = this.data;
    this.pos++;
    let text = '';
    while (this.pos < data.length && CLASS[data[this.pos] as number] === 0) {
      const b = data[this.pos] as number;
      const hex = b === 0x23 ? parseInt(String.fromCharCode(data[this.pos + 1] ?? 0, data[this.pos + 2] ?? 0), 16) : Number.NaN;
      if (Number.isNaN(hex)) {
        text += String.fromCharCode(b);
        this.pos++;
      } else {
        text += String.fromCharCode(hex);
        this.pos += 3;
      }
    }
    return new ContentName(text);
  }

  /** Returns the bytes of a literal string `( … )`: balanced parentheses, escapes and line continuations. */
  #literal(): Uint8Array {
    const data = this.data;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < data.length) {
      const b = data[this.pos++] as number;
      if (b === 0x28) depth++;
      else if (b === 0x29 && --depth === 0) break;
      if (b !== 0x5c) {
        out.push(b === 0x0d ? 0x0a : b);
        if (b === 0x0d && data[this.pos] === 0x0a) this.pos++;
        continue;
      }
      const e = data[this.pos++];
      if (e === undefined) break;
      const simple = ESCAPES[e];
      if (simple !== undefined) out.push(simple);
      else if (e >= 0x30 && e <= 0x37) {
        let code = e - 0x30;
        for (let k = 0; k < 2; k++) {
          const d = data[this.pos];
          if (d === undefined || d < 0x30 || d > 0x37) break;
          code = code * 8 + (d - 0x30);
          this.pos++;
        }
        out.push(code & 0xff);
      } else if (e === 0x0d) {
        if (data[this.pos] === 0x0a) this.pos++;
      } else if (e !== 0x0a) out.push(e);
    }
    return Uint8Array.from(out);
  }

  /** Returns the bytes of a hex string `< … >` (an odd last digit counts as followed by 0). */
  #hex(): Uint8Array {
    const data = this.data;
    this.pos++;
    const out: number[] = [];
    let high = -1;
    while (this.pos < data.length) {
      const b = data[this.pos++] as number;
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

  /** Moves past an inline image: its dictionary up to `ID`, then its data up to an `EI` standing alone. */
  skipInlineImage(): void {
    const data = this.data;
    for (let token = this.next(); token !== END; token = this.next()) if (token === 'ID') break;
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

/** The one-character escapes of a literal string. */
const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };

/** Returns the value of a hex digit, -1 for other bytes. */
function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}
