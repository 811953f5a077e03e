/**
 * A small PDF object writer: objects are numbered as they are allocated and written to a sink in the order they
 * are finished, each one once; the cross-reference table and trailer close the file. Nothing is parsed back.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** Where the bytes of a PDF go, in order. */
export type Sink = (chunk: Uint8Array) => void | Promise<void>;

/** Chunks kept before they are handed to the sink together. */
const FLUSH_BYTES = 256 * 1024;

/** Writes numbered objects to a sink; see the module comment. */
export class PdfObjectWriter {
  readonly #sink: Sink;
  readonly #offsets: number[] = [0];
  #position = 0;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;

  constructor(sink: Sink) {
    this.#sink = sink;
    this.#emit(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  }

  /** Returns the number of a new object, to be written later. */
  alloc(): number {
    this.#offsets.push(-1);
    return this.#offsets.length - 1;
  }

  /** Writes object `ref` with `body` (ASCII PDF syntax). */
  object(ref: number, body: string): void {
    this.#offsets[ref] = this.#position;
    this.#emit(Buffer.from(`${ref} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }

  /** Writes stream object `ref`: `dict` entries (without /Length) and its already encoded data. */
  stream(ref: number, dict: string, data: Uint8Array): void {
    this.#offsets[ref] = this.#position;
    this.#emit(Buffer.from(`${ref} 0 obj\n<<${dict} /Length ${data.length}>>\nstream\n`, 'latin1'));
    this.#emit(data);
    this.#emit(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  /** Writes a deflated stream object of `data`. */
  deflated(ref: number, dict: string, data: Uint8Array | string): void {
    this.stream(ref, `${dict} /Filter /FlateDecode`, deflateSync(typeof data === 'string' ? Buffer.from(data, 'latin1') : data));
  }

  /** Hands the pending bytes to the sink when enough have gathered (always with `force`). */
  async flush(force = false): Promise<void> {
    if (this.#pendingBytes === 0 || (!force && this.#pendingBytes < FLUSH_BYTES)) return;
    const chunk = this.#pending.length === 1 ? (this.#pending[0] ?? new Uint8Array()) : Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    await this.#sink(chunk);
  }

  /** Writes the cross-reference table and the trailer, then flushes everything. */
  async finish(root: number, info: number, id: string): Promise<void> {
    const start = this.#position;
    const lines = [`xref\n0 ${this.#offsets.length}\n0000000000 65535 f \n`];
    for (let i = 1; i < this.#offsets.length; i++) {
      const offset = this.#offsets[i] ?? -1;
      if (offset < 0) throw new Error(`PDF object ${i} was allocated but never written`);
      lines.push(`${String(offset).padStart(10, '0')} 00000 n \n`);
    }
    const hash = createHash('md5').update(id).digest('hex');
    lines.push(`trailer\n<</Size ${this.#offsets.length} /Root ${root} 0 R /Info ${info} 0 R /ID [<${hash}> <${hash}>]>>\nstartxref\n${start}\n%%EOF\n`);
    this.#emit(Buffer.from(lines.join(''), 'latin1'));
    await this.flush(true);
  }

  #emit(bytes: Uint8Array): void {
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    this.#position += bytes.length;
  }
}

/** Returns a PDF text string: a literal for printable ASCII, UTF-16BE hex with its byte order mark otherwise. */
export function pdfText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = '<feff';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `${hex}>`;
}

/** Returns a PDF text string always as UTF-16BE hex with its byte order mark (upper case, as pdf-lib writes field values). */
export function pdfHexText(text: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `${hex}>`;
}

/** Returns a PDF name (with its slash): characters outside the regular ones written #xx (Latin-1 code, UTF-8 bytes beyond), as pdf-lib writes them. */
export function pdfName(name: string): string {
  let out = '/';
  const bytes = [...name].flatMap((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x100 ? [code] : [...Buffer.from(c, 'utf8')];
  });
  for (const byte of bytes) {
    const regular = byte > 0x20 && byte < 0x7f && !'#()<>[]{}/%'.includes(String.fromCharCode(byte));
    out += regular ? String.fromCharCode(byte) : `#${byte.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out;
}

/** Returns a PDF date string (UTC). */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

/** Returns a number written for a content stream (at most three decimals). */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}
