/**
 * The public API of Paperasse: list forms, read their schemas, validate data. The CLI and the server only
 * translate argv / HTTP into these calls.
 */
import { failure, success, type Result } from './core/issues.ts';
import { readJsonFile } from './core/json.ts';
import { createSchemaCatalog, type SchemaCatalog, type SchemaNode } from './core/schemas.ts';
import { Validator, type ValidationResult } from './core/validation.ts';
import { FORMS } from './forms/registry.ts';
import type { FormDefinition } from './forms/types.ts';

export type { Issue, Result } from './core/issues.ts';
export type { ValidationResult } from './core/validation.ts';
export type { FormDefinition } from './forms/types.ts';

/** A short public description of a form. */
export interface FormSummary {
  id: string;
  titre: string;
  source: string;
  version: string;
}

/** Paperasse's entry point; create one per process (schemas are loaded and compiled once) and share it. */
export class Paperasse {
  readonly #schemas: SchemaCatalog;
  readonly #validator: Validator;
  readonly #forms: ReadonlyMap<string, FormDefinition>;

  constructor(schemas: SchemaCatalog = createSchemaCatalog(), forms: readonly FormDefinition[] = FORMS) {
    this.#schemas = schemas;
    this.#validator = new Validator(schemas);
    this.#forms = new Map(forms.map((f) => [f.id, f]));
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
    const d = distance(word.toLowerCase(), c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const line = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = line[0] ?? 0;
    line[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = line[j] ?? 0;
      line[j] = Math.min((line[j] ?? 0) + 1, (line[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = temp;
    }
  }
  return line[b.length] ?? 0;
}
