/**
 * Fiche contexte — circulaire BTS Assurance 2019, §1.4.2 and annexe IV. Its content (`$defs.fiche`) is also
 * embedded in the dossier professionnel, so the rules are built for a list of locations (JSON Pointers, `*`
 * standing for every index of an array).
 */
import { formatFrenchDate } from '../core/dates.ts';
import type { Issue } from '../core/issues.ts';
import { forEachPath } from './fiche-client.ts';
import type { RuleContext, FormRules, Rule } from '../core/forms.ts';

/** The parts of a fiche contexte the rules read (the schema guarantees their types). */
interface Fiche {
  periode: { debut: string; fin?: string };
  situationFiliere: string[];
  typeOrganisme?: string;
  compagnieAgentGeneral?: string;
  compagnieMandante?: string;
  intermediaireMandant?: string;
  organisation?: string;
  autreSituation?: string;
  specificitesActivite: {
    cases: string[];
    partenaires?: string[];
    compagnies?: string;
    courtiersGrossistes?: string;
    courtage?: object;
    autres?: string;
    seuilDelegation?: number;
    risquesDelegation?: string;
  };
  activitesEntreprise: {
    gammeProduits: unknown;
    analyseActivite: { indicateursPortefeuille?: Array<{ valeur: number; unite: string }> };
  };
}

/** A precision written next to a box: its key, the key of the list holding the box, and the box's value. */
interface Precision {
  key: string;
  list: 'situationFiliere' | 'cases' | 'partenaires';
  checkedBox: string;
}

/** Precisions of SITUATION DE L’ENTREPRISE DANS LA FILIÈRE, each tied to its box. */
const SECTOR_PRECISIONS: Precision[] = [
  { key: 'typeOrganisme', list: 'situationFiliere', checkedBox: 'organisme-assurance' },
  { key: 'compagnieAgentGeneral', list: 'situationFiliere', checkedBox: 'agent-general' },
  { key: 'compagnieMandante', list: 'situationFiliere', checkedBox: 'mandataire-compagnie' },
  { key: 'intermediaireMandant', list: 'situationFiliere', checkedBox: 'mandataire-intermediaire' },
  { key: 'organisation', list: 'situationFiliere', checkedBox: 'service-assurance-organisation' },
  { key: 'autreSituation', list: 'situationFiliere', checkedBox: 'autre' },
];

/** Precisions of SPÉCIFICITÉS DE L’ACTIVITÉ DE L’ENTREPRISE, each tied to its box. */
const SPECIFICITY_PRECISIONS: Precision[] = [
  { key: 'partenaires', list: 'cases', checkedBox: 'partenaires' },
  { key: 'compagnies', list: 'partenaires', checkedBox: 'compagnies' },
  { key: 'courtiersGrossistes', list: 'partenaires', checkedBox: 'courtiers-grossistes' },
  { key: 'courtage', list: 'cases', checkedBox: 'courtage' },
  { key: 'autres', list: 'cases', checkedBox: 'autres' },
  { key: 'seuilDelegation', list: 'cases', checkedBox: 'reglement-sinistres' },
  { key: 'risquesDelegation', list: 'cases', checkedBox: 'reglement-sinistres' },
];

/** Printed labels of the boxes a precision depends on, for messages. */
const BOX_LABELS: Record<string, string> = {
  'organisme-assurance': 'Organisme d’assurance',
  'agent-general': 'Agent Général',
  'mandataire-compagnie': 'Mandataire de la compagnie',
  'mandataire-intermediaire': 'Mandataire de l’intermédiaire',
  'service-assurance-organisation': 'Service assurance d’une organisation',
  autre: 'Autre',
  partenaires: 'Partenaires',
  compagnies: 'Compagnies',
  'courtiers-grossistes': 'Courtiers grossistes',
  courtage: 'Activité de courtage',
  autres: 'Autres',
  'reglement-sinistres': 'Règlement de sinistres',
};

/** Returns the errors of precisions filled in while their box is not ticked. */
function orphanPrecisions(item: object, precisions: readonly Precision[], prefix: string, ctx: RuleContext): Issue[] {
  const errors: Issue[] = [];
  for (const p of precisions) {
    const fields = item as Record<string, unknown>;
    if (fields[p.key] === undefined) continue;
    const list = fields[p.list];
    if (Array.isArray(list) && list.includes(p.checkedBox)) continue;
    errors.push(
      ctx.error(
        'PRECISION_SANS_CASE_COCHEE',
        `${prefix}/${p.key}`,
        `est rempli alors que la case « ${BOX_LABELS[p.checkedBox] ?? p.checkedBox} » n’est pas cochée : cochez-la ou retirez la précision`,
      ),
    );
  }
  return errors;
}

/** Returns true when at least one product category of the range is filled in. */
function rangeFilled(range: unknown): boolean {
  if (typeof range === 'string') return range.trim() !== '';
  if (range && typeof range === 'object') return Object.values(range).some(rangeFilled);
  return false;
}

/** Returns the fiche contexte rules, applied to the fiches found at each of `prefixes` ("" for the root). */
export function contexteRules(prefixes: readonly string[] = ['']): Rule[] {
  return [
    {
      code: 'PERIODE_DATES_INVERSEES',
      description: 'La fin de la « Période / Date » passée dans l’entreprise n’est pas antérieure à son début (annexe IV).',
      check: (data, ctx) =>
        forEachPath<Fiche>(data, prefixes, ({ periode: { debut: start, fin: end } }, base) =>
          end !== undefined && end < start
            ? [ctx.error('PERIODE_DATES_INVERSEES', `${base}/periode/fin`, `(${formatFrenchDate(end)}) est antérieure au début de la période (${formatFrenchDate(start)})`)]
            : [],
        ),
    },
    {
      code: 'PRECISION_SANS_CASE_COCHEE',
      description:
        'Une précision (compagnie de l’agent général, type d’organisme, partenaires, courtage, seuil de délégation…) n’est remplie que si sa case est cochée dans « SITUATION DE L’ENTREPRISE DANS LA FILIÈRE » ou « SPÉCIFICITÉS DE L’ACTIVITÉ DE L’ENTREPRISE » (annexe IV).',
      check: (data, ctx) =>
        forEachPath<Fiche>(data, prefixes, (f, base) => [
          ...orphanPrecisions(f, SECTOR_PRECISIONS, base, ctx),
          ...orphanPrecisions(f.specificitesActivite, SPECIFICITY_PRECISIONS, `${base}/specificitesActivite`, ctx),
        ]),
    },
    {
      code: 'COURTAGE_AGENT_GENERAL',
      description:
        'Un agent général qui coche « Activité de courtage » indique le nom du courtage et sa part (% de CA) dans le chiffre d’affaires (annexe IV).',
      check: (data, ctx) =>
        forEachPath<Fiche>(data, prefixes, (f, base) =>
          f.situationFiliere.includes('agent-general') && f.specificitesActivite.cases.includes('courtage') && f.specificitesActivite.courtage === undefined
            ? [
                ctx.error(
                  'COURTAGE_AGENT_GENERAL',
                  `${base}/specificitesActivite/courtage`,
                  'est obligatoire pour un agent général qui coche « Activité de courtage » : indiquez le nom du courtage et son % de CA',
                ),
              ]
            : [],
        ),
    },
    {
      code: 'GAMME_DE_PRODUITS_VIDE',
      description: 'La « 1-GAMME DE PRODUITS PROPOSÉS À LA VENTE » indique au moins un produit, d’assurance ou autre (annexe IV).',
      check: (data, ctx) =>
        forEachPath<Fiche>(data, prefixes, (f, base) =>
          rangeFilled(f.activitesEntreprise.gammeProduits)
            ? []
            : [
                ctx.error(
                  'GAMME_DE_PRODUITS_VIDE',
                  `${base}/activitesEntreprise/gammeProduits`,
                  'ne contient aucun produit : renseignez au moins une catégorie (assurances de dommages, de personnes, ou produits autres que l’assurance)',
                ),
              ],
        ),
    },
    {
      code: 'POURCENTAGE_HORS_LIMITES',
      description:
        'Un indicateur d’analyse du portefeuille exprimé en « % » (part par catégorie de contrats, typologie de la clientèle, impayés, taux d’attrition) est compris entre 0 et 100 (annexe IV).',
      check: (data, ctx) =>
        forEachPath<Fiche>(data, prefixes, (f, base) =>
          (f.activitesEntreprise.analyseActivite.indicateursPortefeuille ?? []).flatMap((ind, i) =>
            ind.unite.trim() === '%' && (ind.valeur < 0 || ind.valeur > 100)
              ? [
                  ctx.error(
                    'POURCENTAGE_HORS_LIMITES',
                    `${base}/activitesEntreprise/analyseActivite/indicateursPortefeuille/${i}/valeur`,
                    `(${String(ind.valeur).replace('.', ',')} %) doit être comprise entre 0 et 100 pour une unité en %`,
                  ),
                ]
              : [],
          ),
        ),
    },
  ];
}

/** The fiche contexte (annexe IV): the organisational and commercial context of the candidate's company. */
export const ficheContexte: FormRules = {
  id: 'fiche-contexte',
  title: 'Fiche contexte',
  source: { text: '003', reference: 'annexe IV' },
  version: '1.0.0',
  computations: [],
  rules: contexteRules(),
};
