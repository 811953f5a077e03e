/** Page de garde du dossier professionnel — circulaire BTS Assurance 2019, annexe XII. */
import type { DefinitionFormulaire } from './types.ts';

interface PageDeGarde {
  candidat: { statut: string };
  visa?: object;
  attestationSurLhonneur?: object;
}

export const pageDeGarde: DefinitionFormulaire = {
  id: 'page-de-garde',
  titre: 'Page de garde du dossier professionnel',
  source: { texte: '003', reference: 'annexe XII' },
  version: '1.0.0',
  calculs: [],
  regles: [
    {
      code: 'VISA_OU_ATTESTATION',
      description:
        'Un candidat individuel signe l’attestation sur l’honneur et n’a pas de visa ; les autres candidats ont le visa de l’équipe pédagogique et pas d’attestation (§1.4.2, annexe XII).',
      verifier(donnees, ctx) {
        const d = donnees as PageDeGarde;
        const individuel = d.candidat.statut === 'individuel';
        if (individuel && d.visa) {
          return [ctx.erreur('VISA_OU_ATTESTATION', '/visa', 'ne concerne pas un candidat individuel : remplissez l’attestation sur l’honneur à la place')];
        }
        if (!individuel && d.attestationSurLhonneur) {
          return [
            ctx.erreur(
              'VISA_OU_ATTESTATION',
              '/attestationSurLhonneur',
              'est réservée aux candidats individuels : ce candidat doit faire viser son dossier par l’équipe pédagogique',
            ),
          ];
        }
        return [];
      },
    },
    {
      code: 'ETABLISSEMENT_CANDIDAT_INDIVIDUEL',
      description: 'Un candidat individuel n’a pas d’établissement de formation (§1.4.2).',
      verifier(donnees, ctx) {
        const d = donnees as PageDeGarde & { etablissement?: object };
        return d.candidat.statut === 'individuel' && d.etablissement
          ? [ctx.erreur('ETABLISSEMENT_CANDIDAT_INDIVIDUEL', '/etablissement', 'ne doit pas être rempli pour un candidat individuel')]
          : [];
      },
    },
  ],
};
