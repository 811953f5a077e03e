/**
 * Who is asking: a Bearer token (`Authorization: Bearer <jeton>`) or the session cookie, looked up in the database on
 * every request (a revoked token or a closed session stops working at once). A write authenticated by the cookie must
 * come from the service's own origin (Sec-Fetch-Site, else Origin): a page of another site cannot use the browser's
 * cookie (CSRF). Bearer requests are exempt (a browser never adds that header by itself).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Account, Accounts, Role } from '../src/auth/accounts.ts';
import { fail } from './errors.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      account?: Account;
      via?: 'cookie' | 'jeton';
    }
  }
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'paperasse_session';

/** Returns the value of cookie `name` in the request, or undefined. */
export function cookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** Returns the Set-Cookie value of a session (HTTP-only, SameSite=Strict, Secure unless `insecure`), or of its removal. */
export function sessionCookie(value: string | undefined, maxAgeSeconds: number, insecure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${value ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${value === undefined ? 0 : maxAgeSeconds}`];
  if (!insecure) parts.push('Secure');
  return parts.join('; ');
}

/** Returns the bearer token of a request, or undefined. */
function bearerOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Returns the middleware that finds the account of a request (token first, then cookie) and checks the origin of cookie writes; anonymous requests pass. */
export function identify(accounts: Accounts): RequestHandler {
  return (req, res, next) => {
    const token = bearerOf(req);
    if (token !== undefined) {
      const account = accounts.byToken(token);
      if (account === undefined) fail('NON_AUTHENTIFIE', 'authorization', 'Le jeton est inconnu ou révoqué : créez-en un nouveau (POST /api/jetons).');
      res.locals.account = account;
      res.locals.via = 'jeton';
      return next();
    }
    const session = cookieOf(req, SESSION_COOKIE);
    if (session !== undefined) {
      const account = accounts.bySession(session);
      if (account !== undefined) {
        if (!SAFE_METHODS.has(req.method)) checkSameOrigin(req);
        res.locals.account = account;
        res.locals.via = 'cookie';
      }
    }
    next();
  };
}

/** Throws ORIGINE_REFUSEE when a cookie-authenticated write comes from another site. */
function checkSameOrigin(req: Request): void {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    if (site === 'same-origin' || site === 'none') return;
    fail('ORIGINE_REFUSEE', 'sec-fetch-site', 'Cette écriture vient d’un autre site que le service : elle est refusée (protection CSRF).');
  }
  const origin = req.headers.origin;
  if (origin === undefined) return; // Not a browser: a browser sends Origin or Sec-Fetch-Site with every cross-site write.
  const host = req.headers.host ?? '';
  let sameHost: boolean;
  try {
    sameHost = new URL(origin).host === host;
  } catch {
    sameHost = false;
  }
  if (!sameHost) fail('ORIGINE_REFUSEE', 'origin', 'Cette écriture vient d’une autre origine que le service : elle est refusée (protection CSRF).');
}

/** Returns the signed-in account, or throws NON_AUTHENTIFIE. */
export function accountOf(res: Response): Account {
  const account = res.locals.account;
  if (account === undefined) fail('NON_AUTHENTIFIE', '', 'Cette route demande d’être connecté : POST /api/session, ou l’en-tête Authorization: Bearer <jeton>.');
  return account;
}

/** Returns the middleware that lets only signed-in accounts of these roles through (NON_AUTHENTIFIE, ACCES_REFUSE). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const account = accountOf(res);
    if (roles.length > 0 && !roles.includes(account.role)) {
      fail('ACCES_REFUSE', '', `Cette action est réservée aux comptes ${roles.map((r) => `« ${r} »`).join(' ou ')} ; le vôtre est « ${account.role} ».`);
    }
    next();
  };
}
