/**
 * Step 1 of rendering: a template and a form's data become a resolved document (`DocNode` tree): every label
 * looked up, every value formatted, every box ticked or not, every field named. The PDF and Word writers only
 * lay this tree out, so both outputs always say the same thing.
 */
import Handlebars from 'handlebars';
import { valueAt } from '../core/pointer.ts';
import type { SchemaCatalog, ValueDescription } from '../core/schemas.ts';
import { HORS_ANNEXE_TITLE, type Block, type Mark, type Template, type TextStyle } from '../layout/layout.ts';
import { formatFrenchDate } from '../core/dates.ts';
import { fieldName, formatAmount, formatNumber } from './format.ts';
import { letterBlocks } from '../letters/letters.ts';

/** An AcroForm field to create at the place of a value or a box. */
export interface FieldSpec {
  /** Fully qualified field name (see `fieldName`). */
  name: string;
  kind: 'text' | 'check' | 'radio';
  /** Text fields: the formatted value (`''` when empty). */
  value: string;
  /** Boxes: whether ticked. */
  checked: boolean;
  /** Radio buttons and boxes of a multiple choice: the option value this widget stands for. */
  export?: string;
  multiline: boolean;
  /** Text fields: height in lines. */
  lines: number;
  /**
   * `false`: a place the annex prints that this data leaves blank on purpose (a `printed` when-block whose test
   * fails): reading the PDF back, finding nothing there is no error.
   */
  expected?: false;
}

/** One option of a resolved choice. */
export interface ChoiceOption {
  label: string;
  checked: boolean;
  field: FieldSpec;
}

/** A cell of a resolved table. */
export interface DocCell {
  children: DocNode[];
  span: number;
  header: boolean;
}

export type DocNode =
  | { t: 'title'; annexe: string; title: string; session: string; sessionField?: FieldSpec }
  | { t: 'heading'; text: string; level: 1 | 2 }
  | { t: 'text'; text: string; style: TextStyle }
  | { t: 'value'; label: string; text: string; unit: string; lines: number; field: FieldSpec }
  | { t: 'choice'; label: string; direction: 'row' | 'column'; options: ChoiceOption[]; mark?: Mark }
  | { t: 'box'; label: string; checked: boolean; field: FieldSpec; mark?: Mark }
  | { t: 'row'; children: DocNode[]; widths: number[] }
  | { t: 'section'; title: string; children: DocNode[]; newPage: boolean }
  | { t: 'table'; title: string; widths: number[]; head: DocCell[][]; rows: DocCell[][] }
  | { t: 'group'; title: string; children: DocNode[]; newPage: boolean; bookmark: number | null; horsAnnexe?: boolean }
  | { t: 'attachment'; key: string; pages: number; caption: string; bookmark: number }
  | { t: 'pageBreak' };

/** A PDF bookmark: its title and the index of its parent in the outline (null at the top level). */
export interface OutlineEntry {
  title: string;
  parent: number | null;
}

/** What a resolution may use besides the data. */
export interface ResolveOptions {
  /** Page counts of the document files the data names (attachment blocks), by the file name as written in the data. */
  attachments?: ReadonlyMap<string, number>;
  /** Print the hors-annexe page (Template.horsAnnexe); default true. The dossier's copies leave it out. */
  horsAnnexe?: boolean;
}

/** A resolved document and what its pages and metadata need. */
export interface ResolvedDocument {
  form: string;
  title: string;
  /** The annex title line, for the metadata title. */
  fullTitle: string;
  person: string;
  author: string;
  landscape: boolean;
  nodes: DocNode[];
  /** The bookmarks, in document order; group and attachment nodes point into it. */
  outline: OutlineEntry[];
}

/** What the schema says about a value. */
type ValueInfo = ValueDescription;

/** « jeudi 19 novembre 2026 » (immutable, shared). */
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Placeholder printed for an unknown value in a text template of a blank form. */
const BLANK = '……………';

/** Resolves templates against data; one per renderer (it keeps compiled Handlebars templates). */
export class Resolver {
  readonly #schemas: SchemaCatalog;
  readonly #handlebars: typeof Handlebars;
  readonly #compiled = new Map<string, Handlebars.TemplateDelegate>();
  /** Located paths by schema file, then scope (`Context.scopeKey`), then template path. */
  readonly #paths = new Map<string, Map<string, Map<string, Located>>>();

  constructor(schemas: SchemaCatalog) {
    this.#schemas = schemas;
    this.#handlebars = Handlebars.create();
    this.#handlebars.registerHelper('date', (v: unknown) => (typeof v === 'string' ? formatFrenchDate(v) : BLANK));
    this.#handlebars.registerHelper('montant', (v: unknown) => (typeof v === 'number' ? `${formatAmount(v)} €` : BLANK));
    this.#handlebars.registerHelper('nombre', (v: unknown) => (typeof v === 'number' ? formatNumber(v) : BLANK));
    this.#handlebars.registerHelper('majuscules', (v: unknown) => (typeof v === 'string' ? v.toLocaleUpperCase('fr-FR') : BLANK));
    this.#handlebars.registerHelper('ou', (v: unknown, fallback: unknown) => (v === undefined || v === null || v === '' ? fallback : v));
    this.#handlebars.registerHelper('egal', (a: unknown, b: unknown) => a === b);
    this.#handlebars.registerHelper('dateLongue', (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? LONG_DATE.format(new Date(`${v}T12:00:00Z`)) : BLANK));
  }

  /** Returns the resolved document of `template` for `data` (`undefined` data: a blank form). */
  resolve(template: Template, data: unknown, options: ResolveOptions = {}): ResolvedDocument {
    const blank = data === undefined;
    // A draft may be rendered from anything JSON allows; a root that is not an object shows an empty form.
    const root = data !== null && typeof data === 'object' ? data : {};
    const outline: OutlineEntry[] = [];
    const extras: Array<{ blocks: Block[]; ctx: Context }> = [];
    const ctx: Context = { template, schemaFile: `${template.form}.schema.json`, root, blank, scope: root, parts: [], scopeKey: '', outline, bookmark: null, attachments: options.attachments ?? new Map(), extras };
    const title = this.#title(ctx);
    const body = this.#blocks(template.blocks, ctx);
    if (template.horsAnnexe) extras.unshift({ blocks: template.horsAnnexe, ctx });
    if (options.horsAnnexe !== false && extras.length > 0) {
      // Paperasse's own page comes last, on a page of its own, saying it is not part of the annex.
      const children: DocNode[] = [
        { t: 'text', text: 'Cette page n’appartient pas à l’annexe : Paperasse y imprime les informations dont il a besoin en plus de celles de l’annexe.', style: 'note' },
        ...extras.flatMap((e) => this.#blocks(e.blocks, e.ctx)),
      ];
      body.push({ t: 'group', title: HORS_ANNEXE_TITLE, children, newPage: true, bookmark: null, horsAnnexe: true });
    }
    // A letter starts with its letterhead: its title band heads the sheet after its last page break (its recap).
    const nodes = template.letter ? afterLastPageBreak(body, title) : [title, ...body];
    const session = title.sessionField?.value;
    return {
      form: template.form,
      title: template.title,
      fullTitle: [template.annexe, template.title, session ? `Session ${session}` : ''].filter(Boolean).join(' '),
      person: blank ? '' : (template.person?.(root) ?? ''),
      author: blank ? '' : (template.author?.(root) ?? ''),
      landscape: template.landscape ?? false,
      nodes,
      outline,
    };
  }

  #title(ctx: Context): Extract<DocNode, { t: 'title' }> {
    const node: Extract<DocNode, { t: 'title' }> = { t: 'title', annexe: ctx.template.annexe ?? '', title: ctx.template.title, session: '' };
    if (ctx.template.session) {
      const session = this.#field(ctx.template.session, { label: '' }, ctx);
      if (session.t !== 'value') throw new Error(`template ${ctx.template.form}: the session ${ctx.template.session} is not a value`);
      node.sessionField = session.field;
      node.session = session.text || BLANK;
    }
    return node;
  }

  #blocks(blocks: readonly Block[], ctx: Context): DocNode[] {
    return blocks.flatMap((b) => this.#block(b, ctx));
  }

  #block(b: Block, ctx: Context): DocNode[] {
    switch (b.kind) {
      case 'text':
        return [{ t: 'text', text: this.#fill(b.text, ctx), style: b.style ?? 'normal' }];
      case 'heading':
        return [{ t: 'heading', text: this.#fill(b.text, ctx), level: b.level ?? 1 }];
      case 'field':
        return [this.#field(b.path, b, ctx)];
      case 'option': {
        const located = this.#locate(b.path, ctx);
        const { parts, info, value } = located;
        const multiple = info.type === 'array';
        const checked = multiple ? Array.isArray(value) && value.includes(b.value) : value === b.value;
        const known = (multiple ? info.itemOptions : info.options)?.some((o) => o.valeur === b.value);
        if (!known) throw new Error(`template ${ctx.template.form}: "${b.value}" is not an option of ${b.path}`);
        const field: FieldSpec = multiple
          ? { name: fieldName(parts, b.value), kind: 'check', value: '', checked, multiline: false, lines: 1 }
          : { name: this.#fieldName(located), kind: 'radio', value: '', checked, export: b.value, multiline: false, lines: 1 };
        return [{ t: 'box', label: b.label ?? '', checked, field }];
      }
      case 'row':
        return [{ t: 'row', children: b.blocks.map((x) => group(this.#block(x, ctx))), widths: b.widths ?? b.blocks.map(() => 1) }];
      case 'section':
        return [{ t: 'section', title: b.title ? this.#fill(b.title, ctx) : '', children: this.#blocks(b.blocks, ctx), newPage: b.newPage ?? false }];
      case 'table': {
        const located = this.#locate(b.path, ctx, true);
        const { value } = located;
        // Empty rows to write in by hand only on blank forms; a filled document shows its rows.
        const count = Math.max(Array.isArray(value) ? value.length : 0, ctx.blank ? (b.minRows ?? 3) : 0);
        const fixed = (r: NonNullable<typeof b.before>) => r.map((line) => line.map((c) => ({ children: this.#blocks(c.blocks, ctx), span: c.span ?? 1, header: c.header ?? false })));
        const rows: DocCell[][] = fixed(b.before ?? []);
        for (let i = 0; i < count; i++) {
          const sub = this.#enter(ctx, located, i, value);
          rows.push(b.columns.map((c) => ({ children: this.#blocks(c.cell, sub), span: 1, header: false })));
        }
        return [{
          t: 'table',
          title: b.title ? this.#fill(b.title, ctx) : '',
          widths: b.columns.map((c) => c.width ?? 1),
          // A table whose columns have no header (rows under the annex's own header grid) prints no header row.
          head: b.head
            ? fixed(b.head)
            : b.columns.every((c) => c.header === '')
              ? []
              : [b.columns.map((c) => ({ children: [{ t: 'text', text: c.header, style: 'strong' }], span: 1, header: true }))],
          rows,
        }];
      }
      case 'grid': {
        const cells = (r: typeof b.rows) => r.map((line) => line.map((c) => ({ children: this.#blocks(c.blocks, ctx), span: c.span ?? 1, header: c.header ?? false })));
        return [{ t: 'table', title: b.title ?? '', widths: b.widths, head: cells(b.head ?? []), rows: cells(b.rows) }];
      }
      case 'each': {
        const located = this.#locate(b.path, ctx, true);
        const { value } = located;
        const count = Math.max(Array.isArray(value) ? value.length : 0, ctx.blank ? (b.min ?? 1) : 0);
        const out: DocNode[] = [];
        for (let i = b.start ?? 0; i < count; i++) {
          const entered = this.#enter(ctx, located, i, value);
          const title = b.title ? this.#fill(b.title, entered) : '';
          const bookmark = b.bookmark ? bookmarkIn(entered, this.#fill(b.bookmark, entered)) : null;
          const sub = bookmark === null ? entered : { ...entered, bookmark };
          out.push({ t: 'group', title, children: this.#blocks(b.blocks, sub), newPage: (b.newPage ?? false) && i > 0, bookmark });
        }
        return out;
      }
      case 'include': {
        const { parts, key, value } = this.#locate(b.path, ctx, true);
        const entered: Context = { ...ctx, template: b.template, scope: value ?? {}, parts: [...parts], scopeKey: key };
        if (b.template.horsAnnexe) ctx.extras.push({ blocks: b.template.horsAnnexe, ctx: entered });
        const bookmark = b.bookmark ? bookmarkIn(entered, this.#fill(b.bookmark, entered)) : null;
        const sub = bookmark === null ? entered : { ...entered, bookmark };
        return [{ t: 'group', title: '', children: [this.#title(sub), ...this.#blocks(b.template.blocks, sub)], newPage: b.newPage ?? false, bookmark }];
      }
      case 'when': {
        if (ctx.blank || b.when(ctx.scope, ctx.root)) return this.#blocks(b.blocks, ctx);
        if (!b.printed) return [];
        const nodes = this.#blocks(b.blocks, ctx);
        for (const field of fieldsIn(nodes)) field.expected = false;
        return nodes;
      }
      case 'stack': {
        if (!b.bookmark && !b.newPage) return [group(this.#blocks(b.blocks, ctx))];
        const bookmark = b.bookmark ? bookmarkIn(ctx, this.#fill(b.bookmark, ctx)) : null;
        const sub = bookmark === null ? ctx : { ...ctx, bookmark };
        return [{ t: 'group', title: '', children: this.#blocks(b.blocks, sub), newPage: b.newPage ?? false, bookmark }];
      }
      case 'attachment': {
        const { value } = this.#locate(b.path, ctx);
        const pages = typeof value === 'string' ? ctx.attachments.get(value) : undefined;
        if (ctx.blank || pages === undefined || pages === 0 || typeof value !== 'string') return [];
        const caption = this.#fill(b.caption, ctx);
        return [{ t: 'attachment', key: value, pages, caption, bookmark: bookmarkIn(ctx, caption) }];
      }
      case 'label': {
        const { info, parts } = this.#locate(b.path, ctx);
        if (!info.title) throw new Error(`template ${ctx.template.form}: /${parts.join('/')} has no title`);
        return [{ t: 'text', text: info.title, style: b.style ?? 'strong' }];
      }
      case 'pageBreak':
        return [{ t: 'pageBreak' }];
      case 'letterBody':
        // The letter template has already filled its texts: they are printed as they are.
        return this.#blocks(letterBlocks(b, ctx.root, ctx.blank), { ...ctx, literal: true });
    }
  }

  #field(path: string, b: { label?: string; lines?: number; options?: Array<{ value: string; label?: string }>; direction?: 'row' | 'column'; unit?: string; mark?: Mark }, ctx: Context): DocNode {
    const node = this.#plainField(path, b, ctx);
    if (b.mark && b.mark !== 'box' && (node.t === 'choice' || node.t === 'box')) return { ...node, mark: b.mark };
    return node;
  }

  #plainField(path: string, b: { label?: string; lines?: number; options?: Array<{ value: string; label?: string }>; direction?: 'row' | 'column'; unit?: string }, ctx: Context): DocNode {
    const located = this.#locate(path, ctx);
    const { parts, info, value } = located;
    const label = b.label ?? info.title ?? '';
    if (info.options && info.type !== 'array') {
      const options = pick(info.options, b.options, ctx, path).map((o) => {
        const checked = value === o.valeur;
        return { label: o.libelle, checked, field: { name: this.#fieldName(located), kind: 'radio' as const, value: '', checked, export: String(o.valeur), multiline: false, lines: 1 } };
      });
      return { t: 'choice', label, direction: b.direction ?? 'column', options };
    }
    if (info.type === 'array' && info.itemOptions) {
      const options = pick(info.itemOptions, b.options, ctx, path).map((o) => {
        const checked = Array.isArray(value) && value.includes(o.valeur);
        return { label: o.libelle, checked, field: { name: fieldName(parts, String(o.valeur)), kind: 'check' as const, value: '', checked, export: String(o.valeur), multiline: false, lines: 1 } };
      });
      return { t: 'choice', label, direction: b.direction ?? 'column', options };
    }
    if (info.type === 'boolean') {
      const checked = value === true;
      return { t: 'box', label, checked, field: { name: this.#fieldName(located), kind: 'check', value: '', checked, multiline: false, lines: 1 } };
    }
    if (info.type === 'object' || info.type === 'array') throw new Error(`template ${ctx.template.form}: ${path} is an ${info.type}, not a value`);
    const { montant, longText } = (located.kind ??= kindOf(info));
    const multiline = (b.lines ?? 1) > 1 || longText;
    const formatted = formatValue(value, info, montant);
    const lines = b.lines ?? (multiline ? 4 : 1);
    return {
      t: 'value',
      label,
      text: formatted,
      unit: b.unit ?? (montant ? '€' : ''),
      lines,
      field: { name: this.#fieldName(located), kind: 'text', value: formatted, checked: false, multiline, lines },
    };
  }

  /** Returns the absolute path, schema information and value of a template path in `ctx`. */
  #locate(path: string, ctx: Context, container = false): Located & { value: unknown } {
    const located = this.#located(path, ctx);
    const { info, parts } = located;
    if (container && info.type !== 'array' && info.type !== 'object') throw new Error(`template ${ctx.template.form}: ${path} is not an array or object`);
    const value = ctx.blank ? undefined : valueAt(ctx.root, parts);
    return { ...located, value };
  }

  /**
   * Returns where a template path leads from the context's scope, and what the schema says of it: looked up once per
   * Resolver by schema, scope and path (a mail merge resolves the same paths for every row, an extraction for every file).
   */
  #located(path: string, ctx: Context): Located {
    let byScope = this.#paths.get(ctx.schemaFile);
    if (byScope === undefined) this.#paths.set(ctx.schemaFile, (byScope = new Map<string, Map<string, Located>>()));
    const scope = path.startsWith('/') ? '' : ctx.scopeKey;
    let byPath = byScope.get(scope);
    if (byPath === undefined) byScope.set(scope, (byPath = new Map<string, Located>()));
    let located = byPath.get(path);
    if (located !== undefined) return located;
    const parts = path.startsWith('/') ? [] : [...ctx.parts];
    for (const s of path.split('/').filter(Boolean)) {
      if (s === '..') parts.pop();
      else parts.push(s);
    }
    const key = parts.join('/');
    const positions = this.#schemas.path(ctx.schemaFile, parts);
    const pos = positions[positions.length - 1];
    if (!pos) throw new Error(`template ${ctx.template.form}: no schema for /${key}`);
    located = { parts: Object.freeze(parts), key, info: this.#schemas.describe(pos), name: undefined };
    // Bounded: the scopes of a document grow with its rows.
    if (byPath.size >= 50_000) byPath.clear();
    if (byScope.size >= 50_000) byScope.clear();
    byPath.set(path, located);
    return located;
  }

  /** Returns the field name of a located value (made once per located path). */
  #fieldName(located: Located): string {
    return (located.name ??= fieldName(located.parts));
  }

  #enter(ctx: Context, located: Located, index: number, value: unknown): Context {
    const item: unknown = Array.isArray(value) ? value[index] : undefined;
    return { ...ctx, scope: item ?? {}, parts: [...located.parts, String(index)], scopeKey: `${located.key}/${index}`, numero: index + 1 };
  }

  /** Returns a text with its Handlebars expressions filled from the scope (placeholders on blank forms). */
  #fill(source: string, ctx: Context): string {
    if (ctx.literal || !source.includes('{{')) return source;
    // On a blank form every value expression prints a dotted placeholder; block helpers and @-variables still run.
    const effective = ctx.blank ? source.replace(/\{\{(?![#/^!@]|else\b)[^}]*\}\}/g, BLANK) : source;
    let compiled = this.#compiled.get(effective);
    if (!compiled) {
      compiled = this.#handlebars.compile(effective, { noEscape: true });
      this.#compiled.set(effective, compiled);
    }
    const scope = ctx.scope && typeof ctx.scope === 'object' ? (ctx.scope as Record<string, unknown>) : {};
    return compiled({ ...scope, racine: ctx.root }, { data: { numero: ctx.numero } });
  }
}

/** Where a template path leads: the data path (frozen, shared), it joined with `/`, what the schema says of it, its field name and kind once made. */
interface Located {
  parts: readonly string[];
  key: string;
  info: ValueInfo;
  name: string | undefined;
  kind?: ValueKind;
}

/** What the schema's definitions make of a value: an amount (in euros), a long text (several lines). */
interface ValueKind {
  montant: boolean;
  longText: boolean;
}

/** Returns whether a value is an amount and whether it is a long text, from the definitions it refers to and its length. */
function kindOf(info: ValueInfo): ValueKind {
  return {
    montant: info.refs.some((r) => r.endsWith('/montant')),
    longText: info.refs.some((r) => /\/(texteLong|texteObligatoire)$/.test(r)) || (info.maxLength ?? 0) > 300,
  };
}

interface Context {
  template: Template;
  /** The schema of the document being rendered (an included template's paths are absolute in it). */
  schemaFile: string;
  root: unknown;
  blank: boolean;
  /** The data the current block's relative paths start from. */
  scope: unknown;
  /** Absolute path of the scope. */
  parts: string[];
  /** The scope's path joined with `/` (the key of its located paths). */
  scopeKey: string;
  /** 1-based position of the scope in its array (`{{@numero}}` in texts). */
  numero?: number;
  /** The document's bookmarks, shared by every context of one resolution. */
  outline: OutlineEntry[];
  /** The enclosing bookmark, parent of the bookmarks made inside. */
  bookmark: number | null;
  attachments: ReadonlyMap<string, number>;
  /** Texts already filled (a letter body's): printed as they are. */
  literal?: boolean;
  /** The hors-annexe blocks of the document and of its included parts, with their contexts, printed last. */
  extras: Array<{ blocks: Block[]; ctx: Context }>;
}

/** Returns `nodes` with `inserted` after their last top-level page break (at the end when there is none). */
function afterLastPageBreak(nodes: DocNode[], inserted: DocNode): DocNode[] {
  const at = nodes.map((n) => n.t).lastIndexOf('pageBreak') + 1;
  return at === 0 ? [...nodes, inserted] : [...nodes.slice(0, at), inserted, ...nodes.slice(at)];
}

/** Returns the index of a new bookmark titled `title` under the context's enclosing bookmark. */
function bookmarkIn(ctx: Context, title: string): number {
  ctx.outline.push({ title, parent: ctx.bookmark });
  return ctx.outline.length - 1;
}

/** Returns the field specs of resolved nodes, at any depth. */
function fieldsIn(nodes: readonly DocNode[]): FieldSpec[] {
  const out: FieldSpec[] = [];
  const visit = (n: DocNode): void => {
    if ('field' in n && n.field) out.push(n.field);
    if (n.t === 'title' && n.sessionField) out.push(n.sessionField);
    if (n.t === 'choice') for (const o of n.options) out.push(o.field);
    if ('children' in n) n.children.forEach(visit);
    if (n.t === 'table') for (const r of [...n.head, ...n.rows]) for (const c of r) c.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

function group(nodes: DocNode[]): DocNode {
  return nodes.length === 1 && nodes[0] ? nodes[0] : { t: 'group', title: '', children: nodes, newPage: false, bookmark: null };
}

function pick(all: Array<{ valeur: unknown; libelle: string }>, chosen: Array<{ value: string; label?: string }> | undefined, ctx: Context, path: string) {
  if (!chosen) return all;
  return chosen.map((c) => {
    const o = all.find((x) => x.valeur === c.value);
    if (!o) throw new Error(`template ${ctx.template.form}: "${c.value}" is not an option of ${path}`);
    return { valeur: o.valeur, libelle: c.label ?? o.libelle };
  });
}

function formatValue(value: unknown, info: ValueInfo, montant: boolean): string {
  if (value === undefined || value === null) return '';
  // Integers (years, counts, fiche numbers) are written as is; amounts and decimals the French way.
  if (typeof value === 'number') return montant ? formatAmount(value) : info.type === 'integer' ? String(value) : formatNumber(value);
  if (typeof value === 'string') return info.format === 'date' ? formatFrenchDate(value) : value;
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  return JSON.stringify(value);
}

