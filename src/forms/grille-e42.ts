/** Grille d’évaluation E42 « Accueil en situation de sinistre » — circulaire BTS Assurance 2019, annexe X. */
import { commissionWithoutTeacherRule, dateOutsideSessionRule, gradeWithoutPositioningRule } from './evaluation-grids.ts';
import type { FormRules } from '../core/forms.ts';

/** E42 "Accueil en situation de sinistre" grid (annexe X). */
export const grilleE42: FormRules = {
  id: 'grille-e42',
  title: 'Grille d’évaluation E42 — accueil en situation de sinistre',
  source: { text: '003', reference: 'annexe X' },
  version: '1.0.0',
  computations: [],
  rules: [
    dateOutsideSessionRule({
      chemins: ['/date'],
      anneesAvant: 0,
      description:
        'L’épreuve E42, toujours ponctuelle, a lieu l’année de la session : la « Date » tombe dans l’année de la session (annexe X ; §1.3 : E42 est passée sous la forme ponctuelle ; §1.4 : les académies fixent les dates des épreuves orales).',
    }),
    gradeWithoutPositioningRule('annexe X'),
    commissionWithoutTeacherRule(
      'La commission d’interrogation compte deux membres dont au moins un enseignant : un enseignant en charge du domaine d’activités DA2 et un professionnel de l’assurance ou, à défaut, un autre enseignant (§1.4.4, E42).',
    ),
  ],
};
