/**
 * Fiche client — circulaire BTS Assurance 2019, annexe VI. Its content (`$defs.client`) is also embedded in the
 * fiches d'activité E32 and E42 (and, through them, in the dossier professionnel): the rules and computed
 * values are therefore built for a list of locations (JSON Pointers, `*` standing for every index of an array).
 */
import type { Erreur } from '../core/erreurs.ts';
import { pointeur, segments, valeurA } from '../core/pointeur.ts';
import type { Calcul, ContexteRegle, DefinitionFormulaire, Regle } from './types.ts';

interface ActiviteProfessionnelle {
  statut?: string;
  precisionStatut?: string;
}

interface LigneRevenus {
  client?: number;
  conjoint?: number;
}

type RevenusMensuels = Partial<Record<(typeof LIGNES_REVENUS)[number], LigneRevenus>>;

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
    client?: ActiviteProfessionnelle;
    conjoint?: ActiviteProfessionnelle;
    entreprise?: { dateCreation?: string; nombreSalaries?: number; cadres?: number; nonCadres?: number };
  };
  situationFinanciere?: {
    revenusMensuels?: RevenusMensuels;
    patrimoineFinancier?: Array<{ dateOuverture?: string }>;
  };
  contrats?: Array<{ dateSouscription?: string; dateEcheance?: string }>;
}

/** The rows of the « Revenus mensuels du foyer » table, in printed order (the TOTAL row is computed). */
export const LIGNES_REVENUS = ['revenusProfessionnels', 'revenusImmobiliers', 'revenusMobiliers', 'autres'] as const;

const SITUATIONS_EN_COUPLE = ['marie', 'pacse', 'concubin'];
const SITUATIONS_AVEC_REGIME = ['marie', 'pacse'];
const LIBELLES_SITUATION: Record<string, string> = {
  celibataire: 'Célibataire',
  marie: 'Marié',
  pacse: 'Pacsé',
  concubin: 'Concubin',
  divorce: 'Divorcé',
  veuf: 'Veuf',
  separe: 'Séparé',
};

/** Returns today's date in the local time zone, as an ISO date (AAAA-MM-JJ). */
export function dateDuJour(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Returns an ISO date written the French way (JJ/MM/AAAA). */
export function dateFr(iso: string): string {
  const [a, m, j] = iso.split('-');
  return `${j ?? ''}/${m ?? ''}/${a ?? ''}`;
}

/** Returns the existing values (and their concrete JSON Pointers) that a pointer with `*` wildcards designates. */
export function developper(donnees: unknown, motif: string): Array<{ chemin: string; valeur: unknown }> {
  let courants: string[][] = [[]];
  for (const partie of segments(motif)) {
    if (partie !== '*') {
      courants = courants.map((c) => [...c, partie]);
      continue;
    }
    courants = courants.flatMap((c) => {
      const liste = valeurA(donnees, c);
      return Array.isArray(liste) ? liste.map((_, i) => [...c, String(i)]) : [];
    });
  }
  return courants.map((c) => ({ chemin: pointeur(c), valeur: valeurA(donnees, c) })).filter((x) => x.valeur !== undefined);
}

/** Returns `motif` with its `*` wildcards replaced, in order, by `indices`. */
export function instancier(motif: string, indices: readonly number[]): string {
  let i = 0;
  return pointeur(segments(motif).map((p) => (p === '*' ? String(indices[i++] ?? 0) : p)));
}

/** Runs `verifier` on every object found at `prefixes` (each with its concrete pointer) and gathers the errors. */
export function pourChaque<T>(donnees: unknown, prefixes: readonly string[], verifier: (valeur: T, base: string) => Erreur[]): Erreur[] {
  return prefixes.flatMap((motif) =>
    developper(donnees, motif)
      .filter((x) => x.valeur !== null && typeof x.valeur === 'object')
      .flatMap((x) => verifier(x.valeur as T, x.chemin)),
  );
}

/** Returns a sum of euro amounts rounded to the cent, or undefined when no amount is given. */
function somme(montants: ReadonlyArray<number | undefined>): number | undefined {
  const presents = montants.filter((m): m is number => typeof m === 'number');
  return presents.length === 0 ? undefined : Math.round(presents.reduce((a, b) => a + b, 0) * 100) / 100;
}

function libelleSituation(situation: string | undefined): string {
  return situation ? `case cochée : ${LIBELLES_SITUATION[situation] ?? situation}` : 'aucune case cochée';
}

/** Returns the fiche client rules, applied to the client content found at each of `prefixes` ("" for the root). */
export function reglesClient(prefixes: readonly string[] = ['']): Regle[] {
  return [
    {
      code: 'CONJOINT_SANS_COUPLE',
      description:
        'Le conjoint (identité, situation professionnelle « Son conjoint », colonne « Son conjoint » des revenus) n’est renseigné que si la situation familiale cochée est Marié, Pacsé ou Concubin (annexe VI, rubriques 1 à 3).',
      verifier: (donnees, ctx) =>
        pourChaque<Client>(donnees, prefixes, (c, base) => {
          const situation = c.situationFamiliale?.situation;
          if (situation && SITUATIONS_EN_COUPLE.includes(situation)) return [];
          const texte = `ne peut être rempli que si la situation familiale est Marié, Pacsé ou Concubin (${libelleSituation(situation)})`;
          const chemins: string[] = [];
          if (c.situationFamiliale?.conjoint) chemins.push(`${base}/situationFamiliale/conjoint`);
          if (c.situationProfessionnelle?.conjoint) chemins.push(`${base}/situationProfessionnelle/conjoint`);
          const revenus = c.situationFinanciere?.revenusMensuels;
          for (const ligne of LIGNES_REVENUS) {
            if (revenus?.[ligne]?.conjoint !== undefined) chemins.push(`${base}/situationFinanciere/revenusMensuels/${ligne}/conjoint`);
          }
          return chemins.map((chemin) => ctx.erreur('CONJOINT_SANS_COUPLE', chemin, texte));
        }),
    },
    {
      code: 'REGIME_MATRIMONIAL_HORS_MARIAGE_OU_PACS',
      description:
        'Le régime matrimonial n’est indiqué que pour un client marié ou pacsé (régime légal de séparation des patrimoines ou indivision du PACS) (annexe VI, rubrique 1).',
      verifier: (donnees, ctx) =>
        pourChaque<Client>(donnees, prefixes, (c, base) => {
          const f = c.situationFamiliale;
          if (!f?.regimeMatrimonial || (f.situation && SITUATIONS_AVEC_REGIME.includes(f.situation))) return [];
          return [
            ctx.erreur(
              'REGIME_MATRIMONIAL_HORS_MARIAGE_OU_PACS',
              `${base}/situationFamiliale/regimeMatrimonial`,
              `ne concerne qu’un client marié ou pacsé (${libelleSituation(f.situation)})`,
            ),
          ];
        }),
    },
    {
      code: 'DATE_FUTURE',
      description:
        'Les dates de naissance (client, conjoint, enfants), la date de création de l’entreprise, les dates d’ouverture des placements et de souscription des contrats ne sont pas postérieures à la date du jour (annexe VI).',
      verifier: (donnees, ctx) => {
        const jour = dateDuJour();
        return pourChaque<Client>(donnees, prefixes, (c, base) => {
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
            .filter((x): x is [string, string] => typeof x[1] === 'string' && x[1] > jour)
            .map(([chemin, date]) => ctx.erreur('DATE_FUTURE', chemin, `(${dateFr(date)}) est postérieure à la date du jour (${dateFr(jour)}) : vérifiez l’année`));
        });
      },
    },
    {
      code: 'ENFANT_NE_AVANT_LE_CLIENT',
      description: 'Un enfant du client est né après lui : sa date de naissance est postérieure à celle du client/prospect (annexe VI, rubrique 1).',
      verifier: (donnees, ctx) =>
        pourChaque<Client>(donnees, prefixes, (c, base) => {
          const parent = c.dateNaissance;
          if (!parent) return [];
          return (c.situationFamiliale?.enfants ?? []).flatMap((e, i) =>
            e.dateNaissance && e.dateNaissance <= parent
              ? [
                  ctx.erreur(
                    'ENFANT_NE_AVANT_LE_CLIENT',
                    `${base}/situationFamiliale/enfants/${i}/dateNaissance`,
                    `(${dateFr(e.dateNaissance)}) doit être postérieure à la date de naissance du client/prospect (${dateFr(parent)})`,
                  ),
                ]
              : [],
          );
        }),
    },
    {
      code: 'ECHEANCE_AVANT_SOUSCRIPTION',
      description: 'La date d’échéance d’un contrat en portefeuille est postérieure à sa date de souscription (annexe VI, rubrique 4).',
      verifier: (donnees, ctx) =>
        pourChaque<Client>(donnees, prefixes, (c, base) =>
          (c.contrats ?? []).flatMap((k, i) =>
            k.dateSouscription && k.dateEcheance && k.dateEcheance <= k.dateSouscription
              ? [
                  ctx.erreur(
                    'ECHEANCE_AVANT_SOUSCRIPTION',
                    `${base}/contrats/${i}/dateEcheance`,
                    `(${dateFr(k.dateEcheance)}) doit être postérieure à la « Date de souscription » (${dateFr(k.dateSouscription)})`,
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
      verifier: (donnees, ctx) =>
        pourChaque<Client>(donnees, prefixes, (c, base) => {
          const e = c.situationProfessionnelle?.entreprise;
          if (e?.nombreSalaries === undefined) return [];
          const chemin = `${base}/situationProfessionnelle/entreprise/nombreSalaries`;
          const total = e.nombreSalaries;
          if (e.cadres !== undefined && e.nonCadres !== undefined) {
            return e.cadres + e.nonCadres === total
              ? []
              : [ctx.erreur('EFFECTIF_INCOHERENT', chemin, `(${total}) doit être égal à Cadres + Non Cadres (${e.cadres} + ${e.nonCadres} = ${e.cadres + e.nonCadres})`)];
          }
          const partiel = e.cadres ?? e.nonCadres;
          const libelle = e.cadres !== undefined ? 'Cadres' : 'Non Cadres';
          return partiel !== undefined && partiel > total
            ? [ctx.erreur('EFFECTIF_INCOHERENT', chemin, `(${total}) ne peut pas être inférieur au nombre de ${libelle} (${partiel})`)]
            : [];
        }),
    },
    {
      code: 'PRECISION_SANS_AUTRE',
      description:
        'Une précision (régime matrimonial, statut professionnel du client ou de son conjoint) n’est remplie que si la case « autre » correspondante est cochée (annexe VI, rubriques 1 et 2).',
      verifier: (donnees, ctx) => verifierPrecisions('PRECISION_SANS_AUTRE', precisionsClient(prefixes), donnees, ctx),
    },
  ];
}

/** A « Précisez » field and the box group it details: the precision is only filled when the « autre » box is ticked. */
export interface PrecisionAutre {
  /** Pointer (with `*` wildcards) of the precision field. */
  precision: string;
  /** Key of the box group, a sibling of the precision field. */
  choix: string;
  /** Value of the « autre » box, and its printed label. */
  autre: string;
  libelleAutre: string;
}

/** Returns the « Précisez » fields of the client content found at each of `prefixes`. */
export function precisionsClient(prefixes: readonly string[] = ['']): PrecisionAutre[] {
  return prefixes.flatMap((p) => [
    { precision: `${p}/situationFamiliale/precisionRegime`, choix: 'regimeMatrimonial', autre: 'autre', libelleAutre: 'autre' },
    { precision: `${p}/situationProfessionnelle/client/precisionStatut`, choix: 'statut', autre: 'autre', libelleAutre: 'Autre' },
    { precision: `${p}/situationProfessionnelle/conjoint/precisionStatut`, choix: 'statut', autre: 'autre', libelleAutre: 'Autre' },
  ]);
}

/** Returns an error (with `code`) for every precision filled while its « autre » box is not ticked. */
export function verifierPrecisions(code: string, precisions: readonly PrecisionAutre[], donnees: unknown, ctx: ContexteRegle): Erreur[] {
  return precisions.flatMap((p) =>
    developper(donnees, p.precision).flatMap(({ chemin }) => {
      const parties = segments(chemin);
      const choix = valeurA(donnees, [...parties.slice(0, -1), p.choix]);
      const coche = Array.isArray(choix) ? choix.includes(p.autre) : choix === p.autre;
      return coche ? [] : [ctx.erreur(code, chemin, `n’est à remplir que si la case « ${p.libelleAutre} » est cochée`)];
    }),
  );
}

/** Returns the computed values of the client content found at each of `prefixes`: the TOTAL column and row of the revenues. */
export function calculsClient(prefixes: readonly string[] = ['']): Calcul[] {
  return prefixes.flatMap((p) => {
    const table = `${p}/situationFinanciere/revenusMensuels`;
    const revenus = (donnees: unknown, indices: number[]) => valeurA(donnees, instancier(table, indices)) as RevenusMensuels | undefined;
    const colonne = (r: RevenusMensuels | undefined, cle: keyof LigneRevenus) => LIGNES_REVENUS.map((l) => r?.[l]?.[cle]);
    return [
      ...LIGNES_REVENUS.map(
        (ligne): Calcul => ({
          chemin: `${table}/${ligne}/total`,
          description: 'colonne TOTAL = Le Client/prospect + Son conjoint',
          calculer: (donnees, indices) => {
            const l = revenus(donnees, indices)?.[ligne];
            return somme([l?.client, l?.conjoint]);
          },
        }),
      ),
      {
        chemin: `${table}/totalClient`,
        description: 'ligne TOTAL = somme de la colonne Le Client/prospect',
        calculer: (donnees, indices) => somme(colonne(revenus(donnees, indices), 'client')),
      },
      {
        chemin: `${table}/totalConjoint`,
        description: 'ligne TOTAL = somme de la colonne Son conjoint',
        calculer: (donnees, indices) => somme(colonne(revenus(donnees, indices), 'conjoint')),
      },
      {
        chemin: `${table}/totalFoyer`,
        description: 'revenus mensuels de tout le foyer = somme de toutes les cases du tableau',
        calculer: (donnees, indices) => {
          const r = revenus(donnees, indices);
          return somme([...colonne(r, 'client'), ...colonne(r, 'conjoint')]);
        },
      },
    ];
  });
}

/** The fiche client form (annexe VI), standalone: its header plus the client content. */
export const ficheClient: DefinitionFormulaire = {
  id: 'fiche-client',
  titre: 'Fiche client',
  source: { texte: '003', reference: 'annexe VI' },
  version: '1.0.0',
  calculs: calculsClient(),
  regles: reglesClient(),
};
