/**
 * Routes of the uploads (dépôts) of an établissement: returned PDFs are stored (original written durably, row
 * committed) before they are read; reading happens in the background, claimed with a lease (see UploadReader). An
 * établissement sees only the uploads received for it; candidates see none.
 */
import { Router } from 'express';
import type { UploadRecord, UploadStatus } from '../src/store/upload-store.ts';
import { accountOf, requireRole } from './auth.ts';
import type { Service } from './context.ts';
import { HttpIssue, fail } from './errors.ts';
import { MAX_FILES_PER_REQUEST } from './limits.ts';
import { fileName, multipart } from './multipart.ts';

const STATUSES: readonly UploadStatus[] = ['en-attente', 'traite', 'echec'];

/** The parts of a form's data that name its person, in order of preference. */
const PERSON_KEYS = ['candidat', 'alternant', 'apprenti', 'stagiaire'];

/** Returns « Prénom NOM » of the person a form's data is about (candidat, alternant…), or null. */
export function personOf(donnees: unknown): string | null {
  if (donnees === null || typeof donnees !== 'object') return null;
  for (const key of PERSON_KEYS) {
    const part = (donnees as Record<string, unknown>)[key];
    if (part === null || typeof part !== 'object') continue;
    const { nom, prenom } = part as Record<string, unknown>;
    const text = [prenom, nom].filter((v): v is string => typeof v === 'string' && v.trim() !== '').join(' ');
    if (text !== '') return text;
  }
  return null;
}

/** Returns what the secretariat's table shows of an extraction: the person, the signatures (signer, modified after signing), the number of changes. */
function summaryOf(record: UploadRecord): Record<string, unknown> {
  const extraction = record.resultat?.ok === true ? record.resultat.valeur : undefined;
  return {
    personne: extraction === undefined ? null : personOf(extraction.donnees),
    signatures: (extraction?.signatures ?? []).map((s) => ({ signataire: s.signataire, date: s.date, integre: s.integre, modifieApresSignature: s.modifieApresSignature })),
    modifieApresSignature: (extraction?.signatures ?? []).some((s) => s.modifieApresSignature),
    nombreModifications: extraction?.modifications.length ?? 0,
  };
}

/** Returns an upload as its établissement sees it: its receptions for that établissement only. */
function publicUpload(service: Service, record: UploadRecord, etablissement: string): Record<string, unknown> {
  return {
    id: record.id,
    sha256: record.sha256,
    taille: record.taille,
    statut: record.statut,
    formulaire: record.formulaire,
    version: record.version,
    source: record.source,
    valide: record.valide,
    resultat: record.resultat,
    traiteLe: record.traiteLe,
    ...summaryOf(record),
    receptions: service.store.receptions(record.id, etablissement),
    url: `/api/depots/${record.id}`,
  };
}

/** Returns the router of /api/depots. */
export function uploadRoutes(service: Service): Router {
  const router = Router();
  const { store } = service;
  const school = requireRole('etablissement');

  /** Returns the établissement of the signed-in account (an `etablissement` account always names one). */
  const schoolOf = (res: Parameters<Parameters<typeof router.get>[1]>[1]): string => accountOf(res).etablissement ?? '';

  /** Returns the upload `id` if it was received for this établissement; RESSOURCE_INCONNUE otherwise (another's is not revealed). */
  const visible = (idText: string, etablissement: string): UploadRecord => {
    const id = Number(idText);
    const record = /^\d+$/.test(idText) && Number.isSafeInteger(id) && store.receivedFor(id, etablissement) ? store.get(id) : undefined;
    if (record === undefined) fail('RESSOURCE_INCONNUE', `/api/depots/${idText}`, `Aucun dépôt n° ${idText} pour votre établissement.`);
    return record;
  };

  router.post('/depots', school, multipart.array('fichiers', MAX_FILES_PER_REQUEST), (req, res) => {
    const account = accountOf(res);
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    if (files.length === 0) fail('REQUETE_INVALIDE', 'fichiers', 'Joignez au moins un PDF dans le champ « fichiers » (multipart/form-data).');
    const answers = [];
    for (const file of files) {
      const received = store.receive({
        bytes: new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength),
        nomFichier: fileName(file),
        expediteur: account.email,
        etablissement: account.etablissement ?? '',
        // Claimed now only if a reading slot is free; otherwise it waits in the store (see UploadReader).
        lecteur: service.uploads.readerWithRoom(),
      });
      if (!received.ok) throw new HttpIssue(received.erreur);
      const { record, nouveau, reclame } = received.valeur;
      if (reclame) service.uploads.enqueue(record.id);
      answers.push({ id: record.id, nouveau, statut: record.statut, url: `/api/depots/${record.id}` });
    }
    res.status(202).json({ depots: answers });
  });

  router.get('/depots', school, (req, res) => {
    const etablissement = schoolOf(res);
    const statut = req.query.statut;
    if (statut !== undefined && !STATUSES.includes(statut as UploadStatus)) fail('REQUETE_INVALIDE', 'statut', `Le statut doit être l’un de : ${STATUSES.join(', ')}.`);
    const formulaire = typeof req.query.formulaire === 'string' ? req.query.formulaire : undefined;
    const records = store.list({ etablissement, ...(formulaire !== undefined && { formulaire }), ...(statut !== undefined && { statut: statut as UploadStatus }) });
    res.json({ depots: records.map((r) => publicUpload(service, r, etablissement)) });
  });

  router.get('/depots/export', school, async (req, res) => {
    const etablissement = schoolOf(res);
    const { formulaire, format = 'csv' } = req.query;
    if (typeof formulaire !== 'string') fail('REQUETE_INVALIDE', 'formulaire', 'Le paramètre « formulaire » est obligatoire (par exemple ?formulaire=fiche-client&format=csv).');
    if (format !== 'csv' && format !== 'xlsx') fail('REQUETE_INVALIDE', 'format', `Le format doit être « csv » ou « xlsx », reçu « ${JSON.stringify(format)} ».`);
    const table = await Promise.resolve(service.paperasse.exportStore(store, formulaire, format, etablissement));
    if (!table.ok) throw new HttpIssue(table.erreur);
    res.setHeader('Content-Disposition', `attachment; filename="${formulaire}.${format}"`);
    res.setHeader('X-Paperasse-Lignes', String(table.valeur.lignes));
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(table.valeur.octets));
  });

  router.get('/depots/:id', school, (req, res) => {
    const etablissement = schoolOf(res);
    res.json(publicUpload(service, visible(String(req.params.id), etablissement), etablissement));
  });

  router.get('/depots/:id/original', school, (req, res) => {
    const record = visible(String(req.params.id), schoolOf(res));
    const bytes = store.original(record.id);
    if (!bytes.ok) throw new HttpIssue(bytes.erreur);
    res.setHeader('Content-Disposition', `attachment; filename="depot-${record.id}.pdf"`);
    res.type('application/pdf').send(Buffer.from(bytes.valeur));
  });

  return router;
}
