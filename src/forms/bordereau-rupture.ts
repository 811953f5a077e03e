/** Bordereau de rupture d'un contrat d'apprentissage — guide de l'alternance de la MIAGE d'Aix-Marseille, §5. */
import { addDays, formatFrenchDate } from '../core/dates.ts';
import { checkSiret } from './fiche-validation-mission.ts';
import type { DefinitionFormulaire } from './types.ts';

interface BordereauRupture {
  contrat: {
    employeur: { raisonSociale: string; siret: string };
    dateDebut: string;
    dateFinPrevue: string;
  };
  rupture: { dateDernierJour: string };
  nouveauContrat?: { type: string; raisonSociale: string; siret?: string; dateDebut?: string };
}

/** Returns a company name reduced for comparison: no case, accents, punctuation nor legal form. */
function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(sas|sasu|sarl|eurl|sa|sci|snc|scop)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The bordereau de rupture d'un contrat d'apprentissage (guide MIAGE d'Aix-Marseille 2025/2026, §5). */
export const bordereauRupture: DefinitionFormulaire = {
  id: 'bordereau-rupture',
  titre: 'Bordereau de rupture d’un contrat d’apprentissage',
  source: { texte: '004', reference: '§5' },
  version: '1.0.0',
  calculs: [],
  regles: [
    {
      code: 'DATES_CONTRAT_INCOHERENTES',
      description: 'La date de fin prévue du contrat d’apprentissage est postérieure à sa date de début.',
      verifier(donnees, ctx) {
        const c = (donnees as BordereauRupture).contrat;
        return c.dateFinPrevue > c.dateDebut
          ? []
          : [
              ctx.erreur(
                'DATES_CONTRAT_INCOHERENTES',
                '/contrat/dateFinPrevue',
                `(${formatFrenchDate(c.dateFinPrevue)}) doit être postérieure à la « ${ctx.libelle('/contrat/dateDebut')} » (${formatFrenchDate(c.dateDebut)}) : recopiez les dates du contrat signé`,
              ),
            ];
      },
    },
    {
      code: 'DERNIER_JOUR_HORS_CONTRAT',
      description:
        'Le dernier jour du contrat (inclus) est compris entre la date de début du contrat et sa date de fin prévue, bornes incluses (§5, note 35).',
      verifier(donnees, ctx) {
        const d = donnees as BordereauRupture;
        const { dateDebut, dateFinPrevue } = d.contrat;
        const dernier = d.rupture.dateDernierJour;
        if (dernier >= dateDebut && dernier <= dateFinPrevue) return [];
        return [
          ctx.erreur(
            'DERNIER_JOUR_HORS_CONTRAT',
            '/rupture/dateDernierJour',
            `(${formatFrenchDate(dernier)}) doit tomber pendant le contrat, entre le ${formatFrenchDate(dateDebut)} (« ${ctx.libelle('/contrat/dateDebut')} ») et le ${formatFrenchDate(dateFinPrevue)} (« ${ctx.libelle('/contrat/dateFinPrevue')} ») : indiquez le dernier jour travaillé sous contrat, celui du document de rupture`,
          ),
        ];
      },
    },
    {
      code: 'NOUVEAU_CONTRAT_TYPE_DIFFERENT',
      description:
        'Après la rupture d’un contrat d’apprentissage, le nouveau contrat qui permet de terminer la formation en alternance est forcément un contrat d’apprentissage (§5).',
      verifier(donnees, ctx) {
        const n = (donnees as BordereauRupture).nouveauContrat;
        if (!n || n.type === 'apprentissage') return [];
        return [
          ctx.erreur(
            'NOUVEAU_CONTRAT_TYPE_DIFFERENT',
            '/nouveauContrat/type',
            'doit être un contrat d’apprentissage : un contrat d’apprentissage rompu ne peut être suivi que d’un contrat du même type (§5)',
          ),
        ];
      },
    },
    {
      code: 'NOUVEAU_CONTRAT_MEME_ORGANISME',
      description:
        'Le nouveau contrat se fait dans un organisme professionnel d’accueil différent de l’employeur du contrat rompu : autre SIREN quand les deux SIRET sont donnés, autre raison sociale sinon (§5).',
      verifier(donnees, ctx) {
        const d = donnees as BordereauRupture;
        const n = d.nouveauContrat;
        if (!n) return [];
        const employeur = d.contrat.employeur;
        const memeSiren = n.siret !== undefined && n.siret.slice(0, 9) === employeur.siret.slice(0, 9);
        const memeNom = normalizeName(n.raisonSociale) === normalizeName(employeur.raisonSociale);
        if (!memeSiren && !memeNom) return [];
        return [
          ctx.erreur(
            'NOUVEAU_CONTRAT_MEME_ORGANISME',
            memeSiren ? '/nouveauContrat/siret' : '/nouveauContrat/raisonSociale',
            `désigne le même organisme que l’employeur du contrat rompu (${employeur.raisonSociale}${memeSiren ? `, SIREN ${employeur.siret.slice(0, 9)}` : ''}) : le nouveau contrat doit se faire dans un organisme professionnel d’accueil différent (§5)`,
          ),
        ];
      },
    },
    {
      code: 'NOUVEAU_CONTRAT_AVANT_FIN',
      description:
        'Le nouveau contrat commence au plus tôt le lendemain du dernier jour du contrat rompu, sans délai de carence (§5).',
      verifier(donnees, ctx) {
        const d = donnees as BordereauRupture;
        const debut = d.nouveauContrat?.dateDebut;
        if (debut === undefined) return [];
        const lendemain = addDays(d.rupture.dateDernierJour, 1);
        if (debut >= lendemain) return [];
        return [
          ctx.erreur(
            'NOUVEAU_CONTRAT_AVANT_FIN',
            '/nouveauContrat/dateDebut',
            `(${formatFrenchDate(debut)}) doit être au plus tôt le ${formatFrenchDate(lendemain)}, lendemain de la « ${ctx.libelle('/rupture/dateDernierJour')} » (${formatFrenchDate(d.rupture.dateDernierJour)}) (§5)`,
          ),
        ];
      },
    },
    {
      code: 'SIRET_INVALIDE',
      description: 'Les numéros SIRET de l’employeur et du nouvel organisme ont une clé de contrôle exacte (algorithme de Luhn).',
      verifier(donnees, ctx) {
        const d = donnees as BordereauRupture;
        const siretNouveau = d.nouveauContrat?.siret;
        return [
          ...checkSiret(d.contrat.employeur.siret, '/contrat/employeur/siret', ctx),
          ...(siretNouveau === undefined ? [] : checkSiret(siretNouveau, '/nouveauContrat/siret', ctx)),
        ];
      },
    },
  ],
};
