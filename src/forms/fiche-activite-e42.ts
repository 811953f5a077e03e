/**
 * Fiche d'activité E42 — circulaire BTS Assurance 2019, annexe IX, with its fiche client (annexe VI). The rules
 * are built for a list of locations so that the dossier professionnel can apply them to the fiches it embeds.
 */
import { DOMAINS_BY_CATEGORY, DOMAIN_LABELS } from './fiche-activite-e32.ts';
import { clientComputations, forEachPath, clientRules, checkPrecisions } from './fiche-client.ts';
import type { FormRules, Rule } from '../core/forms.ts';

interface FicheE42 {
  domaine: string;
  produit: { categorie: string; libelle: string };
  contratSupport: { nature: string };
  gestionSinistre: Record<string, string | undefined>;
  ficheClient?: { contrats?: Array<{ nature: string }> };
}

/** The prompts of the « Gestion du sinistre » box, in printed order. */
export const CLAIM_HANDLING_HEADINGS = [
  'circonstances',
  'conditionsGarantie',
  'missionExpert',
  'convention',
  'procedureReglement',
  'calculIndemnite',
  'informationsAConserver',
] as const;

/** Returns a contract name reduced for comparison: case, accents' encoding, apostrophes and spaces do not count. */
export function normalizeNature(nature: string): string {
  return nature.normalize('NFC').toLocaleLowerCase('fr-FR').replace(/[’‘`]/g, "'").replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Returns the rules of the fiche d'activité E42 itself (not its fiche client), for the fiches found at `prefixes`. */
export function e42Rules(prefixes: readonly string[] = ['']): Rule[] {
  return [
    {
      code: 'PRECISION_DOMAINE_SANS_AUTRE',
      description: 'Le « Précisez » de l’activité n’est rempli que si la case « Autre contrat » est cochée (annexe IX).',
      check: (data, ctx) =>
        checkPrecisions(
          'PRECISION_DOMAINE_SANS_AUTRE',
          prefixes.map((p) => ({ precision: `${p}/precisionDomaine`, choix: 'domaine', autre: 'autre', libelleAutre: 'Autre contrat' })),
          data,
          ctx,
        ),
    },
    {
      code: 'PRODUIT_HORS_DOMAINE',
      description:
        'Le produit support relève de la case « Activité portant sur » cochée : assurances de biens et de responsabilités, assurances de personnes, ou « Autre contrat » pour un autre produit (annexe IX ; épreuve E42 : situations obligatoires).',
      check: (data, ctx) =>
        forEachPath<FicheE42>(data, prefixes, (f, base) => {
          const expectedTypes = DOMAINS_BY_CATEGORY[f.produit.categorie];
          if (f.domaine === 'autre' || !expectedTypes || expectedTypes.includes(f.domaine)) return [];
          const boxes = [...new Set(expectedTypes.map((d) => (d === 'epargne' ? 'Autre contrat' : (DOMAIN_LABELS[d] ?? d))))].map((l) => `« ${l} »`).join(' ou ');
          return [ctx.error('PRODUIT_HORS_DOMAINE', `${base}/domaine`, `ne correspond pas au produit « ${f.produit.libelle} » : cochez ${boxes}`)];
        }),
    },
    {
      code: 'CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT',
      description:
        'Le contrat d’assurance support de l’activité est indiqué « tel qu’il apparaît sur la fiche client » : sa nature est celle d’un contrat de la rubrique 4 de la fiche client jointe (annexes IX et VI).',
      check: (data, ctx) =>
        forEachPath<FicheE42>(data, prefixes, (f, base) => {
          if (!f.ficheClient) return [];
          const contrats = (f.ficheClient.contrats ?? []).map((k) => k.nature);
          if (contrats.some((n) => normalizeNature(n) === normalizeNature(f.contratSupport.nature))) return [];
          const text =
            contrats.length === 0
              ? 'ne figure pas sur la fiche client, qui ne liste aucun contrat en portefeuille : ajoutez-le à la rubrique 4 de la fiche client'
              : `doit être recopié d’un contrat de la fiche client (contrats en portefeuille : ${contrats.map((n) => `« ${n} »`).join(', ')})`;
          return [ctx.error('CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT', `${base}/contratSupport/nature`, text)];
        }),
    },
    {
      code: 'GESTION_SINISTRE_VIDE',
      description: 'Au moins une rubrique de la gestion du sinistre (circonstances, garantie, expertise, convention, règlement, indemnité, informations à conserver) est remplie (annexe IX).',
      check: (data, ctx) =>
        forEachPath<FicheE42>(data, prefixes, (f, base) => {
          if (CLAIM_HANDLING_HEADINGS.some((r) => (f.gestionSinistre[r] ?? '').trim() !== '')) return [];
          const headings = CLAIM_HANDLING_HEADINGS.map((r) => ctx.label(`${base}/gestionSinistre/${r}`)).join(' ; ');
          return [ctx.error('GESTION_SINISTRE_VIDE', `${base}/gestionSinistre`, `doit contenir au moins une rubrique remplie parmi : ${headings}`)];
        }),
    },
  ];
}

/** The fiche d'activité E42 form (annexe IX), with its optional fiche client (annexe VI) under `ficheClient`. */
export const ficheActiviteE42: FormRules = {
  id: 'fiche-activite-e42',
  title: 'Fiche d’activité E42',
  source: { text: '003', reference: 'annexes IX et VI' },
  version: '1.0.0',
  computations: clientComputations(['/ficheClient']),
  rules: [...e42Rules(), ...clientRules(['/ficheClient'])],
};
