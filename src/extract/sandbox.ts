/**
 * Runs a task on hostile input in a `worker_threads` Worker: a capped heap, a wall-clock timeout that terminates
 * the worker, and every way the worker can die turned into an error value. The calling process never crashes
 * or hangs because of what the task met.
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
import { Worker } from 'node:worker_threads';
import { failure, type Result } from '../core/issues.ts';
import type { ExtractLimits } from './limits.ts';

/** What the worker sends back: the task's return value, or why it threw. */
type WorkerMessage<O> = { kind: 'result'; value: O } | { kind: 'exception'; stackOverflow: boolean };

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

/**
 * The worker's entry point (CommonJS, evaluated): registers tsx, imports the task, runs it, posts the outcome.
 * A value that cannot be cloned is reported as an exception rather than left unanswered.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const send = (message) => {
  try { parentPort.postMessage(message); }
  catch { parentPort.postMessage({ kind: 'exception', stackOverflow: false }); }
};
import(workerData.tsx)
  .then((tsx) => {
    tsx.register();
    return import(workerData.task);
  })
  .then((mod) => {
    if (typeof mod.run !== 'function') throw new Error(workerData.task + ' does not export run()');
    return mod.run(workerData.input);
  })
  .then(
    (value) => send({ kind: 'result', value }),
    (error) => send({ kind: 'exception', stackOverflow: error instanceof RangeError && /call stack/.test(error.message) }),
  );
`;

/** Returns the task's outcome, or DELAI_DEPASSE / PDF_ILLISIBLE when the worker times out, dies or throws. */
export function runInWorker<I, O>(
  task: URL,
  input: I,
  limits: SandboxLimits,
  options: SandboxOptions = {},
): Promise<Result<O>> {
  const name = options.nom ?? '';
  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker | undefined;
    const settle = (outcome: Result<O>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Terminating is not awaited: a worker stuck in native code must not keep the caller waiting.
      if (worker !== undefined) worker.terminate().catch(() => undefined);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle(timedOut(name, limits.timeoutMs)), limits.timeoutMs);
    try {
      worker = startWorker(task, input, limits, options.transfer ?? []);
    } catch {
      settle(died(name, 'le lecteur n’a pas pu démarrer'));
      return;
    }
    worker.on('message', (message: WorkerMessage<O>) => settle(fromMessage(message, name)));
    worker.on('error', (error: Error) => settle(died(name, describeDeath(error))));
    worker.on('exit', (code) => settle(died(name, `le lecteur s’est arrêté avec le code ${code}`)));
  });
}

/** Returns a started worker running `task` on `input` with the heap and stack caps. */
function startWorker<I>(task: URL, input: I, limits: SandboxLimits, transfer: ArrayBuffer[]): Worker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { tsx: TSX_API, task: task.href, input },
    transferList: transfer,
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
  return failure('PDF_ILLISIBLE', name, `${label(name)} est illisible : son analyse a échoué`);
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
