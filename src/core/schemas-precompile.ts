/**
 * Build step: writes each schema's validator as JavaScript (ajv's standalone code, CommonJS) into
 * `dist/validateurs/<file>.cjs`, stamped with the digest of the schemas it was made from, so that a command validates
 * without loading and running ajv's compiler (see `schemas.ts`). Run by `npm run build` after tsc.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSchemaCatalog, PRECOMPILED_DIR, schemaCompiler, schemaId, schemasDigest, SCHEMAS_DIR, type SchemaNode } from './schemas.ts';

const require = createRequire(import.meta.url);

/** Returns the number of validators written into `folder` for the schemas of `dossier`. */
export function writePrecompiledValidators(folder = PRECOMPILED_DIR, dossier = SCHEMAS_DIR): number {
  const catalog = createSchemaCatalog(dossier);
  const documents = new Map<string, SchemaNode>(catalog.files().map((file) => [file, catalog.document(file) ?? {}]));
  const digest = schemasDigest(documents);
  const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const file of documents.keys()) {
    // One ajv per file: the standalone code of a schema holds the schemas it refers to, and nothing else.
    const ajv = schemaCompiler(documents.values(), true);
    const code = standaloneCode(ajv, { valider: schemaId(file) });
    writeFileSync(`${folder}/${file}.cjs`, `${code}\nexports.empreinte = ${JSON.stringify(digest)};\n`);
  }
  return documents.size;
}
