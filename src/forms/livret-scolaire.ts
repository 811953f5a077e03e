/** Livret scolaire du BTS Assurance — circulaire BTS Assurance 2019, annexe III. */
import type { Issue } from '../core/issues.ts';
import { PROFILE_BOUNDS, LIVRET_SUBJECTS, PROFILE_SUBJECTS, type LivretSubject, type ProfileSubject } from '../referentiels/bts-assurance.ts';
import type { Computation, RuleContext, FormRules } from '../core/forms.ts';

/** One year's columns of a subject row. */
interface YearGrades {
  semestre1?: number;
  semestre2?: number;
  moyenne?: number;
}

/** One subject row. */
interface SubjectGrades {
  premiereAnnee?: YearGrades;
  deuxiemeAnnee?: YearGrades;
}

/** What the livret's rules and computations read. */
interface LivretData {
  matieres?: Partial<Record<LivretSubject, SubjectGrades>>;
  profil?: Partial<Record<ProfileSubject, { moyenneClasse?: number; position?: number }>>;
  cotation?: {
    repartition?: { tresFavorable: number; favorable: number; doitFaireSesPreuves: number };
    avisCandidat?: string;
  };
}

const YEARS = ['premiereAnnee', 'deuxiemeAnnee'] as const;
const SUBJECT_KEYS = Object.keys(LIVRET_SUBJECTS) as LivretSubject[];
const PROFILE_KEYS = Object.keys(PROFILE_SUBJECTS) as ProfileSubject[];

/** Returns the mean of two grades rounded to the hundredth (half a hundredth rounded up), in exact hundredths. */
export function twoSemesterAverage(a: number, b: number): number {
  const sum = Math.round(a * 100) + Math.round(b * 100);
  return Math.round(sum / 2) / 100;
}

/** Returns the yearly average of `annee`, or undefined while one of its semesters is missing. */
function yearAverage(year: YearGrades | undefined): number | undefined {
  if (year?.semestre1 === undefined || year.semestre2 === undefined) return undefined;
  return twoSemesterAverage(year.semestre1, year.semestre2);
}

/** Returns the candidate's average in a subject over the training: the mean of the yearly averages available. */
function trainingAverage(subject: SubjectGrades | undefined): number | undefined {
  const averages = YEARS.map((a) => yearAverage(subject?.[a])).filter((m): m is number => m !== undefined);
  if (averages.length === 0) return undefined;
  const hundredths = averages.reduce((s, m) => s + Math.round(m * 100), 0);
  return Math.round(hundredths / averages.length) / 100;
}

/**
 * Returns the candidate's position on the profile graph: (candidate's average − class average), rounded to the
 * nearest integer (halves away from zero), clamped to the graph's −10…+10.
 */
export function profilePosition(studentAverage: number, classAverage: number): number {
  const gap = (Math.round(studentAverage * 100) - Math.round(classAverage * 100)) / 100;
  const rounded = Math.sign(gap) * Math.round(Math.abs(gap));
  const bound = Math.min(PROFILE_BOUNDS.max, Math.max(PROFILE_BOUNDS.min, rounded));
  return bound === 0 ? 0 : bound;
}

/** True when `x` has more than two decimals. */
function hasMoreThanTwoDecimals(x: number): boolean {
  return Math.abs(x * 100 - Math.round(x * 100)) > 1e-6;
}

const averageComputations: Computation[] = SUBJECT_KEYS.flatMap((key) =>
  YEARS.map((year) => ({
    path: `/matieres/${key}/${year}/moyenne`,
    description: 'moyenne du 1er et du 2ème semestre, arrondie au centième',
    compute: (data: unknown) => yearAverage((data as LivretData).matieres?.[key]?.[year]),
  })),
);

const profileComputations: Computation[] = PROFILE_KEYS.map((key) => ({
  path: `/profil/${key}/position`,
  description: 'moyenne du candidat sur la formation moins moyenne de la classe, arrondie à l’entier et bornée entre −10 et +10',
  compute: (data: unknown) => {
    const d = data as LivretData;
    const candidat = trainingAverage(d.matieres?.[key]);
    const classAverage = d.profil?.[key]?.moyenneClasse;
    return candidat === undefined || classAverage === undefined ? undefined : profilePosition(candidat, classAverage);
  },
}));

/** Returns the errors of PLUS_DE_DEUX_DECIMALES for every semester grade and class average of the livret. */
function checkDecimals(d: LivretData, ctx: RuleContext): Issue[] {
  const errors: Issue[] = [];
  const report = (value: number | undefined, path: string) => {
    if (value !== undefined && hasMoreThanTwoDecimals(value)) {
      errors.push(ctx.error('PLUS_DE_DEUX_DECIMALES', path, `(${String(value).replace('.', ',')}) a plus de deux décimales : une moyenne se note au centième près`));
    }
  };
  for (const key of SUBJECT_KEYS) {
    for (const year of YEARS) {
      const a = d.matieres?.[key]?.[year];
      report(a?.semestre1, `/matieres/${key}/${year}/semestre1`);
      report(a?.semestre2, `/matieres/${key}/${year}/semestre2`);
    }
  }
  for (const key of PROFILE_KEYS) report(d.profil?.[key]?.moyenneClasse, `/profil/${key}/moyenneClasse`);
  return errors;
}

/** Returns the errors of VALEUR_CALCULEE_SANS_DONNEES: computed values typed while their inputs are missing. */
function checkComputedWithoutInputs(d: LivretData, ctx: RuleContext): Issue[] {
  const errors: Issue[] = [];
  for (const key of SUBJECT_KEYS) {
    for (const year of YEARS) {
      const a = d.matieres?.[key]?.[year];
      if (a?.moyenne === undefined || yearAverage(a) !== undefined) continue;
      const missing = a.semestre1 === undefined ? 'semestre1' : 'semestre2';
      errors.push(
        ctx.error(
          'VALEUR_CALCULEE_SANS_DONNEES',
          `/matieres/${key}/${year}/moyenne`,
          `est calculée à partir des deux semestres : renseignez « ${ctx.label(`/matieres/${key}/${year}/${missing}`)} » ou laissez la MOYENNE vide`,
        ),
      );
    }
  }
  for (const key of PROFILE_KEYS) {
    const point = d.profil?.[key];
    if (point?.position === undefined) continue;
    if (point.moyenneClasse === undefined) {
      errors.push(
        ctx.error('VALEUR_CALCULEE_SANS_DONNEES', `/profil/${key}/position`, 'est calculée à partir de la « Moyenne de la classe » : renseignez-la ou laissez la position vide'),
      );
    } else if (trainingAverage(d.matieres?.[key]) === undefined) {
      errors.push(
        ctx.error(
          'VALEUR_CALCULEE_SANS_DONNEES',
          `/profil/${key}/position`,
          `est calculée à partir des moyennes du candidat : renseignez les deux semestres d’une année au moins pour « ${LIVRET_SUBJECTS[key]} » ou laissez la position vide`,
        ),
      );
    }
  }
  return errors;
}

const OPINIONS: Record<string, { cle: 'tresFavorable' | 'favorable' | 'doitFaireSesPreuves'; libelle: string }> = {
  'tres-favorable': { cle: 'tresFavorable', libelle: 'Très favorable' },
  favorable: { cle: 'favorable', libelle: 'Favorable' },
  'doit-faire-ses-preuves': { cle: 'doitFaireSesPreuves', libelle: "Doit faire ses preuves à l'examen" },
};

/** Livret scolaire of the BTS Assurance (annexe III). */
export const livretScolaire: FormRules = {
  id: 'livret-scolaire',
  title: 'Livret scolaire BTS Assurance',
  source: { text: '003', reference: 'annexe III' },
  version: '1.0.0',
  computations: [...averageComputations, ...profileComputations],
  rules: [
    {
      code: 'PLUS_DE_DEUX_DECIMALES',
      description:
        'Les moyennes semestrielles et les moyennes de la classe se notent de 0 à 20 au centième près, deux décimales au plus (annexe III ; §1.4 : les notes calculées le sont avec deux décimales).',
      check: (data, ctx) => checkDecimals(data as LivretData, ctx),
    },
    {
      code: 'VALEUR_CALCULEE_SANS_DONNEES',
      description:
        'Une MOYENNE annuelle (moyenne des deux semestres) ou une position sur le graphique (écart à la moyenne de la classe) est calculée : elle ne peut être saisie tant que les notes dont elle découle manquent (annexe III).',
      check: (data, ctx) => checkComputedWithoutInputs(data as LivretData, ctx),
    },
    {
      code: 'COTATION_TOTAL_100',
      description: 'Les pourcentages « AVIS (en %) » de la cotation de la classe (Très favorable, Favorable, Doit faire ses preuves à l’examen) totalisent 100 % (annexe III).',
      check(data, ctx) {
        const r = (data as LivretData).cotation?.repartition;
        if (!r) return [];
        const hundredths = Math.round(r.tresFavorable * 100) + Math.round(r.favorable * 100) + Math.round(r.doitFaireSesPreuves * 100);
        if (hundredths === 10000) return [];
        const total = (hundredths / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 });
        return [ctx.error('COTATION_TOTAL_100', '/cotation/repartition', `totalise ${total} % au lieu de 100 % : chaque élève de la classe reçoit un et un seul avis`)];
      },
    },
    {
      code: 'AVIS_CANDIDAT_HORS_COTATION',
      description:
        'L’avis coché pour le candidat fait partie de la cotation de sa classe : la part de la classe ayant reçu cet avis n’est pas nulle (annexe III, « COTATION DE LA CLASSE »).',
      check(data, ctx) {
        const c = (data as LivretData).cotation;
        const opinion = c?.avisCandidat ? OPINIONS[c.avisCandidat] : undefined;
        if (!opinion || !c?.repartition || c.repartition[opinion.cle] > 0) return [];
        return [
          ctx.error(
            'AVIS_CANDIDAT_HORS_COTATION',
            '/cotation/avisCandidat',
            `est « ${opinion.libelle} » alors que la cotation de la classe donne 0 % pour cet avis : le candidat fait partie de la classe`,
          ),
        ];
      },
    },
  ],
};
