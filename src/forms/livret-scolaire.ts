/** Livret scolaire du BTS Assurance — circulaire BTS Assurance 2019, annexe III. */
import type { Erreur } from '../core/erreurs.ts';
import { BORNES_PROFIL, MATIERES_LIVRET, MATIERES_PROFIL, type MatiereLivret, type MatiereProfil } from './referentiel-bts-assurance.ts';
import type { Calcul, ContexteRegle, DefinitionFormulaire } from './types.ts';

/** One year's columns of a subject row. */
interface AnneeLue {
  semestre1?: number;
  semestre2?: number;
  moyenne?: number;
}

/** One subject row. */
interface MatiereLue {
  premiereAnnee?: AnneeLue;
  deuxiemeAnnee?: AnneeLue;
}

/** What the livret's rules and computations read. */
interface LivretLu {
  matieres?: Partial<Record<MatiereLivret, MatiereLue>>;
  profil?: Partial<Record<MatiereProfil, { moyenneClasse?: number; position?: number }>>;
  cotation?: {
    repartition?: { tresFavorable: number; favorable: number; doitFaireSesPreuves: number };
    avisCandidat?: string;
  };
}

const ANNEES = ['premiereAnnee', 'deuxiemeAnnee'] as const;
const CLES_MATIERES = Object.keys(MATIERES_LIVRET) as MatiereLivret[];
const CLES_PROFIL = Object.keys(MATIERES_PROFIL) as MatiereProfil[];

/** Returns the mean of two grades rounded to the hundredth (half a hundredth rounded up), in exact hundredths. */
export function moyenneDeuxSemestres(a: number, b: number): number {
  const somme = Math.round(a * 100) + Math.round(b * 100);
  return Math.round(somme / 2) / 100;
}

/** Returns the yearly average of `annee`, or undefined while one of its semesters is missing. */
function moyenneAnnee(annee: AnneeLue | undefined): number | undefined {
  if (annee?.semestre1 === undefined || annee.semestre2 === undefined) return undefined;
  return moyenneDeuxSemestres(annee.semestre1, annee.semestre2);
}

/** Returns the candidate's average in a subject over the training: the mean of the yearly averages available. */
function moyenneFormation(matiere: MatiereLue | undefined): number | undefined {
  const moyennes = ANNEES.map((a) => moyenneAnnee(matiere?.[a])).filter((m): m is number => m !== undefined);
  if (moyennes.length === 0) return undefined;
  const centiemes = moyennes.reduce((s, m) => s + Math.round(m * 100), 0);
  return Math.round(centiemes / moyennes.length) / 100;
}

/**
 * Returns the candidate's position on the profile graph: (candidate's average − class average), rounded to the
 * nearest integer (halves away from zero), clamped to the graph's −10…+10.
 */
export function positionProfil(moyenneCandidat: number, moyenneClasse: number): number {
  const ecart = (Math.round(moyenneCandidat * 100) - Math.round(moyenneClasse * 100)) / 100;
  const arrondi = Math.sign(ecart) * Math.round(Math.abs(ecart));
  const borne = Math.min(BORNES_PROFIL.max, Math.max(BORNES_PROFIL.min, arrondi));
  return borne === 0 ? 0 : borne;
}

/** True when `x` has more than two decimals. */
function plusDeDeuxDecimales(x: number): boolean {
  return Math.abs(x * 100 - Math.round(x * 100)) > 1e-6;
}

const calculsMoyennes: Calcul[] = CLES_MATIERES.flatMap((cle) =>
  ANNEES.map((annee) => ({
    chemin: `/matieres/${cle}/${annee}/moyenne`,
    description: 'moyenne du 1er et du 2ème semestre, arrondie au centième',
    calculer: (donnees: unknown) => moyenneAnnee((donnees as LivretLu).matieres?.[cle]?.[annee]),
  })),
);

const calculsProfil: Calcul[] = CLES_PROFIL.map((cle) => ({
  chemin: `/profil/${cle}/position`,
  description: 'moyenne du candidat sur la formation moins moyenne de la classe, arrondie à l’entier et bornée entre −10 et +10',
  calculer: (donnees: unknown) => {
    const d = donnees as LivretLu;
    const candidat = moyenneFormation(d.matieres?.[cle]);
    const classe = d.profil?.[cle]?.moyenneClasse;
    return candidat === undefined || classe === undefined ? undefined : positionProfil(candidat, classe);
  },
}));

/** Returns the errors of PLUS_DE_DEUX_DECIMALES for every semester grade and class average of the livret. */
function verifierDecimales(d: LivretLu, ctx: ContexteRegle): Erreur[] {
  const erreurs: Erreur[] = [];
  const signaler = (valeur: number | undefined, chemin: string) => {
    if (valeur !== undefined && plusDeDeuxDecimales(valeur)) {
      erreurs.push(ctx.erreur('PLUS_DE_DEUX_DECIMALES', chemin, `(${String(valeur).replace('.', ',')}) a plus de deux décimales : une moyenne se note au centième près`));
    }
  };
  for (const cle of CLES_MATIERES) {
    for (const annee of ANNEES) {
      const a = d.matieres?.[cle]?.[annee];
      signaler(a?.semestre1, `/matieres/${cle}/${annee}/semestre1`);
      signaler(a?.semestre2, `/matieres/${cle}/${annee}/semestre2`);
    }
  }
  for (const cle of CLES_PROFIL) signaler(d.profil?.[cle]?.moyenneClasse, `/profil/${cle}/moyenneClasse`);
  return erreurs;
}

/** Returns the errors of VALEUR_CALCULEE_SANS_DONNEES: computed values typed while their inputs are missing. */
function verifierCalculsSansDonnees(d: LivretLu, ctx: ContexteRegle): Erreur[] {
  const erreurs: Erreur[] = [];
  for (const cle of CLES_MATIERES) {
    for (const annee of ANNEES) {
      const a = d.matieres?.[cle]?.[annee];
      if (a?.moyenne === undefined || moyenneAnnee(a) !== undefined) continue;
      const manquant = a.semestre1 === undefined ? 'semestre1' : 'semestre2';
      erreurs.push(
        ctx.erreur(
          'VALEUR_CALCULEE_SANS_DONNEES',
          `/matieres/${cle}/${annee}/moyenne`,
          `est calculée à partir des deux semestres : renseignez « ${ctx.libelle(`/matieres/${cle}/${annee}/${manquant}`)} » ou laissez la MOYENNE vide`,
        ),
      );
    }
  }
  for (const cle of CLES_PROFIL) {
    const point = d.profil?.[cle];
    if (point?.position === undefined) continue;
    if (point.moyenneClasse === undefined) {
      erreurs.push(
        ctx.erreur('VALEUR_CALCULEE_SANS_DONNEES', `/profil/${cle}/position`, 'est calculée à partir de la « Moyenne de la classe » : renseignez-la ou laissez la position vide'),
      );
    } else if (moyenneFormation(d.matieres?.[cle]) === undefined) {
      erreurs.push(
        ctx.erreur(
          'VALEUR_CALCULEE_SANS_DONNEES',
          `/profil/${cle}/position`,
          `est calculée à partir des moyennes du candidat : renseignez les deux semestres d’une année au moins pour « ${MATIERES_LIVRET[cle]} » ou laissez la position vide`,
        ),
      );
    }
  }
  return erreurs;
}

const AVIS: Record<string, { cle: 'tresFavorable' | 'favorable' | 'doitFaireSesPreuves'; libelle: string }> = {
  'tres-favorable': { cle: 'tresFavorable', libelle: 'Très favorable' },
  favorable: { cle: 'favorable', libelle: 'Favorable' },
  'doit-faire-ses-preuves': { cle: 'doitFaireSesPreuves', libelle: "Doit faire ses preuves à l'examen" },
};

/** Livret scolaire of the BTS Assurance (annexe III). */
export const livretScolaire: DefinitionFormulaire = {
  id: 'livret-scolaire',
  titre: 'Livret scolaire BTS Assurance',
  source: { texte: '003', reference: 'annexe III' },
  version: '1.0.0',
  calculs: [...calculsMoyennes, ...calculsProfil],
  regles: [
    {
      code: 'PLUS_DE_DEUX_DECIMALES',
      description:
        'Les moyennes semestrielles et les moyennes de la classe se notent de 0 à 20 au centième près, deux décimales au plus (annexe III ; §1.4 : les notes calculées le sont avec deux décimales).',
      verifier: (donnees, ctx) => verifierDecimales(donnees as LivretLu, ctx),
    },
    {
      code: 'VALEUR_CALCULEE_SANS_DONNEES',
      description:
        'Une MOYENNE annuelle (moyenne des deux semestres) ou une position sur le graphique (écart à la moyenne de la classe) est calculée : elle ne peut être saisie tant que les notes dont elle découle manquent (annexe III).',
      verifier: (donnees, ctx) => verifierCalculsSansDonnees(donnees as LivretLu, ctx),
    },
    {
      code: 'COTATION_TOTAL_100',
      description: 'Les pourcentages « AVIS (en %) » de la cotation de la classe (Très favorable, Favorable, Doit faire ses preuves à l’examen) totalisent 100 % (annexe III).',
      verifier(donnees, ctx) {
        const r = (donnees as LivretLu).cotation?.repartition;
        if (!r) return [];
        const centiemes = Math.round(r.tresFavorable * 100) + Math.round(r.favorable * 100) + Math.round(r.doitFaireSesPreuves * 100);
        if (centiemes === 10000) return [];
        const total = (centiemes / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 });
        return [ctx.erreur('COTATION_TOTAL_100', '/cotation/repartition', `totalise ${total} % au lieu de 100 % : chaque élève de la classe reçoit un et un seul avis`)];
      },
    },
    {
      code: 'AVIS_CANDIDAT_HORS_COTATION',
      description:
        'L’avis coché pour le candidat fait partie de la cotation de sa classe : la part de la classe ayant reçu cet avis n’est pas nulle (annexe III, « COTATION DE LA CLASSE »).',
      verifier(donnees, ctx) {
        const c = (donnees as LivretLu).cotation;
        const avis = c?.avisCandidat ? AVIS[c.avisCandidat] : undefined;
        if (!avis || !c?.repartition || c.repartition[avis.cle] > 0) return [];
        return [
          ctx.erreur(
            'AVIS_CANDIDAT_HORS_COTATION',
            '/cotation/avisCandidat',
            `est « ${avis.libelle} » alors que la cotation de la classe donne 0 % pour cet avis : le candidat fait partie de la classe`,
          ),
        ];
      },
    },
  ],
};
