/**
 * Runs a task on hostile input in a `worker_threads` Worker: a capped heap, a time limit on the worker thread's own
 * CPU time (what the file makes us compute, not time spent waiting for a busy machine) with a wall-clock backstop,
 * and every way the worker can die turned into an error value. The calling process never crashes or hangs because
 * of what the task met, and never waits for an idle worker to exit. Workers are kept warm between runs of the same
 * task (see `runInWorker`).
 *
 * A task is a module (usually TypeScript) exporting `run(input): Promise<O>`; when it returns a `Result`, its
 * failures pass through unchanged. It may also export `transferables(value): ArrayBuffer[]`, the buffers of a result
 * it keeps no reference to, which are then moved to the caller instead of copied. An exception the task throws is a defect of Paperasse (`ERREUR_INTERNE`, logged
 * with its class and stack frames, never its message); only a stack overflow or an exhausted heap or buffer
 * allocation, which a hostile file can cause, is reported as the file's problem. The worker loads `.ts` modules
 * through tsx (a runtime dependency) whatever loaded the caller: `npx tsx`, vitest, or `node` with tsx registered
 * (as src/cli/paperasse.mjs does).
 *
 * Why not `execArgv: ['--import', 'tsx']`: on Node 20 the worker still cannot load .ts files. Node skips `--import` for
 * `eval` workers, and for file workers tsx's loader does run but registers its hooks on the main thread only (it
 * registers in workers only on Node versions that have `isInternalThread`). So the worker calls `register()` from
 * `tsx/esm/api` itself before importing the task, and `execArgv` is emptied so the parent's flags (vitest's,
 * tsx's) are not inherited.
 *
 * Why the worker silences its own console instead of the parent reading `worker.stdout`: a parent-side stdio stream
 * that is being read keeps the worker's internal port referenced, and `worker.unref()` does not release it, so an
 * idle warm worker kept a finished CLI alive until its idle timer ended.
 *
 * CPU time: Node 20 has no per-thread CPU clock, so on Linux the worker sends its thread id (read from
 * `/proc/thread-self`) and the parent polls `/proc/self/task/<tid>/stat` (utime + stime). Where that is not
 * available the limit falls back to wall-clock time.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { internalError } from '../core/incident.ts';
import { failure, type Result } from '../core/issues.ts';
import type { PdfLimits } from './limits.ts';

/** Which resource a task's exception says was exhausted (a hostile file can cause it), if any. */
type Exhausted = 'pile' | 'memoire' | null;

/** What the worker sends: its thread id once at start, then for each run the task's return value or why it threw; `ready` once its task is loaded when it was started ahead of need. */
type WorkerMessage<O> =
  | { kind: 'thread'; tid: number | null }
  | { id: number; kind: 'result'; value: O; heapBytes: number }
  | { id: number; kind: 'exception'; exhausted: Exhausted; name: string; frames: string[] }
  | { kind: 'ready' }
  | { kind: 'unready' };

/** Options of one sandboxed run. */
export interface SandboxOptions {
  /** The file name used as `chemin` and in the messages of the errors the sandbox itself produces. */
  nom?: string;
  /** Buffers moved to the worker instead of copied; they are detached (empty) in the caller afterwards. */
  transfer?: ArrayBuffer[];
  /**
   * Clean runs a worker serves before it is replaced (default MAX_RUNS_PER_WORKER), fixed when the worker starts.
   * Tasks that never see a user's PDF (rendering, validation of JSON) run many more: each replacement costs a start.
   */
  maxRuns?: number;
  /**
   * How long, in ms, a worker watches for its next run after each outcome before it sleeps (default 0: it sleeps at
   * once), fixed when the worker starts. On this machine a sleeping thread takes 0.7 to 1 ms to wake (measured), a
   * large share of a short run's hand-off; watching costs at most this much CPU after a worker's last run.
   */
  spinMs?: number;
}

/** The limits the sandbox enforces itself (the others are for the task); `timeoutMs` is CPU time of the worker thread. */
export type SandboxLimits = Pick<PdfLimits, 'timeoutMs' | 'maxMemoryMb'>;

/** Absolute URL of tsx's ESM API, resolved here so the worker finds it whatever the current directory. */
const TSX_API = import.meta.resolve('tsx/esm/api');

/** Young generation of the worker's heap, in MiB (V8's default is of the same order). */
const YOUNG_GENERATION_MB = 32;
/** Stack of the worker, in MiB: deep recursion ends in a RangeError the task can catch. */
const STACK_MB = 4;
/**
 * Runs one worker serves before it is replaced by a fresh one. Starting a worker (tsx, the task's modules, their
 * compilation) costs seconds, so it is replaced rarely: sooner only when its heap grows (see HEAP_RECYCLE_SHARE).
 */
export const MAX_RUNS_PER_WORKER = 1000;
/** A worker whose heap, after a run, holds more than this share of its cap is replaced before a later file needs that memory. */
export const HEAP_RECYCLE_SHARE = 0.75;
/** How long an idle worker is kept warm, in milliseconds. */
export const IDLE_WORKER_MS = 30_000;
/** The wall-clock backstop, as a multiple of the CPU time limit: it stops a worker stuck off-CPU. */
export const WALL_CLOCK_FACTOR = 5;
/** Linux reports thread CPU times in clock ticks of 1/100 s (USER_HZ, fixed for user space). */
const TICKS_PER_SECOND = 100;

/**
 * The worker's entry point (CommonJS, evaluated): silences its console (libraries print warnings about hostile
 * files, such as pdf-lib's "Trying to parse invalid object"), sends its thread id, registers tsx and imports the
 * task once, then runs it for each message and posts the outcome under the message's id. An exception is sent as
 * its class and stack frames, never its message (which may quote the file); a value that cannot be cloned is
 * reported as an exception.
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
let loaded;
// Once per worker: tsx's register() adds a loader to the chain on every call, and each later import() then runs
// every loader added so far through a synchronous round trip to the loader thread.
const load = () => {
  // A compiled task (.js, from dist/) needs no loader; a TypeScript one registers tsx first.
  loaded ??= (new URL(workerData.task).pathname.endsWith('.ts')
    ? import(workerData.tsx).then((tsx) => tsx.register())
    : Promise.resolve())
    .then(() => import(workerData.task))
    .then((mod) => {
      if (typeof mod.run !== 'function') throw new TypeError('the task does not export run()');
      return mod;
    });
  return loaded;
};
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
const send = (message, transfer = []) => {
  try { parentPort.postMessage(message, transfer); }
  catch (error) { parentPort.postMessage(describe(message.id, error)); }
};
// A task may export transferables(value): buffers of its result that it no longer uses, moved instead of copied.
// A worker of a pool that asks for it (spinMs) watches for the next message after each outcome before it sleeps: a
// sleeping thread (here, a halted virtual CPU) takes most of a millisecond to wake, and files read one after the other
// arrive sooner than that.
const { receiveMessageOnPort } = require('node:worker_threads');
const awaitNext = () => {
  if (!(workerData.spinMs > 0)) return;
  const until = performance.now() + workerData.spinMs;
  while (performance.now() < until) {
    const next = receiveMessageOnPort(parentPort);
    if (next !== undefined) return handle(next.message);
  }
};
const handle = ({ id, input, prepare }) => {
  // A worker started ahead of need loads its task and says so, without running it.
  if (prepare) {
    load().then(() => parentPort.postMessage({ kind: 'ready' }), () => parentPort.postMessage({ kind: 'unready' }));
    return;
  }
  load()
    .then((mod) => Promise.resolve(mod.run(input)).then((value) => [value, typeof mod.transferables === 'function' ? mod.transferables(value) : []]))
    .then(([value, transfer]) => send({ id, kind: 'result', value, heapBytes: getHeapStatistics().used_heap_size }, transfer), (error) => send(describe(id, error)))
    .then(awaitNext);
};
parentPort.on('message', handle);
`;

/** A worker of the pool: what it runs, how many runs it served, its thread id once known, its idle timer while it waits. */
interface PooledWorker {
  worker: Worker;
  key: string;
  /** What the worker runs and its limits: a worker retired after clean runs is replaced by one started with them. */
  task: URL;
  limits: SandboxLimits;
  runs: number;
  /** Clean runs it serves before its replacement is started. */
  maxRuns: number;
  /** How long it watches for its next run before it sleeps (ms). */
  spinMs: number;
  /** Its replacement is loading: it keeps serving meanwhile. */
  retiring: boolean;
  /** Its replacement is loaded: it ends instead of going back to the idle list. */
  replaced: boolean;
  /** The worker's Linux thread id; null when it cannot be known (CPU time then falls back to wall-clock time). */
  tid: number | null | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

/** Idle warm workers, by task, heap cap and runs per worker (fixed when a worker starts): pools never share a worker. */
const idleWorkers = new Map<string, PooledWorker[]>();
let nextRunId = 0;
/** Workers started by this process's sandbox (see `workersStarted`). */
let startedCount = 0;

/** Returns how many workers the sandbox has started in this process: what a warm pool saves is seen there. */
export function workersStarted(): number {
  return startedCount;
}

/**
 * Returns the task's outcome; DELAI_DEPASSE when the worker thread used more than `timeoutMs` of CPU time (or ran
 * WALL_CLOCK_FACTOR times that long by the clock); PDF_ILLISIBLE when it died of its heap or stack cap; ERREUR_INTERNE
 * when the task threw. Workers are kept warm between runs (loading tsx and the task costs most of a short run): a
 * worker that timed out, died or threw is never reused; after `maxRuns` clean runs (MAX_RUNS_PER_WORKER) a worker keeps
 * serving while its replacement loads, and ends once the replacement is ready; one whose heap outgrows
 * HEAP_RECYCLE_SHARE of its cap is replaced at once; one idle for IDLE_WORKER_MS ends. An idle worker never keeps the
 * process alive.
 */
export function runInWorker<I, O>(
  task: URL,
  input: I,
  limits: SandboxLimits,
  options: SandboxOptions = {},
): Promise<Result<O>> {
  const name = options.nom ?? '';
  const id = ++nextRunId;
  return new Promise((resolve) => {
    let settled = false;
    let pooled: PooledWorker | undefined;
    const started = Date.now();
    /** CPU time the worker had used when this run started, in ms; undefined until its thread id is known. */
    let baseline: number | undefined;
    const onMessage = (message: WorkerMessage<O>): void => {
      if (message.kind === 'thread') baseline = 0;
      else if (message.kind === 'ready' || message.kind === 'unready' || message.id !== id) return;
      // A run that ended between two polls is still held to its limit.
      else if (overLimit()) settle(timedOut(name, limits.timeoutMs, pooled?.tid !== null), false);
      else {
        // A worker that refused its file is not reused: what a hostile file left behind (heap, buffers, caches) must
        // never make the next file fail in its place. One retired for its heap after a clean run is replaced at once.
        const clean = message.kind === 'result' && !isFailure(message.value);
        const roomy = message.kind === 'result' && message.heapBytes <= limits.maxMemoryMb * HEAP_RECYCLE_SHARE * 1024 * 1024;
        const retired = pooled;
        settle(fromMessage(message, name, task), clean && roomy);
        if (clean && !roomy && retired !== undefined) replace(retired);
      }
    };
    /** Returns whether this run used more than its CPU time (its wall-clock time where CPU time cannot be read). */
    const overLimit = (): boolean => {
      if (pooled === undefined || pooled.tid === undefined) return false;
      const elapsed = Date.now() - started;
      if (pooled.tid === null) return elapsed > limits.timeoutMs;
      // One thread cannot use more CPU time than the time gone by: a run shorter than its limit is within it.
      if (baseline !== undefined && elapsed <= limits.timeoutMs) return false;
      const used = threadCpuMs(pooled.tid);
      if (used === undefined) return false;
      baseline ??= used;
      return used - baseline > limits.timeoutMs;
    };
    const onError = (error: Error): void => settle(died(name, describeDeath(error)), false);
    const onExit = (code: number): void => settle(died(name, `le lecteur s’est arrêté avec le code ${code}`), false);
    const settle = (outcome: Result<O>, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      clearInterval(poll);
      if (pooled !== undefined) {
        pooled.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reusable) giveBack(pooled);
        // Terminating is not awaited: a worker stuck in native code must not keep the caller waiting.
        else pooled.worker.terminate().catch(() => undefined);
      }
      resolve(outcome);
    };
    const backstop = setTimeout(() => settle(timedOut(name, limits.timeoutMs * WALL_CLOCK_FACTOR, false), false), limits.timeoutMs * WALL_CLOCK_FACTOR);
    const poll = setInterval(() => {
      if (overLimit()) settle(timedOut(name, limits.timeoutMs, pooled?.tid !== null), false);
    }, Math.min(250, Math.max(20, Math.floor(limits.timeoutMs / 20))));
    try {
      pooled = take(task, limits, options.maxRuns ?? MAX_RUNS_PER_WORKER, options.spinMs ?? 0);
      pooled.runs += 1;
      if (typeof pooled.tid === 'number') baseline = threadCpuMs(pooled.tid);
      pooled.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      pooled.worker.postMessage({ id, input }, options.transfer ?? []);
    } catch (error) {
      settle({ ok: false, erreur: internalError('sandbox: start of the worker', error, name) }, false);
    }
  });
}

/** Returns the CPU time (user + system) a thread of this process has used, in ms, or undefined when it cannot be read. */
export function threadCpuMs(tid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
    // Fields after the command name (which may hold spaces): state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** Returns an idle warm worker for the task and limits, or a new one. */
function take(task: URL, limits: SandboxLimits, maxRuns: number, spinMs: number): PooledWorker {
  const key = `${task.href}|${limits.maxMemoryMb}|${maxRuns}|${spinMs}`;
  const warm = idleWorkers.get(key)?.pop();
  if (warm !== undefined) {
    clearTimeout(warm.idleTimer);
    warm.idleTimer = undefined;
    warm.worker.ref();
    return warm;
  }
  return startPooled(task, limits, key, maxRuns, spinMs);
}

/** Returns a new worker of the pool for the task and limits (not yet in the idle list). */
function startPooled(task: URL, limits: SandboxLimits, key: string, maxRuns: number, spinMs: number): PooledWorker {
  startedCount += 1;
  const pooled: PooledWorker = { worker: startWorker(task, limits, spinMs), key, task, limits, runs: 0, maxRuns, spinMs, retiring: false, replaced: false, tid: undefined, idleTimer: undefined };
  pooled.worker.on('message', (message: WorkerMessage<unknown>) => {
    if (message.kind === 'thread') pooled.tid = message.tid;
  });
  // An idle worker that ends for any reason leaves the pool; its error, if any, is not the caller's (an EventEmitter
  // 'error' without a listener would throw in this thread).
  pooled.worker.once('exit', () => forget(pooled));
  pooled.worker.on('error', () => undefined);
  return pooled;
}

/**
 * Starts the replacement of a worker retired after clean runs (its run count or its heap). The replacement loads its
 * task ahead of need (hundreds of milliseconds that queued runs would otherwise wait): a worker retired for its run
 * count keeps serving meanwhile, and ends once the replacement is ready, which then takes its place in the idle list.
 * A replacement that cannot load its task ends, and the retiring worker serves on until a later run retries.
 */
function replace(retired: PooledWorker): void {
  const fresh = startPooled(retired.task, retired.limits, retired.key, retired.maxRuns, retired.spinMs);
  fresh.worker.unref();
  const onMessage = (message: WorkerMessage<unknown>): void => {
    if (message.kind === 'ready') {
      fresh.worker.off('message', onMessage);
      endRetired(retired);
      giveBack(fresh);
    } else if (message.kind === 'unready') {
      fresh.worker.off('message', onMessage);
      retired.retiring = false;
      fresh.worker.terminate().catch(() => undefined);
    }
  };
  fresh.worker.on('message', onMessage);
  fresh.worker.postMessage({ prepare: true });
}

/** Ends a worker whose replacement is ready: now when it is idle, else when its run ends (see `giveBack`). */
function endRetired(retired: PooledWorker): void {
  retired.replaced = true;
  const idle = idleWorkers.get(retired.key);
  if (idle === undefined || !idle.includes(retired)) return;
  forget(retired);
  retired.worker.terminate().catch(() => undefined);
}

/** Keeps a worker that finished cleanly for the next run, unless it was replaced or enough are idle already; starts its replacement once it served its runs. */
function giveBack(pooled: PooledWorker): void {
  const idle = idleWorkers.get(pooled.key) ?? [];
  if (pooled.replaced || idle.length >= availableParallelism()) {
    pooled.worker.terminate().catch(() => undefined);
    return;
  }
  if (pooled.runs >= pooled.maxRuns && !pooled.retiring) {
    pooled.retiring = true;
    replace(pooled);
  }
  // An idle worker never keeps the process alive (a CLI run ends as soon as its work is done).
  pooled.worker.unref();
  pooled.idleTimer = setTimeout(() => {
    forget(pooled);
    pooled.worker.terminate().catch(() => undefined);
  }, IDLE_WORKER_MS);
  pooled.idleTimer.unref();
  idle.push(pooled);
  idleWorkers.set(pooled.key, idle);
}

/** Removes a worker from the idle pool. */
function forget(pooled: PooledWorker): void {
  clearTimeout(pooled.idleTimer);
  const idle = idleWorkers.get(pooled.key);
  const at = idle?.indexOf(pooled) ?? -1;
  if (idle !== undefined && at >= 0) idle.splice(at, 1);
}

/** Returns whether a task's value is a failed Result (a refused file). */
function isFailure(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/** Returns a started worker for `task` with the heap and stack caps; it waits for runs (watching `spinMs` for each next one). */
function startWorker(task: URL, limits: SandboxLimits, spinMs: number): Worker {
  return new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { tsx: TSX_API, task: task.href, spinMs },
    resourceLimits: {
      maxOldGenerationSizeMb: limits.maxMemoryMb,
      maxYoungGenerationSizeMb: Math.min(YOUNG_GENERATION_MB, limits.maxMemoryMb),
      stackSizeMb: STACK_MB,
    },
  });
}

/** Returns the Result a worker message stands for (a task's own failures pass through unchanged). */
function fromMessage<O>(message: Exclude<WorkerMessage<O>, { kind: 'thread' } | { kind: 'ready' } | { kind: 'unready' }>, name: string, task: URL): Result<O> {
  if (message.kind === 'result') return isResult<O>(message.value) ? message.value : { ok: true, valeur: message.value };
  if (message.exhausted === 'pile') return died(name, 'la pile du lecteur est épuisée');
  if (message.exhausted === 'memoire') return died(name, 'la mémoire accordée au lecteur est épuisée');
  return { ok: false, erreur: internalError(`sandbox task ${taskName(task)}`, rebuiltError(message.name, message.frames), name) };
}

/** Returns an error standing for the worker's: its class and stack frames (its message never left the worker). */
function rebuiltError(name: string, frames: readonly string[]): Error {
  const error = new Error();
  error.name = name;
  error.stack = [name, ...frames.map((frame) => `    at ${frame}`)].join('\n');
  return error;
}

/** Returns the file name of a task module, for the incident log. */
function taskName(task: URL): string {
  return task.pathname.slice(task.pathname.lastIndexOf('/') + 1);
}

/** Returns whether a task's return value is already a Result. */
function isResult<O>(value: unknown): value is Result<O> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return (value.ok === true && 'valeur' in value) || (value.ok === false && 'erreur' in value);
}

/** Returns the French reason a worker died, from its error. */
function describeDeath(error: Error): string {
  const code = (error as Error & { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'la mémoire accordée au lecteur est épuisée';
  if (error instanceof RangeError) return 'la pile du lecteur est épuisée';
  return 'le lecteur s’est arrêté brutalement';
}

/** Returns the failure of a worker that died. */
function died<O>(name: string, reason: string): Result<O> {
  return failure('PDF_ILLISIBLE', name, `${label(name)} n’a pas pu être lu : les ressources accordées ont été dépassées (${reason})`);
}

/** Returns the failure of a worker stopped by its CPU time limit (`cpu`) or by the wall-clock backstop. */
function timedOut<O>(name: string, ms: number, cpu: boolean): Result<O> {
  const seconds = (ms / 1000).toLocaleString('fr-FR');
  const how = cpu ? `${seconds} s de calcul` : `${seconds} s`;
  return failure('DELAI_DEPASSE', name, `${label(name)} n’a pas pu être lu en ${how} : la lecture a été interrompue`);
}

/** Returns the file name for a message, or a generic subject when there is none. */
function label(name: string): string {
  return name === '' ? 'le fichier' : name;
}
