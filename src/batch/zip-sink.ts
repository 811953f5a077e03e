/**
 * The zip of a mail merge, written to a file as the letters are made (fflate's streaming `Zip`): each entry goes
 * to the file stream when it is added, and the batch waits for the disk when the stream's buffer is full, so the
 * zip never holds more than the entry being written.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** An entry written in several pieces (a large file made as it goes). */
export interface ZipEntryWriter {
  /** Adds the next piece of the entry; resolves when the disk can take more. */
  push(chunk: Uint8Array): Promise<void>;
  /** Ends the entry. */
  end(): Promise<void>;
}

/** Where the entries of the batch go. */
export interface EntrySink {
  /** Adds a whole file (compressed when `compress`: text; PDFs and .docx are compressed already). */
  addFile(name: string, bytes: Uint8Array, compress?: boolean): Promise<void>;
  /** Opens an entry written in pieces; no other entry may be added until it ends. */
  openEntry(name: string, compress?: boolean): ZipEntryWriter;
}

/** A zip written to `path` as entries are added. */
export class ZipFileSink implements EntrySink {
  readonly #stream: WriteStream;
  readonly #zip: Zip;
  readonly #mtime: Date;
  #error: Error | undefined;
  #open = false;
  #done: Promise<void>;

  constructor(path: string, mtime = new Date()) {
    this.#mtime = mtime;
    this.#stream = createWriteStream(path, { flags: 'wx' });
    this.#stream.on('error', (e) => {
      this.#error ??= e;
    });
    let finished!: () => void;
    let failed!: (e: Error) => void;
    this.#done = new Promise<void>((resolve, reject) => {
      finished = resolve;
      failed = reject;
    });
    this.#done.catch(() => undefined);
    this.#zip = new Zip((err, data, final) => {
      if (err) {
        this.#error ??= err;
        failed(err);
        return;
      }
      this.#stream.write(data);
      if (final) this.#stream.end(() => (this.#error ? failed(this.#error) : finished()));
    });
  }

  async addFile(name: string, bytes: Uint8Array, compress = false): Promise<void> {
    const entry = this.openEntry(name, compress);
    await entry.push(bytes);
    await entry.end();
  }

  openEntry(name: string, compress = false): ZipEntryWriter {
    if (this.#open) throw new Error('a zip entry is still open');
    this.#open = true;
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    file.mtime = this.#mtime;
    this.#zip.add(file);
    return {
      push: async (chunk) => {
        this.#check();
        file.push(chunk, false);
        await this.#drain();
      },
      end: async () => {
        this.#check();
        file.push(new Uint8Array(0), true);
        this.#open = false;
        await this.#drain();
      },
    };
  }

  /** Writes the zip's central directory and closes the file; rejects when the disk refused a write. */
  async finish(): Promise<void> {
    this.#check();
    this.#zip.end();
    await this.#done;
  }

  /** Closes the file without finishing the zip (the batch was stopped); the caller removes it. */
  async abandon(): Promise<void> {
    this.#zip.terminate();
    if (!this.#stream.closed) {
      this.#stream.end();
      await once(this.#stream, 'close').catch(() => undefined);
    }
  }

  #check(): void {
    if (this.#error) throw this.#error;
  }

  async #drain(): Promise<void> {
    // `once` rejects when the stream fails while waiting.
    if (this.#stream.writableNeedDrain && this.#error === undefined) await once(this.#stream, 'drain');
    this.#check();
  }
}
