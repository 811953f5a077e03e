/** Fiche d'activité E42 (annexe IX) with its fiche client: one test per rule, boundaries included. */
import { describe, expect, it } from 'vitest';
import { valueAt } from '../../src/core/pointer.ts';
import { codes, DELETE, validationWith } from '../helpers.ts';

/** The form under test. */
const ID = 'fiche-activite-e42';

describe('fiche d’activité E42 — schema', () => {
  it.each([6, 9])('accepts fiche n° %i', (number) => {
    expect(validationWith(ID, { '/numero': number }).erreurs).toEqual([]);
  });

  it.each([5, 10])('rejects fiche n° %i, outside 6 to 9', (number) => {
    const r = validationWith(ID, { '/numero': number });
    expect(codes(r.erreurs)).toEqual(['VALEUR_HORS_LIMITES /numero']);
    expect(r.erreurs[0]?.message).toMatch(/^« Fiche d’activité n° » doit être (inférieur|supérieur) ou égal à [69]$/);
  });

  it('requires « Précisez » when « Autre contrat » is ticked', () => {
    const r = validationWith(ID, { '/domaine': 'autre' });
    expect(codes(r.erreurs)).toEqual(['CHAMP_OBLIGATOIRE /precisionDomaine']);
    expect(r.erreurs[0]?.message).toBe('« Précisez » est obligatoire');
  });

  it('rejects a contact form that is not one of the printed boxes, listing them', () => {
    const r = validationWith(ID, { '/formeContact': 'sms' });
    expect(codes(r.erreurs)).toEqual(['VALEUR_NON_AUTORISEE /formeContact']);
    expect(r.erreurs[0]?.message).toContain('« FORME DU CONTACT » doit être l’un des choix du formulaire : « à l’agence /courtier »');
  });

  it('reports one error inside the fiche without flagging its other fields as unknown', () => {
    const r = validationWith(ID, { '/communication/1/forme': DELETE });
    expect(codes(r.erreurs)).toEqual(['CHAMP_OBLIGATOIRE /communication/1/forme']);
    expect(r.erreurs[0]?.message).toBe('Communication n° 2 — « Forme » est obligatoire');
  });
});

describe('fiche d’activité E42 — PRECISION_DOMAINE_SANS_AUTRE', () => {
  it('rejects « Précisez » when « Autre contrat » is not ticked', () => {
    const r = validationWith(ID, { '/precisionDomaine': 'Habitation' });
    expect(codes(r.erreurs)).toEqual(['PRECISION_DOMAINE_SANS_AUTRE /precisionDomaine']);
    expect(r.erreurs[0]?.message).toBe('« Précisez » n’est à remplir que si la case « Autre contrat » est cochée');
  });

  it('accepts « Autre contrat » with its precision, whatever the product', () => {
    expect(validationWith(ID, { '/domaine': 'autre', '/precisionDomaine': 'Multirisque habitation' }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E42 — PRODUIT_HORS_DOMAINE', () => {
  it('rejects a home insurance under the assurances de personnes', () => {
    const r = validationWith(ID, { '/domaine': 'personnes' });
    expect(codes(r.erreurs)).toEqual(['PRODUIT_HORS_DOMAINE /domaine']);
    expect(r.erreurs[0]?.message).toBe(
      '« Activité portant sur » ne correspond pas au produit « Multirisque habitation Habitat Confort » : cochez « Assurances de biens et de responsabilités »',
    );
  });

  it('suggests « Autre contrat » for a bank savings product', () => {
    const r = validationWith(ID, { '/produit': { categorie: 'epargne-bancaire', libelle: 'Livret Atlantique' } });
    expect(codes(r.erreurs)).toEqual(['PRODUIT_HORS_DOMAINE /domaine']);
    expect(r.erreurs[0]?.message).toMatch(/cochez « Autre contrat »$/);
  });

  it('accepts an assurance vie under the assurances de personnes', () => {
    expect(validationWith(ID, { '/domaine': 'personnes', '/produit': { categorie: 'assurance-vie', libelle: 'Horizon Épargne' } }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E42 — CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT', () => {
  it('rejects a support contract that is not in the fiche client, listing its contracts', () => {
    const r = validationWith(ID, { '/contratSupport/nature': 'MRH Habitat Confort' });
    expect(codes(r.erreurs)).toEqual(['CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT /contratSupport/nature']);
    expect(r.erreurs[0]?.message).toMatch(
      /^CONTRAT D’ASSURANCE SUPPORT DE l’ACTIVITÉ — « Nature\/nom du contrat \/assureur » doit être recopié d’un contrat de la fiche client \(contrats en portefeuille : « Multirisque habitation/,
    );
  });

  it('ignores case, apostrophes and spacing when comparing', () => {
    expect(validationWith(ID, { '/contratSupport/nature': '  MULTIRISQUE habitation  Habitat Confort — Mutuelle Atlantique Assurances' }).erreurs).toEqual([]);
  });

  it('says so when the fiche client lists no contract', () => {
    const r = validationWith(ID, { '/ficheClient/contrats': DELETE });
    expect(codes(r.erreurs)).toEqual(['CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT /contratSupport/nature']);
    expect(r.erreurs[0]?.message).toContain('qui ne liste aucun contrat en portefeuille');
  });

  it('does not check a fiche without fiche client', () => {
    expect(validationWith(ID, { '/ficheClient': DELETE, '/contratSupport/nature': 'MRH' }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E42 — GESTION_SINISTRE_VIDE', () => {
  it('rejects a claim management box with no filled prompt', () => {
    const r = validationWith(ID, { '/gestionSinistre': { circonstances: ' \n ', calculIndemnite: '' } });
    expect(codes(r.erreurs)).toEqual(['GESTION_SINISTRE_VIDE /gestionSinistre']);
    expect(r.erreurs[0]?.message).toMatch(/^« Gestion du sinistre » doit contenir au moins une rubrique remplie parmi : Circonstances de l’événement/);
  });

  it('accepts a single filled prompt', () => {
    expect(validationWith(ID, { '/gestionSinistre': { convention: 'Convention IRSI, tranche 1.' } }).erreurs).toEqual([]);
  });
});

describe('fiche d’activité E42 — its fiche client', () => {
  it('applies the fiche client rules and computed values under « Fiche client »', () => {
    expect(valueAt(validationWith(ID).donnees, '/ficheClient/situationFinanciere/revenusMensuels/totalClient')).toBe(2530);
    const r = validationWith(ID, { '/ficheClient/situationFamiliale/conjoint': { prenom: 'Marc' } });
    expect(codes(r.erreurs)).toEqual(['CONJOINT_SANS_COUPLE /ficheClient/situationFamiliale/conjoint']);
    expect(r.erreurs[0]?.message).toContain('(case cochée : Divorcé)');
  });
});
