/** The grids' and livret's schemas print exactly the labels of the BTS Assurance referential (annexes III, VII, VIII, X, XI). */
import { describe, expect, it } from 'vitest';
import {
  E32_COMPETENCIES,
  E42_COMPETENCIES,
  E5_COMPETENCIES,
  E5_CRITERIA,
  E32_INDICATORS,
  E42_INDICATORS,
  LEVEL_LEGEND,
  E5_LEVEL_LEGEND,
  LIVRET_SUBJECTS,
  PROFILE_SUBJECTS,
} from '../../src/referentiels/bts-assurance.ts';
import { readJson } from '../helpers.ts';

interface JsonNode {
  title?: string;
  properties?: Record<string, JsonNode>;
  $defs?: Record<string, JsonNode>;
  oneOf?: Array<{ const: string; title: string }>;
}

/** Returns the `title` of every property of the object at `chemin` (property names) in schema `id`. */
function titles(id: string, ...path: string[]): Record<string, string | undefined> {
  let node = readJson(`schemas/${id}.schema.json`) as JsonNode;
  for (const key of path) node = node.properties?.[key] ?? {};
  return Object.fromEntries(Object.entries(node.properties ?? {}).map(([key, p]) => [key, p.title]));
}

describe('referentiel BTS Assurance', () => {
  it.each([
    ['grille-e32-ccf', E32_COMPETENCIES],
    ['grille-e32-ponctuelle', E32_COMPETENCIES],
    ['grille-e42', E42_COMPETENCIES],
    ['grille-e5-ccf', E5_COMPETENCIES],
  ] as const)('gives every competency of %s the printed label, in printed order', (id, competences) => {
    const t = titles(id, 'competences');
    expect(Object.keys(t)).toEqual(Object.keys(competences));
    expect(t).toEqual(competences);
  });

  it('gives every row of the livret’s subjects table and profile graph the printed label', () => {
    expect(titles('livret-scolaire', 'matieres')).toEqual(LIVRET_SUBJECTS);
    expect(titles('livret-scolaire', 'profil')).toEqual(PROFILE_SUBJECTS);
  });

  it('lists the 16 E32 indicators, 12 E42 indicators and 7 E5 criteria, numbered from 1', () => {
    expect(E32_INDICATORS.map((i) => i.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(E42_INDICATORS.map((i) => i.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(E5_CRITERIA.map((i) => i.number)).toEqual(Array.from({ length: 7 }, (_, i) => i + 1));
  });

  it('refers, in each competency label, only to indicators that exist', () => {
    const references = (label: string) => [...label.matchAll(/\((\d+)\)/g)].map((m) => Number(m[1]));
    for (const [competences, n] of [
      [E32_COMPETENCIES, 16],
      [E42_COMPETENCIES, 12],
      [E5_COMPETENCIES, 7],
    ] as const) {
      for (const label of Object.values(competences)) {
        expect(references(label).length, label).toBeGreaterThan(0);
        for (const r of references(label)) expect(r, label).toBeLessThanOrEqual(n);
      }
    }
  });

  it('has a legend line for every level the grids offer', () => {
    const shared = readJson('schemas/communs.schema.json') as JsonNode;
    const levels = shared.$defs?.niveauCompetence?.oneOf?.map((o) => o.const);
    expect(Object.keys(LEVEL_LEGEND)).toEqual(levels);
    const e5 = readJson('schemas/grille-e5-ccf.schema.json') as JsonNode;
    expect(Object.keys(E5_LEVEL_LEGEND)).toEqual(e5.$defs?.niveau?.oneOf?.map((o) => o.const));
  });
});
