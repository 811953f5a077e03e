/** Lettre de rentrée au tuteur — texte 000, §1 (le tuteur), §2 (suivis, rapport d’activité), §3 (réunions de tuteurs), §4. */
import type { Erreur } from '../core/erreurs.ts';
import type { ContexteRegle, DefinitionFormulaire } from './types.ts';

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
function premiereAnnee(anneeUniversitaire: string): number {
  return Number(anneeUniversitaire.slice(0, 4));
}

/** ISO date of a given day. */
function iso(annee: number, mois: number, jour: number): string {
  return `${String(annee)}-${String(mois).padStart(2, '0')}-${String(jour).padStart(2, '0')}`;
}

/** An ISO date written for a French reader ("12 novembre 2026"). */
function dateFr(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Whether an ISO date lies between two ISO dates, both included (ISO dates compare as strings). */
function entre(date: string, debut: string, fin: string): boolean {
  return date >= debut && date <= fin;
}

/** Errors for the dates of a period that fall outside the window [debut, fin]. */
function periodeHorsFenetre(
  ctx: ContexteRegle,
  code: string,
  chemin: string,
  periode: Periode,
  debut: string,
  fin: string,
  attendu: string,
): Erreur[] {
  return (['du', 'au'] as const)
    .filter((borne) => !entre(periode[borne], debut, fin))
    .map((borne) => ctx.erreur(code, `${chemin}/${borne}`, `(${dateFr(periode[borne])}) doit tomber ${attendu}`));
}

/** Lettre de rentrée au tuteur: the data merged into the school's personalised letter to each tutor in early October. */
export const lettreTuteurRentree: DefinitionFormulaire = {
  id: 'lettre-tuteur-rentree',
  titre: 'Lettre de rentrée au tuteur',
  source: { texte: '000', reference: '§1, §3 et §4' },
  version: '1.0.0',
  calculs: [],
  regles: [
    {
      code: 'ANNEE_UNIVERSITAIRE_INCOHERENTE',
      description: 'L’année universitaire réunit deux années civiles consécutives (« 2026-2027 ») : c’est l’année du calendrier des cours et des réunions (§4).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const [debut, fin] = d.anneeUniversitaire.split('-').map(Number);
        return fin === Number(debut) + 1
          ? []
          : [ctx.erreur('ANNEE_UNIVERSITAIRE_INCOHERENTE', '/anneeUniversitaire', 'doit réunir deux années qui se suivent, par exemple 2026-2027')];
      },
    },
    {
      code: 'DATE_COURRIER',
      description:
        'Le courrier de rentrée est daté dans l’année universitaire (à partir du 1er septembre) et avant la 1ère réunion des tuteurs, dont il donne la date (§1 « Début octobre », §3).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const an = premiereAnnee(d.anneeUniversitaire);
        if (!entre(d.dateCourrier, iso(an, 9, 1), iso(an + 1, 8, 31))) {
          return [
            ctx.erreur('DATE_COURRIER', '/dateCourrier', `(${dateFr(d.dateCourrier)}) doit être dans l’année universitaire ${d.anneeUniversitaire}, à partir du 1er septembre ${String(an)}`),
          ];
        }
        const reunion = d.premiereReunionTuteurs.date;
        return d.dateCourrier < reunion
          ? []
          : [
              ctx.erreur(
                'DATE_COURRIER',
                '/dateCourrier',
                `(${dateFr(d.dateCourrier)}) doit précéder la « ${ctx.libelle('/premiereReunionTuteurs')} » (${dateFr(reunion)}), dont le courrier annonce la date`,
              ),
            ];
      },
    },
    {
      code: 'REUNION_TUTEURS_NOVEMBRE',
      description: 'La 1ère réunion des tuteurs a lieu courant novembre de la première année civile de l’année universitaire, une fois le 1er semestre lancé (§3, §4).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const an = premiereAnnee(d.anneeUniversitaire);
        const date = d.premiereReunionTuteurs.date;
        return entre(date, iso(an, 11, 1), iso(an, 11, 30))
          ? []
          : [ctx.erreur('REUNION_TUTEURS_NOVEMBRE', '/premiereReunionTuteurs/date', `(${dateFr(date)}) doit tomber en novembre ${String(an)} : la 1ère réunion a lieu courant novembre`)];
      },
    },
    {
      code: 'REUNION_TUTEURS_AVRIL',
      description: 'La 2ème réunion des tuteurs a lieu début avril de la seconde année civile de l’année universitaire, une fois les résultats des partiels de janvier publiés (§3, §4).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const an = premiereAnnee(d.anneeUniversitaire) + 1;
        const date = d.deuxiemeReunionTuteurs.date;
        return entre(date, iso(an, 4, 1), iso(an, 4, 30))
          ? []
          : [ctx.erreur('REUNION_TUTEURS_AVRIL', '/deuxiemeReunionTuteurs/date', `(${dateFr(date)}) doit tomber en avril ${String(an)} : la 2ème réunion a lieu début avril`)];
      },
    },
    {
      code: 'PERIODE_INVERSEE',
      description: 'Chaque période (calendrier des cours, suivis de l’alternance) finit le jour où elle commence ou après (§2, §4).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const periodes: Array<[string, Periode]> = [
          ...d.calendrierCours.map((p, i): [string, Periode] => [`/calendrierCours/${String(i)}`, p]),
          ['/premierSuivi', d.premierSuivi],
          ['/deuxiemeSuivi', d.deuxiemeSuivi],
          ['/troisiemeSuivi', d.troisiemeSuivi],
        ];
        return periodes
          .filter(([, p]) => p.au < p.du)
          .map(([chemin, p]) => ctx.erreur('PERIODE_INVERSEE', `${chemin}/au`, `(${dateFr(p.au)}) précède le premier jour de la période (${dateFr(p.du)})`));
      },
    },
    {
      code: 'CALENDRIER_CHEVAUCHEMENT',
      description: 'Les périodes du calendrier des cours se suivent dans l’ordre, sans se chevaucher : chacune commence après la fin de la précédente (§1, §4).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const erreurs: Erreur[] = [];
        d.calendrierCours.forEach((p, i) => {
          const precedente = d.calendrierCours[i - 1];
          if (precedente && p.du <= precedente.au) {
            erreurs.push(
              ctx.erreur(
                'CALENDRIER_CHEVAUCHEMENT',
                `/calendrierCours/${String(i)}/du`,
                `(${dateFr(p.du)}) doit être après la fin de la période n° ${String(i)} (${dateFr(precedente.au)}) : les périodes se suivent dans l’ordre, sans se chevaucher`,
              ),
            );
          }
        });
        return erreurs;
      },
    },
    {
      code: 'CALENDRIER_HORS_ANNEE_UNIVERSITAIRE',
      description: 'Les périodes du calendrier des cours sont dans l’année universitaire, du 1er septembre au 31 août (§4).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const an = premiereAnnee(d.anneeUniversitaire);
        const attendu = `dans l’année universitaire ${d.anneeUniversitaire} (du 1er septembre ${String(an)} au 31 août ${String(an + 1)})`;
        return d.calendrierCours.flatMap((p, i) =>
          periodeHorsFenetre(ctx, 'CALENDRIER_HORS_ANNEE_UNIVERSITAIRE', `/calendrierCours/${String(i)}`, p, iso(an, 9, 1), iso(an + 1, 8, 31), attendu),
        );
      },
    },
    {
      code: 'SUIVI_HORS_PERIODE',
      description:
        'Les suivis de l’alternance ont lieu en novembre, en mars / avril, puis fin mai – début juin (compris ici du 15 mai au 15 juin) (§2 « Les suivis de l’alternance », §4).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const an = premiereAnnee(d.anneeUniversitaire);
        const suivant = String(an + 1);
        return [
          ...periodeHorsFenetre(ctx, 'SUIVI_HORS_PERIODE', '/premierSuivi', d.premierSuivi, iso(an, 11, 1), iso(an, 11, 30), `en novembre ${String(an)}`),
          ...periodeHorsFenetre(ctx, 'SUIVI_HORS_PERIODE', '/deuxiemeSuivi', d.deuxiemeSuivi, iso(an + 1, 3, 1), iso(an + 1, 4, 30), `en mars ou en avril ${suivant}`),
          ...periodeHorsFenetre(
            ctx,
            'SUIVI_HORS_PERIODE',
            '/troisiemeSuivi',
            d.troisiemeSuivi,
            iso(an + 1, 5, 15),
            iso(an + 1, 6, 15),
            `fin mai – début juin ${suivant} (entre le 15 mai et le 15 juin)`,
          ),
        ];
      },
    },
    {
      code: 'ECHEANCE_HORS_PERIODE',
      description:
        'Le tuteur retourne l’évaluation de l’alternance (et, en M1, ses notes) en juin ; l’alternant de M1 remet son rapport d’activité en mai (§1 « En juin », §2 « au mois de mai de l’année de M1 », « à remettre fin juin »).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        const an = premiereAnnee(d.anneeUniversitaire) + 1;
        const juin = `en juin ${String(an)}`;
        const controles: Array<[string, string | undefined, string, string, string]> = [
          ['/dateLimiteEvaluation', d.dateLimiteEvaluation, iso(an, 6, 1), iso(an, 6, 30), juin],
          ['/rapportActivite/dateRemise', d.rapportActivite?.dateRemise, iso(an, 5, 1), iso(an, 5, 31), `en mai ${String(an)}`],
          ['/rapportActivite/dateLimiteNotesTuteur', d.rapportActivite?.dateLimiteNotesTuteur, iso(an, 6, 1), iso(an, 6, 30), juin],
        ];
        return controles
          .filter(([, date, debut, fin]) => date !== undefined && !entre(date, debut, fin))
          .map(([chemin, date, , , attendu]) => ctx.erreur('ECHEANCE_HORS_PERIODE', chemin, `(${dateFr(date ?? '')}) doit tomber ${attendu}`));
      },
    },
    {
      code: 'RAPPORT_ACTIVITE_RESERVE_AU_M1',
      description: 'Le rapport d’activité et sa note par le tuteur ne concernent que le M1 : en M2, l’alternant rédige un mémoire évalué par un jury de l’école (§1, §2).',
      verifier(donnees, ctx) {
        const d = donnees as LettreTuteurRentree;
        return d.alternant.annee === 'M2' && d.rapportActivite
          ? [ctx.erreur('RAPPORT_ACTIVITE_RESERVE_AU_M1', '/rapportActivite', 'ne concerne que les alternants de M1 : en M2, il n’y a pas de rapport d’activité mais un mémoire')]
          : [];
      },
    },
  ],
};
