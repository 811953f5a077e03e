/** Page de garde du dossier professionnel — circulaire BTS Assurance 2019, annexe XII. */
import { valueAt } from '../core/pointer.ts';
import type { FormRules, Rule } from '../core/forms.ts';

/** What these rules read: the candidate's status at the root, the page de garde block at `block`. */
interface Candidature {
  candidat: { statut: string };
  etablissement?: object;
}

/** The visa and attestation blocks of a page de garde. */
interface BlocPageDeGarde {
  visa?: object;
  attestationSurLhonneur?: object;
}

/**
 * Returns the rule "an individual candidate signs the attestation and has no visa; the others have no attestation",
 * for a page de garde whose blocks sit at `block` ("" at the root of the form, "/pageDeGarde" in the dossier).
 */
export function visaOrAttestationRule(block: string): Rule {
  return {
    code: 'VISA_OU_ATTESTATION',
    description:
      'Un candidat individuel signe l’attestation sur l’honneur et n’a pas de visa ; les autres candidats ont le visa de l’équipe pédagogique et pas d’attestation (§1.4.2, annexe XII).',
    check(data, ctx) {
      const individual = (data as Candidature).candidat.statut === 'individuel';
      const page = (block === '' ? data : valueAt(data, block)) as BlocPageDeGarde | undefined;
      if (individual && page?.visa) {
        return [ctx.error('VISA_OU_ATTESTATION', `${block}/visa`, 'ne concerne pas un candidat individuel : remplissez l’attestation sur l’honneur à la place')];
      }
      if (!individual && page?.attestationSurLhonneur) {
        return [
          ctx.error(
            'VISA_OU_ATTESTATION',
            `${block}/attestationSurLhonneur`,
            'est réservée aux candidats individuels : ce candidat doit faire viser son dossier par l’équipe pédagogique',
          ),
        ];
      }
      return [];
    },
  };
}

/** Returns the rule "an individual candidate has no établissement de formation" (établissement at the root). */
export function individualWithoutEstablishmentRule(): Rule {
  return {
    code: 'ETABLISSEMENT_CANDIDAT_INDIVIDUEL',
    description: 'Un candidat individuel n’a pas d’établissement de formation (§1.4.2, annexe XII).',
    check(data, ctx) {
      const d = data as Candidature;
      return d.candidat.statut === 'individuel' && d.etablissement
        ? [ctx.error('ETABLISSEMENT_CANDIDAT_INDIVIDUEL', '/etablissement', 'ne doit pas être rempli pour un candidat individuel')]
        : [];
    },
  };
}

export const pageDeGarde: FormRules = {
  id: 'page-de-garde',
  title: 'Page de garde du dossier professionnel',
  source: { text: '003', reference: 'annexe XII' },
  version: '1.0.0',
  computations: [],
  rules: [visaOrAttestationRule(''), individualWithoutEstablishmentRule()],
};
