/**
 * Reads the uploads of the store in the background: each upload is claimed (an atomic claim with a lease the reader
 * renews) before it is read in the extraction sandbox, so several instances sharing the store never read the same
 * file twice, and an upload whose reader died (a killed server) is read again by the next one — at once when the dead
 * reader was on this machine, when its lease ends otherwise.
 *
 * The backlog lives in SQLite, not in memory: an upload is claimed at reception only when a reading slot is free
 * (it is then read at once); otherwise it stays `en-attente`, unclaimed, and a slot that frees up claims the oldest
 * pending upload (`claimNext`). This process never holds more than `concurrency` uploads (ids, leases, promises),
 * however many arrive, and never keeps a lease on an upload it is not reading, so other instances share the backlog.
 */
import { availableParallelism } from 'node:os';
import type { Extractor, UploadStore } from '../src/store/upload-store.ts';
import { newReader } from '../src/store/upload-store.ts';
import type { Logger } from 'pino';

/** The background reader of one store. */
export class UploadReader {
  readonly #store: UploadStore;
  readonly #extract: Extractor;
  readonly #logger: Logger;
  /** The reader id new uploads are claimed for when they are received. */
  readonly lecteur = newReader();
  readonly #concurrency = Math.max(1, availableParallelism());
  #running = 0;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  readonly #active = new Set<Promise<void>>();
  readonly #mine: number[] = [];

  constructor(store: UploadStore, extract: Extractor, logger: Logger) {
    this.#store = store;
    this.#extract = extract;
    this.#logger = logger;
  }

  /** Starts reading: the uploads this reader claimed at reception, then any pending upload free to claim, polled every `pollMs`. */
  start(pollMs = 2000): void {
    this.#timer = setInterval(() => this.kick(), pollMs);
    this.#timer.unref();
    this.kick();
  }

  /** Returns the reader id to claim a new upload for when a reading slot is free, else undefined (it waits in the store). */
  readerWithRoom(): string | undefined {
    return !this.#stopped && this.#running + this.#mine.length < this.#concurrency ? this.lecteur : undefined;
  }

  /** Starts reading an upload this reader claimed when it was received (see `readerWithRoom`). */
  enqueue(id: number): void {
    this.#mine.push(id);
    this.kick();
  }

  /** Stops claiming and returns once the readings under way have ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await Promise.allSettled([...this.#active]);
  }

  /** Starts as many readings as there are free slots. */
  kick(): void {
    while (!this.#stopped && this.#running < this.#concurrency) {
      let id = this.#mine.shift();
      if (id === undefined) {
        try {
          id = this.#store.claimNext(this.lecteur);
        } catch {
          return; // A busy database: the next poll tries again.
        }
      }
      if (id === undefined) return;
      this.#running += 1;
      const uploadId = id;
      const done = this.#store
        .process(uploadId, this.#extract, this.lecteur)
        .then((r) => {
          if (!r.ok) this.#logger.warn({ depot: uploadId, code: r.erreur.code }, 'lecture d’un dépôt non enregistrée');
        })
        .catch(() => this.#logger.error({ depot: uploadId }, 'lecture d’un dépôt interrompue par une erreur interne'))
        .finally(() => {
          this.#running -= 1;
          this.#active.delete(done);
          this.kick();
        });
      this.#active.add(done);
    }
  }
}
