/**
 * CPU-heavy work off the event loop: each job runs in a warm sandbox worker thread (src/pdf/sandbox.ts), at most
 * `availableParallelism()` at once (the others wait their turn in order), so `/sante` and every other request keep
 * answering while documents are validated or rendered. The JSON jobs (a form rendered, a large body validated) never
 * open a user's PDF: their workers serve JSON_JOB_RUNS_PER_WORKER runs before they are replaced.
 */
import { availableParallelism } from 'node:os';
import type { Issue } from '../src/api.ts';
import type { ServiceTaskInput, ServiceTaskOutcome } from '../src/jobs/tasks/service-task.ts';
import { siblingModule } from '../src/core/paths.ts';
import { runInWorker } from '../src/pdf/sandbox.ts';
import { JSON_JOB_RUNS_PER_WORKER, WORKER_CPU_MS, WORKER_MEMORY_MB } from './limits.ts';

/** The task module, .ts from the sources or .js from dist/. */
const TASK = siblingModule(import.meta.url, '../src/jobs/tasks/service-task');

/** A counting semaphore: `acquire` resolves when a slot is free, in arrival order. */
class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];
  constructor(size: number) {
    this.#free = size;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next();
    else this.#free += 1;
  }
}

const slots = new Slots(Math.max(1, availableParallelism()));

/** Returns the outcome of a CPU-heavy job run in a worker thread (DELAI_DEPASSE or PDF_ILLISIBLE when the worker hit its limits). */
export async function inWorker(input: ServiceTaskInput, transfer: ArrayBuffer[] = []): Promise<ServiceTaskOutcome> {
  await slots.acquire();
  try {
    const json = input.tache === 'rendu' || input.tache === 'validation';
    const options = { nom: 'requête', transfer, ...(json ? { maxRuns: JSON_JOB_RUNS_PER_WORKER } : {}) };
    const r = await runInWorker<ServiceTaskInput, ServiceTaskOutcome>(TASK, input, { timeoutMs: WORKER_CPU_MS, maxMemoryMb: WORKER_MEMORY_MB }, options);
    return r.ok ? r.valeur : { ok: false, erreur: r.erreur, erreurs: [] as Issue[] };
  } finally {
    slots.release();
  }
}
