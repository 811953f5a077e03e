/** Grille d’évaluation E32 en contrôle en cours de formation — circulaire BTS Assurance 2019, annexe VII. */
import {
  chosenFicheMissingRule,
  commissionWithoutTeacherRule,
  dateOutsideSessionRule,
  duplicateFicheRule,
  gradeWithoutPositioningRule,
  professionnelNotTickedRule,
} from './evaluation-grids.ts';
import { datesInOrderRule } from './date-rules.ts';
import type { FormRules } from '../core/forms.ts';

/** E32 "Développement commercial et conduite d’entretien" CCF grid (annexe VII). */
export const grilleE32Ccf: FormRules = {
  id: 'grille-e32-ccf',
  title: 'Grille d’évaluation E32 — contrôle en cours de formation',
  source: { text: '003', reference: 'annexe VII' },
  version: '1.0.0',
  computations: [],
  rules: [
    datesInOrderRule({
      code: 'DATES_CONTROLE_ORDONNEES',
      description:
        'La date du contrôle de la situation n° 2 ne précède pas celle de la situation n° 1 : l’épreuve repose sur deux situations successives, la seconde portant sur une fiche différente de celle de la première (annexe VII ; §1.4.4, E32 B).',
      start: '/dateControleSituation1',
      end: '/dateControleSituation2',
      sameDayAllowed: true,
      advice: 'la deuxième situation d’évaluation a lieu après la première',
    }),
    dateOutsideSessionRule({
      chemins: ['/dateControleSituation1', '/dateControleSituation2'],
      anneesAvant: 2,
      description:
        'Les dates du contrôle tombent pendant la formation de deux ans qui prépare la session : de l’année de la session moins deux à l’année de la session (annexe VII ; §1.4.3 B : les évaluations sont placées en première ou en seconde année de formation).',
    }),
    duplicateFicheRule('annexe VII', 1, 5),
    chosenFicheMissingRule('annexe VII'),
    professionnelNotTickedRule('annexe VII ; §1.4.4, E32'),
    gradeWithoutPositioningRule('annexe VII ; §1.4.4, E32 B : la proposition de note résulte de la synthèse d’une évaluation compétence par compétence'),
    commissionWithoutTeacherRule(
      'La commission d’interrogation compte deux membres dont au moins un enseignant : un enseignant en charge du domaine d’activités DA1 et un professionnel de l’assurance ou, à défaut, un autre enseignant (§1.4.4, E32 B).',
    ),
  ],
};
