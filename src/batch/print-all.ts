/**
 * « tout-imprimer.pdf »: every letter of the batch in one file to print, each letter starting on an odd page (a
 * blank page is inserted after a letter with an odd number of pages), so a duplex printer never puts two letters
 * on one sheet.
 *
 * Behind `PrintAllWriter` so another writer can take its place: a writer that streams one file from shared
 * prepared parts (the render engine's `CombinedPdfWriter`) plugs in through `PrintAllFactory`. The writer here
 * uses today's renderer output: pdf-lib copies each letter's pages into the current volume, which is written to
 * the zip every `VOLUME_LETTERS` letters. Its memory is bounded by one volume, not by the batch; the price is that a
 * batch of more than `VOLUME_LETTERS` letters gets several numbered files (« tout-imprimer-01-sur-20.pdf »…), each
 * starting on an odd page too.
 */
import { PDFDocument } from 'pdf-lib';
import type { EntrySink } from './zip-sink.ts';

/** One rendered letter as the print-all writer takes it: its PDF, and the engine's structured parts when it has them. */
export interface RenderedLetter {
  pdf: Uint8Array;
  parts?: unknown;
}

/** Puts every letter into the print file(s) of the zip. */
export interface PrintAllWriter {
  /** Adds the next letter (in the batch's order). */
  add(letter: RenderedLetter): Promise<void>;
  /** Writes what remains; returns the names of the entries written. */
  finish(): Promise<string[]>;
}

/** What a print-all writer is made with. */
export interface PrintAllOptions {
  /** The document title (« Lettre de rentrée au tuteur — 980 courriers »). */
  title: string;
  /** How many letters are expected (the valid rows): it decides whether one file is enough. */
  expected: number;
  /** Creation date written in the metadata. */
  date: Date;
}

/** Makes the print-all writer of a batch. */
export type PrintAllFactory = (sink: EntrySink, options: PrintAllOptions) => PrintAllWriter;

/** The name of the print file when one is enough. */
export const PRINT_ALL_NAME = 'tout-imprimer.pdf';

/** Letters per print volume of the pdf-lib writer. */
export const VOLUME_LETTERS = 500;

/** Returns the pdf-lib print-all writer (volumes of `VOLUME_LETTERS` letters); see the module comment. */
export const createPrintAll: PrintAllFactory = (sink, options) => new VolumePrintAll(sink, options);

/** A4 portrait in points, for the blank page when the previous page's size is unknown. */
const A4: [number, number] = [595.28, 841.89];

class VolumePrintAll implements PrintAllWriter {
  readonly #sink: EntrySink;
  readonly #options: PrintAllOptions;
  readonly #volumes: number;
  readonly #written: string[] = [];
  #doc: PDFDocument | undefined;
  #letters = 0;

  constructor(sink: EntrySink, options: PrintAllOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#volumes = Math.max(1, Math.ceil(options.expected / VOLUME_LETTERS));
  }

  async add(letter: RenderedLetter): Promise<void> {
    const doc = (this.#doc ??= await this.#newVolume());
    const source = await PDFDocument.load(letter.pdf, { updateMetadata: false });
    const count = doc.getPageCount();
    if (count % 2 === 1) {
      const last = doc.getPage(count - 1);
      doc.addPage(last ? [last.getWidth(), last.getHeight()] : A4);
    }
    for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
    this.#letters++;
    if (this.#letters % VOLUME_LETTERS === 0) await this.#flush();
  }

  async finish(): Promise<string[]> {
    await this.#flush();
    return this.#written;
  }

  async #newVolume(): Promise<PDFDocument> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const n = this.#written.length + 1;
    doc.setTitle(this.#volumes === 1 ? this.#options.title : `${this.#options.title} (${n} / ${this.#volumes})`);
    doc.setCreator('Paperasse');
    doc.setProducer('Paperasse (pdf-lib)');
    doc.setCreationDate(this.#options.date);
    doc.setModificationDate(this.#options.date);
    return doc;
  }

  async #flush(): Promise<void> {
    const doc = this.#doc;
    if (doc === undefined) return;
    this.#doc = undefined;
    const n = this.#written.length + 1;
    const width = String(this.#volumes).length;
    const name = this.#volumes === 1 ? PRINT_ALL_NAME : `tout-imprimer-${String(n).padStart(width, '0')}-sur-${this.#volumes}.pdf`;
    await this.#sink.addFile(name, await doc.save({ useObjectStreams: true }));
    this.#written.push(name);
  }
}
