/**
 * The one place where Paperasse issues become HTTP answers: `application/problem+json` (RFC 9457) with `type`,
 * `title`, `status`, `code`, a French `detail`, the `erreurs` list, and `erreur` (the issue itself, as before).
 */
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Issue } from '../src/api.ts';
import { internalError } from '../src/core/incident.ts';
import { ERROR_CODES, isCatalogCode, type CatalogCode } from '../src/core/issues.ts';
import { MAX_FILES_PER_REQUEST, MAX_FILE_BYTES } from './limits.ts';

const STATUS_BY_CODE: Partial<Record<CatalogCode, number>> = {
  FORMULAIRE_INCONNU: 404,
  RESSOURCE_INCONNUE: 404,
  JSON_MALFORME: 400,
  REQUETE_INVALIDE: 400,
  USAGE: 400,
  FICHIER_ILLISIBLE: 400,
  DONNEES_INVALIDES: 422,
  REMUNERATION_INCALCULABLE: 422,
  CALENDRIER_INVALIDE: 422,
  JUSTIFICATIF_INTROUVABLE: 422,
  JUSTIFICATIF_ILLISIBLE: 422,
  JUSTIFICATIF_TROP_GROS: 413,
  MENTION_ETABLISSEMENT: 422,
  PAS_UN_PDF: 422,
  PDF_ILLISIBLE: 422,
  PDF_CHIFFRE: 422,
  TROP_DE_PAGES: 413,
  DELAI_DEPASSE: 422,
  TYPE_CONTENU: 415,
  FICHIER_TROP_GROS: 413,
  TROP_DE_FICHIERS: 413,
  NON_AUTHENTIFIE: 401,
  IDENTIFIANTS_INCORRECTS: 401,
  ACCES_REFUSE: 403,
  ORIGINE_REFUSEE: 403,
  TROP_DE_TENTATIVES: 429,
  COMPTE_EXISTANT: 409,
  TACHE_NON_TERMINEE: 409,
  TACHE_ECHOUEE: 409,
  LECTURE_EN_COURS: 409,
  STOCKAGE_OCCUPE: 503,
  DELAI_REQUETE: 503,
  FONCTION_INDISPONIBLE: 501,
  DOSSIER_MODIFIE_AILLEURS: 409,
  MODELE_INVALIDE: 422,
  AUCUNE_LIGNE_VALIDE: 422,
  COLONNE_INCONNUE: 422,
  COLONNE_EN_DOUBLE: 422,
  CORRESPONDANCE_INVALIDE: 422,
  TABLEUR_ILLISIBLE: 422,
  TABLEUR_VIDE: 422,
  TABLEUR_TROP_DE_LIGNES: 413,
  PAS_UNE_LETTRE: 422,
  ECRITURE_IMPOSSIBLE: 507,
};

/** Base of the `type` URIs: one per code, documented in the README's error table. */
export const PROBLEM_TYPE_BASE = 'https://paperasse.fr/erreurs/';

/** Returns the HTTP status of an issue's code (500 for ours and for unknown codes). */
export function statusOf(code: string): number {
  return isCatalogCode(code) ? (STATUS_BY_CODE[code] ?? 500) : 422;
}

/** A problem+json body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  erreurs: Issue[];
  erreur: Issue;
}

/** Returns the problem+json body of an issue (and the list it sums up). */
export function problemOf(error: Issue, erreurs: Issue[] = [], instance?: string): Problem {
  const code = String(error.code);
  const title = isCatalogCode(code) ? ERROR_CODES[code] : 'règle du formulaire';
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: title.charAt(0).toUpperCase() + title.slice(1),
    status: statusOf(code),
    code,
    detail: error.message,
    ...(instance !== undefined && { instance }),
    erreurs: erreurs.length > 0 ? erreurs : [error],
    erreur: error,
  };
}

/** Sends an issue as `application/problem+json` with the status of its code. */
export function sendError(res: Response, error: Issue, erreurs: Issue[] = []): void {
  const body = problemOf(error, erreurs, res.req.originalUrl.split('?')[0]);
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body, null, 2));
}

/** An issue thrown by a handler (Express 5 forwards rejected promises to the error handler). */
export class HttpIssue extends Error {
  readonly issue: Issue;
  readonly erreurs: Issue[];
  constructor(issue: Issue, erreurs: Issue[] = []) {
    super(issue.code);
    this.issue = issue;
    this.erreurs = erreurs;
  }
}

/** Throws an issue as an HTTP answer. */
export function fail(code: CatalogCode, chemin: string, message: string): never {
  throw new HttpIssue({ code, chemin, message });
}

/** Express error handler: issues, body and upload limits, malformed requests, then bugs of ours (ERREUR_INTERNE); bodies and error messages are never logged. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req: Request, res: Response, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof HttpIssue) return sendError(res, err.issue, err.erreurs);
  const e = err as { type?: string; status?: number; limit?: number; code?: string; name?: string; field?: string };
  if (e.type === 'entity.too.large') {
    return sendError(res, { code: 'FICHIER_TROP_GROS', chemin: 'corps', message: `Le corps de la requête dépasse la limite de ${e.limit ?? '?'} octets.` });
  }
  if (e.name === 'MulterError') {
    if (e.code === 'LIMIT_FILE_SIZE') return sendError(res, { code: 'FICHIER_TROP_GROS', chemin: e.field ?? 'fichiers', message: `Un fichier dépasse la limite de ${MAX_FILE_BYTES / 1024 / 1024} Mio.` });
    if (e.code === 'LIMIT_FILE_COUNT' || e.code === 'LIMIT_PART_COUNT') {
      return sendError(res, { code: 'TROP_DE_FICHIERS', chemin: e.field ?? 'fichiers', message: `La requête contient plus de ${MAX_FILES_PER_REQUEST} fichiers.` });
    }
    if (e.code === 'LIMIT_UNEXPECTED_FILE') return sendError(res, { code: 'REQUETE_INVALIDE', chemin: e.field ?? '', message: `Le champ de fichier « ${e.field ?? ''} » n’est pas attendu par cette route.` });
    return sendError(res, { code: 'REQUETE_INVALIDE', chemin: e.field ?? '', message: 'Le corps multipart/form-data est mal formé ou dépasse une limite.' });
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return sendError(res, { code: 'REQUETE_INVALIDE', chemin: 'requête', message: 'Requête HTTP mal formée.' });
  }
  sendError(res, internalError(`server ${req.method} ${(req.route as { path?: string } | undefined)?.path ?? ''}`, err));
};
