/**
 * Fiche d'activité E42 — circulaire BTS Assurance 2019, annexe IX, with its fiche client (annexe VI). The rules
 * are built for a list of locations so that the dossier professionnel can apply them to the fiches it embeds.
 */
import { DOMAINES_PAR_CATEGORIE, LIBELLES_DOMAINE } from './fiche-activite-e32.ts';
import { calculsClient, pourChaque, reglesClient, verifierPrecisions } from './fiche-client.ts';
import type { DefinitionFormulaire, Regle } from './types.ts';

interface FicheE42 {
  domaine: string;
  produit: { categorie: string; libelle: string };
  contratSupport: { nature: string };
  gestionSinistre: Record<string, string | undefined>;
  ficheClient?: { contrats?: Array<{ nature: string }> };
}

/** The prompts of the « Gestion du sinistre » box, in printed order. */
export const RUBRIQUES_GESTION_SINISTRE = [
  'circonstances',
  'conditionsGarantie',
  'missionExpert',
  'convention',
  'procedureReglement',
  'calculIndemnite',
  'informationsAConserver',
] as const;

/** Returns a contract name reduced for comparison: case, accents' encoding, apostrophes and spaces do not count. */
export function normaliserNature(nature: string): string {
  return nature.normalize('NFC').toLocaleLowerCase('fr-FR').replace(/[’‘`]/g, "'").replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Returns the rules of the fiche d'activité E42 itself (not its fiche client), for the fiches found at `prefixes`. */
export function reglesE42(prefixes: readonly string[] = ['']): Regle[] {
  return [
    {
      code: 'PRECISION_DOMAINE_SANS_AUTRE',
      description: 'Le « Précisez » de l’activité n’est rempli que si la case « Autre contrat » est cochée (annexe IX).',
      verifier: (donnees, ctx) =>
        verifierPrecisions(
          'PRECISION_DOMAINE_SANS_AUTRE',
          prefixes.map((p) => ({ precision: `${p}/precisionDomaine`, choix: 'domaine', autre: 'autre', libelleAutre: 'Autre contrat' })),
          donnees,
          ctx,
        ),
    },
    {
      code: 'PRODUIT_HORS_DOMAINE',
      description:
        'Le produit support relève de la case « Activité portant sur » cochée : assurances de biens et de responsabilités, assurances de personnes, ou « Autre contrat » pour un autre produit (annexe IX ; épreuve E42 : situations obligatoires).',
      verifier: (donnees, ctx) =>
        pourChaque<FicheE42>(donnees, prefixes, (f, base) => {
          const attendus = DOMAINES_PAR_CATEGORIE[f.produit.categorie];
          if (f.domaine === 'autre' || !attendus || attendus.includes(f.domaine)) return [];
          const cases = [...new Set(attendus.map((d) => (d === 'epargne' ? 'Autre contrat' : (LIBELLES_DOMAINE[d] ?? d))))].map((l) => `« ${l} »`).join(' ou ');
          return [ctx.erreur('PRODUIT_HORS_DOMAINE', `${base}/domaine`, `ne correspond pas au produit « ${f.produit.libelle} » : cochez ${cases}`)];
        }),
    },
    {
      code: 'CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT',
      description:
        'Le contrat d’assurance support de l’activité est indiqué « tel qu’il apparaît sur la fiche client » : sa nature est celle d’un contrat de la rubrique 4 de la fiche client jointe (annexes IX et VI).',
      verifier: (donnees, ctx) =>
        pourChaque<FicheE42>(donnees, prefixes, (f, base) => {
          if (!f.ficheClient) return [];
          const contrats = (f.ficheClient.contrats ?? []).map((k) => k.nature);
          if (contrats.some((n) => normaliserNature(n) === normaliserNature(f.contratSupport.nature))) return [];
          const texte =
            contrats.length === 0
              ? 'ne figure pas sur la fiche client, qui ne liste aucun contrat en portefeuille : ajoutez-le à la rubrique 4 de la fiche client'
              : `doit être recopié d’un contrat de la fiche client (contrats en portefeuille : ${contrats.map((n) => `« ${n} »`).join(', ')})`;
          return [ctx.erreur('CONTRAT_SUPPORT_ABSENT_DE_LA_FICHE_CLIENT', `${base}/contratSupport/nature`, texte)];
        }),
    },
    {
      code: 'GESTION_SINISTRE_VIDE',
      description: 'Au moins une rubrique de la gestion du sinistre (circonstances, garantie, expertise, convention, règlement, indemnité, informations à conserver) est remplie (annexe IX).',
      verifier: (donnees, ctx) =>
        pourChaque<FicheE42>(donnees, prefixes, (f, base) => {
          if (RUBRIQUES_GESTION_SINISTRE.some((r) => (f.gestionSinistre[r] ?? '').trim() !== '')) return [];
          const rubriques = RUBRIQUES_GESTION_SINISTRE.map((r) => ctx.libelle(`${base}/gestionSinistre/${r}`)).join(' ; ');
          return [ctx.erreur('GESTION_SINISTRE_VIDE', `${base}/gestionSinistre`, `doit contenir au moins une rubrique remplie parmi : ${rubriques}`)];
        }),
    },
  ];
}

/** The fiche d'activité E42 form (annexe IX), with its optional fiche client (annexe VI) under `ficheClient`. */
export const ficheActiviteE42: DefinitionFormulaire = {
  id: 'fiche-activite-e42',
  titre: "Fiche d'activité E42",
  source: { texte: '003', reference: 'annexes IX et VI' },
  version: '1.0.0',
  calculs: calculsClient(['/ficheClient']),
  regles: [...reglesE42(), ...reglesClient(['/ficheClient'])],
};
