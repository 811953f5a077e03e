/**
 * « tout-imprimer.pdf »: every letter of the batch in one file to print, each letter starting on an odd page (a
 * blank page is inserted after a letter with an odd number of pages), so a duplex printer never puts two letters
 * on one sheet.
 *
 * Behind `PrintAllWriter` so another writer can take its place: a writer that builds the file from the render
 * engine's shared prepared parts (`CombinedPdfWriter`) plugs in through `PrintAllFactory`. The writer here takes
 * today's finished letters: each one is opened with pdf-lib, its pages and what they use are renumbered after the
 * objects already written (pdf-lib's object copier into an empty context) and appended to a temporary file at
 * once; the page tree, catalogue and cross-reference table are written at the end, then the file is streamed
 * into the zip. Its memory is one letter plus one offset per object (8 bytes), whatever the batch's size; the
 * price is that each letter keeps its own copy of its fonts (the file is the sum of the letters' sizes).
 */
import { closeSync, createReadStream, openSync, unlinkSync, writeSync } from 'node:fs';
import { PDFContext, PDFDocument, PDFHexString, PDFName, PDFObjectCopier, PDFRef, type PDFDict } from 'pdf-lib';
import type { EntrySink } from './zip-sink.ts';

/** One rendered letter as the print-all writer takes it: its PDF, and the engine's structured parts when it has them. */
export interface RenderedLetter {
  pdf: Uint8Array;
  parts?: unknown;
}

/** Puts every letter into the print file of the zip. */
export interface PrintAllWriter {
  /** Adds the next letter (in the batch's order). */
  add(letter: RenderedLetter): Promise<void>;
  /** Writes the print file into the zip (none when no letter was added); returns the names of the entries written. */
  finish(): Promise<string[]>;
  /** Drops what was written (the batch stopped). */
  abandon(): void;
}

/** What a print-all writer is made with. */
export interface PrintAllOptions {
  /** The document title (« Lettre de rentrée au tuteur — 980 courriers »). */
  title: string;
  /** Creation date written in the metadata. */
  date: Date;
  /** A file the writer may use while the batch runs (it removes it). */
  temporaryFile: string;
}

/** Makes the print-all writer of a batch. */
export type PrintAllFactory = (sink: EntrySink, options: PrintAllOptions) => PrintAllWriter;

/** The name of the print file in the zip. */
export const PRINT_ALL_NAME = 'tout-imprimer.pdf';

/** Returns the streaming pdf-lib print-all writer; see the module comment. */
export const createPrintAll: PrintAllFactory = (sink, options) => new StreamingPrintAll(sink, options);

/** Object numbers the writer keeps for itself: the catalogue and the page tree. */
const CATALOG = 1;
const PAGES = 2;

/** Returns a PDF date string (D:AAAAMMJJHHmmSSZ) of `date`. */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

class StreamingPrintAll implements PrintAllWriter {
  readonly #sink: EntrySink;
  readonly #options: PrintAllOptions;
  readonly #fd: number;
  /** Byte offset of each object, by object number. */
  readonly #offsets: number[] = [];
  /** Object numbers of the pages, in order. */
  readonly #kids: number[] = [];
  #position = 0;
  #next = PAGES + 1;
  #lastSize: [number, number] = [595.28, 841.89];
  #closed = false;

  constructor(sink: EntrySink, options: PrintAllOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#fd = openSync(options.temporaryFile, 'wx');
    this.#write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  }

  async add(letter: RenderedLetter): Promise<void> {
    const source = await PDFDocument.load(letter.pdf, { updateMetadata: false });
    if (this.#kids.length % 2 === 1) {
      const blank = this.#next++;
      const [w, h] = this.#lastSize;
      this.#object(blank, `<< /Type /Page /Parent ${PAGES} 0 R /MediaBox [0 0 ${w} ${h}] /Resources << >> >>`);
      this.#kids.push(blank);
    }
    const target = PDFContext.create();
    target.largestObjectNumber = this.#next - 1;
    const copier = PDFObjectCopier.for(source.context, target);
    for (const page of source.getPages()) {
      const copy = copier.copy(page.node) as PDFDict;
      copy.set(PDFName.of('Parent'), PDFRef.of(PAGES));
      this.#kids.push(target.register(copy).objectNumber);
      this.#lastSize = [page.getWidth(), page.getHeight()];
    }
    for (const [ref, object] of target.enumerateIndirectObjects()) {
      const bytes = new Uint8Array(object.sizeInBytes());
      object.copyBytesInto(bytes, 0);
      this.#object(ref.objectNumber, bytes);
    }
    this.#next = target.largestObjectNumber + 1;
  }

  async finish(): Promise<string[]> {
    if (this.#kids.length === 0) {
      this.abandon();
      return [];
    }
    this.#object(PAGES, `<< /Type /Pages /Count ${this.#kids.length} /Kids [${this.#kids.map((k) => `${k} 0 R`).join(' ')}] >>`);
    this.#object(CATALOG, `<< /Type /Catalog /Pages ${PAGES} 0 R >>`);
    const info = this.#next++;
    const date = pdfDate(this.#options.date);
    this.#object(info, `<< /Title ${PDFHexString.fromText(this.#options.title).toString()} /Creator (Paperasse) /Producer (Paperasse) /CreationDate (${date}) /ModDate (${date}) >>`);
    const xref = this.#position;
    const size = this.#next;
    this.#write(`xref\n0 ${size}\n0000000000 65535 f \n`);
    const lines: string[] = [];
    for (let n = 1; n < size; n++) {
      const offset = this.#offsets[n];
      lines.push(offset === undefined ? '0000000000 65535 f \n' : `${String(offset).padStart(10, '0')} 00000 n \n`);
      if (lines.length === 4096) this.#write(lines.splice(0).join(''));
    }
    this.#write(lines.join(''));
    this.#write(`trailer\n<< /Size ${size} /Root ${CATALOG} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
    closeSync(this.#fd);
    this.#closed = true;
    const entry = this.#sink.openEntry(PRINT_ALL_NAME);
    for await (const chunk of createReadStream(this.#options.temporaryFile, { highWaterMark: 1024 * 1024 })) await entry.push(chunk as Buffer);
    await entry.end();
    unlinkSync(this.#options.temporaryFile);
    return [PRINT_ALL_NAME];
  }

  abandon(): void {
    if (!this.#closed) closeSync(this.#fd);
    this.#closed = true;
    try {
      unlinkSync(this.#options.temporaryFile);
    } catch {
      // Already removed.
    }
  }

  #object(number: number, body: string | Uint8Array): void {
    this.#offsets[number] = this.#position;
    this.#write(`${number} 0 obj\n`);
    if (typeof body === 'string') this.#write(body);
    else this.#writeBytes(body);
    this.#write('\nendobj\n');
  }

  #write(text: string, encoding: BufferEncoding = 'latin1'): void {
    this.#writeBytes(Buffer.from(text, encoding));
  }

  #writeBytes(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.#fd, bytes, done, bytes.length - done);
    this.#position += bytes.length;
  }
}
