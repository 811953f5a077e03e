/**
 * Grille d’évaluation E32 en contrôle en cours de formation — circulaire BTS Assurance 2019, annexe VII.
 * Also exports the rule builders shared by the other evaluation grids (E32 ponctuelle, E42, E5).
 */
import type { Erreur } from '../core/erreurs.ts';
import type { ContexteRegle, DefinitionFormulaire, Regle } from './types.ts';

/** What the grid rules read of any evaluation grid. */
interface GrilleLue {
  session: number;
  noteProposee?: number;
  competences?: Record<string, { niveau: string }>;
}

/** What the E32 rules read of the "CONTENU DU DOSSIER PROFESSIONNEL" part. */
interface GrilleE32Lue {
  contenuDossier?: {
    fiches?: Array<{ numero: number; etat: string }>;
    situations?: string[];
    assuranceDuProfessionnel?: string[];
  };
  ficheChoisie?: number;
}

/** What the rules read of a commission list (interrogateurs, membres de la commission). */
type MembresLus = Record<string, Array<{ qualite: string }> | undefined>;

/** What the E32 CCF rules read of the control dates. */
interface GrilleE32CcfLue {
  session: number;
  dateControleSituation1?: string;
  dateControleSituation2?: string;
}

const LIBELLES_ETAT: Record<string, string> = { oui: 'Oui', 'contexte-absente': 'F. Contexte absente', non: 'Non' };

/** Returns an ISO date (AAAA-MM-JJ) written the French way (JJ/MM/AAAA). */
export function dateFr(iso: string): string {
  const [a, m, j] = iso.split('-');
  return `${j ?? ''}/${m ?? ''}/${a ?? ''}`;
}

/**
 * Returns the rule refusing a proposed grade when no competency of the grid is positioned (TI, I, S or TS):
 * the grid "permet un positionnement du candidat" and the grade is given globally from it.
 */
export function regleNoteSansPositionnement(reference: string): Regle {
  return {
    code: 'NOTE_SANS_POSITIONNEMENT',
    description: `Une note ne peut être proposée que si au moins une compétence de la grille d’aide à l’évaluation est positionnée (TI, I, S ou TS) : la grille permet le positionnement du candidat, d’où la note est attribuée globalement (${reference}).`,
    verifier(donnees, ctx) {
      const d = donnees as GrilleLue;
      if (d.noteProposee === undefined) return [];
      const positionnees = Object.values(d.competences ?? {}).filter((c) => c.niveau !== 'NO');
      return positionnees.length > 0
        ? []
        : [
            ctx.erreur(
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
export function regleCommissionComposition(options: {
  code: string;
  cle: string;
  qualiteRequise: string;
  libelleQualite: string;
  description: string;
}): Regle {
  return {
    code: options.code,
    description: options.description,
    verifier(donnees, ctx) {
      const membres = (donnees as MembresLus)[options.cle] ?? [];
      if (membres.length < 2 || membres.some((m) => m.qualite === options.qualiteRequise)) return [];
      return [ctx.erreur(options.code, `/${options.cle}`, `doit compter au moins un membre de qualité « ${options.libelleQualite} »`)];
    },
  };
}

/** Returns the rule requiring each fiche of the "contenu du dossier" table to be listed once. */
export function regleFicheEnDouble(reference: string, premiere: number, derniere: number): Regle {
  return {
    code: 'FICHE_EN_DOUBLE',
    description: `Le tableau du contenu du dossier professionnel liste chaque fiche d’activité (${premiere} à ${derniere}) une seule fois (${reference}).`,
    verifier(donnees, ctx) {
      const fiches = (donnees as GrilleE32Lue).contenuDossier?.fiches ?? [];
      const erreurs: Erreur[] = [];
      fiches.forEach((f, i) => {
        const premier = fiches.findIndex((g) => g.numero === f.numero);
        if (premier < i) {
          erreurs.push(
            ctx.erreur(
              'FICHE_EN_DOUBLE',
              `/contenuDossier/fiches/${i}/numero`,
              `est déjà sur la ligne n° ${premier + 1} du tableau : chaque fiche d’activité (${premiere} à ${derniere}) y figure une seule fois`,
            ),
          );
        }
      });
      return erreurs;
    },
  };
}

/** Returns the rule requiring the chosen fiche to be marked present ("Oui") in the "contenu du dossier" table. */
export function regleFicheChoisieNonPresente(reference: string): Regle {
  return {
    code: 'FICHE_CHOISIE_NON_PRESENTE',
    description: `La fiche de la « Situation choisie » doit être une fiche d’activité présente au dossier, marquée « Oui » au tableau du contenu du dossier professionnel quand ce tableau est rempli : la commission modifie les paramètres de la situation qu’elle décrit (${reference} ; §1.4.4, E32).`,
    verifier(donnees, ctx) {
      const d = donnees as GrilleE32Lue;
      const fiches = d.contenuDossier?.fiches ?? [];
      if (d.ficheChoisie === undefined || fiches.length === 0) return [];
      const ligne = fiches.find((f) => f.numero === d.ficheChoisie);
      if (ligne?.etat === 'oui') return [];
      const constat = ligne ? `est marquée « ${LIBELLES_ETAT[ligne.etat] ?? ligne.etat} »` : 'ne figure pas';
      return [
        ctx.erreur(
          'FICHE_CHOISIE_NON_PRESENTE',
          '/ficheChoisie',
          `désigne la fiche ${d.ficheChoisie}, qui ${constat} au contenu du dossier professionnel : la commission choisit une fiche marquée « Oui »`,
        ),
      ];
    },
  };
}

/** Returns the rule allowing the "professionnel" sub-boxes only when the professionnel box is ticked. */
export function regleProfessionnelNonCoche(reference: string): Regle {
  return {
    code: 'PROFESSIONNEL_NON_COCHE',
    description: `Les sous-cases « en assurance de biens et de responsabilité » / « en assurance de personnes » précisent la situation d’assurance du professionnel : elles ne se cochent que si cette situation est cochée (${reference}).`,
    verifier(donnees, ctx) {
      const c = (donnees as GrilleE32Lue).contenuDossier;
      if (!c?.assuranceDuProfessionnel || c.situations?.includes('professionnel')) return [];
      return [
        ctx.erreur(
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
export function regleDateHorsSession(options: { chemins: string[]; anneesAvant: number; description: string }): Regle {
  return {
    code: 'DATE_HORS_SESSION',
    description: options.description,
    verifier(donnees, ctx) {
      const d = donnees as Record<string, unknown> & { session: number };
      const erreurs: Erreur[] = [];
      for (const chemin of options.chemins) {
        const date = d[chemin.slice(1)];
        if (typeof date !== 'string') continue;
        const annee = Number(date.slice(0, 4));
        const min = d.session - options.anneesAvant;
        if (annee < min || annee > d.session) {
          const periode = options.anneesAvant === 0 ? `l’année de la session ${d.session}` : `les années ${min} à ${d.session} (formation préparant la session ${d.session})`;
          erreurs.push(ctx.erreur('DATE_HORS_SESSION', chemin, `(${dateFr(date)}) doit tomber dans ${periode}`));
        }
      }
      return erreurs;
    },
  };
}

/** Returns the error of DATES_CONTROLE_ORDONNEES when situation n° 2 is dated before situation n° 1. */
function datesOrdonnees(d: GrilleE32CcfLue, ctx: ContexteRegle): Erreur[] {
  const { dateControleSituation1: d1, dateControleSituation2: d2 } = d;
  if (!d1 || !d2 || d2 >= d1) return [];
  return [
    ctx.erreur(
      'DATES_CONTROLE_ORDONNEES',
      '/dateControleSituation2',
      `(${dateFr(d2)}) précède la « ${ctx.libelle('/dateControleSituation1')} » (${dateFr(d1)}) : la deuxième situation d’évaluation a lieu après la première`,
    ),
  ];
}

/** E32 "Développement commercial et conduite d’entretien" CCF grid (annexe VII). */
export const grilleE32Ccf: DefinitionFormulaire = {
  id: 'grille-e32-ccf',
  titre: 'Grille d’évaluation E32 — contrôle en cours de formation',
  source: { texte: '003', reference: 'annexe VII' },
  version: '1.0.0',
  calculs: [],
  regles: [
    {
      code: 'DATES_CONTROLE_ORDONNEES',
      description:
        'La date du contrôle de la situation n° 2 ne précède pas celle de la situation n° 1 : l’épreuve repose sur deux situations successives, la seconde portant sur une fiche différente de celle de la première (annexe VII ; §1.4.4, E32 B).',
      verifier: (donnees, ctx) => datesOrdonnees(donnees as GrilleE32CcfLue, ctx),
    },
    regleDateHorsSession({
      chemins: ['/dateControleSituation1', '/dateControleSituation2'],
      anneesAvant: 2,
      description:
        'Les dates du contrôle tombent pendant la formation de deux ans qui prépare la session : de l’année de la session moins deux à l’année de la session (annexe VII ; §1.4.3 B : les évaluations sont placées en première ou en seconde année de formation).',
    }),
    regleFicheEnDouble('annexe VII', 1, 5),
    regleFicheChoisieNonPresente('annexe VII'),
    regleProfessionnelNonCoche('annexe VII ; §1.4.4, E32'),
    regleNoteSansPositionnement('annexe VII ; §1.4.4, E32 B : la proposition de note résulte de la synthèse d’une évaluation compétence par compétence'),
    regleCommissionComposition({
      code: 'COMMISSION_SANS_ENSEIGNANT',
      cle: 'interrogateurs',
      qualiteRequise: 'enseignant',
      libelleQualite: 'Enseignant',
      description:
        'La commission d’interrogation compte deux membres dont au moins un enseignant : un enseignant en charge du domaine d’activités DA1 et un professionnel de l’assurance ou, à défaut, un autre enseignant (§1.4.4, E32 B).',
    }),
  ],
};
