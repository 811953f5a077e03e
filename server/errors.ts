/** The one place where Paperasse error codes become HTTP statuses and JSON error bodies. */
import type { ErrorRequestHandler, Response } from 'express';
import type { Issue } from '../src/api.ts';
import { internalError } from '../src/core/incident.ts';
import type { CatalogCode } from '../src/core/issues.ts';

const STATUS_BY_CODE: Partial<Record<CatalogCode, number>> = {
  FORMULAIRE_INCONNU: 404,
  RESSOURCE_INCONNUE: 404,
  JSON_MALFORME: 400,
  FICHIER_ILLISIBLE: 400,
  TYPE_CONTENU: 415,
  FICHIER_TROP_GROS: 413,
};

/** Sends `{ erreur }` with the HTTP status of its code (500 for unknown codes). */
export function sendError(res: Response, error: Issue): void {
  res.status(STATUS_BY_CODE[error.code as CatalogCode] ?? 500).json({ erreur: error });
}

/** Express error handler: body-size and internal errors become French JSON errors; bodies and error messages are never logged. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  const e = err as { type?: string; status?: number; limit?: number; message?: string };
  if (e.type === 'entity.too.large') {
    sendError(res, { code: 'FICHIER_TROP_GROS', chemin: 'corps', message: `Le corps de la requête dépasse la limite de ${e.limit ?? '?'} octets.` });
    return;
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    res.status(e.status).json({ erreur: { code: 'REQUETE_INVALIDE', chemin: 'requête', message: 'Requête invalide.' } });
    return;
  }
  sendError(res, internalError('server', err));
};
