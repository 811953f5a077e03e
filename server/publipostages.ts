/** The route that starts a mail merge as a job (multipart: the spreadsheet, an optional template and mapping). */
import { Router } from 'express';
import { writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseJsonBytes } from '../src/core/json.ts';
import { accountOf, requireRole } from './auth.ts';
import type { Service } from './context.ts';
import { HttpIssue, fail } from './errors.ts';
import { flag } from './formulaires.ts';
import { fileName, filesOf, multipart } from './multipart.ts';

/** Returns the router of /api/publipostages. */
export function batchRoutes(service: Service): Router {
  const router = Router();
  const files = multipart.fields([{ name: 'tableur', maxCount: 1 }, { name: 'modele', maxCount: 1 }, { name: 'correspondance', maxCount: 1 }]);

  router.post('/publipostages/:lettre', requireRole('etablissement', 'admin'), files, (req, res) => {
    const account = accountOf(res);
    const lettre = String(req.params.lettre);
    const form = service.paperasse.form(lettre);
    if (!form.ok) throw new HttpIssue(form.erreur);
    const tableur = filesOf(req.files, 'tableur')[0];
    if (tableur === undefined) fail('REQUETE_INVALIDE', 'tableur', 'Le champ « tableur » (un fichier .csv ou .xlsx) est obligatoire.');
    const extension = extname(fileName(tableur)).toLowerCase();
    if (extension !== '.csv' && extension !== '.xlsx') fail('TYPE_CONTENU', 'tableur', `Le tableur doit être un fichier .csv ou .xlsx, reçu « ${extension || 'sans extension'} ».`);
    const modele = filesOf(req.files, 'modele')[0];
    const mapping = filesOf(req.files, 'correspondance')[0];
    if (mapping !== undefined) {
      const read = parseJsonBytes(mapping.buffer, 'La correspondance');
      if (!read.ok) throw new HttpIssue(read.erreur);
    }
    if (!service.jobs.has('publipostage')) {
      fail('FONCTION_INDISPONIBLE', `/api/publipostages/${lettre}`, 'Le publipostage n’est pas disponible dans cette version du service : aucune tâche n’a été créée.');
    }
    const entrees = { lettre, tableur: `tableur${extension}`, ...(modele !== undefined && { modele: 'modele.hbs' }), correspondance: mapping !== undefined, docx: flag(req.query.docx) };
    const job = service.jobs.create('publipostage', { compteId: account.id, etablissement: account.etablissement }, entrees, (dir) => {
      writeFileSync(join(dir, entrees.tableur), tableur.buffer, { mode: 0o600 });
      if (modele !== undefined) writeFileSync(join(dir, 'modele.hbs'), modele.buffer, { mode: 0o600 });
      if (mapping !== undefined) writeFileSync(join(dir, 'correspondance.json'), mapping.buffer, { mode: 0o600 });
    });
    res.status(202).location(`/api/taches/${job.id}`).json({ tache: job.id, etat: job.etat, url: `/api/taches/${job.id}` });
  });

  return router;
}
