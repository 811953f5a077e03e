/**
 * Fiche client — circulaire BTS Assurance 2019, annexe VI. Its content (`$defs.client`) is also embedded in the
 * fiches d'activité E32 and E42 (and, through them, in the dossier professionnel): the rules and computed
 * values are therefore built for a list of locations (JSON Pointers, `*` standing for every index of an array).
 */
import { formatFrenchDate } from '../core/dates.ts';
import type { Issue } from '../core/issues.ts';
import { expandWildcards, toPointer, segments, valueAt } from '../core/pointer.ts';
import type { Computation, RuleContext, FormRules, Rule } from '../core/forms.ts';

interface ProfessionalActivity {
  statut?: string;
  precisionStatut?: string;
}

interface RevenueRow {
  client?: number;
  conjoint?: number;
}

type MonthlyRevenues = Partial<Record<(typeof REVENUE_ROWS)[number], RevenueRow>>;

interface Client {
  dateNaissance?: string;
  situationFamiliale?: {
    situation?: string;
    regimeMatrimonial?: string;
    precisionRegime?: string;
    conjoint?: { dateNaissance?: string };
    enfants?: Array<{ dateNaissance?: string }>;
  };
  situationProfessionnelle?: {
    client?: ProfessionalActivity;
    conjoint?: ProfessionalActivity;
    entreprise?: { dateCreation?: string; nombreSalaries?: number; cadres?: number; nonCadres?: number };
  };
  situationFinanciere?: {
    revenusMensuels?: MonthlyRevenues;
    patrimoineFinancier?: Array<{ dateOuverture?: string }>;
  };
  contrats?: Array<{ dateSouscription?: string; dateEcheance?: string }>;
}

/** The rows of the « Revenus mensuels du foyer » table, in printed order (the TOTAL row is computed). */
export const REVENUE_ROWS = ['revenusProfessionnels', 'revenusImmobiliers', 'revenusMobiliers', 'autres'] as const;

const COUPLE_SITUATIONS = ['marie', 'pacse', 'concubin'];
const SITUATIONS_WITH_REGIME = ['marie', 'pacse'];
const SITUATION_LABELS: Record<string, string> = {
  celibataire: 'Célibataire',
  marie: 'Marié',
  pacse: 'Pacsé',
  concubin: 'Concubin',
  divorce: 'Divorcé',
  veuf: 'Veuf',
  separe: 'Séparé',
};

/** Returns the existing values (and their concrete JSON Pointers) that a pointer with `*` wildcards designates. */
export function expandPaths(data: unknown, pattern: string): Array<{ chemin: string; valeur: unknown }> {
  return expandWildcards(data, segments(pattern))
    .map(({ parts }) => ({ chemin: toPointer(parts), valeur: valueAt(data, parts) }))
    .filter((x) => x.valeur !== undefined);
}

/** Returns `pattern` with its `*` wildcards replaced, in order, by `indices`. */
export function instantiate(pattern: string, indices: readonly number[]): string {
  let i = 0;
  return toPointer(segments(pattern).map((p) => (p === '*' ? String(indices[i++] ?? 0) : p)));
}

/** Runs `check` on every object found at `prefixes` (each with its concrete pointer) and gathers the errors. */
export function forEachPath<T>(data: unknown, prefixes: readonly string[], check: (value: T, base: string) => Issue[]): Issue[] {
  return prefixes.flatMap((pattern) =>
    expandPaths(data, pattern)
      .filter((x) => x.valeur !== null && typeof x.valeur === 'object')
      .flatMap((x) => check(x.valeur as T, x.chemin)),
  );
}

/** Returns a sum of euro amounts rounded to the cent, or undefined when no amount is given. */
function sum(amounts: ReadonlyArray<number | undefined>): number | undefined {
  const present = amounts.filter((m): m is number => typeof m === 'number');
  return present.length === 0 ? undefined : Math.round(present.reduce((a, b) => a + b, 0) * 100) / 100;
}

function situationLabel(situation: string | undefined): string {
  return situation ? `case cochée : ${SITUATION_LABELS[situation] ?? situation}` : 'aucune case cochée';
}

/** Returns the fiche client rules, applied to the client content found at each of `prefixes` ("" for the root). */
export function clientRules(prefixes: readonly string[] = ['']): Rule[] {
  return [
    {
      code: 'CONJOINT_SANS_COUPLE',
      description:
        'Le conjoint (identité, situation professionnelle « Son conjoint », colonne « Son conjoint » des revenus) n’est renseigné que si la situation familiale cochée est Marié, Pacsé ou Concubin (annexe VI, rubriques 1 à 3).',
      check: (data, ctx) =>
        forEachPath<Client>(data, prefixes, (c, base) => {
          const situation = c.situationFamiliale?.situation;
          if (situation && COUPLE_SITUATIONS.includes(situation)) return [];
          const text = `ne peut être rempli que si la situation familiale est Marié, Pacsé ou Concubin (${situationLabel(situation)})`;
          const paths: string[] = [];
          if (c.situationFamiliale?.conjoint) paths.push(`${base}/situationFamiliale/conjoint`);
          if (c.situationProfessionnelle?.conjoint) paths.push(`${base}/situationProfessionnelle/conjoint`);
          const revenues = c.situationFinanciere?.revenusMensuels;
          for (const line of REVENUE_ROWS) {
            if (revenues?.[line]?.conjoint !== undefined) paths.push(`${base}/situationFinanciere/revenusMensuels/${line}/conjoint`);
          }
          return paths.map((path) => ctx.error('CONJOINT_SANS_COUPLE', path, text));
        }),
    },
    {
      code: 'REGIME_MATRIMONIAL_HORS_MARIAGE_OU_PACS',
      description:
        'Le régime matrimonial n’est indiqué que pour un client marié ou pacsé (régime légal de séparation des patrimoines ou indivision du PACS) (annexe VI, rubrique 1).',
      check: (data, ctx) =>
        forEachPath<Client>(data, prefixes, (c, base) => {
          const f = c.situationFamiliale;
          if (!f?.regimeMatrimonial || (f.situation && SITUATIONS_WITH_REGIME.includes(f.situation))) return [];
          return [
            ctx.error(
              'REGIME_MATRIMONIAL_HORS_MARIAGE_OU_PACS',
              `${base}/situationFamiliale/regimeMatrimonial`,
              `ne concerne qu’un client marié ou pacsé (${situationLabel(f.situation)})`,
            ),
          ];
        }),
    },
    {
      code: 'DATE_FUTURE',
      description:
        'Les dates de naissance (client, conjoint, enfants), la date de création de l’entreprise, les dates d’ouverture des placements et de souscription des contrats ne sont pas postérieures à la date du jour (annexe VI).',
      check: (data, ctx) => {
        const day = ctx.today;
        return forEachPath<Client>(data, prefixes, (c, base) => {
          const dates: Array<[string, string | undefined]> = [
            [`${base}/dateNaissance`, c.dateNaissance],
            [`${base}/situationFamiliale/conjoint/dateNaissance`, c.situationFamiliale?.conjoint?.dateNaissance],
            ...(c.situationFamiliale?.enfants ?? []).map((e, i): [string, string | undefined] => [`${base}/situationFamiliale/enfants/${i}/dateNaissance`, e.dateNaissance]),
            [`${base}/situationProfessionnelle/entreprise/dateCreation`, c.situationProfessionnelle?.entreprise?.dateCreation],
            ...(c.situationFinanciere?.patrimoineFinancier ?? []).map((p, i): [string, string | undefined] => [
              `${base}/situationFinanciere/patrimoineFinancier/${i}/dateOuverture`,
              p.dateOuverture,
            ]),
            ...(c.contrats ?? []).map((k, i): [string, string | undefined] => [`${base}/contrats/${i}/dateSouscription`, k.dateSouscription]),
          ];
          return dates
            .filter((x): x is [string, string] => typeof x[1] === 'string' && x[1] > day)
            .map(([path, date]) => ctx.error('DATE_FUTURE', path, `(${formatFrenchDate(date)}) est postérieure à la date du jour (${formatFrenchDate(day)}) : vérifiez l’année`));
        });
      },
    },
    {
      code: 'ENFANT_NE_AVANT_LE_CLIENT',
      description: 'Un enfant du client est né après lui : sa date de naissance est postérieure à celle du client/prospect (annexe VI, rubrique 1).',
      check: (data, ctx) =>
        forEachPath<Client>(data, prefixes, (c, base) => {
          const parent = c.dateNaissance;
          if (!parent) return [];
          return (c.situationFamiliale?.enfants ?? []).flatMap((e, i) =>
            e.dateNaissance && e.dateNaissance <= parent
              ? [
                  ctx.error(
                    'ENFANT_NE_AVANT_LE_CLIENT',
                    `${base}/situationFamiliale/enfants/${i}/dateNaissance`,
                    `(${formatFrenchDate(e.dateNaissance)}) doit être postérieure à la date de naissance du client/prospect (${formatFrenchDate(parent)})`,
                  ),
                ]
              : [],
          );
        }),
    },
    {
      code: 'ECHEANCE_AVANT_SOUSCRIPTION',
      description: 'La date d’échéance d’un contrat en portefeuille est postérieure à sa date de souscription (annexe VI, rubrique 4).',
      check: (data, ctx) =>
        forEachPath<Client>(data, prefixes, (c, base) =>
          (c.contrats ?? []).flatMap((k, i) =>
            k.dateSouscription && k.dateEcheance && k.dateEcheance <= k.dateSouscription
              ? [
                  ctx.error(
                    'ECHEANCE_AVANT_SOUSCRIPTION',
                    `${base}/contrats/${i}/dateEcheance`,
                    `(${formatFrenchDate(k.dateEcheance)}) doit être postérieure à la « Date de souscription » (${formatFrenchDate(k.dateSouscription)})`,
                  ),
                ]
              : [],
          ),
        ),
    },
    {
      code: 'EFFECTIF_INCOHERENT',
      description:
        'Dans l’entreprise du client chef d’entreprise, Cadres + Non Cadres = Nombre de salariés quand les trois sont indiqués, et aucun des deux ne dépasse le Nombre de salariés (annexe VI, rubrique 2).',
      check: (data, ctx) =>
        forEachPath<Client>(data, prefixes, (c, base) => {
          const e = c.situationProfessionnelle?.entreprise;
          if (e?.nombreSalaries === undefined) return [];
          const path = `${base}/situationProfessionnelle/entreprise/nombreSalaries`;
          const total = e.nombreSalaries;
          if (e.cadres !== undefined && e.nonCadres !== undefined) {
            return e.cadres + e.nonCadres === total
              ? []
              : [ctx.error('EFFECTIF_INCOHERENT', path, `(${total}) doit être égal à Cadres + Non Cadres (${e.cadres} + ${e.nonCadres} = ${e.cadres + e.nonCadres})`)];
          }
          const partial = e.cadres ?? e.nonCadres;
          const label = e.cadres !== undefined ? 'Cadres' : 'Non Cadres';
          return partial !== undefined && partial > total
            ? [ctx.error('EFFECTIF_INCOHERENT', path, `(${total}) ne peut pas être inférieur au nombre de ${label} (${partial})`)]
            : [];
        }),
    },
    {
      code: 'PRECISION_SANS_AUTRE',
      description:
        'Une précision (régime matrimonial, statut professionnel du client ou de son conjoint) n’est remplie que si la case « autre » correspondante est cochée (annexe VI, rubriques 1 et 2).',
      check: (data, ctx) => checkPrecisions('PRECISION_SANS_AUTRE', clientPrecisions(prefixes), data, ctx),
    },
  ];
}

/** A « Précisez » field and the box group it details: the precision is only filled when the « autre » box is ticked. */
export interface OtherPrecision {
  /** Pointer (with `*` wildcards) of the precision field. */
  precision: string;
  /** Key of the box group, a sibling of the precision field. */
  choix: string;
  /** Value of the « autre » box, and its printed label. */
  autre: string;
  libelleAutre: string;
}

/** Returns the « Précisez » fields of the client content found at each of `prefixes`. */
export function clientPrecisions(prefixes: readonly string[] = ['']): OtherPrecision[] {
  return prefixes.flatMap((p) => [
    { precision: `${p}/situationFamiliale/precisionRegime`, choix: 'regimeMatrimonial', autre: 'autre', libelleAutre: 'autre' },
    { precision: `${p}/situationProfessionnelle/client/precisionStatut`, choix: 'statut', autre: 'autre', libelleAutre: 'Autre' },
    { precision: `${p}/situationProfessionnelle/conjoint/precisionStatut`, choix: 'statut', autre: 'autre', libelleAutre: 'Autre' },
  ]);
}

/** Returns an error (with `code`) for every precision filled while its « autre » box is not ticked. */
export function checkPrecisions(code: string, precisions: readonly OtherPrecision[], data: unknown, ctx: RuleContext): Issue[] {
  return precisions.flatMap((p) =>
    expandPaths(data, p.precision).flatMap(({ chemin: path }) => {
      const parts = segments(path);
      const choice = valueAt(data, [...parts.slice(0, -1), p.choix]);
      const ticked = Array.isArray(choice) ? choice.includes(p.autre) : choice === p.autre;
      return ticked ? [] : [ctx.error(code, path, `n’est à remplir que si la case « ${p.libelleAutre} » est cochée`)];
    }),
  );
}

/** Returns the computed values of the client content found at each of `prefixes`: the TOTAL column and row of the revenues. */
export function clientComputations(prefixes: readonly string[] = ['']): Computation[] {
  return prefixes.flatMap((p) => {
    const table = `${p}/situationFinanciere/revenusMensuels`;
    const revenues = (data: unknown, indices: number[]) => valueAt(data, instantiate(table, indices)) as MonthlyRevenues | undefined;
    const column = (r: MonthlyRevenues | undefined, key: keyof RevenueRow) => REVENUE_ROWS.map((l) => r?.[l]?.[key]);
    return [
      ...REVENUE_ROWS.map(
        (line): Computation => ({
          path: `${table}/${line}/total`,
          description: 'colonne TOTAL = Le Client/prospect + Son conjoint',
          compute: (data, indices) => {
            const l = revenues(data, indices)?.[line];
            return sum([l?.client, l?.conjoint]);
          },
        }),
      ),
      {
        path: `${table}/totalClient`,
        description: 'ligne TOTAL = somme de la colonne Le Client/prospect',
        compute: (data, indices) => sum(column(revenues(data, indices), 'client')),
      },
      {
        path: `${table}/totalConjoint`,
        description: 'ligne TOTAL = somme de la colonne Son conjoint',
        compute: (data, indices) => sum(column(revenues(data, indices), 'conjoint')),
      },
      {
        path: `${table}/totalFoyer`,
        description: 'revenus mensuels de tout le foyer = somme de toutes les cases du tableau',
        compute: (data, indices) => {
          const r = revenues(data, indices);
          return sum([...column(r, 'client'), ...column(r, 'conjoint')]);
        },
      },
    ];
  });
}

/** The fiche client form (annexe VI), standalone: its header plus the client content. */
export const ficheClient: FormRules = {
  id: 'fiche-client',
  title: 'Fiche client',
  source: { text: '003', reference: 'annexe VI' },
  version: '1.0.0',
  computations: clientComputations(),
  rules: clientRules(),
};
