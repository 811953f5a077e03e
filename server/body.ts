/**
 * The one validation step of request bodies: JSON bodies are read raw (with their size limit), their content type
 * checked, then parsed by Paperasse's parser so a malformed document gets its line and column; small objects (login,
 * accounts) are then checked field by field with French messages.
 */
import express, { type Request, type RequestHandler } from 'express';
import type { Issue } from '../src/api.ts';
import { isJsonObject, parseJsonBytes } from '../src/core/json.ts';
import { HttpIssue, fail } from './errors.ts';
import { MAX_JSON_BODY_BYTES } from './limits.ts';

/** The raw body reader of JSON routes (any content type is read, then checked by `jsonOf`). */
export const rawBody: RequestHandler = express.raw({ type: () => true, limit: MAX_JSON_BODY_BYTES });

/** Returns the raw bytes of a JSON body, after checking its content type (TYPE_CONTENU). */
export function jsonBytesOf(req: Request): Buffer {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    fail('TYPE_CONTENU', 'content-type', `Le corps doit être du JSON (Content-Type: application/json), reçu « ${type || 'aucun'} ».`);
  }
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/** Returns the parsed JSON body (TYPE_CONTENU, JSON_MALFORME with line and column). */
export function jsonOf(req: Request): unknown {
  const read = parseJsonBytes(jsonBytesOf(req), 'Le corps de la requête');
  if (!read.ok) throw new HttpIssue(read.erreur);
  return read.valeur;
}

/** What a field of a small JSON object must be. */
export interface FieldRule {
  type: 'string' | 'boolean';
  obligatoire?: boolean;
  maxLength?: number;
  valeurs?: readonly string[];
}

/** Returns the JSON body as an object whose fields follow `rules`, or throws DONNEES_INVALIDES listing every problem (unknown fields included). */
export function objectOf<T>(req: Request, rules: Record<string, FieldRule>): T {
  const value = jsonOf(req);
  if (!isJsonObject(value)) fail('DONNEES_INVALIDES', '', 'Le corps doit être un objet JSON.');
  const problems: Issue[] = [];
  for (const [key, rule] of Object.entries(rules)) {
    const field = value[key];
    if (field === undefined || field === null) {
      if (rule.obligatoire === true) problems.push({ code: 'CHAMP_OBLIGATOIRE', chemin: `/${key}`, message: `Le champ « ${key} » est obligatoire.` });
      continue;
    }
    if (typeof field !== rule.type) problems.push({ code: 'TYPE_INVALIDE', chemin: `/${key}`, message: `Le champ « ${key} » doit être ${rule.type === 'string' ? 'un texte' : 'un booléen'}.` });
    else if (typeof field === 'string' && rule.maxLength !== undefined && field.length > rule.maxLength) {
      problems.push({ code: 'TEXTE_TROP_LONG', chemin: `/${key}`, message: `Le champ « ${key} » dépasse ${rule.maxLength} caractères.` });
    } else if (typeof field === 'string' && rule.valeurs !== undefined && !rule.valeurs.includes(field)) {
      problems.push({ code: 'VALEUR_NON_AUTORISEE', chemin: `/${key}`, message: `Le champ « ${key} » doit valoir l’une de : ${rule.valeurs.join(', ')}.` });
    }
  }
  for (const key of Object.keys(value)) {
    if (!(key in rules)) problems.push({ code: 'CHAMP_INCONNU', chemin: `/${key}`, message: `Le champ « ${key} » n’est pas attendu.` });
  }
  if (problems.length > 0) {
    throw new HttpIssue({ code: 'DONNEES_INVALIDES', chemin: '', message: `Le corps de la requête n’est pas valide (${problems.length} erreur${problems.length > 1 ? 's' : ''}).` }, problems);
  }
  return value as T;
}
