/** Fiche d'activité E42 (annexe IX) with its fiche client: one test per rule, boundaries included. */
import { describe, expect, it } from 'vitest';
import { segments, valueAt } from '../../src/core/pointer.ts';
import { codes, readJson, paperasse } from '../helpers.ts';

/** Value of a modification that removes the field. */
const DELETE = Symbol('supprimer');

/** Returns the validation result of the sample once `modifs` (JSON Pointer → new value) are applied to a copy. */
function validate(changes: Record<string, unknown> = {}) {
  const d = structuredClone(readJson('samples/fiche-activite-e42.json'));
  for (const [path, value] of Object.entries(changes)) {
    const parts = segments(path);
    const parent = valueAt(d, parts.slice(0, -1)) as Record<string, unknown>;
    const key = parts[parts.length - 1] ?? '';
    if (value === DELETE) delete parent[key];
    else parent[key] = value;
  }
  const r = paperasse().validate('fiche-activite-e42', d);
  if (!r.ok) throw new Error(r.erreur.message);
  return r.valeur;
}

describe('fiche d’activité E42 — schema', () => {
  it.each([6, 9])('accepts fiche n° %i', (number) => {
    expect(validate({ '/numero': number }).erreurs).toEqual([]);
  });

  it.each([5, 10])('rejects fiche n° %i, outside 6 to 9', (number) => {
    const r = validate({ '/numero': number });
    expect(codes(r.erreurs)).toEqual(['VALEUR_HORS_LIMITES /numero']);
    expect(r.erreurs[0]?.message).toMatch(/^« Fiche d’activité n° » doit être (inférieur|supérieur) ou égal à [69]$/);
  });

  it('requires « Précisez » when « Autre contrat » is ticked', () => {
    const r = validate({ '/domaine': 'autre' });
    expect(codes(r.erreurs)).toEqual(['CHAMP_OBLIGATOIRE /precisionDomaine']);
    expect(r.erreurs[0]?.message).toBe('« Précisez » est obligatoire');
  });

  it('rejects a contact form that is not one of the printed boxes, listing them', () => {
    const r = validate({ '/formeContact': 'sms' });
    expect(codes(r.erreurs)).toEqual(['VALEUR_NON_AUTORISEE /formeContact']);
    expect(r.erreurs[0]?.message).toContain('« FORME DU CONTACT » doit être l’un des choix du formulaire : « à l’agence /courtier »');
  });

  it('reports one error inside the fiche without flagging its other fields as unknown', () => {
    const r = validate({ '/communication/1/forme': DELETE });
    expect(codes(r.erreurs)).toEqual(['CHAMP_OBLIGATOIRE /communication/1/forme']);
    expect(r.erreurs[0]?.message).toBe('Communication n° 2 — « Forme » est obligatoire');
  });
});

describe('fiche d’activité E42 — PRECISION_DOMAINE_SANS_AUTRE', () => {
  it('rejects « Précisez » when « Autre contrat » is not ticked', () => {
    const r = validate({ '/precisionDomaine': 'Habitation' });
    expect(codes(r.erreurs)).toEqual(['PRECISION_DOMAINE_SANS_AUTRE /precisionDomaine']);
    expect(r.erreurs[0]?.message).toBe('« Précisez » n’est à remplir que si la case « Autre contrat » est cochée');
  });

  it('accepts « Autre contrat » with its precision, whatever the product', () => {
    expect(validate({ '/domaine': 'autre', '/precisionDomaine': 'Multirisque habitation' }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E42 — PRODUIT_HORS_DOMAINE', () => {
  it('rejects a home insurance under the assurances de personnes', () => {
    const r = validate({ '/domaine': 'personnes' });
    expect(codes(r.erreurs)).toEqual(['PRODUIT_HORS_DOMAINE /domaine']);
    expect(r.erreurs[0]?.message).toBe(
      '« Activité portant sur » ne correspond pas au produit « Multirisque habitation Habitat Confort » : cochez « Assurances de biens et de responsabilités »',
    );
  });

  it('suggests « Autre contrat » for a bank savings product', () => {
    const r = validate({ '/produit': { categorie: 'epargne-bancaire', libelle: 'Livret Atlantique' } });
    expect(codes(r.erreurs)).toEqual(['PRODUIT_HORS_DOMAINE /domaine']);
    expect(r.erreurs[0]?.message).toMatch(/cochez « Autre contrat »$/);
  });

  it('accepts an assurance vie under the assurances de personnes', () => {
    expect(validate({ '/domaine': 'personnes', '/produit': { categorie: 'assurance-vie', libelle: 'Horizon Épargne' } }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E42 — CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT', () => {
  it('rejects a support contract that is not in the fiche client, listing its contracts', () => {
    const r = validate({ '/contratSupport/nature': 'MRH Habitat Confort' });
    expect(codes(r.erreurs)).toEqual(['CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT /contratSupport/nature']);
    expect(r.erreurs[0]?.message).toMatch(
      /^CONTRAT D’ASSURANCE SUPPORT DE l’ACTIVITÉ — « Nature\/nom du contrat \/assureur » doit être recopié d’un contrat de la fiche client \(contrats en portefeuille : « Multirisque habitation/,
    );
  });

  it('ignores case, apostrophes and spacing when comparing', () => {
    expect(validate({ '/contratSupport/nature': '  MULTIRISQUE habitation  Habitat Confort — Mutuelle Atlantique Assurances' }).erreurs).toEqual([]);
  });

  it('says so when the fiche client lists no contract', () => {
    const r = validate({ '/ficheClient/contrats': DELETE });
    expect(codes(r.erreurs)).toEqual(['CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT /contratSupport/nature']);
    expect(r.erreurs[0]?.message).toContain('qui ne liste aucun contrat en portefeuille');
  });

  it('does not check a fiche without fiche client', () => {
    expect(validate({ '/ficheClient': DELETE, '/contratSupport/nature': 'MRH' }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E42 — GESTION_SINISTRE_VIDE', () => {
  it('rejects a claim management box with no filled prompt', () => {
    const r = validate({ '/gestionSinistre': { circonstances: ' \n ', calculIndemnite: '' } });
    expect(codes(r.erreurs)).toEqual(['GESTION_SINISTRE_VIDE /gestionSinistre']);
    expect(r.erreurs[0]?.message).toMatch(/^« Gestion du sinistre » doit contenir au moins une rubrique remplie parmi : Circonstances de l’événement/);
  });

  it('accepts a single filled prompt', () => {
    expect(validate({ '/gestionSinistre': { convention: 'Convention IRSI, tranche 1.' } }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E42 — its fiche client', () => {
  it('applies the fiche client rules and computed values under « Fiche client »', () => {
    expect(valueAt(validate().donnees, '/ficheClient/situationFinanciere/revenusMensuels/totalClient')).toBe(2530);
    const r = validate({ '/ficheClient/situationFamiliale/conjoint': { prenom: 'Marc' } });
    expect(codes(r.erreurs)).toEqual(['CONJOINT_SANS_COUPLE /ficheClient/situationFamiliale/conjoint']);
    expect(r.erreurs[0]?.message).toContain('(case cochée : Divorcé)');
  });
});
