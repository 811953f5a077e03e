/**
 * Annexe IX — Fiche d'activités E42 « Accueil en situation de sinistre », followed by its fiche client (annexe
 * VI). The fiche body is shared with the dossier professionnel, which repeats it for fiches 6 to 9.
 */
import { type Block, candidateTemplate, each, field, heading, include, row, stack, type Template, text } from '../src/layout/layout.ts';
import { ficheClientOfActivity } from './fiche-activite-e32.ts';

/** A « Gestion du sinistre » heading of the annex's list, and its text. */
function gestion(path: string, label: string): Block {
  return field(`gestionSinistre/${path}`, { label: `- ${label} :`, lines: 3 });
}

/** The fiche d'activité E42, relative to the fiche's data (candidate and session are at the document root). */
export const ficheE42Body: Block[] = [
  text('E42 – Accueil en situation de sinistre', 'strong'),
  field('numero', { label: 'Fiche d’activité n°' }),
  row([field('/candidat/nom', { label: 'Nom' }), field('/candidat/prenom', { label: 'Prénom' })]),
  field('ficheContexte', { label: 'Fiche contexte n°' }),
  field('activite', { label: '', direction: 'row' }),
  field('nomEntreprise', { label: 'NOM DE L’ENTREPRISE (et éventuellement compagnie mandante)' }),
  // The annex's « Précisez : » sits under « Autre contrat », in the left column, before the professionnel/particulier boxes.
  row([stack([field('domaine', { label: 'Activité portant sur :' }), field('precisionDomaine', { label: 'Précisez' })]), field('cible', { label: '' })], [3, 2]),
  row([field('motif', { label: 'MOTIF DU CONTACT :' }), field('formeContact', { label: 'FORME DU CONTACT :' })]),
  heading('ACTEURS IMPLIQUÉS DANS LA SITUATION : Préciser les rôles et fonctions des intervenants mentionnés dans la situation'),
  row([field('acteurs/etudiant', { lines: 3 }), field('acteurs/professionnels', { lines: 3 }), field('acteurs/client', { lines: 3 })]),
  heading('CONTRAT D’ASSURANCE SUPPORT DE l’ACTIVITÉ : indiquer le contrat tel qu’il apparaît sur la fiche client'),
  // The annex leaves a space to copy the contract from the fiche client: no labels of Paperasse's.
  field('contratSupport/nature', { label: '' }),
  field('contratSupport/informations', { label: '', lines: 3 }),
  heading('Gestion du sinistre'),
  text('Par exemple', 'note'),
  gestion('circonstances', 'Circonstances de l’événement à l’origine de la demande'),
  gestion('conditionsGarantie', 'Conditions de garantie/Recevabilité de la déclaration'),
  gestion('missionExpert', 'Mission de l’expert'),
  gestion('convention', 'Convention éventuellement utilisée'),
  gestion('procedureReglement', 'Procédure de règlement'),
  gestion('calculIndemnite', 'Calcul de l’indemnité'),
  gestion('informationsAConserver', 'Informations à conserver dans la base de données'),
  heading('Communication avec l’assuré'),
  text('(à lister : forme et contenu)', 'note'),
  each('communication', [row([field('forme', { label: '' }), field('contenu', { label: '', lines: 3 })], [1, 3])], { min: 3 }),
  include(ficheClientOfActivity, 'ficheClient', { newPage: true, bookmark: 'Fiche client' }),
];

/** Paperasse's own page: the product of the activity (for the « au moins 3 produits d’assurance » check). */
export const ficheE42HorsAnnexe: Block[] = [
  heading('Fiche d’activité n° {{numero}}', 2),
  field('produit/categorie', { label: 'Produit support de l’activité', direction: 'row' }),
  field('produit/libelle'),
];

/** The standalone fiche d'activité E42 (the schema's root is one fiche plus session and candidate). */
export const template: Template = candidateTemplate({
  form: 'fiche-activite-e42',
  annexe: 'ANNEXE IX',
  title: 'Fiche d’activités E42',
  blocks: ficheE42Body,
  horsAnnexe: ficheE42HorsAnnexe,
});
