/**
 * The schema catalogue: every `schemas/*.schema.json` loaded once, compiled by ajv (JSON Schema 2020-12,
 * strict mode, formats), and a navigator that finds the sub-schema (hence the printed label) of any path.
 *
 * Compiling a form's schema costs ajv a few hundred milliseconds, most of a one-file CLI run: `npm run build` (which
 * `npm ci` runs) writes each schema's validator as JavaScript into `dist/validateurs/` (ajv's standalone code, see
 * `schemas-precompile.ts`), stamped with the digest of every schema it was made from. A validator is taken from there
 * when its stamp matches the schemas loaded, and compiled by ajv otherwise (sources being edited, another folder).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { projectPath } from './paths.ts';

/** Where `npm run build` writes the precompiled validators (one CommonJS module per schema file). */
export const PRECOMPILED_DIR = projectPath('dist', 'validateurs');

/** The options every validator is compiled with, at run time and at build time. */
export const AJV_OPTIONS = { strict: true, allErrors: true, verbose: true, allowUnionTypes: true } as const;

const require = createRequire(import.meta.url);

/** Where the JSON Schemas live, relative to this module. */
export const SCHEMAS_DIR = `${projectPath('schemas')}/`;

/** Base of every schema `$id`; a schema's id is this base + its file name. */
export const BASE_ID = 'https://schemas.paperasse.fr/v1/';

/** A JSON Schema node, as read from disk. */
export type SchemaNode = { [key: string]: unknown };

/** A sub-schema together with the id of the document it belongs to (needed to resolve its relative $refs). */
export interface Position {
  node: SchemaNode;
  base: string;
}

/** Longest `$ref` chain followed from one node. */
const MAX_REF_CHAIN = 16;

/** An option of a choice, as the schema lists it (`oneOf` of `const` + `title`, or `enum`). */
export interface SchemaOption {
  valeur: unknown;
  libelle: string;
}

/** What the schema says about one value (`SchemaCatalog.describe`). */
export interface ValueDescription {
  /** JSON type (`string`, `integer`, `number`, `boolean`, `array`, `object`); `string` for a choice without one; undefined when the schema says none. */
  type: string | undefined;
  format: string | undefined;
  maxLength: number | undefined;
  /** The `$ref`s followed from the node, in order (`communs.schema.json#/$defs/montant`…). */
  refs: string[];
  /** The printed label. */
  title: string | undefined;
  /** The options of a single choice. */
  options: SchemaOption[] | undefined;
  /** The options of a multiple choice (an array of consts). */
  itemOptions: SchemaOption[] | undefined;
}

/** Returns the `$id` a schema file is registered under. */
export function schemaId(file: string): string {
  return BASE_ID + file;
}

/** Loaded and compiled schemas; create one per process with `createSchemaCatalog` and pass it around. */
export class SchemaCatalog {
  #ajv: Ajv2020 | undefined;
  readonly #documents = new Map<string, SchemaNode>();
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #digest: string;
  readonly #precompiled: string | undefined;

  /** `precompiled`: the folder of build-time validators to use when their stamp matches (undefined: always compile). */
  constructor(documents: ReadonlyMap<string, SchemaNode>, precompiled: string | undefined = PRECOMPILED_DIR) {
    for (const [file, schema] of documents) {
      const id = schemaId(file);
      if (schema.$id !== id) throw new Error(`schemas/${file}: $id must be ${id}`);
      this.#documents.set(id, schema);
    }
    this.#digest = schemasDigest(documents);
    this.#precompiled = precompiled;
  }

  /** Returns the file names of every loaded schema. */
  files(): string[] {
    return [...this.#documents.keys()].map((id) => id.slice(BASE_ID.length));
  }

  /** Returns the raw schema document of a file, or undefined. */
  document(file: string): SchemaNode | undefined {
    return this.#documents.get(schemaId(file));
  }

  /** Returns the compiled validator of a schema file (precompiled, or compiled on first use; then kept). */
  validator(file: string): ValidateFunction {
    const id = schemaId(file);
    let v = this.#validators.get(id);
    if (!v) {
      if (!this.#documents.has(id)) throw new Error(`unknown schema ${file}`);
      v = this.#precompiledValidator(file) ?? this.#compiler().getSchema(id);
      if (!v) throw new Error(`unknown schema ${file}`);
      this.#validators.set(id, v);
    }
    return v;
  }

  /** Returns the build-time validator of a schema file when it was made from exactly these schemas, else undefined. */
  #precompiledValidator(file: string): ValidateFunction | undefined {
    if (this.#precompiled === undefined) return undefined;
    const path = `${this.#precompiled}/${file}.cjs`;
    if (!existsSync(path)) return undefined;
    const module = require(path) as { empreinte?: unknown; valider?: ValidateFunction };
    return module.empreinte === this.#digest && typeof module.valider === 'function' ? module.valider : undefined;
  }

  /** Returns ajv with every schema added (created on first need: loading ajv is part of a command's start-up time). */
  #compiler(): Ajv2020 {
    this.#ajv ??= schemaCompiler(this.#documents.values());
    return this.#ajv;
  }

  /** Returns the schema node a `$ref` points to, resolved against `base`. */
  resolveRef(ref: string, base: string): Position | undefined {
    const [address = '', fragment = ''] = ref.split('#', 2);
    const target = address === '' ? base : new URL(address, base).href;
    let node: unknown = this.#documents.get(target);
    if (fragment !== '') {
      for (const part of fragment.replace(/^\//, '').split('/')) {
        const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
        node = node && typeof node === 'object' ? (node as SchemaNode)[key] : undefined;
      }
    }
    return node && typeof node === 'object' ? { node: node as SchemaNode, base: target } : undefined;
  }

  /** Returns the node at `pos` followed by the nodes its `$ref` chain leads to (at most MAX_REF_CHAIN nodes). */
  refChain(pos: Position): Position[] {
    const chain: Position[] = [];
    let current: Position | undefined = pos;
    while (current !== undefined && chain.length < MAX_REF_CHAIN) {
      chain.push(current);
      const ref: unknown = current.node.$ref;
      current = typeof ref === 'string' ? this.resolveRef(ref, current.base) : undefined;
    }
    return chain;
  }

  /** Returns the first `title` found on a node or along its `$ref` chain. */
  title(pos: Position): string | undefined {
    return this.refChain(pos).find((p) => typeof p.node.title === 'string')?.node.title as string | undefined;
  }

  /**
   * Returns what the schema says about the value at `pos`, read along its `$ref` chain (the first type, format,
   * maximum length and title found, the `$ref`s followed, and the options of a single or a multiple choice).
   * The one schema describer, used by validation messages, rendering and extraction.
   */
  describe(pos: Position): ValueDescription {
    const chain = this.refChain(pos);
    const first = (key: string, kind: 'string' | 'number') => chain.map((p) => p.node[key]).find((v) => typeof v === kind);
    const options = this.options(pos);
    let type = first('type', 'string') as string | undefined;
    if (type === undefined && options !== undefined) type = 'string';
    let itemOptions: SchemaOption[] | undefined;
    if (type === 'array') {
      const items = this.child(pos, '0');
      itemOptions = items === undefined ? undefined : this.options(items);
    }
    return {
      type,
      format: first('format', 'string') as string | undefined,
      maxLength: first('maxLength', 'number') as number | undefined,
      refs: chain.map((p) => p.node.$ref).filter((r): r is string => typeof r === 'string'),
      title: this.title(pos),
      options,
      itemOptions,
    };
  }

  /**
   * Returns the position and the sub-schemas that always apply with it: its `$ref` targets and `allOf` branches
   * (not the conditional ones).
   */
  unconditional(pos: Position): Position[] {
    const found: Position[] = [];
    const stack: Position[] = [pos];
    while (stack.length > 0 && found.length < MAX_REF_CHAIN * 4) {
      const current = stack.pop();
      if (current === undefined) break;
      found.push(current);
      if (typeof current.node.$ref === 'string') {
        const target = this.resolveRef(current.node.$ref, current.base);
        if (target !== undefined) stack.push(target);
      }
      const branches = current.node.allOf;
      if (Array.isArray(branches)) for (const b of branches as SchemaNode[]) stack.push({ node: b, base: current.base });
    }
    return found;
  }

  /**
   * Returns the sub-schema describing `segment` (a property name or an array index) of the value described by
   * `pos`, looking through $ref, allOf, anyOf, oneOf and (unless `conditional` is false) if/then/else.
   */
  child(pos: Position, segment: string, depth = 0, conditional = true): Position | undefined {
    if (depth > 24) return undefined;
    const { node, base } = pos;
    const isIndex = /^(0|[1-9]\d*)$/.test(segment);
    const properties = node.properties as Record<string, SchemaNode> | undefined;
    if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) {
      return { node: properties[segment] as SchemaNode, base };
    }
    if (isIndex) {
      const prefix = node.prefixItems as SchemaNode[] | undefined;
      const positional = prefix?.[Number(segment)];
      if (positional) return { node: positional, base };
      if (node.items && typeof node.items === 'object') return { node: node.items as SchemaNode, base };
    }
    for (const s of this.#subSchemas(pos, conditional)) {
      const found = this.child(s, segment, depth + 1, conditional);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Returns the property names of the object described by `pos`, in the order the form prints them: its own
   * `properties`, then those of its `$ref`, `allOf` branches and `then`/`else` branches, each once.
   */
  propertyOrder(pos: Position, depth = 0): string[] {
    if (depth > 24) return [];
    const names = Object.keys((pos.node.properties as Record<string, unknown> | undefined) ?? {});
    for (const s of this.#subSchemas(pos, true)) for (const name of this.propertyOrder(s, depth + 1)) if (!names.includes(name)) names.push(name);
    return names;
  }

  /** Returns the sub-schemas that also describe the value at `pos`: its $ref target, allOf/anyOf/oneOf branches and, if `conditional`, then/else. */
  #subSchemas(pos: Position, conditional: boolean): Position[] {
    const { node, base } = pos;
    const next: Position[] = [];
    if (typeof node.$ref === 'string') {
      const target = this.resolveRef(node.$ref, base);
      if (target) next.push(target);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = node[key];
      if (Array.isArray(branches)) for (const b of branches as SchemaNode[]) next.push({ node: b, base });
    }
    for (const key of conditional ? (['then', 'else'] as const) : []) {
      const b = node[key];
      if (b && typeof b === 'object') next.push({ node: b as SchemaNode, base });
    }
    return next;
  }

  /** Returns the positions of the schema nodes along a data path, starting with the root (undefined past a gap). */
  path(file: string, parts: ReadonlyArray<string>): Array<Position | undefined> {
    const root = this.#documents.get(schemaId(file));
    const positions: Array<Position | undefined> = [root ? { node: root, base: schemaId(file) } : undefined];
    let current = positions[0];
    for (const p of parts) {
      current = current ? this.child(current, p) : undefined;
      positions.push(current);
    }
    return positions;
  }

  /** Returns the labelled options (`oneOf` of `const` + `title`) of an enum-like node, or undefined. */
  options(pos: Position): SchemaOption[] | undefined {
    for (const { node } of this.refChain(pos)) {
      const branches = node.oneOf ?? node.anyOf;
      if (Array.isArray(branches) && branches.length > 0 && branches.every((b) => b && typeof b === 'object' && 'const' in b)) {
        return (branches as SchemaNode[]).map((b) => ({ valeur: b.const, libelle: typeof b.title === 'string' ? b.title : String(b.const) }));
      }
      if (Array.isArray(node.enum)) return (node.enum as unknown[]).map((v) => ({ valeur: v, libelle: String(v) }));
    }
    return undefined;
  }
}

/** Returns an ajv instance holding `schemas`, with the catalogue's options and formats (`source`: keeps the code for standalone output). */
export function schemaCompiler(schemas: Iterable<SchemaNode>, source = false): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv({ ...AJV_OPTIONS, ...(source && { code: { source: true } }) });
  addFormats(ajv);
  for (const schema of schemas) ajv.addSchema(schema);
  return ajv;
}

/** Returns the digest (SHA-256, hex) of a set of schema documents, which stamps the validators made from them. */
export function schemasDigest(documents: ReadonlyMap<string, SchemaNode>): string {
  const hash = createHash('sha256');
  for (const file of [...documents.keys()].sort()) hash.update(`${file}\n${JSON.stringify(documents.get(file))}\n`);
  return hash.digest('hex');
}

/** Returns a catalogue of every schema in `dossier` (default: the project's `schemas/`). */
export function createSchemaCatalog(dossier = SCHEMAS_DIR): SchemaCatalog {
  const documents = new Map<string, SchemaNode>();
  for (const file of readdirSync(dossier).filter((f) => f.endsWith('.schema.json')).sort()) {
    documents.set(file, JSON.parse(readFileSync(dossier + file, 'utf8')) as SchemaNode);
  }
  return new SchemaCatalog(documents);
}
