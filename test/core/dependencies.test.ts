/**
 * Dependencies point one way (issue 11): core depends on nothing of the project; the safe PDF core (src/pdf) only on
 * core; the layout language, the
 * referentials, the forms' rules, the templates and the renderers each import only what lies below them; the
 * registry is the one place that pairs a form's rules with its template. Read from the import lines of every file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

/** Returns every TypeScript file under `dir` (relative to the repository root). */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

/** Returns the project files a source imports (static, re-exports and dynamic imports), relative to the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '');
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(dirname(join(ROOT, file)), s)));
}

/** Where a project file lives, by the folders the rules speak of. */
function layer(file: string): string {
  if (file === 'src/forms/registry.ts') return 'registry';
  const [top, second] = file.split('/');
  if (top === 'templates') return 'templates';
  if (top === 'src' && second !== undefined && !second.includes('.')) return second;
  return file;
}

/** What each layer may import (its own files always). */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  pdf: ['core', 'pdf'],
  layout: ['core', 'layout'],
  referentiels: ['core', 'referentiels'],
  forms: ['core', 'forms', 'referentiels'],
  templates: ['core', 'layout', 'referentiels', 'templates'],
  letters: ['core', 'layout', 'letters'],
  render: ['core', 'layout', 'letters', 'pdf', 'render', 'src/version.ts'],
  registry: ['core', 'forms', 'layout', 'templates'],
};

/** Folders that must not reach the forms or the templates (they are given them). */
const GIVEN_THEIR_FORMS = ['extract', 'dossier', 'store', 'render'];

const FILES = [...sources('src'), ...sources('templates')];

describe('dependencies point one way', () => {
  it('finds the import lines of the files it checks', () => {
    expect(importsOf('src/forms/registry.ts')).toContain('templates/fiche-client.ts');
    expect(importsOf('src/core/validation.ts')).toContain('src/core/forms.ts');
  });

  for (const [from, allowed] of Object.entries(ALLOWED)) {
    it(`${from} imports only ${allowed.join(', ')}`, () => {
      const wrong = FILES.filter((f) => layer(f) === from).flatMap((f) =>
        importsOf(f)
          .filter((target) => !allowed.includes(layer(target)))
          .map((target) => `${f} → ${target}`),
      );
      expect(wrong).toEqual([]);
    });
  }

  it('leaves the pairing of rules and templates to the registry: nothing else of src imports a template or a form’s rules but the entry points', () => {
    const wrong = FILES.filter((f) => GIVEN_THEIR_FORMS.includes(layer(f))).flatMap((f) =>
      importsOf(f)
        .filter((target) => ['forms', 'templates', 'registry'].includes(layer(target)))
        .map((target) => `${f} → ${target}`),
    );
    expect(wrong).toEqual([]);
  });
});
