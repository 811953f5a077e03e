/** Routes of who is asking: the session (login, logout, who am I), accounts (admin), API tokens. */
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ROLES, SESSION_MS, type Account, type Role } from '../src/auth/accounts.ts';
import { LoginAttempts } from '../src/auth/attempts.ts';
import { accountOf, cookieOf, requireRole, SESSION_COOKIE, sessionCookie } from './auth.ts';
import { objectOf, rawBody } from './body.ts';
import type { Service } from './context.ts';
import { HttpIssue, fail, sendError } from './errors.ts';
import { LOGIN_WINDOW_MS } from './limits.ts';

/** Returns an account as the API shows it. */
export function publicAccount(a: Account): Record<string, unknown> {
  return { id: a.id, email: a.email, role: a.role, etablissement: a.etablissement, creeLe: a.creeLe };
}

/** Returns the router of /api/session, /api/comptes and /api/jetons. */
export function sessionRoutes(service: Service): Router {
  const router = Router();
  const { accounts, config } = service;

  const loginLimit = rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: config.loginAttempts,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Counted in the database, not in this process: shared by every instance and kept across restarts.
    store: new LoginAttempts(service.store.database, { windowMs: LOGIN_WINDOW_MS }),
    handler: (_req, res) => {
      sendError(res, { code: 'TROP_DE_TENTATIVES', chemin: '', message: `Trop de tentatives de connexion depuis cette adresse : réessayez dans ${LOGIN_WINDOW_MS / 60_000} minutes.` });
    },
  });

  router.post('/session', loginLimit, rawBody, async (req, res) => {
    const body = objectOf<{ email: string; motDePasse: string }>(req, { email: { type: 'string', obligatoire: true, maxLength: 320 }, motDePasse: { type: 'string', obligatoire: true, maxLength: 256 } });
    const account = await accounts.authenticate(body.email, body.motDePasse);
    if (account === undefined) fail('IDENTIFIANTS_INCORRECTS', '', 'Adresse électronique ou mot de passe incorrect.');
    const session = accounts.openSession(account.id);
    res.setHeader('Set-Cookie', sessionCookie(session, SESSION_MS / 1000, config.cookieInsecure));
    res.status(201).json({ compte: publicAccount(account) });
  });

  router.get('/session', (_req, res) => {
    const account = accountOf(res);
    res.json({ compte: publicAccount(account), via: res.locals.via });
  });

  router.delete('/session', (req, res) => {
    accountOf(res);
    const session = cookieOf(req, SESSION_COOKIE);
    if (session !== undefined) accounts.closeSession(session);
    res.setHeader('Set-Cookie', sessionCookie(undefined, 0, config.cookieInsecure));
    res.status(204).end();
  });

  router.post('/comptes', requireRole('admin'), rawBody, async (req, res) => {
    const body = objectOf<{ email: string; motDePasse: string; role: Role; etablissement?: string }>(req, {
      email: { type: 'string', obligatoire: true, maxLength: 320 },
      motDePasse: { type: 'string', obligatoire: true, maxLength: 256 },
      role: { type: 'string', obligatoire: true, valeurs: ROLES },
      etablissement: { type: 'string', maxLength: 200 },
    });
    const created = await accounts.create(body);
    if (!created.ok) throw new HttpIssue(created.erreur);
    res.status(201).location(`/api/comptes/${created.valeur.id}`).json({ compte: publicAccount(created.valeur) });
  });

  router.get('/comptes', requireRole('admin'), (_req, res) => {
    res.json({ comptes: accounts.list().map(publicAccount) });
  });

  router.post('/jetons', requireRole(), rawBody, (req, res) => {
    const hasBody = Buffer.isBuffer(req.body) && req.body.length > 0;
    const body = hasBody ? objectOf<{ nom?: string }>(req, { nom: { type: 'string', maxLength: 100 } }) : {};
    const account = accountOf(res);
    const { id, jeton } = accounts.issueToken(account.id, body.nom ?? 'jeton');
    res.status(201).json({ id, jeton });
  });

  router.get('/jetons', requireRole(), (_req, res) => {
    res.json({ jetons: accounts.tokens(accountOf(res).id) });
  });

  router.delete('/jetons/:id', requireRole(), (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || !accounts.revokeToken(accountOf(res).id, id)) {
      fail('RESSOURCE_INCONNUE', `/api/jetons/${String(req.params.id)}`, `Aucun jeton actif n° ${String(req.params.id)} pour ce compte.`);
    }
    res.status(204).end();
  });

  return router;
}
