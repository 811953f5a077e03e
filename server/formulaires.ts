/** Routes of the forms: list, description, schema, example (public), validation and rendering (signed in). */
import { Router } from 'express';
import { readFile } from 'node:fs/promises';
import { projectPath } from '../src/core/paths.ts';
import { parseJsonBytes } from '../src/core/json.ts';
import { requireRole } from './auth.ts';
import { jsonBytesOf, rawBody } from './body.ts';
import type { Service } from './context.ts';
import { HttpIssue, fail } from './errors.ts';
import { INLINE_VALIDATION_BYTES } from './limits.ts';
import { inWorker } from './workers.ts';

const SAMPLES_DIR = `${projectPath('samples')}/`;

/** Returns whether a query flag is set (`true` or `1`). */
export function flag(value: unknown): boolean {
  return value === 'true' || value === '1';
}

/** Returns the router of /api/formulaires. */
export function formRoutes(service: Service): Router {
  const router = Router();
  const { paperasse } = service;

  const formOf = (id: string) => {
    const f = paperasse.form(id);
    if (!f.ok) throw new HttpIssue(f.erreur);
    return f.valeur;
  };

  router.get('/formulaires', (_req, res) => {
    res.json(paperasse.forms());
  });

  router.get('/formulaires/:id', (req, res) => {
    const { id, title, source, version, rules, computations } = formOf(req.params.id);
    res.json({
      id,
      titre: title,
      source: `${source.text}, ${source.reference}`,
      version,
      regles: rules.map((r) => ({ code: r.code, description: r.description })),
      calculs: computations.map((c) => ({ chemin: c.path, description: c.description })),
    });
  });

  router.get('/formulaires/:id/schema', (req, res) => {
    const s = paperasse.schema(req.params.id);
    if (!s.ok) throw new HttpIssue(s.erreur);
    res.type('application/schema+json').send(JSON.stringify(s.valeur, null, 2));
  });

  router.get('/formulaires/:id/exemple', async (req, res) => {
    const f = formOf(String(req.params.id));
    res.type('application/json').send(await readFile(`${SAMPLES_DIR}${f.id}.json`));
  });

  // A small body is validated here (a few milliseconds); a large one in a worker thread, so it never blocks the others.
  router.post('/formulaires/:id/validation', requireRole(), rawBody, async (req, res) => {
    const f = formOf(String(req.params.id));
    const bytes = jsonBytesOf(req);
    if (bytes.length <= INLINE_VALIDATION_BYTES) {
      const read = parseJsonBytes(bytes, 'Le corps de la requête');
      if (!read.ok) throw new HttpIssue(read.erreur);
      const r = paperasse.validate(f.id, read.valeur);
      if (!r.ok) throw new HttpIssue(r.erreur);
      res.json({ formulaire: f.id, valide: r.valeur.valide, erreurs: r.valeur.erreurs, erreursNonListees: r.valeur.erreursNonListees, avertissements: r.valeur.avertissements, donnees: r.valeur.donnees });
      return;
    }
    const copy = new Uint8Array(bytes);
    const outcome = await inWorker({ tache: 'validation', formulaire: f.id, octets: copy }, [copy.buffer]);
    if (!outcome.ok) throw new HttpIssue(outcome.erreur, outcome.erreurs);
    const v = outcome.valeur as { valide: boolean; erreurs: unknown[]; erreursNonListees?: number; avertissements?: unknown[]; donnees?: unknown };
    res.json({ formulaire: f.id, valide: v.valide, erreurs: v.erreurs, erreursNonListees: v.erreursNonListees, avertissements: v.avertissements, donnees: v.donnees });
  });

  router.post('/formulaires/:id/rendu', requireRole(), rawBody, async (req, res) => {
    const f = formOf(String(req.params.id));
    const format = req.query.format ?? 'pdf';
    if (format !== 'pdf' && format !== 'docx') fail('REQUETE_INVALIDE', 'format', `Le format doit être « pdf » ou « docx », reçu « ${JSON.stringify(format)} ».`);
    const remplissable = flag(req.query.remplissable);
    if (remplissable && format !== 'pdf') fail('REQUETE_INVALIDE', 'remplissable', 'Seul un PDF peut être remplissable.');
    const vierge = flag(req.query.vierge);
    // The body's bytes go to the worker, which parses them (JSON_MALFORME there, with its line and column): the event
    // loop neither parses the data nor clones it as an object. A copy of its own is moved (the body may be a view on
    // Node's shared buffer pool).
    const octets = vierge ? undefined : new Uint8Array(jsonBytesOf(req));
    const outcome = await inWorker({ tache: 'rendu', formulaire: f.id, format, octets, remplissable, brouillon: flag(req.query.brouillon) }, octets === undefined ? [] : [octets.buffer]);
    if (!outcome.ok) throw new HttpIssue(outcome.erreur, outcome.erreurs);
    const document = outcome.octets ?? new Uint8Array();
    res.setHeader('Content-Disposition', `attachment; filename="${f.id}.${format}"`);
    res.setHeader('X-Paperasse-Brouillon', outcome.brouillon === true ? 'oui' : 'non');
    res.type(format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // The worker's bytes as they came (no copy), without res.send's ETag: a SHA-1 of every new document is of no use.
    res.setHeader('Content-Length', document.byteLength);
    res.end(Buffer.from(document.buffer, document.byteOffset, document.byteLength));
  });

  return router;
}
