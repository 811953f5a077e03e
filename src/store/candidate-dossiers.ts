/**
 * Each candidate's current dossier professionnel, kept in the store's SQLite database (table `dossiers_candidats`,
 * created by the store's migrations): its JSON text, a version number and the time of its last save. A save names
 * the version it replaces (optimistic concurrency): two tabs or devices cannot silently overwrite each other.
 */
import type Database from 'better-sqlite3';
import { failure, success, type Result } from '../core/issues.ts';

/** A stored dossier: its JSON text, its version (1 for the first save) and when it was saved. */
export interface StoredDossier {
  compteId: number;
  contenu: string;
  version: number;
  majLe: string;
}

interface Row {
  compte_id: number;
  contenu: string;
  version: number;
  maj_le: string;
}

function toStored(row: Row): StoredDossier {
  return { compteId: row.compte_id, contenu: row.contenu, version: row.version, majLe: row.maj_le };
}

/** The candidates' dossiers of one database. */
export class CandidateDossiers {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Returns the stored dossier of account `compteId`, or undefined when it never saved one. */
  get(compteId: number): StoredDossier | undefined {
    const row = this.#db.prepare<[number], Row>('SELECT * FROM dossiers_candidats WHERE compte_id = ?').get(compteId);
    return row === undefined ? undefined : toStored(row);
  }

  /** Returns the stored dossiers of these accounts, by account id. */
  many(compteIds: readonly number[]): Map<number, StoredDossier> {
    const out = new Map<number, StoredDossier>();
    const read = this.#db.prepare<[number], Row>('SELECT * FROM dossiers_candidats WHERE compte_id = ?');
    for (const id of compteIds) {
      const row = read.get(id);
      if (row !== undefined) out.set(id, toStored(row));
    }
    return out;
  }

  /**
   * Returns the dossier saved as version `replaces + 1`, or DOSSIER_MODIFIE_AILLEURS (nothing written) when the
   * stored version is not `replaces` (0: no dossier stored yet).
   */
  save(compteId: number, contenu: string, replaces: number, now = new Date()): Result<StoredDossier> {
    const majLe = now.toISOString();
    return this.#db
      .transaction((): Result<StoredDossier> => {
        const current = this.get(compteId);
        const stored = current?.version ?? 0;
        if (stored !== replaces) {
          return failure(
            'DOSSIER_MODIFIE_AILLEURS',
            '/version',
            `Le dossier a été enregistré entre-temps (version ${stored}, vous modifiiez la version ${replaces}), sans doute depuis un autre onglet ou appareil : rechargez-le avant d’enregistrer, rien n’a été écrasé.`,
          );
        }
        if (current === undefined) {
          this.#db.prepare<[number, string, string]>('INSERT INTO dossiers_candidats (compte_id, contenu, version, maj_le) VALUES (?, ?, 1, ?)').run(compteId, contenu, majLe);
        } else {
          this.#db.prepare<[string, string, number]>('UPDATE dossiers_candidats SET contenu = ?, version = version + 1, maj_le = ? WHERE compte_id = ?').run(contenu, majLe, compteId);
        }
        return success({ compteId, contenu, version: replaces + 1, majLe });
      })
      .immediate();
  }
}
