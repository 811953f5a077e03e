/**
 * The HTTP service: one route per resource, each a thin translation of HTTP into the public API.
 * `creerApplication` builds the app without listening, so tests and `demarrerServeur` share it.
 */
import express, { type Express } from 'express';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Paperasse } from '../src/api.ts';
import { analyserOctetsJson, TAILLE_MAX_JSON } from '../src/core/json.ts';
import { VERSION } from '../src/version.ts';
import { envoyerErreur, gestionnaireErreurs } from './erreurs.ts';

const DOSSIER_SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));

/** Returns the Express application serving `paperasse`. */
export function creerApplication(paperasse: Paperasse = new Paperasse()): Express {
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
    res.json({ statut: 'ok', version: VERSION, formulaires: paperasse.formulaires().length });
  });

  app.get('/formulaires', (_req, res) => {
    res.json(paperasse.formulaires());
  });

  app.get('/formulaires/:id', (req, res) => {
    const f = paperasse.formulaire(req.params.id);
    if (!f.ok) return envoyerErreur(res, f.erreur);
    const { id, titre, source, version, regles, calculs } = f.valeur;
    res.json({
      id,
      titre,
      source: `${source.texte}, ${source.reference}`,
      version,
      regles: regles.map((r) => ({ code: r.code, description: r.description })),
      calculs: calculs.map((c) => ({ chemin: c.chemin, description: c.description })),
    });
  });

  app.get('/formulaires/:id/schema', (req, res) => {
    const s = paperasse.schema(req.params.id);
    if (!s.ok) return envoyerErreur(res, s.erreur);
    res.type('application/schema+json').send(JSON.stringify(s.valeur, null, 2));
  });

  app.get('/formulaires/:id/exemple', async (req, res) => {
    const f = paperasse.formulaire(req.params.id);
    if (!f.ok) return envoyerErreur(res, f.erreur);
    res.type('application/json').send(await readFile(`${DOSSIER_SAMPLES}${f.valeur.id}.json`));
  });

  // The body is read raw and parsed by Paperasse, so a malformed document gets its line and column.
  app.post('/formulaires/:id/validation', express.raw({ type: () => true, limit: TAILLE_MAX_JSON }), (req, res) => {
    const f = paperasse.formulaire(req.params.id);
    if (!f.ok) return envoyerErreur(res, f.erreur);
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/(.+\+)?json\b/i.test(type)) {
      return envoyerErreur(res, { code: 'TYPE_CONTENU', chemin: 'content-type', message: `Le corps doit être du JSON (Content-Type: application/json), reçu « ${type || 'aucun'} ».` });
    }
    const octets = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const lu = analyserOctetsJson(octets, 'Le corps de la requête');
    if (!lu.ok) return envoyerErreur(res, lu.erreur);
    const r = paperasse.valider(f.valeur.id, lu.valeur);
    if (!r.ok) return envoyerErreur(res, r.erreur);
    res.json({ formulaire: f.valeur.id, valide: r.valeur.valide, erreurs: r.valeur.erreurs, donnees: r.valeur.donnees });
  });

  app.use((req, res) => {
    envoyerErreur(res, { code: 'RESSOURCE_INCONNUE', chemin: req.path, message: `Aucune ressource à l’adresse ${req.method} ${req.path}. GET / liste les routes.` });
  });
  app.use(gestionnaireErreurs);
  return app;
}
