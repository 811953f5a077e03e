/**
 * The mail-merge connection: the one place that ties the `publipostage` job kind to the mail-merge library function
 * (`Paperasse.batch`, src/batch/). A build without it would return undefined from `batchRunner`: the kind would not
 * be registered and POST /api/publipostages/:lettre would answer FONCTION_INDISPONIBLE (501).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchSummary, Paperasse, Result } from '../src/api.ts';
import type { JobKind } from '../src/jobs/jobs.ts';

/** What the mail merge is given: the spreadsheet, the zip to write, the optional template and column mapping. */
export interface BatchRequest {
  donnees: string;
  sortie: string;
  modele?: string;
  correspondance?: string;
  docx?: boolean;
}

/** A mail-merge function: the form (letter) id, its files, and its progress after each row. */
export type BatchRunner = (id: string, options: BatchRequest, onProgress: (p: { total: number; faites: number }) => void) => Promise<Result<unknown>>;

/** The file of a finished mail-merge job that lists its refused rows (JSON: source, total, produites, lignesRefusees, rapport). */
export const REPORT_FILE = 'rapport.json';

/** Returns the mail-merge function of this build: Paperasse.batch on the service's library. */
export function batchRunner(paperasse: Paperasse): BatchRunner | undefined {
  return (id, options, onProgress) => paperasse.batch(id, options, onProgress);
}

/** Returns the job kind `publipostage` on a mail-merge function: its stored inputs in, resultat.zip out. */
export function publipostageKind(run: BatchRunner): JobKind {
  return {
    type: 'publipostage',
    run: async ({ dossier, entrees, progress }) => {
      const { lettre, tableur, modele, correspondance, docx } = entrees as { lettre: string; tableur: string; modele?: string; correspondance?: boolean; docx?: boolean };
      const mapping = join(dossier, 'correspondance.json');
      const request: BatchRequest = {
        donnees: join(dossier, tableur),
        sortie: join(dossier, 'resultat.zip'),
        ...(modele !== undefined && { modele: join(dossier, modele) }),
        ...(correspondance === true && existsSync(mapping) && { correspondance: mapping }),
        ...(docx === true && { docx: true }),
      };
      const summary = await run(lettre, request, (p) => progress(p.total === 0 ? 0 : p.faites / p.total, `${p.faites} ligne(s) sur ${p.total}`));
      if (!summary.ok) return summary;
      // The refused rows, for GET /api/taches/:id/rapport (the web interface lists them; the zip has rapport.csv).
      const { total, produites, lignesRefusees, rapport, source } = summary.valeur as BatchSummary;
      writeFileSync(join(dossier, REPORT_FILE), JSON.stringify({ source, total, produites, lignesRefusees, rapport }), { mode: 0o600 });
      return { ok: true, valeur: { fichier: 'resultat.zip', type: 'application/zip' } };
    },
  };
}
