/**
 * `paperasse extract` and `paperasse export`: read returned PDFs back into data, optionally keeping each file and its
 * result in an upload store, and export a store's results for one form as a spreadsheet.
 */
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { userInfo } from 'node:os';
import {
  DEFAULT_LIMITS,
  Paperasse,
  receiveAndExtract,
  UploadStore,
  type Extraction,
  type ExtractionOutcome,
  type ExtractionSource,
  type SignatureReport,
  type UploadRecord,
  type UploadStatus,
} from '../api.ts';
import { failure, type Result } from '../core/issues.ts';
import { DATABASE_FILE } from '../store/upload-store.ts';
import { formatBytes, readFileLimited } from '../core/json.ts';
import { leafEntries } from '../core/pointer.ts';
import { frenchNumber } from '../store/export.ts';
import { ArgumentError, parseArguments, writeAtomically, writeInputError, writeIssues, type Streams } from './common.ts';

const EXTRACT_USAGE = 'paperasse extract <fichier.pdf>… [--json] [--store <dossier>] [--expediteur <nom>] [--calendrier <fichier.json>]';
const EXPORT_USAGE = 'paperasse export <formulaire> --store <dossier> -o <sortie.csv|sortie.xlsx>';
const UPLOADS_USAGE = 'paperasse uploads --store <dossier> [--formulaire <id>] [--statut en-attente|traite|echec] [--json]';

/** How each upload status is named for a person. */
const STATUS_LABELS: Record<UploadStatus, string> = { 'en-attente': 'en attente', traite: 'lu', echec: 'illisible' };

/** How each source is named for a person. */
const SOURCE_LABELS: Record<ExtractionSource, string> = {
  champs: 'lues dans les champs du formulaire',
  'donnees-integrees': 'lues dans les données jointes par Paperasse (le PDF n’a plus de champs)',
  texte: 'relues dans le texte imprimé (le PDF n’a plus ni champs ni données jointes)',
};

/** What the store adds to an extraction's JSON output. */
interface StorageReport {
  id: number;
  nouveau: boolean;
  sha256: string;
  recuLe: string;
  expediteur: string;
}

/**
 * Returns the exit code of `paperasse extract`: 0 valid data, 1 data read but invalid, 2 nothing read (for several
 * files, the highest of their codes).
 */
export async function extractCommand(args: string[], streams: Streams): Promise<number> {
  const { positionals: files, values } = parseArguments(
    args,
    { json: { type: 'boolean' }, store: { type: 'string' }, expediteur: { type: 'string' }, calendrier: { type: 'string' } },
    'au-moins-un',
    EXTRACT_USAGE,
  );
  const json = values.json === true;
  const storeDir = optionalText(values.store);
  if (values.expediteur !== undefined && storeDir === undefined) throw new ArgumentError(`--expediteur n’a de sens qu’avec --store. Utilisation : ${EXTRACT_USAGE}`);
  let paperasse = new Paperasse();
  if (typeof values.calendrier === 'string') {
    const calendar = await Paperasse.readCalendar(values.calendrier);
    if (!calendar.ok) return writeInputError(streams, calendar.erreur, json);
    paperasse = new Paperasse(undefined, undefined, { calendrier: calendar.valeur });
  }
  const extractor = paperasse.storeExtractor();
  let store: UploadStore | undefined;
  if (storeDir !== undefined) {
    const opened = openStore(storeDir, true);
    if (!opened.ok) return writeInputError(streams, opened.erreur, json);
    store = opened.valeur;
  }
  try {
    if (store !== undefined) {
      const resumed = await store.processPending(extractor);
      if (!resumed.ok) return writeInputError(streams, resumed.erreur, json);
      for (const record of resumed.valeur) {
        const why = record.tentatives > 1 ? 'sa lecture précédente a été interrompue (processus arrêté)' : 'il était resté en attente sans avoir été lu';
        streams.stderr.write(`Repris : « ${record.nomFichier} » (n° ${record.id}), ${why} : ${recordState(record)}.\n`);
      }
    }
    const reports: FileReport[] = [];
    for (const file of files) {
      const read = await readFileLimited(file, DEFAULT_LIMITS.maxBytes);
      if (!read.ok) {
        reports.push({ fichier: file, resultat: { ok: false, erreur: read.erreur }, stockage: undefined });
        continue;
      }
      const name = basename(file);
      if (store === undefined) {
        reports.push({ fichier: file, resultat: await paperasse.extract(read.valeur, name), stockage: undefined });
        continue;
      }
      const expediteur = optionalText(values.expediteur) ?? defaultSender();
      const received = await receiveAndExtract(store, { bytes: read.valeur, nomFichier: name, expediteur }, extractor);
      if (!received.ok) {
        reports.push({ fichier: file, resultat: received, stockage: undefined });
        continue;
      }
      const intake = received.valeur;
      const { id, sha256, recuLe } = intake.record;
      reports.push({ fichier: file, resultat: intake.resultat, stockage: { id, nouveau: intake.nouveau, sha256, recuLe, expediteur: intake.record.expediteur } });
    }
    return files.length === 1 && reports[0] !== undefined ? report(streams, json, reports[0], storeDir) : reportAll(streams, json, reports, storeDir);
  } finally {
    store?.close();
  }
}

/** Returns the exit code of `paperasse export`: 0 written, 2 unknown form, missing store or unwritable output. */
export async function exportCommand(args: string[], streams: Streams): Promise<number> {
  const { positionals, values } = parseArguments(args, { store: { type: 'string' }, output: { type: 'string', short: 'o' } }, 1, EXPORT_USAGE);
  const [id = ''] = positionals;
  const storeDir = optionalText(values.store);
  const output = optionalText(values.output);
  if (storeDir === undefined || output === undefined) throw new ArgumentError(`--store et -o sont obligatoires. Utilisation : ${EXPORT_USAGE}`);
  const extension = extname(output).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') throw new ArgumentError(`La sortie « ${output} » doit finir par .csv ou .xlsx. Utilisation : ${EXPORT_USAGE}`);
  const paperasse = new Paperasse();
  const form = paperasse.form(id);
  if (!form.ok) return writeInputError(streams, form.erreur, false);
  const store = openStore(storeDir, false);
  if (!store.ok) return writeInputError(streams, store.erreur, false);
  try {
    const bytes = await paperasse.exportStore(store.valeur, form.valeur.id, extension === '.csv' ? 'csv' : 'xlsx');
    if (!bytes.ok) return writeInputError(streams, bytes.erreur, false);
    const written = await writeAtomically(output, bytes.valeur.octets);
    if (!written.ok) return writeInputError(streams, written.erreur, false);
    const rows = bytes.valeur.lignes;
    streams.stdout.write(`✓ ${output} écrit : ${rows} fichier${rows > 1 ? 's' : ''} reçu${rows > 1 ? 's' : ''} du formulaire « ${form.valeur.id} » (${formatBytes(bytes.valeur.octets.length)}).\n`);
    return 0;
  } finally {
    store.valeur.close();
  }
}

/** Returns the exit code of `paperasse uploads`: 0 listed (even when nothing matches), 2 missing store or bad filter. */
export function uploadsCommand(args: string[], streams: Streams): number {
  const { values } = parseArguments(
    args,
    { store: { type: 'string' }, formulaire: { type: 'string' }, statut: { type: 'string' }, json: { type: 'boolean' } },
    0,
    UPLOADS_USAGE,
  );
  const storeDir = optionalText(values.store);
  if (storeDir === undefined) throw new ArgumentError(`--store est obligatoire. Utilisation : ${UPLOADS_USAGE}`);
  const statut = optionalText(values.statut);
  if (statut !== undefined && !isStatus(statut)) throw new ArgumentError(`Statut inconnu « ${statut} » : en-attente, traite ou echec. Utilisation : ${UPLOADS_USAGE}`);
  const formulaire = optionalText(values.formulaire);
  const json = values.json === true;
  if (formulaire !== undefined) {
    const form = new Paperasse().form(formulaire);
    if (!form.ok) return writeInputError(streams, form.erreur, json);
  }
  const store = openStore(storeDir, false);
  if (!store.ok) return writeInputError(streams, store.erreur, json);
  try {
    const records = store.valeur.list({ ...(formulaire !== undefined && { formulaire }), ...(statut !== undefined && { statut }) });
    if (json) {
      const rows = records.map((r) => ({ ...summaryOf(r), receptions: store.valeur.receptions(r.id) }));
      streams.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (records.length === 0) {
      streams.stdout.write('Aucun fichier reçu ne correspond.\n');
      return 0;
    }
    const table = [['n°', 'reçu le', 'expéditeur', 'fichier', 'état', 'formulaire', 'résultat']];
    for (const r of records) {
      const s = summaryOf(r);
      table.push([String(r.id), frenchDateTime(r.recuLe), r.expediteur, r.nomFichier, STATUS_LABELS[r.statut], s.formulaire ?? '', s.resume]);
    }
    const widths = table[0]?.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length))) ?? [];
    for (const row of table) streams.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd()}\n`);
    return 0;
  } finally {
    store.valeur.close();
  }
}

/** Returns whether a text is an upload status. */
function isStatus(text: string): text is UploadStatus {
  return Object.hasOwn(STATUS_LABELS, text);
}

/** Returns what `uploads` shows of a record: where it stands and its result in a few words. */
function summaryOf(r: UploadRecord): { id: number; recuLe: string; expediteur: string; nomFichier: string; sha256: string; statut: UploadStatus; formulaire: string | null; valide: boolean | null; resume: string } {
  let resultat = '';
  if (r.resultat !== null && !r.resultat.ok) resultat = r.resultat.erreur.code;
  else if (r.resultat !== null) {
    const e = r.resultat.valeur;
    const errors = e.erreurs.length > 0 ? `, ${e.erreurs.length} erreur${e.erreurs.length > 1 ? 's' : ''}` : '';
    const signatures = e.signatures.length > 0 ? `, ${e.signatures.length} signature${e.signatures.length > 1 ? 's' : ''}${e.signatures.every((s) => s.integre) ? '' : ' NON INTÈGRE'}` : '';
    resultat = `${e.valide ? 'valide' : 'invalide'}${errors}${signatures}`;
  }
  return { id: r.id, recuLe: r.recuLe, expediteur: r.expediteur, nomFichier: r.nomFichier, sha256: r.sha256, statut: r.statut, formulaire: r.formulaire, valide: r.valide, resume: resultat };
}

/** Returns a string option's value, or undefined when it is absent; an empty value (`--store ''`) is a usage error. */
function optionalText(value: string | boolean | undefined): string | undefined {
  if (value === '') throw new ArgumentError('Une option a reçu une valeur vide : indiquez un nom de dossier ou de fichier.');
  return typeof value === 'string' ? value : undefined;
}

/** Returns the store in `dir` (created when `create`), or the error that keeps it from being opened. */
function openStore(dir: string, create: boolean): Result<UploadStore> {
  const database = join(dir, DATABASE_FILE);
  if (!create && !existsSync(database)) return failure('FICHIER_INTROUVABLE', dir, `${dir} n’est pas un dossier de stockage Paperasse (il n’a pas de ${DATABASE_FILE}) : aucun fichier n’y a été reçu.`);
  return UploadStore.open(dir);
}

/** Returns who is recorded as the sender when none is given: the account running the command. */
function defaultSender(): string {
  try {
    return `compte ${userInfo().username}`;
  } catch {
    return 'non renseigné';
  }
}

/** Returns a record's state for a person. */
function recordState(record: UploadRecord): string {
  if (record.resultat === null) return 'toujours en attente';
  if (!record.resultat.ok) return `illisible (${record.resultat.erreur.code})`;
  return record.resultat.valeur.valide ? `formulaire « ${record.resultat.valeur.formulaire} », données valides` : `formulaire « ${record.resultat.valeur.formulaire} », données invalides`;
}

/** What reading one file of the command line gave. */
interface FileReport {
  fichier: string;
  resultat: ExtractionOutcome;
  stockage: StorageReport | undefined;
}

/** Returns the exit code of one reading: 0 valid, 1 invalid, 2 nothing read. */
function exitCode(outcome: ExtractionOutcome): number {
  if (!outcome.ok) return 2;
  return outcome.valeur.valide ? 0 : 1;
}

/** Returns the JSON output of one reading. */
function jsonOf(r: FileReport): Record<string, unknown> {
  const body: Record<string, unknown> = r.resultat.ok ? { ...r.resultat.valeur } : { erreur: r.resultat.erreur };
  return r.stockage === undefined ? body : { ...body, stockage: r.stockage };
}

/** Prints one reading (JSON or text) and returns its exit code. */
function report(streams: Streams, json: boolean, r: FileReport, storeDir: string | undefined): number {
  if (json) streams.stdout.write(`${JSON.stringify(jsonOf(r), null, 2)}\n`);
  else if (!r.resultat.ok) {
    streams.stderr.write(`✗ ${r.resultat.erreur.message}\n(code ${r.resultat.erreur.code})\n`);
    if (r.stockage !== undefined && storeDir !== undefined) streams.stderr.write(`${storedLine(r.stockage, storeDir)}\n`);
  } else {
    writeExtraction(streams.stdout, r.resultat.valeur);
    if (r.stockage !== undefined && storeDir !== undefined) streams.stdout.write(`\n${storedLine(r.stockage, storeDir)}\n`);
  }
  return exitCode(r.resultat);
}

/** Prints several readings (a JSON array, or one block per file and a summary) and returns the highest exit code. */
function reportAll(streams: Streams, json: boolean, reports: FileReport[], storeDir: string | undefined): number {
  const code = Math.max(...reports.map((r) => exitCode(r.resultat)));
  if (json) {
    streams.stdout.write(`${JSON.stringify(reports.map((r) => ({ fichier: r.fichier, ...jsonOf(r) })), null, 2)}\n`);
    return code;
  }
  for (const r of reports) {
    streams.stdout.write(`── ${r.fichier}\n`);
    if (r.resultat.ok) writeExtraction(streams.stdout, r.resultat.valeur);
    else streams.stdout.write(`✗ ${r.resultat.erreur.message}\n(code ${r.resultat.erreur.code})\n`);
    if (r.stockage !== undefined && storeDir !== undefined) streams.stdout.write(`\n${storedLine(r.stockage, storeDir)}\n`);
    streams.stdout.write('\n');
  }
  const count = (c: number) => reports.filter((r) => exitCode(r.resultat) === c).length;
  streams.stdout.write(`${reports.length} fichiers : ${count(0)} valide(s), ${count(1)} invalide(s), ${count(2)} illisible(s).\n`);
  return code;
}

/** Returns the line telling where the file was stored, or that it had already been received. */
function storedLine(storage: StorageReport, dossier: string): string {
  if (storage.nouveau) return `Conservé dans ${dossier} sous le n° ${storage.id} (SHA-256 ${storage.sha256.slice(0, 12)}…).`;
  return `Déjà reçu le ${frenchDateTime(storage.recuLe)} (n° ${storage.id}) : le résultat conservé est affiché, la nouvelle réception est notée.`;
}

/** Prints an extraction for a person: form and source, errors, changes, signatures, then every value read. */
function writeExtraction(out: NodeJS.WritableStream, e: Extraction): void {
  out.write(`${e.valide ? '✓' : '✗'} Formulaire « ${e.formulaire} » (version ${e.version}) : données ${SOURCE_LABELS[e.source]}, ${e.valide ? 'valides' : 'invalides'}.\n`);
  if (e.erreurs.length > 0) {
    out.write(`\nErreurs (${e.erreurs.length}) :\n`);
    writeIssues(out, e.erreurs);
  }
  if (e.modifications.length > 0) {
    out.write(`\nModifié depuis l’envoi (${e.modifications.length}) :\n`);
    for (const m of e.modifications) out.write(`  ${m.chemin} : ${shown(m.avant)} → ${shown(m.apres)}\n`);
  }
  out.write(`\nSignatures électroniques : ${e.signatures.length === 0 ? 'aucune' : e.signatures.length}\n`);
  for (const s of e.signatures) out.write(`  ${signatureLine(s)}\n`);
  out.write('\nValeurs lues :\n');
  const leaves = leafEntries(e.donnees);
  if (leaves.length === 0) out.write('  (aucune)\n');
  for (const [pointer, value] of leaves) out.write(`  ${pointer} : ${shown(value)}\n`);
}

/** Returns one signature for a person. */
function signatureLine(s: SignatureReport): string {
  const who = s.signataire || 'signataire inconnu';
  const when = s.date === null ? 'date inconnue' : `le ${frenchDateTime(s.date)}`;
  const facts = [
    s.integre ? 'intègre' : `NON INTÈGRE${s.detail ? ` (${s.detail})` : ''}`,
    s.couvreToutLeDocument ? 'couvre tout le document' : 'ne couvre pas tout le document',
  ];
  if (s.modifieApresSignature) facts.push(`modifié après signature${s.champsModifies.length > 0 ? ` (${s.champsModifies.join(', ')})` : ''}`);
  return `${who}, ${when} : ${facts.join(', ')}`;
}

/** Returns a value for a person: texts in « », booleans oui / non, empty as (vide). */
function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(vide)';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string') return `« ${value.replace(/\s*\n\s*/g, ' ⏎ ')} »`;
  if (typeof value === 'number') return frenchNumber(value);
  return JSON.stringify(value);
}

/** Date and time in Paris, « 21/11/2026 10:05 ». */
const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

/** Returns an ISO date as « 21/11/2026 à 10:05 » in French time. */
function frenchDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : PARIS_TIME.format(date).replace(' ', ' à ');
}
