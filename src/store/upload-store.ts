/**
 * The upload store (issue 5): every PDF a secretariat receives is kept byte for byte, content-addressed by SHA-256
 * under `<dir>/originaux/ab/cdef….pdf`, with who sent it, when, and what extraction made of it, in a SQLite database
 * `<dir>/paperasse.sqlite`.
 *
 * Order of operations (the crash guarantees):
 * - `receive` writes the original durably (temp file, fsync, rename, fsync of the directory) BEFORE inserting its row,
 *   so a committed row always points to a complete file; a crash in between leaves at worst an orphan file that the
 *   next upload of the same bytes reuses;
 * - the row is inserted `en-attente` and committed before any extraction starts, so a process killed mid-extraction
 *   leaves an `en-attente` row that `processPending` picks up at the next start;
 * - `process` re-reads the original and checks its SHA-256 before extracting, so a file altered on disk is reported
 *   (`ORIGINAL_CORROMPU`) instead of being read as what was received.
 *
 * Durability settings: WAL journal (readers never block the writer, a killed process never corrupts the database)
 * with `synchronous = FULL`: every commit is fsynced, so an upload acknowledged to its sender survives a power cut,
 * not only a process crash (`NORMAL` may roll back the last commits on power loss). Uploads are few and each one
 * already costs the fsyncs of its original, so the extra fsync per commit is negligible.
 *
 * Personal data: nothing here logs file contents or extracted values; thrown messages carry ids only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mkdirDurably, writeFileDurably } from '../core/durable.ts';
import { internalError } from '../core/incident.ts';
import { failure, success, type ErrorCode, type Issue, type Result } from '../core/issues.ts';
import type { Extraction, ExtractionOutcome, ExtractionSource, Modification, SignatureReport } from '../extract/types.ts';

/** Name of the database file inside the store's directory. */
export const DATABASE_FILE = 'paperasse.sqlite';
/** Name of the folder holding the originals inside the store's directory. */
export const ORIGINALS_FOLDER = 'originaux';
/** How long a connection waits for another process's write lock before failing (milliseconds). */
export const BUSY_TIMEOUT_MS = 10_000;

/** Where an upload stands: waiting for extraction, extracted, or extraction impossible. */
export type UploadStatus = 'en-attente' | 'traite' | 'echec';

/** One stored upload, as its first reception recorded it, with its extraction result once processed. */
export interface UploadRecord {
  id: number;
  /** SHA-256 of the original, lowercase hex (the original's address on disk). */
  sha256: string;
  /** Size of the original in bytes. */
  taille: number;
  nomFichier: string;
  expediteur: string;
  /** ISO 8601 date of the first reception. */
  recuLe: string;
  statut: UploadStatus;
  formulaire: string | null;
  version: string | null;
  source: ExtractionSource | null;
  valide: boolean | null;
  /** What the extractor returned (null while `en-attente`). */
  resultat: ExtractionOutcome | null;
  /** ISO 8601 date of the last extraction (null while `en-attente`). */
  traiteLe: string | null;
  /** How many times a reader claimed it (more than one: a reading was interrupted and taken up again). */
  tentatives: number;
}

/** One reception of an upload: the first one and every later upload of the same bytes. */
export interface Reception {
  nomFichier: string;
  expediteur: string;
  recuLe: string;
}

/** What `receive` is given. */
export interface ReceiveInput {
  bytes: Uint8Array;
  nomFichier: string;
  expediteur: string;
  /** When the file was received; now by default. */
  recuLe?: Date;
  /** The établissement it was received for (the HTTP service's walls); none from the command line. */
  etablissement?: string;
  /** The reader that receives it: the new upload is claimed for it in the same transaction (see `claim`). */
  lecteur?: string;
}

/** Filters of `list`. */
export interface ListFilter {
  formulaire?: string;
  statut?: UploadStatus;
  /** Only the uploads received (at least once) for this établissement. */
  etablissement?: string;
}

/** Options of `UploadStore.open`. */
export interface StoreOptions {
  /** How long a reader holds an upload without renewing its claim, in ms (a dead reader's upload is free again after it). */
  bailMs?: number;
}

/** Default reading lease: renewed every third of it while the reader works. */
export const DEFAULT_LEASE_MS = 30_000;

/** An extractor: reads the bytes of a stored PDF (its record gives the file name for messages) and says what it holds. */
export type Extractor = (bytes: Uint8Array, record: UploadRecord) => Promise<ExtractionOutcome>;

/** Schema migrations: entry `i` takes the database from `user_version` i to i + 1. Never edit one that shipped. */
const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => {
    db.exec(`
      CREATE TABLE uploads (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        taille INTEGER NOT NULL CHECK (taille >= 0),
        nom_fichier TEXT NOT NULL,
        expediteur TEXT NOT NULL,
        recu_le TEXT NOT NULL,
        statut TEXT NOT NULL DEFAULT 'en-attente' CHECK (statut IN ('en-attente', 'traite', 'echec')),
        formulaire TEXT,
        version TEXT,
        source TEXT CHECK (source IN ('champs', 'donnees-integrees', 'texte')),
        valide INTEGER CHECK (valide IN (0, 1)),
        donnees TEXT,
        erreurs TEXT,
        modifications TEXT,
        signatures TEXT,
        erreur_code TEXT,
        erreur_chemin TEXT,
        erreur_message TEXT,
        traite_le TEXT
      ) STRICT;
      CREATE INDEX uploads_statut ON uploads (statut, recu_le, id);
      CREATE INDEX uploads_formulaire ON uploads (formulaire, recu_le, id);
      CREATE TABLE receptions (
        id INTEGER PRIMARY KEY,
        upload_id INTEGER NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
        nom_fichier TEXT NOT NULL,
        expediteur TEXT NOT NULL,
        recu_le TEXT NOT NULL
      ) STRICT;
      CREATE INDEX receptions_upload ON receptions (upload_id, recu_le, id);
    `);
  },
  (db) => {
    db.exec(`ALTER TABLE uploads ADD COLUMN avertissements TEXT;`);
  },
  (db) => {
    // The reading lease: one reader at a time holds an upload until its lease ends (a dead reader's lease expires);
    // the établissement of each reception (the HTTP service's walls).
    db.exec(`
      ALTER TABLE uploads ADD COLUMN bail_par TEXT;
      ALTER TABLE uploads ADD COLUMN bail_jusqua INTEGER;
      ALTER TABLE uploads ADD COLUMN tentatives INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE receptions ADD COLUMN etablissement TEXT;
      CREATE INDEX receptions_etablissement ON receptions (etablissement, upload_id);
    `);
  },
  (db) => {
    // The HTTP service: accounts, browser sessions, API tokens (secrets stored as SHA-256 only) and jobs.
    db.exec(`
      CREATE TABLE comptes (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        empreinte TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('candidat', 'etablissement', 'admin')),
        etablissement TEXT,
        cree_le TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sessions (
        empreinte TEXT PRIMARY KEY,
        compte_id INTEGER NOT NULL REFERENCES comptes (id) ON DELETE CASCADE,
        expire_le INTEGER NOT NULL,
        cree_le TEXT NOT NULL
      ) STRICT;
      CREATE TABLE jetons (
        id INTEGER PRIMARY KEY,
        empreinte TEXT NOT NULL UNIQUE,
        compte_id INTEGER NOT NULL REFERENCES comptes (id) ON DELETE CASCADE,
        nom TEXT NOT NULL,
        cree_le TEXT NOT NULL,
        revoque_le TEXT
      ) STRICT;
      CREATE TABLE taches (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        etat TEXT NOT NULL CHECK (etat IN ('en-attente', 'en-cours', 'terminee', 'echec')),
        progression REAL NOT NULL DEFAULT 0,
        message TEXT,
        entrees TEXT NOT NULL,
        resultat TEXT,
        resultat_type TEXT,
        compte_id INTEGER NOT NULL,
        etablissement TEXT,
        bail_par TEXT,
        bail_jusqua INTEGER,
        tentatives INTEGER NOT NULL DEFAULT 0,
        raison_code TEXT,
        raison TEXT,
        cree_le TEXT NOT NULL,
        maj_le TEXT NOT NULL
      ) STRICT;
      CREATE INDEX taches_etat ON taches (etat, cree_le);
    `);
  },
  (db) => {
    // Failed logins per client address (its SHA-256), shared by every instance on this database.
    db.exec(`
      CREATE TABLE tentatives (
        cle TEXT PRIMARY KEY,
        nombre INTEGER NOT NULL CHECK (nombre >= 0),
        fin INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX tentatives_fin ON tentatives (fin);
    `);
  },
  (db) => {
    // The web interface: each candidate's current dossier (its JSON, a version for optimistic concurrency).
    db.exec(`
      CREATE TABLE dossiers_candidats (
        compte_id INTEGER PRIMARY KEY REFERENCES comptes (id) ON DELETE CASCADE,
        contenu TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        maj_le TEXT NOT NULL
      ) STRICT;
    `);
  },
];

/** The schema version this code writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database's schema up to SCHEMA_VERSION in one write transaction; returns the success, or
 * STOCKAGE_TROP_RECENT (nothing changed) when the database (`file`) is newer than this code.
 */
export function migrate(db: Database.Database, file: string): Result<void> {
  return db.transaction((): Result<void> => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > SCHEMA_VERSION) {
      return failure('STOCKAGE_TROP_RECENT', file, `La base ${file} a été créée par une version plus récente de Paperasse : elle n’a pas été modifiée ; utilisez cette version plus récente.`);
    }
    for (let v = current; v < SCHEMA_VERSION; v++) MIGRATIONS[v]?.(db);
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return success(undefined);
  }).immediate();
}

/** Returns why the store in `dir` (database `file`) cannot be opened: a damaged database, a folder that cannot be written, or a bug of ours. */
function openFailure(dir: string, file: string, error: unknown): Result<never> {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return failure('STOCKAGE_ENDOMMAGE', file, `La base ${file} est endommagée ou n’est pas une base SQLite (${code}) : elle n’a pas été modifiée ; restaurez-la depuis une sauvegarde.`);
  }
  if (typeof code !== 'string') return { ok: false, erreur: internalError('upload-store.open', error, dir) };
  return failure('ECRITURE_IMPOSSIBLE', dir, `Le dossier de stockage ${dir} ne peut pas être ouvert ni créé (${code}) : vérifiez qu’il s’agit d’un dossier et que vous pouvez y écrire.`);
}

/** Returns the SHA-256 of `bytes`, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Returns the path of an original relative to the store's directory: `originaux/ab/cdef….pdf`. */
export function originalRelativePath(sha256: string): string {
  return join(ORIGINALS_FOLDER, sha256.slice(0, 2), `${sha256.slice(2)}.pdf`);
}

interface UploadRow {
  id: number;
  sha256: string;
  taille: number;
  nom_fichier: string;
  expediteur: string;
  recu_le: string;
  statut: UploadStatus;
  formulaire: string | null;
  version: string | null;
  source: ExtractionSource | null;
  valide: number | null;
  donnees: string | null;
  erreurs: string | null;
  modifications: string | null;
  signatures: string | null;
  avertissements: string | null;
  erreur_code: string | null;
  erreur_chemin: string | null;
  erreur_message: string | null;
  traite_le: string | null;
  tentatives: number;
}

interface ReceptionRow {
  nom_fichier: string;
  expediteur: string;
  recu_le: string;
}

/** A store of received PDFs in one directory. One instance per process and directory; several processes may share a directory. */
export class UploadStore {
  readonly #dir: string;
  readonly #db: Database.Database;
  readonly #leaseMs: number;

  private constructor(dir: string, db: Database.Database, leaseMs: number) {
    this.#dir = dir;
    this.#db = db;
    this.#leaseMs = leaseMs;
  }

  /** Returns the store's database connection (the HTTP service keeps its accounts and jobs in the same database). */
  get database(): Database.Database {
    return this.#db;
  }

  /** Returns the reading lease of this store, in ms. */
  get leaseMs(): number {
    return this.#leaseMs;
  }

  /**
   * Returns the store in `dir`, creating the directory, the database (WAL, synchronous FULL) and the originals folder
   * when missing; or STOCKAGE_ENDOMMAGE, STOCKAGE_TROP_RECENT or ECRITURE_IMPOSSIBLE, the folder left as found.
   */
  static open(dir: string, options: StoreOptions = {}): Result<UploadStore> {
    const file = join(dir, DATABASE_FILE);
    let db: Database.Database;
    try {
      mkdirDurably(dir);
      const created = !existsSync(file);
      db = new Database(file);
      // The uploads hold personal data: a new database is readable by its owner only (SQLite gives -wal/-shm the same mode).
      if (created && process.platform !== 'win32') chmodSync(file, 0o600);
    } catch (error) {
      return openFailure(dir, file, error);
    }
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
      if (mode !== 'wal') {
        db.close();
        return failure('ECRITURE_IMPOSSIBLE', file, `La base ${file} ne peut pas être tenue en mode WAL (mode ${mode}) : placez le dossier de stockage sur un disque local.`);
      }
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const migrated = migrate(db, file);
      if (!migrated.ok) {
        db.close();
        return migrated;
      }
      // Only once the database is known good: a refused folder is left as it was found.
      mkdirDurably(join(dir, ORIGINALS_FOLDER));
    } catch (error) {
      db.close();
      return openFailure(dir, file, error);
    }
    return success(new UploadStore(dir, db, options.bailMs ?? DEFAULT_LEASE_MS));
  }

  /** Returns the directory the store lives in. */
  get dir(): string {
    return this.#dir;
  }

  /** Closes the database; the instance cannot be used afterwards. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /**
   * Returns the upload record of these bytes and whether it is new: writes the original durably first, then commits the
   * row `en-attente`; the same bytes again return the existing record (`nouveau: false`) and only add a reception.
   * Returns ECRITURE_IMPOSSIBLE when the original or its row cannot be written (disk full, rights).
   */
  receive(input: ReceiveInput): Result<{ record: UploadRecord; nouveau: boolean; reclame: boolean }> {
    const sha256 = sha256Hex(input.bytes);
    const recuLe = (input.recuLe ?? new Date()).toISOString();
    let stored = false;
    try {
      this.#ensureOriginal(sha256, input.bytes);
      stored = true;
      const insert = this.#db.transaction((): { id: number; nouveau: boolean; reclame: boolean } => {
        const existing = this.#db.prepare<[string], { id: number }>('SELECT id FROM uploads WHERE sha256 = ?').get(sha256);
        const id =
          existing?.id ??
          Number(
            this.#db
              .prepare<[string, number, string, string, string]>(
                "INSERT INTO uploads (sha256, taille, nom_fichier, expediteur, recu_le, statut) VALUES (?, ?, ?, ?, ?, 'en-attente')",
              )
              .run(sha256, input.bytes.byteLength, input.nomFichier, input.expediteur, recuLe).lastInsertRowid,
          );
        this.#db
          .prepare<[number, string, string, string, string | null]>('INSERT INTO receptions (upload_id, nom_fichier, expediteur, recu_le, etablissement) VALUES (?, ?, ?, ?, ?)')
          .run(id, input.nomFichier, input.expediteur, recuLe, input.etablissement ?? null);
        // Claimed in the same transaction: no other reader can take a new upload between its commit and its reading.
        const reclame = input.lecteur !== undefined && this.#claimRow(id, input.lecteur);
        return { id, nouveau: existing === undefined, reclame };
      });
      // IMMEDIATE: take the write lock before the lookup, so two processes receiving the same bytes cannot both insert.
      const { id, nouveau, reclame } = insert.immediate();
      return success({ record: this.#require(id), nouveau, reclame });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string') return { ok: false, erreur: internalError('upload-store.receive', error, input.nomFichier) };
      if (code === 'SQLITE_BUSY') {
        return failure(
          'STOCKAGE_OCCUPE',
          input.nomFichier,
          `${input.nomFichier} n’a pas été enregistré : la base de ${this.#dir} est restée occupée par un autre processus plus de ${BUSY_TIMEOUT_MS / 1000} s${stored ? ' (le fichier lui-même est écrit sur le disque)' : ''} ; il n’a pas été lu. Renvoyez-le dans un moment.`,
        );
      }
      return failure(
        'ECRITURE_IMPOSSIBLE',
        input.nomFichier,
        `${input.nomFichier} n’a pas pu être conservé dans ${this.#dir} (${code}) : il n’a pas été lu ; vérifiez la place et les droits du dossier.`,
      );
    }
  }

  /**
   * Returns the updated record after storing an extraction outcome: `traite` with its result, or `echec` with its error;
   * or RESSOURCE_INCONNUE, or ECRITURE_IMPOSSIBLE when the database cannot be written (the upload stays `en-attente`).
   */
  complete(id: number, outcome: ExtractionOutcome): Result<UploadRecord> {
    try {
      const now = new Date().toISOString();
      const changes = outcome.ok
        ? this.#db
            .prepare<[string, string, string, number, string, string, string, string, string, string, number]>(
              `UPDATE uploads SET statut = 'traite', formulaire = ?, version = ?, source = ?, valide = ?, donnees = ?, erreurs = ?,
                 modifications = ?, signatures = ?, avertissements = ?, erreur_code = NULL, erreur_chemin = NULL, erreur_message = NULL, traite_le = ?,
                 bail_par = NULL, bail_jusqua = NULL
               WHERE id = ?`,
            )
            .run(
              outcome.valeur.formulaire,
              outcome.valeur.version,
              outcome.valeur.source,
              outcome.valeur.valide ? 1 : 0,
              JSON.stringify(outcome.valeur.donnees ?? null),
              JSON.stringify(outcome.valeur.erreurs),
              JSON.stringify(outcome.valeur.modifications),
              JSON.stringify(outcome.valeur.signatures),
              JSON.stringify(outcome.valeur.avertissements),
              now,
              id,
            ).changes
        : this.#db
            .prepare<[string, string, string, string, number]>(
              `UPDATE uploads SET statut = 'echec', formulaire = NULL, version = NULL, source = NULL, valide = NULL, donnees = NULL,
                 erreurs = NULL, modifications = NULL, signatures = NULL, avertissements = NULL, erreur_code = ?, erreur_chemin = ?, erreur_message = ?, traite_le = ?,
                 bail_par = NULL, bail_jusqua = NULL
               WHERE id = ?`,
            )
            .run(outcome.erreur.code, outcome.erreur.chemin, outcome.erreur.message, now, id).changes;
      if (changes === 0) return unknownUpload(id, this.#dir);
      return success(this.#require(id));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string') return { ok: false, erreur: internalError('upload-store.complete', error, String(id)) };
      const name = this.get(id)?.nomFichier ?? `n° ${id}`;
      if (code === 'SQLITE_BUSY') {
        return failure(
          'STOCKAGE_OCCUPE',
          name,
          `${name} a été lu, mais son résultat n’a pas pu être enregistré : la base de ${this.#dir} est restée occupée par un autre processus plus de ${BUSY_TIMEOUT_MS / 1000} s. Le fichier reste conservé, en attente, et sera relu.`,
        );
      }
      return failure(
        'ECRITURE_IMPOSSIBLE',
        name,
        `Le résultat de la lecture de ${name} n’a pas pu être enregistré dans ${this.#dir} (${code}) : le fichier reste en attente et sera relu au prochain lancement ; vérifiez la place et les droits du dossier.`,
      );
    }
  }

  /**
   * Returns the record after extraction: claims it for `lecteur` (LECTURE_EN_COURS when another live reader holds it),
   * re-reads the original, checks its SHA-256 (`echec` / `ORIGINAL_CORROMPU` when it changed), runs `extract` and
   * stores its outcome; or the error of `complete`. An upload already read is read again. If `extract` throws,
   * the upload stays `en-attente`, released, and the exception propagates (a bug of the extractor, not of the file).
   */
  async process(id: number, extract: Extractor, lecteur: string = newReader()): Promise<Result<UploadRecord>> {
    const record = this.get(id);
    if (record === undefined) return unknownUpload(id, this.#dir);
    if (!this.#holds(id, lecteur) && !this.claim(id, lecteur, record.statut !== 'en-attente')) {
      return failure(
        'LECTURE_EN_COURS',
        record.nomFichier,
        `${record.nomFichier} (n° ${id}) est en cours de lecture par un autre processus : il n’est pas relu ici, son résultat sera enregistré par celui-ci.`,
      );
    }
    // The claim is renewed while the reader works, so only a dead reader's upload is ever taken over.
    const renew = setInterval(() => this.#renew(id, lecteur), Math.max(100, Math.floor(this.#leaseMs / 3)));
    renew.unref();
    try {
      const original = this.#readVerified(record);
      if (!original.ok) return this.complete(id, original);
      const outcome = await extract(original.valeur, record);
      return this.complete(id, outcome);
    } catch (error) {
      this.release(id, lecteur);
      throw error;
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Returns whether `lecteur` now holds upload `id`: an atomic claim that succeeds only on an upload `en-attente` that no
   * live reader holds (never claimed, released, or its reader's lease expired). The claim lasts the store's lease.
   */
  claim(id: number, lecteur: string, reread = false): boolean {
    reapDeadReaders(this.#db, 'uploads');
    return this.#db.transaction(() => this.#claimRow(id, lecteur, reread)).immediate();
  }

  /** Returns the id of the oldest upload `en-attente` that `lecteur` just claimed, or undefined when none is free. */
  claimNext(lecteur: string): number | undefined {
    reapDeadReaders(this.#db, 'uploads');
    const now = Date.now();
    const row = this.#db
      .prepare<[string, number, number], { id: number }>(
        `UPDATE uploads SET bail_par = ?, bail_jusqua = ?, tentatives = tentatives + 1
         WHERE id = (SELECT id FROM uploads WHERE statut = 'en-attente' AND (bail_jusqua IS NULL OR bail_jusqua < ?) ORDER BY recu_le, id LIMIT 1)
         RETURNING id`,
      )
      .get(lecteur, now + this.#leaseMs, now);
    return row?.id;
  }

  /** Gives up `lecteur`'s claim on upload `id` (it stays `en-attente`, free for another reader). */
  release(id: number, lecteur: string): void {
    this.#db.prepare<[number, string]>('UPDATE uploads SET bail_par = NULL, bail_jusqua = NULL WHERE id = ? AND bail_par = ?').run(id, lecteur);
  }

  #claimRow(id: number, lecteur: string, reread = false): boolean {
    const now = Date.now();
    return (
      this.#db
        .prepare<[string, number, number, number, number]>(
          `UPDATE uploads SET bail_par = ?, bail_jusqua = ?, tentatives = tentatives + 1
           WHERE id = ? AND (statut = 'en-attente' OR ? = 1) AND (bail_jusqua IS NULL OR bail_jusqua < ?)`,
        )
        .run(lecteur, now + this.#leaseMs, id, reread ? 1 : 0, now).changes === 1
    );
  }

  #holds(id: number, lecteur: string): boolean {
    const row = this.#db.prepare<[number], { bail_par: string | null; bail_jusqua: number | null }>('SELECT bail_par, bail_jusqua FROM uploads WHERE id = ?').get(id);
    return row?.bail_par === lecteur && (row.bail_jusqua ?? 0) >= Date.now();
  }

  #renew(id: number, lecteur: string): void {
    try {
      this.#db.prepare<[number, number, string]>("UPDATE uploads SET bail_jusqua = ? WHERE id = ? AND bail_par = ? AND statut = 'en-attente'").run(Date.now() + this.#leaseMs, id, lecteur);
    } catch {
      // A busy database: the next renewal tries again; the lease is three renewals long.
    }
  }

  /**
   * Returns the records processed: every `en-attente` upload no live reader holds (left by a killed process, or never
   * processed), oldest first, each claimed before it is read; or the first error that kept one from being stored (the
   * rest stay pending). An upload another process holds is left to it; an extractor that throws stops the run.
   */
  async processPending(extract: Extractor, lecteur: string = newReader()): Promise<Result<UploadRecord[]>> {
    const done: UploadRecord[] = [];
    for (let id = this.claimNext(lecteur); id !== undefined; id = this.claimNext(lecteur)) {
      const processed = await this.process(id, extract, lecteur);
      if (!processed.ok) return processed;
      done.push(processed.valeur);
    }
    return success(done);
  }

  /** Returns the record of upload `id`, or undefined when there is none. */
  get(id: number): UploadRecord | undefined {
    const row = this.#db.prepare<[number], UploadRow>('SELECT * FROM uploads WHERE id = ?').get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** Returns the record whose original has this SHA-256, or undefined. */
  findBySha256(sha256: string): UploadRecord | undefined {
    const row = this.#db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE sha256 = ?').get(sha256.toLowerCase());
    return row === undefined ? undefined : toRecord(row);
  }

  /** Returns the records matching the filter (all when empty), oldest reception first. */
  list(filter: ListFilter = {}): UploadRecord[] {
    const conditions: string[] = [];
    const params: Record<string, string> = {};
    if (filter.formulaire !== undefined) {
      conditions.push('formulaire = @formulaire');
      params.formulaire = filter.formulaire;
    }
    if (filter.statut !== undefined) {
      conditions.push('statut = @statut');
      params.statut = filter.statut;
    }
    if (filter.etablissement !== undefined) {
      conditions.push('id IN (SELECT upload_id FROM receptions WHERE etablissement = @etablissement)');
      params.etablissement = filter.etablissement;
    }
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    return this.#db
      .prepare<[Record<string, string>], UploadRow>(`SELECT * FROM uploads${where} ORDER BY recu_le, id`)
      .all(params)
      .map(toRecord);
  }

  /** Returns every reception of upload `id` (the first one included; only those of `etablissement` when given), oldest first; empty when there is no such upload. */
  receptions(id: number, etablissement?: string): Reception[] {
    const rows =
      etablissement === undefined
        ? this.#db.prepare<[number], ReceptionRow>('SELECT nom_fichier, expediteur, recu_le FROM receptions WHERE upload_id = ? ORDER BY recu_le, id').all(id)
        : this.#db
            .prepare<[number, string], ReceptionRow>('SELECT nom_fichier, expediteur, recu_le FROM receptions WHERE upload_id = ? AND etablissement = ? ORDER BY recu_le, id')
            .all(id, etablissement);
    return rows.map((r) => ({ nomFichier: r.nom_fichier, expediteur: r.expediteur, recuLe: r.recu_le }));
  }

  /** Returns whether upload `id` was received (at least once) for this établissement. */
  receivedFor(id: number, etablissement: string): boolean {
    return this.#db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM receptions WHERE upload_id = ? AND etablissement = ?').get(id, etablissement)?.n !== 0;
  }

  /** Returns the bytes of the original of upload `id`, checked against its SHA-256; or RESSOURCE_INCONNUE, or ORIGINAL_CORROMPU when it is missing or altered. */
  original(id: number): Result<Uint8Array> {
    const record = this.get(id);
    if (record === undefined) return unknownUpload(id, this.#dir);
    return this.#readVerified(record);
  }

  /** Returns the absolute path of the original of a SHA-256 inside this store. */
  originalPath(sha256: string): string {
    return join(this.#dir, originalRelativePath(sha256));
  }

  #require(id: number): UploadRecord {
    const record = this.get(id);
    if (record === undefined) throw new Error(`upload store: no upload ${id}`);
    return record;
  }

  /** Makes sure the original of `sha256` is on disk and intact, writing it (or repairing it) durably otherwise. */
  #ensureOriginal(sha256: string, bytes: Uint8Array): void {
    const path = this.originalPath(sha256);
    if (existsSync(path)) {
      try {
        if (sha256Hex(readFileSync(path)) === sha256) return;
      } catch {
        // Unreadable: rewritten below.
      }
    }
    writeFileDurably(path, bytes, { mode: 0o600, createDirectory: true });
  }

  #readVerified(record: UploadRecord): Result<Uint8Array> {
    const relative = originalRelativePath(record.sha256);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(join(this.#dir, relative)));
    } catch {
      return corrupted(relative, 'Le fichier original conservé est introuvable ou illisible : il ne peut pas être relu.');
    }
    if (sha256Hex(bytes) !== record.sha256) {
      return corrupted(relative, 'Le fichier original conservé a été modifié depuis sa réception (empreinte SHA-256 différente) : il n’est pas relu.');
    }
    return { ok: true, valeur: bytes };
  }
}

/** Returns a new reader id: this machine, this process and a random part (a reader holds the uploads it claimed). */
export function newReader(): string {
  return `${hostname()}|${process.pid}|${randomBytes(6).toString('hex')}`;
}

/**
 * Frees the live leases of `table` (uploads or taches) held by processes of this machine that no longer exist: a
 * reader killed (SIGKILL, crash) is taken over at once instead of when its lease ends. Leases of other machines
 * wait for their expiry.
 */
export function reapDeadReaders(db: Database.Database, table: 'uploads' | 'taches'): void {
  const holders = db
    .prepare<[number], { bail_par: string }>(`SELECT DISTINCT bail_par FROM ${table} WHERE bail_par IS NOT NULL AND bail_jusqua >= ?`)
    .all(Date.now())
    .map((r) => r.bail_par);
  for (const holder of holders) {
    const [host, pid] = holder.split('|');
    if (host !== hostname() || pid === undefined || !/^\d+$/.test(pid) || processAlive(Number(pid))) continue;
    db.prepare<[number, string]>(`UPDATE ${table} SET bail_jusqua = ? WHERE bail_par = ?`).run(0, holder);
  }
}

/** Returns whether a process of this machine exists (signal 0 checks without sending anything). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
  // A killed process whose parent has not reaped it yet is a zombie: it answers signal 0 but runs no more.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Returns RESSOURCE_INCONNUE for an upload number the store in `dir` does not hold. */
function unknownUpload(id: number, dir: string): { ok: false; erreur: Issue } {
  return { ok: false, erreur: { code: 'RESSOURCE_INCONNUE', chemin: String(id), message: `Aucun fichier reçu ne porte le numéro ${id} dans ${dir}.` } };
}

function corrupted(path: string, message: string): { ok: false; erreur: Issue } {
  return { ok: false, erreur: { code: 'ORIGINAL_CORROMPU', chemin: path, message } };
}

function toRecord(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    taille: row.taille,
    nomFichier: row.nom_fichier,
    expediteur: row.expediteur,
    recuLe: row.recu_le,
    statut: row.statut,
    formulaire: row.formulaire,
    version: row.version,
    source: row.source,
    valide: row.valide === null ? null : row.valide === 1,
    resultat: toOutcome(row),
    traiteLe: row.traite_le,
    tentatives: row.tentatives,
  };
}

function toOutcome(row: UploadRow): ExtractionOutcome | null {
  if (row.statut === 'echec') {
    // The code was written from an Issue by `complete`.
    return { ok: false, erreur: { code: (row.erreur_code ?? '') as ErrorCode, chemin: row.erreur_chemin ?? '', message: row.erreur_message ?? '' } };
  }
  if (row.statut !== 'traite') return null;
  const extraction: Extraction = {
    formulaire: row.formulaire ?? '',
    version: row.version ?? '',
    source: row.source ?? 'champs',
    donnees: parseJson(row.donnees, null),
    valide: row.valide === 1,
    erreurs: parseJson<Issue[]>(row.erreurs, []),
    modifications: parseJson<Modification[]>(row.modifications, []),
    signatures: parseJson<SignatureReport[]>(row.signatures, []),
    avertissements: parseJson<Issue[]>(row.avertissements, []),
  };
  return { ok: true, valeur: extraction };
}

function parseJson<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}
