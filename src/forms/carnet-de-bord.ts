/** Carnet de bord de l’alternance — texte 000, §2 (le carnet de bord, les suivis de l’alternance) and §4. */
import type { Erreur } from '../core/erreurs.ts';
import type { DefinitionFormulaire } from './types.ts';

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
const DUREE_BIMESTRE = { min: 35, max: 70 };

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

/** Number of days from `du` to `au`, both included. */
function jours(du: string, au: string): number {
  return (Date.parse(`${au}T00:00:00Z`) - Date.parse(`${du}T00:00:00Z`)) / 86_400_000 + 1;
}

/** Window of each suivi de l’alternance (§2): November, March / April, end of May – early June (15 May – 15 June). */
function fenetreSuivi(numero: number, an: number): { debut: string; fin: string; texte: string } {
  if (numero === 1) return { debut: iso(an, 11, 1), fin: iso(an, 11, 30), texte: `en novembre ${String(an)}` };
  if (numero === 2) return { debut: iso(an + 1, 3, 1), fin: iso(an + 1, 4, 30), texte: `en mars ou en avril ${String(an + 1)}` };
  return { debut: iso(an + 1, 5, 15), fin: iso(an + 1, 6, 15), texte: `fin mai – début juin ${String(an + 1)} (entre le 15 mai et le 15 juin)` };
}

/** Carnet de bord de l’alternance: UE pages (alternant), bimonthly pages (tutor) and the three suivis with the CFA. */
export const carnetDeBord: DefinitionFormulaire = {
  id: 'carnet-de-bord',
  titre: 'Carnet de bord de l’alternance',
  source: { texte: '000', reference: '§2 et §4' },
  version: '1.0.0',
  calculs: [],
  regles: [
    {
      code: 'ANNEE_UNIVERSITAIRE_INCOHERENTE',
      description: 'L’année universitaire réunit deux années civiles consécutives (« 2026-2027 ») : le carnet couvre une année de Master (§2).',
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        const [debut, fin] = d.anneeUniversitaire.split('-').map(Number);
        return fin === Number(debut) + 1
          ? []
          : [ctx.erreur('ANNEE_UNIVERSITAIRE_INCOHERENTE', '/anneeUniversitaire', 'doit réunir deux années qui se suivent, par exemple 2026-2027')];
      },
    },
    {
      code: 'UE_EN_DOUBLE',
      description: 'Chaque UE suivie a une seule page par semestre : l’alternant la complète semestriellement (§2).',
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        const vues = new Map<string, number>();
        const erreurs: Erreur[] = [];
        (d.unitesEnseignement ?? []).forEach((ue, i) => {
          const cle = `${String(ue.semestre)}|${ue.code.trim().toLowerCase()}`;
          const premiere = vues.get(cle);
          if (premiere === undefined) vues.set(cle, i);
          else
            erreurs.push(
              ctx.erreur('UE_EN_DOUBLE', `/unitesEnseignement/${String(i)}/code`, `(${ue.code}) a déjà une page pour ce semestre (Unité d’enseignement n° ${String(premiere + 1)})`),
            );
        });
        return erreurs;
      },
    },
    {
      code: 'BIMESTRES_ORDONNES',
      description: 'Les pages bimestrielles se suivent dans l’ordre, sans se chevaucher, et chaque bimestre finit après son premier jour (§2 « chaque bimestre »).',
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        const bimestres = d.bimestres ?? [];
        const erreurs: Erreur[] = [];
        bimestres.forEach((b, i) => {
          if (b.au < b.du) {
            erreurs.push(ctx.erreur('BIMESTRES_ORDONNES', `/bimestres/${String(i)}/au`, `(${dateFr(b.au)}) précède le premier jour du bimestre (${dateFr(b.du)})`));
          }
          const precedent = bimestres[i - 1];
          if (precedent && b.du <= precedent.au) {
            erreurs.push(
              ctx.erreur(
                'BIMESTRES_ORDONNES',
                `/bimestres/${String(i)}/du`,
                `(${dateFr(b.du)}) doit être après la fin du bimestre n° ${String(i)} (${dateFr(precedent.au)}) : les bimestres se suivent dans l’ordre, sans se chevaucher`,
              ),
            );
          }
        });
        return erreurs;
      },
    },
    {
      code: 'BIMESTRE_DUREE',
      description: `Un bimestre dure environ deux mois : de 5 à 10 semaines (${String(DUREE_BIMESTRE.min)} à ${String(DUREE_BIMESTRE.max)} jours, bornes comprises) (§1 « Tous les 2 mois », §2).`,
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        return (d.bimestres ?? []).flatMap((b, i) => {
          const n = jours(b.du, b.au);
          if (b.au < b.du || (n >= DUREE_BIMESTRE.min && n <= DUREE_BIMESTRE.max)) return [];
          return [
            ctx.erreur(
              'BIMESTRE_DUREE',
              `/bimestres/${String(i)}`,
              `dure ${String(n)} jours (du ${dateFr(b.du)} au ${dateFr(b.au)}) : un bimestre dure environ deux mois, de 5 à 10 semaines (${String(DUREE_BIMESTRE.min)} à ${String(DUREE_BIMESTRE.max)} jours)`,
            ),
          ];
        });
      },
    },
    {
      code: 'BIMESTRE_HORS_ANNEE_UNIVERSITAIRE',
      description: 'Les bimestres sont compris dans l’année universitaire, du 1er septembre au 31 août (§2, §4).',
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        const an = premiereAnnee(d.anneeUniversitaire);
        const debut = iso(an, 9, 1);
        const fin = iso(an + 1, 8, 31);
        const attendu = `dans l’année universitaire ${d.anneeUniversitaire} (du 1er septembre ${String(an)} au 31 août ${String(an + 1)})`;
        return (d.bimestres ?? []).flatMap((b, i) =>
          (['du', 'au'] as const)
            .filter((borne) => b[borne] < debut || b[borne] > fin)
            .map((borne) => ctx.erreur('BIMESTRE_HORS_ANNEE_UNIVERSITAIRE', `/bimestres/${String(i)}/${borne}`, `(${dateFr(b[borne])}) doit tomber ${attendu}`)),
        );
      },
    },
    {
      code: 'BIMESTRE_SIGNE_SANS_ALTERNANT',
      description: 'Le tuteur complète chaque bimestre avec l’alternant : une page signée par le tuteur a été complétée avec lui (§2 « Le tuteur doit compléter, chaque bimestre, avec l’alternant »).',
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        return (d.bimestres ?? []).flatMap((b, i) =>
          b.signatureTuteur === true && !b.completeAvecAlternant
            ? [
                ctx.erreur(
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
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        const suivis = d.suivis ?? [];
        const erreurs: Erreur[] = [];
        suivis.forEach((s, i) => {
          const chemin = `/suivis/${String(i)}/numero`;
          const doublon = suivis.slice(0, i).findIndex((autre) => autre.numero === s.numero);
          if (doublon >= 0) {
            erreurs.push(
              ctx.erreur(
                'SUIVIS_NUMEROTES',
                chemin,
                `(${String(s.numero)}) est déjà celui de la ligne ${String(doublon + 1)} du tableau : chaque suivi de l’alternance n’a lieu qu’une fois`,
              ),
            );
            return;
          }
          const precedent = suivis[i - 1];
          if (precedent && s.numero < precedent.numero) {
            erreurs.push(ctx.erreur('SUIVIS_NUMEROTES', chemin, `(${String(s.numero)}) doit suivre le suivi n° ${String(precedent.numero)} : les suivis sont listés dans l’ordre`));
          }
        });
        return erreurs;
      },
    },
    {
      code: 'SUIVI_HORS_PERIODE',
      description:
        'Le 1er suivi de l’alternance a lieu en novembre, le 2ème en mars / avril, le 3ème fin mai – début juin (compris ici du 15 mai au 15 juin) (§2 « Les suivis de l’alternance », §4).',
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        const an = premiereAnnee(d.anneeUniversitaire);
        return (d.suivis ?? []).flatMap((s, i) => {
          const { debut, fin, texte } = fenetreSuivi(s.numero, an);
          return s.date >= debut && s.date <= fin
            ? []
            : [ctx.erreur('SUIVI_HORS_PERIODE', `/suivis/${String(i)}/date`, `(${dateFr(s.date)}) doit tomber ${texte}`)];
        });
      },
    },
    {
      code: 'VISA_AVANT_SUIVI',
      description: 'Le carnet est visé par le CFA et lu par l’école après avoir été remis lors du suivi : le visa et la prise de connaissance sont datés du jour du suivi ou après (§2, §4).',
      verifier(donnees, ctx) {
        const d = donnees as CarnetDeBord;
        return (d.suivis ?? []).flatMap((s, i) =>
          (['visaCfa', 'priseDeConnaissanceEcole'] as const).flatMap((cle) => {
            const visa = s[cle];
            return visa && visa.date < s.date
              ? [
                  ctx.erreur(
                    'VISA_AVANT_SUIVI',
                    `/suivis/${String(i)}/${cle}/date`,
                    `(${dateFr(visa.date)}) doit être le jour du rendez-vous de suivi (${dateFr(s.date)}) ou après : le carnet est visé une fois remis lors du suivi`,
                  ),
                ]
              : [];
          }),
        );
      },
    },
  ],
};
