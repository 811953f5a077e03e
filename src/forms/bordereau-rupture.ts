/** Bordereau de rupture de l'alternance — guide de l'alternance de la MIAGE d'Aix-Marseille, §5 and §4.5. */
import { addDays, formatFrenchDate, isBetween } from '../core/dates.ts';
import { minimumTrainingHours } from './rupture-alternance.ts';
import { checkSiret } from '../core/siret.ts';
import { foldForComparison } from '../core/text.ts';
import { datesInOrderRule } from './date-rules.ts';
import type { FormRules } from '../core/forms.ts';

type ContractType = 'apprentissage' | 'professionnalisation' | 'stage-alternance';

interface BordereauRupture {
  contrat: {
    type?: ContractType;
    employeur: { raisonSociale: string; siret: string };
    dateDebut: string;
    dateFinPrevue: string;
  };
  rupture: { dateDernierJour: string };
  nouveauContrat?: { type: ContractType; raisonSociale: string; siret?: string; dateDebut?: string; dateFinPrevue?: string; heuresFormationRestantes?: number };
}

/** How the guide names each contract type inside a sentence. */
const CONTRACT_NAMES: Record<ContractType, string> = {
  apprentissage: 'un contrat d’apprentissage',
  professionnalisation: 'un contrat de professionnalisation',
  'stage-alternance': 'une convention de stage en alternance',
};

/** Returns a company name reduced for comparison: no case, accents, punctuation nor legal form. */
function normalizeName(name: string): string {
  return foldForComparison(name)
    .replace(/\b(sas|sasu|sarl|eurl|sa|sci|snc|scop)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The bordereau de rupture de l'alternance (guide MIAGE d'Aix-Marseille 2025/2026, §5 and §4.5): three routes. */
export const bordereauRupture: FormRules = {
  id: 'bordereau-rupture',
  title: 'Bordereau de rupture de l’alternance',
  source: { text: '004', reference: '§5 et §4.5' },
  version: '1.1.0',
  computations: [],
  rules: [
    datesInOrderRule({
      code: 'DATES_CONTRAT_INCOHERENTES',
      description: 'La date de fin prévue du contrat d’apprentissage est postérieure à sa date de début.',
      start: '/contrat/dateDebut',
      end: '/contrat/dateFinPrevue',
      advice: 'recopiez les dates du contrat signé',
    }),
    {
      code: 'DERNIER_JOUR_HORS_CONTRAT',
      description:
        'Le dernier jour du contrat (inclus) est compris entre la date de début du contrat et sa date de fin prévue, bornes incluses (§5, note 35).',
      check(data, ctx) {
        const d = data as BordereauRupture;
        const { dateDebut: startDate, dateFinPrevue } = d.contrat;
        const last = d.rupture.dateDernierJour;
        if (isBetween(last, startDate, dateFinPrevue)) return [];
        return [
          ctx.error(
            'DERNIER_JOUR_HORS_CONTRAT',
            '/rupture/dateDernierJour',
            `(${formatFrenchDate(last)}) doit tomber pendant le contrat, entre le ${formatFrenchDate(startDate)} (« ${ctx.label('/contrat/dateDebut')} ») et le ${formatFrenchDate(dateFinPrevue)} (« ${ctx.label('/contrat/dateFinPrevue')} ») : indiquez le dernier jour travaillé sous contrat, celui du document de rupture`,
          ),
        ];
      },
    },
    {
      code: 'NOUVEAU_CONTRAT_TYPE_DIFFERENT',
      description:
        'Après la rupture d’un contrat d’alternance, le nouveau contrat qui permet de terminer la formation en alternance est forcément du même type : un contrat d’apprentissage après un contrat d’apprentissage, un contrat de professionnalisation après un contrat de professionnalisation (§5).',
      check(data, ctx) {
        const d = data as BordereauRupture;
        const n = d.nouveauContrat;
        const broken = d.contrat.type ?? 'apprentissage';
        if (!n || broken === 'stage-alternance' || n.type === broken) return [];
        return [
          ctx.error(
            'NOUVEAU_CONTRAT_TYPE_DIFFERENT',
            '/nouveauContrat/type',
            `doit être ${CONTRACT_NAMES[broken]} : ${CONTRACT_NAMES[broken]} rompu ne peut être suivi que d’un contrat du même type (§5)`,
          ),
        ];
      },
    },
    {
      code: 'NOUVEAU_CONTRAT_MEME_ORGANISME',
      description:
        'Le nouveau contrat se fait dans un organisme professionnel d’accueil différent de l’employeur du contrat rompu : autre SIREN quand les deux SIRET sont donnés, autre raison sociale sinon (§5).',
      check(data, ctx) {
        const d = data as BordereauRupture;
        const n = d.nouveauContrat;
        if (!n) return [];
        const employer = d.contrat.employeur;
        const sameSiren = n.siret !== undefined && n.siret.slice(0, 9) === employer.siret.slice(0, 9);
        const sameName = normalizeName(n.raisonSociale) === normalizeName(employer.raisonSociale);
        if (!sameSiren && !sameName) return [];
        return [
          ctx.error(
            'NOUVEAU_CONTRAT_MEME_ORGANISME',
            sameSiren ? '/nouveauContrat/siret' : '/nouveauContrat/raisonSociale',
            `désigne le même organisme que l’employeur du contrat rompu (${employer.raisonSociale}${sameSiren ? `, SIREN ${employer.siret.slice(0, 9)}` : ''}) : le nouveau contrat doit se faire dans un organisme professionnel d’accueil différent (§5)`,
          ),
        ];
      },
    },
    {
      code: 'NOUVEAU_CONTRAT_AVANT_FIN',
      description:
        'Le nouveau contrat commence au plus tôt le lendemain du dernier jour du contrat rompu, sans délai de carence (§5).',
      check(data, ctx) {
        const d = data as BordereauRupture;
        const start = d.nouveauContrat?.dateDebut;
        if (start === undefined) return [];
        const nextDay = addDays(d.rupture.dateDernierJour, 1);
        if (start >= nextDay) return [];
        return [
          ctx.error(
            'NOUVEAU_CONTRAT_AVANT_FIN',
            '/nouveauContrat/dateDebut',
            `(${formatFrenchDate(start)}) doit être au plus tôt le ${formatFrenchDate(nextDay)}, lendemain de la « ${ctx.label('/rupture/dateDernierJour')} » (${formatFrenchDate(d.rupture.dateDernierJour)}) (§5)`,
          ),
        ];
      },
    },
    {
      code: 'HEURES_FORMATION_INSUFFISANTES',
      description:
        'Un nouveau contrat d’alternance ne s’établit que si les heures de formation restant à valider atteignent le minimum légal : 25 % du temps de travail du contrat pour un contrat d’apprentissage (402 heures pour 12 mois, soit 1 607 heures), 15 % et au moins 150 heures pour un contrat de professionnalisation (§4.5) ; temps de travail compté à 1 607 heures par an, au prorata des mois de date à date.',
      check(data, ctx) {
        const n = (data as BordereauRupture).nouveauContrat;
        if (!n || n.type === 'stage-alternance' || n.heuresFormationRestantes === undefined || n.dateDebut === undefined || n.dateFinPrevue === undefined || n.dateFinPrevue < n.dateDebut) return [];
        const need = minimumTrainingHours(n.type, n.dateDebut, n.dateFinPrevue);
        if (n.heuresFormationRestantes >= need.heures) return [];
        return [
          ctx.error(
            'HEURES_FORMATION_INSUFFISANTES',
            '/nouveauContrat/heuresFormationRestantes',
            `(${String(n.heuresFormationRestantes)} heures) n’atteint pas le minimum légal de ${String(need.heures)} heures pour ${CONTRACT_NAMES[n.type]} du ${formatFrenchDate(n.dateDebut)} au ${formatFrenchDate(n.dateFinPrevue)} : ${need.explication} (§4.5). Sans ce minimum, le nouveau contrat ne peut pas être signé : raccourcissez-le ou poursuivez sans alternance`,
          ),
        ];
      },
    },
    {
      code: 'SIRET_INVALIDE',
      description: 'Les numéros SIRET de l’employeur et du nouvel organisme ont une clé de contrôle exacte (algorithme de Luhn).',
      check(data, ctx) {
        const d = data as BordereauRupture;
        const newSiret = d.nouveauContrat?.siret;
        return [
          ...checkSiret(d.contrat.employeur.siret, '/contrat/employeur/siret', ctx),
          ...(newSiret === undefined ? [] : checkSiret(newSiret, '/nouveauContrat/siret', ctx)),
        ];
      },
    },
  ],
};
