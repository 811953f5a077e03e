/**
 * The columns of a mail merge: one per value of a form's schema, named by the French titles printed on the form
 * (« Tuteur – Adresse postale – CP », « Calendrier des cours – Période n° 3 – Du »), matched whatever the case,
 * accents and spacing, or named by a mapping file (header → schema path) for other layouts.
 */
import { foldForComparison } from '../core/text.ts';
import { failure, success, type Result } from '../core/issues.ts';
import type { Position, SchemaCatalog, SchemaOption } from '../core/schemas.ts';
import { editDistance } from '../core/distance.ts';

/** Separator of the titles in a header, as written by `batch-modele`. */
export const HEADER_SEPARATOR = ' – ';

/** Items of a list (an array of objects) a spreadsheet can give, as numbered column groups. */
export const MAX_LIST_ITEMS = 60;

/** One value of the form a column can fill. */
export interface Column {
  /** The header `batch-modele` writes. */
  entete: string;
  /** The data path (property names and array indexes). */
  chemin: string[];
  /** JSON type of the value (`string`, `number`, `integer`, `boolean`, `array`). */
  type: string | undefined;
  format: string | undefined;
  /** The choices of a single choice (label → value). */
  options: SchemaOption[] | undefined;
  /** The choices of a multiple choice (an array of labelled values). */
  itemOptions: SchemaOption[] | undefined;
}

/** The columns of a form: every one it can fill, looked up by folded header. */
export class ColumnSet {
  readonly #byHeader = new Map<string, Column>();
  readonly #byPointer = new Map<string, Column>();
  /** The columns of the blank spreadsheet (lists with the items `listItems` gives), in the form's order. */
  readonly modele: Column[] = [];

  constructor(columns: Iterable<Column>, listItems: (listPath: string[]) => number) {
    for (const c of columns) {
      const key = headerKey(c.entete);
      if (!this.#byHeader.has(key)) this.#byHeader.set(key, c);
      this.#byPointer.set(pointer(c.chemin), c);
      const index = c.chemin.findIndex((p) => /^\d+$/.test(p));
      if (index < 0 || Number(c.chemin[index]) < listItems(c.chemin.slice(0, index))) this.modele.push(c);
    }
  }

  /** Returns the column a header names (case, accents, spacing and « n° » ignored), or undefined. */
  byHeader(header: string): Column | undefined {
    return this.#byHeader.get(headerKey(header));
  }

  /** Returns the column of a data path (a JSON Pointer), or undefined. */
  byPointer(path: string): Column | undefined {
    return this.#byPointer.get(path);
  }

  /** Returns the expected header of a data path, or of the first value inside it (a missing group), or undefined. */
  expectedHeader(path: string): string | undefined {
    const exact = this.#byPointer.get(path)?.entete;
    if (exact !== undefined) return exact;
    for (const [p, c] of this.#byPointer) if (p.startsWith(`${path}/`)) return c.entete;
    return undefined;
  }

  /** Returns every header, for « did you mean » suggestions. */
  headers(): string[] {
    return [...this.#byPointer.values()].map((c) => c.entete);
  }
}

/** Returns `header` folded for comparison: no case, accents, punctuation, « n° » before a number. */
export function headerKey(header: string): string {
  return foldForComparison(header).replace(/\bn (\d)/g, '$1').replace(/\bno (\d)/g, '$1');
}

/** Returns the JSON Pointer of a data path. */
export function pointer(path: readonly string[]): string {
  return path.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Returns the columns of form `formId`: every leaf value of its schema (lists of objects as `MAX_LIST_ITEMS`
 * numbered groups, the blank spreadsheet showing as many as `listItems` says).
 */
export function columnsOf(catalog: SchemaCatalog, formId: string, listItems: (listPath: string[]) => number): ColumnSet {
  const root = catalog.path(`${formId}.schema.json`, [])[0];
  const columns: Column[] = [];
  if (root !== undefined) walk(catalog, root, [], [], columns, 0);
  return new ColumnSet(columns, listItems);
}

function walk(catalog: SchemaCatalog, pos: Position, path: string[], titles: string[], out: Column[], listDepth: number): void {
  const d = catalog.describe(pos);
  const isObject = d.type === 'object' || (d.type === undefined && catalog.propertyOrder(pos).length > 0);
  if (isObject) {
    for (const name of catalog.propertyOrder(pos)) {
      const child = catalog.child(pos, name);
      if (child === undefined) continue;
      const title = catalog.title(child) ?? name;
      walk(catalog, child, [...path, name], [...titles, title], out, listDepth);
    }
    return;
  }
  if (d.type === 'array' && d.itemOptions === undefined) {
    const item = catalog.child(pos, '0');
    // A list inside a list is not spread over columns (a mapping file can still name its cells by path).
    if (item === undefined || listDepth > 0) return;
    const itemTitle = catalog.title(item) ?? 'Élément';
    for (let i = 0; i < MAX_LIST_ITEMS; i++) {
      const at = catalog.child(pos, String(i)) ?? item;
      walk(catalog, at, [...path, String(i)], [...titles, `${itemTitle} n° ${i + 1}`], out, listDepth + 1);
    }
    return;
  }
  if (d.type === 'object') return;
  out.push({ entete: titles.join(HEADER_SEPARATOR), chemin: path, type: d.type, format: d.format, options: d.options, itemOptions: d.itemOptions });
}

/** Where each header of a spreadsheet goes: a column, or nothing (a column the mapping file says to ignore). */
export type HeaderPlan = Array<Column | null>;

/** A mapping file: header → schema path (« /tuteur/nom » or « tuteur.nom »), null to ignore a column. */
export type Mapping = Record<string, string | null>;

/** Returns the mapping read from a parsed JSON value, or CORRESPONDANCE_INVALIDE. */
export function parseMapping(value: unknown, file: string, columns: ColumnSet): Result<Map<string, Column | null>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return failure('CORRESPONDANCE_INVALIDE', file, `Le fichier de correspondance « ${file} » doit être un objet JSON { "en-tête du tableur": "/chemin/du/champ" }.`);
  }
  const plan = new Map<string, Column | null>();
  for (const [header, target] of Object.entries(value as Record<string, unknown>)) {
    if (target === null) {
      plan.set(headerKey(header), null);
      continue;
    }
    if (typeof target !== 'string') {
      return failure('CORRESPONDANCE_INVALIDE', file, `Dans « ${file} », la colonne « ${header} » doit donner un chemin de champ (« /tuteur/nom ») ou null pour l’ignorer.`);
    }
    const path = target.startsWith('/') ? target : `/${target.split('.').join('/')}`;
    const column = columns.byPointer(path);
    if (column === undefined) {
      return failure('CORRESPONDANCE_INVALIDE', file, `Dans « ${file} », la colonne « ${header} » désigne « ${target} », qui n’est pas un champ du courrier (la commande « paperasse batch-modele » écrit les en-têtes attendus).`);
    }
    plan.set(headerKey(header), column);
  }
  return success(plan);
}

/**
 * Returns where each header goes (the mapping first, then the form's titles), or COLONNE_INCONNUE for a header that
 * names no value (with the closest known one), COLONNE_EN_DOUBLE for two headers filling the same value.
 */
export function planHeaders(headers: readonly string[], columns: ColumnSet, mapping: ReadonlyMap<string, Column | null> | undefined, file: string): Result<HeaderPlan> {
  const plan: HeaderPlan = [];
  const seen = new Map<string, string>();
  for (const [i, header] of headers.entries()) {
    const key = headerKey(header);
    if (key === '') {
      plan.push(null);
      continue;
    }
    const column = mapping?.has(key) ? (mapping.get(key) ?? null) : columns.byHeader(header);
    if (column === undefined) {
      const near = closestHeader(header, columns.headers());
      const hint = near ? ` Vouliez-vous dire « ${near} » ?` : '';
      return failure('COLONNE_INCONNUE', `${file}:1:${i + 1}`, `La colonne « ${header} » (colonne ${i + 1}) ne correspond à aucun champ du courrier.${hint} Un fichier de correspondance (--mapping) peut la nommer, ou l’ignorer avec null.`);
    }
    if (column !== null) {
      const where = pointer(column.chemin);
      const before = seen.get(where);
      if (before !== undefined) {
        return failure('COLONNE_EN_DOUBLE', `${file}:1:${i + 1}`, `Les colonnes « ${before} » et « ${header} » remplissent le même champ (${column.entete}) : gardez-en une seule.`);
      }
      seen.set(where, header);
    }
    plan.push(column);
  }
  if (plan.every((c) => c === null)) {
    return failure('COLONNE_INCONNUE', `${file}:1`, `Aucune colonne de « ${file} » ne correspond à un champ du courrier : la première ligne doit porter les en-têtes (la commande « paperasse batch-modele » les écrit).`);
  }
  return success(plan);
}

function closestHeader(header: string, candidates: readonly string[]): string | undefined {
  const key = headerKey(header);
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(key.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(key, headerKey(c));
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}


/** Returns `data`'s value for `column` written as a French office types it (JJ/MM/AAAA, labels, oui / non, decimal comma), or '' when absent. */
export function cellText(data: unknown, column: Column): string {
  let node: unknown = data;
  for (const p of column.chemin) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
  if (node === undefined || node === null) return '';
  const label = (v: unknown, options: readonly SchemaOption[] | undefined) => options?.find((o) => o.valeur === v)?.libelle ?? String(v);
  if (column.options !== undefined) return label(node, column.options);
  if (Array.isArray(node)) return node.map((v) => label(v, column.itemOptions)).join(', ');
  if (typeof node === 'boolean') return node ? 'oui' : 'non';
  if (typeof node === 'number') return String(node).replace('.', ',');
  const text = typeof node === 'string' ? node : JSON.stringify(node);
  const iso = column.format === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : text;
}
