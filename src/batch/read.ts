/**
 * Reads the spreadsheet of a mail merge as offices export it: CSV (`;`, `,` or tab, detected; UTF-8 with or without
 * BOM, UTF-16 with BOM or Windows-1252, detected; quoted multi-line cells) with csv-parse and iconv-lite, or XLSX
 * (first sheet or a named one; dates as Excel dates or text) with exceljs. Rows keep the number the spreadsheet
 * shows (the header is row 1).
 *
 * A CSV is streamed, never held whole: `openTable` reads it once to check it (encoding, syntax, row count: a
 * file that cannot be read is refused before any letter) and `forEachRow` reads it again row by row, waiting for
 * the caller, so the batch's memory does not grow with the file. An XLSX workbook is read whole (exceljs), its
 * rows handed out and let go one by one.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { failure, success, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import { MAX_CSV_BYTES, MAX_ROWS, MAX_XLSX_BYTES } from './limits.ts';

/** A cell as read: text, a number, a boolean, a date (XLSX), or empty. */
export type Cell = string | number | boolean | Date | null;

/** One data row: its number in the spreadsheet and its cells. */
export interface TableRow {
  numero: number;
  cellules: Cell[];
}

/** A spreadsheet read: its header row and its non-empty data rows. */
export interface Table {
  entetes: string[];
  lignes: TableRow[];
  /** What was detected (« CSV ; Windows-1252 », « XLSX feuille Tuteurs »), for the progress lines. */
  description: string;
}

/** A spreadsheet checked and ready to be read row by row. */
export interface TableSource {
  entetes: string[];
  /** What was detected, as in `Table`. */
  description: string;
  /** The number of non-empty data rows. */
  total: number;
  /** Calls `onRow` on each non-empty data row in order, waiting for it; `onRow` returning false stops the reading. */
  forEachRow(onRow: (row: TableRow) => Promise<boolean> | boolean): Promise<void>;
}

/** Returns the table of a CSV or XLSX file (by its extension), or why it cannot be read (FICHIER_INTROUVABLE, TABLEUR_ILLISIBLE…). */
export async function readTable(file: string, options: { sheet?: string } = {}): Promise<Result<Table>> {
  const source = await openTable(file, options);
  if (!source.ok) return source;
  const lignes: TableRow[] = [];
  await source.valeur.forEachRow((row) => {
    lignes.push(row);
    return true;
  });
  return success({ entetes: source.valeur.entetes, lignes, description: source.valeur.description });
}

/** Returns a CSV or XLSX file (by its extension) checked and ready to be read row by row, or why it cannot be read. */
export async function openTable(file: string, options: { sheet?: string } = {}): Promise<Result<TableSource>> {
  const xlsx = /\.xlsx$/i.test(file);
  if (!xlsx && !/\.(csv|txt)$/i.test(file)) {
    return failure('TABLEUR_ILLISIBLE', file, `« ${file} » n’est ni un fichier CSV (.csv) ni un classeur Excel (.xlsx) : enregistrez le tableur sous l’un de ces formats.`);
  }
  if (!xlsx && options.sheet !== undefined) return failure('USAGE', file, '--sheet ne vaut que pour un classeur Excel (.xlsx) : un fichier CSV n’a qu’une feuille.');
  const limit = xlsx ? MAX_XLSX_BYTES : MAX_CSV_BYTES;
  let source: Result<TableSource>;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return failure('FICHIER_ILLISIBLE', file, `« ${file} » est un dossier, pas un tableur.`);
    if (info.size > limit) return failure('FICHIER_TROP_GROS', file, `« ${file} » (${formatBytes(info.size)}) dépasse la limite de ${formatBytes(limit)} d’un publipostage : découpez le tableur.`);
    source = xlsx ? await openXlsx(await readFile(file), file, options.sheet) : await openCsv(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failure('FICHIER_INTROUVABLE', file, `Le fichier « ${file} » n’existe pas.`);
    if (typeof code === 'string') return failure('FICHIER_ILLISIBLE', file, `Le fichier « ${file} » ne peut pas être lu (droits insuffisants ?).`);
    throw e;
  }
  if (!source.ok) return source;
  if (source.valeur.total === 0) return failure('TABLEUR_VIDE', file, `« ${file} » n’a aucune ligne de données sous sa ligne d’en-têtes.`);
  if (source.valeur.total > MAX_ROWS) {
    return failure('TABLEUR_TROP_DE_LIGNES', file, `« ${file} » a ${source.valeur.total} lignes de données : un publipostage en accepte ${MAX_ROWS} au plus. Découpez le tableur.`);
  }
  return source;
}

/** Returns the text of a CSV file and the name of its encoding (BOM, else strict UTF-8, else Windows-1252). */
export function decodeCsv(bytes: Uint8Array): { text: string; encodage: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encodage: 'UTF-8 (BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encodage: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encodage: 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encodage: 'Windows-1252' };
  }
}

/** Returns the separator of a CSV text: the one of `;`, `,`, tab found most often in its first record, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[';', 0], [',', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ';';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** The encodings of a CSV file, as iconv-lite names them, and the bytes their BOM takes. */
type CsvEncoding = { name: 'utf8' | 'win1252' | 'utf16le'; skip: number; label: string };

/** Thrown by the strict UTF-8 decoder: the file is not UTF-8 (read again as Windows-1252). */
class NotUtf8 extends Error {}

/** Thrown by a row callback that asked to stop. */
class Stopped extends Error {}

/** Returns a stream decoding UTF-8 that fails on the first invalid byte. */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotUtf8('not UTF-8');
    }
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      try {
        done(null, decode(chunk));
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      try {
        done(null, decode());
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

/** Reads every record of a CSV file in order, waiting for `onRecord` (its 0-based index; false stops). */
async function eachRecord(file: string, encoding: CsvEncoding, delimiter: string, onRecord: (cells: string[], index: number) => Promise<boolean> | boolean): Promise<void> {
  const input = createReadStream(file, { start: encoding.skip, highWaterMark: 256 * 1024 });
  const decoder = encoding.name === 'utf8' ? strictUtf8() : iconv.decodeStream(encoding.name, { stripBOM: false });
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: false, max_record_size: 4 * 1024 * 1024 });
  let stopped = false;
  try {
    await pipeline(input, decoder, parser, async (records: AsyncIterable<string[]>) => {
      let index = 0;
      for await (const cells of records) {
        if (!(await onRecord(cells, index++))) {
          stopped = true;
          throw new Stopped();
        }
      }
    });
  } catch (e) {
    // Stopping tears the streams down: the pipeline may report that as an AbortError rather than our Stopped.
    if (!stopped) throw e;
  }
}

/** Returns the encoding of a CSV file from its first bytes (BOM), UTF-8 until proven otherwise. */
function bomEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { name: 'utf8', skip: 3, label: 'UTF-8 (BOM)' };
  if (head[0] === 0xff && head[1] === 0xfe) return { name: 'utf16le', skip: 2, label: 'UTF-16' };
  return { name: 'utf8', skip: 0, label: 'UTF-8' };
}

/** Returns the CSV file checked (encoding, syntax, header, row count) and ready to stream, or why it cannot be read. */
async function openCsv(file: string): Promise<Result<TableSource>> {
  const handle = await open(file, 'r');
  const head = new Uint8Array(64 * 1024);
  let length: number;
  try {
    length = (await handle.read(head, 0, head.length, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  let encoding = bomEncoding(head.subarray(0, length));
  const delimiter = detectDelimiter(decodeCsv(head.subarray(0, length)).text);
  let entetes: string[] = [];
  let total = 0;
  const count = () =>
    eachRecord(file, encoding, delimiter, (cells, index) => {
      if (index === 0) entetes = cells.map((h) => h.trim());
      else if (!cells.every((c) => c.trim() === '')) total++;
      return total <= MAX_ROWS;
    });
  try {
    try {
      await count();
    } catch (e) {
      if (!(e instanceof NotUtf8)) throw e;
      encoding = { name: 'win1252', skip: 0, label: 'Windows-1252' };
      total = 0;
      await count();
    }
  } catch (e) {
    if (typeof (e as NodeJS.ErrnoException).code === 'string' && !(e as CsvError).code?.startsWith('CSV_')) throw e;
    const line = (e as { lines?: number }).lines;
    const where = line === undefined ? '' : ` (vers la ligne ${line} du fichier)`;
    const quote = /quote/i.test((e as Error).message) ? ' : un guillemet n’est pas refermé ou est mal placé' : '';
    return failure('TABLEUR_ILLISIBLE', line === undefined ? file : `${file}:${line}`, `« ${file} » n’est pas un CSV lisible${where}${quote}. Réenregistrez-le depuis le tableur (CSV séparateur point-virgule).`);
  }
  const name = delimiter === '\t' ? 'tabulation' : delimiter;
  return success({
    entetes,
    total,
    description: `CSV (séparateur ${name}, ${encoding.label})`,
    forEachRow: (onRow) =>
      eachRecord(file, encoding, delimiter, (cells, index) => {
        if (index === 0 || cells.every((c) => c.trim() === '')) return true;
        return onRow({ numero: index + 1, cellules: cells.map((c) => (c.trim() === '' ? null : c)) });
      }),
  });
}

async function openXlsx(bytes: Buffer, file: string, sheetName: string | undefined): Promise<Result<TableSource>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return failure('TABLEUR_ILLISIBLE', file, `« ${file} » n’est pas un classeur Excel (.xlsx) lisible : il est endommagé, protégé par un mot de passe ou d’un autre format (.xls, .ods : réenregistrez-le en .xlsx).`);
  }
  const sheets = workbook.worksheets;
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((s) => s.name.trim().toLowerCase() === sheetName.trim().toLowerCase());
  if (sheet === undefined) {
    const names = sheets.map((s) => `« ${s.name} »`).join(', ');
    return sheetName === undefined
      ? failure('TABLEUR_VIDE', file, `« ${file} » n’a aucune feuille.`)
      : failure('FEUILLE_INTROUVABLE', file, `« ${file} » n’a pas de feuille « ${sheetName} » (feuilles : ${names}).`);
  }
  let entetes: string[] = [];
  const lignes: TableRow[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    const width = row.cellCount;
    for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
    if (number === 1) {
      entetes = cells.map((c) => (c === null ? '' : textOf(c).trim()));
      return;
    }
    if (cells.every((c) => c === null)) return;
    if (lignes.length > MAX_ROWS) {
      tooMany = true;
      return;
    }
    lignes.push({ numero: number, cellules: cells });
  });
  if (entetes.length === 0) return failure('TABLEUR_VIDE', file, `La première ligne de la feuille « ${sheet.name} » de « ${file} » doit porter les en-têtes des colonnes ; elle est vide.`);
  const total = tooMany ? MAX_ROWS + 1 : lignes.length;
  return success({
    entetes,
    total,
    description: `XLSX (feuille « ${sheet.name} »)`,
    forEachRow: async (onRow) => {
      for (let i = 0; i < lignes.length; i++) {
        const row = lignes[i];
        // Let each row's cells go once it is handed out.
        (lignes as Array<TableRow | undefined>)[i] = undefined;
        if (row !== undefined && !(await onRow(row))) return;
      }
    },
  });
}

/** Returns a cell's value as text, number, boolean, date or null (formulas give their result, rich text its text). */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('') || null;
    if ('result' in value) return cellValue(value.result);
    if ('text' in value) return cellValue((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return null;
  }
  return null;
}

/** Returns a cell as the text a person reads in it. */
export function textOf(cell: Exclude<Cell, null>): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  return String(cell);
}
