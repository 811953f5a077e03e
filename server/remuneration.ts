/**
 * The pay calculator route (guide « L’alternance à la MIAGE », §4.2): `POST /api/remuneration` takes a fiche de
 * validation de mission and answers the JSON of `paperasse remuneration --json`. The SMIC and the SMC are given as
 * query parameters (`?smic=1823.03&smc=1900`) or, with the fiche, in an envelope body
 * `{ "fiche": {…}, "smic": 1823.03, "smc": 1900, "calendrier": {…} }`.
 */
import { Router, type Request } from 'express';
import type { Issue, RemunerationOptions } from '../src/api.ts';
import { parseCalendar } from '../src/forms/calendrier-formation.ts';
import { isJsonObject } from '../src/core/json.ts';
import { requireRole } from './auth.ts';
import { jsonOf, rawBody } from './body.ts';
import type { Service } from './context.ts';
import { HttpIssue } from './errors.ts';

/** The keys an envelope body may have besides `fiche`. */
const ENVELOPE_KEYS = ['fiche', 'smic', 'smc', 'calendrier'];

/** A pay request once checked: the fiche and the amounts (and calendar) to compute with. */
interface PayRequest {
  fiche: unknown;
  options: RemunerationOptions;
}

/** Returns the euros amount of a query parameter or an envelope field, or undefined when absent; pushes a problem when it is not a positive amount. */
function amountOf(raw: unknown, where: string, problems: Issue[]): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.replace(',', '.')) : Number.NaN;
  if (Number.isFinite(value) && value > 0) return value;
  problems.push({ code: 'VALEUR_HORS_LIMITES', chemin: where, message: `« ${where} » doit être un montant brut mensuel en euros, positif (par exemple 1823.03), pas ${JSON.stringify(raw)}.` });
  return undefined;
}

/** Returns the checked pay request of `req`, or throws REQUETE_INVALIDE / DONNEES_INVALIDES / CALENDRIER_INVALIDE listing every problem. */
function payRequestOf(req: Request): PayRequest {
  const body = jsonOf(req);
  const envelope = isJsonObject(body) && Object.hasOwn(body, 'fiche') ? body : undefined;
  const problems: Issue[] = [];
  const query = req.query as Record<string, unknown>;
  for (const key of Object.keys(query)) {
    if (key !== 'smic' && key !== 'smc') problems.push({ code: 'CHAMP_INCONNU', chemin: key, message: `Le paramètre « ${key} » n’est pas attendu (smic, smc).` });
    else if (typeof query[key] !== 'string') problems.push({ code: 'REQUETE_INVALIDE', chemin: key, message: `Le paramètre « ${key} » est donné plusieurs fois.` });
  }
  const options: PayRequest['options'] = {};
  for (const key of ['smic', 'smc'] as const) {
    const inQuery = typeof query[key] === 'string' ? amountOf(query[key], key, problems) : undefined;
    const inBody = envelope ? amountOf(envelope[key], `/${key}`, problems) : undefined;
    if (inQuery !== undefined && inBody !== undefined) problems.push({ code: 'REQUETE_INVALIDE', chemin: key, message: `« ${key} » est donné deux fois, dans l’adresse et dans le corps : gardez-en un.` });
    const value = inBody ?? inQuery;
    if (value !== undefined) options[key] = value;
  }
  if (envelope) {
    for (const key of Object.keys(envelope)) {
      if (!ENVELOPE_KEYS.includes(key)) problems.push({ code: 'CHAMP_INCONNU', chemin: `/${key}`, message: `Le champ « ${key} » n’est pas attendu à côté de « fiche » (${ENVELOPE_KEYS.join(', ')}).` });
    }
  }
  if (problems.length > 0) {
    throw new HttpIssue({ code: 'REQUETE_INVALIDE', chemin: problems[0]?.chemin ?? '', message: `La demande de calcul n’est pas valide (${problems.length} erreur${problems.length > 1 ? 's' : ''}) : ${problems.map((p) => p.message).join(' ')}` }, problems);
  }
  if (envelope?.calendrier !== undefined) {
    const calendar = parseCalendar(envelope.calendrier, 'Le champ « calendrier »');
    if (!calendar.ok) throw new HttpIssue({ ...calendar.erreur, chemin: `/calendrier/${calendar.erreur.chemin}`.replace(/\/\/$/, '') });
    options.calendrier = calendar.valeur;
  }
  return { fiche: envelope ? envelope.fiche : body, options };
}

/** Returns the router of /api/remuneration. */
export function remunerationRoutes(service: Service): Router {
  const router = Router();
  router.post('/remuneration', requireRole(), rawBody, (req, res) => {
    const { fiche, options } = payRequestOf(req);
    const grid = service.paperasse.remuneration(fiche, options);
    if (!grid.ok) throw new HttpIssue(grid.erreur);
    res.json(grid.valeur);
  });
  return router;
}
