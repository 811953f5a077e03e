/** Every registered form has its schema, a valid sample, and invalid samples that fail exactly as documented. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCatalogCode } from '../src/core/issues.ts';
import { FORMS } from '../src/forms/registry.ts';
import { INVALID_SAMPLES, ROOT, codes, invalidSamples, readJson, paperasse } from './helpers.ts';

describe('the form registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = FORMS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('registers every schema file except the shared definitions', () => {
    const files = readdirSync(`${ROOT}schemas`).filter((f) => f.endsWith('.schema.json')).sort();
    const expectedTypes = [...FORMS.map((f) => `${f.id}.schema.json`), 'communs.schema.json'].sort();
    expect(files).toEqual(expectedTypes);
  });

  it('declares every rule code once, in UPPER_SNAKE, outside the catalogue, with a French explanation', () => {
    for (const f of FORMS) {
      for (const r of f.rules) {
        expect(r.code, f.id).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
        expect(isCatalogCode(r.code), `${f.id} ${r.code}`).toBe(false);
        expect(r.description.length, `${f.id} ${r.code}`).toBeGreaterThan(20);
      }
    }
  });

  it('emits from its rules’ source only codes a registered rule declares (the validator refuses any other at run time)', () => {
    const declared = new Set(FORMS.flatMap((f) => f.rules.map((r) => r.code)));
    const dir = `${ROOT}src/forms/`;
    const literal = readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...readFileSync(dir + file, 'utf8').matchAll(/\berror\(\s*'([A-Z0-9_]+)'/g)].map((m) => ({ file, code: m[1] ?? '' })));
    expect(literal.length).toBeGreaterThan(0);
    expect(literal.filter((x) => !declared.has(x.code))).toEqual([]);
  });

  it('lists no rule code twice within a form', () => {
    for (const f of FORMS) {
      const c = f.rules.map((r) => r.code);
      expect(new Set(c).size, f.id).toBe(c.length);
    }
  });
});

describe.each(FORMS.map((f) => [f.id, f] as const))('form %s', (id, f) => {
  it('has a schema whose title is the form title and whose every property has a printed label and a description', () => {
    const schema = readJson(`schemas/${id}.schema.json`) as Record<string, unknown>;
    expect(schema.title).toBe(f.title);
    const untitled: string[] = [];
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string, conditional = false): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      const props = n.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, sub] of Object.entries(props ?? {})) {
        const hasTitle = typeof sub.title === 'string' || typeof sub.$ref === 'string';
        if (!hasTitle) untitled.push(`${path}/${key}`);
        // A property repeated inside if/then only to satisfy ajv's strict mode is described where it is declared.
        if (!conditional && typeof sub.description !== 'string' && typeof sub.$ref !== 'string') undescribed.push(`${path}/${key}`);
        walk(sub, `${path}/${key}`, conditional);
      }
      for (const key of ['items', '$defs', 'allOf', 'then', 'else']) {
        const v = n[key];
        const inBranch = conditional || key === 'then' || key === 'else';
        if (Array.isArray(v)) v.forEach((b, i) => walk(b, `${path}/${key}/${i}`, inBranch));
        else if (v && typeof v === 'object') {
          if (key === '$defs') for (const [k, d] of Object.entries(v)) walk(d, `${path}/$defs/${k}`);
          else walk(v, `${path}/${key}`, inBranch);
        }
      }
    };
    walk(schema, '');
    expect(untitled).toEqual([]);
    expect(undescribed).toEqual([]);
  });

  it('accepts its sample', () => {
    const r = paperasse().validate(id, readJson(`samples/${id}.json`));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.valeur.erreurs).toEqual([]);
  });

  it('has at least two invalid samples', () => {
    const n = invalidSamples().filter((e) => e.formulaire === id).length;
    expect(n).toBeGreaterThanOrEqual(2);
  });
});

describe.each(invalidSamples().map((e) => [e.file, e] as const))('invalid sample %s', (file, e) => {
  it('produces exactly its documented errors, each with a French message', () => {
    expect(existsSync(INVALID_SAMPLES + file)).toBe(true);
    expect(e.erreurs, `${file} needs its .attendu.json`).toBeDefined();
    const r = paperasse().validate(e.formulaire, readJson(`samples/invalides/${file}`));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.valeur.valide).toBe(false);
    expect(codes(r.valeur.erreurs)).toEqual(codes(e.erreurs ?? []));
    for (const err of r.valeur.erreurs) {
      expect(err.message.length).toBeGreaterThan(10);
      expect(err.message).not.toMatch(/\bmust\b|\bshould\b/);
    }
  });
});
