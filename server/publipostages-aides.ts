/**
 * What the web interface needs before starting a mail merge: the column mapping of a spreadsheet (to show it and let
 * the user fix it), the check of a school's own letter template (each problem at its line and column), and a preview
 * PDF of the first valid row with that template. Nothing is stored: the files live in a temporary folder for the
 * request only.
 */
import { Router, type Request } from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Issue } from '../src/api.ts';
import { parseJsonBytes } from '../src/core/json.ts';
import { requireRole } from './auth.ts';
import type { Service } from './context.ts';
import { HttpIssue, fail } from './errors.ts';
import { fileName, filesOf, multipart } from './multipart.ts';
import { inWorker } from './workers.ts';

/** Name of the template in error locations (« modele.hbs:12:5 »). */
const TEMPLATE_NAME = 'modele.hbs';

/** An issue of a template with its line and column read from its location (« modele.hbs:12:5 »). */
export interface LocatedIssue extends Issue {
  ligne: number | null;
  colonne: number | null;
}

/** Returns the issue with its line and column, when its location gives them. */
export function located(issue: Issue): LocatedIssue {
  const match = /:(\d+):(\d+)$/.exec(issue.chemin);
  return { ...issue, ligne: match ? Number(match[1]) : null, colonne: match ? Number(match[2]) : null };
}

/** Returns the text of a multipart part given as a file or as a text field, or undefined. */
function textPart(req: Request, field: string): string | undefined {
  const file = filesOf(req.files, field)[0];
  if (file !== undefined) return file.buffer.toString('utf8');
  const body = req.body as Record<string, unknown> | undefined;
  return typeof body?.[field] === 'string' ? body[field] : undefined;
}

/** Returns the parsed mapping of a request (`correspondance`, file or text), or undefined; JSON_MALFORME when it does not parse. */
function mappingOf(req: Request): unknown {
  const text = textPart(req, 'correspondance');
  if (text === undefined || text.trim() === '') return undefined;
  const read = parseJsonBytes(Buffer.from(text), 'La correspondance');
  if (!read.ok) throw new HttpIssue(read.erreur);
  return read.valeur;
}

/** Runs `use` with the spreadsheet of the request written to a temporary file (removed afterwards). */
async function withSpreadsheet<T>(req: Request, use: (file: string) => Promise<T>): Promise<T> {
  const tableur = filesOf(req.files, 'tableur')[0];
  if (tableur === undefined) fail('REQUETE_INVALIDE', 'tableur', 'Le champ « tableur » (un fichier .csv ou .xlsx) est obligatoire.');
  const extension = extname(fileName(tableur)).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') fail('TYPE_CONTENU', 'tableur', `Le tableur doit être un fichier .csv ou .xlsx, reçu « ${extension || 'sans extension'} ».`);
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-tableur-'));
  try {
    // A neutral name: the user's file name is never written to disk nor to an error location.
    const file = join(dir, `tableur${extension}`);
    writeFileSync(file, tableur.buffer, { mode: 0o600 });
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Returns the router of the mail-merge helpers under /api/publipostages/:lettre/. */
export function batchHelperRoutes(service: Service): Router {
  const router = Router();
  const { paperasse } = service;
  const school = requireRole('etablissement', 'admin');
  const files = multipart.fields([{ name: 'tableur', maxCount: 1 }, { name: 'modele', maxCount: 1 }, { name: 'correspondance', maxCount: 1 }]);

  /** Returns the letter id of the request, or throws FORMULAIRE_INCONNU. */
  const letterOf = (req: Request): string => {
    const lettre = String(req.params.lettre);
    const form = paperasse.form(lettre);
    if (!form.ok) throw new HttpIssue(form.erreur);
    return lettre;
  };

  router.get('/publipostages', school, (_req, res) => {
    res.json({ lettres: paperasse.letters().map((f) => ({ id: f.id, titre: f.titre })) });
  });

  router.get('/publipostages/:lettre/modele', school, (req, res) => {
    const source = paperasse.standardLetterTemplate(String(req.params.lettre));
    if (!source.ok) throw new HttpIssue(source.erreur);
    res.type('text/plain; charset=utf-8').send(source.valeur);
  });

  router.post('/publipostages/:lettre/colonnes', school, files, async (req, res) => {
    const lettre = letterOf(req);
    const mapping = mappingOf(req);
    const report = await withSpreadsheet(req, (file) => paperasse.batchColumns(lettre, file, mapping));
    if (!report.ok) throw new HttpIssue(report.erreur);
    res.json(report.valeur);
  });

  router.post('/publipostages/:lettre/modele/verification', school, files, (req, res) => {
    const lettre = letterOf(req);
    const source = textPart(req, 'modele');
    if (source === undefined) fail('REQUETE_INVALIDE', 'modele', 'Le champ « modele » (le modèle Handlebars .hbs, fichier ou texte) est obligatoire.');
    const issues = paperasse.letterTemplateIssues(lettre, source, TEMPLATE_NAME);
    const first = issues[0];
    if (first !== undefined && (first.code === 'FORMULAIRE_INCONNU' || first.code === 'PAS_UNE_LETTRE')) throw new HttpIssue(first);
    res.json({ valide: issues.length === 0, erreurs: issues.map(located) });
  });

  router.post('/publipostages/:lettre/modele/apercu', school, files, async (req, res) => {
    const lettre = letterOf(req);
    const source = textPart(req, 'modele');
    const mapping = mappingOf(req);
    if (source !== undefined) {
      const issues = paperasse.letterTemplateIssues(lettre, source, TEMPLATE_NAME);
      const first = issues[0];
      if (first !== undefined) {
        if (first.code === 'PAS_UNE_LETTRE') throw new HttpIssue(first);
        throw new HttpIssue({ code: 'MODELE_INVALIDE', chemin: first.chemin, message: `Le modèle a ${issues.length} erreur${issues.length > 1 ? 's' : ''} : corrigez-les pour voir l’aperçu (la première : ${first.message})` }, issues.map(located));
      }
    }
    const row = await withSpreadsheet(req, (file) => paperasse.batchFirstValidRow(lettre, file, mapping));
    if (!row.ok) throw new HttpIssue(row.erreur);
    const outcome = await inWorker({ tache: 'rendu', formulaire: lettre, format: 'pdf', donnees: row.valeur.donnees, remplissable: false, brouillon: false, ...(source !== undefined && { modele: source, nomModele: TEMPLATE_NAME }) });
    if (!outcome.ok) throw new HttpIssue(outcome.erreur, outcome.erreurs);
    res.setHeader('Content-Disposition', `inline; filename="apercu-${lettre}.pdf"`);
    res.setHeader('X-Paperasse-Ligne', String(row.valeur.ligne));
    res.type('application/pdf').send(Buffer.from(outcome.octets ?? new Uint8Array()));
  });

  return router;
}
