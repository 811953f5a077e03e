/** Fiche de validation de mission en alternance — guide de l'alternance de la MIAGE d'Aix-Marseille, §3.3. */
import { addDays, addMonths, formatFrenchDate, isBetween, isoDate, subtractWorkingDays, yearOf } from '../core/dates.ts';
import { checkSiret } from '../core/siret.ts';
import { datesInOrderRule } from './date-rules.ts';
import type { FormRules } from '../core/forms.ts';

type ContractType = 'apprentissage' | 'professionnalisation' | 'stage-alternance';

interface FicheValidationMission {
  dateDemande: string;
  formation: {
    diplome: string;
    anneeUniversitaire: string;
    statut: 'FI' | 'FC';
    dateDebutFormation: string;
    dateFinFormation: string;
  };
  contrat: { type: ContractType; dateDebut: string; dateFin: string };
  organisme: { siret: string };
  tuteurs: Array<{ nom: string; prenom: string; courriel: string }>;
  mission: { parcoursSouhaite?: string };
  cadreMiage?: { dateValidation?: string };
}

/** How the guide names each contract type inside a sentence. */
const CONTRACT_NAMES: Record<ContractType, string> = {
  apprentissage: 'un contrat d’apprentissage',
  professionnalisation: 'un contrat de professionnalisation',
  'stage-alternance': 'une convention de stage en alternance',
};

/** Contracts allowed for each status (Tableau 2). */
const CONTRACTS_BY_STATUS: Record<'FI' | 'FC', ContractType[]> = {
  FI: ['apprentissage', 'stage-alternance'],
  FC: ['professionnalisation', 'stage-alternance'],
};

/** DDC window of each contract type, in months from the DDF (Tableau 5). */
const START_WINDOWS: Record<ContractType, { from: number; to: number }> = {
  apprentissage: { from: -3, to: 3 },
  professionnalisation: { from: -2, to: 3 },
  'stage-alternance': { from: 0, to: 3 },
};

/** Minimum delay, in jours ouvrables, between the request and the start of the contract (§3.3). */
const REQUEST_DELAY_WORKING_DAYS = 10;

/** Returns "DDF", "DDF − 3 mois" or "DFF + 2 mois". */
function offsetLabel(reference: 'DDF' | 'DFF', months: number): string {
  if (months === 0) return reference;
  return `${reference} ${months < 0 ? '−' : '+'} ${Math.abs(months)} mois`;
}

/** The fiche de validation de mission en alternance (guide MIAGE d'Aix-Marseille 2025/2026, §3.3). */
export const ficheValidationMission: FormRules = {
  id: 'fiche-validation-mission',
  title: 'Fiche de validation de mission en alternance',
  source: { text: '004', reference: '§3.3, Tableaux 2 et 5' },
  version: '1.0.0',
  computations: [],
  rules: [
    datesInOrderRule({
      code: 'DATES_FORMATION_INCOHERENTES',
      description: 'La date de fin de formation (DFF) est postérieure à la date de début de formation (DDF) (Tableau 5).',
      start: '/formation/dateDebutFormation',
      end: '/formation/dateFinFormation',
      advice: 'vérifiez les deux dates dans le calendrier de la formation',
    }),
    {
      code: 'ANNEE_UNIVERSITAIRE_INCOHERENTE',
      description:
        'L’année universitaire « AAAA/AAAA » commence l’année de la DDF et finit l’année de la DFF (« 2025/2026 » pour la L3I et le M2, « 2025/2027 » pour le Master en deux ans, Tableau 5).',
      check(data, ctx) {
        const f = (data as FicheValidationMission).formation;
        const expected = `${yearOf(f.dateDebutFormation)}/${yearOf(f.dateFinFormation)}`;
        return f.anneeUniversitaire === expected
          ? []
          : [
              ctx.error(
                'ANNEE_UNIVERSITAIRE_INCOHERENTE',
                '/formation/anneeUniversitaire',
                `(« ${f.anneeUniversitaire} ») ne correspond pas aux dates de la formation, du ${formatFrenchDate(f.dateDebutFormation)} au ${formatFrenchDate(f.dateFinFormation)} : écrivez « ${expected} » ou corrigez la DDF et la DFF`,
              ),
            ];
      },
    },
    {
      code: 'CONTRAT_INCOMPATIBLE_AVEC_STATUT',
      description:
        'Un(e) étudiant(e) en formation initiale (FI) est en contrat d’apprentissage ou, exceptionnellement, en convention de stage en alternance ; en formation continue (FC), en contrat de professionnalisation ou, exceptionnellement, en convention de stage en alternance (§2.1, Tableaux 2 et 3).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        if (CONTRACTS_BY_STATUS[d.formation.statut].includes(d.contrat.type)) return [];
        const advice =
          d.formation.statut === 'FI'
            ? 'un(e) étudiant(e) en formation initiale (FI) signe un contrat d’apprentissage ou, exceptionnellement, une convention de stage en alternance ; un contrat de professionnalisation relève de la formation continue (FC)'
            : 'un(e) étudiant(e) en formation continue (FC) signe un contrat de professionnalisation ou, exceptionnellement, une convention de stage en alternance ; un contrat d’apprentissage relève de la formation initiale (FI)';
        return [
          ctx.error(
            'CONTRAT_INCOMPATIBLE_AVEC_STATUT',
            '/contrat/type',
            `ne correspond pas au « ${ctx.label('/formation/statut')} » (Tableau 2) : ${advice}. Corrigez le type de contrat ou le statut`,
          ),
        ];
      },
    },
    {
      code: 'DATE_DEBUT_CONTRAT_HORS_PERIODE',
      description:
        'La date de début du contrat/de la convention (DDC) est comprise entre DDF − 3 mois et DDF + 3 mois pour un contrat d’apprentissage, entre DDF − 2 mois et DDF + 3 mois pour un contrat de professionnalisation, entre la DDF et DDF + 3 mois pour un stage en alternance (Tableau 5).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const ddf = d.formation.dateDebutFormation;
        const w = START_WINDOWS[d.contrat.type];
        const min = addMonths(ddf, w.from);
        const max = addMonths(ddf, w.to);
        if (isBetween(d.contrat.dateDebut, min, max)) return [];
        return [
          ctx.error(
            'DATE_DEBUT_CONTRAT_HORS_PERIODE',
            '/contrat/dateDebut',
            `(${formatFrenchDate(d.contrat.dateDebut)}) doit être comprise entre le ${formatFrenchDate(min)} (${offsetLabel('DDF', w.from)}) et le ${formatFrenchDate(max)} (${offsetLabel('DDF', w.to)}) pour ${CONTRACT_NAMES[d.contrat.type]} (Tableau 5) : choisissez une date de début dans cette période`,
          ),
        ];
      },
    },
    {
      code: 'DATE_FIN_CONTRAT_HORS_PERIODE',
      description:
        'La date de fin du contrat/de la convention (DFC) est comprise entre la DFF et DFF + 2 mois pour un contrat d’apprentissage ou de professionnalisation, et au plus tard la DFF pour un stage en alternance (Tableau 5).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const dff = d.formation.dateFinFormation;
        const dfc = d.contrat.dateFin;
        if (d.contrat.type === 'stage-alternance') {
          return dfc <= dff
            ? []
            : [
                ctx.error(
                  'DATE_FIN_CONTRAT_HORS_PERIODE',
                  '/contrat/dateFin',
                  `(${formatFrenchDate(dfc)}) doit être au plus tard le ${formatFrenchDate(dff)} (DFF) pour une convention de stage en alternance (Tableau 5) : avancez la date de fin`,
                ),
              ];
        }
        const max = addMonths(dff, 2);
        return isBetween(dfc, dff, max)
          ? []
          : [
              ctx.error(
                'DATE_FIN_CONTRAT_HORS_PERIODE',
                '/contrat/dateFin',
                `(${formatFrenchDate(dfc)}) doit être comprise entre le ${formatFrenchDate(dff)} (DFF) et le ${formatFrenchDate(max)} (DFF + 2 mois) pour ${CONTRACT_NAMES[d.contrat.type]} (Tableau 5) : choisissez une date de fin dans cette période`,
              ),
            ];
      },
    },
    {
      code: 'DUREE_STAGE_ALTERNANCE',
      description:
        'Une convention de stage en alternance dure entre 6 mois et 1 an de date à date, le dernier jour inclus (un stage commencé le 01/09/2025 finit entre le 28/02/2026 et le 31/08/2026) (Tableau 5, note 22).',
      check(data, ctx) {
        const c = (data as FicheValidationMission).contrat;
        if (c.type !== 'stage-alternance') return [];
        const min = addDays(addMonths(c.dateDebut, 6), -1);
        const max = addDays(addMonths(c.dateDebut, 12), -1);
        if (isBetween(c.dateFin, min, max)) return [];
        return [
          ctx.error(
            'DUREE_STAGE_ALTERNANCE',
            '/contrat/dateFin',
            `(${formatFrenchDate(c.dateFin)}) donne une convention de stage en alternance ${c.dateFin < min ? 'de moins de 6 mois' : 'de plus d’un an'} : elle doit durer entre 6 mois et 1 an de date à date (Tableau 5), soit pour un début le ${formatFrenchDate(c.dateDebut)} une fin comprise entre le ${formatFrenchDate(min)} et le ${formatFrenchDate(max)}`,
          ),
        ];
      },
    },
    {
      code: 'VALIDATION_AVANT_DEMANDE',
      description: 'La mission est validée par le responsable de l’alternance après la demande de validation, jamais avant (§3.3.3).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const validation = d.cadreMiage?.dateValidation;
        if (validation === undefined || validation >= d.dateDemande) return [];
        return [
          ctx.error(
            'VALIDATION_AVANT_DEMANDE',
            '/cadreMiage/dateValidation',
            `(${formatFrenchDate(validation)}) ne peut pas précéder la « ${ctx.label('/dateDemande')} » (${formatFrenchDate(d.dateDemande)}) : vérifiez les deux dates`,
          ),
        ];
      },
    },
    {
      code: 'DEBUT_CONTRAT_TROP_PROCHE_VALIDATION',
      description:
        'Quand la mission est validée, le contrat/la convention commence au moins une semaine après la date de validation du responsable de l’alternance (Tableau 5).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const validation = d.cadreMiage?.dateValidation;
        if (validation === undefined) return [];
        const min = addDays(validation, 7);
        if (d.contrat.dateDebut >= min) return [];
        return [
          ctx.error(
            'DEBUT_CONTRAT_TROP_PROCHE_VALIDATION',
            '/contrat/dateDebut',
            `(${formatFrenchDate(d.contrat.dateDebut)}) doit être au moins une semaine après la « ${ctx.label('/cadreMiage/dateValidation')} » du ${formatFrenchDate(validation)} (Tableau 5) : reportez le début au ${formatFrenchDate(min)} ou plus tard`,
          ),
        ];
      },
    },
    {
      code: 'DEMANDE_AVANT_OUVERTURE',
      description: 'Les demandes de validation sont reçues à partir du 15 mai de l’année où la formation commence (§3.3.1).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const year = yearOf(d.formation.dateDebutFormation);
        const opening = isoDate(year, 5, 15);
        if (d.dateDemande >= opening) return [];
        return [
          ctx.error(
            'DEMANDE_AVANT_OUVERTURE',
            '/dateDemande',
            `(${formatFrenchDate(d.dateDemande)}) précède l’ouverture des validations de mission, le ${formatFrenchDate(opening)} pour une formation commençant en ${year} (§3.3.1) : soumettez la fiche à partir de cette date`,
          ),
        ];
      },
    },
    {
      code: 'DEMANDE_TROP_TARDIVE',
      description:
        'La demande de validation est faite au moins 10 jours ouvrables (du lundi au samedi, jours fériés exclus) avant la date de début du contrat/de la convention, le temps de la validation (§3.3).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const limit = subtractWorkingDays(d.contrat.dateDebut, REQUEST_DELAY_WORKING_DAYS);
        if (d.dateDemande <= limit) return [];
        return [
          ctx.error(
            'DEMANDE_TROP_TARDIVE',
            '/dateDemande',
            `(${formatFrenchDate(d.dateDemande)}) doit précéder d’au moins ${REQUEST_DELAY_WORKING_DAYS} jours ouvrables la « ${ctx.label('/contrat/dateDebut')} » (§3.3) : pour un début le ${formatFrenchDate(d.contrat.dateDebut)}, la demande doit être faite au plus tard le ${formatFrenchDate(limit)} ; sinon reportez la date de début`,
          ),
        ];
      },
    },
    {
      code: 'PARCOURS_HORS_MASTER',
      description: 'Le parcours 2ID ou ISIE est un vœu du Master MIAGE : il ne se choisit pas en L3I parcours MIAGE (§1.2).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        if (d.formation.diplome !== 'l3i-miage' || d.mission.parcoursSouhaite === undefined) return [];
        return [
          ctx.error(
            'PARCOURS_HORS_MASTER',
            '/mission/parcoursSouhaite',
            `ne concerne que le Master MIAGE (M1 ou M2) : laissez-le vide pour la L3 Informatique parcours MIAGE`,
          ),
        ];
      },
    },
    {
      code: 'TUTEURS_IDENTIQUES',
      description:
        'Le tuteur professionnel n° 2, quand il y en a un, est une autre personne que le tuteur n° 1 (nom, prénom et courriel différents) (§3.1).',
      check(data, ctx) {
        const [first, second] = (data as FicheValidationMission).tuteurs;
        if (!first || !second) return [];
        const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('fr') === b.trim().toLocaleLowerCase('fr');
        const identical =
          sameName(first.courriel, second.courriel) || (sameName(first.nom, second.nom) && sameName(first.prenom, second.prenom));
        return identical
          ? [
              ctx.error(
                'TUTEURS_IDENTIQUES',
                '/tuteurs/1',
                'est la même personne que le tuteur professionnel n° 1 : supprimez ce second tuteur ou indiquez la personne qui encadre effectivement l’alternant(e)',
              ),
            ]
          : [];
      },
    },
    {
      code: 'SIRET_INVALIDE',
      description: 'Le numéro SIRET de l’organisme professionnel d’accueil a une clé de contrôle exacte (algorithme de Luhn).',
      check(data, ctx) {
        return checkSiret((data as FicheValidationMission).organisme.siret, '/organisme/siret', ctx);
      },
    },
  ],
};
