/**
 * Dossier professionnel BTS Assurance — circulaire 2019, §1.4.2 A: page de garde, attestations, fiches contexte,
 * fiches d'activités E32 (1 to 5) and E42 (6 to 9) with their fiches client. Its own rules only check that the
 * data is consistent; the conformity of the dossier (visa, number of fiches, mandatory situations, internship
 * length) is left to the académie's conformity check. The embedded fiches obey their own forms' rules.
 */
import type { Erreur } from '../core/erreurs.ts';
import { reglesE32 } from './fiche-activite-e32.ts';
import { reglesE42 } from './fiche-activite-e42.ts';
import { calculsClient, reglesClient } from './fiche-client.ts';
import { reglesContexte } from './fiche-contexte.ts';
import type { ContexteRegle, DefinitionFormulaire, Regle } from './types.ts';

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
const LISTES_ACTIVITE = [
  { cle: 'fichesActiviteE32', epreuve: 'E32' },
  { cle: 'fichesActiviteE42', epreuve: 'E42' },
] as const;

/** Where the embedded fiches client are. */
const FICHES_CLIENT = ['/fichesActiviteE32/*/ficheClient', '/fichesActiviteE42/*/ficheClient'];

const MS_PAR_JOUR = 86_400_000;

/** Returns the number of calendar days from `debut` to `fin`, both included (ISO dates). */
export function joursCalendaires(debut: string, fin: string): number {
  return Math.round((Date.parse(fin) - Date.parse(debut)) / MS_PAR_JOUR) + 1;
}

/** Returns the list (E32 for numbers 1 to 5, E42 for 6 to 9) a fiche d'activité number belongs to. */
function listeDuNumero(numero: number): 'fichesActiviteE32' | 'fichesActiviteE42' {
  return numero <= 5 ? 'fichesActiviteE32' : 'fichesActiviteE42';
}

/** A fiche d'activité of the dossier, with its list and JSON Pointer. */
interface FicheSituee {
  fiche: FicheActivite;
  cle: 'fichesActiviteE32' | 'fichesActiviteE42';
  chemin: string;
}

/** Returns every fiche d'activité of the dossier with its list and JSON Pointer. */
function fichesActivite(d: Dossier): FicheSituee[] {
  return LISTES_ACTIVITE.flatMap(({ cle }) => (d[cle] ?? []).map((fiche, i) => ({ fiche, cle, chemin: `/${cle}/${i}` })));
}

/** Returns an error for every fiche whose number already appeared earlier in the same list. */
function doublons(liste: ReadonlyArray<{ numero: number }> | undefined, cle: string, nom: string, ctx: ContexteRegle): Erreur[] {
  const vus = new Set<number>();
  return (liste ?? []).flatMap((f, i) => {
    if (!vus.has(f.numero)) {
      vus.add(f.numero);
      return [];
    }
    return [ctx.erreur('NUMERO_DE_FICHE_EN_DOUBLE', `/${cle}/${i}/numero`, `(${f.numero}) est déjà le numéro d’une autre ${nom} du dossier`)];
  });
}

/** The rules of the dossier itself: consistency of its parts and of the references between fiches. */
const REGLES_DOSSIER: Regle[] = [
  {
    code: 'ATTESTATION_DATES_INVERSEES',
    description: 'La fin de la période couverte par une attestation ou un certificat n’est pas antérieure à son début (§1.4.2 A point 2).',
    verifier(donnees, ctx) {
      return ((donnees as Dossier).attestations ?? []).flatMap((a, i) =>
        a.fin < a.debut ? [ctx.erreur('ATTESTATION_DATES_INVERSEES', `/attestations/${i}/fin`, `(${a.fin}) est antérieur au début de la période (${a.debut})`)] : [],
      );
    },
  },
  {
    code: 'JOURS_TRAVAILLES_SUPERIEURS_A_LA_PERIODE',
    description:
      'Le nombre de journées attestées ne dépasse pas le nombre de jours calendaires de la période, bornes comprises (§1.4.2 B : durée de stage comptée en journées).',
    verifier(donnees, ctx) {
      return ((donnees as Dossier).attestations ?? []).flatMap((a, i) => {
        if (a.fin < a.debut) return [];
        const jours = joursCalendaires(a.debut, a.fin);
        return a.joursTravailles > jours
          ? [
              ctx.erreur(
                'JOURS_TRAVAILLES_SUPERIEURS_A_LA_PERIODE',
                `/attestations/${i}/joursTravailles`,
                `(${a.joursTravailles}) dépasse les ${jours} jours calendaires du ${a.debut} au ${a.fin}`,
              ),
            ]
          : [];
      });
    },
  },
  {
    code: 'TEMPS_PLEIN_HORS_CERTIFICAT_TRAVAIL',
    description: 'La mention « À temps plein » ne concerne que le certificat de travail (§1.4.2 B : certificat de travail d’au moins 6 mois à temps plein).',
    verifier(donnees, ctx) {
      return ((donnees as Dossier).attestations ?? []).flatMap((a, i) =>
        a.tempsPlein !== undefined && a.type !== 'certificat-travail'
          ? [ctx.erreur('TEMPS_PLEIN_HORS_CERTIFICAT_TRAVAIL', `/attestations/${i}/tempsPlein`, 'ne se remplit que pour un certificat de travail')]
          : [],
      );
    },
  },
  {
    code: 'ETABLISSEMENT_CANDIDAT_INDIVIDUEL',
    description: 'Un candidat individuel n’a pas d’établissement de formation (§1.4.2 A, annexe XII).',
    verifier(donnees, ctx) {
      const d = donnees as Dossier;
      return d.candidat.statut === 'individuel' && d.etablissement
        ? [ctx.erreur('ETABLISSEMENT_CANDIDAT_INDIVIDUEL', '/etablissement', 'ne doit pas être rempli pour un candidat individuel')]
        : [];
    },
  },
  {
    code: 'VISA_OU_ATTESTATION',
    description:
      'Sur la page de garde, un candidat individuel signe l’attestation sur l’honneur et n’a pas de visa ; les autres candidats n’ont pas d’attestation sur l’honneur (§1.4.2 B, annexe XII).',
    verifier(donnees, ctx) {
      const d = donnees as Dossier;
      const individuel = d.candidat.statut === 'individuel';
      if (individuel && d.pageDeGarde?.visa) {
        return [ctx.erreur('VISA_OU_ATTESTATION', '/pageDeGarde/visa', 'ne concerne pas un candidat individuel : remplissez l’attestation sur l’honneur à la place')];
      }
      if (!individuel && d.pageDeGarde?.attestationSurLhonneur) {
        return [
          ctx.erreur(
            'VISA_OU_ATTESTATION',
            '/pageDeGarde/attestationSurLhonneur',
            'est réservée aux candidats individuels : ce candidat fait viser son dossier par l’équipe pédagogique',
          ),
        ];
      }
      return [];
    },
  },
  {
    code: 'FICHES_EPREUVE_NON_PRESENTEE',
    description: 'Le dossier ne contient des fiches d’activités E32 (ou E42) que si le candidat présente l’épreuve E32 (ou E42) (§1.4.2 A points 4 et 5).',
    verifier(donnees, ctx) {
      const d = donnees as Dossier;
      return LISTES_ACTIVITE.flatMap(({ cle, epreuve }) =>
        (d[cle] ?? []).length > 0 && !d.epreuves.includes(epreuve)
          ? [ctx.erreur('FICHES_EPREUVE_NON_PRESENTEE', `/${cle}`, `sont présentes alors que l’épreuve ${epreuve} ne fait pas partie des épreuves présentées`)]
          : [],
      );
    },
  },
  {
    code: 'NUMERO_DE_FICHE_EN_DOUBLE',
    description: 'Deux fiches contexte, ou deux fiches d’activités, ne portent pas le même numéro (§1.4.2 A : fiches numérotées).',
    verifier(donnees, ctx) {
      const d = donnees as Dossier;
      return [
        ...doublons(d.fichesContexte, 'fichesContexte', 'fiche contexte', ctx),
        ...doublons(d.fichesActiviteE32, 'fichesActiviteE32', 'fiche d’activité', ctx),
        ...doublons(d.fichesActiviteE42, 'fichesActiviteE42', 'fiche d’activité', ctx),
      ];
    },
  },
  {
    code: 'FICHE_ACTIVITE_CITEE_ABSENTE',
    description:
      'Les numéros « CONCERNE FICHE(S) D’ACTIVITÉ NOS » d’une fiche contexte sont ceux de fiches d’activités du dossier ; un numéro de 1 à 5 (ou de 6 à 9) n’est vérifié que si le dossier contient des fiches E32 (ou E42), leur absence relevant du contrôle de conformité (annexe IV).',
    verifier(donnees, ctx) {
      const d = donnees as Dossier;
      return (d.fichesContexte ?? []).flatMap((c, i) =>
        c.fichesActiviteConcernees.flatMap((n, j) => {
          const liste = d[listeDuNumero(n)] ?? [];
          return liste.length === 0 || liste.some((f) => f.numero === n)
            ? []
            : [ctx.erreur('FICHE_ACTIVITE_CITEE_ABSENTE', `/fichesContexte/${i}/fichesActiviteConcernees/${j}`, `(${n}) ne correspond à aucune fiche d’activité du dossier`)];
        }),
      );
    },
  },
  {
    code: 'FICHE_CONTEXTE_CITEE_ABSENTE',
    description:
      'Le « Fiche contexte n° » d’une fiche d’activités est celui d’une fiche contexte du dossier, quand le dossier en contient (leur absence relève du contrôle de conformité) (annexes IV, V et IX).',
    verifier(donnees, ctx) {
      const d = donnees as Dossier;
      const contextes = d.fichesContexte ?? [];
      if (contextes.length === 0) return [];
      return fichesActivite(d).flatMap(({ fiche, chemin }) =>
        contextes.some((c) => c.numero === fiche.ficheContexte)
          ? []
          : [ctx.erreur('FICHE_CONTEXTE_CITEE_ABSENTE', `${chemin}/ficheContexte`, `(${fiche.ficheContexte}) ne correspond à aucune fiche contexte du dossier`)],
      );
    },
  },
  {
    code: 'RENVOI_CONTEXTE_DISCORDANT',
    description:
      'Une fiche d’activités et sa fiche contexte se citent l’une l’autre : la fiche contexte n° k liste la fiche n, et la fiche n indique la fiche contexte n° k (annexes IV, V et IX).',
    verifier(donnees, ctx) {
      const d = donnees as Dossier;
      const contextes = d.fichesContexte ?? [];
      const fiches = fichesActivite(d);
      const citeeParSonContexte = (f: FicheActivite) => contextes.find((c) => c.numero === f.ficheContexte)?.fichesActiviteConcernees.includes(f.numero);
      const erreurs: Erreur[] = [];
      for (const { fiche, chemin } of fiches) {
        if (citeeParSonContexte(fiche) === false) {
          erreurs.push(
            ctx.erreur(
              'RENVOI_CONTEXTE_DISCORDANT',
              `${chemin}/ficheContexte`,
              `(${fiche.ficheContexte}) désigne une fiche contexte qui ne cite pas la fiche d’activité n° ${fiche.numero} : ajoutez ${fiche.numero} à ses « CONCERNE FICHE(S) D’ACTIVITÉ NOS » ou corrigez le numéro`,
            ),
          );
        }
      }
      contextes.forEach((c, i) =>
        c.fichesActiviteConcernees.forEach((n, j) => {
          const fiche = fiches.find((f) => f.cle === listeDuNumero(n) && f.fiche.numero === n)?.fiche;
          if (fiche && fiche.ficheContexte !== c.numero && citeeParSonContexte(fiche) === true) {
            erreurs.push(
              ctx.erreur(
                'RENVOI_CONTEXTE_DISCORDANT',
                `/fichesContexte/${i}/fichesActiviteConcernees/${j}`,
                `(${n}) désigne une fiche d’activité rattachée à la fiche contexte n° ${fiche.ficheContexte}, qui la cite déjà`,
              ),
            );
          }
        }),
      );
      return erreurs;
    },
  },
];

/** Returns the rules of the dossier: its own, then those of every embedded fiche, each code once. */
function reglesDossier(): Regle[] {
  return [
    ...REGLES_DOSSIER,
    ...reglesContexte(['/fichesContexte/*']),
    ...reglesE32(['/fichesActiviteE32/*']),
    ...reglesE42(['/fichesActiviteE42/*']),
    ...reglesClient(FICHES_CLIENT),
  ];
}

/** The dossier professionnel (§1.4.2 A), embedding the page de garde and every fiche of the candidate. */
export const dossierProfessionnel: DefinitionFormulaire = {
  id: 'dossier-professionnel',
  titre: 'Dossier professionnel BTS Assurance',
  source: { texte: '003', reference: '§1.4.2 et annexes IV, V, VI, IX, XII' },
  version: '1.0.0',
  calculs: calculsClient(FICHES_CLIENT),
  regles: reglesDossier(),
};
