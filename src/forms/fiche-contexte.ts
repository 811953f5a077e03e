/**
 * Fiche contexte — circulaire BTS Assurance 2019, §1.4.2 and annexe IV. Its content (`$defs.fiche`) is also
 * embedded in the dossier professionnel, so the rules are built for a list of locations (JSON Pointers, `*`
 * standing for every index of an array).
 */
import type { Erreur } from '../core/erreurs.ts';
import { pourChaque } from './fiche-client.ts';
import type { ContexteRegle, DefinitionFormulaire, Regle } from './types.ts';

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
  cle: string;
  liste: 'situationFiliere' | 'cases' | 'partenaires';
  caseCochee: string;
}

/** Precisions of SITUATION DE L’ENTREPRISE DANS LA FILIÈRE, each tied to its box. */
const PRECISIONS_FILIERE: Precision[] = [
  { cle: 'typeOrganisme', liste: 'situationFiliere', caseCochee: 'organisme-assurance' },
  { cle: 'compagnieAgentGeneral', liste: 'situationFiliere', caseCochee: 'agent-general' },
  { cle: 'compagnieMandante', liste: 'situationFiliere', caseCochee: 'mandataire-compagnie' },
  { cle: 'intermediaireMandant', liste: 'situationFiliere', caseCochee: 'mandataire-intermediaire' },
  { cle: 'organisation', liste: 'situationFiliere', caseCochee: 'service-assurance-organisation' },
  { cle: 'autreSituation', liste: 'situationFiliere', caseCochee: 'autre' },
];

/** Precisions of SPÉCIFICITÉS DE L’ACTIVITÉ DE L’ENTREPRISE, each tied to its box. */
const PRECISIONS_SPECIFICITES: Precision[] = [
  { cle: 'partenaires', liste: 'cases', caseCochee: 'partenaires' },
  { cle: 'compagnies', liste: 'partenaires', caseCochee: 'compagnies' },
  { cle: 'courtiersGrossistes', liste: 'partenaires', caseCochee: 'courtiers-grossistes' },
  { cle: 'courtage', liste: 'cases', caseCochee: 'courtage' },
  { cle: 'autres', liste: 'cases', caseCochee: 'autres' },
  { cle: 'seuilDelegation', liste: 'cases', caseCochee: 'reglement-sinistres' },
  { cle: 'risquesDelegation', liste: 'cases', caseCochee: 'reglement-sinistres' },
];

/** Printed labels of the boxes a precision depends on, for messages. */
const LIBELLES_CASES: Record<string, string> = {
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
function precisionsOrphelines(objet: object, precisions: readonly Precision[], prefixe: string, ctx: ContexteRegle): Erreur[] {
  const erreurs: Erreur[] = [];
  for (const p of precisions) {
    const champs = objet as Record<string, unknown>;
    if (champs[p.cle] === undefined) continue;
    const liste = champs[p.liste];
    if (Array.isArray(liste) && liste.includes(p.caseCochee)) continue;
    erreurs.push(
      ctx.erreur(
        'PRECISION_SANS_CASE_COCHEE',
        `${prefixe}/${p.cle}`,
        `est rempli alors que la case « ${LIBELLES_CASES[p.caseCochee] ?? p.caseCochee} » n’est pas cochée : cochez-la ou retirez la précision`,
      ),
    );
  }
  return erreurs;
}

/** Returns true when at least one product category of the range is filled in. */
function gammeRenseignee(gamme: unknown): boolean {
  if (typeof gamme === 'string') return gamme.trim() !== '';
  if (gamme && typeof gamme === 'object') return Object.values(gamme).some(gammeRenseignee);
  return false;
}

/** Returns the fiche contexte rules, applied to the fiches found at each of `prefixes` ("" for the root). */
export function reglesContexte(prefixes: readonly string[] = ['']): Regle[] {
  return [
    {
      code: 'PERIODE_DATES_INVERSEES',
      description: 'La fin de la « Période / Date » passée dans l’entreprise n’est pas antérieure à son début (annexe IV).',
      verifier: (donnees, ctx) =>
        pourChaque<Fiche>(donnees, prefixes, ({ periode: { debut, fin } }, base) =>
          fin !== undefined && fin < debut
            ? [ctx.erreur('PERIODE_DATES_INVERSEES', `${base}/periode/fin`, `(${fin}) est antérieure au début de la période (${debut})`)]
            : [],
        ),
    },
    {
      code: 'PRECISION_SANS_CASE_COCHEE',
      description:
        'Une précision (compagnie de l’agent général, type d’organisme, partenaires, courtage, seuil de délégation…) n’est remplie que si sa case est cochée dans « SITUATION DE L’ENTREPRISE DANS LA FILIÈRE » ou « SPÉCIFICITÉS DE L’ACTIVITÉ DE L’ENTREPRISE » (annexe IV).',
      verifier: (donnees, ctx) =>
        pourChaque<Fiche>(donnees, prefixes, (f, base) => [
          ...precisionsOrphelines(f, PRECISIONS_FILIERE, base, ctx),
          ...precisionsOrphelines(f.specificitesActivite, PRECISIONS_SPECIFICITES, `${base}/specificitesActivite`, ctx),
        ]),
    },
    {
      code: 'COURTAGE_AGENT_GENERAL',
      description:
        'Un agent général qui coche « Activité de courtage » indique le nom du courtage et sa part (% de CA) dans le chiffre d’affaires (annexe IV).',
      verifier: (donnees, ctx) =>
        pourChaque<Fiche>(donnees, prefixes, (f, base) =>
          f.situationFiliere.includes('agent-general') && f.specificitesActivite.cases.includes('courtage') && f.specificitesActivite.courtage === undefined
            ? [
                ctx.erreur(
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
      verifier: (donnees, ctx) =>
        pourChaque<Fiche>(donnees, prefixes, (f, base) =>
          gammeRenseignee(f.activitesEntreprise.gammeProduits)
            ? []
            : [
                ctx.erreur(
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
      verifier: (donnees, ctx) =>
        pourChaque<Fiche>(donnees, prefixes, (f, base) =>
          (f.activitesEntreprise.analyseActivite.indicateursPortefeuille ?? []).flatMap((ind, i) =>
            ind.unite.trim() === '%' && (ind.valeur < 0 || ind.valeur > 100)
              ? [
                  ctx.erreur(
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
export const ficheContexte: DefinitionFormulaire = {
  id: 'fiche-contexte',
  titre: 'Fiche contexte',
  source: { texte: '003', reference: 'annexe IV' },
  version: '1.0.0',
  calculs: [],
  regles: reglesContexte(),
};
