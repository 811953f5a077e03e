/**
 * Jobs (`taches`): long work (a dossier, a mail merge) run in the background, its state in SQLite and its inputs and
 * result under `<data>/taches/<id>/`, never only in memory, so a job survives a restart and several instances can
 * share the work.
 *
 * - A job kind is registered (`JobKinds`): its `type` and its `run`, which reads its stored inputs and writes its
 *   result file. The runner knows no kind in particular.
 * - Claiming is one atomic UPDATE … RETURNING: a job `en-attente`, or `en-cours` whose lease expired (its worker died),
 *   becomes `en-cours` for one worker with a lease it renews while it works. Two workers, threads or instances never
 *   run the same job at once.
 * - A job claimed MAX_ATTEMPTS times without finishing (its worker died each time) ends `echec` with a French reason;
 *   a job whose worker was killed runs again from its stored inputs. Nothing stays `en-cours` forever.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { internalError } from '../core/incident.ts';
import type { Issue, Result } from '../core/issues.ts';
import { newReader, reapDeadReaders } from '../store/upload-store.ts';

/** Where a job stands. */
export type JobState = 'en-attente' | 'en-cours' | 'terminee' | 'echec';

/** A job as the service shows it. */
export interface Job {
  id: string;
  type: string;
  etat: JobState;
  /** From 0 to 1. */
  progression: number;
  /** What the job is doing now, in French (no personal data). */
  message: string | null;
  compteId: number;
  etablissement: string | null;
  tentatives: number;
  /** Why it failed (`etat` = `echec`). */
  raison: Issue | null;
  /** MIME type of the result once `terminee`. */
  resultatType: string | null;
  creeLe: string;
  majLe: string;
}

/** What a job kind's run is given. */
export interface JobContext {
  id: string;
  /** The folder holding the job's stored inputs, where its result is written. */
  dossier: string;
  /** The job's JSON inputs, as stored when it was created. */
  entrees: unknown;
  /** Records the progress (0 to 1) and a short French message without personal data. */
  progress: (fraction: number, message?: string) => void;
}

/** The result of a finished job: a file in its folder. */
export interface JobOutput {
  /** File name inside the job's folder. */
  fichier: string;
  /** Its MIME type. */
  type: string;
}

/** A job kind: its type name and what running one does. */
export interface JobKind {
  type: string;
  run: (context: JobContext) => Promise<Result<JobOutput>>;
}

/** How many times a job is claimed before it is marked failed (its worker died each time). */
export const MAX_ATTEMPTS = 3;
/** Default lease of a running job, in ms; renewed every third of it. */
export const DEFAULT_JOB_LEASE_MS = 30_000;

interface JobRow {
  id: string;
  type: string;
  etat: JobState;
  progression: number;
  message: string | null;
  entrees: string;
  resultat: string | null;
  resultat_type: string | null;
  compte_id: number;
  etablissement: string | null;
  bail_par: string | null;
  bail_jusqua: number | null;
  tentatives: number;
  raison_code: string | null;
  raison: string | null;
  cree_le: string;
  maj_le: string;
}

/** The jobs of one database and data folder, with the kinds this process can run. */
export class Jobs {
  readonly #db: Database.Database;
  readonly #root: string;
  readonly #kinds = new Map<string, JobKind>();
  readonly #leaseMs: number;
  readonly #worker = newReader();
  #running = 0;
  #concurrency = 1;
  #timer: NodeJS.Timeout | undefined;
  #stopped = true;
  readonly #active = new Set<Promise<void>>();

  constructor(db: Database.Database, dataDir: string, options: { bailMs?: number } = {}) {
    this.#db = db;
    this.#root = join(dataDir, 'taches');
    this.#leaseMs = options.bailMs ?? DEFAULT_JOB_LEASE_MS;
  }

  /** Registers a job kind this process runs. */
  register(kind: JobKind): void {
    this.#kinds.set(kind.type, kind);
  }

  /** Returns whether this process can run jobs of `type`. */
  has(type: string): boolean {
    return this.#kinds.has(type);
  }

  /** Returns the folder of job `id` (its inputs and its result). */
  folder(id: string): string {
    return join(this.#root, id);
  }

  /**
   * Returns a new job `en-attente` after `store` has written its inputs into its folder (inputs first, then the row:
   * a row never points to missing inputs); the runner is woken up.
   */
  create(type: string, owner: { compteId: number; etablissement: string | null }, entrees: unknown, store: (dossier: string) => void): Job {
    const id = randomUUID();
    const dossier = this.folder(id);
    mkdirSync(dossier, { recursive: true, mode: 0o700 });
    try {
      store(dossier);
      const now = new Date().toISOString();
      this.#db
        .prepare<[string, string, string, number, string | null, string, string]>(
          "INSERT INTO taches (id, type, etat, entrees, compte_id, etablissement, cree_le, maj_le) VALUES (?, ?, 'en-attente', ?, ?, ?, ?, ?)",
        )
        .run(id, type, JSON.stringify(entrees), owner.compteId, owner.etablissement, now, now);
    } catch (error) {
      rmSync(dossier, { recursive: true, force: true });
      throw error;
    }
    this.#kick();
    const job = this.get(id);
    if (job === undefined) throw new Error(`job ${id} vanished after its insertion`);
    return job;
  }

  /** Returns job `id`, or undefined. */
  get(id: string): Job | undefined {
    const row = this.#db.prepare<[string], JobRow>('SELECT * FROM taches WHERE id = ?').get(id);
    return row === undefined ? undefined : toJob(row);
  }

  /** Returns the path of the result file of a finished job, or undefined. */
  resultPath(id: string): string | undefined {
    const row = this.#db.prepare<[string], { resultat: string | null }>("SELECT resultat FROM taches WHERE id = ? AND etat = 'terminee'").get(id);
    return row?.resultat === null || row === undefined ? undefined : join(this.folder(id), row.resultat);
  }

  /** Returns the job this worker just claimed, or undefined when none is waiting; fails the jobs interrupted too often first. */
  claimNext(): JobRow | undefined {
    const types = [...this.#kinds.keys()];
    if (types.length === 0) return undefined;
    reapDeadReaders(this.#db, 'taches');
    const now = Date.now();
    this.#db
      .prepare<[string, string, number, number]>(
        `UPDATE taches SET etat = 'echec', raison_code = 'TACHE_ECHOUEE', raison = ?, maj_le = ?, bail_par = NULL, bail_jusqua = NULL
         WHERE etat = 'en-cours' AND bail_jusqua < ? AND tentatives >= ?`,
      )
      .run(
        `La tâche a été interrompue ${MAX_ATTEMPTS} fois (arrêt du service pendant son exécution) : elle n’est plus relancée. Soumettez-la de nouveau.`,
        new Date(now).toISOString(),
        now,
        MAX_ATTEMPTS,
      );
    const placeholders = types.map(() => '?').join(', ');
    return this.#db
      .prepare<unknown[], JobRow>(
        `UPDATE taches SET etat = 'en-cours', bail_par = ?, bail_jusqua = ?, tentatives = tentatives + 1, maj_le = ?
         WHERE id = (SELECT id FROM taches WHERE type IN (${placeholders})
                       AND (etat = 'en-attente' OR (etat = 'en-cours' AND bail_jusqua < ? AND tentatives < ?))
                     ORDER BY cree_le LIMIT 1)
         RETURNING *`,
      )
      .get(this.#worker, now + this.#leaseMs, new Date(now).toISOString(), ...types, now, MAX_ATTEMPTS);
  }

  /** Starts running jobs: up to `concurrency` at once, polling every `pollMs` for jobs of other instances or left by a dead worker. */
  start(concurrency: number, pollMs = 1000): void {
    this.#stopped = false;
    this.#concurrency = concurrency;
    this.#timer = setInterval(() => this.#kick(), pollMs);
    this.#timer.unref();
    this.#kick();
  }

  /** Stops claiming jobs and returns once the running ones have ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await Promise.allSettled([...this.#active]);
  }

  #kick(): void {
    while (!this.#stopped && this.#running < this.#concurrency) {
      let row: JobRow | undefined;
      try {
        row = this.claimNext();
      } catch {
        return; // A busy database: the next poll tries again.
      }
      if (row === undefined) return;
      this.#running += 1;
      const done = this.#run(row).finally(() => {
        this.#running -= 1;
        this.#active.delete(done);
        this.#kick();
      });
      this.#active.add(done);
    }
  }

  async #run(row: JobRow): Promise<void> {
    const kind = this.#kinds.get(row.type);
    if (kind === undefined) return;
    const renew = setInterval(() => {
      try {
        this.#db.prepare<[number, string, string]>("UPDATE taches SET bail_jusqua = ? WHERE id = ? AND bail_par = ? AND etat = 'en-cours'").run(Date.now() + this.#leaseMs, row.id, this.#worker);
      } catch {
        // Busy: the lease is three renewals long.
      }
    }, Math.max(100, Math.floor(this.#leaseMs / 3)));
    renew.unref();
    const progress = (fraction: number, message?: string): void => {
      try {
        this.#db
          .prepare<[number, string | null, string, string, string]>("UPDATE taches SET progression = ?, message = ?, maj_le = ? WHERE id = ? AND bail_par = ? AND etat = 'en-cours'")
          .run(Math.max(0, Math.min(1, fraction)), message ?? null, new Date().toISOString(), row.id, this.#worker);
      } catch {
        // Progress is advisory: a busy database skips one report.
      }
    };
    let outcome: Result<JobOutput>;
    try {
      outcome = await kind.run({ id: row.id, dossier: this.folder(row.id), entrees: JSON.parse(row.entrees) as unknown, progress });
    } catch (error) {
      outcome = { ok: false, erreur: internalError(`job ${row.type}`, error) };
    } finally {
      clearInterval(renew);
    }
    const now = new Date().toISOString();
    // Only the worker that still holds the job records its end (one whose lease was taken over lost it).
    if (outcome.ok) {
      this.#db
        .prepare<[string, string, string, string, string]>(
          "UPDATE taches SET etat = 'terminee', progression = 1, message = NULL, resultat = ?, resultat_type = ?, maj_le = ?, bail_par = NULL, bail_jusqua = NULL WHERE id = ? AND bail_par = ?",
        )
        .run(outcome.valeur.fichier, outcome.valeur.type, now, row.id, this.#worker);
    } else {
      this.#db
        .prepare<[string, string, string, string, string]>(
          "UPDATE taches SET etat = 'echec', message = NULL, raison_code = ?, raison = ?, maj_le = ?, bail_par = NULL, bail_jusqua = NULL WHERE id = ? AND bail_par = ?",
        )
        .run(outcome.erreur.code, outcome.erreur.message, now, row.id, this.#worker);
    }
  }
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    type: row.type,
    etat: row.etat,
    progression: row.progression,
    message: row.message,
    compteId: row.compte_id,
    etablissement: row.etablissement,
    tentatives: row.tentatives,
    raison: row.raison_code === null ? null : ({ code: row.raison_code, chemin: '', message: row.raison ?? '' } as Issue),
    resultatType: row.resultat_type,
    creeLe: row.cree_le,
    majLe: row.maj_le,
  };
}
