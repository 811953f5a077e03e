/** Fiche d'activité E32 (annexe V) with its fiche client: one test per rule, boundaries included. */
import { describe, expect, it } from 'vitest';
import { valueAt } from '../../src/core/pointer.ts';
import { codes, DELETE, validationWith, type Changes } from '../helpers.ts';

/** The form under test. */
const ID = 'fiche-activite-e32';

/** Modifications that turn the sample into a consistent fiche about a private client (MRH, B to C). */
const PARTICULIER: Changes = {
  '/cible': 'particulier',
  '/typeProfessionnel': DELETE,
  '/typeSituation': 'b-to-c-rdv',
  '/produit': { categorie: 'mrh', libelle: 'Multirisque habitation Habitat Confort' },
};

describe('fiche d’activité E32 — schema', () => {
  it.each([1, 5])('accepts fiche n° %i', (number) => {
    expect(validationWith(ID, { '/numero': number }).erreurs).toEqual([]);
  });

  it.each([0, 6])('rejects fiche n° %i, outside 1 to 5', (number) => {
    const r = validationWith(ID, { '/numero': number });
    expect(codes(r.erreurs)).toEqual(['VALEUR_HORS_LIMITES /numero']);
    expect(r.erreurs[0]?.message).toMatch(/^« Fiche d’activité n° » doit être (inférieur|supérieur) ou égal à [15]$/);
  });

  it('requires the professional type for the assurances du professionnel', () => {
    const r = validationWith(ID, { '/typeProfessionnel': DELETE });
    expect(codes(r.erreurs)).toEqual(['CHAMP_OBLIGATOIRE /typeProfessionnel']);
    expect(r.erreurs[0]?.message).toBe('« Type de professionnel » est obligatoire');
  });

  it('requires « Précisez » when the communication form is « Autre »', () => {
    expect(codes(validationWith(ID, { '/formeCommunication': 'autre' }).erreurs)).toEqual(['CHAMP_OBLIGATOIRE /precisionCommunication']);
    expect(validationWith(ID, { '/formeCommunication': 'autre', '/precisionCommunication': 'Visioconférence' }).erreurs).toEqual([]);
  });

  it('reports one error inside the fiche without flagging its other fields as unknown', () => {
    const r = validationWith(ID, { '/historique': '' });
    expect(codes(r.erreurs)).toEqual(['CHAMP_OBLIGATOIRE /historique']);
    expect(r.erreurs[0]?.message).toBe('« HISTORIQUE DE LA SITUATION » est vide : il est obligatoire');
  });

  it('closes the embedded fiche client', () => {
    const r = validationWith(ID, { '/ficheClient/profession': 'Plombier' });
    expect(codes(r.erreurs)).toEqual(['CHAMP_INCONNU /ficheClient/profession']);
    expect(r.erreurs[0]?.message).toMatch(/^Fiche client — Le champ « profession » n’existe pas/);
  });

  it('accepts a fiche without fiche client', () => {
    expect(validationWith(ID, { '/ficheClient': DELETE }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E32 — TYPE_PROFESSIONNEL_POUR_PARTICULIER', () => {
  it('rejects a professional type on a fiche about the assurances du particulier', () => {
    const r = validationWith(ID, { ...PARTICULIER, '/typeProfessionnel': 'commercant' });
    expect(codes(r.erreurs)).toEqual(['TYPE_PROFESSIONNEL_POUR_PARTICULIER /typeProfessionnel']);
    expect(r.erreurs[0]?.message).toBe('« Type de professionnel » ne se remplit que si la case « Assurances du professionnel » est cochée');
  });

  it('accepts a fiche about the assurances du particulier without professional type', () => {
    expect(validationWith(ID, PARTICULIER).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E32 — SITUATION_B2B_POUR_PARTICULIER', () => {
  it('rejects a B to B interview about the assurances du particulier', () => {
    const r = validationWith(ID, { ...PARTICULIER, '/typeSituation': 'b-to-b' });
    expect(codes(r.erreurs)).toEqual(['SITUATION_B2B_POUR_PARTICULIER /typeSituation']);
    expect(r.erreurs[0]?.message).toMatch(/^« TYPE de SITUATION » \(« Entretien de développement commercial en B to B »\) ne convient pas/);
  });

  it('accepts a B to C interview about the assurances du professionnel', () => {
    expect(validationWith(ID, { '/typeSituation': 'b-to-c-rdv' }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E32 — DOMAINE_DU_PRODUIT_NON_COCHE', () => {
  it('rejects a product whose domain is not ticked', () => {
    const r = validationWith(ID, { '/domaines': ['personnes', 'epargne'] });
    expect(codes(r.erreurs)).toEqual(['DOMAINE_DU_PRODUIT_NON_COCHE /domaines']);
    expect(r.erreurs[0]?.message).toBe(
      '« Activité portant sur » doit comprendre « Assurances de biens et de responsabilités », le domaine du produit « Multirisque professionnelle Pro’Atout Artisans du bâtiment »',
    );
  });

  it.each(['personnes', 'epargne'])('accepts an assurance vie ticked « %s »', (domaine) => {
    const r = validationWith(ID, { ...PARTICULIER, '/produit': { categorie: 'assurance-vie', libelle: 'Horizon Épargne' }, '/domaines': [domaine] });
    expect(r.erreurs).toEqual([]);
  });

  it('rejects an assurance vie ticked only in biens et responsabilités, naming both possible boxes', () => {
    const r = validationWith(ID, { ...PARTICULIER, '/produit': { categorie: 'assurance-vie', libelle: 'Horizon Épargne' } });
    expect(codes(r.erreurs)).toEqual(['DOMAINE_DU_PRODUIT_NON_COCHE /domaines']);
    expect(r.erreurs[0]?.message).toContain('« Assurances de personnes » ou « Épargne assurantielle ou bancaire »');
  });

  it('accepts an « autre » product in any domain', () => {
    expect(validationWith(ID, { '/produit': { categorie: 'autre', libelle: 'Assurance cyber-risques' } }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E32 — PRODUIT_PROFESSIONNEL_POUR_PARTICULIER', () => {
  it.each(['mrp', 'rc-pro'])('rejects a %s product for the assurances du particulier', (category) => {
    const r = validationWith(ID, { ...PARTICULIER, '/produit': { categorie: category, libelle: 'Pro’Atout' } });
    expect(codes(r.erreurs)).toEqual(['PRODUIT_PROFESSIONNEL_POUR_PARTICULIER /cible']);
    expect(r.erreurs[0]?.message).toBe(
      '« Assurances du professionnel ou du particulier » doit être « Assurances du professionnel » : le produit « Pro’Atout » est une assurance professionnelle',
    );
  });
});

describe('fiche d’activité E32 — PRECISION_COMMUNICATION_SANS_AUTRE', () => {
  it('rejects « Précisez » when the communication form is not « Autre »', () => {
    const r = validationWith(ID, { '/precisionCommunication': 'Visioconférence' });
    expect(codes(r.erreurs)).toEqual(['PRECISION_COMMUNICATION_SANS_AUTRE /precisionCommunication']);
    expect(r.erreurs[0]?.message).toBe('« Précisez » n’est à remplir que si la case « Autre » est cochée');
  });
});

describe('fiche d’activité E32 — its fiche client', () => {
  it('fills the computed revenue totals of the fiche client', () => {
    expect(valueAt(validationWith(ID).donnees, '/ficheClient/situationFinanciere/revenusMensuels/totalFoyer')).toBe(5010);
  });

  it('applies the fiche client rules under « Fiche client »', () => {
    const r = validationWith(ID, { '/ficheClient/situationFamiliale/situation': 'separe' });
    expect(codes(r.erreurs)).toEqual([
      'CONJOINT_SANS_COUPLE /ficheClient/situationFamiliale/conjoint',
      'CONJOINT_SANS_COUPLE /ficheClient/situationFinanciere/revenusMensuels/autres/conjoint',
      'CONJOINT_SANS_COUPLE /ficheClient/situationFinanciere/revenusMensuels/revenusProfessionnels/conjoint',
      'CONJOINT_SANS_COUPLE /ficheClient/situationProfessionnelle/conjoint',
      'REGIME_MATRIMONIAL_HORS_MARIAGE_OU_PACS /ficheClient/situationFamiliale/regimeMatrimonial',
    ]);
    expect(r.erreurs.map((e) => e.chemin)[0]).toBe('/ficheClient/situationFamiliale/regimeMatrimonial');
    const conjoint = r.erreurs.find((e) => e.chemin === '/ficheClient/situationFamiliale/conjoint');
    expect(conjoint?.message).toMatch(/^Fiche client — 1- SITUATION FAMILIALE — « Conjoint » ne peut être rempli que si/);
  });
});
