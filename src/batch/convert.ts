/**
 * Turns a spreadsheet row into the nested data object of a form: each cell converted to its field's type as a
 * French office writes it (JJ/MM/AAAA dates or Excel dates → ISO, decimal comma, oui / non, choice labels →
 * values). A cell that does not convert is passed on as typed, so that validation names it with its field.
 */
import type { Column, HeaderPlan } from './columns.ts';
import { foldForComparison } from '../core/text.ts';
import { MAX_CELL_CHARS } from './limits.ts';
import type { Cell, TableRow } from './read.ts';

/** A problem of one cell found before validation (the row is refused). */
export interface CellProblem {
  /** Zero-based column index in the spreadsheet. */
  colonne: number;
  code: 'CELLULE_TROP_LONGUE' | 'CELLULE_HORS_COLONNES';
  message: string;
}

/** A row as data: the object to validate, and the cell problems that refuse it anyway. */
export interface ConvertedRow {
  donnees: Record<string, unknown>;
  problemes: CellProblem[];
}

/** Returns the data object of `row` through `plan` (empty cells leave their fields out). */
export function convertRow(row: TableRow, plan: HeaderPlan): ConvertedRow {
  const donnees: Record<string, unknown> = {};
  const problemes: CellProblem[] = [];
  for (const [i, cell] of row.cellules.entries()) {
    if (cell === null) continue;
    if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) {
      problemes.push({ colonne: i, code: 'CELLULE_TROP_LONGUE', message: `La cellule a ${cell.length} caractères : ${MAX_CELL_CHARS} au plus.` });
      continue;
    }
    if (i >= plan.length) {
      problemes.push({ colonne: i, code: 'CELLULE_HORS_COLONNES', message: 'Cette cellule est remplie à droite de la dernière colonne nommée : un séparateur (; ou ,) de trop dans la ligne ?' });
      continue;
    }
    const column = plan[i];
    if (column === null || column === undefined) continue;
    setPath(donnees, column.chemin, convertCell(cell, column));
  }
  fillListHoles(donnees);
  return { donnees, problemes };
}

/** Returns the value of a cell for its column's type, or the cell as typed when it does not convert. */
export function convertCell(cell: Exclude<Cell, null>, column: Column): unknown {
  if (column.options !== undefined) return choice(cell, column.options);
  if (column.itemOptions !== undefined) {
    const options = column.itemOptions;
    return String(cell)
      .split(/[;,\n]/)
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => choice(part, options));
  }
  switch (column.type) {
    case 'boolean':
      return bool(cell);
    case 'number':
    case 'integer':
      return num(cell);
    case 'string':
    case undefined:
      return column.format === 'date' ? date(cell) : text(cell);
    default:
      return typeof cell === 'string' ? cell.trim() : cell;
  }
}

function choice(cell: Exclude<Cell, null>, options: ReadonlyArray<{ valeur: unknown; libelle: string }>): unknown {
  const typed = typeof cell === 'string' ? cell.trim() : cell;
  const key = foldForComparison(String(typed));
  const found = options.find((o) => o.valeur === typed) ?? options.find((o) => foldForComparison(String(o.valeur)) === key || foldForComparison(o.libelle) === key);
  return found === undefined ? typed : found.valeur;
}

const TRUE_WORDS = new Set(['oui', 'o', 'vrai', 'x', '1', 'true', 'yes']);
const FALSE_WORDS = new Set(['non', 'n', 'faux', '0', 'false', 'no']);

function bool(cell: Exclude<Cell, null>): unknown {
  if (typeof cell === 'boolean') return cell;
  const key = foldForComparison(String(cell));
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  return typeof cell === 'string' ? cell.trim() : cell;
}

function num(cell: Exclude<Cell, null>): unknown {
  if (typeof cell === 'number') return cell;
  const compact = String(cell).trim().replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (/^[+-]?\d+([.,]\d+)?$/.test(compact)) return Number(compact.replace(',', '.'));
  return typeof cell === 'string' ? cell.trim() : cell;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function date(cell: Exclude<Cell, null>): unknown {
  // exceljs gives a date cell as the UTC midnight of the day shown.
  if (cell instanceof Date) return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  const s = String(cell).trim();
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (fr) return `${fr[3]}-${pad(Number(fr[2]))}-${pad(Number(fr[1]))}`;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(s);
  if (iso) return `${iso[1]}-${pad(Number(iso[2]))}-${pad(Number(iso[3]))}`;
  return s;
}

function text(cell: Exclude<Cell, null>): unknown {
  if (cell instanceof Date) {
    // A time typed in Excel (« 14:00 ») is a date on 30 December 1899.
    if (cell.getUTCFullYear() < 1900) return `${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}`;
    return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  }
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell).replace('.', ',');
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  // Office exports end lines with CRLF; trailing spaces are typing noise.
  return cell.replace(/\r\n?/g, '\n').trim();
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  for (const [i, part] of path.entries()) {
    const last = i === path.length - 1;
    const key: string | number = Array.isArray(node) ? Number(part) : part;
    if (last) {
      (node as Record<string | number, unknown>)[key] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(path[i + 1] ?? '');
    let child = (node as Record<string | number, unknown>)[key];
    if (child === undefined || child === null || typeof child !== 'object') {
      child = nextIsIndex ? [] : {};
      (node as Record<string | number, unknown>)[key] = child;
    }
    node = child as Record<string, unknown> | unknown[];
  }
}

/** Turns the holes of sparse lists (period 3 given, period 2 left empty) into empty items, which validation names. */
function fillListHoles(node: unknown): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      if (node[i] === undefined) node[i] = {};
      fillListHoles(node[i]);
    }
  } else if (node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) fillListHoles(value);
  }
}
