/**
 * Demande de confirmation de mission (texte 004, §3.3.3): the letter to a tutor or to the HR contact of a fiche de
 * validation de mission. The letter is written by templates/letters/confirmation-mission.hbs (a school may replace
 * it); the sheet after it shows every value as a field, so that every value comes back from the fillable PDF.
 */
import { each, field, heading, letterBody, pageBreak, personName, row, section, type Template } from '../src/layout/layout.ts';

/** The letter's template. */
export const template: Template = {
  form: 'confirmation-mission',
  title: 'Demande de confirmation de mission',
  letter: true,
  person: (d) => personName(d, 'alternant'),
  author: (d) => {
    const expediteur = (d as { expediteur?: { formation?: unknown } }).expediteur;
    return typeof expediteur?.formation === 'string' ? expediteur.formation : personName(d, 'alternant');
  },
  blocks: [
    letterBody('confirmation-mission'),
    pageBreak(),
    heading('Fiche récapitulative de la demande de confirmation', 2),
    section('Courrier', [
      row([field('dateDemande'), field('dateCourrier'), field('dateLimiteReponse')], [1, 1, 1]),
      row([field('expediteur/formation'), field('expediteur/universite')], [1, 1]),
      row([field('expediteur/adresse/voie'), field('expediteur/adresse/codePostal'), field('expediteur/adresse/ville')], [3, 1, 2]),
      row([field('expediteur/courriel'), field('expediteur/telephone')], [2, 1]),
      row([field('expediteur/signataireNom'), field('expediteur/signataireFonction')], [1, 1.4]),
    ]),
    section('Destinataire', [
      field('destinataire/role', { direction: 'row' }),
      row([field('destinataire/civilite', { direction: 'row' }), field('destinataire/nom'), field('destinataire/prenom')], [1.4, 1, 1]),
      row([field('destinataire/fonction'), field('destinataire/courriel')], [1, 1]),
    ]),
    section('Alternant(e) et formation', [
      row([field('alternant/nom'), field('alternant/prenom'), field('alternant/courriel')], [1, 1, 1.6]),
      row([field('formation/intitule'), field('formation/anneeUniversitaire')], [2, 1]),
      row([field('formation/dateDebutFormation'), field('formation/dateFinFormation')], [1, 1]),
    ]),
    section('Organisme, mission et contrat', [
      row([field('organisme/raisonSociale'), field('organisme/siret')], [2, 1]),
      row([field('organisme/adresse/voie'), field('organisme/adresse/codePostal'), field('organisme/adresse/ville')], [3, 1, 2]),
      field('mission/intitule'),
      field('contrat/type', { direction: 'row' }),
      row([field('contrat/dateDebut'), field('contrat/dateFin')], [1, 1]),
      row([field('contrat/dureeHebdomadaire'), field('contrat/remunerationBruteMensuelle')], [1, 1]),
    ]),
    section('Contacts de la fiche', [
      each(
        'tuteurs',
        [
          row([field('civilite', { direction: 'row' }), field('nom'), field('prenom')], [1.4, 1, 1]),
          row([field('fonction'), field('courriel'), field('telephone')], [1.4, 1.6, 1]),
        ],
        { title: 'Tuteur professionnel n° {{@numero}}', min: 1 },
      ),
      heading('Contact RH', 2),
      row([field('contactRH/civilite', { direction: 'row' }), field('contactRH/nom'), field('contactRH/prenom')], [1.4, 1, 1]),
      row([field('contactRH/fonction'), field('contactRH/courriel'), field('contactRH/telephone')], [1.4, 1.6, 1]),
    ]),
  ],
};
