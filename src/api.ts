/**
 * The public API of Paperasse: list forms, read their schemas, validate data. The CLI and the server only
 * translate argv / HTTP into these calls.
 */
import { failure, success, type Result } from './core/issues.ts';
import { readJsonFile } from './core/json.ts';
import { createSchemaCatalog, type SchemaCatalog, type SchemaNode } from './core/schemas.ts';
import { Validator, type ValidationResult } from './core/validation.ts';
import type { Clock } from './core/forms.ts';
import { FORMS, REGISTRY_URL } from './forms/registry.ts';
import type { FormDefinition } from './layout/form.ts';
import type { Renderer } from './render/renderer.ts';
import type { Issue } from './core/issues.ts';
import { checkConformity, type ConformityReport } from './dossier/conformite.ts';
import type { DossierCopies, DossierFileReader } from './dossier/files.ts';
import { dossierGrids, type GridData } from './dossier/grilles.ts';
import type { ExtractLimits } from './extract/limits.ts';
import type { ExtractionOutcome } from './extract/types.ts';
import { exportCsv, exportXlsx, tableForForm } from './store/export.ts';
import type { Extractor, UploadStore } from './store/upload-store.ts';
import { storeExtractor } from './store/intake.ts';
import { boundDraft } from './render/draft-limits.ts';
import { compileLetter, letterBodyName, letterTemplateIssues, standardLetterSource, withLetterSource } from './letters/letters.ts';
import type { BatchOptions, BatchProgress, BatchSummary } from './batch/run.ts';
import { columnsOf } from './batch/columns.ts';
import { parseCalendar, type CalendrierFormation } from './forms/calendrier-formation.ts';
import { fichePayGrid } from './forms/fiche-validation-mission.ts';
import type { PayGrid } from './referentiels/remuneration-alternance.ts';
import type { ColumnsReport, PreviewContext } from './batch/preview.ts';
import { editDistance } from './core/distance.ts';

export type { Issue, Result } from './core/issues.ts';
export { fixedClock, parisClock, type Clock } from './core/forms.ts';
export type { ValidationResult } from './core/validation.ts';
export type { FormDefinition } from './layout/form.ts';
export type { ConformityReport, EpreuveReport } from './dossier/conformite.ts';
export { COPY_FILES, filesBeside, type DossierCopies, type DossierFileReader } from './dossier/files.ts';
export type { Extraction, ExtractionOutcome, ExtractionSource, Modification, SignatureReport } from './extract/types.ts';
export { DEFAULT_LIMITS, type ExtractLimits } from './extract/limits.ts';
export { UploadStore, type UploadRecord, type UploadStatus, type Reception } from './store/upload-store.ts';
export { receiveAndExtract, type Intake } from './store/intake.ts';
export type { BatchOptions, BatchProgress, BatchSummary, RefusedCell } from './batch/run.ts';
export type { CalendrierFormation, FormationCalendrier } from './forms/calendrier-formation.ts';
export type { PayGrid, PayPeriod } from './referentiels/remuneration-alternance.ts';
export { SMIC_VALUES } from './referentiels/remuneration-alternance.ts';

/** The form the pay calculator reads. */
const FICHE_MISSION = 'fiche-validation-mission';

/** The amounts a pay calculation may be given instead of the defaults. */
export interface RemunerationOptions {
  /** Monthly gross SMIC (35 hours) applied over the whole contract; default: the dated SMIC in force each day (`SMIC_VALUES`). */
  smic?: number;
  /** The branch or company minimum (SMC), monthly gross; default: the fiche's `contrat.smc`. */
  smc?: number;
  /** The formation calendar of this calculation; default: the one this Paperasse was given, else the shipped one. */
  calendrier?: CalendrierFormation;
}
export type { ColumnPlan, ColumnsReport } from './batch/preview.ts';

/** The form every dossier function works on. */
const DOSSIER = 'dossier-professionnel';

/** What assembling a dossier needs besides its data. */
export interface DossierRenderRequest {
  /** Reads the document files the attestations name (see `filesBeside`). */
  fichiers: DossierFileReader;
  /** Assemble data that does not validate anyway, as drafts marked « BROUILLON — données incomplètes ». */
  brouillon?: boolean;
  date?: Date;
}

/** An assembled dossier: its two copies and its conformity report, or why there are none. */
export type DossierRenderOutcome =
  | { ok: true; exemplaires: DossierCopies; brouillon: boolean; conformite: ConformityReport }
  | { ok: false; erreur: Issue; erreurs: Issue[]; conformite: ConformityReport };

/** The jury grids of a candidate, pre-filled and fillable, or why there are none. */
export type GridsOutcome = { ok: true; grilles: Array<Pick<GridData, 'formulaire' | 'epreuve'> & { octets: Uint8Array }> } | { ok: false; erreur: Issue; erreurs: Issue[] };

/** What to render and how. */
export interface RenderRequest {
  /** The form's data; undefined renders the blank form. */
  donnees?: unknown;
  /** PDF only: AcroForm fields instead of printed values. */
  remplissable?: boolean;
  /** Render data that does not validate anyway, as a draft marked « BROUILLON — données incomplètes ». */
  brouillon?: boolean;
  /** Date written in the document's metadata (default: now). */
  date?: Date;
  /** A letter only: the school's own letter template (Handlebars, see templates/letters/README.md), checked first. */
  modele?: string;
  /** The name of that template in error locations (« mon-modele.hbs:12:5 »). */
  nomModele?: string;
  /** A letter prepared once by `prepareLetter` (a batch: its template is not checked again for every row). */
  preparee?: PreparedLetter;
}

/**
 * A letter prepared for a batch: its template checked and compiled once. `form` is what `Renderer.renderPdf` and
 * `Renderer.renderDocx` take, with each row's data: `renderer.renderPdf(prepared.form, row)`.
 */
export interface PreparedLetter {
  lettre: string;
  form: FormDefinition;
  /** Whether the school's own template is used, or Paperasse's standard one. */
  modele: 'standard' | 'personnalise';
}

/** A rendering: the document bytes, or why there are none. `erreurs` lists the validation errors either way. */
export type RenderOutcome =
  | { ok: true; octets: Uint8Array; brouillon: boolean; erreurs: Issue[] }
  | { ok: false; erreur: Issue; erreurs: Issue[] };

/** A short public description of a form. */
export interface FormSummary {
  id: string;
  titre: string;
  source: string;
  version: string;
}

/** Options of a Paperasse instance. */
export interface PaperasseOptions {
  /** Gives the rules today's date (default: the real date in Europe/Paris); a fixed clock makes date rules reproducible. */
  clock?: Clock;
  /**
   * URL of the registry module the extraction worker loads its forms and schemas from (it exports `FORMS` and
   * `schemaCatalog()`, like `src/forms/registry.ts`, the default). Give it with forms other than the built-in ones.
   */
  registry?: string;
  /**
   * The formation calendar of a school year (`Paperasse.readCalendar`), used by the fiche de validation de mission
   * instead of the one Paperasse ships for that year (2025/2026): in `validate`, `render`, `remuneration`, and the
   * validation of what `extract` and `storeExtractor` read.
   */
  calendrier?: CalendrierFormation;
}

/** Paperasse's entry point; create one per process (schemas are loaded and compiled once) and share it. */
export class Paperasse {
  readonly #schemas: SchemaCatalog;
  readonly #validator: Validator;
  readonly #forms: ReadonlyMap<string, FormDefinition>;
  readonly #registry: string;
  readonly #clock: Clock | undefined;
  readonly #calendar: CalendrierFormation | undefined;
  /** Loaded on first use: the layout engine, its fonts and the PDF and Word writers, which listing or validating forms does not need. */
  #renderer: Promise<Renderer> | undefined;
  #extraction: Promise<typeof import('./extract/extract.ts')> | undefined;

  constructor(schemas: SchemaCatalog = createSchemaCatalog(), forms: readonly FormDefinition[] = FORMS, options: PaperasseOptions = {}) {
    this.#schemas = schemas;
    this.#validator = new Validator(schemas, options.clock, options.calendrier ? { calendrier: options.calendrier } : {});
    this.#calendar = options.calendrier;
    this.#forms = new Map(forms.map((f) => [f.id, f]));
    this.#registry = options.registry ?? REGISTRY_URL;
    this.#clock = options.clock;
  }

  /** Returns a Paperasse on the forms and schemas of the registry module at `registry` (a URL), which extraction uses too. */
  static async fromRegistry(registry: string, options: Omit<PaperasseOptions, 'registry'> = {}): Promise<Paperasse> {
    const module = (await import(registry)) as { FORMS: readonly FormDefinition[]; schemaCatalog(): SchemaCatalog };
    return new Paperasse(module.schemaCatalog(), module.FORMS, { ...options, registry });
  }

  /** Returns every registered form's summary, in registry order. */
  forms(): FormSummary[] {
    return [...this.#forms.values()].map(summarize);
  }

  /** Returns the definition of form `id`, or FORMULAIRE_INCONNU (with the closest id as a suggestion). */
  form(id: string): Result<FormDefinition> {
    const f = this.#forms.get(id);
    if (f) return success(f);
    const nearest = closest(id, [...this.#forms.keys()]);
    const suggestion = nearest ? ` Vouliez-vous dire « ${nearest} » ?` : '';
    return failure('FORMULAIRE_INCONNU', id, `Aucun formulaire ne s’appelle « ${id} ».${suggestion} La commande « paperasse forms » les liste.`);
  }

  /** Returns the JSON Schema of form `id`. */
  schema(id: string): Result<SchemaNode> {
    const f = this.form(id);
    if (!f.ok) return f;
    const doc = this.#schemas.document(`${id}.schema.json`);
    return doc ? success(doc) : failure('FORMULAIRE_INCONNU', id, `Le schéma du formulaire « ${id} » est absent.`);
  }

  /** Returns the validation result of `donnees` for form `id`. */
  validate(id: string, data: unknown): Result<ValidationResult> {
    const f = this.form(id);
    if (!f.ok) return f;
    return success(this.#validator.validate(f.valeur, data));
  }

  /** Returns the PDF of form `id` for `request.donnees` (validated first; blank when no data is given). */
  async renderPdf(id: string, request: RenderRequest = {}): Promise<RenderOutcome> {
    return this.#render(id, request, (r, form, data, draft) => r.renderPdf(form, data, { fillable: request.remplissable ?? false, draft, date: request.date }));
  }

  /** Returns the Word (.docx) document of form `id` for `request.donnees` (validated first; blank when no data is given). */
  async renderDocx(id: string, request: RenderRequest = {}): Promise<RenderOutcome> {
    return this.#render(id, request, (r, form, data, draft) => r.renderDocx(form, data, { draft, date: request.date }));
  }

  /**
   * Returns the problems of a school's own letter template for letter `lettre` (FORMULAIRE_INCONNU or PAS_UNE_LETTRE
   * alone when the letter is unknown): parse errors, unknown helpers, placeholders the letter's schema lacks,
   * each with its line and column. Empty: the template may be used.
   */
  letterTemplateIssues(lettre: string, templateSource: string, nomModele = 'modele.hbs'): Issue[] {
    const f = this.#letterForm(lettre);
    if (!f.ok) return [f.erreur];
    return letterTemplateIssues(templateSource, lettre, this.#schemas, nomModele);
  }

  /** Returns success when `templateSource` may write letter `lettre`, else its first problem (line, column, closest name). */
  checkLetterTemplate(templateSource: string, lettre: string, nomModele = 'modele.hbs'): Result<true> {
    const issues = this.letterTemplateIssues(lettre, templateSource, nomModele);
    const first = issues[0];
    return first ? { ok: false, erreur: first } : success(true);
  }

  /** Returns `lettre` prepared for rendering many rows: its template (the school's, checked first, or the standard one) compiled once. */
  prepareLetter(lettre: string, templateSource?: string, nomModele = 'modele.hbs'): Result<PreparedLetter> {
    const f = this.#letterForm(lettre);
    if (!f.ok) return f;
    if (templateSource === undefined) {
      compileLetter(standardLetterSource(f.valeur.name));
      return success({ lettre, form: f.valeur.form, modele: 'standard' });
    }
    const issues = letterTemplateIssues(templateSource, lettre, this.#schemas, nomModele);
    const first = issues[0];
    if (first) {
      const others = issues.length - 1;
      const more = others > 0 ? ` (et ${String(others)} autre${others > 1 ? 's' : ''} problème${others > 1 ? 's' : ''} dans le modèle)` : '';
      return { ok: false, erreur: { ...first, message: `${first.message}${more}` } };
    }
    compileLetter(templateSource);
    return success({ lettre, form: { ...f.valeur.form, template: withLetterSource(f.valeur.form.template, templateSource) }, modele: 'personnalise' });
  }

  /** Returns the summaries of the forms that are letters (a mail merge's usual forms; a school may replace their template). */
  letters(): FormSummary[] {
    return this.forms().filter((f) => this.#letterForm(f.id).ok);
  }

  /** Returns the source of letter `lettre`'s standard template (the starting point of a school's own), or why it is not a letter. */
  standardLetterTemplate(lettre: string): Result<string> {
    const f = this.#letterForm(lettre);
    if (!f.ok) return f;
    return success(standardLetterSource(f.valeur.name));
  }

  /** Returns the form of letter `lettre` and its standard template's name, or why it is not a letter. */
  #letterForm(lettre: string): Result<{ form: FormDefinition; name: string }> {
    const f = this.form(lettre);
    if (!f.ok) return f;
    const name = letterBodyName(f.valeur.template);
    if (name === undefined) {
      const letters = [...this.#forms.values()].filter((x) => letterBodyName(x.template) !== undefined).map((x) => `« ${x.id} »`);
      return failure('PAS_UNE_LETTRE', lettre, `Le formulaire « ${lettre} » n’est pas une lettre : il n’a pas de modèle de lettre à remplacer. Les lettres sont ${letters.join(', ')}.`);
    }
    return success({ form: f.valeur, name });
  }

  async #render(id: string, request: RenderRequest, write: (r: Renderer, form: FormDefinition, data: unknown, draft: boolean) => Promise<Uint8Array>): Promise<RenderOutcome> {
    const prepared = request.preparee ? success(request.preparee) : request.modele === undefined ? undefined : this.prepareLetter(id, request.modele, request.nomModele);
    if (prepared?.ok && prepared.valeur.lettre !== id) throw new Error(`prepared letter ${prepared.valeur.lettre} given to render ${id}`);
    if (prepared && !prepared.ok) return { ok: false, erreur: prepared.erreur, erreurs: [] };
    const f = prepared ? success(prepared.valeur.form) : this.form(id);
    if (!f.ok) return { ok: false, erreur: f.erreur, erreurs: [] };
    const renderer = await this.#loadRenderer();
    if (request.donnees === undefined) return { ok: true, octets: await write(renderer, f.valeur, undefined, false), brouillon: false, erreurs: [] };
    const validation = this.#validator.validate(f.valeur, request.donnees);
    if (!validation.valide && !request.brouillon) {
      const n = validation.erreurs.length + (validation.erreursNonListees ?? 0);
      const erreur: Issue = { code: 'DONNEES_INVALIDES', chemin: '', message: `Les données ne sont pas valides (${n} erreur${n > 1 ? 's' : ''}) : le document n’est pas produit. Corrigez-les, ou demandez un brouillon.` };
      return { ok: false, erreur, erreurs: validation.erreurs };
    }
    const data = validation.valide ? (validation.donnees ?? request.donnees) : boundDraft(request.donnees, this.#maxLengthOf(id));
    const octets = await write(renderer, f.valeur, data, !validation.valide);
    return { ok: true, octets, brouillon: !validation.valide, erreurs: validation.erreurs };
  }

  /** Returns the académie's conformity report of a dossier professionnel (its validation errors included). */
  checkDossier(donnees: unknown): ConformityReport {
    const form = this.#dossierForm();
    return checkConformity(donnees, this.#validator.validate(form, donnees, { maxErreurs: Infinity }).erreurs);
  }

  /** Returns the two copies of a dossier professionnel (with and without the établissement), validated first. */
  async renderDossier(donnees: unknown, request: DossierRenderRequest): Promise<DossierRenderOutcome> {
    const form = this.#dossierForm();
    const validation = this.#validator.validate(form, donnees, { maxErreurs: Infinity });
    const conformite = checkConformity(donnees, validation.erreurs);
    if (!validation.valide && !request.brouillon) {
      const n = validation.erreurs.length;
      const erreur: Issue = { code: 'DONNEES_INVALIDES', chemin: '', message: `Le dossier n’est pas valide (${n} erreur${n > 1 ? 's' : ''}) : il n’est pas produit. Corrigez-le, ou demandez un brouillon.` };
      return { ok: false, erreur, erreurs: validation.erreurs, conformite };
    }
    const renderer = await this.#loadRenderer();
    const { assembleDossier } = await import('./dossier/assemblage.ts');
    const data = validation.valide ? (validation.donnees ?? donnees) : boundDraft(donnees, this.#maxLengthOf(DOSSIER));
    const assembled = await assembleDossier(renderer, form, data, request.fichiers, { draft: !validation.valide, date: request.date });
    if (!assembled.ok) {
      const n = assembled.erreurs.length;
      const erreur: Issue = { code: assembled.erreurs[0]?.code ?? 'DONNEES_INVALIDES', chemin: '', message: `Le dossier ne peut pas être assemblé (${n} problème${n > 1 ? 's' : ''}) : aucun exemplaire n’est produit.` };
      return { ok: false, erreur, erreurs: assembled.erreurs, conformite };
    }
    return { ok: true, exemplaires: assembled.copies, brouillon: !validation.valide, conformite };
  }

  /** Returns the candidate's jury grids (E32 CCF or ponctuelle, E42), fillable, pre-filled from the dossier. */
  async renderDossierGrids(donnees: unknown, options: { ccf: boolean; date?: Date }): Promise<GridsOutcome> {
    const validation = this.#validator.validate(this.#dossierForm(), donnees);
    const blocking = validation.erreurs.filter((e) => e.chemin === '' || e.chemin.startsWith('/candidat') || e.chemin.startsWith('/session') || e.chemin.startsWith('/epreuves'));
    if (blocking.length > 0) {
      const erreur: Issue = { code: 'DONNEES_INVALIDES', chemin: '', message: 'Le candidat, la session ou les épreuves du dossier ne sont pas valides : les grilles ne peuvent pas être préremplies.' };
      return { ok: false, erreur, erreurs: blocking };
    }
    const renderer = await this.#loadRenderer();
    const grilles = [];
    for (const grid of dossierGrids(donnees, options)) {
      const f = this.form(grid.formulaire);
      if (!f.ok) return { ok: false, erreur: f.erreur, erreurs: [] };
      // A pre-filled grid lacks what the commission writes (date, grade): it is not a draft, it is unfinished by design.
      const octets = await renderer.renderPdf(f.valeur, grid.donnees, { fillable: true, date: options.date });
      grilles.push({ formulaire: grid.formulaire, epreuve: grid.epreuve, octets });
    }
    return { ok: true, grilles };
  }

  /**
   * Returns what a returned PDF holds (form, data validated, changes since Paperasse generated it, signatures), or the
   * error that kept anything from being read. The reading runs in a worker with `limites` (defaults: `DEFAULT_LIMITS`).
   */
  async extract(octets: Uint8Array, nomFichier: string, limites: Partial<ExtractLimits> = {}): Promise<ExtractionOutcome> {
    // Imported once per Paperasse: files read one after the other do not go through the module loader each time.
    const { extractPdf } = await (this.#extraction ??= import('./extract/extract.ts'));
    return extractPdf(octets, nomFichier, { limits: limites, registry: this.#registry, clock: this.#clock, ...this.#extractParameters() });
  }

  /** Returns the extractor an upload store runs on the files it receives, with these limits. */
  storeExtractor(limites: Partial<ExtractLimits> = {}): Extractor {
    return storeExtractor({ limits: limites, registry: this.#registry, clock: this.#clock, ...this.#extractParameters() });
  }

  /** Returns the validation parameters a reading passes to its worker: this Paperasse's formation calendar, when it has one. */
  #extractParameters(): { parametres?: { calendrier: CalendrierFormation } } {
    return this.#calendar ? { parametres: { calendrier: this.#calendar } } : {};
  }

  /** Returns the stored extractions of form `id` (received for `etablissement` when given) as a spreadsheet (CSV for Excel, or XLSX), one row per file received. */
  async exportStore(store: UploadStore, id: string, format: 'csv' | 'xlsx', etablissement?: string): Promise<Result<{ octets: Uint8Array; lignes: number }>> {
    const f = this.form(id);
    if (!f.ok) return f;
    const table = tableForForm(store, f.valeur.id, etablissement);
    return success({ octets: format === 'csv' ? exportCsv(table) : await exportXlsx(table), lignes: table.lignes.length });
  }

  /**
   * Returns the summary of a mail merge of form `id` (one letter per valid row of a CSV or XLSX file, in a zip with
   * « tout-imprimer.pdf » and « rapport.csv »), or the error that kept any letter from being made; `onProgress` is
   * called after each row.
   */
  async batch(id: string, options: BatchOptions, onProgress?: (p: BatchProgress) => void): Promise<Result<BatchSummary>> {
    const f = this.form(id);
    if (!f.ok) return f;
    const form = f.valeur;
    const { runBatch } = await import('./batch/run.ts');
    const context = {
      catalog: this.#schemas,
      form,
      registry: this.#registry,
      validate: (data: unknown) => this.#validator.validate(form, data),
      prepareLetter: (source: string | undefined, nomModele: string) => this.prepareLetter(id, source, nomModele),
    };
    return runBatch(context, options, onProgress);
  }

  /**
   * Returns the header row a mail merge of form `id` expects (`paperasse batch-modele`): one column per value, lists
   * with as many numbered groups as `exemple` has items (one when it has none).
   */
  batchHeaders(id: string, exemple?: unknown): Result<string[]> {
    const f = this.form(id);
    if (!f.ok) return f;
    const count = (path: string[]) => {
      let node: unknown = exemple;
      for (const p of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
      return Array.isArray(node) && node.length > 0 ? node.length : 1;
    };
    return success(columnsOf(this.#schemas, id, count).modele.map((c) => c.entete));
  }

  /**
   * Returns where each column of spreadsheet `file` goes for a mail merge of form `id` (recognised, ignored, unknown
   * with a suggestion, duplicated), the fields a column can fill, and whether the merge can start with `correspondance`
   * (a parsed mapping: header → field path, null to ignore).
   */
  async batchColumns(id: string, file: string, correspondance?: unknown): Promise<Result<ColumnsReport>> {
    const f = this.form(id);
    if (!f.ok) return f;
    const { columnsOfFile } = await import('./batch/preview.ts');
    return columnsOfFile(this.#previewContext(f.valeur), file, correspondance);
  }

  /** Returns the row number and validated data of the first valid row of spreadsheet `file` for form `id`, or why there is none. */
  async batchFirstValidRow(id: string, file: string, correspondance?: unknown): Promise<Result<{ ligne: number; donnees: unknown }>> {
    const f = this.form(id);
    if (!f.ok) return f;
    const { firstValidRow } = await import('./batch/preview.ts');
    return firstValidRow(this.#previewContext(f.valeur), file, correspondance);
  }

  #previewContext(form: FormDefinition): PreviewContext {
    return { catalog: this.#schemas, formId: form.id, validate: (data: unknown) => this.#validator.validate(form, data) };
  }

  /** Returns the look-up of the maxLength its schema gives each text field of form `id` (for the bounds of a draft). */
  #maxLengthOf(id: string): (parts: readonly string[]) => number | undefined {
    return (parts) => {
      const position = this.#schemas.path(`${id}.schema.json`, parts).at(-1);
      return position === undefined ? undefined : this.#schemas.describe(position).maxLength;
    };
  }

  /** Returns the renderer, loading its modules (and the fonts) the first time. */
  #loadRenderer(): Promise<Renderer> {
    this.#renderer ??= import('./render/renderer.ts').then(({ Renderer }) => new Renderer(this.#schemas));
    return this.#renderer;
  }

  #dossierForm(): FormDefinition {
    const f = this.form(DOSSIER);
    if (!f.ok) throw new Error('the dossier professionnel form is not registered');
    return f.valeur;
  }

  /** Returns the formation calendar of a JSON file (one school year, like src/referentiels/calendriers/2025-2026.json), checked, or why it cannot be used. */
  static async readCalendar(path: string): Promise<Result<CalendrierFormation>> {
    const read = await readJsonFile(path);
    if (!read.ok) return read;
    return parseCalendar(read.valeur, `Le fichier « ${path} »`);
  }

  /**
   * Returns the minimum monthly gross pay of the contract a fiche de validation de mission describes, period by
   * period (Tableaux 6 and 7, stage gratification), or REMUNERATION_INCALCULABLE when the fiche does not pass its
   * schema, lacks its formation dates, or an amount is not a positive number.
   */
  remuneration(donnees: unknown, options: RemunerationOptions = {}): Result<PayGrid> {
    for (const [name, value] of Object.entries({ smic: options.smic, smc: options.smc })) {
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
        return failure('REMUNERATION_INCALCULABLE', `--${name}`, `Le montant « ${name} » doit être un nombre d’euros positif (par exemple 1823.03).`);
      }
    }
    const form = this.form(FICHE_MISSION);
    if (!form.ok) return form;
    const parametres = { ...(this.#calendar ? { calendrier: this.#calendar } : {}), ...options };
    const validation = this.#validator.validate(form.valeur, donnees, { parametres });
    const data = validation.donnees as { formation?: { dateDebutFormation?: string; dateFinFormation?: string } } | undefined;
    if (data === undefined) {
      const first = validation.erreurs[0];
      return failure('REMUNERATION_INCALCULABLE', first?.chemin ?? '', `La fiche de validation de mission ne respecte pas son schéma : la rémunération ne peut pas être calculée. ${first ? `Première erreur : ${first.message}` : ''}`.trim());
    }
    if (data.formation?.dateDebutFormation === undefined || data.formation.dateFinFormation === undefined) {
      return failure('REMUNERATION_INCALCULABLE', '/formation', 'La DDF ou la DFF de la formation manque et aucun calendrier de formation ne la donne : saisissez-les, ou donnez le calendrier de l’année (--calendrier).');
    }
    return success(fichePayGrid(data, parametres));
  }

  /** Returns the validation result of a JSON file for form `id`, or the error that kept it from being read. */
  async validateFile(id: string, path: string): Promise<Result<ValidationResult>> {
    const f = this.form(id);
    if (!f.ok) return f;
    const read = await readJsonFile(path);
    if (!read.ok) return read;
    return success(this.#validator.validate(f.valeur, read.valeur));
  }
}

function summarize(f: FormDefinition): FormSummary {
  return { id: f.id, titre: f.title, source: `${f.source.text}, ${f.source.reference}`, version: f.version };
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

