/**
 * « tout-imprimer.pdf »: every letter of the batch in one file to print, each letter starting on an odd page (a
 * blank page after a letter with an odd number of pages), so a duplex printer never puts two letters on one sheet.
 *
 * Written by the render engine's `CombinedPdfWriter` from each letter's parts (pages already compressed by the
 * worker that laid them out, fonts written once for the whole file): no finished letter is parsed again. The file
 * is streamed to a temporary file as the letters come (only page numbers are kept until the end), then copied into
 * the zip in 1 MiB pieces, so its memory does not grow with the batch's size.
 */
import { createReadStream } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { CombinedPdfWriter } from '../render/engine/combined.ts';
import type { DocumentParts } from '../render/engine/document.ts';
import type { EntrySink } from './zip-sink.ts';

/** One rendered letter as the print-all writer takes it: the engine's parts of its pages. */
export interface RenderedLetter {
  parts: DocumentParts;
}

/** Puts every letter into the print file of the zip. */
export interface PrintAllWriter {
  /** Adds the next letter (in the batch's order). */
  add(letter: RenderedLetter): Promise<void>;
  /** Writes the print file into the zip (none when no letter was added); returns the names of the entries written. */
  finish(): Promise<string[]>;
  /** Drops what was written (the batch stopped). */
  abandon(): Promise<void>;
}

/** What a print-all writer is made with. */
export interface PrintAllOptions {
  /** The document title for the number of letters added (« Lettre de rentrée au tuteur — 980 courriers »). */
  title: (letters: number) => string;
  /** Creation date written in the metadata. */
  date: Date;
  /** A file the writer may use while the batch runs (it removes it). */
  temporaryFile: string;
}

/** Makes the print-all writer of a batch. */
export type PrintAllFactory = (sink: EntrySink, options: PrintAllOptions) => PrintAllWriter;

/** The name of the print file in the zip. */
export const PRINT_ALL_NAME = 'tout-imprimer.pdf';

/** Returns the engine's streaming print-all writer; see the module comment. */
export const createPrintAll: PrintAllFactory = (sink, options) => new EnginePrintAll(sink, options);

class EnginePrintAll implements PrintAllWriter {
  readonly #sink: EntrySink;
  readonly #options: PrintAllOptions;
  readonly #file: Promise<FileHandle>;
  readonly #writer: CombinedPdfWriter;
  #letters = 0;
  #closed = false;

  constructor(sink: EntrySink, options: PrintAllOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#file = open(options.temporaryFile, 'wx');
    // The writer's own failure comes back through `add` / `finish`; this keeps an early one from being unhandled.
    this.#file.catch(() => undefined);
    this.#writer = new CombinedPdfWriter(async (chunk) => {
      const file = await this.#file;
      let done = 0;
      while (done < chunk.length) done += (await file.write(chunk, done, chunk.length - done)).bytesWritten;
    }, { title: options.title(0), date: options.date });
  }

  async add(letter: RenderedLetter): Promise<void> {
    await this.#writer.add(letter.parts);
    this.#letters++;
  }

  async finish(): Promise<string[]> {
    if (this.#letters === 0) {
      await this.abandon();
      return [];
    }
    await this.#writer.finish({ title: this.#options.title(this.#letters) });
    await (await this.#file).close();
    this.#closed = true;
    const entry = this.#sink.openEntry(PRINT_ALL_NAME);
    for await (const chunk of createReadStream(this.#options.temporaryFile, { highWaterMark: 1024 * 1024 })) await entry.push(chunk as Buffer);
    await entry.end();
    await unlink(this.#options.temporaryFile);
    return [PRINT_ALL_NAME];
  }

  async abandon(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      await (await this.#file.catch(() => undefined))?.close().catch(() => undefined);
    }
    await unlink(this.#options.temporaryFile).catch(() => undefined);
  }
}
