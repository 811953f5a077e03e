/**
 * What a form's rules are, independently of how it is printed: the generic form-definition types (rules,
 * computed values, the context a rule is given). Forms (`src/forms/`) build on these; the registry pairs each
 * form with its schema and its printed layout.
 */
import { isCatalogCode, type Issue, type RuleCode } from './issues.ts';

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
  /** Today's date (AAAA-MM-JJ, Europe/Paris unless a clock was given), for rules about dates in the future. */
  today: string;
  /** The caller's parameters of this validation (a formation calendar…), read by the forms that declare them. */
  parametres: FormParameters;
}

/** Parameters a caller hands to every rule and computation of one validation, by name (`calendrier`…). */
export type FormParameters = Readonly<Record<string, unknown>>;

/**
 * A rule JSON Schema cannot say. It only runs on data the schema accepted, so it may rely on the schema's
 * types; it returns one Erreur per problem found (none when the data is fine). Its `code` and `description`
 * declare the one code it may emit and what it means (listed in the README).
 */
export interface Rule {
  code: string;
  /** What the rule checks, in French, with the source it comes from (listed in the README). */
  description: string;
  check(data: unknown, ctx: RuleContext): Issue[];
  /** True for a warning: what the rule reports goes to the result's `avertissements` and leaves the data valid. */
  avertissement?: boolean;
}

/** A value the source text defines as computed: Paperasse fills it, and refuses a typed value that differs. */
export interface Computation {
  /** JSON Pointers of the computed values (with `*` for every index of an array). */
  path: string;
  description: string;
  /** Returns the computed value for the data at hand, or undefined when its inputs are absent. */
  compute(data: unknown, indices: number[], parametres: FormParameters): unknown;
}

/** A form's rules: everything of a form but its printed layout (paired with it in the registry). */
export interface FormRules {
  /** Stable public id (kebab-case), also the schema and sample file name. */
  id: string;
  /** French title, as printed on the form. */
  title: string;
  source: FormSource;
  /** Version of the form's model; bumped whenever the schema changes incompatibly. */
  version: string;
  rules: Rule[];
  computations: Computation[];
}

/** Returns the codes a form's rules declare, with their French explanation (the rules' descriptions). */
export function ruleCodes(form: Pick<FormRules, 'rules'>): Map<string, string> {
  return new Map(form.rules.map((r) => [r.code, r.description]));
}

/**
 * Returns `code` as the code of `rule`'s error. A rule emits only the code it declares; anything else is a bug
 * of Paperasse (thrown, so it becomes ERREUR_INTERNE), never an undeclared code shown to a user.
 */
export function declaredCode(rule: Pick<Rule, 'code'>, code: string): RuleCode {
  if (code !== rule.code || isCatalogCode(code)) throw new Error(`a rule declared as ${rule.code} emitted the code ${code}`);
  return code as RuleCode;
}

/** A source of today's date (AAAA-MM-JJ), injectable so date rules can be tested on a fixed day. */
export type Clock = () => string;

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Returns today's date in Europe/Paris (AAAA-MM-JJ): the default clock. */
export const parisClock: Clock = () => PARIS_DAY.format(new Date());

/** Returns a clock that always answers `day` (AAAA-MM-JJ), for tests and reproducible runs. */
export function fixedClock(day: string): Clock {
  return () => day;
}
