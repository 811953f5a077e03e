/**
 * The sandbox task that reads a returned PDF back into a form's data (call `extractPdf` instead of `run`).
 *
 * 1. Structure: the probe's checks (skeleton, guarded parse, page, field and attachment trees).
 * 2. The form: from the attached `paperasse.json`, else from the field names, else from the first page's title line.
 * 3. The data, from the first source that has it: the AcroForm fields (`champs`), the attached data
 *    (`donnees-integrees`), the text layer (`texte`); then validation, and the values changed since Paperasse
 *    generated the PDF. Without fields the page is the document: the attached data stands for it only when the
 *    text layer confirms it (no value read differs, none is unreadable); otherwise the page's values are kept,
 *    with a warning. Text that is not real characters (a font without a Unicode map) is never a value.
 * 4. The signatures, from the original bytes.
 */
import { failure, success, type Issue, type Result } from '../core/issues.ts';
import { isJsonObject } from '../core/json.ts';
import { segments, toPointer, valueAt } from '../core/pointer.ts';
import type { FormParameters } from '../core/forms.ts';
import type { SchemaCatalog } from '../core/schemas.ts';
import { Labels, Validator, type ValidationResult } from '../core/validation.ts';
import type { FormDefinition } from '../layout/form.ts';
import { Resolver, type FieldSpec, type ResolvedDocument } from '../render/model.ts';
import type { EmbeddedData } from '../render/pdf-finish.ts';
import { ALTERED, readEmbeddedData, type EmbeddedReading } from './embedded.ts';
import { fieldsOf, formByFieldNames, formByTitle, letterByTitle } from './identify.ts';
import type { ExtractLimits } from './limits.ts';
import { readFormFields, type PdfFieldValue } from './pdf-fields.ts';
import { activeContentIssues } from '../pdf/active.ts';
import { openPdf, type OpenedPdf } from '../pdf/open.ts';
import { modificationsBetween, rebuildData, type Reading } from './rebuild.ts';
import { readSignatures } from './signatures.ts';
import { hasUnreadableText, TextLayer } from './text-layer.ts';
import { readText, type TextReadings } from './text-parse.ts';
import type { Extraction, ExtractionSource, Modification } from './types.ts';
import { FormSchema, optionValue } from './values.ts';
import { siblingModule } from '../core/paths.ts';

/** The input of the extraction task. */
export interface ExtractInput {
  bytes: Uint8Array;
  name: string;
  limits: ExtractLimits;
  /** URL of the registry module giving the forms and schemas (exports `FORMS` and `schemaCatalog()`); default: `DEFAULT_REGISTRY`. */
  registry?: string;
  /** Today's date (AAAA-MM-JJ) for the date rules, from the caller's clock; default: the validator's own (Europe/Paris). */
  today?: string;
  /** The validation's parameters (a formation calendar…), plain data copied to the worker; default: none. */
  parametres?: FormParameters;
}

/** The built-in registry (`src/forms/registry.ts`), loaded by URL so that a caller may give its own. */
export const DEFAULT_REGISTRY = siblingModule(import.meta.url, '../forms/registry').href;

/** What a registry module exports. */
interface RegistryModule {
  FORMS: readonly FormDefinition[];
  schemaCatalog(): SchemaCatalog;
}

/** Code of a field Paperasse expected that could not be read (absent from the PDF, or not found in its text). */
export const UNREAD = 'CHAMP_NON_LU';
/** Code of data made for another version of the form that no longer validates. */
export const OTHER_VERSION = 'VERSION_FORMULAIRE_DIFFERENTE';
/** Code of attached data the page of a PDF without fields does not confirm (the page's values are kept). */
export const UNCONFIRMED = 'DONNEES_INTEGREES_NON_CONFIRMEES';

/** What every extraction in this worker shares: schemas, validator, resolver, blank documents (resolved when first needed). */
class Library {
  readonly forms: readonly FormDefinition[];
  readonly schemas: SchemaCatalog;
  readonly validator: Validator;
  readonly resolver: Resolver;
  readonly #blanks = new Map<FormDefinition, ResolvedDocument>();
  readonly #formSchemas = new Map<string, FormSchema>();

  constructor(registry: RegistryModule) {
    this.forms = registry.FORMS;
    this.schemas = registry.schemaCatalog();
    this.validator = new Validator(this.schemas);
    this.resolver = new Resolver(this.schemas);
  }

  /** Returns the blank resolved document of every registered form. */
  blanks(): Map<FormDefinition, ResolvedDocument> {
    for (const form of this.forms) this.blank(form);
    return this.#blanks;
  }

  /** Returns what the schema of a form says of its values (its lookups kept from one file to the next). */
  schema(formId: string): FormSchema {
    let schema = this.#formSchemas.get(formId);
    if (schema === undefined) this.#formSchemas.set(formId, (schema = new FormSchema(this.schemas, formId)));
    return schema;
  }

  /** Returns the blank resolved document of one form. */
  blank(form: FormDefinition): ResolvedDocument {
    let doc = this.#blanks.get(form);
    if (doc === undefined) this.#blanks.set(form, (doc = this.resolver.resolve(form.template, undefined)));
    return doc;
  }
}

/** The library of each registry module this worker was given, built when first needed. */
const libraries = new Map<string, Promise<Library>>();

/** Returns the library of the registry module at `url`. */
function libraryOf(url: string): Promise<Library> {
  let library = libraries.get(url);
  if (library === undefined) libraries.set(url, (library = import(url).then((m: RegistryModule) => new Library(m))));
  return library;
}

/** Everything one extraction works with. */
interface Job {
  name: string;
  opened: OpenedPdf;
  embedded: EmbeddedReading;
  fields: Map<string, PdfFieldValue>;
  text: TextLayer;
  lib: Library;
  /** Today's date for the date rules, when the caller gave one. */
  today: string | undefined;
  /** The options of every validation of this job: today's date and the caller's parameters. */
  validation: { today: string | undefined; parametres?: FormParameters };
}

/** The form, and the attached data when it is intact and made for that form. */
interface Identified {
  form: FormDefinition;
  original: EmbeddedData | undefined;
}

/** What one source gives before the signatures are added. */
interface SourceOutcome {
  source: ExtractionSource;
  data: unknown;
  /** Errors found while reading (unread fields, altered attachment), added to the validation's. */
  issues: Issue[];
  modifications: Modification[];
  /** What the reading found that does not make the data invalid (attached data the page does not confirm). */
  warnings: Issue[];
}

/** Returns the extraction of a PDF (the sandbox task). */
export async function run(input: ExtractInput): Promise<Result<Extraction>> {
  const { bytes, name, limits } = input;
  const opened = await openPdf(bytes, name, limits);
  if (!opened.ok) return opened;
  const embedded = readEmbeddedData(opened.valeur.doc, opened.valeur.catalog, name, limits);
  if (!embedded.ok) return embedded;
  const job: Job = {
    name,
    opened: opened.valeur,
    embedded: embedded.valeur,
    fields: readFormFields(opened.valeur.fields),
    text: new TextLayer(bytes, opened.valeur.doc, name, limits),
    lib: await libraryOf(input.registry ?? DEFAULT_REGISTRY),
    today: input.today,
    validation: { today: input.today, ...(input.parametres === undefined ? {} : { parametres: input.parametres }) },
  };
  try {
    const identified = await identify(job);
    if (!identified.ok) return identified;
    const outcome = await readData(job, identified.valeur);
    if (!outcome.ok) return outcome;
    return success(finish(job, identified.valeur, outcome.valeur, await readSignatures(bytes, { document: opened.valeur.doc, fields: opened.valeur.fields, pages: opened.valeur.pages, name, limits })));
  } finally {
    await job.text.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Which form.

/** Returns the form of the PDF, or FORMULAIRE_INCONNU. */
async function identify(job: Job): Promise<Result<Identified>> {
  const embedded = job.embedded.etat === 'intact' ? job.embedded.data : undefined;
  const declared = job.lib.forms.find((f) => f.id === embedded?.formulaire);
  if (declared !== undefined) return success({ form: declared, original: embedded });
  const byNames = job.fields.size === 0 ? undefined : formByFieldNames([...job.fields.keys()], job.lib.blanks());
  if (byNames !== undefined) return success({ form: byNames, original: undefined });
  // A page pdf.js cannot read only leaves the form unknown; a page refused as unsafe refuses the file.
  const firstPage = await job.text.lines(1);
  if (!firstPage.ok && job.text.refused(firstPage.erreur)) return firstPage;
  const byTitle = firstPage.ok ? formByTitle(firstPage.valeur, job.lib.forms) : undefined;
  if (byTitle !== undefined) return success({ form: byTitle, original: undefined });
  // A letter starts with its letterhead: its title band heads the recap sheet after it.
  const pages = firstPage.ok ? await job.text.lines(job.opened.probe.pages) : undefined;
  if (pages !== undefined && !pages.ok && job.text.refused(pages.erreur)) return pages;
  const byLetterTitle = pages?.ok ? letterByTitle(pages.valeur, job.lib.forms) : undefined;
  if (byLetterTitle !== undefined) return success({ form: byLetterTitle, original: undefined });
  return failure(
    'FORMULAIRE_INCONNU',
    job.name,
    `${job.name} n’est pas un PDF produit par Paperasse (il ne contient pas ses données jointes) et aucun formulaire connu n’y a été reconnu, ni par ses champs ni par son titre`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The data.

/** Returns the data from the first source that has it: fields, attached data, text layer. */
async function readData(job: Job, identified: Identified): Promise<Result<SourceOutcome>> {
  const schema = job.lib.schema(identified.form.id);
  const readings = fieldReadings(job.fields, schema);
  const altered = job.embedded.etat === 'altere' ? [job.embedded.issue] : [];
  if (readings.length > 0) return success(fromFields(job, identified, schema, readings, altered));
  const text = await fromText(job, identified, schema);
  if (!text.ok) return text;
  if (identified.original === undefined) return success({ ...text.valeur, issues: [...altered, ...text.valeur.issues] });
  // Without fields the page is the document: the attached data stands for it only when the page confirms it.
  if (text.valeur.contradictions === 0 && text.valeur.unconfirmed === 0 && !text.valeur.lostText) {
    // A blank's attached data is null: an empty form, whose missing values validation lists one by one.
    return success({ source: 'donnees-integrees', data: identified.original.donnees ?? {}, issues: [], modifications: [], warnings: [] });
  }
  return success({ ...text.valeur, warnings: [unconfirmed(job.name, text.valeur)] });
}

/** Returns the warning of attached data that the page contradicts, or whose values the page shows unreadably. */
function unconfirmed(name: string, text: PageReading): Issue {
  const why = [
    text.contradictions > 0 ? `${text.contradictions} valeur(s) imprimée(s) sur la page diffère(nt) des données jointes` : '',
    text.unconfirmed > 0 ? `${text.unconfirmed} valeur(s) imprimée(s) sur la page ne se relise(nt) pas` : '',
    text.lostText ? 'une partie du texte de la page ne se relit pas : il a été perdu à l’impression' : '',
  ].filter(Boolean);
  return {
    code: UNCONFIRMED,
    chemin: name,
    message: `${name} n’a plus de champs et sa page ne confirme pas les données que Paperasse y avait jointes (${why.join(' ; ')}) : ces données datent d’avant la saisie et sont ignorées ; les valeurs lues sur la page sont retenues`,
  };
}

/** Returns the readings of the PDF fields that are values of the form (other fields are ignored). */
function fieldReadings(fields: ReadonlyMap<string, PdfFieldValue>, schema: FormSchema): Reading[] {
  const readings: Reading[] = [];
  for (const [name, value] of fields) {
    const reading = readingOf(name.split('.'), value, schema);
    if (reading !== undefined) readings.push(reading);
  }
  return readings;
}

/** Returns what a field holds for the form's schema: a text, a single choice, a yes/no box or one option of a multiple choice. */
function readingOf(parts: string[], value: PdfFieldValue, schema: FormSchema): Reading | undefined {
  const own = schema.describe(parts);
  if (value.kind === 'text') return own !== undefined && own.type !== 'object' && own.type !== 'array' ? { kind: 'text', parts, text: value.value } : undefined;
  if (value.kind === 'radio') return own?.options !== undefined ? { kind: 'choice', parts, value: value.value } : undefined;
  if (own?.type === 'boolean') return { kind: 'box', parts, checked: value.checked };
  const list = parts.slice(0, -1);
  const option = parts[parts.length - 1] ?? '';
  const options = schema.describe(list)?.itemOptions;
  return options?.some((o) => String(o.valeur) === option) ? { kind: 'option', parts: list, option, checked: value.checked } : undefined;
}

/** Returns the data read from the fields, the expected fields missing from the PDF, and the changes since generation. */
function fromFields(job: Job, identified: Identified, schema: FormSchema, readings: Reading[], altered: Issue[]): SourceOutcome {
  const original = identified.original?.donnees ?? null;
  const data = rebuildData(readings, { schema, original });
  const expected = identified.original === undefined ? [] : createdFieldNames(job, identified.form, identified.original);
  const missing = [...new Set(expected)].filter((n) => !job.fields.has(n));
  const labels = new Labels(job.lib.schemas, `${identified.form.id}.schema.json`, data);
  const issues = [...altered, ...missing.map((n) => absentField(job.name, n, schema, labels))];
  const computed = identified.form.computations.map((c) => c.path);
  const modifications = identified.original === undefined ? [] : modificationsBetween(original, data, computed);
  return { source: 'champs', data, issues, modifications, warnings: [] };
}

/** Most names a `paperasse.json` field list may hold to be used (a longer one is ignored: the form is laid out again). */
const MAX_RECORDED_FIELDS = 10_000;

/**
 * Returns the names of the fields Paperasse created in the PDF: the list its attached data records (written since
 * the list exists), else the fields of the form laid out again for the attached data.
 */
function createdFieldNames(job: Job, form: FormDefinition, original: EmbeddedData): readonly string[] {
  const recorded: unknown = original.champs;
  if (Array.isArray(recorded) && recorded.length <= MAX_RECORDED_FIELDS && recorded.every((n) => typeof n === 'string')) return recorded;
  const blank = original.donnees === null || original.donnees === undefined;
  return fieldsOf(blank ? job.lib.blank(form) : job.lib.resolver.resolve(form.template, original.donnees)).map((f) => f.name);
}

/** Returns the error of a field Paperasse created that the returned PDF no longer has. */
function absentField(name: string, fieldName: string, schema: FormSchema, labels: Labels): Issue {
  const chemin = toPointer(pointerParts(fieldName, schema));
  return { code: UNREAD, chemin, message: labels.prefix(chemin, `: le champ « ${fieldName} » a disparu de ${name} ; sa valeur n’a pas pu être lue`) };
}

/** The text layer's reading, and how it compares with the attached data when there is some. */
interface PageReading extends SourceOutcome {
  /** Values the page shows differently from the attached data (a value, an empty place, an unreadable value where the data has none). */
  contradictions: number;
  /** Values the page shows unreadably where the attached data has one: they cannot confirm it. */
  unconfirmed: number;
  /** Some text of the pages does not decode to real characters: what was not read cannot be checked either. */
  lostText: boolean;
}

/**
 * Returns the data read from the text layer, with one error per field (or table) that could not be read; with
 * attached data, the values read that differ from it (modifications) and the values it cannot be checked against.
 */
async function fromText(job: Job, identified: Identified, schema: FormSchema): Promise<Result<PageReading>> {
  const { form } = identified;
  const lines = await job.text.lines(job.opened.probe.pages);
  if (!lines.ok) return lines;
  const blank = job.lib.blank(form);
  const read = readText(lines.valeur, blank, schema);
  const original = identified.original === undefined ? null : (job.lib.validator.validate(form, identified.original.donnees, job.validation).donnees ?? identified.original.donnees);
  const data = rebuildData(read.readings, { schema, original });
  const lostText = hasUnreadableText(lines.valeur);
  const issues = unreadFields(job, form, blank, data, read, schema, { lostText, withData: identified.original !== undefined });
  if (identified.original === undefined) return success({ source: 'texte', data, issues, modifications: [], warnings: [], contradictions: 0, unconfirmed: 0, lostText });
  const readPaths = [...read.read].map((key) => toPointer(key.split('/')));
  const computed = form.computations.map((c) => c.path);
  const modifications = modificationsBetween(original, data, computed).filter((m) => readPaths.some((p) => m.chemin === p || m.chemin.startsWith(`${p}/`)));
  const unreadable = [...read.unreadable].map((key) => key.split('/'));
  const emptyInData = unreadable.filter((parts) => isEmptyValue(valueAt(original, parts))).length;
  return success({
    source: 'texte',
    data,
    issues,
    modifications,
    warnings: [],
    contradictions: modifications.length + emptyInData,
    unconfirmed: unreadable.length - emptyInData,
    lostText,
  });
}

/** Returns whether a value of the data is absent or empty (nothing printed for it). */
function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** What the unread messages say about the PDF. */
interface UnreadContext {
  /** Some text of the PDF does not decode to real characters. */
  lostText: boolean;
  /** The PDF carries attached data (which the page did not confirm). */
  withData: boolean;
}

/** Advice given when a PDF's text was lost by printing it. */
const LOST_TEXT =
  'le PDF a été imprimé (« Imprimer en PDF » ou un outil comme Ghostscript) d’une façon qui a perdu son texte : demandez le PDF rempli lui-même, enregistré depuis le lecteur de PDF (« Enregistrer » et non « Imprimer »), ou saisissez cette valeur à nouveau';

/**
 * Returns one CHAMP_NON_LU per field not read from the text, among the fields the form can print given what was
 * read: a part shown only for some answers counts unless the answers read hide it (every value of an answer not
 * read is tried); a table or repeated block counts once. A value printed in characters that are not text says so.
 */
function unreadFields(job: Job, form: FormDefinition, blank: ResolvedDocument, data: unknown, read: TextReadings, schema: FormSchema, ctx: UnreadContext): Issue[] {
  const unread = new Set<string>();
  for (const field of shownFields(job, form, blank, data, read.read, schema)) {
    // A place the form prints but leaves blank for this data (another status's attestation) has nothing to read.
    if (field.expected === false) continue;
    const parts = rowOf(pointerParts(field.name, schema), schema);
    if (!read.read.has(parts.join('/'))) unread.add(toPointer(parts));
  }
  const unreadable = new Set([...read.unreadable].map((key) => toPointer(key.split('/'))));
  const labels = new Labels(job.lib.schemas, `${form.id}.schema.json`, data);
  const state = ctx.withData ? 'le PDF n’a plus de champs et sa page ne confirme pas ses données jointes' : 'le PDF n’a plus ni champs ni données jointes';
  return [...unread].map((chemin) => ({
    code: UNREAD,
    chemin,
    message: unreadable.has(chemin)
      ? labels.prefix(chemin, `est imprimé dans ${job.name} en caractères qui ne sont pas du texte (police sans table Unicode), sa valeur n’a pas pu être lue : ${LOST_TEXT}`)
      : ctx.lostText
        ? labels.prefix(chemin, `n’a pas pu être relu dans le texte de ${job.name} (${state}) ; une partie de son texte est illisible : ${LOST_TEXT}`)
        : labels.prefix(chemin, `n’a pas pu être relu dans le texte de ${job.name} (${state}) : saisissez cette valeur à nouveau`),
  }));
}

/** Most variants of the data resolved to find the fields a form can print. */
const MAX_VARIANTS = 400;

/**
 * Returns the fields the form prints for the data read, its blank rows kept, and for each value of each choice or
 * box not read (outside rows): the parts shown only for some answers count unless an answer read hides them.
 */
function shownFields(job: Job, form: FormDefinition, blank: ResolvedDocument, data: unknown, read: Set<string>, schema: FormSchema): FieldSpec[] {
  const blankFields = fieldsOf(blank);
  const shape = skeleton(blankFields.map((f) => pointerParts(f.name, schema)));
  const variants: unknown[] = [data];
  for (const field of blankFields) {
    const parts = pointerParts(field.name, schema);
    if (read.has(parts.join('/')) || rowOf(parts, schema).length !== parts.length || variants.length >= MAX_VARIANTS) continue;
    if (field.kind === 'radio') variants.push(merge(data, valueIn(parts, optionValue(field.export ?? '', schema.describe(parts)?.options))));
    else if (field.kind === 'check' && schema.describe(parts)?.type === 'boolean') variants.push(merge(data, valueIn(parts, true)));
  }
  return variants.flatMap((variant) => fieldsOf(job.lib.resolver.resolve(form.template, merge(shape, variant))));
}

/** Returns an object holding only `value` at `parts`. */
function valueIn(parts: readonly string[], value: unknown): unknown {
  return parts.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** Returns the data path of a field: its name's segments, less the option of a multiple choice's box. */
function pointerParts(fieldName: string, schema: FormSchema): string[] {
  const parts = fieldName.split('.');
  const list = parts.slice(0, -1);
  const isOption = schema.describe(parts) === undefined && schema.describe(list)?.itemOptions !== undefined;
  return isOption ? list : parts;
}

/** Returns the path of the array row list a value belongs to (the value's own path when it is in no array). */
function rowOf(parts: string[], schema: FormSchema): string[] {
  for (let i = 1; i < parts.length; i++) if (schema.describe(parts.slice(0, i))?.type === 'array') return parts.slice(0, i);
  return parts;
}

/** Returns the objects and arrays holding the given paths (no values): the shape of a blank form's rows and groups. */
function skeleton(paths: readonly string[][]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const parts of paths) {
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i] ?? '';
      const isIndex = /^\d+$/.test(parts[i + 1] ?? '');
      const existing: unknown = Array.isArray(node) ? node[Number(key)] : node[key];
      const next = existing !== null && typeof existing === 'object' ? existing : isIndex ? [] : {};
      if (Array.isArray(node)) node[Number(key)] = next;
      else node[key] = next;
      node = next as Record<string, unknown> | unknown[];
    }
    // A row of a list of values (no object) still counts as a row.
    const last = parts[parts.length - 1] ?? '';
    if (Array.isArray(node) && /^\d+$/.test(last)) node[Number(last)] ??= null;
  }
  return root;
}

/** Returns `over` laid over `base`: objects merged key by key, arrays index by index, other values replaced. */
function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (Array.isArray(base) && Array.isArray(over)) return Array.from({ length: Math.max(base.length, over.length) }, (_, i) => merge(base[i], over[i]));
  if (!isJsonObject(base) || !isJsonObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The extraction.

/** Returns the extraction: the data validated, the reading's own errors added, the signatures. */
function finish(job: Job, identified: Identified, outcome: SourceOutcome, signatures: Extraction['signatures']): Extraction {
  const validation = job.lib.validator.validate(identified.form, outcome.data, job.validation);
  const found = withoutDuplicates(validation.erreurs, outcome.issues);
  const checked = outcome.source === 'donnees-integrees' ? found : asTyped(job, identified.form, outcome.data, found);
  const erreurs = [...outcome.issues, ...versionIssue(job.name, identified, validation), ...checked];
  return {
    formulaire: identified.form.id,
    version: identified.form.version,
    source: outcome.source,
    donnees: validation.donnees ?? outcome.data,
    valide: validation.valide && !erreurs.some((e) => e.code === ALTERED),
    erreurs,
    modifications: outcome.modifications,
    signatures,
    avertissements: [...activeContentIssues(job.name, job.opened.probe.actif), ...outcome.warnings, ...(validation.avertissements ?? [])],
  };
}

/**
 * Returns the validation errors with those about a date or a number typed in the PDF (kept as typed because it
 * could not be read) worded in the format the form shows: JJ/MM/AAAA, French decimals, quoting what was typed.
 */
function asTyped(job: Job, form: FormDefinition, data: unknown, issues: readonly Issue[]): Issue[] {
  const schema = job.lib.schema(form.id);
  const labels = new Labels(job.lib.schemas, `${form.id}.schema.json`, data);
  return issues.map((issue) => {
    const typed = valueAt(data, issue.chemin);
    if (typeof typed !== 'string') return issue;
    const own = schema.describe(segments(issue.chemin));
    const quoted = `« ${typed} »`;
    if (issue.code === 'FORMAT_INVALIDE' && own?.type === 'string' && own.format === 'date') {
      return { ...issue, message: labels.prefix(issue.chemin, `: ${quoted} n’est pas une date réelle au format JJ/MM/AAAA (par exemple 13/05/2019)`) };
    }
    if (issue.code === 'TYPE_INVALIDE' && (own?.type === 'number' || own?.type === 'integer')) {
      const example = own.type === 'integer' ? 'un nombre entier écrit en chiffres (par exemple 12)' : 'un nombre écrit en chiffres (par exemple 1 234,50)';
      return { ...issue, message: labels.prefix(issue.chemin, `: ${quoted} n’est pas ${example}`) };
    }
    return issue;
  });
}

/** Returns the error of attached data made for another version of the form, when the data no longer validates. */
function versionIssue(name: string, identified: Identified, validation: ValidationResult): Issue[] {
  const version = identified.original?.version;
  if (version === undefined || version === identified.form.version || validation.valide) return [];
  return [{
    code: OTHER_VERSION,
    chemin: name,
    message: `${name} a été produit avec la version ${version} du formulaire « ${identified.form.id} » ; la version actuelle est ${identified.form.version} et ses données ne la respectent plus`,
  }];
}

/** Returns the validation errors without the « obligatoire » ones about a value (or the group of a value) already reported as unread. */
function withoutDuplicates(validation: readonly Issue[], reading: readonly Issue[]): Issue[] {
  const unread = reading.filter((i) => i.code === UNREAD).map((i) => i.chemin);
  // A group required as a whole is not missing when values of it were there but could not be read.
  const related = (path: string, u: string) => path === u || path.startsWith(`${u}/`) || u.startsWith(`${path}/`);
  return validation.filter((i) => i.code !== 'CHAMP_OBLIGATOIRE' || !unread.some((u) => related(i.chemin, u)));
}
