/**
 * The schema catalogue: every `schemas/*.schema.json` loaded once, compiled by ajv (JSON Schema 2020-12,
 * strict mode, formats), and a navigator that finds the sub-schema (hence the printed label) of any path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** Where the JSON Schemas live, relative to this module. */
export const DOSSIER_SCHEMAS = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** Base of every schema `$id`; a schema's id is this base + its file name. */
export const BASE_ID = 'https://schemas.paperasse.fr/v1/';

/** A JSON Schema node, as read from disk. */
export type NoeudSchema = { [cle: string]: unknown };

/** A sub-schema together with the id of the document it belongs to (needed to resolve its relative $refs). */
export interface Position {
  noeud: NoeudSchema;
  base: string;
}

/** Returns the `$id` a schema file is registered under. */
export function idSchema(fichier: string): string {
  return BASE_ID + fichier;
}

/** Loaded and compiled schemas; create one per process with `creerCatalogueSchemas` and pass it around. */
export class CatalogueSchemas {
  readonly #ajv: Ajv2020;
  readonly #documents = new Map<string, NoeudSchema>();
  readonly #validateurs = new Map<string, ValidateFunction>();

  constructor(documents: ReadonlyMap<string, NoeudSchema>) {
    this.#ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true, allowUnionTypes: true });
    addFormats.default(this.#ajv);
    for (const [fichier, schema] of documents) {
      const id = idSchema(fichier);
      if (schema.$id !== id) throw new Error(`schemas/${fichier}: $id must be ${id}`);
      this.#documents.set(id, schema);
      this.#ajv.addSchema(schema);
    }
  }

  /** Returns the file names of every loaded schema. */
  fichiers(): string[] {
    return [...this.#documents.keys()].map((id) => id.slice(BASE_ID.length));
  }

  /** Returns the raw schema document of a file, or undefined. */
  document(fichier: string): NoeudSchema | undefined {
    return this.#documents.get(idSchema(fichier));
  }

  /** Returns the compiled validator of a schema file (compiled on first use, then kept). */
  validateur(fichier: string): ValidateFunction {
    const id = idSchema(fichier);
    let v = this.#validateurs.get(id);
    if (!v) {
      v = this.#ajv.getSchema(id);
      if (!v) throw new Error(`unknown schema ${fichier}`);
      this.#validateurs.set(id, v);
    }
    return v;
  }

  /** Returns the schema node a `$ref` points to, resolved against `base`. */
  resoudreRef(ref: string, base: string): Position | undefined {
    const [adresse = '', fragment = ''] = ref.split('#', 2);
    const cible = adresse === '' ? base : new URL(adresse, base).href;
    let noeud: unknown = this.#documents.get(cible);
    if (fragment !== '') {
      for (const partie of fragment.replace(/^\//, '').split('/')) {
        const cle = decodeURIComponent(partie).replace(/~1/g, '/').replace(/~0/g, '~');
        noeud = noeud && typeof noeud === 'object' ? (noeud as NoeudSchema)[cle] : undefined;
      }
    }
    return noeud && typeof noeud === 'object' ? { noeud: noeud as NoeudSchema, base: cible } : undefined;
  }

  /** Returns the first `title` found on a node or along its `$ref` chain. */
  titre(pos: Position): string | undefined {
    let courante: Position | undefined = pos;
    for (let i = 0; courante && i < 16; i++) {
      if (typeof courante.noeud.title === 'string') return courante.noeud.title;
      const ref: unknown = courante.noeud.$ref;
      courante = typeof ref === 'string' ? this.resoudreRef(ref, courante.base) : undefined;
    }
    return undefined;
  }

  /**
   * Returns the sub-schema describing `segment` (a property name or an array index) of the value described by
   * `pos`, looking through $ref, allOf, anyOf, oneOf and if/then/else.
   */
  enfant(pos: Position, segment: string, profondeur = 0): Position | undefined {
    if (profondeur > 24) return undefined;
    const { noeud, base } = pos;
    const estIndex = /^(0|[1-9]\d*)$/.test(segment);
    const proprietes = noeud.properties as Record<string, NoeudSchema> | undefined;
    if (proprietes && Object.prototype.hasOwnProperty.call(proprietes, segment)) {
      return { noeud: proprietes[segment] as NoeudSchema, base };
    }
    if (estIndex) {
      const prefixe = noeud.prefixItems as NoeudSchema[] | undefined;
      const positionnel = prefixe?.[Number(segment)];
      if (positionnel) return { noeud: positionnel, base };
      if (noeud.items && typeof noeud.items === 'object') return { noeud: noeud.items as NoeudSchema, base };
    }
    const suivants: Position[] = [];
    if (typeof noeud.$ref === 'string') {
      const cible = this.resoudreRef(noeud.$ref, base);
      if (cible) suivants.push(cible);
    }
    for (const cle of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = noeud[cle];
      if (Array.isArray(branches)) for (const b of branches as NoeudSchema[]) suivants.push({ noeud: b, base });
    }
    for (const cle of ['then', 'else'] as const) {
      const b = noeud[cle];
      if (b && typeof b === 'object') suivants.push({ noeud: b as NoeudSchema, base });
    }
    for (const s of suivants) {
      const trouve = this.enfant(s, segment, profondeur + 1);
      if (trouve) return trouve;
    }
    return undefined;
  }

  /** Returns the positions of the schema nodes along a data path, starting with the root (undefined past a gap). */
  chemin(fichier: string, parties: ReadonlyArray<string>): Array<Position | undefined> {
    const racine = this.#documents.get(idSchema(fichier));
    const positions: Array<Position | undefined> = [racine ? { noeud: racine, base: idSchema(fichier) } : undefined];
    let courante = positions[0];
    for (const p of parties) {
      courante = courante ? this.enfant(courante, p) : undefined;
      positions.push(courante);
    }
    return positions;
  }

  /** Returns the labelled options (`oneOf` of `const` + `title`) of an enum-like node, or undefined. */
  options(pos: Position): Array<{ valeur: unknown; libelle: string }> | undefined {
    let courante: Position | undefined = pos;
    for (let i = 0; courante && i < 16; i++) {
      const branches = courante.noeud.oneOf ?? courante.noeud.anyOf;
      if (Array.isArray(branches) && branches.length > 0 && branches.every((b) => b && typeof b === 'object' && 'const' in b)) {
        return (branches as NoeudSchema[]).map((b) => ({ valeur: b.const, libelle: typeof b.title === 'string' ? b.title : String(b.const) }));
      }
      if (Array.isArray(courante.noeud.enum)) return (courante.noeud.enum as unknown[]).map((v) => ({ valeur: v, libelle: String(v) }));
      const ref: unknown = courante.noeud.$ref;
      courante = typeof ref === 'string' ? this.resoudreRef(ref, courante.base) : undefined;
    }
    return undefined;
  }
}

/** Returns a catalogue of every schema in `dossier` (default: the project's `schemas/`). */
export function creerCatalogueSchemas(dossier = DOSSIER_SCHEMAS): CatalogueSchemas {
  const documents = new Map<string, NoeudSchema>();
  for (const fichier of readdirSync(dossier).filter((f) => f.endsWith('.schema.json')).sort()) {
    documents.set(fichier, JSON.parse(readFileSync(dossier + fichier, 'utf8')) as NoeudSchema);
  }
  return new CatalogueSchemas(documents);
}
