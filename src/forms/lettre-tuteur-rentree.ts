/** Lettre de rentrée au tuteur — texte 000, §1 (le tuteur), §2 (suivis, rapport d’activité), §3 (réunions de tuteurs), §4. */
import { formatFrenchLongDate, isBetween, isInMonth } from '../core/dates.ts';
import type { Issue } from '../core/issues.ts';
import { academicYearRule, academicYearWindow, firstYear, periodOutsideWindow, suiviWindow } from './academic-year.ts';
import type { FormRules } from '../core/forms.ts';

interface Periode {
  du: string;
  au: string;
}

interface Reunion {
  date: string;
}

interface LettreTuteurRentree {
  anneeUniversitaire: string;
  dateCourrier: string;
  alternant: { annee: 'M1' | 'M2' };
  calendrierCours: Periode[];
  premiereReunionTuteurs: Reunion;
  deuxiemeReunionTuteurs: Reunion;
  premierSuivi: Periode;
  deuxiemeSuivi: Periode;
  troisiemeSuivi: Periode;
  dateLimiteEvaluation: string;
  remiseCarnetDeBord?: string;
  bilansSuivis?: { premier?: string; deuxieme?: string; troisieme?: string };
  rapportActivite?: { dateRemise: string; dateLimiteNotesTuteur: string; dateNoteUE?: string };
}

/** French month names, for messages. */
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** Lettre de rentrée au tuteur: the data merged into the school's personalised letter to each tutor in early October. */
export const lettreTuteurRentree: FormRules = {
  id: 'lettre-tuteur-rentree',
  title: 'Lettre de rentrée au tuteur',
  source: { text: '000', reference: '§1, §3 et §4' },
  version: '1.0.0',
  computations: [],
  rules: [
    academicYearRule('L’année universitaire réunit deux années civiles consécutives (« 2026-2027 ») : c’est l’année du calendrier des cours et des réunions (§4).'),
    {
      code: 'DATE_COURRIER',
      description:
        'Le courrier de rentrée est daté dans l’année universitaire (à partir du 1er septembre) et avant la 1ère réunion des tuteurs, dont il donne la date (§1 « Début octobre », §3).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const an = firstYear(d.anneeUniversitaire);
        const academicYear = academicYearWindow(d.anneeUniversitaire);
        if (!isBetween(d.dateCourrier, academicYear.start, academicYear.end)) {
          return [
            ctx.error('DATE_COURRIER', '/dateCourrier', `(${formatFrenchLongDate(d.dateCourrier)}) doit être dans l’année universitaire ${d.anneeUniversitaire}, à partir du 1er septembre ${String(an)}`),
          ];
        }
        const meeting = d.premiereReunionTuteurs.date;
        return d.dateCourrier < meeting
          ? []
          : [
              ctx.error(
                'DATE_COURRIER',
                '/dateCourrier',
                `(${formatFrenchLongDate(d.dateCourrier)}) doit précéder la « ${ctx.label('/premiereReunionTuteurs')} » (${formatFrenchLongDate(meeting)}), dont le courrier annonce la date`,
              ),
            ];
      },
    },
    {
      code: 'REUNION_TUTEURS_NOVEMBRE',
      description: 'La 1ère réunion des tuteurs a lieu courant novembre de la première année civile de l’année universitaire, une fois le 1er semestre lancé (§3, §4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const an = firstYear(d.anneeUniversitaire);
        const date = d.premiereReunionTuteurs.date;
        return isInMonth(date, an, 11)
          ? []
          : [ctx.error('REUNION_TUTEURS_NOVEMBRE', '/premiereReunionTuteurs/date', `(${formatFrenchLongDate(date)}) doit tomber en novembre ${String(an)} : la 1ère réunion a lieu courant novembre`)];
      },
    },
    {
      code: 'REUNION_TUTEURS_AVRIL',
      description: 'La 2ème réunion des tuteurs a lieu début avril de la seconde année civile de l’année universitaire, une fois les résultats des partiels de janvier publiés (§3, §4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const an = firstYear(d.anneeUniversitaire) + 1;
        const date = d.deuxiemeReunionTuteurs.date;
        return isInMonth(date, an, 4)
          ? []
          : [ctx.error('REUNION_TUTEURS_AVRIL', '/deuxiemeReunionTuteurs/date', `(${formatFrenchLongDate(date)}) doit tomber en avril ${String(an)} : la 2ème réunion a lieu début avril`)];
      },
    },
    {
      code: 'PERIODE_INVERSEE',
      description: 'Chaque période (calendrier des cours, suivis de l’alternance) finit le jour où elle commence ou après (§2, §4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const periods: Array<[string, Periode]> = [
          ...d.calendrierCours.map((p, i): [string, Periode] => [`/calendrierCours/${String(i)}`, p]),
          ['/premierSuivi', d.premierSuivi],
          ['/deuxiemeSuivi', d.deuxiemeSuivi],
          ['/troisiemeSuivi', d.troisiemeSuivi],
        ];
        return periods
          .filter(([, p]) => p.au < p.du)
          .map(([path, p]) => ctx.error('PERIODE_INVERSEE', `${path}/au`, `(${formatFrenchLongDate(p.au)}) précède le premier jour de la période (${formatFrenchLongDate(p.du)})`));
      },
    },
    {
      code: 'CALENDRIER_CHEVAUCHEMENT',
      description: 'Les périodes du calendrier des cours se suivent dans l’ordre, sans se chevaucher : chacune commence après la fin de la précédente (§1, §4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const errors: Issue[] = [];
        d.calendrierCours.forEach((p, i) => {
          const previous = d.calendrierCours[i - 1];
          if (previous && p.du <= previous.au) {
            errors.push(
              ctx.error(
                'CALENDRIER_CHEVAUCHEMENT',
                `/calendrierCours/${String(i)}/du`,
                `(${formatFrenchLongDate(p.du)}) doit être après la fin de la période n° ${String(i)} (${formatFrenchLongDate(previous.au)}) : les périodes se suivent dans l’ordre, sans se chevaucher`,
              ),
            );
          }
        });
        return errors;
      },
    },
    {
      code: 'CALENDRIER_HORS_ANNEE_UNIVERSITAIRE',
      description: 'Les périodes du calendrier des cours sont dans l’année universitaire, du 1er septembre au 31 août (§4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const academicYear = academicYearWindow(d.anneeUniversitaire);
        return d.calendrierCours.flatMap((p, i) => periodOutsideWindow(ctx, 'CALENDRIER_HORS_ANNEE_UNIVERSITAIRE', `/calendrierCours/${String(i)}`, p, academicYear));
      },
    },
    {
      code: 'SUIVI_HORS_PERIODE',
      description:
        'Les suivis de l’alternance ont lieu en novembre, en mars / avril, puis fin mai – début juin (compris ici du 15 mai au 15 juin) (§2 « Les suivis de l’alternance », §4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        return [
          ...periodOutsideWindow(ctx, 'SUIVI_HORS_PERIODE', '/premierSuivi', d.premierSuivi, suiviWindow(1, d.anneeUniversitaire)),
          ...periodOutsideWindow(ctx, 'SUIVI_HORS_PERIODE', '/deuxiemeSuivi', d.deuxiemeSuivi, suiviWindow(2, d.anneeUniversitaire)),
          ...periodOutsideWindow(ctx, 'SUIVI_HORS_PERIODE', '/troisiemeSuivi', d.troisiemeSuivi, suiviWindow(3, d.anneeUniversitaire)),
        ];
      },
    },
    {
      code: 'ECHEANCE_HORS_PERIODE',
      description:
        'Le tuteur retourne l’évaluation de l’alternance (et, en M1, ses notes) en juin ; l’alternant de M1 remet son rapport d’activité en mai (§1 « En juin », §2 « au mois de mai de l’année de M1 », « à remettre fin juin »).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const an = firstYear(d.anneeUniversitaire) + 1;
        const june = `en juin ${String(an)}`;
        // Each deadline: its path, its date (when given), the month it falls in, and that month in words.
        const checks: Array<[string, string | undefined, number, string]> = [
          ['/dateLimiteEvaluation', d.dateLimiteEvaluation, 6, june],
          ['/rapportActivite/dateRemise', d.rapportActivite?.dateRemise, 5, `en mai ${String(an)}`],
          ['/rapportActivite/dateLimiteNotesTuteur', d.rapportActivite?.dateLimiteNotesTuteur, 6, june],
        ];
        return checks
          .filter(([, date, month]) => date !== undefined && !isInMonth(date, an, month))
          .map(([path, date, , expected]) => ctx.error('ECHEANCE_HORS_PERIODE', path, `(${formatFrenchLongDate(date ?? '')}) doit tomber ${expected}`));
      },
    },
    {
      code: 'ETAPE_HORS_MOIS',
      description:
        'Chaque étape du calendrier tombe dans son mois (§4) : remise du carnet de bord à la rentrée de septembre, bilans écrits des suivis en décembre, avril et juin, note de l’UE « Rapport d’activité et alternance » en juillet.',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const first = firstYear(d.anneeUniversitaire);
        // Each step: its path, its date (when given), its year and month.
        const steps: Array<[string, string | undefined, number, number]> = [
          ['/remiseCarnetDeBord', d.remiseCarnetDeBord, first, 9],
          ['/bilansSuivis/premier', d.bilansSuivis?.premier, first, 12],
          ['/bilansSuivis/deuxieme', d.bilansSuivis?.deuxieme, first + 1, 4],
          ['/bilansSuivis/troisieme', d.bilansSuivis?.troisieme, first + 1, 6],
          ['/rapportActivite/dateNoteUE', d.rapportActivite?.dateNoteUE, first + 1, 7],
        ];
        return steps
          .filter(([, date, year, month]) => date !== undefined && !isInMonth(date, year, month))
          .map(([path, date, year, month]) => ctx.error('ETAPE_HORS_MOIS', path, `(${formatFrenchLongDate(date ?? '')}) doit tomber en ${MONTHS[month - 1] ?? ''} ${String(year)}, son mois dans le calendrier de l’année`));
      },
    },
    {
      code: 'RAPPORT_ACTIVITE_RESERVE_AU_M1',
      description: 'Le rapport d’activité et sa note par le tuteur ne concernent que le M1 : en M2, l’alternant rédige un mémoire évalué par un jury de l’école (§1, §2).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        return d.alternant.annee === 'M2' && d.rapportActivite
          ? [ctx.error('RAPPORT_ACTIVITE_RESERVE_AU_M1', '/rapportActivite', 'ne concerne que les alternants de M1 : en M2, il n’y a pas de rapport d’activité mais un mémoire')]
          : [];
      },
    },
  ],
};
