/** The few lexical steps the skeleton check needs, on the file's raw bytes, and small readers of PDF numbers. */
import { PDFNumber, type PDFDict, PDFName, type PDFObject } from 'pdf-lib';

/** A read position in the file's bytes. */
export class Cursor {
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

/** Returns [number, generation] of an `n g obj` header at the cursor (moved after `obj`), else undefined. */
export function readObjectHeader(cursor: Cursor): [number, number] | undefined {
  const number = cursor.readInt();
  if (number === undefined || !cursor.skipSpace()) return undefined;
  const generation = cursor.readInt();
  if (generation === undefined) return undefined;
  cursor.skipSpace();
  return cursor.matchKeyword('obj') ? [number, generation] : undefined;
}

/** Returns whether the `n g obj` header at the cursor (after optional white space) is `number generation obj`; the cursor is then after `obj`. */
export function isObjectHeader(cursor: Cursor, number: number, generation: number): boolean {
  cursor.skipSpace();
  if (cursor.readInt() !== number || !cursor.skipSpace() || cursor.readInt() !== generation) return false;
  cursor.skipSpace();
  return cursor.matchKeyword('obj');
}

/** Returns a dictionary entry as a non-negative integer, or undefined. */
export function intEntry(dict: PDFDict, key: string): number | undefined {
  return asInt(dict.lookup(PDFName.of(key)));
}

/** Returns a PDF object as a non-negative safe integer, or undefined. */
export function asInt(value: PDFObject | undefined): number | undefined {
  if (!(value instanceof PDFNumber)) return undefined;
  const n = value.asNumber();
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
