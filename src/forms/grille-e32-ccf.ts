/**
 * Grille d’évaluation E32 en contrôle en cours de formation — circulaire BTS Assurance 2019, annexe VII.
 * Also exports the rule builders shared by the other evaluation grids (E32 ponctuelle, E42, E5).
 */
import type { Issue } from '../core/issues.ts';
import type { RuleContext, FormDefinition, Rule } from './types.ts';

/** What the grid rules read of any evaluation grid. */
interface GridData {
  session: number;
  noteProposee?: number;
  competences?: Record<string, { niveau: string }>;
}

/** What the E32 rules read of the "CONTENU DU DOSSIER PROFESSIONNEL" part. */
interface E32GridData {
  contenuDossier?: {
    fiches?: Array<{ numero: number; etat: string }>;
    situations?: string[];
    assuranceDuProfessionnel?: string[];
  };
  ficheChoisie?: number;
}

/** What the rules read of a commission list (interrogateurs, membres de la commission). */
type CommissionMembers = Record<string, Array<{ qualite: string }> | undefined>;

/** What the E32 CCF rules read of the control dates. */
interface E32CcfGridData {
  session: number;
  dateControleSituation1?: string;
  dateControleSituation2?: string;
}

const STATE_LABELS: Record<string, string> = { oui: 'Oui', 'contexte-absente': 'F. Contexte absente', non: 'Non' };

/** Returns an ISO date (AAAA-MM-JJ) written the French way (JJ/MM/AAAA). */
export function frenchDate(iso: string): string {
  const [a, m, j] = iso.split('-');
  return `${j ?? ''}/${m ?? ''}/${a ?? ''}`;
}

/**
 * Returns the rule refusing a proposed grade when no competency of the grid is positioned (TI, I, S or TS):
 * the grid "permet un positionnement du candidat" and the grade is given globally from it.
 */
export function gradeWithoutPositioningRule(reference: string): Rule {
  return {
    code: 'NOTE_SANS_POSITIONNEMENT',
    description: `Une note ne peut être proposée que si au moins une compétence de la grille d’aide à l’évaluation est positionnée (TI, I, S ou TS) : la grille permet le positionnement du candidat, d’où la note est attribuée globalement (${reference}).`,
    check(data, ctx) {
      const d = data as GridData;
      if (d.noteProposee === undefined) return [];
      const positioned = Object.values(d.competences ?? {}).filter((c) => c.niveau !== 'NO');
      return positioned.length > 0
        ? []
        : [
            ctx.error(
              'NOTE_SANS_POSITIONNEMENT',
              '/noteProposee',
              'est renseignée alors qu’aucune compétence n’est positionnée (TI, I, S ou TS) dans la grille d’aide à l’évaluation : la note, attribuée globalement, s’appuie sur ce positionnement',
            ),
          ];
    },
  };
}

/**
 * Returns the rule requiring a two-member commission to include a member of quality `qualiteRequise`
 * (the other member may be replaced by a second one of that quality, never the reverse).
 */
export function commissionCompositionRule(options: {
  code: string;
  cle: string;
  qualiteRequise: string;
  libelleQualite: string;
  description: string;
}): Rule {
  return {
    code: options.code,
    description: options.description,
    check(data, ctx) {
      const members = (data as CommissionMembers)[options.cle] ?? [];
      if (members.length < 2 || members.some((m) => m.qualite === options.qualiteRequise)) return [];
      return [ctx.error(options.code, `/${options.cle}`, `doit compter au moins un membre de qualité « ${options.libelleQualite} »`)];
    },
  };
}

/** Returns the rule requiring each fiche of the "contenu du dossier" table to be listed once. */
export function duplicateFicheRule(reference: string, first: number, last: number): Rule {
  return {
    code: 'FICHE_EN_DOUBLE',
    description: `Le tableau du contenu du dossier professionnel liste chaque fiche d’activité (${first} à ${last}) une seule fois (${reference}).`,
    check(data, ctx) {
      const sheets = (data as E32GridData).contenuDossier?.fiches ?? [];
      const errors: Issue[] = [];
      sheets.forEach((f, i) => {
        const first = sheets.findIndex((g) => g.numero === f.numero);
        if (first < i) {
          errors.push(
            ctx.error(
              'FICHE_EN_DOUBLE',
              `/contenuDossier/fiches/${i}/numero`,
              `est déjà sur la ligne n° ${first + 1} du tableau : chaque fiche d’activité (${first} à ${last}) y figure une seule fois`,
            ),
          );
        }
      });
      return errors;
    },
  };
}

/** Returns the rule requiring the chosen fiche to be marked present ("Oui") in the "contenu du dossier" table. */
export function chosenFicheMissingRule(reference: string): Rule {
  return {
    code: 'FICHE_CHOISIE_NON_PRESENTE',
    description: `La fiche de la « Situation choisie » doit être une fiche d’activité présente au dossier, marquée « Oui » au tableau du contenu du dossier professionnel quand ce tableau est rempli : la commission modifie les paramètres de la situation qu’elle décrit (${reference} ; §1.4.4, E32).`,
    check(data, ctx) {
      const d = data as E32GridData;
      const sheets = d.contenuDossier?.fiches ?? [];
      if (d.ficheChoisie === undefined || sheets.length === 0) return [];
      const line = sheets.find((f) => f.numero === d.ficheChoisie);
      if (line?.etat === 'oui') return [];
      const finding = line ? `est marquée « ${STATE_LABELS[line.etat] ?? line.etat} »` : 'ne figure pas';
      return [
        ctx.error(
          'FICHE_CHOISIE_NON_PRESENTE',
          '/ficheChoisie',
          `désigne la fiche ${d.ficheChoisie}, qui ${finding} au contenu du dossier professionnel : la commission choisit une fiche marquée « Oui »`,
        ),
      ];
    },
  };
}

/** Returns the rule allowing the "professionnel" sub-boxes only when the professionnel box is ticked. */
export function professionnelNotTickedRule(reference: string): Rule {
  return {
    code: 'PROFESSIONNEL_NON_COCHE',
    description: `Les sous-cases « en assurance de biens et de responsabilité » / « en assurance de personnes » précisent la situation d’assurance du professionnel : elles ne se cochent que si cette situation est cochée (${reference}).`,
    check(data, ctx) {
      const c = (data as E32GridData).contenuDossier;
      if (!c?.assuranceDuProfessionnel || c.situations?.includes('professionnel')) return [];
      return [
        ctx.error(
          'PROFESSIONNEL_NON_COCHE',
          '/contenuDossier/assuranceDuProfessionnel',
          'ne se coche que si la case « Situation d’assurance du professionnel artisan, commerçant, profession libérale ou syndic de copropriété » est cochée',
        ),
      ];
    },
  };
}

/**
 * Returns the rule requiring the dates at `chemins` (top-level JSON Pointers such as "/date") to fall in the
 * years allowed for the session: from `session - anneesAvant` to the session year.
 */
export function dateOutsideSessionRule(options: { chemins: string[]; anneesAvant: number; description: string }): Rule {
  return {
    code: 'DATE_HORS_SESSION',
    description: options.description,
    check(data, ctx) {
      const d = data as Record<string, unknown> & { session: number };
      const errors: Issue[] = [];
      for (const path of options.chemins) {
        const date = d[path.slice(1)];
        if (typeof date !== 'string') continue;
        const year = Number(date.slice(0, 4));
        const min = d.session - options.anneesAvant;
        if (year < min || year > d.session) {
          const period = options.anneesAvant === 0 ? `l’année de la session ${d.session}` : `les années ${min} à ${d.session} (formation préparant la session ${d.session})`;
          errors.push(ctx.error('DATE_HORS_SESSION', path, `(${frenchDate(date)}) doit tomber dans ${period}`));
        }
      }
      return errors;
    },
  };
}

/** Returns the error of DATES_CONTROLE_ORDONNEES when situation n° 2 is dated before situation n° 1. */
function datesInOrder(d: E32CcfGridData, ctx: RuleContext): Issue[] {
  const { dateControleSituation1: d1, dateControleSituation2: d2 } = d;
  if (!d1 || !d2 || d2 >= d1) return [];
  return [
    ctx.error(
      'DATES_CONTROLE_ORDONNEES',
      '/dateControleSituation2',
      `(${frenchDate(d2)}) précède la « ${ctx.label('/dateControleSituation1')} » (${frenchDate(d1)}) : la deuxième situation d’évaluation a lieu après la première`,
    ),
  ];
}

/** E32 "Développement commercial et conduite d’entretien" CCF grid (annexe VII). */
export const grilleE32Ccf: FormDefinition = {
  id: 'grille-e32-ccf',
  title: 'Grille d’évaluation E32 — contrôle en cours de formation',
  source: { text: '003', reference: 'annexe VII' },
  version: '1.0.0',
  computations: [],
  rules: [
    {
      code: 'DATES_CONTROLE_ORDONNEES',
      description:
        'La date du contrôle de la situation n° 2 ne précède pas celle de la situation n° 1 : l’épreuve repose sur deux situations successives, la seconde portant sur une fiche différente de celle de la première (annexe VII ; §1.4.4, E32 B).',
      check: (data, ctx) => datesInOrder(data as E32CcfGridData, ctx),
    },
    dateOutsideSessionRule({
      chemins: ['/dateControleSituation1', '/dateControleSituation2'],
      anneesAvant: 2,
      description:
        'Les dates du contrôle tombent pendant la formation de deux ans qui prépare la session : de l’année de la session moins deux à l’année de la session (annexe VII ; §1.4.3 B : les évaluations sont placées en première ou en seconde année de formation).',
    }),
    duplicateFicheRule('annexe VII', 1, 5),
    chosenFicheMissingRule('annexe VII'),
    professionnelNotTickedRule('annexe VII ; §1.4.4, E32'),
    gradeWithoutPositioningRule('annexe VII ; §1.4.4, E32 B : la proposition de note résulte de la synthèse d’une évaluation compétence par compétence'),
    commissionCompositionRule({
      code: 'COMMISSION_SANS_ENSEIGNANT',
      cle: 'interrogateurs',
      qualiteRequise: 'enseignant',
      libelleQualite: 'Enseignant',
      description:
        'La commission d’interrogation compte deux membres dont au moins un enseignant : un enseignant en charge du domaine d’activités DA1 et un professionnel de l’assurance ou, à défaut, un autre enseignant (§1.4.4, E32 B).',
    }),
  ],
};
