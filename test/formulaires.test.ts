/** Every registered form has its schema, a valid sample, and invalid samples that fail exactly as documented. */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMULAIRES } from '../src/forms/registry.ts';
import { INVALIDES, RACINE, codes, echantillonsInvalides, lireJson, paperasse } from './helpers.ts';

describe('the form registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = FORMULAIRES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('registers every schema file except the shared definitions', () => {
    const fichiers = readdirSync(`${RACINE}schemas`).filter((f) => f.endsWith('.schema.json')).sort();
    const attendus = [...FORMULAIRES.map((f) => `${f.id}.schema.json`), 'communs.schema.json'].sort();
    expect(fichiers).toEqual(attendus);
  });

  it('lists no rule code twice within a form', () => {
    for (const f of FORMULAIRES) {
      const c = f.regles.map((r) => r.code);
      expect(new Set(c).size, f.id).toBe(c.length);
    }
  });
});

describe.each(FORMULAIRES.map((f) => [f.id, f] as const))('form %s', (id, f) => {
  it('has a schema whose title is the form title and whose every property is labelled', () => {
    const schema = lireJson(`schemas/${id}.schema.json`) as Record<string, unknown>;
    expect(schema.title).toBe(f.titre);
    const sansTitre: string[] = [];
    const parcourir = (noeud: unknown, chemin: string): void => {
      if (!noeud || typeof noeud !== 'object') return;
      const n = noeud as Record<string, unknown>;
      const props = n.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [cle, sous] of Object.entries(props ?? {})) {
        const aUnTitre = typeof sous.title === 'string' || typeof sous.$ref === 'string';
        if (!aUnTitre) sansTitre.push(`${chemin}/${cle}`);
        parcourir(sous, `${chemin}/${cle}`);
      }
      for (const cle of ['items', '$defs', 'allOf', 'then', 'else']) {
        const v = n[cle];
        if (Array.isArray(v)) v.forEach((b, i) => parcourir(b, `${chemin}/${cle}/${i}`));
        else if (v && typeof v === 'object') {
          if (cle === '$defs') for (const [k, d] of Object.entries(v)) parcourir(d, `${chemin}/$defs/${k}`);
          else parcourir(v, `${chemin}/${cle}`);
        }
      }
    };
    parcourir(schema, '');
    expect(sansTitre).toEqual([]);
  });

  it('accepts its sample', () => {
    const r = paperasse().valider(id, lireJson(`samples/${id}.json`));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.valeur.erreurs).toEqual([]);
  });

  it('has at least two invalid samples', () => {
    const n = echantillonsInvalides().filter((e) => e.formulaire === id).length;
    expect(n).toBeGreaterThanOrEqual(2);
  });
});

describe.each(echantillonsInvalides().map((e) => [e.fichier, e] as const))('invalid sample %s', (fichier, e) => {
  it('produces exactly its documented errors, each with a French message', () => {
    expect(existsSync(INVALIDES + fichier)).toBe(true);
    expect(e.erreurs, `${fichier} needs its .attendu.json`).toBeDefined();
    const r = paperasse().valider(e.formulaire, lireJson(`samples/invalides/${fichier}`));
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
