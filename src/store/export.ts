/**
 * Export of the stored extraction results of one form (issue 5): one row per upload, as CSV for Excel (French
 * conventions, protected against CSV injection) and as a minimal Office Open XML workbook written by hand.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
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

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style indexes in styles.xml's cellXfs. */
const STYLE = { number: 0, header: 1, text: 2, wrappedText: 3 } as const;

/** Fixed modification time of the zip entries, so the same table always gives the same bytes. */
const ZIP_MTIME = new Date(2000, 0, 1);

/**
 * Returns the bytes of an XLSX workbook holding `table` on one sheet: inline strings (never formulas, in the text number
 * format `@`), numbers as numbers, booleans as the text oui / non, a bold header row, the first row frozen.
 */
export function exportXlsx(table: ExportTable): Uint8Array {
  const rows = rectangular(table);
  const files: Zippable = {
    '[Content_Types].xml': strToU8(contentTypes()),
    '_rels/.rels': strToU8(rootRels()),
    'xl/workbook.xml': strToU8(workbook()),
    'xl/_rels/workbook.xml.rels': strToU8(workbookRels()),
    'xl/styles.xml': strToU8(styles()),
    'xl/worksheets/sheet1.xml': strToU8(worksheet(rows)),
  };
  return zipSync(files, { level: 6, mtime: ZIP_MTIME });
}

/** Characters XML 1.0 forbids (control characters other than TAB, LF, CR; lone surrogates; U+FFFE, U+FFFF). */
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Returns `text` safe inside an XML element or attribute: illegal characters removed, markup and CR escaped. */
export function xmlEscape(text: string): string {
  return text
    .replace(XML_ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** Returns text escaped for a SpreadsheetML string: `_xHHHH_` would otherwise be decoded as a character by Excel. */
function ooxmlText(text: string): string {
  return xmlEscape(text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
}

/** Returns the column letters of a zero-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function worksheet(rows: ExportCell[][]): string {
  const width = rows[0]?.length ?? 0;
  const dimension = width === 0 ? 'A1' : `A1:${columnName(width - 1)}${rows.length}`;
  const widths = Array.from({ length: width }, (_, c) => Math.min(60, rows.reduce((w, r) => Math.max(w, displayLength(r[c] ?? null) + 2), 8)));
  const cols = width === 0 ? '' : `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
  const data = rows
    .map((row, r) => {
      const cells = row.map((cell, c) => xlsxCell(cell, `${columnName(c)}${r + 1}`, r === 0)).join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return (
    `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="${dimension}"/>` +
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    `<sheetData>${data}</sheetData>` +
    '</worksheet>'
  );
}

function displayLength(cell: ExportCell): number {
  if (cell === null) return 0;
  const text = typeof cell === 'boolean' ? 'non' : String(cell);
  return text.split(/\r\n|\r|\n/).reduce((w, l) => Math.max(w, l.length), 0);
}

function xlsxCell(cell: ExportCell, ref: string, header: boolean): string {
  if (cell === null) return header ? `<c r="${ref}" s="${STYLE.header}"/>` : '';
  if (typeof cell === 'number' && Number.isFinite(cell) && !header) return `<c r="${ref}" s="${STYLE.number}"><v>${String(cell)}</v></c>`;
  const text = typeof cell === 'boolean' ? (cell ? 'oui' : 'non') : String(cell);
  const style = header ? STYLE.header : /[\r\n]/.test(text) ? STYLE.wrappedText : STYLE.text;
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${ooxmlText(text)}</t></is></c>`;
}

function contentTypes(): string {
  return (
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '</Types>'
  );
}

function rootRels(): string {
  return (
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '</Relationships>'
  );
}

function workbook(): string {
  return (
    `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<bookViews><workbookView/></bookViews>' +
    '<sheets><sheet name="Données" sheetId="1" r:id="rId1"/></sheets>' +
    '</workbook>'
  );
}

function workbookRels(): string {
  return (
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

function styles(): string {
  // numFmtId 49 is the built-in text format "@": a text cell edited in Excel stays text, never becomes a formula.
  return (
    `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
    '</cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}
