/** Grille d’évaluation E5 en contrôle en cours de formation — circulaire BTS Assurance 2019, annexe XI. */
import { commissionCompositionRule, dateOutsideSessionRule, gradeWithoutPositioningRule } from './evaluation-grids.ts';
import type { FormRules } from '../core/forms.ts';

/** E5 "Communication digitale, utilisation du système d’information et des outils numériques" CCF grid (annexe XI). */
export const grilleE5Ccf: FormRules = {
  id: 'grille-e5-ccf',
  title: 'Grille d’évaluation E5 — contrôle en cours de formation',
  source: { text: '003', reference: 'annexe XI' },
  version: '1.0.0',
  computations: [],
  rules: [
    dateOutsideSessionRule({
      chemins: ['/dateCommission'],
      anneesAvant: 2,
      description:
        'La commission d’évaluation se réunit au cours de la formation de deux ans qui prépare la session : la « Date de la commission » tombe entre l’année de la session moins deux et l’année de la session (annexe XI ; §1.4.3 B : les évaluations sont placées en première ou en seconde année ; §1.4.4, E5 B).',
    }),
    gradeWithoutPositioningRule('annexe XI'),
    commissionCompositionRule({
      code: 'COMMISSION_SANS_PROFESSEUR',
      cle: 'membresCommission',
      qualiteRequise: 'professeur',
      libelleQualite: 'Professeur',
      description:
        'La commission d’évaluation compte deux membres dont au moins un professeur : le professeur qui suit le candidat et le tuteur de l’entreprise d’accueil ou, à défaut, un deuxième professeur (§1.4.4, E5 B).',
    }),
  ],
};
