/**
 * The template language: a form's printed layout as data. A template lists blocks in the annex's order; each
 * block names data by a JSON-pointer-like path relative to its scope (the document, or the current row of an
 * `each` / `table`). Labels, options and value types come from the form's JSON Schema unless a block overrides
 * them, so a template says where things go, not what they are.
 *
 * Path syntax: segments separated by `/`, without a leading slash (`candidat/nom`); `''` is the scope itself;
 * a leading `/` makes the path absolute from the document root (`/session`); `..` goes up one level
 * (`../numero` in a fiche client included in a fiche d'activité is the fiche's number).
 *
 * A value may appear in several places (the fiche number in a fiche and in its fiche client): in a fillable PDF
 * these are widgets of one field, so they always show the same value.
 */
import { valueAt } from '../core/pointer.ts';

/**
 * Visual weight of a static text. `point`: a point of a graph, the text (« X ») centred in its cell; the points of a
 * page are joined by lines from left to right (the livret's « relier les points afin de créer un profil »).
 */
export type TextStyle = 'normal' | 'note' | 'strong' | 'center' | 'small' | 'point';

/** A static text of the annex (instructions, legends) or a Handlebars template filled from the scope's data. */
export interface TextBlock {
  kind: 'text';
  /**
   * The text; `{{…}}` expressions are Handlebars, evaluated against the scope. Helpers: `date` (JJ/MM/AAAA),
   * `dateLongue` (« jeudi 19 novembre 2026 »), `montant`, `nombre`, `majuscules`, `ou` (value or fallback),
   * `egal` (`{{#if (egal civilite "monsieur")}}`); `@numero` is the 1-based position in an `each` / `table`.
   */
  text: string;
  style?: TextStyle;
}

/** A section title, printed like the annex's capitalised headings. */
export interface HeadingBlock {
  kind: 'heading';
  text: string;
  /** 1: a framed band; 2: a bold line. */
  level?: 1 | 2;
}

/** Options a field block accepts. */
export interface FieldOptions {
  /** Printed label; defaults to the schema `title`. `''` prints no label. */
  label?: string;
  /** For text values: minimum height in lines; more than 1 makes a framed multi-line box. */
  lines?: number;
  /** For choices: the options to print, in this order, with their printed labels (defaults to the schema's). */
  options?: Array<{ value: string; label?: string }>;
  /** For choices: boxes side by side (`row`) or one per line (`column`, the default). */
  direction?: 'row' | 'column';
  /** A unit printed after the value ("€", "%", "jours"). */
  unit?: string;
  /**
   * How a choice or a yes/no value is printed: boxes ☐/☒ (the default); `circle`, the options printed as words
   * and the chosen one circled (the annex's « entourer »); `text`, a choice printed as a one-line value (the annex's
   * « type d’organisme : …… »); `signature`, a yes/no value printed as a place to sign.
   * The fillable PDF keeps its widgets whatever the mark.
   */
  mark?: Mark;
}

/** How a choice or yes/no value is printed (see FieldOptions.mark). */
export type Mark = 'box' | 'circle' | 'text' | 'signature';

/** A value of the data: text, number, date, yes/no box, one-of-n boxes or several boxes, per its schema. */
export interface FieldBlock extends FieldOptions {
  kind: 'field';
  path: string;
}

/** One box of a choice, placed on its own (in a grid cell, typically): ticked when the value equals `value`. */
export interface OptionBlock {
  kind: 'option';
  path: string;
  value: string;
  /** Printed next to the box; none by default (the grid's header says what the column means). */
  label?: string;
}

/** Blocks placed side by side; `widths` are relative (default: equal). */
export interface RowBlock {
  kind: 'row';
  blocks: Block[];
  widths?: number[];
}

/** A titled, framed part of the form. */
export interface SectionBlock {
  kind: 'section';
  title?: string;
  blocks: Block[];
  /** Start the section on a new page. */
  newPage?: boolean;
}

/** A table column: its header and what each cell holds. */
export interface Column {
  header: string;
  /** Relative width (default 1). */
  width?: number;
  /** The blocks of each cell, relative to the row's scope. */
  cell: Block[];
}

/** A table with one row per element of an array (`path`); a blank form shows `minRows` empty rows (default 3). */
export interface TableBlock {
  kind: 'table';
  path: string;
  columns: Column[];
  minRows?: number;
  /** Label printed above the table (defaults to nothing). */
  title?: string;
  /** Header rows written out by the template, instead of one row of the columns' headers (repeated on every page). */
  head?: GridCell[][];
  /** Fixed rows printed between the header and the rows of the data (the annex's instructions inside its table). */
  before?: GridCell[][];
}

/** A cell of a fixed grid. */
export interface GridCell {
  blocks: Block[];
  /** How many columns the cell spans. */
  span?: number;
  /** Shade the cell like a header. */
  header?: boolean;
}

/** A table whose rows are written out by the template (evaluation grids, fixed lists). */
export interface GridBlock {
  kind: 'grid';
  /** Relative column widths; the number of columns. */
  widths: number[];
  /** Header rows (repeated on every page the grid spans). */
  head?: GridCell[][];
  rows: GridCell[][];
  title?: string;
}

/** The same blocks for every element of an array, at least `min` times (on blank forms too). */
export interface EachBlock {
  kind: 'each';
  path: string;
  blocks: Block[];
  /** A Handlebars title for each element (`Fiche n° {{numero}}`); `@numero` is the 1-based position. */
  title?: string;
  min?: number;
  /** The index of the first element printed (the elements before are printed elsewhere by the template); default 0. */
  start?: number;
  /** Start every element on a new page. */
  newPage?: boolean;
  /** A Handlebars title: every element gets a PDF bookmark (nested under the enclosing bookmark). */
  bookmark?: string;
}

/** Another form's template rendered at `path` (a fiche client inside a fiche d'activité, the dossier's parts). */
export interface IncludeBlock {
  kind: 'include';
  template: Template;
  path: string;
  newPage?: boolean;
  /** A Handlebars title (filled at `path`): the included part gets a PDF bookmark. */
  bookmark?: string;
}

/**
 * Blocks shown only when `when` holds for the scope's data (e.g. a part that exists only for some statuses). With
 * `printed`, the blocks are printed whatever the data (the annex prints them for every candidate) and `when` only
 * says whether their values are expected: otherwise their places are left blank on purpose, and reading the PDF
 * back does not report them as unread (the attestation sur l'honneur on an apprentice's page de garde).
 */
export interface WhenBlock {
  kind: 'when';
  when: (scope: unknown, root: unknown) => boolean;
  blocks: Block[];
  printed?: boolean;
}

/** The printed label (schema `title`) of the value at `path`, as a static text: for a grid's row headers. */
export interface LabelBlock {
  kind: 'label';
  path: string;
  style?: TextStyle;
}

/** Blocks one under the other, as one block (a row cell holding several blocks), without a frame. */
export interface StackBlock {
  kind: 'stack';
  blocks: Block[];
  newPage?: boolean;
  /** A PDF bookmark for the whole stack; bookmarks inside it nest under it. */
  bookmark?: string;
}

/**
 * The pages of a document file named by the string at `path` (a scanned attestation), inserted in place when
 * the renderer is given that file; otherwise nothing is printed (the value itself shows where a field says so).
 * Each page gets a PDF bookmark and the `caption` (Handlebars) at its top.
 */
export interface AttachmentBlock {
  kind: 'attachment';
  path: string;
  caption: string;
}

/** Forces a page break. */
export interface PageBreakBlock {
  kind: 'pageBreak';
}

/**
 * The body of a letter: a Handlebars template a school may replace (templates/letters/<name>.hbs, or `source`
 * when the school gives its own), run on the whole document's data and laid out as text, headings, tables and
 * page breaks (src/letters/).
 */
export interface LetterBodyBlock {
  kind: 'letterBody';
  /** The standard template, templates/letters/<name>.hbs. */
  name: string;
  /** A school's own template, checked beforehand, used instead of the standard one. */
  source?: string;
}

export type Block =
  | TextBlock
  | HeadingBlock
  | FieldBlock
  | OptionBlock
  | RowBlock
  | SectionBlock
  | TableBlock
  | GridBlock
  | EachBlock
  | IncludeBlock
  | WhenBlock
  | LabelBlock
  | StackBlock
  | AttachmentBlock
  | PageBreakBlock
  | LetterBodyBlock;

/** A form's printed layout. */
export interface Template {
  /** The form id (registry) whose schema describes the data. */
  form: string;
  /** The annex number as printed ("ANNEXE V"), if the form reproduces one. */
  annexe?: string;
  /** The title as printed after the annex number ("Fiche d'activité E32"). */
  title: string;
  /** Absolute path of the session year printed after the title ("Session 2019"), e.g. `/session`. */
  session?: string;
  /** Who the document is about, printed at the foot of every page (the candidate's name…). */
  person?: (data: unknown) => string;
  /** The metadata author: the établissement, else the candidate. */
  author?: (data: unknown) => string;
  landscape?: boolean;
  /**
   * Paperasse's own page, printed last under « Informations complémentaires — hors annexe »: the values the form
   * needs beyond what the annex prints (its fillable fields are there too). Included in another template (the
   * dossier), the part's hors-annexe page goes to that document's last page; the dossier's copies leave it out.
   */
  horsAnnexe?: Block[];
  /** A letter: its letterhead comes first; the title band heads the sheet after its last page break (its recap). */
  letter?: boolean;
  blocks: Block[];
}

/** Returns a static text block. */
export function text(value: string, style?: TextStyle): TextBlock {
  return style ? { kind: 'text', text: value, style } : { kind: 'text', text: value };
}

/** Returns a heading block. */
export function heading(value: string, level: 1 | 2 = 1): HeadingBlock {
  return { kind: 'heading', text: value, level };
}

/** Returns a field block for the value at `path`. */
export function field(path: string, options: FieldOptions = {}): FieldBlock {
  return { kind: 'field', path, ...options };
}

/** Returns a lone box of a choice (ticked when the value at `path` is `value`, or contains it). */
export function option(path: string, value: string, label?: string): OptionBlock {
  return label === undefined ? { kind: 'option', path, value } : { kind: 'option', path, value, label };
}

/** The title of the hors-annexe page (see Template.horsAnnexe). */
export const HORS_ANNEXE_TITLE = 'Informations complémentaires — hors annexe';

/** Returns blocks side by side. */
export function row(blocks: Block[], widths?: number[]): RowBlock {
  return widths ? { kind: 'row', blocks, widths } : { kind: 'row', blocks };
}

/** Returns a framed section. */
export function section(title: string | undefined, blocks: Block[], options: { newPage?: boolean } = {}): SectionBlock {
  return title === undefined ? { kind: 'section', blocks, ...options } : { kind: 'section', title, blocks, ...options };
}

/** Returns a table over the array at `path`. */
export function table(path: string, columns: Column[], options: { minRows?: number; title?: string; head?: GridCell[][]; before?: GridCell[][] } = {}): TableBlock {
  return { kind: 'table', path, columns, ...options };
}

/** Returns a column whose cells hold `content` (a path string is shorthand for a label-less field). */
export function column(header: string, content: string | Block[], width?: number): Column {
  const blocks = typeof content === 'string' ? [field(content, { label: '' })] : content;
  return width === undefined ? { header, cell: blocks } : { header, cell: blocks, width };
}

/** Returns a grid cell (a string is shorthand for a static text). */
export function cell(content: string | Block | Block[], options: { span?: number; header?: boolean } = {}): GridCell {
  const blocks = typeof content === 'string' ? [text(content)] : Array.isArray(content) ? content : [content];
  return { blocks, ...options };
}

/** Returns a fixed grid. */
export function grid(widths: number[], rows: GridCell[][], options: { head?: GridCell[][]; title?: string } = {}): GridBlock {
  return { kind: 'grid', widths, rows, ...options };
}

/** Returns blocks repeated for every element of the array at `path`. */
export function each(path: string, blocks: Block[], options: { title?: string; min?: number; start?: number; newPage?: boolean; bookmark?: string } = {}): EachBlock {
  return { kind: 'each', path, blocks, ...options };
}

/** Returns another template rendered at `path`. */
export function include(template: Template, path: string, options: { newPage?: boolean; bookmark?: string } = {}): IncludeBlock {
  return { kind: 'include', template, path, ...options };
}

/** Returns blocks shown only when `test` holds. */
export function when(test: (scope: unknown, root: unknown) => boolean, blocks: Block[]): WhenBlock {
  return { kind: 'when', when: test, blocks };
}

/** Returns blocks always printed whose values are expected only when `test` holds (see WhenBlock.printed). */
export function expectedWhen(test: (scope: unknown, root: unknown) => boolean, blocks: Block[]): WhenBlock {
  return { kind: 'when', when: test, blocks, printed: true };
}

/** Returns the schema's label of the value at `path`, printed as a static text. */
export function labelOf(path: string, style: TextStyle = 'strong'): LabelBlock {
  return { kind: 'label', path, style };
}

/** Returns blocks stacked one under the other as a single block. */
export function stack(blocks: Block[], options: { newPage?: boolean; bookmark?: string } = {}): StackBlock {
  return { kind: 'stack', blocks, ...options };
}

/** Returns the pages of the document file named at `path`, inserted in place (see AttachmentBlock). */
export function attachment(path: string, caption: string): AttachmentBlock {
  return { kind: 'attachment', path, caption };
}

/** Returns a page break. */
export function pageBreak(): PageBreakBlock {
  return { kind: 'pageBreak' };
}

/** Returns the body of a letter, written by the template templates/letters/<name>.hbs. */
export function letterBody(name: string): LetterBodyBlock {
  return { kind: 'letterBody', name };
}

/** Returns "Prénom NOM" of a `{nom, prenom}` object at `path` of `data` (its first names under `firstKey`), or ''. */
export function personName(data: unknown, path: string, firstKey = 'prenom'): string {
  const v = valueAt(data, path.split('/').filter(Boolean));
  if (!v || typeof v !== 'object') return '';
  const p = v as Record<string, unknown>;
  const first = typeof p[firstKey] === 'string' ? p[firstKey] : '';
  const last = typeof p.nom === 'string' ? p.nom.toLocaleUpperCase('fr-FR') : '';
  return [first, last].filter(Boolean).join(' ');
}

/** Returns the établissement's name (`/etablissement/nom`) when the data has one, else the candidate's name. */
export function establishmentOrCandidate(data: unknown): string {
  const name = valueAt(data, ['etablissement', 'nom']);
  return typeof name === 'string' && name !== '' ? name : personName(data, 'candidat');
}

/**
 * Returns the template of a BTS Assurance candidate's document: « Session » read at `/session`, the candidate
 * (`/candidat`) named at the foot of every page, and as metadata author the établissement, else the candidate.
 */
export function candidateTemplate(t: Pick<Template, 'form' | 'annexe' | 'title' | 'blocks' | 'landscape' | 'horsAnnexe'> & { noSession?: boolean }): Template {
  const { noSession, ...rest } = t;
  return { ...rest, ...(noSession ? {} : { session: '/session' }), person: (d) => personName(d, 'candidat'), author: establishmentOrCandidate };
}
