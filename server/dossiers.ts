/**
 * Routes of the dossier professionnel: its conformity check, its assembly (the two copies and the report in a zip,
 * at once or as a job with `asynchrone=true`) and its jury grids. Rendering runs in a worker thread.
 */
import { Router, type Request } from 'express';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonBytes } from '../src/core/json.ts';
import type { JobKind } from '../src/jobs/jobs.ts';
import { accountOf, requireRole } from './auth.ts';
import { jsonOf, rawBody } from './body.ts';
import type { Service } from './context.ts';
import { HttpIssue, fail } from './errors.ts';
import { flag } from './formulaires.ts';
import { fileName, filesOf, multipart } from './multipart.ts';
import { inWorker } from './workers.ts';

/** Returns the dossier's JSON from a multipart request: the `dossier` file, or the `dossier` text field. */
function dossierOf(req: Request): unknown {
  const file = filesOf(req.files, 'dossier')[0];
  const body = req.body as Record<string, unknown> | undefined;
  const text = typeof body?.dossier === 'string' ? Buffer.from(body.dossier) : undefined;
  const bytes = file?.buffer ?? text;
  if (bytes === undefined) fail('REQUETE_INVALIDE', 'dossier', 'Le champ « dossier » (le fichier JSON du dossier) est obligatoire.');
  const read = parseJsonBytes(bytes, 'Le dossier');
  if (!read.ok) throw new HttpIssue(read.erreur);
  return read.valeur;
}

/** Returns the justificatifs of a multipart request by the name the dossier gives them (their file names). */
function attachmentsOf(req: Request): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const f of filesOf(req.files, 'justificatifs')) out[fileName(f)] = new Uint8Array(f.buffer);
  return out;
}

/** The job kind `dossier`: assembles a dossier from its stored inputs (dossier.json, justificatifs/) into resultat.zip. */
export const dossierKind: JobKind = {
  type: 'dossier',
  run: async ({ dossier, entrees, progress }) => {
    const { noms, brouillon } = entrees as { noms: string[]; brouillon: boolean };
    progress(0.1, 'lecture des pièces');
    const read = parseJsonBytes(readFileSync(join(dossier, 'dossier.json')), 'Le dossier');
    if (!read.ok) return read;
    const fichiers: Record<string, Uint8Array> = {};
    noms.forEach((nom, i) => (fichiers[nom] = new Uint8Array(readFileSync(join(dossier, 'justificatifs', String(i))))));
    progress(0.2, 'assemblage du dossier');
    const outcome = await inWorker({ tache: 'dossier', donnees: read.valeur, fichiers, brouillon });
    if (!outcome.ok) return { ok: false, erreur: outcome.erreur };
    writeFileSync(join(dossier, 'resultat.zip'), outcome.octets ?? new Uint8Array(), { mode: 0o600 });
    return { ok: true, valeur: { fichier: 'resultat.zip', type: 'application/zip' } };
  },
};

/** Returns the router of /api/dossiers. */
export function dossierRoutes(service: Service): Router {
  const router = Router();
  const files = multipart.fields([{ name: 'dossier', maxCount: 1 }, { name: 'justificatifs' }]);

  router.post('/dossiers/controle', requireRole(), rawBody, (req, res) => {
    const donnees = jsonOf(req);
    res.json(service.paperasse.checkDossier(donnees));
  });

  router.post('/dossiers/rendu', requireRole(), files, async (req, res) => {
    const account = accountOf(res);
    const donnees = dossierOf(req);
    const fichiers = attachmentsOf(req);
    const brouillon = flag(req.query.brouillon);
    if (flag(req.query.asynchrone)) {
      const noms = Object.keys(fichiers);
      const job = service.jobs.create('dossier', { compteId: account.id, etablissement: account.etablissement }, { noms, brouillon }, (dir) => {
        writeFileSync(join(dir, 'dossier.json'), JSON.stringify(donnees), { mode: 0o600 });
        mkdirSync(join(dir, 'justificatifs'));
        noms.forEach((nom, i) => writeFileSync(join(dir, 'justificatifs', String(i)), fichiers[nom] ?? new Uint8Array(), { mode: 0o600 }));
      });
      res.status(202).location(`/api/taches/${job.id}`).json({ tache: job.id, etat: job.etat, url: `/api/taches/${job.id}` });
      return;
    }
    const outcome = await inWorker({ tache: 'dossier', donnees, fichiers, brouillon });
    if (!outcome.ok) throw new HttpIssue(outcome.erreur, outcome.erreurs);
    res.setHeader('Content-Disposition', 'attachment; filename="dossier.zip"');
    res.setHeader('X-Paperasse-Brouillon', outcome.brouillon === true ? 'oui' : 'non');
    res.type('application/zip').send(Buffer.from(outcome.octets ?? new Uint8Array()));
  });

  router.post('/dossiers/grilles', requireRole(), rawBody, async (req, res) => {
    const donnees = jsonOf(req);
    const outcome = await inWorker({ tache: 'grilles', donnees, ccf: flag(req.query.ccf) });
    if (!outcome.ok) throw new HttpIssue(outcome.erreur, outcome.erreurs);
    res.setHeader('Content-Disposition', 'attachment; filename="grilles.zip"');
    res.type('application/zip').send(Buffer.from(outcome.octets ?? new Uint8Array()));
  });

  return router;
}
