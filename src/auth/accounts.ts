/**
 * Accounts, browser sessions and API tokens of the HTTP service, in the store's SQLite database (never only in
 * memory, so several instances can share one database).
 *
 * - Passwords are hashed with argon2id (`@node-rs/argon2`, its defaults: 19 MiB, 2 passes), never stored or logged.
 * - Session ids and API tokens are 32 random bytes (base64url); only their SHA-256 is stored (a stolen database
 *   gives no usable secret; they are random, so a fast hash is enough, unlike passwords).
 * - A revoked token, an expired session, a deleted account stop working at once: every request looks them up.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { hash, verify } from '@node-rs/argon2';
import { failure, success, type Result } from '../core/issues.ts';

/** The three roles: a candidate (own documents), an établissement's secretariat (its uploads and jobs), an administrator (accounts). */
export const ROLES = ['candidat', 'etablissement', 'admin'] as const;
/** A role of the catalogue above. */
export type Role = (typeof ROLES)[number];

/** An account as the service shows it (never its password hash). */
export interface Account {
  id: number;
  email: string;
  role: Role;
  /** The établissement an `etablissement` account works for (its uploads and jobs are shared by its accounts), or a candidate belongs to (its dossier is seen by that établissement). */
  etablissement: string | null;
  creeLe: string;
}

/** What creating an account needs. */
export interface NewAccount {
  email: string;
  motDePasse: string;
  role: Role;
  etablissement?: string | null;
}

/** How long a browser session lasts without a new login, in ms (8 hours). */
export const SESSION_MS = 8 * 60 * 60 * 1000;
/** Shortest accepted password. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest accepted password (argon2 hashes any length; this bounds the work of a request). */
export const MAX_PASSWORD_LENGTH = 256;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
/** argon2id (`Algorithm.Argon2id` is 2; the package's const enum cannot be read under isolated modules). */
const ARGON2 = { algorithm: 2 as const };

interface AccountRow {
  id: number;
  email: string;
  empreinte: string;
  role: Role;
  etablissement: string | null;
  cree_le: string;
}

/** Returns the SHA-256 of a session id or token, hex (what the database keeps). */
function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Returns a new secret: 32 random bytes, base64url. */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A hash of a random password, verified when the e-mail is unknown so that a login takes as long either way. */
let decoy: Promise<string> | undefined;

/** The accounts, sessions and tokens kept in one database (the store's: its migrations create the tables). */
export class Accounts {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Returns the new account, or COMPTE_EXISTANT, or DONNEES_INVALIDES (e-mail, password length, role, établissement). */
  async create(input: NewAccount): Promise<Result<Account>> {
    const checked = checkNewAccount(input);
    if (!checked.ok) return checked;
    const empreinte = await hash(input.motDePasse, ARGON2);
    // A candidate may belong to an établissement (its secretariat then sees the candidate's dossier); an admin never does.
    const etablissement = input.role === 'admin' ? null : input.etablissement || null;
    try {
      const id = Number(
        this.#db
          .prepare<[string, string, Role, string | null, string]>('INSERT INTO comptes (email, empreinte, role, etablissement, cree_le) VALUES (?, ?, ?, ?, ?)')
          .run(input.email.trim(), empreinte, input.role, etablissement, new Date().toISOString()).lastInsertRowid,
      );
      const account = this.byId(id);
      if (account === undefined) throw new Error(`account ${id} vanished after its insertion`);
      return success(account);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') return failure('COMPTE_EXISTANT', '/email', 'Un compte existe déjà avec cette adresse électronique.');
      throw error;
    }
  }

  /** Returns the account of this e-mail and password, or undefined (unknown e-mail or wrong password: the same answer, the same time). */
  async authenticate(email: string, motDePasse: string): Promise<Account | undefined> {
    const row = this.#db.prepare<[string], AccountRow>('SELECT * FROM comptes WHERE email = ?').get(email.trim());
    if (motDePasse.length > MAX_PASSWORD_LENGTH) return undefined;
    if (row === undefined) {
      decoy ??= hash(newSecret(), ARGON2);
      await verify(await decoy, motDePasse);
      return undefined;
    }
    return (await verify(row.empreinte, motDePasse)) ? toAccount(row) : undefined;
  }

  /** Returns the account `id`, or undefined. */
  byId(id: number): Account | undefined {
    const row = this.#db.prepare<[number], AccountRow>('SELECT * FROM comptes WHERE id = ?').get(id);
    return row === undefined ? undefined : toAccount(row);
  }

  /** Returns every account, oldest first. */
  list(): Account[] {
    return this.#db.prepare<[], AccountRow>('SELECT * FROM comptes ORDER BY id').all().map(toAccount);
  }

  /** Returns whether an admin account exists. */
  hasAdmin(): boolean {
    return this.#db.prepare<[], { n: number }>("SELECT count(*) AS n FROM comptes WHERE role = 'admin'").get()?.n !== 0;
  }

  /** Returns a new session id for the account (the cookie's value); only its SHA-256 is stored. */
  openSession(accountId: number, now = Date.now()): string {
    const secret = newSecret();
    this.#db
      .prepare<[string, number, number, string]>('INSERT INTO sessions (empreinte, compte_id, expire_le, cree_le) VALUES (?, ?, ?, ?)')
      .run(digest(secret), accountId, now + SESSION_MS, new Date(now).toISOString());
    // Expired sessions are removed as new ones open: the table never grows without bound.
    this.#db.prepare<[number]>('DELETE FROM sessions WHERE expire_le < ?').run(now);
    return secret;
  }

  /** Returns the account of a live session id, or undefined. */
  bySession(secret: string, now = Date.now()): Account | undefined {
    const row = this.#db
      .prepare<[string, number], AccountRow>('SELECT c.* FROM sessions s JOIN comptes c ON c.id = s.compte_id WHERE s.empreinte = ? AND s.expire_le >= ?')
      .get(digest(secret), now);
    return row === undefined ? undefined : toAccount(row);
  }

  /** Ends a session (logout). */
  closeSession(secret: string): void {
    this.#db.prepare<[string]>('DELETE FROM sessions WHERE empreinte = ?').run(digest(secret));
  }

  /** Returns a new API token for the account with its number (to revoke it); only its SHA-256 is stored. */
  issueToken(accountId: number, nom: string): { id: number; jeton: string } {
    const secret = `pap_${newSecret()}`;
    const id = Number(
      this.#db
        .prepare<[string, number, string, string]>('INSERT INTO jetons (empreinte, compte_id, nom, cree_le) VALUES (?, ?, ?, ?)')
        .run(digest(secret), accountId, nom, new Date().toISOString()).lastInsertRowid,
    );
    return { id, jeton: secret };
  }

  /** Returns the account of a token that is not revoked, or undefined. */
  byToken(secret: string): Account | undefined {
    const row = this.#db
      .prepare<[string], AccountRow>('SELECT c.* FROM jetons j JOIN comptes c ON c.id = j.compte_id WHERE j.empreinte = ? AND j.revoque_le IS NULL')
      .get(digest(secret));
    return row === undefined ? undefined : toAccount(row);
  }

  /** Returns the tokens of an account (number, name, dates; never the secret). */
  tokens(accountId: number): Array<{ id: number; nom: string; creeLe: string; revoqueLe: string | null }> {
    return this.#db
      .prepare<[number], { id: number; nom: string; cree_le: string; revoque_le: string | null }>('SELECT id, nom, cree_le, revoque_le FROM jetons WHERE compte_id = ? ORDER BY id')
      .all(accountId)
      .map((r) => ({ id: r.id, nom: r.nom, creeLe: r.cree_le, revoqueLe: r.revoque_le }));
  }

  /** Returns whether token `id` of the account was revoked now (false when it is not the account's or already revoked). */
  revokeToken(accountId: number, id: number): boolean {
    return (
      this.#db
        .prepare<[string, number, number]>('UPDATE jetons SET revoque_le = ? WHERE id = ? AND compte_id = ? AND revoque_le IS NULL')
        .run(new Date().toISOString(), id, accountId).changes === 1
    );
  }
}

/** Returns the input checked (e-mail form, password length, known role, établissement named exactly for that role), or DONNEES_INVALIDES. */
export function checkNewAccount(input: NewAccount): Result<NewAccount> {
  if (typeof input.email !== 'string' || !EMAIL.test(input.email.trim())) return failure('DONNEES_INVALIDES', '/email', 'L’adresse électronique n’a pas la forme nom@domaine.fr.');
  if (typeof input.motDePasse !== 'string' || input.motDePasse.length < MIN_PASSWORD_LENGTH || input.motDePasse.length > MAX_PASSWORD_LENGTH) {
    return failure('DONNEES_INVALIDES', '/motDePasse', `Le mot de passe doit compter de ${MIN_PASSWORD_LENGTH} à ${MAX_PASSWORD_LENGTH} caractères.`);
  }
  if (!ROLES.includes(input.role)) return failure('DONNEES_INVALIDES', '/role', `Le rôle doit être l’un de : ${ROLES.join(', ')}.`);
  const school = input.etablissement;
  if (input.role === 'etablissement' && (typeof school !== 'string' || school.trim() === '' || school.length > 200)) {
    return failure('DONNEES_INVALIDES', '/etablissement', 'Un compte « etablissement » nomme son établissement (1 à 200 caractères).');
  }
  if (input.role === 'candidat' && school !== undefined && school !== null && (typeof school !== 'string' || school.length > 200)) {
    return failure('DONNEES_INVALIDES', '/etablissement', 'L’établissement d’un candidat est un texte de 200 caractères au plus.');
  }
  return success(input);
}

function toAccount(row: AccountRow): Account {
  return { id: row.id, email: row.email, role: row.role, etablissement: row.etablissement, creeLe: row.cree_le };
}
