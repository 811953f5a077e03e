/** Carnet de bord de l’alternance — texte 000, §2 (le carnet de bord, les suivis de l’alternance) and §4. */
import { countCalendarDays, formatFrenchLongDate } from '../core/dates.ts';
import type { Issue } from '../core/issues.ts';
import { academicYearRule, academicYearWindow, dateOutsideWindow, periodOutsideWindow, suiviWindow } from './academic-year.ts';
import type { FormRules } from '../core/forms.ts';

interface Bimestre {
  du: string;
  au: string;
  completeAvecAlternant: boolean;
  signatureTuteur?: boolean;
}

interface Visa {
  date: string;
}

interface Suivi {
  numero: number;
  date: string;
  visaCfa?: Visa;
  priseDeConnaissanceEcole?: Visa;
}

interface CarnetDeBord {
  anneeUniversitaire: string;
  unitesEnseignement?: Array<{ semestre: number; code: string }>;
  bimestres?: Bimestre[];
  suivis?: Suivi[];
}

/** Shortest and longest bimester accepted, in days (5 and 10 weeks: "about two months"). */
const BIMESTRE_DURATION = { min: 35, max: 70 };

/** Carnet de bord de l’alternance: UE pages (alternant), bimonthly pages (tutor) and the three suivis with the CFA. */
export const carnetDeBord: FormRules = {
  id: 'carnet-de-bord',
  title: 'Carnet de bord de l’alternance',
  source: { text: '000', reference: '§2 et §4' },
  version: '1.0.0',
  computations: [],
  rules: [
    academicYearRule('L’année universitaire réunit deux années civiles consécutives (« 2026-2027 ») : le carnet couvre une année de Master (§2).'),
    {
      code: 'UE_EN_DOUBLE',
      description: 'Chaque UE suivie a une seule page par semestre : l’alternant la complète semestriellement (§2).',
      check(data, ctx) {
        const d = data as CarnetDeBord;
        const seen = new Map<string, number>();
        const errors: Issue[] = [];
        (d.unitesEnseignement ?? []).forEach((ue, i) => {
          const key = `${String(ue.semestre)}|${ue.code.trim().toLowerCase()}`;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else
            errors.push(
              ctx.error('UE_EN_DOUBLE', `/unitesEnseignement/${String(i)}/code`, `(${ue.code}) a déjà une page pour ce semestre (Unité d’enseignement n° ${String(first + 1)})`),
            );
        });
        return errors;
      },
    },
    {
      code: 'BIMESTRES_ORDONNES',
      description: 'Les pages bimestrielles se suivent dans l’ordre, sans se chevaucher, et chaque bimestre finit après son premier jour (§2 « chaque bimestre »).',
      check(data, ctx) {
        const d = data as CarnetDeBord;
        const bimestres = d.bimestres ?? [];
        const errors: Issue[] = [];
        bimestres.forEach((b, i) => {
          if (b.au < b.du) {
            errors.push(ctx.error('BIMESTRES_ORDONNES', `/bimestres/${String(i)}/au`, `(${formatFrenchLongDate(b.au)}) précède le premier jour du bimestre (${formatFrenchLongDate(b.du)})`));
          }
          const previous = bimestres[i - 1];
          if (previous && b.du <= previous.au) {
            errors.push(
              ctx.error(
                'BIMESTRES_ORDONNES',
                `/bimestres/${String(i)}/du`,
                `(${formatFrenchLongDate(b.du)}) doit être après la fin du bimestre n° ${String(i)} (${formatFrenchLongDate(previous.au)}) : les bimestres se suivent dans l’ordre, sans se chevaucher`,
              ),
            );
          }
        });
        return errors;
      },
    },
    {
      code: 'BIMESTRE_DUREE',
      description: `Un bimestre dure environ deux mois : de 5 à 10 semaines (${String(BIMESTRE_DURATION.min)} à ${String(BIMESTRE_DURATION.max)} jours, bornes comprises) (§1 « Tous les 2 mois », §2).`,
      check(data, ctx) {
        const d = data as CarnetDeBord;
        return (d.bimestres ?? []).flatMap((b, i) => {
          const n = countCalendarDays(b.du, b.au);
          if (b.au < b.du || (n >= BIMESTRE_DURATION.min && n <= BIMESTRE_DURATION.max)) return [];
          return [
            ctx.error(
              'BIMESTRE_DUREE',
              `/bimestres/${String(i)}`,
              `dure ${String(n)} jours (du ${formatFrenchLongDate(b.du)} au ${formatFrenchLongDate(b.au)}) : un bimestre dure environ deux mois, de 5 à 10 semaines (${String(BIMESTRE_DURATION.min)} à ${String(BIMESTRE_DURATION.max)} jours)`,
            ),
          ];
        });
      },
    },
    {
      code: 'BIMESTRE_HORS_ANNEE_UNIVERSITAIRE',
      description: 'Les bimestres sont compris dans l’année universitaire, du 1er septembre au 31 août (§2, §4).',
      check(data, ctx) {
        const d = data as CarnetDeBord;
        const academicYear = academicYearWindow(d.anneeUniversitaire);
        return (d.bimestres ?? []).flatMap((b, i) => periodOutsideWindow(ctx, 'BIMESTRE_HORS_ANNEE_UNIVERSITAIRE', `/bimestres/${String(i)}`, b, academicYear));
      },
    },
    {
      code: 'BIMESTRE_SIGNE_SANS_ALTERNANT',
      description: 'Le tuteur complète chaque bimestre avec l’alternant : une page signée par le tuteur a été complétée avec lui (§2 « Le tuteur doit compléter, chaque bimestre, avec l’alternant »).',
      check(data, ctx) {
        const d = data as CarnetDeBord;
        return (d.bimestres ?? []).flatMap((b, i) =>
          b.signatureTuteur === true && !b.completeAvecAlternant
            ? [
                ctx.error(
                  'BIMESTRE_SIGNE_SANS_ALTERNANT',
                  `/bimestres/${String(i)}/completeAvecAlternant`,
                  'doit être coché pour une page signée par le tuteur : le tuteur complète chaque bimestre avec l’alternant',
                ),
              ]
            : [],
        );
      },
    },
    {
      code: 'SUIVIS_NUMEROTES',
      description: 'Les trois suivis de l’alternance sont numérotés de 1 à 3, chacun une seule fois, et listés dans l’ordre (§2 « Ils sont programmés 3 fois par an »).',
      check(data, ctx) {
        const d = data as CarnetDeBord;
        const suivis = d.suivis ?? [];
        const errors: Issue[] = [];
        suivis.forEach((s, i) => {
          const path = `/suivis/${String(i)}/numero`;
          const duplicate = suivis.slice(0, i).findIndex((other) => other.numero === s.numero);
          if (duplicate >= 0) {
            errors.push(
              ctx.error(
                'SUIVIS_NUMEROTES',
                path,
                `(${String(s.numero)}) est déjà celui de la ligne ${String(duplicate + 1)} du tableau : chaque suivi de l’alternance n’a lieu qu’une fois`,
              ),
            );
            return;
          }
          const previous = suivis[i - 1];
          if (previous && s.numero < previous.numero) {
            errors.push(ctx.error('SUIVIS_NUMEROTES', path, `(${String(s.numero)}) doit suivre le suivi n° ${String(previous.numero)} : les suivis sont listés dans l’ordre`));
          }
        });
        return errors;
      },
    },
    {
      code: 'SUIVI_HORS_PERIODE',
      description:
        'Le 1er suivi de l’alternance a lieu en novembre, le 2ème en mars / avril, le 3ème fin mai – début juin (compris ici du 15 mai au 15 juin) (§2 « Les suivis de l’alternance », §4).',
      check(data, ctx) {
        const d = data as CarnetDeBord;
        return (d.suivis ?? []).flatMap((s, i) =>
          dateOutsideWindow(ctx, 'SUIVI_HORS_PERIODE', `/suivis/${String(i)}/date`, s.date, suiviWindow(s.numero, d.anneeUniversitaire)),
        );
      },
    },
    {
      code: 'VISA_AVANT_SUIVI',
      description: 'Le carnet est visé par le CFA et lu par l’école après avoir été remis lors du suivi : le visa et la prise de connaissance sont datés du jour du suivi ou après (§2, §4).',
      check(data, ctx) {
        const d = data as CarnetDeBord;
        return (d.suivis ?? []).flatMap((s, i) =>
          (['visaCfa', 'priseDeConnaissanceEcole'] as const).flatMap((key) => {
            const visa = s[key];
            return visa && visa.date < s.date
              ? [
                  ctx.error(
                    'VISA_AVANT_SUIVI',
                    `/suivis/${String(i)}/${key}/date`,
                    `(${formatFrenchLongDate(visa.date)}) doit être le jour du rendez-vous de suivi (${formatFrenchLongDate(s.date)}) ou après : le carnet est visé une fois remis lors du suivi`,
                  ),
                ]
              : [];
          }),
        );
      },
    },
  ],
};
