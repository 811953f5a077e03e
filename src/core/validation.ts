/**
 * Validation of a form's data: the JSON Schema first (ajv), then, on schema-valid data, the form's computed
 * values and its rules. Every error carries a stable code, a JSON Pointer and a French message that names
 * the printed labels of the form, never the JSON keys.
 */
import type { ErrorObject } from 'ajv';
import { createRequire } from 'node:module';
import type { CatalogCode, Issue } from './issues.ts';
import { expandWildcards, toPointer, segments, valueAt } from './pointer.ts';
import type { SchemaCatalog, SchemaNode, Position } from './schemas.ts';
import { declaredCode, parisClock, type Clock, type Computation, type FormParameters, type RuleContext, type FormRules } from './forms.ts';

// ajv-i18n is CommonJS whose typings declare a default export it does not have at run time: load it with require.
const localizeFr = createRequire(import.meta.url)('ajv-i18n/localize/fr') as (errors: ErrorObject[]) => void;

/** How many errors a validation lists by default: the first ones in the form's printed order. */
export const MAX_ERRORS = 100;

/** Options of one validation. */
export interface ValidationOptions {
  /** At most this many errors are listed (default MAX_ERRORS); the others are counted in `erreursNonListees`. */
  maxErreurs?: number;
  /** Today's date (AAAA-MM-JJ) for the date rules, instead of the validator's clock (a reading done in a worker passes its caller's). */
  today?: string;
  /** Parameters handed to the rules and computations (default: the validator's own). */
  parametres?: FormParameters;
}

/** The outcome of validating one document. */
export interface ValidationResult {
  valide: boolean;
  /** The errors, in the order a reader meets their fields on the form, at most `maxErreurs` of them. */
  erreurs: Issue[];
  /** How many more errors were found but not listed (absent when every error is listed). */
  erreursNonListees?: number;
  /** The data with its computed values filled in (present when the data passed the schema). */
  donnees?: unknown;
  /** What the warning rules report (a check that could not run…): the data stays valid. Absent when there is none. */
  avertissements?: Issue[];
}

const CODE_BY_KEYWORD: Record<string, CatalogCode> = {
  required: 'CHAMP_OBLIGATOIRE',
  dependentRequired: 'CHAMP_OBLIGATOIRE',
  additionalProperties: 'CHAMP_INCONNU',
  unevaluatedProperties: 'CHAMP_INCONNU',
  unevaluatedItems: 'TROP_D_ELEMENTS',
  type: 'TYPE_INVALIDE',
  enum: 'VALEUR_NON_AUTORISEE',
  const: 'VALEUR_NON_AUTORISEE',
  format: 'FORMAT_INVALIDE',
  pattern: 'FORMAT_INVALIDE',
  minimum: 'VALEUR_HORS_LIMITES',
  maximum: 'VALEUR_HORS_LIMITES',
  exclusiveMinimum: 'VALEUR_HORS_LIMITES',
  exclusiveMaximum: 'VALEUR_HORS_LIMITES',
  multipleOf: 'VALEUR_NON_MULTIPLE',
  minLength: 'TEXTE_TROP_COURT',
  maxLength: 'TEXTE_TROP_LONG',
  minItems: 'TROP_PEU_D_ELEMENTS',
  maxItems: 'TROP_D_ELEMENTS',
  uniqueItems: 'DOUBLON',
};

const TYPE_NAMES_FR: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: 'vrai ou faux (true / false)',
  array: 'une liste',
  object: 'un groupe de champs (objet)',
  null: 'vide (null)',
};

const FORMATS_FR: Record<string, string> = {
  date: 'une date réelle au format AAAA-MM-JJ (par exemple 2019-05-13)',
  'date-time': 'une date et heure au format AAAA-MM-JJTHH:MM:SSZ',
  time: 'une heure au format HH:MM:SS',
  email: 'une adresse électronique (nom@domaine.fr)',
  uri: 'une adresse web complète (https://…)',
};

/** Validates documents against the registered forms; one per process, shared by the CLI and the server. */
export class Validator {
  readonly #schemas: SchemaCatalog;
  readonly #clock: Clock;
  readonly #parametres: FormParameters;

  /** `clock` gives the rules today's date (default: the real date in Europe/Paris); `parametres` go to every rule and computation. */
  constructor(schemas: SchemaCatalog, clock: Clock = parisClock, parametres: FormParameters = {}) {
    this.#schemas = schemas;
    this.#clock = clock;
    this.#parametres = parametres;
  }

  /** Returns the validation result of `donnees` for `formulaire`. */
  validate(form: FormRules, data: unknown, options: ValidationOptions = {}): ValidationResult {
    const max = options.maxErreurs ?? MAX_ERRORS;
    const file = `${form.id}.schema.json`;
    const validateSchema = this.#schemas.validator(file);
    const labels = new Labels(this.#schemas, file, data);
    if (!validateSchema(data)) {
      return { valide: false, ...capped(labels.inPrintedOrder(this.#translate(validateSchema.errors ?? [], labels)), max) };
    }
    const parametres = options.parametres ?? this.#parametres;
    const { donnees: computed, erreurs: errors } = applyComputations(form.computations, data, labels, parametres);
    const today = options.today ?? this.#clock();
    const warnings: Issue[] = [];
    for (const rule of form.rules) {
      const ctx: RuleContext = {
        error: (code, path, text) => ({ code: declaredCode(rule, code), chemin: path, message: labels.prefix(path, text) }),
        label: (path) => labels.fieldLabel(path),
        today,
        parametres,
      };
      (rule.avertissement === true ? warnings : errors).push(...rule.check(computed, ctx));
    }
    const avertissements = warnings.length > 0 ? { avertissements: labels.inPrintedOrder(dedupe(warnings)) } : {};
    return { valide: errors.length === 0, ...capped(labels.inPrintedOrder(dedupe(errors)), max), donnees: computed, ...avertissements };
  }

  #translate(raw: ErrorObject[], labels: Labels): Issue[] {
    // Errors of the branches of an enum written as `oneOf: [{const, title}…]` are replaced by one error that
    // lists the allowed labels; `if` errors only repeat what the `then` errors already say.
    // Indexed by instance path so that the work stays linear in the number of errors.
    const labelledEnums = new Map<string, ErrorObject[]>();
    for (const e of raw) {
      if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && isLabelledEnum(e.parentSchema)) {
        labelledEnums.set(e.instancePath, [...(labelledEnums.get(e.instancePath) ?? []), e]);
      }
    }
    const hidden = (e: ErrorObject) =>
      e.keyword === 'if' ||
      (labelledEnums.get(e.instancePath) ?? []).some((o) => o !== e && e.schemaPath.startsWith(o.schemaPath + '/'));
    const kept = raw.filter((e) => !hidden(e));
    localizeFr(kept);
    const issues = kept.map((e) => this.#issueFromAjv(e, labels));
    // ajv drops the annotations of a failing sub-schema, so `unevaluatedProperties` then flags keys the form does
    // declare (a key declared in a `then` that fails its own check). Such a key is not unknown: keep its own error.
    const unknown = (i: Issue) => i.code === 'CHAMP_INCONNU' || i.code === 'CHAMP_NON_APPLICABLE';
    const withOwnError = new Set<string>();
    for (const o of issues) {
      if (unknown(o)) continue;
      const parts = segments(o.chemin);
      for (let n = 0; n <= parts.length; n++) withOwnError.add(toPointer(parts.slice(0, n)));
    }
    const falselyUnknown = (i: Issue) => unknown(i) && (labels.declaredUnconditionally(i.chemin) || withOwnError.has(i.chemin));
    return dedupe(issues.filter((i) => !falselyUnknown(i)));
  }

  #issueFromAjv(e: ErrorObject, labels: Labels): Issue {
    const p = e.params as Record<string, unknown>;
    const code = (e.keyword === 'oneOf' || e.keyword === 'anyOf') && isLabelledEnum(e.parentSchema)
      ? 'VALEUR_NON_AUTORISEE'
      : (CODE_BY_KEYWORD[e.keyword] ?? 'STRUCTURE_INVALIDE');
    const path = e.instancePath;
    switch (e.keyword) {
      case 'required':
      case 'dependentRequired': {
        const missing = toPointer([...segments(path), String(p.missingProperty)]);
        return { code, chemin: missing, message: labels.prefix(missing, 'est obligatoire') };
      }
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const key = String(p.additionalProperty ?? p.unevaluatedProperty);
        const keyPath = toPointer([...segments(path), key]);
        if (labels.declaredConditionally(keyPath)) {
          return {
            code: 'CHAMP_NON_APPLICABLE',
            chemin: keyPath,
            message: labels.prefix(keyPath, 'ne s’applique pas ici : ce champ ne se remplit que dans le cas que sa description indique (une case précise cochée) ; videz-le ou cochez la case correspondante'),
          };
        }
        return {
          code,
          chemin: keyPath,
          message: labels.containerPrefix(keyPath, `le champ « ${key} » n’existe pas sur ce formulaire (vérifiez l’orthographe de la clé)`),
        };
      }
      case 'type': {
        const expectedTypes = String(p.type).split(',').map((t) => TYPE_NAMES_FR[t] ?? t).join(' ou ');
        return { code, chemin: path, message: labels.prefix(path, `doit être ${expectedTypes}`) };
      }
      case 'format': {
        const format = String(p.format);
        return { code, chemin: path, message: labels.prefix(path, `doit être ${FORMATS_FR[format] ?? `au format « ${format} »`}`) };
      }
      case 'pattern': {
        const schema = e.parentSchema;
        const hint = typeof schema?.description === 'string' ? ` (${schema.description.replace(/[.\s]+$/, '')})` : '';
        return { code, chemin: path, message: labels.prefix(path, `n’a pas le format attendu${hint}`) };
      }
      case 'enum':
      case 'const':
      case 'oneOf':
      case 'anyOf': {
        const options = labels.options(path);
        if (code === 'VALEUR_NON_AUTORISEE' && options) {
          const list = options.map((o) => `« ${o.libelle} » (${JSON.stringify(o.valeur)})`).join(', ');
          return { code, chemin: path, message: labels.prefix(path, `doit être l’un des choix du formulaire : ${list}`) };
        }
        if (e.keyword === 'const') {
          const expected = p.allowedValue;
          const text = expected === true ? 'doit être coché' : expected === false ? 'ne doit pas être coché' : `doit valoir ${formatValue(expected)}`;
          return { code, chemin: path, message: labels.prefix(path, text) };
        }
        return { code, chemin: path, message: labels.prefix(path, e.message ?? 'valeur invalide') };
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        // A limit is a year, a grade or a count: written without digit grouping (« 2000 », « 20 », « 0,5 »).
        const limit = String(p.limit).replace('.', ',');
        const text = {
          minimum: `doit être supérieur ou égal à ${limit}`,
          maximum: `doit être inférieur ou égal à ${limit}`,
          exclusiveMinimum: `doit être strictement supérieur à ${limit}`,
          exclusiveMaximum: `doit être strictement inférieur à ${limit}`,
        }[e.keyword];
        return { code, chemin: path, message: labels.prefix(path, text) };
      }
      case 'minItems':
      case 'maxItems': {
        const n = Number(p.limit);
        const text = e.keyword === 'minItems' ? `doit contenir au moins ${n} ligne${n > 1 ? 's' : ''}` : `doit contenir au plus ${n} ligne${n > 1 ? 's' : ''}`;
        return { code, chemin: path, message: labels.prefix(path, text) };
      }
      case 'uniqueItems':
        return { code, chemin: path, message: labels.prefix(path, `contient deux fois la même valeur (lignes ${Number(p.j) + 1} et ${Number(p.i) + 1})`) };
      case 'minLength': {
        if (Number(p.limit) === 1) return { code: 'CHAMP_OBLIGATOIRE', chemin: path, message: labels.prefix(path, 'est vide : il est obligatoire') };
        return { code, chemin: path, message: labels.prefix(path, `doit faire au moins ${String(p.limit)} caractères`) };
      }
      case 'maxLength':
        return { code, chemin: path, message: labels.prefix(path, `ne doit pas dépasser ${String(p.limit)} caractères`) };
      case 'multipleOf': {
        const step = Number(p.multipleOf);
        const text = step === 0.5 ? 'doit être en points entiers ou en demi-points' : `doit être un multiple de ${String(step).replace('.', ',')}`;
        return { code, chemin: path, message: labels.prefix(path, text) };
      }
      default:
        return { code, chemin: path, message: labels.prefix(path, e.message ?? 'valeur invalide') };
    }
  }
}

/** Returns the first `max` errors, and how many were left out when there were more. */
function capped(errors: Issue[], max: number): Pick<ValidationResult, 'erreurs' | 'erreursNonListees'> {
  if (errors.length <= max) return { erreurs: errors };
  return { erreurs: errors.slice(0, Math.max(0, max)), erreursNonListees: errors.length - Math.max(0, max) };
}

function isLabelledEnum(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as SchemaNode;
  const branches = s.oneOf ?? s.anyOf;
  return Array.isArray(branches) && branches.length > 0 && branches.every((b) => b && typeof b === 'object' && 'const' in b);
}

function dedupe(errors: Issue[]): Issue[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.code}|${e.chemin}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Turns data paths into the printed labels of the form, for messages. */
export class Labels {
  readonly #schemas: SchemaCatalog;
  readonly #file: string;
  readonly #data: unknown;
  /** Schema positions of the paths already looked up, by JSON Pointer: errors share their parents. */
  readonly #positions = new Map<string, Array<Position | undefined>>();

  constructor(schemas: SchemaCatalog, file: string, data: unknown) {
    this.#schemas = schemas;
    this.#file = file;
    this.#data = data;
  }

  /** Returns the schema positions of the root and of each segment of `parts`, reusing the parents' lookups. */
  #path(parts: readonly string[]): Array<Position | undefined> {
    const key = toPointer(parts);
    const known = this.#positions.get(key);
    if (known) return known;
    let found: Array<Position | undefined>;
    if (parts.length === 0) {
      found = this.#schemas.path(this.#file, []);
    } else {
      const parent = this.#path(parts.slice(0, -1));
      const last = parent[parent.length - 1];
      found = [...parent, last ? this.#schemas.child(last, parts[parts.length - 1] ?? '') : undefined];
    }
    this.#positions.set(key, found);
    return found;
  }

  /** Returns "context — "Field" text" for an error about the value at `chemin`. */
  prefix(path: string, text: string): string {
    const parts = segments(path);
    const positions = this.#path(parts);
    const context = this.#context(parts, positions, parts.length - 1);
    if (parts.length === 0) return `${this.#rootTitle()} : ${text}`;
    const last = parts.length - 1;
    const field = this.#label(parts, positions, last, true);
    return [...context, `${field} ${text}`].join(' — ');
  }

  /** Returns "context — text" for an error about a key that has no label of its own (an unknown field). */
  containerPrefix(path: string, text: string): string {
    const parts = segments(path);
    const positions = this.#path(parts);
    const context = this.#context(parts, positions, parts.length - 1);
    return [...context, text.charAt(0).toUpperCase() + text.slice(1)].join(' — ');
  }

  /** Returns the printed label of the field at `chemin` (its schema title, or its key when it has none). */
  fieldLabel(path: string): string {
    const parts = segments(path);
    const positions = this.#path(parts);
    const pos = positions[positions.length - 1];
    return (pos && this.#schemas.title(pos)) ?? parts[parts.length - 1] ?? this.#rootTitle();
  }

  /** Returns `issues` sorted in the order a reader meets their fields on the form (stable for equal places). */
  inPrintedOrder(issues: Issue[]): Issue[] {
    const keys = issues.map((i) => this.#printedPosition(i.chemin));
    return issues
      .map((issue, n) => ({ issue, key: keys[n] ?? [], n }))
      .sort((a, b) => comparePositions(a.key, b.key) || a.n - b.n)
      .map((x) => x.issue);
  }

  /** Returns, for each segment of `path`, the rank of the field in its form section (or the row index). */
  #printedPosition(path: string): number[] {
    const parts = segments(path);
    const positions = this.#path(parts);
    return parts.map((part, i) => {
      if (/^(0|[1-9]\d*)$/.test(part)) return Number(part);
      const parent = positions[i];
      const rank = parent ? this.#schemas.propertyOrder(parent).indexOf(part) : -1;
      return rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
    });
  }

  /** Returns true when the key at `path` is declared by the schema whatever the data (not only inside an if/then). */
  declaredUnconditionally(path: string): boolean {
    const parts = segments(path);
    // A key declared nowhere (the usual unknown key) is settled by the memoised lookup, without a second one.
    if (parts.length === 0 || this.#path(parts).at(-1) === undefined) return false;
    const parent = this.#path(parts.slice(0, -1)).at(-1);
    const key = parts.at(-1);
    return parent !== undefined && key !== undefined && this.#schemas.child(parent, key, 0, false) !== undefined;
  }

  /** Returns true when the key at `path` is declared only inside an if/then/else of the schema. */
  declaredConditionally(path: string): boolean {
    const parts = segments(path);
    if (parts.length === 0 || this.#path(parts).at(-1) === undefined) return false;
    return !this.declaredUnconditionally(path);
  }

  /** Returns the labelled options of the enum-like field at `chemin`. */
  options(path: string): Array<{ valeur: unknown; libelle: string }> | undefined {
    const positions = this.#path(segments(path));
    const pos = positions[positions.length - 1];
    return pos ? this.#schemas.options(pos) : undefined;
  }

  #rootTitle(): string {
    const root = this.#path([])[0];
    return (root && this.#schemas.title(root)) ?? this.#file;
  }

  /** Labels of the containers before index `fin` (exclusive): objects by title, array items by "title n° k". */
  #context(parts: string[], positions: Array<Position | undefined>, end: number): string[] {
    const labels: string[] = [];
    for (let i = 0; i < end; i++) {
      const nextIsIndex = i + 1 < parts.length && /^(0|[1-9]\d*)$/.test(parts[i + 1] ?? '');
      if (nextIsIndex) continue; // the item's own label ("Enfant n° 2") says it better than the list's
      labels.push(this.#label(parts, positions, i, false));
    }
    return labels;
  }

  #label(parts: string[], positions: Array<Position | undefined>, i: number, quoted: boolean): string {
    const part = parts[i] ?? '';
    const pos = positions[i + 1];
    const title = pos ? this.#schemas.title(pos) : undefined;
    if (/^(0|[1-9]\d*)$/.test(part)) {
      const list = positions[i];
      const name = title ?? (list ? this.#schemas.title(list) : undefined) ?? 'Ligne';
      const element = valueAt(this.#data, parts.slice(0, i + 1));
      const number = element && typeof element === 'object' && typeof (element as { numero?: unknown }).numero === 'number'
        ? (element as { numero: number }).numero
        : Number(part) + 1;
      return `${name} n° ${number}`;
    }
    const name = title ?? part;
    return quoted ? `« ${name} »` : name;
  }
}

function comparePositions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Fills the computed values of `computations`, and reports any typed value that differs from the computed one. */
function applyComputations(computations: Computation[], data: unknown, labels: Labels, parametres: FormParameters): { donnees: unknown; erreurs: Issue[] } {
  if (computations.length === 0) return { donnees: data, erreurs: [] };
  const copy = structuredClone(data);
  const errors: Issue[] = [];
  for (const computation of computations) {
    for (const { parts, indices } of expandWildcards(copy, segments(computation.path))) {
      const expected = computation.compute(copy, indices, parametres);
      if (expected === undefined) continue;
      const parent = valueAt(copy, parts.slice(0, -1));
      const key = parts[parts.length - 1];
      if (!parent || typeof parent !== 'object' || key === undefined) continue;
      const typed = (parent as Record<string, unknown>)[key];
      const path = toPointer(parts);
      if (typed !== undefined && JSON.stringify(typed) !== JSON.stringify(expected)) {
        errors.push({
          code: 'VALEUR_CALCULEE_INCORRECTE',
          chemin: path,
          message: labels.prefix(
            path,
            `est calculé par Paperasse (${computation.description}) : ${formatValue(expected)} attendu, ${formatValue(typed)} saisi. Laissez ce champ vide pour qu’il soit rempli automatiquement`,
          ),
        });
      }
      (parent as Record<string, unknown>)[key] = expected;
    }
  }
  return { donnees: copy, erreurs: errors };
}

/** Returns a value written for a French reader (decimal comma). */
export function formatValue(v: unknown): string {
  if (typeof v === 'number') return v.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
  return JSON.stringify(v);
}
