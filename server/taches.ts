/**
 * Routes of jobs: state, progress as Server-Sent Events, result. A job is seen by the account that created it and,
 * for an établissement's job, by the accounts of that établissement; any other gets RESSOURCE_INCONNUE.
 * The events are read from the database (polled), so they work whatever instance runs the job.
 */
import { Router, type Response } from 'express';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job } from '../src/jobs/jobs.ts';
import { accountOf, requireRole } from './auth.ts';
import type { Service } from './context.ts';
import { fail } from './errors.ts';
import { REPORT_FILE } from './publipostage.ts';

/** How often the events route reads the job's state, in ms. */
const EVENTS_POLL_MS = 250;
/** A comment line sent this often keeps proxies from closing a quiet stream, in ms. */
const KEEPALIVE_MS = 15_000;

/** Returns a job as the API shows it. */
export function publicJob(job: Job): Record<string, unknown> {
  return {
    id: job.id,
    type: job.type,
    etat: job.etat,
    progression: job.progression,
    message: job.message,
    tentatives: job.tentatives,
    raison: job.raison,
    creeLe: job.creeLe,
    majLe: job.majLe,
    resultat: job.etat === 'terminee' ? `/api/taches/${job.id}/resultat` : null,
  };
}

/** Returns the router of /api/taches. */
export function jobRoutes(service: Service): Router {
  const router = Router();
  const { jobs } = service;

  const visibleJob = (id: string, res: Response): Job => {
    const account = accountOf(res);
    const job = /^[0-9a-f-]{36}$/.test(id) ? jobs.get(id) : undefined;
    const mine = job !== undefined && (job.compteId === account.id || (account.role === 'etablissement' && job.etablissement !== null && job.etablissement === account.etablissement));
    if (!mine) fail('RESSOURCE_INCONNUE', `/api/taches/${id}`, `Aucune tâche ${id} pour votre compte.`);
    return job;
  };

  router.get('/taches/:id', requireRole(), (req, res) => {
    res.json(publicJob(visibleJob(String(req.params.id), res)));
  });

  router.get('/taches/:id/evenements', requireRole(), (req, res) => {
    const id = String(req.params.id);
    visibleJob(id, res);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    let last = '';
    let sinceWrite = 0;
    const send = (): void => {
      const job = jobs.get(id);
      if (job === undefined) return end();
      const data = JSON.stringify(publicJob(job));
      if (data !== last) {
        last = data;
        sinceWrite = 0;
        const event = job.etat === 'terminee' || job.etat === 'echec' ? 'fin' : 'progression';
        res.write(`event: ${event}\ndata: ${data}\n\n`);
        if (event === 'fin') return end();
      } else if ((sinceWrite += EVENTS_POLL_MS) >= KEEPALIVE_MS) {
        sinceWrite = 0;
        res.write(': en cours\n\n');
      }
    };
    const timer = setInterval(send, EVENTS_POLL_MS);
    const end = (): void => {
      clearInterval(timer);
      res.end();
    };
    req.on('close', () => clearInterval(timer));
    send();
  });

  router.get('/taches/:id/rapport', requireRole(), (req, res) => {
    const job = visibleJob(String(req.params.id), res);
    if (job.etat === 'echec') fail('TACHE_ECHOUEE', `/api/taches/${job.id}`, `La tâche a échoué : ${job.raison?.message ?? 'raison inconnue'}`);
    const path = join(jobs.folder(job.id), REPORT_FILE);
    if (job.etat !== 'terminee') fail('TACHE_NON_TERMINEE', `/api/taches/${job.id}`, `La tâche est « ${job.etat} » : son rapport n’existe pas encore. Suivez-la sur /api/taches/${job.id}/evenements.`);
    if (job.type !== 'publipostage' || !existsSync(path)) fail('RESSOURCE_INCONNUE', `/api/taches/${job.id}/rapport`, 'Cette tâche n’a pas de rapport de lignes refusées (seul un publipostage en a un).');
    res.type('application/json').send(readFileSync(path));
  });

  router.get('/taches/:id/resultat', requireRole(), (req, res) => {
    const job = visibleJob(String(req.params.id), res);
    if (job.etat === 'echec') fail('TACHE_ECHOUEE', `/api/taches/${job.id}`, `La tâche a échoué : ${job.raison?.message ?? 'raison inconnue'}`);
    const path = jobs.resultPath(job.id);
    if (job.etat !== 'terminee' || path === undefined) fail('TACHE_NON_TERMINEE', `/api/taches/${job.id}`, `La tâche est « ${job.etat} » : son résultat n’existe pas encore. Suivez-la sur /api/taches/${job.id}/evenements.`);
    res.setHeader('Content-Disposition', `attachment; filename="${job.type}-${job.id}.zip"`);
    res.type(job.resultatType ?? 'application/octet-stream');
    createReadStream(path).on('error', () => res.destroy()).pipe(res);
  });

  return router;
}
