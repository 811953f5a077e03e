/**
 * Rule builders shared by the BTS Assurance evaluation grids (circulaire 2019): E32 in CCF (annexe VII) and
 * ponctuelle (annexe VIII), E42 (annexe X) and E5 (annexe XI). Each grid lists them among its rules with the
 * reference of its own annex.
 */
import { formatFrenchDate, yearOf } from '../core/dates.ts';
import type { Issue } from '../core/issues.ts';
import type { Rule } from '../core/forms.ts';

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

/** Printed labels of the states of the "contenu du dossier" table. */
const STATE_LABELS: Record<string, string> = { oui: 'Oui', 'contexte-absente': 'F. Contexte absente', non: 'Non' };

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

/**
 * Returns the COMMISSION_SANS_ENSEIGNANT rule of the E32 and E42 grids: their two interrogateurs include at least
 * one enseignant. `description` cites the épreuve's own text.
 */
export function commissionWithoutTeacherRule(description: string): Rule {
  return commissionCompositionRule({
    code: 'COMMISSION_SANS_ENSEIGNANT',
    cle: 'interrogateurs',
    qualiteRequise: 'enseignant',
    libelleQualite: 'Enseignant',
    description,
  });
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
        const firstRow = sheets.findIndex((g) => g.numero === f.numero);
        if (firstRow < i) {
          errors.push(
            ctx.error(
              'FICHE_EN_DOUBLE',
              `/contenuDossier/fiches/${i}/numero`,
              `est déjà sur la ligne n° ${firstRow + 1} du tableau : chaque fiche d’activité (${first} à ${last}) y figure une seule fois`,
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
        const year = yearOf(date);
        const min = d.session - options.anneesAvant;
        if (year < min || year > d.session) {
          const period = options.anneesAvant === 0 ? `l’année de la session ${d.session}` : `les années ${min} à ${d.session} (formation préparant la session ${d.session})`;
          errors.push(ctx.error('DATE_HORS_SESSION', path, `(${formatFrenchDate(date)}) doit tomber dans ${period}`));
        }
      }
      return errors;
    },
  };
}
