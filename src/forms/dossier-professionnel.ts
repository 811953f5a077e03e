/**
 * Dossier professionnel BTS Assurance — circulaire 2019, §1.4.2 A: page de garde, attestations, fiches contexte,
 * fiches d'activités E32 (1 to 5) and E42 (6 to 9) with their fiches client. Its own rules only check that the
 * data is consistent; the conformity of the dossier (visa, number of fiches, mandatory situations, internship
 * length) is left to the académie's conformity check. The embedded fiches obey their own forms' rules.
 */
import { countCalendarDays, formatFrenchDate } from '../core/dates.ts';
import type { Issue } from '../core/issues.ts';
import { e32Rules } from './fiche-activite-e32.ts';
import { e42Rules } from './fiche-activite-e42.ts';
import { clientComputations, clientRules } from './fiche-client.ts';
import { contexteRules } from './fiche-contexte.ts';
import { individualWithoutEstablishmentRule, visaOrAttestationRule } from './page-de-garde.ts';
import type { RuleContext, FormRules, Rule } from '../core/forms.ts';

interface Attestation {
  type: string;
  debut: string;
  fin: string;
  joursTravailles: number;
  tempsPlein?: boolean;
}

interface FicheActivite {
  numero: number;
  ficheContexte: number;
}

interface FicheContexte {
  numero: number;
  fichesActiviteConcernees: number[];
}

interface Dossier {
  epreuves: string[];
  candidat: { statut: string };
  etablissement?: object;
  pageDeGarde?: { visa?: object; attestationSurLhonneur?: object };
  attestations?: Attestation[];
  fichesContexte?: FicheContexte[];
  fichesActiviteE32?: FicheActivite[];
  fichesActiviteE42?: FicheActivite[];
}

/** Keys of the two lists of fiches d'activité, with their épreuve. */
const ACTIVITY_LISTS = [
  { cle: 'fichesActiviteE32', epreuve: 'E32' },
  { cle: 'fichesActiviteE42', epreuve: 'E42' },
] as const;

/** Where the embedded fiches client are. */
const FICHE_CLIENT_PATHS = ['/fichesActiviteE32/*/ficheClient', '/fichesActiviteE42/*/ficheClient'];

/** Returns the list (E32 for numbers 1 to 5, E42 for 6 to 9) a fiche d'activité number belongs to. */
function listForNumber(number: number): 'fichesActiviteE32' | 'fichesActiviteE42' {
  return number <= 5 ? 'fichesActiviteE32' : 'fichesActiviteE42';
}

/** A fiche d'activité of the dossier, with its list and JSON Pointer. */
interface LocatedFiche {
  fiche: FicheActivite;
  key: 'fichesActiviteE32' | 'fichesActiviteE42';
  path: string;
}

/** Returns every fiche d'activité of the dossier with its list and JSON Pointer. */
function allFichesActivite(d: Dossier): LocatedFiche[] {
  return ACTIVITY_LISTS.flatMap(({ cle: key }) => (d[key] ?? []).map((sheet, i) => ({ fiche: sheet, key, path: `/${key}/${i}` })));
}

/** Returns an error for every fiche whose number already appeared earlier in the same list. */
function duplicates(list: ReadonlyArray<{ numero: number }> | undefined, key: string, name: string, ctx: RuleContext): Issue[] {
  const seen = new Set<number>();
  return (list ?? []).flatMap((f, i) => {
    if (!seen.has(f.numero)) {
      seen.add(f.numero);
      return [];
    }
    return [ctx.error('NUMERO_DE_FICHE_EN_DOUBLE', `/${key}/${i}/numero`, `(${f.numero}) est déjà le numéro d’une autre ${name} du dossier`)];
  });
}

/** The rules of the dossier itself: consistency of its parts and of the references between fiches. */
const DOSSIER_RULES: Rule[] = [
  {
    code: 'ATTESTATION_DATES_INVERSEES',
    description: 'La fin de la période couverte par une attestation ou un certificat n’est pas antérieure à son début (§1.4.2 A point 2).',
    check(data, ctx) {
      return ((data as Dossier).attestations ?? []).flatMap((a, i) =>
        a.fin < a.debut ? [ctx.error('ATTESTATION_DATES_INVERSEES', `/attestations/${i}/fin`, `(${formatFrenchDate(a.fin)}) est antérieur au début de la période (${formatFrenchDate(a.debut)})`)] : [],
      );
    },
  },
  {
    code: 'JOURS_TRAVAILLES_SUPERIEURS_A_LA_PERIODE',
    description:
      'Le nombre de journées attestées ne dépasse pas le nombre de jours calendaires de la période, bornes comprises (§1.4.2 B : durée de stage comptée en journées).',
    check(data, ctx) {
      return ((data as Dossier).attestations ?? []).flatMap((a, i) => {
        if (a.fin < a.debut) return [];
        const days = countCalendarDays(a.debut, a.fin);
        return a.joursTravailles > days
          ? [
              ctx.error(
                'JOURS_TRAVAILLES_SUPERIEURS_A_LA_PERIODE',
                `/attestations/${i}/joursTravailles`,
                `(${a.joursTravailles}) dépasse les ${days} jours calendaires du ${formatFrenchDate(a.debut)} au ${formatFrenchDate(a.fin)}`,
              ),
            ]
          : [];
      });
    },
  },
  {
    code: 'TEMPS_PLEIN_HORS_CERTIFICAT_TRAVAIL',
    description: 'La mention « À temps plein » ne concerne que le certificat de travail (§1.4.2 B : certificat de travail d’au moins 6 mois à temps plein).',
    check(data, ctx) {
      return ((data as Dossier).attestations ?? []).flatMap((a, i) =>
        a.tempsPlein !== undefined && a.type !== 'certificat-travail'
          ? [ctx.error('TEMPS_PLEIN_HORS_CERTIFICAT_TRAVAIL', `/attestations/${i}/tempsPlein`, 'ne se remplit que pour un certificat de travail')]
          : [],
      );
    },
  },
  individualWithoutEstablishmentRule(),
  visaOrAttestationRule('/pageDeGarde'),
  {
    code: 'NUMERO_DE_FICHE_EN_DOUBLE',
    description: 'Deux fiches contexte, ou deux fiches d’activités, ne portent pas le même numéro (§1.4.2 A : fiches numérotées).',
    check(data, ctx) {
      const d = data as Dossier;
      return [
        ...duplicates(d.fichesContexte, 'fichesContexte', 'fiche contexte', ctx),
        ...duplicates(d.fichesActiviteE32, 'fichesActiviteE32', 'fiche d’activité', ctx),
        ...duplicates(d.fichesActiviteE42, 'fichesActiviteE42', 'fiche d’activité', ctx),
      ];
    },
  },
  {
    code: 'FICHE_ACTIVITE_CITEE_ABSENTE',
    description:
      'Les numéros « CONCERNE FICHE(S) D’ACTIVITÉ NOS » d’une fiche contexte sont ceux de fiches d’activités du dossier ; un numéro de 1 à 5 (ou de 6 à 9) n’est vérifié que si le dossier contient des fiches E32 (ou E42), leur absence relevant du contrôle de conformité (annexe IV).',
    check(data, ctx) {
      const d = data as Dossier;
      return (d.fichesContexte ?? []).flatMap((c, i) =>
        c.fichesActiviteConcernees.flatMap((n, j) => {
          const list = d[listForNumber(n)] ?? [];
          return list.length === 0 || list.some((f) => f.numero === n)
            ? []
            : [ctx.error('FICHE_ACTIVITE_CITEE_ABSENTE', `/fichesContexte/${i}/fichesActiviteConcernees/${j}`, `(${n}) ne correspond à aucune fiche d’activité du dossier`)];
        }),
      );
    },
  },
  {
    code: 'FICHE_CONTEXTE_CITEE_ABSENTE',
    description:
      'Le « Fiche contexte n° » d’une fiche d’activités est celui d’une fiche contexte du dossier, quand le dossier en contient (leur absence relève du contrôle de conformité) (annexes IV, V et IX).',
    check(data, ctx) {
      const d = data as Dossier;
      const contextes = d.fichesContexte ?? [];
      if (contextes.length === 0) return [];
      return allFichesActivite(d).flatMap(({ fiche: sheet, path: path }) =>
        contextes.some((c) => c.numero === sheet.ficheContexte)
          ? []
          : [ctx.error('FICHE_CONTEXTE_CITEE_ABSENTE', `${path}/ficheContexte`, `(${sheet.ficheContexte}) ne correspond à aucune fiche contexte du dossier`)],
      );
    },
  },
  {
    code: 'RENVOI_CONTEXTE_DISCORDANT',
    description:
      'Une fiche d’activités et sa fiche contexte se citent l’une l’autre : la fiche contexte n° k liste la fiche n, et la fiche n indique la fiche contexte n° k (annexes IV, V et IX).',
    check(data, ctx) {
      const d = data as Dossier;
      const contextes = d.fichesContexte ?? [];
      const sheets = allFichesActivite(d);
      const citedByItsContexte = (f: FicheActivite) => contextes.find((c) => c.numero === f.ficheContexte)?.fichesActiviteConcernees.includes(f.numero);
      const errors: Issue[] = [];
      for (const { fiche: sheet, path: path } of sheets) {
        if (citedByItsContexte(sheet) === false) {
          errors.push(
            ctx.error(
              'RENVOI_CONTEXTE_DISCORDANT',
              `${path}/ficheContexte`,
              `(${sheet.ficheContexte}) désigne une fiche contexte qui ne cite pas la fiche d’activité n° ${sheet.numero} : ajoutez ${sheet.numero} à ses « CONCERNE FICHE(S) D’ACTIVITÉ NOS » ou corrigez le numéro`,
            ),
          );
        }
      }
      contextes.forEach((c, i) =>
        c.fichesActiviteConcernees.forEach((n, j) => {
          const sheet = sheets.find((f) => f.key === listForNumber(n) && f.fiche.numero === n)?.fiche;
          if (sheet && sheet.ficheContexte !== c.numero && citedByItsContexte(sheet) === true) {
            errors.push(
              ctx.error(
                'RENVOI_CONTEXTE_DISCORDANT',
                `/fichesContexte/${i}/fichesActiviteConcernees/${j}`,
                `(${n}) désigne une fiche d’activité rattachée à la fiche contexte n° ${sheet.ficheContexte}, qui la cite déjà`,
              ),
            );
          }
        }),
      );
      return errors;
    },
  },
];

/** Returns the rules of the dossier: its own, then those of every embedded fiche, each code once. */
function dossierRules(): Rule[] {
  return [
    ...DOSSIER_RULES,
    ...contexteRules(['/fichesContexte/*']),
    ...e32Rules(['/fichesActiviteE32/*']),
    ...e42Rules(['/fichesActiviteE42/*']),
    ...clientRules(FICHE_CLIENT_PATHS),
  ];
}

/** The dossier professionnel (§1.4.2 A), embedding the page de garde and every fiche of the candidate. */
export const dossierProfessionnel: FormRules = {
  id: 'dossier-professionnel',
  title: 'Dossier professionnel BTS Assurance',
  source: { text: '003', reference: '§1.4.2 et annexes IV, V, VI, IX, XII' },
  version: '1.0.0',
  computations: clientComputations(FICHE_CLIENT_PATHS),
  rules: dossierRules(),
};
