/** What a form is: data (schema, source, rules, computed values), registered once in `registry.ts`. */
import type { Erreur } from '../core/erreurs.ts';

/** Which seed text a form reproduces, and where in it. */
export interface SourceFormulaire {
  /** Seed file number in `../shared/seeds/` ("000", "003", "004"). */
  texte: '000' | '001' | '002' | '003' | '004';
  /** Annex or section, as printed in the text ("annexe V", "§3.3"). */
  reference: string;
}

/** Helpers handed to a form rule so its messages name the printed labels, like schema errors do. */
export interface ContexteRegle {
  /** Returns an Erreur whose message starts with the location's labels ("Fiche d'activité n° 3 — …"). */
  erreur(code: string, chemin: string, texte: string): Erreur;
  /** Returns the printed label of the field at `chemin`, in French quotes-free form ("Nom de l'entreprise"). */
  libelle(chemin: string): string;
}

/**
 * A rule JSON Schema cannot say. It only runs on data the schema accepted, so it may rely on the schema's
 * types; it returns one Erreur per problem found (none when the data is fine).
 */
export interface Regle {
  code: string;
  /** What the rule checks, in French, with the source it comes from (listed in the README). */
  description: string;
  verifier(donnees: unknown, ctx: ContexteRegle): Erreur[];
}

/** A value the source text defines as computed: Paperasse fills it, and refuses a typed value that differs. */
export interface Calcul {
  /** JSON Pointers of the computed values (with `*` for every index of an array). */
  chemin: string;
  description: string;
  /** Returns the computed value for the data at hand, or undefined when its inputs are absent. */
  calculer(donnees: unknown, indices: number[]): unknown;
}

/** A registered form. */
export interface DefinitionFormulaire {
  /** Stable public id (kebab-case), also the schema and sample file name. */
  id: string;
  /** French title, as printed on the form. */
  titre: string;
  source: SourceFormulaire;
  /** Version of the form's model; bumped whenever the schema changes incompatibly. */
  version: string;
  regles: Regle[];
  calculs: Calcul[];
}
