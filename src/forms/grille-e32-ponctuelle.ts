/** Grille d’évaluation E32 en forme ponctuelle — circulaire BTS Assurance 2019, annexe VIII. */
import {
  chosenFicheMissingRule,
  commissionWithoutTeacherRule,
  dateOutsideSessionRule,
  duplicateFicheRule,
  gradeWithoutPositioningRule,
  professionnelNotTickedRule,
} from './evaluation-grids.ts';
import type { FormRules } from '../core/forms.ts';

/** E32 "Développement commercial et conduite d’entretien" grid, forme ponctuelle (annexe VIII). */
export const grilleE32Ponctuelle: FormRules = {
  id: 'grille-e32-ponctuelle',
  title: 'Grille d’évaluation E32 — forme ponctuelle',
  source: { text: '003', reference: 'annexe VIII' },
  version: '1.0.0',
  computations: [],
  rules: [
    dateOutsideSessionRule({
      chemins: ['/date'],
      anneesAvant: 0,
      description:
        'L’épreuve ponctuelle a lieu l’année de la session : la « Date » tombe dans l’année de la session (annexe VIII ; §1.1 et §1.4 : les académies fixent les dates des épreuves orales de la session 2019, les épreuves écrites débutant le 13 mai 2019).',
    }),
    duplicateFicheRule('annexe VIII', 1, 5),
    chosenFicheMissingRule('annexe VIII ; §1.4.4, E32 A'),
    professionnelNotTickedRule('annexe VIII ; §1.4.4, E32'),
    gradeWithoutPositioningRule('annexe VIII'),
    commissionWithoutTeacherRule(
      'La commission d’interrogation compte deux membres dont au moins un enseignant : un enseignant en charge du domaine d’activités DA1 et un professionnel de l’assurance ou, à défaut, un autre enseignant (§1.4.4, E32 A).',
    ),
  ],
};
