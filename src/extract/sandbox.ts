/**
 * Runs a task on hostile input in a `worker_threads` Worker: a capped heap, a wall-clock timeout that terminates
 * the worker, and every way the worker can die turned into an error value. The calling process never crashes
 * or hangs because of what the task met. Workers are kept warm between runs of the same task (see `runInWorker`).
 *
 * A task is a module (usually TypeScript) exporting `run(input): Promise<O>`; when it returns a `Result`, its
 * failures pass through unchanged. The worker loads `.ts` modules through tsx (a runtime dependency) whatever
 * loaded the caller: `npx tsx`, vitest, or `node` with tsx registered (as src/cli/paperasse.mjs does).
 *
 * Why not `execArgv: ['--import', 'tsx']`: on Node 20 the worker still cannot load .ts files. Node skips `--import` for
 * `eval` workers, and for file workers tsx's loader does run but registers its hooks on the main thread only (it
 * registers in workers only on Node versions that have `isInternalThread`). So the worker calls `register()` from
 * `tsx/esm/api` itself before importing the task, and `execArgv` is emptied so the parent's flags (vitest's,
 * tsx's) are not inherited.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { failure, type Result } from '../core/issues.ts';
import { damaged } from './guard.ts';
import type { ExtractLimits } from './limits.ts';

/** What the worker sends back for one run: the task's return value, or why it threw. */
type WorkerMessage<O> = { id: number; kind: 'result'; value: O } | { id: number; kind: 'exception'; stackOverflow: boolean };

/** Options of one sandboxed run. */
export interface SandboxOptions {
  /** The file name used as `chemin` and in the messages of the errors the sandbox itself produces. */
  nom?: string;
  /** Buffers moved to the worker instead of copied; they are detached (empty) in the caller afterwards. */
  transfer?: ArrayBuffer[];
}

/** The limits the sandbox enforces itself (the others are for the task). */
export type SandboxLimits = Pick<ExtractLimits, 'timeoutMs' | 'maxMemoryMb'>;

/** Absolute URL of tsx's ESM API, resolved here so the worker finds it whatever the current directory. */
const TSX_API = import.meta.resolve('tsx/esm/api');

/** Young generation of the worker's heap, in MiB (V8's default is of the same order). */
const YOUNG_GENERATION_MB = 32;
/** Stack of the worker, in MiB: deep recursion ends in a RangeError the task can catch. */
const STACK_MB = 4;
/** Runs one worker serves before it is replaced by a fresh one. */
export const MAX_RUNS_PER_WORKER = 100;
/** How long an idle worker is kept warm, in milliseconds. */
export const IDLE_WORKER_MS = 30_000;

/**
 * The worker's entry point (CommonJS, evaluated): registers tsx and imports the task once, then runs it for each
 * message and posts the outcome under the message's id. A value that cannot be cloned is reported as an exception.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let loaded;
const load = () => {
  loaded ??= import(workerData.tsx)
    .then((tsx) => {
      tsx.register();
      return import(workerData.task);
    })
    .then((mod) => {
      if (typeof mod.run !== 'function') throw new Error(workerData.task + ' does not export run()');
      return mod;
    });
  return loaded;
};
const send = (message) => {
  try { parentPort.postMessage(message); }
  catch { parentPort.postMessage({ id: message.id, kind: 'exception', stackOverflow: false }); }
};
parentPort.on('message', ({ id, input }) => {
  load()
    .then((mod) => mod.run(input))
    .then(
      (value) => send({ id, kind: 'result', value }),
      (error) => send({ id, kind: 'exception', stackOverflow: error instanceof RangeError && /call stack/.test(error.message) }),
    );
});
`;

/** A worker of the pool: what it runs, how many runs it served, and its idle timer while it waits. */
interface PooledWorker {
  worker: Worker;
  key: string;
  runs: number;
  idleTimer: NodeJS.Timeout | undefined;
}

/** Idle warm workers, by task and heap cap (a worker's limits are fixed when it starts). */
const idleWorkers = new Map<string, PooledWorker[]>();
let nextRunId = 0;

/**
 * Returns the task's outcome, or DELAI_DEPASSE / PDF_ILLISIBLE when the worker times out, dies or throws.
 * Workers are kept warm between runs (loading tsx and the task costs most of a short run): a worker that timed out,
 * died or threw is never reused, and each one is replaced after MAX_RUNS_PER_WORKER runs or IDLE_WORKER_MS idle.
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
    const onMessage = (message: WorkerMessage<O>): void => {
      if (message.id === id) settle(fromMessage(message, name), message.kind === 'result');
    };
    const onError = (error: Error): void => settle(died(name, describeDeath(error)), false);
    const onExit = (code: number): void => settle(died(name, `le lecteur s’est arrêté avec le code ${code}`), false);
    const settle = (outcome: Result<O>, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (pooled !== undefined) {
        pooled.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reusable) giveBack(pooled);
        // Terminating is not awaited: a worker stuck in native code must not keep the caller waiting.
        else pooled.worker.terminate().catch(() => undefined);
      }
      resolve(outcome);
    };
    const timer = setTimeout(() => settle(timedOut(name, limits.timeoutMs), false), limits.timeoutMs);
    try {
      pooled = take(task, limits);
      pooled.runs += 1;
      pooled.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      pooled.worker.postMessage({ id, input }, options.transfer ?? []);
    } catch {
      settle(died(name, 'le lecteur n’a pas pu démarrer'), false);
    }
  });
}

/** Returns an idle warm worker for the task and limits, or a new one. */
function take(task: URL, limits: SandboxLimits): PooledWorker {
  const key = `${task.href}|${limits.maxMemoryMb}`;
  const warm = idleWorkers.get(key)?.pop();
  if (warm !== undefined) {
    clearTimeout(warm.idleTimer);
    warm.idleTimer = undefined;
    warm.worker.ref();
    return warm;
  }
  const pooled: PooledWorker = { worker: startWorker(task, limits), key, runs: 0, idleTimer: undefined };
  // An idle worker that ends for any reason leaves the pool; its error, if any, is not the caller's (an EventEmitter
  // 'error' without a listener would throw in this thread).
  pooled.worker.once('exit', () => forget(pooled));
  pooled.worker.on('error', () => undefined);
  return pooled;
}

/** Keeps a worker that finished cleanly for the next run, unless it served enough runs or enough are idle already. */
function giveBack(pooled: PooledWorker): void {
  const idle = idleWorkers.get(pooled.key) ?? [];
  if (pooled.runs >= MAX_RUNS_PER_WORKER || idle.length >= availableParallelism()) {
    pooled.worker.terminate().catch(() => undefined);
    return;
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

/** Returns a started worker for `task` with the heap and stack caps; it waits for runs. */
function startWorker(task: URL, limits: SandboxLimits): Worker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { tsx: TSX_API, task: task.href },
    resourceLimits: {
      maxOldGenerationSizeMb: limits.maxMemoryMb,
      maxYoungGenerationSizeMb: Math.min(YOUNG_GENERATION_MB, limits.maxMemoryMb),
      stackSizeMb: STACK_MB,
    },
    // Libraries print warnings about hostile files (pdf-lib: "Trying to parse invalid object"): drained, not shown.
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}

/** Returns the Result a worker message stands for (a task's own failures pass through unchanged). */
function fromMessage<O>(message: WorkerMessage<O>, name: string): Result<O> {
  if (message.kind === 'result') return isResult<O>(message.value) ? message.value : { ok: true, valeur: message.value };
  if (message.stackOverflow) return died(name, 'la pile du lecteur est épuisée');
  return damaged(name, 'illisible : son analyse a échoué');
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

/** Returns the failure of a worker stopped by the timeout. */
function timedOut<O>(name: string, timeoutMs: number): Result<O> {
  const seconds = (timeoutMs / 1000).toLocaleString('fr-FR');
  return failure('DELAI_DEPASSE', name, `${label(name)} n’a pas pu être lu en ${seconds} s : la lecture a été interrompue`);
}

/** Returns the file name for a message, or a generic subject when there is none. */
function label(name: string): string {
  return name === '' ? 'le fichier' : name;
}
