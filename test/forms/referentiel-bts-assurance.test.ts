/** The grids' and livret's schemas print exactly the labels of the BTS Assurance referential (annexes III, VII, VIII, X, XI). */
import { describe, expect, it } from 'vitest';
import {
  COMPETENCES_E32,
  COMPETENCES_E42,
  COMPETENCES_E5,
  CRITERES_E5,
  INDICATEURS_E32,
  INDICATEURS_E42,
  LEGENDE_NIVEAUX,
  LEGENDE_NIVEAUX_E5,
  MATIERES_LIVRET,
  MATIERES_PROFIL,
} from '../../src/forms/referentiel-bts-assurance.ts';
import { lireJson } from '../helpers.ts';

interface Noeud {
  title?: string;
  properties?: Record<string, Noeud>;
  $defs?: Record<string, Noeud>;
  oneOf?: Array<{ const: string; title: string }>;
}

/** Returns the `title` of every property of the object at `chemin` (property names) in schema `id`. */
function titres(id: string, ...chemin: string[]): Record<string, string | undefined> {
  let noeud = lireJson(`schemas/${id}.schema.json`) as Noeud;
  for (const cle of chemin) noeud = noeud.properties?.[cle] ?? {};
  return Object.fromEntries(Object.entries(noeud.properties ?? {}).map(([cle, p]) => [cle, p.title]));
}

describe('referentiel BTS Assurance', () => {
  it.each([
    ['grille-e32-ccf', COMPETENCES_E32],
    ['grille-e32-ponctuelle', COMPETENCES_E32],
    ['grille-e42', COMPETENCES_E42],
    ['grille-e5-ccf', COMPETENCES_E5],
  ] as const)('gives every competency of %s the printed label, in printed order', (id, competences) => {
    const t = titres(id, 'competences');
    expect(Object.keys(t)).toEqual(Object.keys(competences));
    expect(t).toEqual(competences);
  });

  it('gives every row of the livret’s subjects table and profile graph the printed label', () => {
    expect(titres('livret-scolaire', 'matieres')).toEqual(MATIERES_LIVRET);
    expect(titres('livret-scolaire', 'profil')).toEqual(MATIERES_PROFIL);
  });

  it('lists the 16 E32 indicators, 12 E42 indicators and 7 E5 criteria, numbered from 1', () => {
    expect(INDICATEURS_E32.map((i) => i.numero)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(INDICATEURS_E42.map((i) => i.numero)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(CRITERES_E5.map((i) => i.numero)).toEqual(Array.from({ length: 7 }, (_, i) => i + 1));
  });

  it('refers, in each competency label, only to indicators that exist', () => {
    const renvois = (libelle: string) => [...libelle.matchAll(/\((\d+)\)/g)].map((m) => Number(m[1]));
    for (const [competences, n] of [
      [COMPETENCES_E32, 16],
      [COMPETENCES_E42, 12],
      [COMPETENCES_E5, 7],
    ] as const) {
      for (const libelle of Object.values(competences)) {
        expect(renvois(libelle).length, libelle).toBeGreaterThan(0);
        for (const r of renvois(libelle)) expect(r, libelle).toBeLessThanOrEqual(n);
      }
    }
  });

  it('has a legend line for every level the grids offer', () => {
    const communs = lireJson('schemas/communs.schema.json') as Noeud;
    const niveaux = communs.$defs?.niveauCompetence?.oneOf?.map((o) => o.const);
    expect(Object.keys(LEGENDE_NIVEAUX)).toEqual(niveaux);
    const e5 = lireJson('schemas/grille-e5-ccf.schema.json') as Noeud;
    expect(Object.keys(LEGENDE_NIVEAUX_E5)).toEqual(e5.$defs?.niveau?.oneOf?.map((o) => o.const));
  });
});
