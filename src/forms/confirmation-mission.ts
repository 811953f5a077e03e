/**
 * Demande de confirmation de mission — guide de l'alternance de la MIAGE d'Aix-Marseille (texte 004), §3.3.3: the
 * letter (or e-mail) the responsable de l'alternance sends to each tutor and to the HR contact named in a fiche de
 * validation de mission, asking them to confirm its data by return e-mail.
 */
import { addDays, formatFrenchDate, isWorkingDay } from '../core/dates.ts';
import type { FormRules } from '../core/forms.ts';
import { datesInOrderRule } from './date-rules.ts';

interface Personne {
  nom: string;
  prenom: string;
  courriel: string;
}

interface ConfirmationMission {
  dateCourrier: string;
  dateDemande: string;
  dateLimiteReponse: string;
  destinataire: Personne & { role: 'tuteur' | 'contactRH' };
  contrat: { dateDebut: string; dateFin: string };
  tuteurs: Personne[];
  contactRH: Personne;
}

/** The validation takes at most this many jours ouvrables after the fiche is submitted (§3.3.3). */
const VALIDATION_WORKING_DAYS = 10;

/** The contract starts at least this many days after the mission is validated (Tableau 5 « 1 semaine au moins APRES la validation »). */
const DAYS_BEFORE_CONTRACT = 7;

/** Returns the date `count` jours ouvrables after `iso`. */
function addWorkingDays(iso: string, count: number): string {
  let current = iso;
  let remaining = count;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) remaining--;
  }
  return current;
}

/** Returns an e-mail address as compared (case and surrounding spaces ignored). */
function address(courriel: string): string {
  return courriel.trim().toLowerCase();
}

/** Demande de confirmation de mission: one letter per tutor or HR contact of a fiche de validation de mission. */
export const confirmationMission: FormRules = {
  id: 'confirmation-mission',
  title: 'Demande de confirmation de mission',
  source: { text: '004', reference: '§3.3.3' },
  version: '1.0.0',
  computations: [],
  rules: [
    datesInOrderRule({
      code: 'COURRIER_AVANT_SOUMISSION',
      description: 'La demande de confirmation part une fois la fiche de validation soumise et vérifiée par le responsable de l’alternance : le jour de la soumission ou après (§3.3.3).',
      start: '/dateDemande',
      end: '/dateCourrier',
      sameDayAllowed: true,
      advice: 'la demande de confirmation suit la soumission de la fiche',
    }),
    {
      code: 'DELAI_REPONSE',
      description:
        'Le destinataire confirme après réception du courrier et au plus tard le 10e jour ouvrable après la soumission de la fiche : la validation intervient dans ce délai (§3.3.3 « jusqu’à 10 jours ouvrables »).',
      check(data, ctx) {
        const d = data as ConfirmationMission;
        if (d.dateLimiteReponse <= d.dateCourrier) {
          return [ctx.error('DELAI_REPONSE', '/dateLimiteReponse', `(${formatFrenchDate(d.dateLimiteReponse)}) doit être postérieure à la « ${ctx.label('/dateCourrier')} » (${formatFrenchDate(d.dateCourrier)})`)];
        }
        const latest = addWorkingDays(d.dateDemande, VALIDATION_WORKING_DAYS);
        return d.dateLimiteReponse <= latest
          ? []
          : [
              ctx.error(
                'DELAI_REPONSE',
                '/dateLimiteReponse',
                `(${formatFrenchDate(d.dateLimiteReponse)}) dépasse le ${formatFrenchDate(latest)}, 10e jour ouvrable après la « ${ctx.label('/dateDemande')} » (${formatFrenchDate(d.dateDemande)}) : la validation intervient dans ce délai`,
              ),
            ];
      },
    },
    {
      code: 'REPONSE_APRES_DEBUT_CONTRAT',
      description: 'Les confirmations arrivent au moins une semaine avant le début du contrat, qui ne peut commencer qu’une semaine au moins après la validation de la mission (Tableau 5).',
      check(data, ctx) {
        const d = data as ConfirmationMission;
        const latest = addDays(d.contrat.dateDebut, -DAYS_BEFORE_CONTRACT);
        return d.dateLimiteReponse <= latest
          ? []
          : [
              ctx.error(
                'REPONSE_APRES_DEBUT_CONTRAT',
                '/dateLimiteReponse',
                `(${formatFrenchDate(d.dateLimiteReponse)}) doit précéder d’une semaine au moins la « ${ctx.label('/contrat/dateDebut')} » (${formatFrenchDate(d.contrat.dateDebut)}) : au plus tard le ${formatFrenchDate(latest)}`,
              ),
            ];
      },
    },
    datesInOrderRule({
      code: 'CONTRAT_DATES_INVERSEES',
      description: 'La fin du contrat/de la convention est postérieure à son début (Tableau 5).',
      start: '/contrat/dateDebut',
      end: '/contrat/dateFin',
      advice: 'vérifiez les dates reprises de la fiche de validation',
    }),
    {
      code: 'DESTINATAIRE_HORS_FICHE',
      description: 'La lettre est adressée à un contact de la fiche : un tuteur professionnel de la fiche, ou son contact RH, reconnu à son courriel (§3.3.3 « aux contacts concernés en entreprise »).',
      check(data, ctx) {
        const d = data as ConfirmationMission;
        const wanted = address(d.destinataire.courriel);
        const known = d.destinataire.role === 'tuteur' ? d.tuteurs.map((t) => address(t.courriel)) : [address(d.contactRH.courriel)];
        if (known.includes(wanted)) return [];
        const who = d.destinataire.role === 'tuteur' ? 'n’est celui d’aucun tuteur professionnel de la fiche' : 'n’est pas celui du contact RH de la fiche';
        return [ctx.error('DESTINATAIRE_HORS_FICHE', '/destinataire/courriel', `(${d.destinataire.courriel}) ${who} : la demande de confirmation va aux contacts nommés dans la fiche`)];
      },
    },
  ],
};
