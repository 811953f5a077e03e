/**
 * Structured logs (pino, JSON lines): one line per request with its method, route pattern, status, duration and the
 * account number — never a body, a query string, a name, an e-mail, a token or an upload's file name. Paths are logged
 * as their route pattern (`/api/depots/:id`), so nothing a user typed reaches the log.
 */
import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { setIncidentSink } from '../src/core/incident.ts';

/** Keys redacted wherever they appear in a logged object (a last defence: handlers log no user data at all). */
const REDACTED = ['email', 'motDePasse', 'nom', 'prenom', 'nomFichier', 'originalname', 'body', 'req.headers.authorization', 'req.headers.cookie', '*.email', '*.nom', '*.nomFichier', '*.motDePasse'];

/** Returns a pino logger writing to `destination` (stdout by default), personal data redacted. */
export function createLogger(destination?: DestinationStream, level = process.env.PAPERASSE_LOG_LEVEL ?? 'info'): Logger {
  const options = { level, base: { service: 'paperasse' }, redact: { paths: REDACTED, censor: '[masqué]' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** Sends incident lines (ERREUR_INTERNE: id, class and stack frames only) to the logger. */
export function logIncidents(logger: Logger): void {
  setIncidentSink((line) => logger.error({ incident: true }, line));
}

/** Returns the middleware that logs each request once it is answered (route pattern, status, duration, account number). */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route as { path?: string } | undefined;
      const pattern = route?.path === undefined ? '(sans route)' : `${req.originalUrl.startsWith('/api/') ? '/api' : ''}${route.path}`;
      logger.info({
        methode: req.method,
        route: pattern,
        statut: res.statusCode,
        ms: Number((process.hrtime.bigint() - start) / 1_000_000n),
        compte: res.locals.account?.id ?? null,
      });
    });
    next();
  };
}
