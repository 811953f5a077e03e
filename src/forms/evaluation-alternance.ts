/** Évaluation de l’alternance par le tuteur — texte 000, §2 (l’évaluation de l’alternance, le rapport d’activité), §1 and §4. */
import { formatFrenchLongDate, isBetween, isoDate } from '../core/dates.ts';
import { academicYearRule, firstYear } from './academic-year.ts';
import type { FormRules } from '../core/forms.ts';

interface Notation {
  noteRapportCorrecteur?: number;
  noteAlternanceTuteur?: number;
  noteRapportTuteur?: number;
  noteUE?: number;
}

interface EvaluationAlternance {
  anneeUniversitaire: string;
  annee: 'M1' | 'M2';
  statut: 'brouillon' | 'definitive';
  notation?: Notation;
  bilan?: object;
  dateEvaluation?: string;
  signatureTuteur?: boolean;
}

/** The UE grade: the three grades brought to one grade out of 20 (equal weights), rounded to the hundredth; undefined until all three are given. */
export function computeNoteUE(notation: Notation | undefined): number | undefined {
  const grades = [notation?.noteRapportCorrecteur, notation?.noteAlternanceTuteur, notation?.noteRapportTuteur];
  if (grades.some((n) => n === undefined)) return undefined;
  const sum = grades.reduce<number>((total, n) => total + (n ?? 0), 0);
  return Math.round((sum / grades.length) * 100) / 100;
}

/** Évaluation de l’alternance par le tuteur: graded in M1 (UE « Rapport d’activité / accompagnement de l’alternance »), a bilan in M2. */
export const evaluationAlternance: FormRules = {
  id: 'evaluation-alternance',
  title: 'Évaluation de l’alternance par le tuteur',
  source: { text: '000', reference: '§2' },
  version: '1.0.0',
  computations: [
    {
      path: '/notation/noteUE',
      description: 'moyenne des trois notes de l’UE ramenées sur 20, à poids égaux, arrondie au centième',
      compute(data) {
        return computeNoteUE((data as EvaluationAlternance).notation);
      },
    },
  ],
  rules: [
    academicYearRule('L’année universitaire réunit deux années civiles consécutives (« 2026-2027 ») : l’évaluation porte sur une année de Master (§2).'),
    {
      code: 'NOTE_EN_M2',
      description: 'En M2, l’évaluation de l’alternance est un bilan non noté : elle ne porte aucune note (« Déroulement général » : « En M2, nous demandons une évaluation de l’alternance, à titre de bilan, et non notée » ; §2).',
      check(data, ctx) {
        const d = data as EvaluationAlternance;
        return d.annee === 'M2' && d.notation
          ? [ctx.error('NOTE_EN_M2', '/notation', 'ne se remplit pas en M2 : l’évaluation de l’alternance de M2 est un bilan, non noté')]
          : [];
      },
    },
    {
      code: 'BILAN_RESERVE_AU_M2',
      description: 'Le bilan global (et la question d’un contrat proposé à l’alternant) ne concerne que le M2 ; en M1, l’évaluation est notée (§2, §3 « En M2 : voir si l’entreprise souhaite proposer un contrat à l’alternant »).',
      check(data, ctx) {
        const d = data as EvaluationAlternance;
        return d.annee === 'M1' && d.bilan
          ? [ctx.error('BILAN_RESERVE_AU_M2', '/bilan', 'ne concerne que le M2 : en M1, l’évaluation de l’alternance est notée')]
          : [];
      },
    },
    {
      code: 'DATE_EVALUATION',
      description:
        'Le tuteur complète l’évaluation en juin, à remettre fin juin, les notes étant transmises en juin / juillet : elle est datée entre le 1er juin et le 31 juillet de la fin de l’année universitaire (§1 « En juin », §2, §4).',
      check(data, ctx) {
        const d = data as EvaluationAlternance;
        if (d.dateEvaluation === undefined) return [];
        const an = firstYear(d.anneeUniversitaire) + 1;
        return isBetween(d.dateEvaluation, isoDate(an, 6, 1), isoDate(an, 7, 31))
          ? []
          : [
              ctx.error(
                'DATE_EVALUATION',
                '/dateEvaluation',
                `(${formatFrenchLongDate(d.dateEvaluation)}) doit tomber en juin ou en juillet ${String(an)} : le tuteur complète l’évaluation en juin, à remettre fin juin`,
              ),
            ];
      },
    },
    {
      code: 'EVALUATION_DEFINITIVE_SIGNEE',
      description: 'Une évaluation définitive est signée par le tuteur, qui l’établit et la retourne (§1, §2 « à compléter par le tuteur »).',
      check(data, ctx) {
        const d = data as EvaluationAlternance;
        return d.statut === 'definitive' && d.signatureTuteur !== true
          ? [ctx.error('EVALUATION_DEFINITIVE_SIGNEE', '/signatureTuteur', 'doit être cochée : une évaluation définitive est signée par le tuteur')]
          : [];
      },
    },
  ],
};
