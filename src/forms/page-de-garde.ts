/** Page de garde du dossier professionnel — circulaire BTS Assurance 2019, annexe XII. */
import type { FormDefinition } from './types.ts';

interface PageDeGarde {
  candidat: { statut: string };
  visa?: object;
  attestationSurLhonneur?: object;
}

export const pageDeGarde: FormDefinition = {
  id: 'page-de-garde',
  title: 'Page de garde du dossier professionnel',
  source: { text: '003', reference: 'annexe XII' },
  version: '1.0.0',
  computations: [],
  rules: [
    {
      code: 'VISA_OU_ATTESTATION',
      description:
        'Un candidat individuel signe l’attestation sur l’honneur et n’a pas de visa ; les autres candidats ont le visa de l’équipe pédagogique et pas d’attestation (§1.4.2, annexe XII).',
      check(data, ctx) {
        const d = data as PageDeGarde;
        const individual = d.candidat.statut === 'individuel';
        if (individual && d.visa) {
          return [ctx.error('VISA_OU_ATTESTATION', '/visa', 'ne concerne pas un candidat individuel : remplissez l’attestation sur l’honneur à la place')];
        }
        if (!individual && d.attestationSurLhonneur) {
          return [
            ctx.error(
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
      check(data, ctx) {
        const d = data as PageDeGarde & { etablissement?: object };
        return d.candidat.statut === 'individuel' && d.etablissement
          ? [ctx.error('ETABLISSEMENT_CANDIDAT_INDIVIDUEL', '/etablissement', 'ne doit pas être rempli pour un candidat individuel')]
          : [];
      },
    },
  ],
};
