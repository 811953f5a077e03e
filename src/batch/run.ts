/**
 * The mail merge: a spreadsheet (CSV or XLSX) → one letter per valid row, in a zip written as the letters are made
 * (the PDFs, the .docx when asked, « tout-imprimer.pdf » and « rapport.csv » listing every refused row with the
 * column and the French reason). A bad row never stops the batch; only a file that cannot be read at all does.
 * Rows are streamed from the spreadsheet (read.ts), validated one by one, rendered by a small pool of worker
 * threads (at most two rows waiting per worker) and written in row order; memory stays flat with the row count
 * (a row is let go once its letter is in the zip and in tout-imprimer.pdf).
 */
import { readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { internalError } from '../core/incident.ts';
import { failure, success, type Issue, type Result } from '../core/issues.ts';
import { parseJsonBytes, formatBytes } from '../core/json.ts';
import type { SchemaCatalog } from '../core/schemas.ts';
import type { ValidationResult } from '../core/validation.ts';
import type { FormDefinition } from '../layout/form.ts';
import { exportCsv, type ExportCell } from '../store/export.ts';
import { columnsOf, parseMapping, planHeaders, pointer, type Column, type ColumnSet, type HeaderPlan } from './columns.ts';
import { convertRow } from './convert.ts';
import { MAX_MAPPING_BYTES } from './limits.ts';
import { letterBaseName, UniqueNames } from './names.ts';
import { defaultWorkerCount, RenderPool } from './pool.ts';
import { createPrintAll, type PrintAllFactory } from './print-all.ts';
import { openTable, type TableRow, type TableSource } from './read.ts';
import type { RenderDone } from './render-task.ts';
import { prepareBatchTemplate, type BatchTemplate, type LetterPreparer } from './template.ts';
import { ZipFileSink } from './zip-sink.ts';

/** The name of the report in the zip. */
export const REPORT_NAME = 'rapport.csv';

/** What the batch needs of Paperasse (given by `Paperasse.batch`). */
export interface BatchContext {
  catalog: SchemaCatalog;
  form: FormDefinition;
  validate(data: unknown): ValidationResult;
  /** URL of the registry module the workers load. */
  registry: string;
  /** Checks and compiles the letter's template (`Paperasse.prepareLetter`). */
  prepareLetter: LetterPreparer;
}

/** What to merge and how. */
export interface BatchOptions {
  /** The spreadsheet: .csv or .xlsx. */
  donnees: string;
  /** The zip to write (an existing file is replaced only when the batch ends well). */
  sortie: string;
  /** A school's own letter template (.hbs). */
  modele?: string;
  /** Also write each letter as .docx. */
  docx?: boolean;
  /** A mapping file (JSON: header → schema path, null to ignore a column). */
  correspondance?: string;
  /** The XLSX sheet to read (default: the first). */
  feuille?: string;
  /** Worker threads (default: one per core, at most 4). */
  workers?: number;
  /** Stops the batch: no zip is left. */
  signal?: AbortSignal;
  /** Creation date written in every document (default: now). */
  date?: Date;
  /** Writes the print file; default: the engine's combined PDF (see print-all.ts). */
  printAll?: PrintAllFactory;
}

/** Where a batch stands, sent after each row. */
export interface BatchProgress {
  /** The data rows of the spreadsheet. */
  total: number;
  /** Rows dealt with (produced or refused). */
  faites: number;
  produites: number;
  refusees: number;
  ecoulesMs: number;
}

/** One line of the report: a refused row, its column and why. */
export interface RefusedCell {
  ligne: number;
  colonne: string;
  code: string;
  motif: string;
}

/** The outcome of a batch that could read its spreadsheet. */
export interface BatchSummary {
  sortie: string;
  /** What was read (« CSV (séparateur ;, Windows-1252) »). */
  source: string;
  total: number;
  produites: number;
  /** The refused row numbers, in order. */
  lignesRefusees: number[];
  /** Every line of rapport.csv. */
  rapport: RefusedCell[];
  /** The print file(s) in the zip. */
  impression: string[];
  ecoulesMs: number;
}

/** Returns a batch's summary once its zip is written, or the error that kept any letter from being made. */
export async function runBatch(context: BatchContext, options: BatchOptions, onProgress: (p: BatchProgress) => void = () => undefined): Promise<Result<BatchSummary>> {
  const started = performance.now();
  // The letter's template (the school's, checked with its line and column) before any row is read.
  const template = await prepareBatchTemplate(context.prepareLetter, options.modele);
  if (!template.ok) return template;
  const columns = columnsOf(context.catalog, context.form.id, () => 0);
  let mapping: Map<string, Column | null> | undefined;
  if (options.correspondance !== undefined) {
    const read = await readMapping(options.correspondance);
    if (!read.ok) return read;
    const parsed = parseMapping(read.valeur, options.correspondance, columns);
    if (!parsed.ok) return parsed;
    mapping = parsed.valeur;
  }
  const source = await openTable(options.donnees, { sheet: options.feuille });
  if (!source.ok) return source;
  const plan = planHeaders(source.valeur.entetes, columns, mapping, basename(options.donnees));
  if (!plan.ok) return plan;
  const where = new ColumnNames(source.valeur.entetes, plan.valeur, columns);
  return produce(context, options, template.valeur, source.valeur, plan.valeur, where, started, onProgress);
}

async function readMapping(file: string): Promise<Result<unknown>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return failure('FICHIER_INTROUVABLE', file, `Le fichier de correspondance « ${file} » n’existe pas ou ne peut pas être lu.`);
  }
  if (bytes.length > MAX_MAPPING_BYTES) return failure('FICHIER_TROP_GROS', file, `Le fichier de correspondance « ${file} » dépasse ${formatBytes(MAX_MAPPING_BYTES)}.`);
  const parsed = parseJsonBytes(bytes, file);
  if (!parsed.ok) return failure('CORRESPONDANCE_INVALIDE', parsed.erreur.chemin, parsed.erreur.message);
  return success(parsed.valeur);
}

/** Names the spreadsheet column of a data path: the file's own header, or the expected one when the file lacks it. */
class ColumnNames {
  readonly #byPointer = new Map<string, string>();
  readonly #columns: ColumnSet;
  readonly #headers: readonly string[];

  constructor(headers: readonly string[], plan: HeaderPlan, columns: ColumnSet) {
    this.#headers = headers;
    this.#columns = columns;
    for (const [i, c] of plan.entries()) if (c !== null) this.#byPointer.set(pointer(c.chemin), headers[i] ?? '');
  }

  /** Returns the header of column `index` of the file. */
  header(index: number): string {
    return this.#headers[index] ?? `colonne ${index + 1}`;
  }

  /** Returns the header for an error at `path`: its column, else the first column inside it, else the expected header. */
  of(path: string): string {
    const exact = this.#byPointer.get(path);
    if (exact !== undefined) return exact;
    for (const [p, h] of this.#byPointer) if (p.startsWith(`${path}/`)) return h;
    return this.#columns.expectedHeader(path) ?? '';
  }
}

/** Returns a row's validated data (computed values filled in), or its report lines: cell problems and validation errors. */
function examine(context: BatchContext, row: TableRow, plan: HeaderPlan, where: ColumnNames): { data: unknown } | { refused: RefusedCell[] } {
  const converted = convertRow(row, plan);
  const problems: RefusedCell[] = converted.problemes.map((p) => ({ ligne: row.numero, colonne: where.header(p.colonne), code: p.code, motif: p.message }));
  if (problems.length > 0) return { refused: problems };
  const validation = context.validate(converted.donnees);
  if (validation.valide) return { data: validation.donnees ?? converted.donnees };
  const issues: Issue[] = validation.erreurs;
  const lines = issues.map((e) => ({ ligne: row.numero, colonne: where.of(e.chemin), code: e.code, motif: e.message }));
  const more = validation.erreursNonListees ?? 0;
  if (more > 0) lines.push({ ligne: row.numero, colonne: '', code: 'DONNEES_INVALIDES', motif: `… et ${more} autre(s) erreur(s) sur cette ligne.` });
  return { refused: lines };
}

type Settled = { ok: true; done: RenderDone } | { ok: false; error: unknown };

async function produce(
  context: BatchContext,
  options: BatchOptions,
  template: BatchTemplate,
  source: TableSource,
  plan: HeaderPlan,
  where: ColumnNames,
  started: number,
  onProgress: (p: BatchProgress) => void,
): Promise<Result<BatchSummary>> {
  const date = options.date ?? new Date();
  const temporary = join(dirname(options.sortie), `.${basename(options.sortie)}.${process.pid}.partiel`);
  let impression: string[];
  let zip: ZipFileSink;
  try {
    zip = new ZipFileSink(temporary, date);
  } catch (e) {
    return { ok: false, erreur: internalError('batch.zip', e) };
  }
  const total = source.total;
  const rapport: RefusedCell[] = [];
  const progress: BatchProgress = { total, faites: 0, produites: 0, refusees: 0, ecoulesMs: 0 };
  const tell = () => {
    progress.ecoulesMs = performance.now() - started;
    onProgress({ ...progress });
  };
  const refusedRows = new Set<number>();
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), total));
  // Started with the first valid row: a batch whose rows are all refused starts no worker.
  let pool: RenderPool | undefined;
  const setup = { registry: context.registry, formId: context.form.id, docx: options.docx === true, date: date.toISOString(), template: template.source };
  const title = (letters: number) => `${context.form.title} — ${letters} courrier${letters > 1 ? 's' : ''}`;
  const printAll = (options.printAll ?? createPrintAll)(zip, { title, date, temporaryFile: `${temporary}.imprimer` });
  const names = new UniqueNames(['tout-imprimer', 'rapport']);
  const queue: Array<{ row: TableRow; data: unknown; result: Promise<Settled> }> = [];
  const capacity = workers * 2;

  const writeHead = async (): Promise<void> => {
    const head = queue.shift();
    if (head === undefined) return;
    const settled = await head.result;
    if (settled.ok) {
      const stem = names.take(letterBaseName(head.data, head.row.numero));
      await zip.addFile(`${stem}.pdf`, settled.done.pdf);
      if (settled.done.docx) await zip.addFile(`${stem}.docx`, settled.done.docx);
      await printAll.add({ parts: settled.done.parts });
      progress.produites++;
    } else {
      // Our failure, not the row's: logged under an incident id, the row listed, the batch goes on.
      const issue = internalError('batch.render', settled.error);
      rapport.push({ ligne: head.row.numero, colonne: '', code: issue.code, motif: issue.message });
      refusedRows.add(head.row.numero);
      progress.refusees++;
    }
    progress.faites++;
    tell();
  };

  try {
    let id = 0;
    await source.forEachRow(async (row) => {
      if (options.signal?.aborted) return false;
      const examined = examine(context, row, plan, where);
      if ('refused' in examined) {
        rapport.push(...examined.refused);
        refusedRows.add(row.numero);
        progress.refusees++;
        progress.faites++;
        tell();
        return true;
      }
      pool ??= new RenderPool(setup, workers);
      const result = (await pool.submit({ id: id++, donnees: examined.data })).result.then(
        (done): Settled => ({ ok: true, done }),
        (error: unknown): Settled => ({ ok: false, error }),
      );
      queue.push({ row, data: examined.data, result });
      while (queue.length > capacity) await writeHead();
      return true;
    });
    while (queue.length > 0 && !options.signal?.aborted) await writeHead();
    if (options.signal?.aborted) {
      await printAll.abandon();
      await pool?.close();
      await zip.abandon();
      await unlink(temporary).catch(() => undefined);
      return failure('LOT_INTERROMPU', options.sortie, `Le publipostage a été interrompu après ${progress.faites} ligne(s) sur ${total} : aucun fichier n’est laissé.`);
    }
    await pool?.close();
    impression = await printAll.finish();
    rapport.sort((a, b) => a.ligne - b.ligne);
    await zip.addFile(REPORT_NAME, reportCsv(rapport), true);
    await zip.finish();
    await rename(temporary, options.sortie);
  } catch (e) {
    await printAll.abandon();
    await pool?.close();
    await zip.abandon();
    await unlink(temporary).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return failure('ECRITURE_IMPOSSIBLE', options.sortie, `Impossible d’écrire « ${options.sortie} » (${code === 'ENOSPC' ? 'le disque est plein' : 'écriture refusée'}).`);
    return { ok: false, erreur: internalError('batch', e) };
  }
  return success({
    sortie: options.sortie,
    source: source.description,
    total,
    produites: progress.produites,
    lignesRefusees: [...refusedRows].sort((a, b) => a - b),
    rapport,
    impression,
    ecoulesMs: performance.now() - started,
  });
}

/** Returns rapport.csv for Excel (UTF-8 with BOM, `;`, CRLF; formulas neutralised): one line per refused cell. */
export function reportCsv(rapport: readonly RefusedCell[]): Uint8Array {
  const lignes: ExportCell[][] = rapport.map((r) => [r.ligne, r.colonne, r.code, r.motif]);
  return exportCsv({ colonnes: ['Ligne', 'Colonne', 'Code', 'Motif'], lignes });
}
