/**
 * The validators `npm run build` writes as JavaScript (dist/validateurs/, ajv's standalone code) answer exactly as the
 * validators ajv compiles at run time, on every sample and invalid sample; a stamp made from other schemas is ignored.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePrecompiledValidators } from '../../src/core/schemas-precompile.ts';
import { createSchemaCatalog, SchemaCatalog, type SchemaNode } from '../../src/core/schemas.ts';
import { projectPath } from '../../src/core/paths.ts';

const require = createRequire(import.meta.url);
let folder = '';
const catalog = createSchemaCatalog();
const documents = new Map<string, SchemaNode>(catalog.files().map((file) => [file, catalog.document(file) ?? {}]));

beforeAll(() => {
  // Inside the project, as dist/validateurs is: the generated code requires ajv's runtime from node_modules.
  mkdirSync(projectPath('tmp'), { recursive: true });
  folder = mkdtempSync(join(projectPath('tmp'), 'validateurs-'));
  expect(writePrecompiledValidators(folder)).toBe(documents.size);
}, 120_000);

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

/** Every sample data file with the schema file it is written for (the longest schema id its name starts with). */
function samples(): Array<{ file: string; schema: string }> {
  const ids = [...documents.keys()].map((f) => f.replace(/\.schema\.json$/, '')).sort((a, b) => b.length - a.length);
  const out: Array<{ file: string; schema: string }> = [];
  for (const sub of ['samples', 'samples/invalides', 'samples/non-conformes']) {
    for (const name of readdirSync(projectPath(sub)).filter((n) => n.endsWith('.json') && !n.endsWith('.attendu.json'))) {
      const id = ids.find((i) => name.startsWith(i));
      if (id !== undefined) out.push({ file: `${sub}/${name}`, schema: `${id}.schema.json` });
    }
  }
  return out;
}

describe('precompiled validators', () => {
  it('cover every sample and invalid sample', () => {
    expect(samples().length).toBeGreaterThan(40);
  });

  it.each(samples())('$file: the same verdict and errors as the validator ajv compiles', ({ file, schema }) => {
    const data: unknown = JSON.parse(readFileSync(projectPath(file), 'utf8'));
    const built = new SchemaCatalog(documents, folder).validator(schema);
    const compiled = new SchemaCatalog(documents, undefined).validator(schema);
    expect(built).toBe((require(`${folder}/${schema}.cjs`) as { valider: unknown }).valider);
    const verdict = compiled(data);
    expect(built(data)).toBe(verdict);
    expect(built.errors ?? null).toEqual(compiled.errors ?? null);
  });

  it('are not used when the schemas changed since the build: ajv compiles them', () => {
    const changed = new Map(documents);
    const file = 'fiche-client.schema.json';
    changed.set(file, { ...documents.get(file), description: 'modifié après la construction' });
    const v = new SchemaCatalog(changed, folder).validator(file);
    expect(v).not.toBe((require(`${folder}/${file}.cjs`) as { valider: unknown }).valider);
    expect(v({})).toBe(false);
  });
});
