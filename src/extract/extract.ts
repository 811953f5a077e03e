/**
 * Reading a returned PDF back into a form's data (issue 5): the whole reading runs in a sandbox worker
 * (`extract-task.ts`), with the time, memory and size limits of `limits.ts`, so a hostile file never crashes or
 * hangs the caller. The caller's bytes are copied once and the copy moved to the worker: they are never changed.
 */
import type { Extraction, ExtractionOutcome } from './types.ts';
import type { ExtractInput } from './extract-task.ts';
import { checkUpload } from './guard.ts';
import { withLimits, type ExtractLimits } from './limits.ts';
import { runInWorker } from '../pdf/sandbox.ts';
import { siblingModule } from '../core/paths.ts';
import type { Clock, FormParameters } from '../core/forms.ts';

/** The sandbox task. */
const TASK = siblingModule(import.meta.url, 'extract-task');
/**
 * How long a reading's worker watches for the next file before it sleeps, in ms: files are often read one after the
 * other (a folder from the CLI, the service's queue of uploads), and waking a sleeping worker costs most of a
 * millisecond on this machine.
 */
const EXTRACT_SPIN_MS = 2;

/** Options of `extractPdf`. */
export interface ExtractOptions {
  /** Limits replacing the defaults (`DEFAULT_LIMITS`). */
  limits?: Partial<ExtractLimits>;
  /** URL of the registry module whose forms and schemas the reading uses (default: the built-in registry). */
  registry?: string;
  /** Gives the date rules today's date (default: the real date in Europe/Paris), read when the file is read. */
  clock?: Clock;
  /** The parameters the data is validated with (a formation calendar: `{ calendrier }`), as `validate` takes them. */
  parametres?: FormParameters;
}

/** Returns the form, data, validation, modifications and signatures read from a returned PDF, or the error that kept it from being read. */
export async function extractPdf(bytes: Uint8Array, name: string, options: ExtractOptions = {}): Promise<ExtractionOutcome> {
  const limits = withLimits(options.limits);
  const upload = checkUpload(bytes, name, limits);
  if (!upload.ok) return { ok: false, erreur: upload.erreur };
  // The worker gets its own copy, moved rather than cloned: one copy instead of the clone's serialisation and rebuild.
  const copy = bytes.slice();
  return runInWorker<ExtractInput, Extraction>(
    TASK,
    { bytes: copy, name, limits, registry: options.registry, today: options.clock?.(), parametres: options.parametres },
    limits,
    { nom: name, transfer: [copy.buffer], spinMs: EXTRACT_SPIN_MS },
  );
}
