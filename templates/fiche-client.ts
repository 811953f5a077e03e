/**
 * Annexe VI — Fiche client annexée à chaque fiche d'activité (circulaire BTS Assurance 2019). The body is shared
 * by the standalone form and by the fiche client included in every fiche d'activité E32 / E42.
 */
import { candidateTemplate, cell, column, each, field, grid, heading, option, row, section, table, text, type Block, type Template } from '../src/layout/layout.ts';

const STATUTS = ['artisan', 'commercant', 'profession-liberale', 'salarie', 'agricole', 'retraite', 'autre'];

/** The "Le client/prospect" / "Son conjoint" column of the professional situation. */
function activite(path: string): Block[] {
  return [
    field(`${path}/profession`),
    field(`${path}/statut`, { label: '', direction: 'row', options: STATUTS.map((value) => ({ value })) }),
    field(`${path}/caisseRegimeObligatoire`),
    field(`${path}/employeur`),
  ];
}

/** A line of the monthly income table. */
function revenus(path: string, label: string) {
  return [cell(label), cell(field(`${path}/client`, { label: '' })), cell(field(`${path}/conjoint`, { label: '' })), cell(field(`${path}/total`, { label: '' }))];
}

/** The annex's instruction, printed right under the « FICHE CLIENT - Annexe à la Fiche d’activité N° » line. */
const INSTRUCTION = text('(N’indiquer que les informations connues telles qu’elles figurent dans le fichier client – Modifier toute donnée personnelle permettant une identification)', 'note');

/** The fields of a contract's « Informations essentielles » (the annex names them for the first contract only). */
const INFORMATIONS = ['franchise', 'crm', 'capitauxBiensAssures', 'garantieSouscrite', 'clauseBeneficiaire', 'sinistralite'];

/** The fiche client itself, relative to the client's data. */
export const ficheClientBody: Block[] = [
  section(undefined, [
    row([field('nom'), field('prenom')]),
    field('dateNaissance'),
    field('adresse/voie', { label: 'Adresse (modifier le n° réel de rue ou bât°)' }),
    row([field('adresse/codePostal'), field('adresse/ville')], [1, 3]),
    row([field('telephoneFixe'), field('telephoneMobile')]),
    field('email'),
  ]),
  heading('1- SITUATION FAMILIALE :'),
  field('situationFamiliale/situation', { label: '', direction: 'row' }),
  field('situationFamiliale/regimeMatrimonial', { direction: 'row' }),
  text('Conjoint :', 'strong'),
  row([field('situationFamiliale/conjoint/nom'), field('situationFamiliale/conjoint/prenom'), field('situationFamiliale/conjoint/dateNaissance')]),
  table('situationFamiliale/enfants', [column('NOM (modifier)', 'nom', 3), column('Prénom', 'prenom', 3), column('Date de naissance', 'dateNaissance', 2), column('A charge', [field('aCharge', { label: '' })], 1)], { title: 'Enfants :', minRows: 2 }),
  heading('2- SITUATION PROFESSIONNELLE :'),
  grid([1, 1], [[cell(activite('situationProfessionnelle/client')), cell(activite('situationProfessionnelle/conjoint'))]], {
    head: [[cell('Le client/prospect', { header: true }), cell('Son conjoint', { header: true })]],
  }),
  section(undefined, [
    field('situationProfessionnelle/entreprise/raisonSociale', { label: 'Client/prospect chef d’entreprise – Raison sociale' }),
    field('situationProfessionnelle/entreprise/activite'),
    row([field('situationProfessionnelle/entreprise/formeEntreprise'), field('situationProfessionnelle/entreprise/dateCreation')]),
    row([
      field('situationProfessionnelle/entreprise/nombreSalaries'),
      field('situationProfessionnelle/entreprise/cadres'),
      field('situationProfessionnelle/entreprise/nonCadres'),
      field('situationProfessionnelle/entreprise/vehiculesFonction'),
    ], [3, 2, 2.4, 4.2]),
  ]),
  heading('3 – SITUATION FINANCIÈRE ET PATRIMONIALE'),
  grid(
    [3, 2, 2, 2],
    [
      revenus('situationFinanciere/revenusMensuels/revenusProfessionnels', 'Revenus professionnels :'),
      revenus('situationFinanciere/revenusMensuels/revenusImmobiliers', 'Revenus immobiliers :'),
      revenus('situationFinanciere/revenusMensuels/revenusMobiliers', 'Revenus mobiliers :'),
      revenus('situationFinanciere/revenusMensuels/autres', 'Autres :'),
      [
        cell('TOTAL', { header: true }),
        cell(field('situationFinanciere/revenusMensuels/totalClient', { label: '' })),
        cell(field('situationFinanciere/revenusMensuels/totalConjoint', { label: '' })),
        cell(field('situationFinanciere/revenusMensuels/totalFoyer', { label: '' })),
      ],
    ],
    { head: [[cell('Revenus mensuels du foyer :', { header: true }), cell('Le Client/prospect', { header: true }), cell('Son conjoint', { header: true }), cell('TOTAL', { header: true })]] },
  ),
  text('Éléments de patrimoine :', 'strong'),
  section('Patrimoine immobilier :', [
    text('Propriétaire :'),
    row([
      option('situationFinanciere/patrimoineImmobilier/proprietaire', 'residence-principale', 'résidence principale'),
      option('situationFinanciere/patrimoineImmobilier/proprietaire', 'residence-secondaire', 'résidence secondaire'),
      option('situationFinanciere/patrimoineImmobilier/proprietaire', 'non-occupant', 'non occupant'),
    ]),
    field('situationFinanciere/patrimoineImmobilier/valeur'),
  ]),
  table('situationFinanciere/patrimoineFinancier', [column('', [text('{{@numero}}')], 0.4), column('Type', 'type', 3), column('Date d’ouverture', 'dateOuverture', 1.5), column('Montant', 'montant', 1.5)], {
    title: 'Patrimoine financier – Placement (hors Portefeuille)',
    minRows: 3,
  }),
  text('PROJET', 'strong'),
  field('situationFinanciere/projet', { label: 'PROJET', lines: 4 }),
  heading('4- CONTRATS d’ASSURANCE et PRODUITS BANCAIRES ACTUELLEMENT EN PORTEFEUILLE :'),
  // Contract 1 as the annex prints it, with its « Par exemple » prompts; the next ones without them.
  text('1', 'strong'),
  field('contrats/0/nature'),
  // The annex's one label for both dates, on one line: the first column wide enough for it.
  row([field('contrats/0/dateSouscription', { label: 'Date de souscription & Date d’échéance' }), field('contrats/0/dateEcheance', { label: '' })], [3, 1]),
  text('Informations essentielles par rapport au contrat :', 'strong'),
  text('Par exemple :', 'note'),
  row([field('contrats/0/informations/franchise'), field('contrats/0/informations/crm', { label: 'CRM' })]),
  field('contrats/0/informations/capitauxBiensAssures'),
  field('contrats/0/informations/garantieSouscrite'),
  field('contrats/0/informations/clauseBeneficiaire'),
  field('contrats/0/informations/sinistralite'),
  field('contrats/0/informations/autres', { label: '…', lines: 2 }),
  each(
    'contrats',
    [
      field('nature'),
      row([field('dateSouscription', { label: 'Date de souscription & Date d’échéance' }), field('dateEcheance', { label: '' })], [3, 1]),
      text('Informations essentielles par rapport au contrat :', 'strong'),
      ...INFORMATIONS.map((k) => field(`informations/${k}`, { label: '' })),
      field('informations/autres', { label: '…', lines: 2 }),
    ],
    { title: '{{@numero}}', min: 3, start: 1 },
  ),
  text('(Ajouter des tableaux si nécessaire pour noter tous les contrats)', 'note'),
];

/** Paperasse's own page: the precisions of an « autre » answer, which the annex does not ask. */
export const ficheClientHorsAnnexe: Block[] = [
  heading('Fiche client', 2),
  field('situationFamiliale/precisionRegime'),
  field('situationProfessionnelle/client/precisionStatut', { label: 'Le client/prospect : statut autre (précisez)' }),
  field('situationProfessionnelle/conjoint/precisionStatut', { label: 'Son conjoint : statut autre (précisez)' }),
];

/** Returns the fiche client annex with `header` (who it belongs to) above the shared body. */
export function ficheClientAnnexe(header: Block[]): Template {
  const [first, ...rest] = header;
  return candidateTemplate({
    form: 'fiche-client',
    annexe: 'ANNEXE VI',
    title: 'Fiche Client annexe à chaque fiche d’activité',
    blocks: [...(first ? [first] : []), INSTRUCTION, ...rest, ...ficheClientBody],
    horsAnnexe: ficheClientHorsAnnexe,
  });
}

/** The standalone fiche client. */
export const template: Template = ficheClientAnnexe([
  field('ficheActivite', { label: 'FICHE CLIENT - Annexe à la Fiche d’activité N°' }),
  row([field('candidat/nom', { label: 'Nom' }), field('candidat/prenom', { label: 'Prénom' })]),
  field('ficheContexte'),
]);
