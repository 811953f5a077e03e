/**
 * The service's own pool of worker threads for the JSON jobs (rendering a form, validating a large body): warm
 * workers that serve run after run, with the limits of src/pdf/sandbox.ts (a heap cap, a CPU-time limit on the
 * worker thread with a wall-clock backstop, every way a worker can die turned into an error value), but a lifecycle
 * made for a steady stream of short jobs:
 *
 * - a worker serves MAX_RUNS_PER_WORKER runs (the sandbox's 1,000 are a few seconds at the service's rendering rate),
 *   and its replacement is started ahead and takes its place only once its task is loaded, so no request ever waits
 *   for a worker to start (loading the task and the renderer's first use cost more than a second of CPU, on the
 *   cores that serve the other requests);
 * - a worker whose heap, after a run, holds more than HEAP_RECYCLE_SHARE of its cap is retired at once, replaced the
 *   same way;
 * - a worker that timed out, died or threw is never reused;
 * - idle workers end after IDLE_WORKER_MS, except the pool's last one, which stays warm;
 * - the CPU time of a run is read from /proc only for runs longer than one poll period (most take milliseconds).
 *
 * The uploaded PDFs (dossiers, justificatifs) stay in src/pdf/sandbox.ts's workers, made for hostile files.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { internalError } from '../src/core/incident.ts';
import { failure, type Result } from '../src/core/issues.ts';
import { threadCpuMs } from '../src/pdf/sandbox.ts';

/** Runs a worker serves before a replacement started ahead takes its place. */
export const MAX_RUNS_PER_WORKER = 100_000;
/** A worker whose heap, after a run, holds more than this share of its cap is replaced. */
export const HEAP_RECYCLE_SHARE = 0.75;
/**
 * How long an idle worker is kept warm, in milliseconds, unless it is the pool's last worker: that one stays warm
 * (its memory, about 80 MiB, for no cold start, more than a second of CPU, on the first rendering after a pause).
 */
export const IDLE_WORKER_MS = 30_000;
/** The wall-clock backstop, as a multiple of the CPU time limit. */
export const WALL_CLOCK_FACTOR = 5;
/** How often a running job's CPU time is checked, in milliseconds. */
const POLL_MS = 250;
/** Young generation and stack of a worker, in MiB (as the sandbox's). */
const YOUNG_GENERATION_MB = 32;
const STACK_MB = 4;
/** Where errors made by the pool itself point (the request, not a field of it). */
const SUBJECT = 'requête';

/** Absolute URL of tsx's ESM API, for workers that load a TypeScript task. */
const TSX_API = import.meta.resolve('tsx/esm/api');

/** The limits of every job of a pool. */
export interface PoolLimits {
  /** CPU time of the worker thread a job may use, in ms: DELAI_DEPASSE. */
  cpuMs: number;
  /** Heap of a worker, in MiB. */
  memoryMb: number;
  /** Runs a worker serves before its replacement is started (default MAX_RUNS_PER_WORKER). */
  maxRuns?: number;
  /** How long an idle worker other than the last is kept, in ms (default IDLE_WORKER_MS). */
  idleMs?: number;
}

/** What a worker sends: its thread id, `ready` once its task is loaded, then each run's value or exception. */
type WorkerMessage =
  | { kind: 'thread'; tid: number | null }
  | { kind: 'ready' }
  | { id: number; kind: 'result'; value: unknown; heapBytes: number }
  | { id: number; kind: 'exception'; exhausted: 'pile' | 'memoire' | null; name: string; frames: string[] };

/**
 * The worker's entry point (CommonJS, evaluated): silences its console, sends its thread id, loads the task (tsx
 * registered first for a .ts task) and says `ready`, then runs the task for each message and posts the value (with
 * the buffers the task's `transferables` names, moved) or the exception's class and stack frames (never its message).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
const { getHeapStatistics } = require('node:v8');
const quiet = () => true;
process.stdout.write = quiet;
process.stderr.write = quiet;
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']) console[method] = () => undefined;
let tid = null;
try {
  const match = /\\/task\\/(\\d+)$/.exec(readlinkSync('/proc/thread-self'));
  if (match) tid = Number(match[1]);
} catch {}
parentPort.postMessage({ kind: 'thread', tid });
const loaded = (new URL(workerData.task).pathname.endsWith('.ts') ? import(workerData.tsx).then((tsx) => tsx.register()) : Promise.resolve())
  .then(() => import(workerData.task))
  .then((mod) => {
    if (typeof mod.run !== 'function') throw new TypeError('the task does not export run()');
    return mod;
  });
loaded.then(() => parentPort.postMessage({ kind: 'ready' }), () => undefined);
const exhausted = (error) => {
  if (!(error instanceof RangeError)) return null;
  if (/call stack/.test(error.message)) return 'pile';
  if (/allocation failed|Invalid (typed )?array length|Invalid string length|Array buffer/i.test(error.message)) return 'memoire';
  return null;
};
const describe = (id, error) => ({
  id,
  kind: 'exception',
  exhausted: exhausted(error),
  name: error instanceof Error ? String(error.name) : typeof error,
  frames: error instanceof Error && typeof error.stack === 'string'
    ? error.stack.split('\\n').filter((line) => /^\\s+at /.test(line)).slice(0, 12).map((line) => line.trim())
    : [],
});
parentPort.on('message', ({ id, input }) => {
  loaded
    .then((mod) => Promise.resolve(mod.run(input)).then((value) => [value, typeof mod.transferables === 'function' ? mod.transferables(value) : []]))
    .then(([value, transfer]) => {
      try { parentPort.postMessage({ id, kind: 'result', value, heapBytes: getHeapStatistics().used_heap_size }, transfer); }
      catch (error) { parentPort.postMessage(describe(id, error)); }
    }, (error) => parentPort.postMessage(describe(id, error)));
});
`;

/** A worker of the pool. */
interface PoolWorker {
  worker: Worker;
  tid: number | null | undefined;
  runs: number;
  idleTimer: NodeJS.Timeout | undefined;
  /** Whether a replacement is on its way (the worker serves until the replacement is ready). */
  retiring: boolean;
  /** Set once the replacement is ready: the worker ends as soon as it is idle. */
  replaced: boolean;
}

/** Warm workers running one task module, at most `size` idle at once; see the module comment. */
export class ServicePool {
  readonly #task: URL;
  readonly #limits: PoolLimits;
  readonly #size: number;
  readonly #idle: PoolWorker[] = [];
  #nextId = 0;
  #started = 0;
  /** Jobs running now. */
  #busy = 0;

  constructor(task: URL, limits: PoolLimits, size = Math.max(1, availableParallelism())) {
    this.#task = task;
    this.#limits = limits;
    this.#size = size;
  }

  /** Returns how many workers this pool has started so far (the cold starts it paid for). */
  get started(): number {
    return this.#started;
  }

  /** Returns the task's value for `input` (its own failures pass through), or DELAI_DEPASSE, PDF_ILLISIBLE (a worker that died of its caps) or ERREUR_INTERNE. */
  run<O>(input: unknown, transfer: ArrayBuffer[] = []): Promise<Result<O>> {
    const id = ++this.#nextId;
    const limits = this.#limits;
    let pooled: PoolWorker;
    try {
      pooled = this.#take();
    } catch (error) {
      return Promise.resolve({ ok: false, erreur: internalError('service pool: start of a worker', error, SUBJECT) });
    }
    pooled.runs += 1;
    this.#busy += 1;
    return new Promise<Result<O>>((resolve) => {
      let settled = false;
      /** The worker's CPU time at the first poll of this run: a run is held to its limit from then on (a poll period is negligible beside the limit). */
      let baseline: number | undefined;
      const settle = (outcome: Result<O>, reusable: boolean, heapBytes = 0): void => {
        if (settled) return;
        settled = true;
        this.#busy -= 1;
        clearInterval(poll);
        clearTimeout(backstop);
        pooled.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (!reusable) {
          pooled.worker.terminate().catch(() => undefined);
          this.#forget(pooled);
        } else if (heapBytes > limits.memoryMb * HEAP_RECYCLE_SHARE * 1024 * 1024) {
          // Retired at once (a later job must not run out of memory in its place); its replacement loads meanwhile.
          pooled.worker.terminate().catch(() => undefined);
          this.#startReplacement(undefined);
        } else {
          this.#giveBack(pooled);
        }
        resolve(outcome);
      };
      const overLimit = (): boolean => {
        if (pooled.tid === null) return false;
        if (pooled.tid === undefined) return false;
        const used = threadCpuMs(pooled.tid);
        if (used === undefined) return false;
        baseline ??= used;
        return used - baseline > limits.cpuMs;
      };
      const onMessage = (message: WorkerMessage): void => {
        if (!('id' in message) || message.id !== id) return;
        if (message.kind === 'result') {
          const value = message.value;
          const result = isResult<O>(value) ? value : ({ ok: true, valeur: value } as Result<O>);
          settle(result, true, message.heapBytes);
          return;
        }
        if (message.exhausted !== null) settle(died(message.exhausted === 'pile' ? 'la pile du lecteur est épuisée' : 'la mémoire accordée au lecteur est épuisée'), false);
        else settle({ ok: false, erreur: internalError(`service pool task ${taskName(this.#task)}`, rebuiltError(message.name, message.frames), SUBJECT) }, false);
      };
      const onError = (error: Error): void => settle(died(describeDeath(error)), false);
      const onExit = (code: number): void => settle(died(`le lecteur s’est arrêté avec le code ${code}`), false);
      const poll = setInterval(() => {
        // Without a thread id (not Linux), the wall-clock backstop alone bounds the run.
        if (overLimit()) settle(timedOut(limits.cpuMs, true), false);
      }, POLL_MS);
      const backstop = setTimeout(() => settle(timedOut(limits.cpuMs * WALL_CLOCK_FACTOR, false), false), limits.cpuMs * WALL_CLOCK_FACTOR);
      pooled.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      pooled.worker.ref();
      pooled.worker.postMessage({ id, input }, transfer);
    });
  }

  /** Returns an idle warm worker, or a new one (its first run waits for its task to load). */
  #take(): PoolWorker {
    const warm = this.#idle.pop();
    if (warm !== undefined) {
      clearTimeout(warm.idleTimer);
      warm.idleTimer = undefined;
      return warm;
    }
    return this.#start();
  }

  /** Returns a new worker, started (not in the idle list). */
  #start(): PoolWorker {
    this.#started += 1;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { tsx: TSX_API, task: this.#task.href },
      resourceLimits: { maxOldGenerationSizeMb: this.#limits.memoryMb, maxYoungGenerationSizeMb: Math.min(YOUNG_GENERATION_MB, this.#limits.memoryMb), stackSizeMb: STACK_MB },
    });
    const pooled: PoolWorker = { worker, tid: undefined, runs: 0, idleTimer: undefined, retiring: false, replaced: false };
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'thread') pooled.tid = message.tid;
    });
    // A worker that ends while idle leaves the pool; its error is not a caller's (an 'error' without listener would throw here).
    worker.once('exit', () => this.#forget(pooled));
    worker.on('error', () => undefined);
    return pooled;
  }

  /**
   * Starts a worker that joins the idle list once its task is loaded; then `retired` (if any) ends as soon as it is
   * idle. Until then `retired` keeps serving, so the pool never lacks a warm worker while the new one loads.
   */
  #startReplacement(retired: PoolWorker | undefined): void {
    const fresh = this.#start();
    fresh.worker.unref();
    fresh.worker.on('message', (message: WorkerMessage) => {
      if (message.kind !== 'ready') return;
      // The retired worker leaves first, so the fresh one finds room in the idle list.
      if (retired !== undefined) {
        retired.replaced = true;
        if (this.#idle.includes(retired)) {
          this.#forget(retired);
          retired.worker.terminate().catch(() => undefined);
        }
      }
      this.#giveBack(fresh);
    });
  }

  /** Puts a worker that finished cleanly back in the idle list (or ends it: replaced, or enough are idle). */
  #giveBack(pooled: PoolWorker): void {
    if (pooled.replaced || this.#idle.length >= this.#size) {
      this.#forget(pooled);
      pooled.worker.terminate().catch(() => undefined);
      return;
    }
    if (pooled.runs >= (this.#limits.maxRuns ?? MAX_RUNS_PER_WORKER) && !pooled.retiring) {
      pooled.retiring = true;
      this.#startReplacement(pooled);
    }
    // An idle worker never keeps the process alive.
    pooled.worker.unref();
    pooled.idleTimer = setTimeout(() => {
      pooled.idleTimer = undefined;
      // The last worker of an idle pool stays warm (see IDLE_WORKER_MS).
      if (this.#busy === 0 && this.#idle.length === 1 && this.#idle[0] === pooled) return;
      this.#forget(pooled);
      pooled.worker.terminate().catch(() => undefined);
    }, this.#limits.idleMs ?? IDLE_WORKER_MS);
    pooled.idleTimer.unref();
    this.#idle.push(pooled);
  }

  /** Removes a worker from the idle list. */
  #forget(pooled: PoolWorker): void {
    clearTimeout(pooled.idleTimer);
    const at = this.#idle.indexOf(pooled);
    if (at >= 0) this.#idle.splice(at, 1);
  }
}

/** Returns whether a task's return value is already a Result. */
function isResult<O>(value: unknown): value is Result<O> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return (value.ok === true && 'valeur' in value) || (value.ok === false && 'erreur' in value);
}

/** Returns an error standing for the worker's: its class and stack frames (its message never left the worker). */
function rebuiltError(name: string, frames: readonly string[]): Error {
  const error = new Error();
  error.name = name;
  error.stack = [name, ...frames.map((frame) => `    ${frame}`)].join('\n');
  return error;
}

/** Returns the file name of a task module, for the incident log. */
function taskName(task: URL): string {
  return task.pathname.slice(task.pathname.lastIndexOf('/') + 1);
}

/** Returns the French reason a worker died, from its error. */
function describeDeath(error: Error): string {
  const code = (error as Error & { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'la mémoire accordée au lecteur est épuisée';
  if (error instanceof RangeError) return 'la pile du lecteur est épuisée';
  return 'le lecteur s’est arrêté brutalement';
}

/** Returns the failure of a job whose worker died of its caps (the code the sandbox gives, for the same answers). */
function died<O>(reason: string): Result<O> {
  return failure('PDF_ILLISIBLE', SUBJECT, `La requête n’a pas pu être traitée : les ressources accordées ont été dépassées (${reason})`);
}

/** Returns the failure of a job stopped by its CPU time limit (`cpu`) or by the wall-clock backstop. */
function timedOut<O>(ms: number, cpu: boolean): Result<O> {
  const seconds = (ms / 1000).toLocaleString('fr-FR');
  return failure('DELAI_DEPASSE', SUBJECT, `La requête n’a pas pu être traitée en ${cpu ? `${seconds} s de calcul` : `${seconds} s`} : le traitement a été interrompu`);
}
