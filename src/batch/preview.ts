/**
 * What the web interface shows before a mail merge starts: where each column of the spreadsheet goes (recognised,
 * ignored, unknown with the closest known header, or filling a field another column already fills), the fields a
 * column can be mapped to, and the first valid row (for the preview of the school's own letter).
 */
import { basename } from 'node:path';
import { failure, success, type Result } from '../core/issues.ts';
import type { SchemaCatalog } from '../core/schemas.ts';
import type { ValidationResult } from '../core/validation.ts';
import { columnsOf, headerKey, parseMapping, planHeaders, pointer, type Column, type ColumnSet } from './columns.ts';
import { convertRow } from './convert.ts';
import { readTable, type Table } from './read.ts';

/** Where one column of the spreadsheet goes. */
export interface ColumnPlan {
  /** Zero-based position in the spreadsheet. */
  index: number;
  /** The header as the spreadsheet writes it. */
  entete: string;
  /** reconnue: it fills a field; ignoree: the mapping (or an empty header) leaves it out; inconnue: it names no field; en-double: its field is already filled by an earlier column. */
  statut: 'reconnue' | 'ignoree' | 'inconnue' | 'en-double';
  /** The field it fills (a JSON Pointer), or null. */
  chemin: string | null;
  /** The header that field expects (the form's titles), or null. */
  champ: string | null;
  /** For an unknown header: the closest expected one, when there is one. */
  suggestion?: string;
}

/** The columns of a spreadsheet for a letter. */
export interface ColumnsReport {
  /** What was read (« CSV (séparateur ;, Windows-1252) »). */
  format: string;
  /** Data rows. */
  lignes: number;
  colonnes: ColumnPlan[];
  /** The headers that name no field (statut « inconnue »). */
  inconnues: string[];
  /** Every field a column can fill (lists with one more item than the spreadsheet fills), in the form's order. */
  champs: Array<{ chemin: string; entete: string }>;
  /** Whether the mail merge can start with this mapping; otherwise `erreur` says why (COLONNE_INCONNUE, COLONNE_EN_DOUBLE). */
  pret: boolean;
  erreur?: { code: string; chemin: string; message: string };
}

/** What the preview helpers need of Paperasse. */
export interface PreviewContext {
  catalog: SchemaCatalog;
  formId: string;
  validate(data: unknown): ValidationResult;
}

/** Returns the mapping read from a parsed JSON value against the form's columns, or CORRESPONDANCE_INVALIDE. */
function mappingOf(columns: ColumnSet, mapping: unknown): Result<Map<string, Column | null> | undefined> {
  if (mapping === undefined) return success(undefined);
  return parseMapping(mapping, 'correspondance', columns);
}

/** Returns the closest expected header to `header`, from the error planHeaders gives for it alone. */
function suggestionFor(header: string, columns: ColumnSet): string | undefined {
  const plan = planHeaders([header], columns, undefined, 'tableur');
  if (plan.ok) return undefined;
  return /Vouliez-vous dire « (.+?) » \?/.exec(plan.erreur.message)?.[1];
}

/** Returns where each column of `table` goes for form `formId` (with `mapping`: header → field path, null to ignore). */
export function columnsReport(context: PreviewContext, table: Table, file: string, mapping?: unknown): Result<ColumnsReport> {
  const probe = columnsOf(context.catalog, context.formId, () => 1);
  const read = mappingOf(probe, mapping);
  if (!read.ok) return read;
  const plan = read.valeur;
  const colonnes: ColumnPlan[] = [];
  const seen = new Set<string>();
  const listItems = new Map<string, number>();
  for (const [index, entete] of table.entetes.entries()) {
    const key = headerKey(entete);
    const column = key === '' ? null : plan?.has(key) ? (plan.get(key) ?? null) : probe.byHeader(entete);
    if (column === undefined) {
      const suggestion = suggestionFor(entete, probe);
      colonnes.push({ index, entete, statut: 'inconnue', chemin: null, champ: null, ...(suggestion !== undefined && { suggestion }) });
      continue;
    }
    if (column === null) {
      colonnes.push({ index, entete, statut: 'ignoree', chemin: null, champ: null });
      continue;
    }
    const where = pointer(column.chemin);
    colonnes.push({ index, entete, statut: seen.has(where) ? 'en-double' : 'reconnue', chemin: where, champ: column.entete });
    seen.add(where);
    const at = column.chemin.findIndex((p) => /^\d+$/.test(p));
    if (at >= 0) {
      const list = pointer(column.chemin.slice(0, at));
      listItems.set(list, Math.max(listItems.get(list) ?? 0, Number(column.chemin[at]) + 1));
    }
  }
  const fields = columnsOf(context.catalog, context.formId, (path) => (listItems.get(pointer(path)) ?? 0) + 1);
  const checked = planHeaders(table.entetes, fields, plan, basename(file));
  return success({
    format: table.description,
    lignes: table.lignes.length,
    colonnes,
    inconnues: colonnes.filter((c) => c.statut === 'inconnue').map((c) => c.entete),
    champs: fields.modele.map((c) => ({ chemin: pointer(c.chemin), entete: c.entete })),
    pret: checked.ok,
    ...(!checked.ok && { erreur: checked.erreur }),
  });
}

/** Returns the columns report of the spreadsheet file `file` (CSV or XLSX), or why it cannot be read. */
export async function columnsOfFile(context: PreviewContext, file: string, mapping?: unknown): Promise<Result<ColumnsReport>> {
  const table = await readTable(file);
  if (!table.ok) return table;
  return columnsReport(context, table.valeur, file, mapping);
}

/** Returns the number and validated data of the first valid row of spreadsheet `file`, or why there is none (the plan's error, AUCUNE_LIGNE_VALIDE). */
export async function firstValidRow(context: PreviewContext, file: string, mapping?: unknown): Promise<Result<{ ligne: number; donnees: unknown }>> {
  const table = await readTable(file);
  if (!table.ok) return table;
  const columns = columnsOf(context.catalog, context.formId, () => 0);
  const read = mappingOf(columns, mapping);
  if (!read.ok) return read;
  const plan = planHeaders(table.valeur.entetes, columns, read.valeur, basename(file));
  if (!plan.ok) return plan;
  for (const row of table.valeur.lignes) {
    const converted = convertRow(row, plan.valeur);
    if (converted.problemes.length > 0) continue;
    const validation = context.validate(converted.donnees);
    if (validation.valide) return success({ ligne: row.numero, donnees: validation.donnees ?? converted.donnees });
  }
  return failure('AUCUNE_LIGNE_VALIDE', basename(file), `Aucune des ${table.valeur.lignes.length} lignes du tableur n’est valide : corrigez au moins une ligne pour voir l’aperçu (le publipostage liste les motifs dans rapport.csv).`);
}
