/** Lettre de rentrée au tuteur — texte 000, §1 (le tuteur), §2 (suivis, rapport d’activité), §3 (réunions de tuteurs), §4. */
import type { Issue } from '../core/issues.ts';
import type { RuleContext, FormDefinition } from './types.ts';

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
  rapportActivite?: { dateRemise: string; dateLimiteNotesTuteur: string };
}

/** First calendar year of an academic year written "2026-2027". */
function firstYear(anneeUniversitaire: string): number {
  return Number(anneeUniversitaire.slice(0, 4));
}

/** ISO date of a given day. */
function iso(year: number, months: number, day: number): string {
  return `${String(year)}-${String(months).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO date written for a French reader ("12 novembre 2026"). */
function frenchDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Whether an ISO date lies between two ISO dates, both included (ISO dates compare as strings). */
function between(date: string, start: string, end: string): boolean {
  return date >= start && date <= end;
}

/** Errors for the dates of a period that fall outside the window [debut, fin]. */
function periodOutsideWindow(
  ctx: RuleContext,
  code: string,
  path: string,
  period: Periode,
  start: string,
  end: string,
  expected: string,
): Issue[] {
  return (['du', 'au'] as const)
    .filter((bound) => !between(period[bound], start, end))
    .map((bound) => ctx.error(code, `${path}/${bound}`, `(${frenchDate(period[bound])}) doit tomber ${expected}`));
}

/** Lettre de rentrée au tuteur: the data merged into the school's personalised letter to each tutor in early October. */
export const lettreTuteurRentree: FormDefinition = {
  id: 'lettre-tuteur-rentree',
  title: 'Lettre de rentrée au tuteur',
  source: { text: '000', reference: '§1, §3 et §4' },
  version: '1.0.0',
  computations: [],
  rules: [
    {
      code: 'ANNEE_UNIVERSITAIRE_INCOHERENTE',
      description: 'L’année universitaire réunit deux années civiles consécutives (« 2026-2027 ») : c’est l’année du calendrier des cours et des réunions (§4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const [start, end] = d.anneeUniversitaire.split('-').map(Number);
        return end === Number(start) + 1
          ? []
          : [ctx.error('ANNEE_UNIVERSITAIRE_INCOHERENTE', '/anneeUniversitaire', 'doit réunir deux années qui se suivent, par exemple 2026-2027')];
      },
    },
    {
      code: 'DATE_COURRIER',
      description:
        'Le courrier de rentrée est daté dans l’année universitaire (à partir du 1er septembre) et avant la 1ère réunion des tuteurs, dont il donne la date (§1 « Début octobre », §3).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const an = firstYear(d.anneeUniversitaire);
        if (!between(d.dateCourrier, iso(an, 9, 1), iso(an + 1, 8, 31))) {
          return [
            ctx.error('DATE_COURRIER', '/dateCourrier', `(${frenchDate(d.dateCourrier)}) doit être dans l’année universitaire ${d.anneeUniversitaire}, à partir du 1er septembre ${String(an)}`),
          ];
        }
        const meeting = d.premiereReunionTuteurs.date;
        return d.dateCourrier < meeting
          ? []
          : [
              ctx.error(
                'DATE_COURRIER',
                '/dateCourrier',
                `(${frenchDate(d.dateCourrier)}) doit précéder la « ${ctx.label('/premiereReunionTuteurs')} » (${frenchDate(meeting)}), dont le courrier annonce la date`,
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
        return between(date, iso(an, 11, 1), iso(an, 11, 30))
          ? []
          : [ctx.error('REUNION_TUTEURS_NOVEMBRE', '/premiereReunionTuteurs/date', `(${frenchDate(date)}) doit tomber en novembre ${String(an)} : la 1ère réunion a lieu courant novembre`)];
      },
    },
    {
      code: 'REUNION_TUTEURS_AVRIL',
      description: 'La 2ème réunion des tuteurs a lieu début avril de la seconde année civile de l’année universitaire, une fois les résultats des partiels de janvier publiés (§3, §4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const an = firstYear(d.anneeUniversitaire) + 1;
        const date = d.deuxiemeReunionTuteurs.date;
        return between(date, iso(an, 4, 1), iso(an, 4, 30))
          ? []
          : [ctx.error('REUNION_TUTEURS_AVRIL', '/deuxiemeReunionTuteurs/date', `(${frenchDate(date)}) doit tomber en avril ${String(an)} : la 2ème réunion a lieu début avril`)];
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
          .map(([path, p]) => ctx.error('PERIODE_INVERSEE', `${path}/au`, `(${frenchDate(p.au)}) précède le premier jour de la période (${frenchDate(p.du)})`));
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
                `(${frenchDate(p.du)}) doit être après la fin de la période n° ${String(i)} (${frenchDate(previous.au)}) : les périodes se suivent dans l’ordre, sans se chevaucher`,
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
        const an = firstYear(d.anneeUniversitaire);
        const expected = `dans l’année universitaire ${d.anneeUniversitaire} (du 1er septembre ${String(an)} au 31 août ${String(an + 1)})`;
        return d.calendrierCours.flatMap((p, i) =>
          periodOutsideWindow(ctx, 'CALENDRIER_HORS_ANNEE_UNIVERSITAIRE', `/calendrierCours/${String(i)}`, p, iso(an, 9, 1), iso(an + 1, 8, 31), expected),
        );
      },
    },
    {
      code: 'SUIVI_HORS_PERIODE',
      description:
        'Les suivis de l’alternance ont lieu en novembre, en mars / avril, puis fin mai – début juin (compris ici du 15 mai au 15 juin) (§2 « Les suivis de l’alternance », §4).',
      check(data, ctx) {
        const d = data as LettreTuteurRentree;
        const an = firstYear(d.anneeUniversitaire);
        const next = String(an + 1);
        return [
          ...periodOutsideWindow(ctx, 'SUIVI_HORS_PERIODE', '/premierSuivi', d.premierSuivi, iso(an, 11, 1), iso(an, 11, 30), `en novembre ${String(an)}`),
          ...periodOutsideWindow(ctx, 'SUIVI_HORS_PERIODE', '/deuxiemeSuivi', d.deuxiemeSuivi, iso(an + 1, 3, 1), iso(an + 1, 4, 30), `en mars ou en avril ${next}`),
          ...periodOutsideWindow(
            ctx,
            'SUIVI_HORS_PERIODE',
            '/troisiemeSuivi',
            d.troisiemeSuivi,
            iso(an + 1, 5, 15),
            iso(an + 1, 6, 15),
            `fin mai – début juin ${next} (entre le 15 mai et le 15 juin)`,
          ),
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
        const checks: Array<[string, string | undefined, string, string, string]> = [
          ['/dateLimiteEvaluation', d.dateLimiteEvaluation, iso(an, 6, 1), iso(an, 6, 30), june],
          ['/rapportActivite/dateRemise', d.rapportActivite?.dateRemise, iso(an, 5, 1), iso(an, 5, 31), `en mai ${String(an)}`],
          ['/rapportActivite/dateLimiteNotesTuteur', d.rapportActivite?.dateLimiteNotesTuteur, iso(an, 6, 1), iso(an, 6, 30), june],
        ];
        return checks
          .filter(([, date, start, end]) => date !== undefined && !between(date, start, end))
          .map(([path, date, , , expected]) => ctx.error('ECHEANCE_HORS_PERIODE', path, `(${frenchDate(date ?? '')}) doit tomber ${expected}`));
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
