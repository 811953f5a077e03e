/**
 * The public API of Paperasse: list forms, read their schemas, validate data. The CLI and the server only
 * translate argv / HTTP into these calls.
 */
import { echec, succes, type Resultat } from './core/erreurs.ts';
import { lireFichierJson } from './core/json.ts';
import { creerCatalogueSchemas, type CatalogueSchemas, type NoeudSchema } from './core/schemas.ts';
import { Validateur, type ResultatValidation } from './core/validation.ts';
import { FORMULAIRES } from './forms/registry.ts';
import type { DefinitionFormulaire } from './forms/types.ts';

export type { Erreur, Resultat } from './core/erreurs.ts';
export type { ResultatValidation } from './core/validation.ts';
export type { DefinitionFormulaire } from './forms/types.ts';

/** A short public description of a form. */
export interface ResumeFormulaire {
  id: string;
  titre: string;
  source: string;
  version: string;
}

/** Paperasse's entry point; create one per process (schemas are loaded and compiled once) and share it. */
export class Paperasse {
  readonly #schemas: CatalogueSchemas;
  readonly #validateur: Validateur;
  readonly #formulaires: ReadonlyMap<string, DefinitionFormulaire>;

  constructor(schemas: CatalogueSchemas = creerCatalogueSchemas(), formulaires: readonly DefinitionFormulaire[] = FORMULAIRES) {
    this.#schemas = schemas;
    this.#validateur = new Validateur(schemas);
    this.#formulaires = new Map(formulaires.map((f) => [f.id, f]));
  }

  /** Returns every registered form's summary, in registry order. */
  formulaires(): ResumeFormulaire[] {
    return [...this.#formulaires.values()].map(resumer);
  }

  /** Returns the definition of form `id`, or FORMULAIRE_INCONNU (with the closest id as a suggestion). */
  formulaire(id: string): Resultat<DefinitionFormulaire> {
    const f = this.#formulaires.get(id);
    if (f) return succes(f);
    const proche = plusProche(id, [...this.#formulaires.keys()]);
    const suggestion = proche ? ` Vouliez-vous dire « ${proche} » ?` : '';
    return echec('FORMULAIRE_INCONNU', id, `Aucun formulaire ne s’appelle « ${id} ».${suggestion} La commande « paperasse forms » les liste.`);
  }

  /** Returns the JSON Schema of form `id`. */
  schema(id: string): Resultat<NoeudSchema> {
    const f = this.formulaire(id);
    if (!f.ok) return f;
    const doc = this.#schemas.document(`${id}.schema.json`);
    return doc ? succes(doc) : echec('FORMULAIRE_INCONNU', id, `Le schéma du formulaire « ${id} » est absent.`);
  }

  /** Returns the validation result of `donnees` for form `id`. */
  valider(id: string, donnees: unknown): Resultat<ResultatValidation> {
    const f = this.formulaire(id);
    if (!f.ok) return f;
    return succes(this.#validateur.valider(f.valeur, donnees));
  }

  /** Returns the validation result of a JSON file for form `id`, or the error that kept it from being read. */
  async validerFichier(id: string, chemin: string): Promise<Resultat<ResultatValidation>> {
    const f = this.formulaire(id);
    if (!f.ok) return f;
    const lu = await lireFichierJson(chemin);
    if (!lu.ok) return lu;
    return succes(this.#validateur.valider(f.valeur, lu.valeur));
  }
}

function resumer(f: DefinitionFormulaire): ResumeFormulaire {
  return { id: f.id, titre: f.titre, source: `${f.source.texte}, ${f.source.reference}`, version: f.version };
}

function plusProche(mot: string, candidats: string[]): string | undefined {
  let meilleur: string | undefined;
  let distanceMin = Math.max(3, Math.floor(mot.length / 3)) + 1;
  for (const c of candidats) {
    const d = distance(mot.toLowerCase(), c);
    if (d < distanceMin) {
      distanceMin = d;
      meilleur = c;
    }
  }
  return meilleur;
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const ligne = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let precedent = ligne[0] ?? 0;
    ligne[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = ligne[j] ?? 0;
      ligne[j] = Math.min((ligne[j] ?? 0) + 1, (ligne[j - 1] ?? 0) + 1, precedent + (a[i - 1] === b[j - 1] ? 0 : 1));
      precedent = temp;
    }
  }
  return ligne[b.length] ?? 0;
}
