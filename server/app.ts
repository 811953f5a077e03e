/**
 * The HTTP service: one route per resource, each a thin translation of HTTP into the public API.
 * `createApp` builds the app without listening, so tests and `startServer` share it.
 */
import express, { type Express } from 'express';
import { readFile } from 'node:fs/promises';
import { Paperasse } from '../src/api.ts';
import { parseJsonBytes, MAX_JSON_BYTES } from '../src/core/json.ts';
import { VERSION } from '../src/version.ts';
import { sendError, errorHandler } from './errors.ts';
import { projectPath } from '../src/core/paths.ts';

const SAMPLES_DIR = `${projectPath('samples')}/`;

/** Returns the Express application serving `paperasse`. */
export function createApp(paperasse: Paperasse = new Paperasse()): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('json spaces', 2);

  app.get('/', (_req, res) => {
    res.json({
      service: 'Paperasse',
      version: VERSION,
      routes: {
        'GET /sante': 'état du service',
        'GET /formulaires': 'liste des formulaires',
        'GET /formulaires/:id': 'description d’un formulaire et de ses règles',
        'GET /formulaires/:id/schema': 'schéma JSON (2020-12) du formulaire',
        'GET /formulaires/:id/exemple': 'exemple complet et valide (données fictives)',
        'POST /formulaires/:id/validation': 'valide un document JSON (corps application/json)',
      },
    });
  });

  app.get('/sante', (_req, res) => {
    res.json({ statut: 'ok', version: VERSION, formulaires: paperasse.forms().length });
  });

  app.get('/formulaires', (_req, res) => {
    res.json(paperasse.forms());
  });

  app.get('/formulaires/:id', (req, res) => {
    const f = paperasse.form(req.params.id);
    if (!f.ok) return sendError(res, f.erreur);
    const { id, title: title, source, version, rules: rules, computations: computations } = f.valeur;
    res.json({
      id,
      titre: title,
      source: `${source.text}, ${source.reference}`,
      version,
      regles: rules.map((r) => ({ code: r.code, description: r.description })),
      calculs: computations.map((c) => ({ chemin: c.path, description: c.description })),
    });
  });

  app.get('/formulaires/:id/schema', (req, res) => {
    const s = paperasse.schema(req.params.id);
    if (!s.ok) return sendError(res, s.erreur);
    res.type('application/schema+json').send(JSON.stringify(s.valeur, null, 2));
  });

  app.get('/formulaires/:id/exemple', async (req, res) => {
    const f = paperasse.form(req.params.id);
    if (!f.ok) return sendError(res, f.erreur);
    res.type('application/json').send(await readFile(`${SAMPLES_DIR}${f.valeur.id}.json`));
  });

  // The body is read raw and parsed by Paperasse, so a malformed document gets its line and column.
  app.post('/formulaires/:id/validation', express.raw({ type: () => true, limit: MAX_JSON_BYTES }), (req, res) => {
    const f = paperasse.form(req.params.id);
    if (!f.ok) return sendError(res, f.erreur);
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/(.+\+)?json\b/i.test(type)) {
      return sendError(res, { code: 'TYPE_CONTENU', chemin: 'content-type', message: `Le corps doit être du JSON (Content-Type: application/json), reçu « ${type || 'aucun'} ».` });
    }
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const read = parseJsonBytes(bytes, 'Le corps de la requête');
    if (!read.ok) return sendError(res, read.erreur);
    const r = paperasse.validate(f.valeur.id, read.valeur);
    if (!r.ok) return sendError(res, r.erreur);
    res.json({ formulaire: f.valeur.id, valide: r.valeur.valide, erreurs: r.valeur.erreurs, erreursNonListees: r.valeur.erreursNonListees, donnees: r.valeur.donnees });
  });

  app.use((req, res) => {
    sendError(res, { code: 'RESSOURCE_INCONNUE', chemin: req.path, message: `Aucune ressource à l’adresse ${req.method} ${req.path}. GET / liste les routes.` });
  });
  app.use(errorHandler);
  return app;
}
