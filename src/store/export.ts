/**
 * Export of the stored extraction results of one form (issue 5): one row per upload, as CSV for Excel (French
 * conventions, protected against CSV injection) and as an XLSX workbook written by exceljs.
 */
import { leafEntries } from '../core/pointer.ts';
import type { SignatureReport } from '../extract/types.ts';
import type { UploadStore } from './upload-store.ts';

/** One cell: text, number, boolean (written oui / non) or nothing. */
export type ExportCell = string | number | boolean | null;

/** A table to export: the header row, then the data rows (a short row is padded with empty cells). */
export interface ExportTable {
  colonnes: string[];
  lignes: ExportCell[][];
}

/** The columns every export starts with, before the JSON Pointers of the data. */
export const FIXED_COLUMNS = ['id', 'nomFichier', 'expediteur', 'recuLe', 'valide', 'source', 'erreurs', 'signatures'] as const;

/**
 * Returns the table of the successfully extracted uploads (`traite`, valid or not) of form `formulaire` (received for
 * `etablissement` when given), oldest first:
 * the fixed columns, then one column per JSON Pointer leaf of `donnees` (union over the rows, in order of first appearance).
 */
export function tableForForm(store: UploadStore, formulaire: string, etablissement?: string): ExportTable {
  const pointers = new Map<string, number>();
  const rows: Array<{ fixed: ExportCell[]; values: Map<string, ExportCell> }> = [];
  for (const record of store.list({ formulaire, statut: 'traite', ...(etablissement !== undefined && { etablissement }) })) {
    if (record.resultat === null || !record.resultat.ok) continue;
    const values = new Map(leafEntries(record.resultat.valeur.donnees).map(([pointer, value]) => [pointer, toCell(value)]));
    for (const pointer of values.keys()) if (!pointers.has(pointer)) pointers.set(pointer, pointers.size);
    const { erreurs, signatures } = record.resultat.valeur;
    const errorCell = erreurs.length === 0 ? null : erreurs.map((e) => `${e.code} ${e.chemin || '/'}`).join(' ; ');
    const signatureCell = signatures.length === 0 ? null : signatures.map(signatureSummary).join(' ; ');
    // For one établissement, its own first reception: the same bytes sent by another one never show that one's name or sender.
    const first = etablissement === undefined ? record : (store.receptions(record.id, etablissement)[0] ?? record);
    rows.push({ fixed: [record.id, first.nomFichier, first.expediteur, first.recuLe, record.valide, record.source, errorCell, signatureCell], values });
  }
  const columns = [...pointers.keys()];
  return {
    colonnes: [...FIXED_COLUMNS, ...columns],
    lignes: rows.map((r) => [...r.fixed, ...columns.map((c) => r.values.get(c) ?? null)]),
  };
}

/** Returns one signature in a cell: the signer, then « intègre » or « NON INTÈGRE », and « modifiée après » when fields changed after it. */
function signatureSummary(s: SignatureReport): string {
  const state = s.integre ? 'intègre' : 'NON INTÈGRE';
  return `${s.signataire || 'signataire inconnu'} (${state}${s.modifieApresSignature ? ', modifiée après signature' : ''})`;
}

function toCell(value: unknown): ExportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return typeof value === 'bigint' ? value.toString() : JSON.stringify(value) ?? null;
}

/** Returns the cells of `table` as rows of the header's width (short rows padded with null). */
function rectangular(table: ExportTable): ExportCell[][] {
  const width = table.lignes.reduce((w, l) => Math.max(w, l.length), table.colonnes.length);
  const pad = (row: ReadonlyArray<ExportCell>): ExportCell[] => Array.from({ length: width }, (_, i) => row[i] ?? null);
  return [pad(table.colonnes), ...table.lignes.map(pad)];
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

/** Characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Returns `text` prefixed with an apostrophe when a spreadsheet could read it as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Returns a number written the French way (decimal comma, no thousands separator): 1234.5 gives "1234,5". */
export function frenchNumber(n: number): string {
  return String(n).replace('.', ',');
}

/**
 * Returns the CSV bytes of `table` for Excel: UTF-8 with BOM, `;` separator, CRLF line ends, RFC 4180 quoting,
 * French decimals, booleans oui / non, and text starting with `= + - @`, TAB or CR prefixed with `'`.
 * Numbers are written as numbers, never neutralised: a number formatted here cannot be a formula.
 */
export function exportCsv(table: ExportTable): Uint8Array {
  const lines = rectangular(table).map((row) => row.map(csvCell).join(';'));
  return new TextEncoder().encode(`\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`);
}

function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  if (typeof cell === 'number' && Number.isFinite(cell)) return frenchNumber(cell);
  const text = neutraliseFormula(String(cell));
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX

/** Characters XML 1.0 forbids (control characters other than TAB, LF, CR; lone surrogates; U+FFFE, U+FFFF). */
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Returns text as a workbook stores it: characters XML forbids removed, line breaks as LF (Excel's in-cell break; XML
 * would turn a CR into LF anyway), `_xHHHH_` escaped (Excel would decode it as a character).
 */
function workbookText(text: string): string {
  return text.replace(XML_ILLEGAL, '').replace(/\r\n?/g, '\n').replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

/**
 * Returns the bytes of an XLSX workbook holding `table` on one sheet, written by exceljs (the library the mail merge
 * reads workbooks with): text cells in the text number format `@` (never formulas: a value starting with `=` stays
 * text), numbers as numbers, booleans as the text oui / non, a bold header row, the first row frozen, multi-line
 * cells wrapped.
 */
export async function exportXlsx(table: ExportTable): Promise<Uint8Array> {
  const rows = rectangular(table);
  // exceljs is loaded when a workbook is written: its module graph is most of a command's start-up time otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Paperasse';
  const sheet = workbook.addWorksheet('Export', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = rows[0]?.length ?? 0;
  sheet.columns = Array.from({ length: width }, (_, c) => ({ width: Math.min(60, rows.reduce((w, r) => Math.max(w, displayLength(r[c] ?? null) + 2), 8)) }));
  rows.forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    cells.forEach((cell, c) => {
      if (cell === null) return;
      const target = row.getCell(c + 1);
      if (typeof cell === 'number' && Number.isFinite(cell)) {
        target.value = cell;
        return;
      }
      const text = typeof cell === 'boolean' ? (cell ? 'oui' : 'non') : workbookText(String(cell));
      target.value = text;
      target.numFmt = '@';
      if (/[\r\n]/.test(text)) target.alignment = { vertical: 'top', wrapText: true };
    });
    if (r === 0) row.font = { bold: true };
    row.commit();
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Returns how wide a cell's text is, in characters (its longest line). */
function displayLength(cell: ExportCell): number {
  if (cell === null) return 0;
  const text = typeof cell === 'boolean' ? 'oui' : String(cell);
  return Math.max(...text.split(/\r\n|\r|\n/).map((l) => l.length));
}
