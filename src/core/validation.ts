/**
 * Validation of a form's data: the JSON Schema first (ajv), then, on schema-valid data, the form's computed
 * values and its rules. Every error carries a stable code, a JSON Pointer and a French message that names
 * the printed labels of the form, never the JSON keys.
 */
import type { ErrorObject } from 'ajv';
import { createRequire } from 'node:module';
import type { Erreur } from './erreurs.ts';
import { pointeur, segments, valeurA } from './pointeur.ts';
import type { CatalogueSchemas, NoeudSchema, Position } from './schemas.ts';
import type { Calcul, ContexteRegle, DefinitionFormulaire } from '../forms/types.ts';

// ajv-i18n is CommonJS whose typings declare a default export it does not have at run time: load it with require.
const localiserFr = createRequire(import.meta.url)('ajv-i18n/localize/fr') as (erreurs: ErrorObject[]) => void;

/** The outcome of validating one document. */
export interface ResultatValidation {
  valide: boolean;
  erreurs: Erreur[];
  /** The data with its computed values filled in (present when the data passed the schema). */
  donnees?: unknown;
}

const CODE_PAR_MOT_CLE: Record<string, string> = {
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

const TYPES_FR: Record<string, string> = {
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
export class Validateur {
  readonly #schemas: CatalogueSchemas;

  constructor(schemas: CatalogueSchemas) {
    this.#schemas = schemas;
  }

  /** Returns the validation result of `donnees` for `formulaire`. */
  valider(formulaire: DefinitionFormulaire, donnees: unknown): ResultatValidation {
    const fichier = `${formulaire.id}.schema.json`;
    const validerSchema = this.#schemas.validateur(fichier);
    const libelles = new Libelles(this.#schemas, fichier, donnees);
    if (!validerSchema(donnees)) {
      return { valide: false, erreurs: this.#traduire(validerSchema.errors ?? [], libelles) };
    }
    const { donnees: calculees, erreurs } = appliquerCalculs(formulaire.calculs, donnees, libelles);
    const ctx: ContexteRegle = {
      erreur: (code, chemin, texte) => ({ code, chemin, message: libelles.prefixe(chemin, texte) }),
      libelle: (chemin) => libelles.titreChamp(chemin),
    };
    for (const regle of formulaire.regles) erreurs.push(...regle.verifier(calculees, ctx));
    return { valide: erreurs.length === 0, erreurs: dedoublonner(erreurs), donnees: calculees };
  }

  #traduire(brutes: ErrorObject[], libelles: Libelles): Erreur[] {
    // Errors of the branches of an enum written as `oneOf: [{const, title}…]` are replaced by one error that
    // lists the allowed labels; `if` errors only repeat what the `then` errors already say.
    const enumsOneOf = brutes.filter((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && estEnumEtiquete(e.parentSchema));
    const masquees = (e: ErrorObject) =>
      e.keyword === 'if' ||
      enumsOneOf.some((o) => o !== e && e.instancePath === o.instancePath && e.schemaPath.startsWith(o.schemaPath + '/'));
    const gardees = brutes.filter((e) => !masquees(e));
    localiserFr(gardees);
    return dedoublonner(gardees.map((e) => this.#erreurDepuisAjv(e, libelles)));
  }

  #erreurDepuisAjv(e: ErrorObject, libelles: Libelles): Erreur {
    const p = e.params as Record<string, unknown>;
    const code = (e.keyword === 'oneOf' || e.keyword === 'anyOf') && estEnumEtiquete(e.parentSchema)
      ? 'VALEUR_NON_AUTORISEE'
      : (CODE_PAR_MOT_CLE[e.keyword] ?? 'STRUCTURE_INVALIDE');
    const chemin = e.instancePath;
    switch (e.keyword) {
      case 'required':
      case 'dependentRequired': {
        const manquant = pointeur([...segments(chemin), String(p.missingProperty)]);
        return { code, chemin: manquant, message: libelles.prefixe(manquant, 'est obligatoire') };
      }
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const cle = String(p.additionalProperty ?? p.unevaluatedProperty);
        const cheminCle = pointeur([...segments(chemin), cle]);
        return {
          code,
          chemin: cheminCle,
          message: libelles.prefixeConteneur(cheminCle, `le champ « ${cle} » n’existe pas sur ce formulaire (vérifiez l’orthographe de la clé)`),
        };
      }
      case 'type': {
        const attendus = String(p.type).split(',').map((t) => TYPES_FR[t] ?? t).join(' ou ');
        return { code, chemin, message: libelles.prefixe(chemin, `doit être ${attendus}`) };
      }
      case 'format': {
        const format = String(p.format);
        return { code, chemin, message: libelles.prefixe(chemin, `doit être ${FORMATS_FR[format] ?? `au format « ${format} »`}`) };
      }
      case 'pattern': {
        const schema = e.parentSchema;
        const aide = typeof schema?.description === 'string' ? ` (${schema.description.replace(/[.\s]+$/, '')})` : '';
        return { code, chemin, message: libelles.prefixe(chemin, `n’a pas le format attendu${aide}`) };
      }
      case 'enum':
      case 'const':
      case 'oneOf':
      case 'anyOf': {
        const options = libelles.options(chemin);
        if (code === 'VALEUR_NON_AUTORISEE' && options) {
          const liste = options.map((o) => `« ${o.libelle} » (${JSON.stringify(o.valeur)})`).join(', ');
          return { code, chemin, message: libelles.prefixe(chemin, `doit être l’un des choix du formulaire : ${liste}`) };
        }
        if (e.keyword === 'const') {
          const attendu = p.allowedValue;
          const texte = attendu === true ? 'doit être coché' : attendu === false ? 'ne doit pas être coché' : `doit valoir ${formaterValeur(attendu)}`;
          return { code, chemin, message: libelles.prefixe(chemin, texte) };
        }
        return { code, chemin, message: libelles.prefixe(chemin, e.message ?? 'valeur invalide') };
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const limite = formaterValeur(Number(p.limit));
        const texte = {
          minimum: `doit être supérieur ou égal à ${limite}`,
          maximum: `doit être inférieur ou égal à ${limite}`,
          exclusiveMinimum: `doit être strictement supérieur à ${limite}`,
          exclusiveMaximum: `doit être strictement inférieur à ${limite}`,
        }[e.keyword];
        return { code, chemin, message: libelles.prefixe(chemin, texte) };
      }
      case 'minItems':
      case 'maxItems': {
        const n = Number(p.limit);
        const texte = e.keyword === 'minItems' ? `doit contenir au moins ${n} ligne${n > 1 ? 's' : ''}` : `doit contenir au plus ${n} ligne${n > 1 ? 's' : ''}`;
        return { code, chemin, message: libelles.prefixe(chemin, texte) };
      }
      case 'uniqueItems':
        return { code, chemin, message: libelles.prefixe(chemin, `contient deux fois la même valeur (lignes ${Number(p.j) + 1} et ${Number(p.i) + 1})`) };
      case 'minLength': {
        if (Number(p.limit) === 1) return { code: 'CHAMP_OBLIGATOIRE', chemin, message: libelles.prefixe(chemin, 'est vide : il est obligatoire') };
        return { code, chemin, message: libelles.prefixe(chemin, `doit faire au moins ${String(p.limit)} caractères`) };
      }
      case 'maxLength':
        return { code, chemin, message: libelles.prefixe(chemin, `ne doit pas dépasser ${String(p.limit)} caractères`) };
      case 'multipleOf': {
        const pas = Number(p.multipleOf);
        const texte = pas === 0.5 ? 'doit être en points entiers ou en demi-points' : `doit être un multiple de ${String(pas).replace('.', ',')}`;
        return { code, chemin, message: libelles.prefixe(chemin, texte) };
      }
      default:
        return { code, chemin, message: libelles.prefixe(chemin, e.message ?? 'valeur invalide') };
    }
  }
}

function estEnumEtiquete(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as NoeudSchema;
  const branches = s.oneOf ?? s.anyOf;
  return Array.isArray(branches) && branches.length > 0 && branches.every((b) => b && typeof b === 'object' && 'const' in b);
}

function dedoublonner(erreurs: Erreur[]): Erreur[] {
  const vues = new Set<string>();
  return erreurs.filter((e) => {
    const cle = `${e.code}|${e.chemin}|${e.message}`;
    if (vues.has(cle)) return false;
    vues.add(cle);
    return true;
  });
}

/** Turns data paths into the printed labels of the form, for messages. */
export class Libelles {
  readonly #schemas: CatalogueSchemas;
  readonly #fichier: string;
  readonly #donnees: unknown;

  constructor(schemas: CatalogueSchemas, fichier: string, donnees: unknown) {
    this.#schemas = schemas;
    this.#fichier = fichier;
    this.#donnees = donnees;
  }

  /** Returns "context — "Field" text" for an error about the value at `chemin`. */
  prefixe(chemin: string, texte: string): string {
    const parties = segments(chemin);
    const positions = this.#schemas.chemin(this.#fichier, parties);
    const contexte = this.#contexte(parties, positions, parties.length - 1);
    if (parties.length === 0) return `${this.#titreRacine()} : ${texte}`;
    const dernier = parties.length - 1;
    const champ = this.#etiquette(parties, positions, dernier, true);
    return [...contexte, `${champ} ${texte}`].join(' — ');
  }

  /** Returns "context — text" for an error about a key that has no label of its own (an unknown field). */
  prefixeConteneur(chemin: string, texte: string): string {
    const parties = segments(chemin);
    const positions = this.#schemas.chemin(this.#fichier, parties);
    const contexte = this.#contexte(parties, positions, parties.length - 1);
    return [...contexte, texte.charAt(0).toUpperCase() + texte.slice(1)].join(' — ');
  }

  /** Returns the printed label of the field at `chemin` (its schema title, or its key when it has none). */
  titreChamp(chemin: string): string {
    const parties = segments(chemin);
    const positions = this.#schemas.chemin(this.#fichier, parties);
    const pos = positions[positions.length - 1];
    return (pos && this.#schemas.titre(pos)) ?? parties[parties.length - 1] ?? this.#titreRacine();
  }

  /** Returns the labelled options of the enum-like field at `chemin`. */
  options(chemin: string): Array<{ valeur: unknown; libelle: string }> | undefined {
    const positions = this.#schemas.chemin(this.#fichier, segments(chemin));
    const pos = positions[positions.length - 1];
    return pos ? this.#schemas.options(pos) : undefined;
  }

  #titreRacine(): string {
    const racine = this.#schemas.chemin(this.#fichier, [])[0];
    return (racine && this.#schemas.titre(racine)) ?? this.#fichier;
  }

  /** Labels of the containers before index `fin` (exclusive): objects by title, array items by "title n° k". */
  #contexte(parties: string[], positions: Array<Position | undefined>, fin: number): string[] {
    const etiquettes: string[] = [];
    for (let i = 0; i < fin; i++) {
      const suivantEstIndex = i + 1 < parties.length && /^(0|[1-9]\d*)$/.test(parties[i + 1] ?? '');
      if (suivantEstIndex) continue; // the item's own label ("Enfant n° 2") says it better than the list's
      etiquettes.push(this.#etiquette(parties, positions, i, false));
    }
    return etiquettes;
  }

  #etiquette(parties: string[], positions: Array<Position | undefined>, i: number, guillemets: boolean): string {
    const partie = parties[i] ?? '';
    const pos = positions[i + 1];
    const titre = pos ? this.#schemas.titre(pos) : undefined;
    if (/^(0|[1-9]\d*)$/.test(partie)) {
      const liste = positions[i];
      const nom = titre ?? (liste ? this.#schemas.titre(liste) : undefined) ?? 'Ligne';
      const element = valeurA(this.#donnees, parties.slice(0, i + 1));
      const numero = element && typeof element === 'object' && typeof (element as { numero?: unknown }).numero === 'number'
        ? (element as { numero: number }).numero
        : Number(partie) + 1;
      return `${nom} n° ${numero}`;
    }
    const nom = titre ?? partie;
    return guillemets ? `« ${nom} »` : nom;
  }
}

/** Fills the computed values of `calculs`, and reports any typed value that differs from the computed one. */
function appliquerCalculs(calculs: Calcul[], donnees: unknown, libelles: Libelles): { donnees: unknown; erreurs: Erreur[] } {
  if (calculs.length === 0) return { donnees, erreurs: [] };
  const copie = structuredClone(donnees);
  const erreurs: Erreur[] = [];
  for (const calcul of calculs) {
    for (const { parties, indices } of developperChemin(copie, segments(calcul.chemin))) {
      const attendu = calcul.calculer(copie, indices);
      if (attendu === undefined) continue;
      const parent = valeurA(copie, parties.slice(0, -1));
      const cle = parties[parties.length - 1];
      if (!parent || typeof parent !== 'object' || cle === undefined) continue;
      const saisi = (parent as Record<string, unknown>)[cle];
      const chemin = pointeur(parties);
      if (saisi !== undefined && JSON.stringify(saisi) !== JSON.stringify(attendu)) {
        erreurs.push({
          code: 'VALEUR_CALCULEE_INCORRECTE',
          chemin,
          message: libelles.prefixe(
            chemin,
            `est calculé par Paperasse (${calcul.description}) : ${formaterValeur(attendu)} attendu, ${formaterValeur(saisi)} saisi. Laissez ce champ vide pour qu’il soit rempli automatiquement`,
          ),
        });
      }
      (parent as Record<string, unknown>)[cle] = attendu;
    }
  }
  return { donnees: copie, erreurs };
}

function developperChemin(donnees: unknown, parties: string[]): Array<{ parties: string[]; indices: number[] }> {
  let courants: Array<{ parties: string[]; indices: number[] }> = [{ parties: [], indices: [] }];
  for (const p of parties) {
    if (p !== '*') {
      courants = courants.map((c) => ({ parties: [...c.parties, p], indices: c.indices }));
      continue;
    }
    const suivants: Array<{ parties: string[]; indices: number[] }> = [];
    for (const c of courants) {
      const liste = valeurA(donnees, c.parties);
      if (Array.isArray(liste)) liste.forEach((_, i) => suivants.push({ parties: [...c.parties, String(i)], indices: [...c.indices, i] }));
    }
    courants = suivants;
  }
  return courants;
}

/** Returns a value written for a French reader (decimal comma). */
export function formaterValeur(v: unknown): string {
  if (typeof v === 'number') return v.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
  return JSON.stringify(v);
}
