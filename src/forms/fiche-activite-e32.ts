/**
 * Fiche d'activité E32 — circulaire BTS Assurance 2019, annexe V, with its fiche client (annexe VI). The rules
 * are built for a list of locations so that the dossier professionnel can apply them to the fiches it embeds.
 */
import { clientComputations, forEachPath, clientRules, checkPrecisions } from './fiche-client.ts';
import type { FormRules, Rule } from '../core/forms.ts';

interface FicheE32 {
  domaines: string[];
  cible: string;
  typeProfessionnel?: string;
  typeSituation: string;
  produit: { categorie: string; libelle: string };
}

/**
 * The « Activité portant sur » domains each product category belongs to (assurance vie and épargne retraite are
 * both assurances de personnes and épargne assurantielle); « autre » fits any domain.
 */
export const DOMAINS_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  auto: ['biens-responsabilites'],
  mrh: ['biens-responsabilites'],
  mrp: ['biens-responsabilites'],
  'rc-pro': ['biens-responsabilites'],
  'protection-juridique': ['biens-responsabilites'],
  sante: ['personnes'],
  prevoyance: ['personnes'],
  gav: ['personnes'],
  emprunteur: ['personnes'],
  obseques: ['personnes'],
  dependance: ['personnes'],
  'assurance-vie': ['personnes', 'epargne'],
  retraite: ['personnes', 'epargne'],
  'epargne-bancaire': ['epargne'],
};

/** Printed labels of the « Activité portant sur » boxes of annexes V and IX. */
export const DOMAIN_LABELS: Readonly<Record<string, string>> = {
  'biens-responsabilites': 'Assurances de biens et de responsabilités',
  personnes: 'Assurances de personnes',
  epargne: 'Épargne assurantielle ou bancaire',
};

/** Product categories that only make sense for a professional. */
const PROFESSIONAL_CATEGORIES = ['mrp', 'rc-pro'];

/** Returns the rules of the fiche d'activité E32 itself (not its fiche client), for the fiches found at `prefixes`. */
export function e32Rules(prefixes: readonly string[] = ['']): Rule[] {
  return [
    {
      code: 'TYPE_PROFESSIONNEL_POUR_PARTICULIER',
      description: 'Le type de professionnel (artisan, commerçant, profession libérale, syndic de copropriété…) ne se remplit que pour une activité portant sur les assurances du professionnel (annexe V ; épreuve E32).',
      check: (data, ctx) =>
        forEachPath<FicheE32>(data, prefixes, (f, base) =>
          f.typeProfessionnel !== undefined && f.cible !== 'professionnel'
            ? [ctx.error('TYPE_PROFESSIONNEL_POUR_PARTICULIER', `${base}/typeProfessionnel`, 'ne se remplit que si la case « Assurances du professionnel » est cochée')]
            : [],
        ),
    },
    {
      code: 'SITUATION_B2B_POUR_PARTICULIER',
      description: 'Un entretien de développement commercial en B to B porte sur les assurances du professionnel, pas du particulier (annexe V).',
      check: (data, ctx) =>
        forEachPath<FicheE32>(data, prefixes, (f, base) =>
          f.typeSituation === 'b-to-b' && f.cible === 'particulier'
            ? [
                ctx.error(
                  'SITUATION_B2B_POUR_PARTICULIER',
                  `${base}/typeSituation`,
                  '(« Entretien de développement commercial en B to B ») ne convient pas à une activité cochée « Assurances du particulier » : cochez « Assurances du professionnel » ou une situation B to C',
                ),
              ]
            : [],
        ),
    },
    {
      code: 'DOMAINE_DU_PRODUIT_NON_COCHE',
      description:
        'Le domaine du produit support (biens et responsabilités, personnes, épargne) fait partie des cases « Activité portant sur » cochées (annexe V ; §1.4.2 et épreuve E32 : situations obligatoires).',
      check: (data, ctx) =>
        forEachPath<FicheE32>(data, prefixes, (f, base) => {
          const expectedTypes = DOMAINS_BY_CATEGORY[f.produit.categorie];
          if (!expectedTypes || expectedTypes.some((d) => f.domaines.includes(d))) return [];
          const boxes = expectedTypes.map((d) => `« ${DOMAIN_LABELS[d] ?? d} »`).join(' ou ');
          return [ctx.error('DOMAINE_DU_PRODUIT_NON_COCHE', `${base}/domaines`, `doit comprendre ${boxes}, le domaine du produit « ${f.produit.libelle} »`)];
        }),
    },
    {
      code: 'PRODUIT_PROFESSIONNEL_POUR_PARTICULIER',
      description: 'Une multirisque professionnelle ou une RC professionnelle relève des assurances du professionnel (annexe V).',
      check: (data, ctx) =>
        forEachPath<FicheE32>(data, prefixes, (f, base) =>
          PROFESSIONAL_CATEGORIES.includes(f.produit.categorie) && f.cible === 'particulier'
            ? [
                ctx.error(
                  'PRODUIT_PROFESSIONNEL_POUR_PARTICULIER',
                  `${base}/cible`,
                  `doit être « Assurances du professionnel » : le produit « ${f.produit.libelle} » est une assurance professionnelle`,
                ),
              ]
            : [],
        ),
    },
    {
      code: 'PRECISION_COMMUNICATION_SANS_AUTRE',
      description: 'Le « Précisez » de la forme de communication n’est rempli que si la case « Autre » est cochée (annexe V).',
      check: (data, ctx) =>
        checkPrecisions(
          'PRECISION_COMMUNICATION_SANS_AUTRE',
          prefixes.map((p) => ({ precision: `${p}/precisionCommunication`, choix: 'formeCommunication', autre: 'autre', libelleAutre: 'Autre' })),
          data,
          ctx,
        ),
    },
  ];
}

/** The fiche d'activité E32 form (annexe V), with its optional fiche client (annexe VI) under `ficheClient`. */
export const ficheActiviteE32: FormRules = {
  id: 'fiche-activite-e32',
  title: 'Fiche d’activité E32',
  source: { text: '003', reference: 'annexes V et VI' },
  version: '1.0.0',
  computations: clientComputations(['/ficheClient']),
  rules: [...e32Rules(), ...clientRules(['/ficheClient'])],
};
