/**
 * Reads the spreadsheet of a mail merge as offices export it: CSV (`;`, `,` or tab, detected; UTF-8 with or without
 * BOM, UTF-16 with BOM or Windows-1252, detected; quoted multi-line cells) with csv-parse and iconv-lite, or XLSX
 * (first sheet or a named one; dates as Excel dates or text) with exceljs. Rows keep the number the spreadsheet
 * shows (the header is row 1).
 */
import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
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

/** Returns the table of a CSV or XLSX file (by its extension), or why it cannot be read (FICHIER_INTROUVABLE, TABLEUR_ILLISIBLE…). */
export async function readTable(file: string, options: { sheet?: string } = {}): Promise<Result<Table>> {
  const xlsx = /\.xlsx$/i.test(file);
  if (!xlsx && !/\.(csv|txt)$/i.test(file)) {
    return failure('TABLEUR_ILLISIBLE', file, `« ${file} » n’est ni un fichier CSV (.csv) ni un classeur Excel (.xlsx) : enregistrez le tableur sous l’un de ces formats.`);
  }
  if (!xlsx && options.sheet !== undefined) return failure('USAGE', file, '--sheet ne vaut que pour un classeur Excel (.xlsx) : un fichier CSV n’a qu’une feuille.');
  const limit = xlsx ? MAX_XLSX_BYTES : MAX_CSV_BYTES;
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return failure('FICHIER_ILLISIBLE', file, `« ${file} » est un dossier, pas un tableur.`);
    if (info.size > limit) return failure('FICHIER_TROP_GROS', file, `« ${file} » (${formatBytes(info.size)}) dépasse la limite de ${formatBytes(limit)} d’un publipostage : découpez le tableur.`);
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failure('FICHIER_INTROUVABLE', file, `Le fichier « ${file} » n’existe pas.`);
    return failure('FICHIER_ILLISIBLE', file, `Le fichier « ${file} » ne peut pas être lu (droits insuffisants ?).`);
  }
  const table = xlsx ? await readXlsx(bytes, file, options.sheet) : readCsv(bytes, file);
  if (!table.ok) return table;
  if (table.valeur.lignes.length === 0) return failure('TABLEUR_VIDE', file, `« ${file} » n’a aucune ligne de données sous sa ligne d’en-têtes.`);
  if (table.valeur.lignes.length > MAX_ROWS) {
    return failure('TABLEUR_TROP_DE_LIGNES', file, `« ${file} » a ${table.valeur.lignes.length} lignes de données : un publipostage en accepte ${MAX_ROWS} au plus. Découpez le tableur.`);
  }
  return table;
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

function readCsv(bytes: Uint8Array, file: string): Result<Table> {
  const { text, encodage } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, max_record_size: 4 * 1024 * 1024 });
    records = parsed as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    const where = line === undefined ? '' : ` (vers la ligne ${line} du fichier)`;
    const quote = /quote/i.test((e as Error).message) ? ' : un guillemet n’est pas refermé ou est mal placé' : '';
    return failure('TABLEUR_ILLISIBLE', line === undefined ? file : `${file}:${line}`, `« ${file} » n’est pas un CSV lisible${where}${quote}. Réenregistrez-le depuis le tableur (CSV séparateur point-virgule).`);
  }
  const [header = [], ...rest] = records;
  const lignes: TableRow[] = [];
  for (const [i, cells] of rest.entries()) {
    if (cells.every((c) => c.trim() === '')) continue;
    lignes.push({ numero: i + 2, cellules: cells.map((c) => (c.trim() === '' ? null : c)) });
  }
  const name = delimiter === '\t' ? 'tabulation' : delimiter;
  return success({ entetes: header.map((h) => h.trim()), lignes, description: `CSV (séparateur ${name}, ${encodage})` });
}

async function readXlsx(bytes: Buffer, file: string, sheetName: string | undefined): Promise<Result<Table>> {
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
  if (tooMany) lignes.length = MAX_ROWS + 1;
  return success({ entetes, lignes, description: `XLSX (feuille « ${sheet.name} »)` });
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
