/**
 * The HTTP service: security headers, request log, who is asking, then one router per resource under /api, one error
 * handler. `createApp` builds the app without listening, so tests and `startServer` share it.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectPath } from '../src/core/paths.ts';
import { VERSION } from '../src/version.ts';
import { identify } from './auth.ts';
import type { Service } from './context.ts';
import { dossierRoutes } from './dossiers.ts';
import { uploadRoutes } from './depots.ts';
import { errorHandler, sendError } from './errors.ts';
import { formRoutes } from './formulaires.ts';
import { REQUEST_TIMEOUT_MS } from './limits.ts';
import { requestLog } from './logger.ts';
import { openApiDocument } from './openapi.ts';
import { batchRoutes } from './publipostages.ts';
import { batchHelperRoutes } from './publipostages-aides.ts';
import { storedDossierRoutes } from './dossiers-courants.ts';
import { remunerationRoutes } from './remuneration.ts';
import { sessionRoutes } from './session.ts';
import { jobRoutes } from './taches.ts';

/** The folder of swagger-ui-dist (served locally: the docs page needs no network). */
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The built web interface (`npm run build`, Vite), served at / when present. */
const WEB_DIR = projectPath('dist', 'web');

const DOCS_PAGE = `<!DOCTYPE html>
<html lang="fr">
  <head>
    <meta charset="UTF-8">
    <title>Paperasse — API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/initialisation.js"></script>
  </body>
</html>
`;
const DOCS_SCRIPT = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
};
`;

/** Returns the Express application of a service. */
export function createApp(service: Service): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('json spaces', 2);
  app.use(helmet());
  app.use(requestLog(service.logger));
  // The request time limit (the event stream of a job excepted: it lasts as long as the job).
  app.use((req, res, next) => {
    if (req.path.endsWith('/evenements')) return next();
    const timer = setTimeout(() => {
      if (!res.headersSent) sendError(res, { code: 'DELAI_REQUETE', chemin: req.path, message: `La requête a dépassé ${REQUEST_TIMEOUT_MS / 1000} s : elle est abandonnée. Pour un long travail, utilisez une tâche (asynchrone=true).` });
    }, REQUEST_TIMEOUT_MS);
    res.on('close', () => clearTimeout(timer));
    next();
  });

  const web = existsSync(join(WEB_DIR, 'index.html'));
  if (!web) {
    app.get('/', (_req, res) => {
      res.json({ service: 'Paperasse', version: VERSION, api: '/api/openapi.json', documentation: '/api/docs/' });
    });
  }

  app.get('/sante', (_req, res) => {
    res.json({ statut: 'ok', version: VERSION, formulaires: service.paperasse.forms().length });
  });

  const openapi = JSON.stringify(openApiDocument(service.paperasse));
  app.get('/api/openapi.json', (_req, res) => {
    res.type('application/json').send(openapi);
  });
  // Without strict routing, this matches /api/docs and /api/docs/ (the page uses absolute paths).
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  app.get('/api/docs/initialisation.js', (_req, res) => {
    res.type('application/javascript').send(DOCS_SCRIPT);
  });
  app.use('/api/docs', express.static(SWAGGER_UI, { index: false }));

  const api = express.Router();
  api.use(identify(service.accounts));
  api.use(formRoutes(service));
  api.use(remunerationRoutes(service));
  api.use(sessionRoutes(service));
  api.use(dossierRoutes(service));
  api.use(storedDossierRoutes(service));
  api.use(uploadRoutes(service));
  api.use(jobRoutes(service));
  api.use(batchHelperRoutes(service));
  api.use(batchRoutes(service));
  app.use('/api', api);

  if (web) {
    // The web interface: its files (hashed names, cached), and index.html for every other page a browser asks
    // for (Accept: text/html; the interface's router reads the path). /api, /sante and any other client keep
    // their own answers, errors included.
    app.use(
      express.static(WEB_DIR, {
        index: false,
        setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
      }),
    );
    app.get(/^\/(?!api\/|api$|sante$).*/, (req, res, next) => {
      if (!(req.headers.accept ?? '').includes('text/html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(WEB_DIR, 'index.html'));
    });
  }

  app.use((req, res) => {
    sendError(res, { code: 'RESSOURCE_INCONNUE', chemin: req.path, message: `Aucune ressource à l’adresse ${req.method} ${req.path}. La liste des routes : /api/openapi.json.` });
  });
  app.use(errorHandler);
  return app;
}
