/**
 * Annexe IV — Fiche contexte (circulaire BTS Assurance 2019, §1.4.2 A point 3). The body is relative to one
 * fiche's data, so the dossier professionnel repeats it for every entreprise; the candidate and the session are
 * at the document root in both schemas.
 */
import { type Block, candidateTemplate, column, each, field, heading, option, row, stack, table, type Template, text } from '../src/layout/layout.ts';

/** Blocks shifted right by a blank first column (the annex's sub-items), one under the other. */
function indent(blocks: Block[]): Block {
  return row([text(''), stack(blocks)], [0.6, 24]);
}

/** A box of the « SITUATION DE L’ENTREPRISE DANS LA FILIÈRE » list, with its precision on the same line when it has one. */
function filiere(value: string, label: string, precision?: Block): Block {
  const box = option('situationFiliere', value, label);
  return precision ? row([box, precision], [2, 3]) : box;
}

/**
 * A « Gamme de produits » category: the annex's box (ticked when the category lists products: the schema has no
 * separate box) and label, then the products proposed.
 */
function produits(path: string, label: string): Block[] {
  const test = path.replace(/\//g, '.');
  return [text(`{{#if ${test}}}☒{{else}}☐{{/if}} ${label}`, 'strong'), indent([field(path, { label: '', lines: 2 })])];
}

/** An illustration of the « SITUATION GÉOGRAPHIQUE »: its comment (the images joined to it are on Paperasse's own page). */
function illustration(path: string, label: string): Block[] {
  return [field(`${path}/texte`, { label, lines: 2 })];
}

/** The files joined to an illustration, listed on Paperasse's own page. */
function illustrationFiles(path: string, label: string): Block {
  return table(`${path}/images`, [column(`${label} : images jointes (fichiers)`, '')], { minRows: 1 });
}

const GAMME = 'activitesEntreprise/gammeProduits';
const ANALYSE = 'activitesEntreprise/analyseActivite';
const PRO = 'activitesEntreprise.gammeProduits.assurancesDommages.professionnels';

/** The fiche contexte, relative to the fiche's data (candidate at the document root). */
export const ficheContexteBody: Block[] = [
  field('numero', { label: 'FICHE CONTEXTE N°' }),
  row(
    [
      text('CONCERNE FICHE(S) D’ACTIVITÉ NOS :', 'strong'),
      ...Array.from({ length: 9 }, (_, i) => field(`fichesActiviteConcernees/${i}`, { label: '' })),
    ],
    [7, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  ),
  row([field('/candidat/nom', { label: 'NOM' }), field('/candidat/prenom', { label: 'PRÉNOM' })]),
  field('contexte', { label: '', direction: 'row' }),
  row([field('periode/debut', { label: 'Période / Date' }), field('periode/fin', { label: '' })], [3, 2]),
  field('nomEntreprise', { label: 'NOM DE L’ENTREPRISE' }),
  row([field('adresse/voie', { label: 'Adresse' }), field('adresse/codePostal', { label: '' }), field('adresse/ville', { label: '' })], [5, 1, 2]),
  field('service', { label: 'Service' }),

  heading('SITUATION DE L’ENTREPRISE DANS LA FILIÈRE :'),
  text('(cochez – plusieurs cases possibles)', 'note'),
  filiere('organisme-assurance', 'Organisme d’assurance', field('typeOrganisme', { label: 'type d’organisme (SA SAM, M45, IP)', mark: 'text' })),
  filiere('courtier-grossiste', 'Courtier Grossiste'),
  filiere('agent-general', 'Agent Général', field('compagnieAgentGeneral', { label: 'compagnie' })),
  filiere('courtier', 'Courtier en assurance'),
  filiere('mandataire-compagnie', 'Mandataire de la compagnie :', field('compagnieMandante', { label: '' })),
  filiere('mandataire-intermediaire', 'Mandataire de l’intermédiaire :', field('intermediaireMandant', { label: '' })),
  option('situationFiliere', 'service-assurance-organisation', 'Service assurance d’une organisation (collectivités territoriales, entreprise privée) :'),
  indent([field('organisation', { label: '' })]),
  field('autreSituation', { label: 'Autre' }),

  heading('SPÉCIFICITÉS DE L’ACTIVITÉ DE L’ENTREPRISE :'),
  text('(cochez – plusieurs cases possibles)', 'note'),
  option('specificitesActivite/cases', 'partenaires', 'Partenaires :'),
  indent([row([option('specificitesActivite/partenaires', 'compagnies', 'Compagnies :'), field('specificitesActivite/compagnies', { label: '' })], [5, 19])]),
  indent([row([option('specificitesActivite/partenaires', 'courtiers-grossistes', 'Courtiers grossistes :'), field('specificitesActivite/courtiersGrossistes', { label: '' })], [5, 19])]),
  indent([option('specificitesActivite/partenaires', 'courtiers', 'Courtiers')]),
  indent([option('specificitesActivite/partenaires', 'agents', 'Agents')]),
  option('specificitesActivite/cases', 'courtage', 'Activité de courtage (pour les agents généraux : Nom du courtage, % de CA) :'),
  indent([row([field('specificitesActivite/courtage/nom'), field('specificitesActivite/courtage/partChiffreAffaires', { unit: '%' })], [14, 10])]),
  row([option('specificitesActivite/cases', 'autres', 'Autres :'), field('specificitesActivite/autres', { label: '' })], [1, 5]),
  option('specificitesActivite/cases', 'souscription', 'Souscription de contrats'),
  option('specificitesActivite/cases', 'gestion', 'Gestion des contrats'),
  option('specificitesActivite/cases', 'reglement-sinistres', 'Règlement de sinistres :'),
  indent([field('specificitesActivite/seuilDelegation')]),
  indent([field('specificitesActivite/risquesDelegation')]),

  heading('SITUATION GÉOGRAPHIQUE :'),
  ...illustration('situationGeographique/planLocaux', '· plan des locaux'),
  ...illustration('situationGeographique/geolocalisation', '· ou géolocalisation'),
  ...illustration('situationGeographique/photos', '· ou photo(s)'),
  ...illustration('situationGeographique/implantations', '· les implantations'),

  heading('RESSOURCES  HUMAINES :'),
  field('ressourcesHumaines/effectifs', { label: '· Effectifs' }),
  field('ressourcesHumaines/organigramme', { label: '· Organigramme à insérer' }),
  field('ressourcesHumaines/services', { label: '· ou  Services :', lines: 2 }),
  field('ressourcesHumaines/collaborateurs', { label: '· ou Collaborateurs :', lines: 2 }),

  heading('ACTIVITÉS DE L’ENTREPRISE'),
  heading('1-GAMME DE PRODUITS PROPOSÉS À LA VENTE', 2),
  text('PRODUITS D’ASSURANCE :', 'strong'),
  heading('ASSURANCES DE DOMMAGES', 2),
  ...produits(`${GAMME}/assurancesDommages/particuliers`, 'Particuliers : Assurance/protection des biens :'),
  text(`{{#if ${PRO}.viePrivee}}☒{{else}}{{#if ${PRO}.vieProfessionnelle}}☒{{else}}☐{{/if}}{{/if}} Professionnels :`, 'strong'),
  indent([text('Assurance/protection des biens  vie privée :', 'strong'), field(`${GAMME}/assurancesDommages/professionnels/viePrivee`, { label: '', lines: 2 })]),
  indent([text('Assurance/protection des biens vie professionnelle :', 'strong'), field(`${GAMME}/assurancesDommages/professionnels/vieProfessionnelle`, { label: '', lines: 2 })]),
  ...produits(`${GAMME}/assurancesDommages/entreprises`, 'Entreprises :'),
  heading('ASSURANCES DE PERSONNES', 2),
  text('SANTE / PRÉVOYANCE :', 'strong'),
  indent(produits(`${GAMME}/assurancesPersonnes/santePrevoyance/collectives`, 'Assurances collectives')),
  indent(produits(`${GAMME}/assurancesPersonnes/santePrevoyance/individuelles`, 'Assurances individuelles')),
  text('ÉPARGNE/ PLACEMENTS :', 'strong'),
  indent(produits(`${GAMME}/assurancesPersonnes/epargnePlacements/particuliers`, 'Particuliers :')),
  indent(produits(`${GAMME}/assurancesPersonnes/epargnePlacements/professionnels`, 'Professionnels :')),
  indent(produits(`${GAMME}/assurancesPersonnes/epargnePlacements/collectives`, 'Assurances collectives')),
  indent(produits(`${GAMME}/assurancesPersonnes/epargnePlacements/individuelles`, 'Assurances individuelles')),
  text('RETRAITE :', 'strong'),
  indent(produits(`${GAMME}/assurancesPersonnes/retraite/collectives`, 'Assurances collectives')),
  indent(produits(`${GAMME}/assurancesPersonnes/retraite/individuelles`, 'Assurances individuelles')),
  heading('PRODUITS AUTRES QUE L’ASSURANCE :', 2),
  text('INDIQUEZ LES PRODUITS BANCAIRES, FINANCIERS, AUTRES COMMERCIALISES :', 'strong'),
  indent([field(`${GAMME}/produitsAutres/bancaires`, { label: '', lines: 2 })]),
  indent([field(`${GAMME}/produitsAutres/financiers`, { label: '', lines: 2 })]),
  indent([field(`${GAMME}/produitsAutres/autres`, { label: '', lines: 2 })]),

  heading('2-ANALYSE DE L’ACTIVITÉ DE L’ENTREPRISE', 2),
  field(`${ANALYSE}/marchesCibles`, { label: '· Marchés ciblés :', lines: 2 }),
  field(`${ANALYSE}/positionnement`, { label: '· Positionnement de l’entreprise :', lines: 3 }),
  field(`${ANALYSE}/zoneChalandise`, { label: '· Zone de chalandise :', lines: 2 }),
  text('· Étude de la concurrence (Se limiter à 3 ou 4 concurrents significatifs)', 'strong'),
  // The annex leaves a free space: each competitor is written there, without the columns of a table.
  each(`${ANALYSE}/concurrents`, [row([field('nom', { label: '' }), field('implantation', { label: '' })]), field('analyse', { label: '', lines: 2 })], { min: 1 }),
  text(
    'Diagrammes ou tableaux d’analyse du portefeuille (exemples d’indicateurs de composition du portefeuille : nombre de contrats, % par catégorie de contrats (contrats auto, MRH, MRP, RC PRO, PJ, Santé, Gav, Prévoyance, Assurance vie) ; nombre de clients, typologie de la clientèle  (% de clients professionnels, clients particuliers, clients entreprises), (% clients monodétenteurs et/ou pluridétenteurs), nombre moyen de contrats par client, % ou nombre d’impayés, taux d’attrition, durée moyenne de détention d’un contrat…).',
    'strong',
  ),
  each(`${ANALYSE}/indicateursPortefeuille`, [row([field('libelle', { label: '' }), field('valeur', { label: '' }), field('unite', { label: '' })], [4, 1, 2])], { min: 3 }),
  field(`${ANALYSE}/chiffreAffaires`, { label: 'Chiffre d’affaires (de l’agence, du cabinet de courtage, de l’entreprise lorsque disponible)' }),
  text('Taux de commissionnement (selon les produits, lorsque disponible) :', 'strong'),
  each(`${ANALYSE}/tauxCommissionnement`, [row([field('produit', { label: '' }), field('taux', { label: '', unit: '%' })], [4, 1])], { min: 2 }),

  heading('3- ÉVENTUELLEMENT,  SPÉCIFICITÉS  DU SERVICE', 2),
  field('activitesEntreprise/specificitesService', { label: '', lines: 4 }),
];

/**
 * Paperasse's own page: the files joined to the fiche (images, organigramme, diagrams) and the « Autre » box of
 * the filière, which the annex does not print (its « Autre : …… » is a line to write on).
 */
export const ficheContexteHorsAnnexe: Block[] = [
  heading('Fiche contexte n° {{numero}}', 2),
  option('situationFiliere', 'autre', 'Situation dans la filière : autre'),
  illustrationFiles('situationGeographique/planLocaux', 'Plan des locaux'),
  illustrationFiles('situationGeographique/geolocalisation', 'Géolocalisation'),
  illustrationFiles('situationGeographique/photos', 'Photo(s)'),
  illustrationFiles('situationGeographique/implantations', 'Implantations'),
  table(`${ANALYSE}/diagrammes`, [column('Diagrammes joints (fichiers)', '')], { minRows: 1 }),
];

/** The standalone fiche contexte (the schema's root is one fiche plus session and candidate). */
export const template: Template = candidateTemplate({
  form: 'fiche-contexte',
  annexe: 'ANNEXE IV',
  title: 'Fiche contexte',
  blocks: ficheContexteBody,
  horsAnnexe: ficheContexteHorsAnnexe,
});
