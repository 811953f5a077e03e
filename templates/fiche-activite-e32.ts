/**
 * Annexe V — Fiche d'activité E32 « Développement commercial et conduite d'entretien », followed by its fiche
 * client (annexe VI). The fiche body is shared with the dossier professionnel, which repeats it for fiches 1 to 5.
 */
import { type Block, candidateTemplate, cell, column, each, field, heading, include, option, row, table, type Template, text } from '../src/layout/layout.ts';
import { ficheClientAnnexe } from './fiche-client.ts';

/** The fiche client of a fiche d'activité: its header points back at the fiche. */
export const ficheClientOfActivity: Template = ficheClientAnnexe([
  field('../numero', { label: 'FICHE CLIENT - Annexe à la Fiche d’activité N°' }),
  row([field('/candidat/nom', { label: 'Nom' }), field('/candidat/prenom', { label: 'Prénom' })]),
  field('../ficheContexte'),
]);

/** The fiche d'activité E32, relative to the fiche's data (candidate and session are at the document root). */
export const ficheE32Body: Block[] = [
  text('E32 – Développement commercial et conduite d’entretien', 'strong'),
  field('numero', { label: 'Fiche d’activité n°' }),
  row([field('/candidat/nom', { label: 'Nom' }), field('/candidat/prenom', { label: 'Prénom' })]),
  field('ficheContexte'),
  field('activite', { label: '', direction: 'row' }),
  field('nomEntreprise'),
  row(
    [
      field('domaines', { label: 'Activité portant sur :' }),
      field('cible', { label: '' }),
    ],
    [3, 2],
  ),
  field('origineContact', { label: 'ORIGINE DU CONTACT :' }),
  // The annex nests « avec un prospect / avec un client » under « sans rendez-vous préalable », whose box is
  // ticked when one of them is.
  text('TYPE de SITUATION :', 'strong'),
  text(
    '{{#if (egal typeSituation "sans-rdv-prospect")}}☒{{else}}{{#if (egal typeSituation "sans-rdv-client")}}☒{{else}}☐{{/if}}{{/if}} Entretien de développement commercial sans rendez-vous préalable :',
  ),
  row([text(''), option('typeSituation', 'sans-rdv-prospect', 'avec un prospect')], [1, 12]),
  row([text(''), option('typeSituation', 'sans-rdv-client', 'avec un client')], [1, 12]),
  option('typeSituation', 'b-to-c-rdv', 'Entretien de développement commercial en B to C suite à prise de rendez-vous'),
  option('typeSituation', 'b-to-b', 'Entretien de développement commercial en B to B'),
  field('formeCommunication', { label: 'FORME de COMMUNICATION :', direction: 'row' }),
  field('precisionCommunication', { label: 'Précisez' }),
  heading('ACTEURS IMPLIQUÉS DANS LA SITUATION : Précisez le rôle et la fonction'),
  row([field('acteurs/etudiant', { lines: 3 }), field('acteurs/professionnels', { lines: 3 }), field('acteurs/client', { lines: 3 })]),
  heading('CONTEXTE COMMERCIAL :'),
  field('contexteCommercial', {
    label: 'Le cas échéant, description du plan de prospection ou d’animation commerciale : cible, actions commerciales, réductions commerciales offertes en cas de souscription (nature, montant, période…)',
    lines: 5,
  }),
  heading('HISTORIQUE DE LA SITUATION'),
  field('historique', { label: '', lines: 5 }),
  heading('OBJECTIFS DE L’ENTRETIEN POUR LE CONSEILLER'),
  field('objectifs', { label: 'Besoin initial à traiter, informations à recueillir, autres besoins à étudier/à traiter', lines: 5 }),
  heading('DESCRIPTION ET ANALYSE DU DÉROULEMENT DE L’ENTRETIEN COMMERCIAL'),
  // The annex's table: its header, the instructions in the description column, then one row per phase, all in one
  // table with its borders.
  table('deroulement', [column('', 'phase', 1), column('', [field('description', { label: '', lines: 4 })], 3)], {
    minRows: 5,
    head: [[cell(text('PHASES', 'strong'), { header: true }), cell(text('DESCRIPTION ET ANALYSE', 'strong'), { header: true })]],
    before: [
      [
        cell(''),
        cell([
          text(
            'Au fil de la description, mettre en évidence notamment : les techniques de vente et de communication utilisées ou observées au cours de l’entretien commercial, les supports de communication mobilisés, les documents remis au client lors de l’entretien',
            'note',
          ),
          text('Indiquer les garanties, franchises, capitaux assurés et les avantages produit lors de la phase conseil.', 'note'),
        ]),
      ],
    ],
  }),
  heading('DOCUMENTS PROFESSIONNELS UTILISÉS LORS DE L’ENTRETIEN :'),
  text('CONDITIONS GÉNÉRALES ET PARTICULIÈRES, DEVIS … (à lister et apporter le jour de l’examen)', 'note'),
  each('documents', [field('', { label: '' })], { min: 4 }),
  heading('SUIVI DE L’ENTRETIEN :'),
  field('suivi/informationsAConserver', { lines: 4 }),
  field('suivi/actionsSuivi', { label: 'Planification des actions de suivi après l’entretien : (envoi du devis, du contrat (CP), e-mail de prise de rdv, envoi d’un sms de prise de rdv, relance etc.)', lines: 4 }),
  heading('AUTO-ÉVALUATION'),
  field('autoEvaluation', { label: 'Atteinte des objectifs, analyse critique de la communication, de la conduite de l’entretien et de la (des) proposition(s), actions correctrices)', lines: 6 }),
  include(ficheClientOfActivity, 'ficheClient', { newPage: true, bookmark: 'Fiche client' }),
];

/** Paperasse's own page: the type of professionnel and the product of the activity, which the annex does not ask. */
export const ficheE32HorsAnnexe: Block[] = [
  heading('Fiche d’activité n° {{numero}}', 2),
  field('typeProfessionnel', { label: 'Type de professionnel (assurances du professionnel)', direction: 'row' }),
  field('produit/categorie', { label: 'Produit support de l’activité', direction: 'row' }),
  field('produit/libelle'),
];

/** The standalone fiche d'activité E32 (the schema's root is one fiche plus session and candidate). */
export const template: Template = candidateTemplate({
  form: 'fiche-activite-e32',
  annexe: 'ANNEXE V',
  title: 'Fiche d’activité E32',
  blocks: ficheE32Body,
  horsAnnexe: ficheE32HorsAnnexe,
});
