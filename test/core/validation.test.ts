/** The validation engine on small synthetic forms: labels in messages, numbered items, enums, computed values. */
import { describe, expect, it } from 'vitest';
import { SchemaCatalog, BASE_ID, type SchemaNode } from '../../src/core/schemas.ts';
import { Validator } from '../../src/core/validation.ts';
import { fixedClock, type FormRules } from '../../src/core/forms.ts';

const schema: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${BASE_ID}essai.schema.json`,
  title: 'Formulaire d’essai',
  type: 'object',
  properties: {
    fiches: {
      title: 'Fiches',
      type: 'array',
      items: {
        title: 'Fiche d’activité',
        type: 'object',
        properties: {
          numero: { title: 'Fiche n°', type: 'integer' },
          nomEntreprise: { title: 'Nom de l’entreprise', type: 'string', minLength: 1 },
          activite: { title: 'Activité', oneOf: [{ const: 'reelle', title: 'Activité réelle' }, { const: 'simulee', title: 'Activité simulée' }] },
          client: {
            title: 'Fiche client',
            type: 'object',
            properties: { enfants: { title: 'Enfants', type: 'array', items: { title: 'Enfant', type: 'object', properties: { prenom: { title: 'Prénom', type: 'string' } }, required: ['prenom'], additionalProperties: false } } },
            additionalProperties: false,
          },
        },
        required: ['numero', 'nomEntreprise'],
        additionalProperties: false,
      },
    },
    notes: { title: 'Notes', type: 'array', items: { type: 'number', minimum: 0, maximum: 20, multipleOf: 0.5 } },
    moyenne: { title: 'Moyenne', type: 'number', readOnly: true },
    certifie: { title: 'Je certifie l’exactitude des renseignements', type: 'boolean', const: true },
  },
  additionalProperties: false,
};

const form: FormRules = {
  id: 'essai',
  title: 'Formulaire d’essai',
  source: { text: '003', reference: 'essai' },
  version: '1.0.0',
  rules: [
    {
      code: 'PAS_DE_NOTE_NULLE',
      description: 'aucune note nulle',
      check: (d, ctx) => ((d as { notes?: number[] }).notes ?? []).flatMap((n, i) => (n === 0 ? [ctx.error('PAS_DE_NOTE_NULLE', `/notes/${i}`, 'ne peut pas être nulle')] : [])),
    },
  ],
  computations: [
    {
      path: '/moyenne',
      description: 'moyenne des notes',
      compute: (d) => {
        const grades = (d as { notes?: number[] }).notes ?? [];
        return grades.length ? Math.round((grades.reduce((a, b) => a + b, 0) / grades.length) * 100) / 100 : undefined;
      },
    },
  ],
};

const validator = new Validator(new SchemaCatalog(new Map([['essai.schema.json', schema]])));
const validate = (d: unknown) => validator.validate(form, d);

describe('validation messages', () => {
  it('name an array item by its numero and the field by its printed label', () => {
    const r = validate({ fiches: [{ numero: 1, nomEntreprise: 'A' }, { numero: 3, nomEntreprise: '' }] });
    expect(r.erreurs).toEqual([
      { code: 'CHAMP_OBLIGATOIRE', chemin: '/fiches/1/nomEntreprise', message: 'Fiche d’activité n° 3 — « Nom de l’entreprise » est vide : il est obligatoire' },
    ]);
  });

  it('name items without numero by their position, through nested objects', () => {
    const r = validate({ fiches: [{ numero: 2, nomEntreprise: 'A', client: { enfants: [{ prenom: 'Léo' }, {}] } }] });
    expect(r.erreurs.map((e) => e.message)).toEqual(['Fiche d’activité n° 2 — Fiche client — Enfant n° 2 — « Prénom » est obligatoire']);
  });

  it('report a wrong checkbox value once, listing the printed options', () => {
    const r = validate({ fiches: [{ numero: 1, nomEntreprise: 'A', activite: 'reel' }] });
    expect(r.erreurs).toHaveLength(1);
    expect(r.erreurs[0]).toMatchObject({ code: 'VALEUR_NON_AUTORISEE', chemin: '/fiches/0/activite' });
    expect(r.erreurs[0]?.message).toContain('« Activité réelle » ("reelle"), « Activité simulée » ("simulee")');
  });

  it('report unknown keys with their pointer', () => {
    const r = validate({ fiches: [{ numero: 1, nomEntreprise: 'A', nomEntrprise: 'B' }] });
    expect(r.erreurs).toMatchObject([{ code: 'CHAMP_INCONNU', chemin: '/fiches/0/nomEntrprise' }]);
    expect(r.erreurs[0]?.message).toBe('Fiche d’activité n° 1 — Le champ « nomEntrprise » n’existe pas sur ce formulaire (vérifiez l’orthographe de la clé)');
  });

  it('say half points in French for a grade that is not a multiple of 0.5', () => {
    const r = validate({ notes: [12.25, 21] });
    expect(r.erreurs.map((e) => [e.code, e.chemin, e.message])).toEqual([
      ['VALEUR_NON_MULTIPLE', '/notes/0', 'Notes n° 1 doit être en points entiers ou en demi-points'],
      ['VALEUR_HORS_LIMITES', '/notes/1', 'Notes n° 2 doit être inférieur ou égal à 20'],
    ]);
  });
});

describe('a box that must be ticked', () => {
  it('says it must be ticked', () => {
    expect(validate({ certifie: false }).erreurs).toEqual([
      { code: 'VALEUR_NON_AUTORISEE', chemin: '/certifie', message: '« Je certifie l’exactitude des renseignements » doit être coché' },
    ]);
  });
});

describe('rules and computed values', () => {
  it('run rules only on schema-valid data', () => {
    expect(validate({ notes: [0, 'x'] }).erreurs.map((e) => e.code)).toEqual(['TYPE_INVALIDE']);
    expect(validate({ notes: [0, 10] }).erreurs).toMatchObject([{ code: 'PAS_DE_NOTE_NULLE', chemin: '/notes/0' }]);
  });

  it('fill a computed value left empty', () => {
    const r = validate({ notes: [12, 13, 14.5] });
    expect(r.valide).toBe(true);
    expect(r.donnees).toEqual({ notes: [12, 13, 14.5], moyenne: 13.17 });
  });

  it('accept a typed computed value equal to the computed one and refuse a different one', () => {
    expect(validate({ notes: [12, 13], moyenne: 12.5 }).valide).toBe(true);
    const r = validate({ notes: [12, 13], moyenne: 13 });
    expect(r.erreurs).toMatchObject([{ code: 'VALEUR_CALCULEE_INCORRECTE', chemin: '/moyenne' }]);
    expect(r.erreurs[0]?.message).toContain('12,5 attendu, 13 saisi');
  });

  it('leave the caller’s data untouched', () => {
    const data = { notes: [10] };
    validate(data);
    expect(data).toEqual({ notes: [10] });
  });
});

describe('rule codes', () => {
  const valid = { notes: [12], fiches: [] };
  const emitting = (code: string): FormRules => ({
    ...form,
    rules: [{ code: 'REGLE_DECLAREE', description: 'une règle d’essai', check: (_d, ctx) => [ctx.error(code, '/notes/0', 'est refusée')] }],
  });

  it('carry the code the rule declares', () => {
    expect(validator.validate(emitting('REGLE_DECLAREE'), valid).erreurs.map((e) => e.code)).toEqual(['REGLE_DECLAREE']);
  });

  it('refuse, as a bug of Paperasse, a code the rule does not declare or one of the catalogue', () => {
    expect(() => validator.validate(emitting('AUTRE_CODE'), valid)).toThrow(/declared as REGLE_DECLAREE emitted the code AUTRE_CODE/);
    const catalogue: FormRules = { ...form, rules: [{ code: 'CHAMP_OBLIGATOIRE', description: '', check: (_d, ctx) => [ctx.error('CHAMP_OBLIGATOIRE', '', 'x')] }] };
    expect(() => validator.validate(catalogue, valid)).toThrow(/emitted the code CHAMP_OBLIGATOIRE/);
  });
});

describe('warning rules', () => {
  it('list what they find in avertissements and leave the data valid; no avertissements key when none', () => {
    const warning: FormRules = {
      ...form,
      rules: [{ code: 'REGLE_NON_VERIFIEE', avertissement: true, description: 'une règle qui n’a pas pu s’appliquer', check: (_d, ctx) => [ctx.error('REGLE_NON_VERIFIEE', '/notes/0', ': règle non vérifiée')] }],
    };
    const r = validator.validate(warning, { notes: [12], fiches: [] });
    expect(r.valide).toBe(true);
    expect(r.erreurs).toEqual([]);
    expect(r.avertissements?.map((w) => `${w.code} ${w.chemin}`)).toEqual(['REGLE_NON_VERIFIEE /notes/0']);
    expect(validator.validate(form, { notes: [12], fiches: [] })).not.toHaveProperty('avertissements');
  });
});

describe('today’s date', () => {
  it('is read by the rules from the clock given to the validator', () => {
    const dated: FormRules = { ...form, rules: [{ code: 'DATE_DU_JOUR', description: 'date du jour', check: (_d, ctx) => [ctx.error('DATE_DU_JOUR', '', ctx.today)] }] };
    const onTheDay = new Validator(new SchemaCatalog(new Map([['essai.schema.json', schema]])), fixedClock('2024-02-29'));
    expect(onTheDay.validate(dated, { notes: [12], fiches: [] }).erreurs[0]?.message).toContain('2024-02-29');
  });
});

describe('unknown fields', () => {
  const conditionnel: SchemaNode = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${BASE_ID}conditionnel.schema.json`,
    title: 'Formulaire conditionnel',
    type: 'object',
    $ref: '#/$defs/fiche',
    properties: { session: { title: 'Session', type: 'integer' } },
    unevaluatedProperties: false,
    $defs: {
      fiche: {
        type: 'object',
        properties: { cible: { title: 'Cible', type: 'string' } },
        if: { properties: { cible: { const: 'professionnel' } }, required: ['cible'] },
        then: { type: 'object', properties: { typeProfessionnel: { title: 'Type de professionnel', type: 'string' } }, required: ['typeProfessionnel'] },
      },
    },
  };
  const v = new Validator(new SchemaCatalog(new Map([['conditionnel.schema.json', conditionnel]])));
  const f: FormRules = { ...form, id: 'conditionnel', title: 'Formulaire conditionnel', rules: [], computations: [] };

  it('are not reported for a conditional key that fails its own check (ajv drops the failing branch’s annotations)', () => {
    expect(v.validate(f, { cible: 'professionnel', typeProfessionnel: 5 }).erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['TYPE_INVALIDE /typeProfessionnel']);
  });

  it('are still reported for a conditional key when its condition does not hold', () => {
    expect(v.validate(f, { cible: 'particulier', typeProfessionnel: 'artisan' }).erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['CHAMP_NON_APPLICABLE /typeProfessionnel']);
  });
});

describe('error order', () => {
  it('follows the order of the form, rows by index, unknown keys last', () => {
    const r = validate({ zzz: 1, notes: [21], fiches: [{ numero: 2, nomEntreprise: 'A' }, { numero: 1, nomEntreprise: '' }] });
    expect(r.erreurs.map((e) => e.chemin)).toEqual(['/fiches/1/nomEntreprise', '/notes/0', '/zzz']);
  });
});
