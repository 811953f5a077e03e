/**
 * Routes of the candidates' stored dossiers: a candidate reads and saves its current dossier (autosave of the web
 * interface, optimistic concurrency by version number); an établissement lists the candidates who belong to it, with
 * the conformity of each dossier, and reads one read-only. Another établissement's candidate is not revealed.
 */
import express, { Router, type Request } from 'express';
import type { Account } from '../src/auth/accounts.ts';
import { isJsonObject, parseJsonBytes } from '../src/core/json.ts';
import { CandidateDossiers, type StoredDossier } from '../src/store/candidate-dossiers.ts';
import { accountOf, requireRole } from './auth.ts';
import { jsonOf } from './body.ts';
import type { Service } from './context.ts';
import { HttpIssue, fail } from './errors.ts';

/** Largest stored dossier (the JSON body of PUT /api/dossiers/courant), in bytes: 2 MiB. */
export const MAX_STORED_DOSSIER_BYTES = 2 * 1024 * 1024;

const dossierBody = express.raw({ type: () => true, limit: MAX_STORED_DOSSIER_BYTES });

/** Returns the version and dossier of a PUT body, or throws DONNEES_INVALIDES. */
function saveRequestOf(req: Request): { version: number; dossier: Record<string, unknown> } {
  const body = jsonOf(req);
  if (!isJsonObject(body)) fail('DONNEES_INVALIDES', '', 'Le corps doit être un objet JSON { "version": n, "dossier": { … } }.');
  const { version, dossier } = body;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    fail('DONNEES_INVALIDES', '/version', 'Le champ « version » est obligatoire : le numéro de la version que vous modifiez (0 pour un premier enregistrement).');
  }
  if (!isJsonObject(dossier)) fail('DONNEES_INVALIDES', '/dossier', 'Le champ « dossier » est obligatoire : l’objet JSON du dossier professionnel.');
  for (const key of Object.keys(body)) if (key !== 'version' && key !== 'dossier') fail('DONNEES_INVALIDES', `/${key}`, `Le champ « ${key} » n’est pas attendu.`);
  return { version, dossier };
}

/** Returns the parsed JSON of a stored dossier (written by this service, so always an object). */
function contentOf(stored: StoredDossier): unknown {
  const read = parseJsonBytes(Buffer.from(stored.contenu), 'Le dossier enregistré');
  if (!read.ok) throw new HttpIssue(read.erreur);
  return read.valeur;
}

/** Returns the candidate's name as its dossier gives it (empty strings when it does not yet). */
function nameOf(dossier: unknown): { nom: string; prenom: string } {
  const candidat = isJsonObject(dossier) && isJsonObject(dossier.candidat) ? dossier.candidat : {};
  return { nom: typeof candidat.nom === 'string' ? candidat.nom : '', prenom: typeof candidat.prenom === 'string' ? candidat.prenom : '' };
}

/** Returns the router of /api/dossiers/courant and /api/etablissement/candidats. */
export function storedDossierRoutes(service: Service): Router {
  const router = Router();
  const dossiers = new CandidateDossiers(service.store.database);

  /** Returns the candidate `idText` if it belongs to the signed-in établissement; RESSOURCE_INCONNUE otherwise. */
  const candidateOf = (idText: string, school: Account): Account => {
    const id = Number(idText);
    const account = /^\d{1,15}$/.test(idText) ? service.accounts.byId(id) : undefined;
    if (account === undefined || account.role !== 'candidat' || school.etablissement === null || account.etablissement !== school.etablissement) {
      fail('RESSOURCE_INCONNUE', `/api/etablissement/candidats/${idText}`, `Aucun candidat n° ${idText} dans votre établissement.`);
    }
    return account;
  };

  /** Returns the conformity summary of a stored dossier: overall, per épreuve (with its number of motifs), and the number of validation errors. */
  const summaryOf = (dossier: unknown): Record<string, unknown> => {
    const report = service.paperasse.checkDossier(dossier);
    const epreuves = Object.fromEntries(Object.entries(report.epreuves).map(([e, r]) => [e, { conforme: r.conforme, motifs: r.motifs.length }]));
    return { conforme: report.conforme, epreuves, erreurs: report.erreurs.length + (report.erreursNonListees ?? 0), avertissements: report.avertissements.length };
  };

  router.get('/dossiers/courant', requireRole('candidat'), (_req, res) => {
    const stored = dossiers.get(accountOf(res).id);
    res.setHeader('Cache-Control', 'no-store');
    res.json(stored === undefined ? { dossier: null, version: 0, majLe: null } : { dossier: contentOf(stored), version: stored.version, majLe: stored.majLe });
  });

  router.put('/dossiers/courant', requireRole('candidat'), dossierBody, (req, res) => {
    const { version, dossier } = saveRequestOf(req);
    const saved = dossiers.save(accountOf(res).id, JSON.stringify(dossier), version);
    if (!saved.ok) throw new HttpIssue(saved.erreur);
    res.json({ version: saved.valeur.version, majLe: saved.valeur.majLe });
  });

  router.get('/etablissement/candidats', requireRole('etablissement'), (_req, res) => {
    const school = accountOf(res);
    const candidates = service.accounts.list().filter((a) => a.role === 'candidat' && school.etablissement !== null && a.etablissement === school.etablissement);
    const stored = dossiers.many(candidates.map((c) => c.id));
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      candidats: candidates.map((c) => {
        const s = stored.get(c.id);
        const dossier = s === undefined ? undefined : contentOf(s);
        return {
          id: c.id,
          email: c.email,
          ...nameOf(dossier),
          version: s?.version ?? 0,
          majLe: s?.majLe ?? null,
          conformite: dossier === undefined ? null : summaryOf(dossier),
          url: `/api/etablissement/candidats/${c.id}/dossier`,
        };
      }),
    });
  });

  router.get('/etablissement/candidats/:id/dossier', requireRole('etablissement'), (req, res) => {
    const candidate = candidateOf(String(req.params.id), accountOf(res));
    const stored = dossiers.get(candidate.id);
    const dossier = stored === undefined ? null : contentOf(stored);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      candidat: { id: candidate.id, email: candidate.email, ...nameOf(dossier) },
      dossier,
      version: stored?.version ?? 0,
      majLe: stored?.majLe ?? null,
      conformite: dossier === null ? null : service.paperasse.checkDossier(dossier),
    });
  });

  return router;
}
