/** What a form is: data (schema, source, rules, computed values), registered once in `registry.ts`. */
import type { Issue } from '../core/issues.ts';
import type { Template } from '../render/layout.ts';

/** Which seed text a form reproduces, and where in it. */
export interface FormSource {
  /** Seed file number in `../shared/seeds/` ("000", "003", "004"). */
  text: '000' | '001' | '002' | '003' | '004';
  /** Annex or section, as printed in the text ("annexe V", "§3.3"). */
  reference: string;
}

/** Helpers handed to a form rule so its messages name the printed labels, like schema errors do. */
export interface RuleContext {
  /** Returns an Issue whose message starts with the location's labels ("Fiche d'activité n° 3 — …"). */
  error(code: string, path: string, text: string): Issue;
  /** Returns the printed label of the field at `chemin`, in French quotes-free form ("Nom de l'entreprise"). */
  label(path: string): string;
}

/**
 * A rule JSON Schema cannot say. It only runs on data the schema accepted, so it may rely on the schema's
 * types; it returns one Erreur per problem found (none when the data is fine).
 */
export interface Rule {
  code: string;
  /** What the rule checks, in French, with the source it comes from (listed in the README). */
  description: string;
  check(data: unknown, ctx: RuleContext): Issue[];
}

/** A value the source text defines as computed: Paperasse fills it, and refuses a typed value that differs. */
export interface Computation {
  /** JSON Pointers of the computed values (with `*` for every index of an array). */
  path: string;
  description: string;
  /** Returns the computed value for the data at hand, or undefined when its inputs are absent. */
  compute(data: unknown, indices: number[]): unknown;
}

/** A registered form. */
export interface FormDefinition {
  /** Stable public id (kebab-case), also the schema and sample file name. */
  id: string;
  /** French title, as printed on the form. */
  title: string;
  source: FormSource;
  /** Version of the form's model; bumped whenever the schema changes incompatibly. */
  version: string;
  rules: Rule[];
  computations: Computation[];
  /** The printed layout (`templates/<id>.ts`), shared by the PDF and Word outputs. */
  template: Template;
}
