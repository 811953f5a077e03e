/**
 * Failed login attempts per client address, counted in the store's SQLite database (table `tentatives`), so that
 * several service instances sharing one database share one limit, and a restart does not reset it.
 *
 * The address is personal data: only its SHA-256 is kept, and a row is deleted once its window is over.
 * The methods match the store interface of `express-rate-limit` (increment, decrement, resetKey, get), which the
 * login route plugs this into.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The count of one client in its current window. */
export interface AttemptCount {
  totalHits: number;
  resetTime: Date;
}

interface AttemptRow {
  nombre: number;
  fin: number;
}

/** Returns the SHA-256 of a client key, hex (what the database keeps). */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Login attempts counted in the database, one window per client (fixed window of `windowMs`). */
export class LoginAttempts {
  readonly #db: Database.Database;
  readonly #clock: () => number;
  #windowMs: number;
  /** Keys of different limiters sharing the table stay apart. */
  readonly prefix: string;
  /** The counts are shared by every instance on the same database. */
  readonly localKeys = false;

  constructor(db: Database.Database, options: { windowMs: number; prefix?: string; clock?: () => number }) {
    this.#db = db;
    this.#windowMs = options.windowMs;
    this.prefix = options.prefix ?? 'connexion:';
    this.#clock = options.clock ?? Date.now;
  }

  /** Takes the window length the limiter was configured with; returns nothing. */
  init(options: { windowMs: number }): void {
    this.#windowMs = options.windowMs;
  }

  /** Returns the client's count after one more attempt (a new window when the last one is over). */
  increment(key: string): AttemptCount {
    const cle = digest(this.prefix + key);
    return this.#db.transaction((): AttemptCount => {
      const now = this.#clock();
      this.#db.prepare('DELETE FROM tentatives WHERE fin <= ?').run(now);
      const row = this.#db.prepare('SELECT nombre, fin FROM tentatives WHERE cle = ?').get(cle) as AttemptRow | undefined;
      const next: AttemptRow = row === undefined ? { nombre: 1, fin: now + this.#windowMs } : { nombre: row.nombre + 1, fin: row.fin };
      this.#db.prepare('INSERT INTO tentatives (cle, nombre, fin) VALUES (?, ?, ?) ON CONFLICT (cle) DO UPDATE SET nombre = excluded.nombre, fin = excluded.fin').run(cle, next.nombre, next.fin);
      return { totalHits: next.nombre, resetTime: new Date(next.fin) };
    }).immediate();
  }

  /** Takes back one attempt of the client (a login that succeeded); returns nothing. */
  decrement(key: string): void {
    this.#db.prepare('UPDATE tentatives SET nombre = max(nombre - 1, 0) WHERE cle = ? AND fin > ?').run(digest(this.prefix + key), this.#clock());
  }

  /** Forgets the client's attempts; returns nothing. */
  resetKey(key: string): void {
    this.#db.prepare('DELETE FROM tentatives WHERE cle = ?').run(digest(this.prefix + key));
  }

  /** Returns the client's count in its current window, or undefined when it has none. */
  get(key: string): AttemptCount | undefined {
    const row = this.#db.prepare('SELECT nombre, fin FROM tentatives WHERE cle = ? AND fin > ?').get(digest(this.prefix + key), this.#clock()) as AttemptRow | undefined;
    return row === undefined ? undefined : { totalHits: row.nombre, resetTime: new Date(row.fin) };
  }
}
