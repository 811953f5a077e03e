/** The one schema describer: what the schema says about a value, read along its `$ref` chain. */
import { describe, expect, it } from 'vitest';
import { BASE_ID, SchemaCatalog, type SchemaNode } from '../../src/core/schemas.ts';

const communs: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${BASE_ID}communs-essai.schema.json`,
  $defs: {
    montant: { title: 'Montant', type: 'number', minimum: 0 },
    somme: { $ref: '#/$defs/montant' },
    texteCourt: { type: 'string', maxLength: 300 },
    civilite: { oneOf: [{ const: 'madame', title: 'Madame' }, { const: 'monsieur', title: 'Monsieur' }] },
  },
};

const form: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${BASE_ID}essai.schema.json`,
  title: 'Essai',
  type: 'object',
  properties: {
    loyer: { title: 'Loyer mensuel', $ref: 'communs-essai.schema.json#/$defs/somme' },
    nom: { title: 'Nom', $ref: 'communs-essai.schema.json#/$defs/texteCourt' },
    civilite: { $ref: 'communs-essai.schema.json#/$defs/civilite' },
    naissance: { title: 'Date de naissance', type: 'string', format: 'date' },
    produits: { title: 'Produits', type: 'array', items: { enum: ['auto', 'habitation'] } },
  },
  additionalProperties: false,
};

const catalog = new SchemaCatalog(new Map([['communs-essai.schema.json', communs], ['essai.schema.json', form]]));
const at = (name: string) => {
  const pos = catalog.path('essai.schema.json', [name]).at(-1);
  if (pos === undefined) throw new Error(`no schema for ${name}`);
  return catalog.describe(pos);
};

describe('the schema describer', () => {
  it('reads the type and title along a chain of $refs, keeping the title written beside the first $ref', () => {
    expect(at('loyer')).toEqual({
      type: 'number',
      format: undefined,
      maxLength: undefined,
      refs: ['communs-essai.schema.json#/$defs/somme', '#/$defs/montant'],
      title: 'Loyer mensuel',
      options: undefined,
      itemOptions: undefined,
    });
  });

  it('reads a maximum length and a format', () => {
    expect(at('nom')).toMatchObject({ type: 'string', maxLength: 300, title: 'Nom' });
    expect(at('naissance')).toMatchObject({ type: 'string', format: 'date' });
  });

  it('gives a labelled single choice the string type and its options, and a multiple choice its item options', () => {
    expect(at('civilite')).toMatchObject({ type: 'string', options: [{ valeur: 'madame', libelle: 'Madame' }, { valeur: 'monsieur', libelle: 'Monsieur' }] });
    expect(at('produits')).toMatchObject({ type: 'array', options: undefined, itemOptions: [{ valeur: 'auto', libelle: 'auto' }, { valeur: 'habitation', libelle: 'habitation' }] });
  });

  it('stops at a $ref loop instead of running forever', () => {
    const looping: SchemaNode = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `${BASE_ID}boucle.schema.json`, $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } };
    const withLoop = new SchemaCatalog(new Map([['boucle.schema.json', looping]]));
    const start = withLoop.resolveRef('#/$defs/a', `${BASE_ID}boucle.schema.json`);
    if (start === undefined) throw new Error('no $defs/a');
    expect(withLoop.refChain(start)).toHaveLength(16);
    expect(withLoop.describe(start)).toMatchObject({ type: undefined, title: undefined });
  });
});
