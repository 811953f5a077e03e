/**
 * A small pool of worker threads for a batch: each worker builds its renderer once and renders many rows. At most
 * `inFlight` jobs wait per worker, so the rows are handed out as fast as the workers finish them and no more.
 * As a safety net against a heap that grows from letter to letter, a worker whose heap passes `RECYCLE_HEAP_MB`
 * after a letter takes no more rows and is replaced by a fresh one once its last row is back and it has stopped.
 * A worker that dies is replaced too (its rows in progress are reported as failed, the batch goes on).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { siblingModule } from '../core/paths.ts';
import type { RenderDone, RenderJob, RenderSetup } from './render-task.ts';

/** Absolute URL of tsx's ESM API, so a worker loads the TypeScript task whatever loaded the caller. */
const TSX_API = import.meta.resolve('tsx/esm/api');

/** The task module (its .js twin when this file runs compiled from dist/). */
const TASK = siblingModule(import.meta.url, 'render-task').href;

/**
 * The worker's entry point (CommonJS, evaluated): registers tsx for a TypeScript task, imports the task once, and
 * answers each job with the letter's bytes (transferred, not copied) or the error's class and stack frames (never
 * its message, which may quote the row's data).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { getHeapStatistics } = require('node:v8');
const quiet = () => true;
process.stdout.write = quiet;
for (const method of ['log', 'info', 'warn', 'debug', 'trace']) console[method] = () => undefined;
const ready = (new URL(workerData.task).pathname.endsWith('.ts') ? import(workerData.tsx).then((t) => t.register()) : Promise.resolve())
  .then(() => import(workerData.task));
parentPort.on('message', (job) => {
  ready
    .then((task) => task.renderJob(workerData.setup, job))
    .then((done) => {
      const transfer = [done.pdf.buffer];
      if (done.docx) transfer.push(done.docx.buffer);
      parentPort.postMessage({ kind: 'done', done, heapBytes: getHeapStatistics().used_heap_size }, transfer);
    }, (error) => parentPort.postMessage({
      kind: 'error', id: job.id,
      name: error instanceof Error ? String(error.name) : typeof error,
      frames: error instanceof Error && typeof error.stack === 'string' ? error.stack.split('\\n').filter((l) => /^\\s+at /.test(l)).slice(0, 12).map((l) => l.trim()) : [],
    }));
});
`;

/** A rendering that failed in a worker: the error's class and frames only. */
export class WorkerRenderError extends Error {
  constructor(
    readonly errorName: string,
    readonly frames: string[],
  ) {
    super(`${errorName} in a batch worker`);
    this.name = 'WorkerRenderError';
    this.stack = `${this.name}: ${this.message}\n${frames.map((f) => `    ${f}`).join('\n')}`;
  }
}

/**
 * Each worker's heap: a small young generation and a capped old one make V8 collect often, which keeps the batch's
 * resident memory down (a letter needs a few MiB; the renderer and its fonts about 60).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/** Worker deaths in a row (no letter made in between) after which the batch stops. */
const MAX_FAILURES_IN_A_ROW = 3;

/** Heap size past which a worker is replaced after its current rows, in MiB. */
export const RECYCLE_HEAP_MB = 96;

type WorkerReply = { kind: 'done'; done: RenderDone; heapBytes: number } | { kind: 'error'; id: number; name: string; frames: string[] };

interface Pending {
  resolve: (done: RenderDone) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  busy: number;
  /** Takes no more rows: replaced once its last one is back. */
  retiring: boolean;
}

/** Returns how many workers a batch uses by default: one per core, at most 4, at least 1. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Renders jobs on `size` workers; see the module comment. */
export class RenderPool {
  readonly #workers: PoolWorker[] = [];
  readonly #pending = new Map<number, Pending & { owner: PoolWorker }>();
  readonly #waiting: Array<() => void> = [];
  readonly #inFlight: number;
  #closed = false;
  #failuresInARow = 0;

  readonly #setup: RenderSetup;
  /** Workers started, replacements included (for the benchmark's report). */
  started = 0;

  constructor(setup: RenderSetup, size: number, inFlight = 2) {
    this.#setup = setup;
    this.#inFlight = inFlight;
    for (let i = 0; i < size; i++) this.#workers.push(this.#start());
  }

  #start(): PoolWorker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { setup: this.#setup, task: TASK, tsx: TSX_API }, resourceLimits: WORKER_LIMITS });
    const entry: PoolWorker = { worker, busy: 0, retiring: false };
    worker.on('message', (reply: WorkerReply) => this.#settle(entry, reply));
    worker.on('error', (e) => this.#fail(entry, e));
    worker.on('exit', (code) => {
      if (!this.#closed && !entry.retiring) this.#fail(entry, new Error(`batch worker exited with code ${code}`));
    });
    this.started++;
    return entry;
  }

  /**
   * Replaces `entry` by a fresh worker once the old one has stopped (it has no row left): never two heaps for one slot
   * at once, so a replacement does not raise the batch's peak memory.
   */
  #replace(entry: PoolWorker): void {
    entry.retiring = true;
    const stopped = entry.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
    void stopped.then(() => {
      const index = this.#workers.indexOf(entry);
      if (index < 0 || this.#closed) return;
      this.#workers[index] = this.#start();
      this.#waiting.shift()?.();
    });
  }

  /** The worker threads' ids (for memory sampling by the benchmark). */
  get threadIds(): number[] {
    return this.#workers.map((w) => w.worker.threadId);
  }

  /** Waits for a free slot, then returns the job's result to come (the wait is the backpressure). */
  async submit(job: RenderJob): Promise<{ result: Promise<RenderDone> }> {
    let free = this.#freeWorker();
    while (free === undefined) {
      if (this.#closed) throw new Error('the batch pool is closed');
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
      free = this.#freeWorker();
    }
    const owner = free;
    owner.busy++;
    const result = new Promise<RenderDone>((resolve, reject) => this.#pending.set(job.id, { resolve, reject, owner }));
    owner.worker.postMessage(job);
    return { result };
  }

  /** Stops every worker (pending jobs fail). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#pending.values()) p.reject(new Error('the batch pool is closed'));
    this.#pending.clear();
    for (const wake of this.#waiting.splice(0)) wake();
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
  }

  #freeWorker(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const w of this.#workers) if (!w.retiring && w.busy < this.#inFlight && (best === undefined || w.busy < best.busy)) best = w;
    return best;
  }

  #settle(owner: PoolWorker, reply: WorkerReply): void {
    const id = reply.kind === 'done' ? reply.done.id : reply.id;
    const pending = this.#pending.get(id);
    if (pending === undefined) return;
    this.#pending.delete(id);
    owner.busy--;
    if (reply.kind === 'done') {
      this.#failuresInARow = 0;
      if (reply.heapBytes > RECYCLE_HEAP_MB * 1024 * 1024) owner.retiring = true;
      pending.resolve(reply.done);
    } else {
      pending.reject(new WorkerRenderError(reply.name, reply.frames));
    }
    if (owner.retiring && owner.busy === 0) this.#replace(owner);
    else this.#waiting.shift()?.();
  }

  #fail(owner: PoolWorker, error: Error): void {
    if (!this.#workers.includes(owner)) return;
    // Workers that die one after the other without rendering anything will not get better: stop the batch.
    if (++this.#failuresInARow > MAX_FAILURES_IN_A_ROW) {
      this.#closed = true;
      for (const wake of this.#waiting.splice(0)) wake();
    }
    for (const [id, p] of this.#pending) {
      if (p.owner !== owner) continue;
      this.#pending.delete(id);
      p.reject(error);
    }
    owner.busy = 0;
    this.#replace(owner);
  }
}
