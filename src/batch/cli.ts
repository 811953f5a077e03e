/**
 * The mail merge commands: `paperasse batch` (spreadsheet → zip of letters, progress on stderr) and
 * `paperasse batch-modele` (the empty spreadsheet with the header row a batch expects).
 */
import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { Paperasse } from '../api.ts';
import { projectPath } from '../core/paths.ts';
import { formatBytes } from '../core/json.ts';
import { exportCsv } from '../store/export.ts';
import { ArgumentError, parseArguments, writeAtomically, writeInputError, type Streams } from '../cli/common.ts';
import { checkOutputFile } from '../cli/output.ts';
import { progressReporter } from './progress.ts';

/** The usage line of `paperasse batch`. */
export const BATCH_USAGE = 'paperasse batch <lettre> <donnees.csv|donnees.xlsx> -o <sortie.zip> [--template modele.hbs] [--docx] [--mapping correspondance.json] [--sheet feuille]';
/** The usage line of `paperasse batch-modele`. */
export const MODELE_USAGE = 'paperasse batch-modele <lettre> -o <modele.csv|modele.xlsx>';

/** Refused rows listed on the terminal (all of them are in rapport.csv). */
const SHOWN_REFUSALS = 20;

/** Runs `paperasse batch` and returns its exit code: 0 every row produced, 1 some refused, 2 nothing read. */
export async function batchCommand(args: string[], streams: Streams): Promise<number> {
  const options = {
    output: { type: 'string' as const, short: 'o' },
    template: { type: 'string' as const },
    docx: { type: 'boolean' as const },
    mapping: { type: 'string' as const },
    sheet: { type: 'string' as const },
    workers: { type: 'string' as const },
  };
  const { positionals, values } = parseArguments(args, options, 2, BATCH_USAGE);
  const [id = '', file = ''] = positionals;
  const output = values.output;
  if (typeof output !== 'string' || output === '') throw new ArgumentError(`Le fichier de sortie manque (-o sortie.zip). Utilisation : ${BATCH_USAGE}`);
  if (!/\.zip$/i.test(output)) throw new ArgumentError(`Le fichier de sortie « ${output} » doit finir par .zip : il rassemble les courriers, tout-imprimer.pdf et rapport.csv.`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 16)) throw new ArgumentError('--workers attend un nombre entier de 1 à 16.');
  const paperasse = new Paperasse();
  const form = paperasse.form(id);
  if (!form.ok) return writeInputError(streams, form.erreur, false);
  const target = checkOutputFile(output);
  if (!target.ok) return writeInputError(streams, target.erreur, false);
  const progress = progressReporter(streams.stderr);
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  let outcome;
  try {
    outcome = await paperasse.batch(
      id,
      { donnees: file, sortie: output, modele: text(values.template), docx: values.docx === true, correspondance: text(values.mapping), feuille: text(values.sheet), workers, signal: abort.signal },
      progress.update,
    );
  } finally {
    process.removeListener('SIGINT', stop);
    progress.end();
  }
  if (!outcome.ok) return writeInputError(streams, outcome.erreur, false);
  const s = outcome.valeur;
  const refused = s.lignesRefusees.length;
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  streams.stdout.write(`✓ ${s.sortie} écrit : ${plural(s.produites, 'courrier')} pour ${plural(s.total, 'ligne')} (${s.source}), ${s.impression.join(', ') || 'aucun fichier à imprimer'}, rapport.csv.\n`);
  if (refused > 0) {
    streams.stderr.write(`✗ ${plural(refused, 'ligne')} refusée${refused > 1 ? 's' : ''}, sans courrier (détail dans rapport.csv du zip) :\n`);
    const byRow = new Map<number, string[]>();
    for (const r of s.rapport) byRow.set(r.ligne, [...(byRow.get(r.ligne) ?? []), `${r.colonne ? `« ${r.colonne} » : ` : ''}${r.motif} [${r.code}]`]);
    for (const [ligne, reasons] of [...byRow].slice(0, SHOWN_REFUSALS)) streams.stderr.write(`  • ligne ${ligne} : ${reasons.join(' ; ')}\n`);
    if (byRow.size > SHOWN_REFUSALS) streams.stderr.write(`  … et ${byRow.size - SHOWN_REFUSALS} autre(s) ligne(s).\n`);
  }
  return refused > 0 ? 1 : 0;
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Runs `paperasse batch-modele` and returns its exit code (0, or 2 on an input error). */
export async function batchModeleCommand(args: string[], streams: Streams): Promise<number> {
  const { positionals, values } = parseArguments(args, { output: { type: 'string', short: 'o' } }, 1, MODELE_USAGE);
  const [id = ''] = positionals;
  const output = values.output;
  if (typeof output !== 'string' || output === '') throw new ArgumentError(`Le fichier de sortie manque (-o modele.csv ou -o modele.xlsx). Utilisation : ${MODELE_USAGE}`);
  const format = /\.csv$/i.test(output) ? 'csv' : /\.xlsx$/i.test(output) ? 'xlsx' : undefined;
  if (format === undefined) throw new ArgumentError(`Le fichier « ${output} » doit finir par .csv ou .xlsx : c’est l’extension qui choisit le format.`);
  const paperasse = new Paperasse();
  const form = paperasse.form(id);
  if (!form.ok) return writeInputError(streams, form.erreur, false);
  const target = checkOutputFile(output);
  if (!target.ok) return writeInputError(streams, target.erreur, false);
  // The sample, when there is one, gives the number of items of each list (the periods of a calendar).
  const sample = projectPath('samples', `${id}.json`);
  const exemple: unknown = existsSync(sample) ? JSON.parse(readFileSync(sample, 'utf8')) : undefined;
  const headers = paperasse.batchHeaders(id, exemple);
  if (!headers.ok) return writeInputError(streams, headers.erreur, false);
  const bytes = format === 'csv' ? exportCsv({ colonnes: headers.valeur, lignes: [] }) : await headerWorkbook(headers.valeur);
  const written = await writeAtomically(output, bytes);
  if (!written.ok) return writeInputError(streams, written.erreur, false);
  streams.stdout.write(`✓ ${output} écrit (${headers.valeur.length} colonnes, ${formatBytes(bytes.length)}) : une ligne par courrier sous les en-têtes.\n`);
  return 0;
}

/** Returns an XLSX workbook whose first sheet has `headers` in bold on a frozen first row, every column as text. */
export async function headerWorkbook(headers: readonly string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Paperasse';
  const sheet = workbook.addWorksheet('Publipostage', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ header: h, width: Math.min(50, Math.max(12, h.length + 2)), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
