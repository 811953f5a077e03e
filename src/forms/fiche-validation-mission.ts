/** Fiche de validation de mission en alternance — guide de l'alternance de la MIAGE d'Aix-Marseille, §3.3. */
import { addDays, addMonths, formatFrenchDate, isBetween, isoDate, subtractWorkingDays, yearOf } from '../core/dates.ts';
import { checkSiret } from '../core/siret.ts';
import { datesInOrderRule } from './date-rules.ts';
import type { FormParameters, FormRules, Rule, RuleContext } from '../core/forms.ts';
import type { Issue } from '../core/issues.ts';
import { calendarFor, formationDates, formationLength } from './calendrier-formation.ts';
import { minimumTrainingHours } from './rupture-alternance.ts';
import { cellName, euros, payGrid, type Majoration, type PayGrid } from '../referentiels/remuneration-alternance.ts';

type ContractType = 'apprentissage' | 'professionnalisation' | 'stage-alternance';
type RepeatedYear = 'l3i' | 'm1' | 'm2';

interface FicheValidationMission {
  dateDemande: string;
  alternant: { dateNaissance: string; rqth?: boolean };
  formation: {
    diplome: string;
    anneeUniversitaire: string;
    statut: 'FI' | 'FC';
    dateDebutFormation: string;
    dateFinFormation: string;
  };
  contrat: {
    type: ContractType;
    dateDebut: string;
    dateFin: string;
    dureeHebdomadaire: number;
    remunerationBruteMensuelle: number;
    smc?: number;
    majorations?: Majoration[];
    redoublement?: {
      prorogation: boolean;
      prorogationsDejaAccordees: number;
      heuresFormationRestantes: number;
      anneeRedoublee?: RepeatedYear;
      accordExpresOpco?: boolean;
    };
  };
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


/** Returns the first year of the formation (« 2025 » for 2025/2027). */
function startYear(d: FicheValidationMission): number {
  return Number(d.formation.anneeUniversitaire.slice(0, 4));
}

/** Returns `rule`, silent while the DDF or the DFF is absent (no calendar gives them: CALENDRIER_FORMATION_INTROUVABLE says so). */
function withFormationDates(rule: Rule): Rule {
  return {
    ...rule,
    check(data, ctx) {
      const f = (data as FicheValidationMission).formation;
      return f.dateDebutFormation === undefined || f.dateFinFormation === undefined ? [] : rule.check(data, ctx);
    },
  };
}

/** Returns « 1 an » or « 2 ans ». */
function years(n: number): string {
  return n === 1 ? '1 an' : `${String(n)} ans`;
}

/** Returns the minimum pay grid of the contract a fiche describes (its DDF and DFF filled in), with `parametres.smic` when given. */
export function fichePayGrid(data: unknown, parametres: FormParameters = {}): PayGrid {
  const d = data as FicheValidationMission;
  const formation = formationDates(d.formation.diplome, startYear(d), parametres);
  const smic = typeof parametres.smic === 'number' ? parametres.smic : undefined;
  const smc = typeof parametres.smc === 'number' ? parametres.smc : d.contrat.smc;
  return payGrid({
    type: d.contrat.type,
    diplome: d.formation.diplome,
    dateNaissance: d.alternant.dateNaissance,
    dateDebut: d.contrat.dateDebut,
    dateFin: d.contrat.dateFin,
    dureeHebdomadaire: d.contrat.dureeHebdomadaire,
    ...(smic === undefined ? {} : { smic }),
    ...(smc === undefined ? {} : { smc }),
    ...(d.contrat.majorations ? { majorations: d.contrat.majorations } : {}),
    ...(formation?.debutDeuxiemeAnnee ? { debutDeuxiemeAnnee: formation.debutDeuxiemeAnnee } : {}),
  });
}

/** Returns CALENDRIER_FORMATION_INTROUVABLE when the DDF or DFF at `key` is empty and no calendar of the year gives it. */
function missingFormationDate(d: FicheValidationMission, ctx: RuleContext, key: 'dateDebutFormation' | 'dateFinFormation'): Issue[] {
  if (d.formation[key] !== undefined) return [];
  const year = startYear(d);
  const calendar = calendarFor(year, ctx.parametres);
  const known = calendar
    ? `le calendrier ${calendar.anneeUniversitaire} ne donne pas cette formation`
    : `aucun calendrier de formation n’est connu pour l’année ${String(year)}/${String(year + 1)} (Paperasse fournit celui de 2025/2026)`;
  return [ctx.error('CALENDRIER_FORMATION_INTROUVABLE', `/formation/${key}`, `est vide et ${known} : saisissez-la, ou donnez le calendrier de l’année (--calendrier <fichier.json>)`)];
}

/** Returns DATES_FORMATION_DIFFERENTES_DU_CALENDRIER when the DDF or DFF typed at `key` is not the calendar's. */
function formationDateOffCalendar(d: FicheValidationMission, ctx: RuleContext, key: 'dateDebutFormation' | 'dateFinFormation'): Issue[] {
  const calendar = calendarFor(startYear(d), ctx.parametres);
  const formation = formationDates(d.formation.diplome, startYear(d), ctx.parametres);
  const typed = d.formation[key];
  if (typed === undefined || !formation || !calendar || typed === formation[key]) return [];
  return [
    ctx.error(
      'DATES_FORMATION_DIFFERENTES_DU_CALENDRIER',
      `/formation/${key}`,
      `(${formatFrenchDate(typed)}) n’est pas celle du calendrier de formation ${calendar.anneeUniversitaire} pour la formation « ${formation.intitule} » : ${formatFrenchDate(formation[key])} (Tableau 5). Corrigez-la, ou laissez-la vide pour qu’elle soit remplie depuis le calendrier`,
    ),
  ];
}

/** The years of study a repeated year may be, for each formation (§4.5): the Master in two years, its M1 or its M2. */
const REPEATABLE_YEARS: Record<string, RepeatedYear[]> = { 'l3i-miage': ['l3i'], 'master-miage': ['m1', 'm2'], 'm2-miage': ['m2'] };

/** How the guide names each repeated year. */
const REPEATED_YEAR_NAMES: Record<RepeatedYear, string> = { l3i: 'la L3I parcours MIAGE', m1: 'le M1 MIAGE', m2: 'le M2 MIAGE' };

/** Returns the repeated year of a fiche: the one typed when its formation has it, else the only one its formation has, else undefined. */
function repeatedYear(d: FicheValidationMission): RepeatedYear | undefined {
  const typed = d.contrat.redoublement?.anneeRedoublee;
  const allowed = REPEATABLE_YEARS[d.formation.diplome] ?? [];
  if (typed !== undefined) return allowed.includes(typed) ? typed : undefined;
  return allowed.length === 1 ? allowed[0] : undefined;
}

/** Returns the length in years of the contract a fiche describes: a new contract for a repeated year lasts 2 years after the M1, 1 year otherwise (§4.5); else the formation's. */
function contractYears(d: FicheValidationMission, parametres: FormParameters): 1 | 2 {
  const r = d.contrat.redoublement;
  const year = repeatedYear(d);
  if (r && !r.prorogation && year !== undefined) return year === 'm1' ? 2 : 1;
  return formationLength(d.formation.diplome, startYear(d), parametres);
}

/**
 * Returns the warning rule `code`: when the year's calendar has no `key` date (`what`), rule `rule` is not checked and
 * the validation says so, quoting where the guide leaves it (`guide`).
 */
function missingDateWarning(code: string, key: 'finProcessusValidation' | 'proclamationJurysAnneePrecedente', what: string, rule: string, guide: string, description: string): Rule {
  return {
    code,
    avertissement: true,
    description,
    check(data, ctx) {
      const d = data as FicheValidationMission;
      const calendar = calendarFor(startYear(d), ctx.parametres);
      if (calendar && calendar[key] !== null) return [];
      const year = startYear(d);
      const which = calendar ? `le calendrier de formation ${calendar.anneeUniversitaire} n’a pas de date ${what}` : `aucun calendrier de formation n’est connu pour ${String(year)}/${String(year + 1)}`;
      return [
        ctx.error(
          code,
          '/contrat/dateDebut',
          `: calendrier sans date ${what} : règle non vérifiée (${rule}). ${which.charAt(0).toUpperCase()}${which.slice(1)} (${guide}) ; donnez le calendrier de l’école (--calendrier <fichier.json>) pour que la règle soit vérifiée`,
        ),
      ];
    },
  };
}

/** The fiche de validation de mission en alternance (guide MIAGE d'Aix-Marseille 2025/2026, §3.3). */
export const ficheValidationMission: FormRules = {
  id: 'fiche-validation-mission',
  title: 'Fiche de validation de mission en alternance',
  source: { text: '004', reference: '§3.3, Tableaux 2 et 5' },
  version: '1.1.0',
  computations: (['dateDebutFormation', 'dateFinFormation'] as const).map((key) => ({
    path: `/formation/${key}`,
    description: `${key === 'dateDebutFormation' ? 'la DDF' : 'la DFF'} de la formation dans le calendrier de formation de l’année (Tableau 5), quand elle n’est pas saisie`,
    compute(data: unknown, _indices: number[], parametres: FormParameters) {
      const d = data as FicheValidationMission;
      if (d.formation[key] !== undefined) return undefined;
      return formationDates(d.formation.diplome, startYear(d), parametres)?.[key];
    },
  })),
  rules: [
    {
      code: 'CALENDRIER_FORMATION_INTROUVABLE',
      description:
        'Une DDF ou une DFF laissée vide est remplie depuis le calendrier de formation de l’année (celui de Paperasse pour 2025/2026, ou celui donné par --calendrier) ; sans calendrier pour l’année, elle doit être saisie.',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        return [...missingFormationDate(d, ctx, 'dateDebutFormation'), ...missingFormationDate(d, ctx, 'dateFinFormation')];
      },
    },
    {
      code: 'DATES_FORMATION_DIFFERENTES_DU_CALENDRIER',
      description:
        'Une DDF ou une DFF saisie est celle du calendrier de formation de l’année pour la formation suivie (Tableau 5 : 01/09/2025 – 03/07/2026 pour la L3I, 01/09/2025 – 03/09/2027 pour le Master, 04/09/2025 – 04/09/2026 pour le M2 en 2025/2026).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        return [...formationDateOffCalendar(d, ctx, 'dateDebutFormation'), ...formationDateOffCalendar(d, ctx, 'dateFinFormation')];
      },
    },
    datesInOrderRule({
      code: 'DATES_FORMATION_INCOHERENTES',
      description: 'La date de fin de formation (DFF) est postérieure à la date de début de formation (DDF) (Tableau 5).',
      start: '/formation/dateDebutFormation',
      end: '/formation/dateFinFormation',
      advice: 'vérifiez les deux dates dans le calendrier de la formation',
    }),
    withFormationDates({
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
    }),
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
    withFormationDates({
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
    }),
    withFormationDates({
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
    }),
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
      code: 'APPRENTISSAGE_APRES_30_ANS',
      description:
        'Un contrat d’apprentissage commence avant les 30 ans de l’étudiant(e) (la veille de son 30e anniversaire au plus tard) ; à 30 ans ou plus au jour de démarrage du contrat, l’alternance se fait en contrat de professionnalisation (§2.1.2, Figure 2). La limite ne s’applique pas à un(e) étudiant(e) reconnu(e) travailleur handicapé (RQTH, Code du travail, article L. 6222-2).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        if (d.contrat.type !== 'apprentissage' || d.alternant.rqth === true) return [];
        const thirty = addMonths(d.alternant.dateNaissance, 360);
        if (d.contrat.dateDebut < thirty) return [];
        return [
          ctx.error(
            'APPRENTISSAGE_APRES_30_ANS',
            '/contrat/type',
            `ne peut pas être un contrat d’apprentissage : né(e) le ${formatFrenchDate(d.alternant.dateNaissance)}, l’étudiant(e) a 30 ans le ${formatFrenchDate(thirty)}, au plus tard le jour de début du contrat (${formatFrenchDate(d.contrat.dateDebut)}) (§2.1.2). Un apprentissage doit commencer au plus tard le ${formatFrenchDate(addDays(thirty, -1))} ; sinon, proposez un contrat de professionnalisation (statut FC). La limite ne s’applique pas à un(e) étudiant(e) reconnu(e) travailleur handicapé (RQTH)`,
          ),
        ];
      },
    },
    withFormationDates({
      code: 'DUREE_CONTRAT_INCOHERENTE',
      description:
        'Un contrat d’apprentissage ou de professionnalisation dure 1 an (L3I, M2 MIAGE) ou 2 ans (Master MIAGE suivi dès le M1), de date à date à 6 mois près (de 6 mois à moins de 18 mois, ou de 18 mois à moins de 30 mois), dans les fenêtres de la DDC et de la DFC (Tableau 5) ; pour une année redoublée, une nouvelle alternance dure 2 ans après un M1 redoublé, 1 an après une L3I ou un M2 redoublé (§4.5).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        if (d.contrat.type === 'stage-alternance') return [];
        const n = contractYears(d, ctx.parametres);
        const min = addDays(addMonths(d.contrat.dateDebut, 12 * n - 6), -1);
        const max = addDays(addMonths(d.contrat.dateDebut, 12 * n + 6), -2);
        if (isBetween(d.contrat.dateFin, min, max)) return [];
        const dff = d.formation.dateFinFormation;
        return [
          ctx.error(
            'DUREE_CONTRAT_INCOHERENTE',
            '/contrat/dateFin',
            `(${formatFrenchDate(d.contrat.dateFin)}) ne donne pas un contrat de ${years(n)} : ${d.contrat.redoublement && !d.contrat.redoublement.prorogation ? `après ${REPEATED_YEAR_NAMES[repeatedYear(d) ?? 'l3i']} redoublé(e), une nouvelle alternance dure ${years(n)} (§4.5)` : `la formation suivie dure ${years(n)} (Tableau 5), le contrat aussi`}, soit pour un début le ${formatFrenchDate(d.contrat.dateDebut)} une fin comprise entre le ${formatFrenchDate(min)} et le ${formatFrenchDate(max)}, et entre le ${formatFrenchDate(dff)} (DFF) et le ${formatFrenchDate(addMonths(dff, 2))} (DFF + 2 mois)`,
          ),
        ];
      },
    }),
    {
      code: 'DEBUT_CONTRAT_APRES_FIN_VALIDATION',
      description:
        'Le contrat/la convention commence au plus tard à la fin du processus de validation que donne le calendrier de formation de l’année (Tableau 5 ; fin octobre/début novembre, date communiquée par la MIAGE, §3.3.1).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const end = calendarFor(startYear(d), ctx.parametres)?.finProcessusValidation;
        if (end === null || end === undefined || d.contrat.dateDebut <= end) return [];
        return [
          ctx.error(
            'DEBUT_CONTRAT_APRES_FIN_VALIDATION',
            '/contrat/dateDebut',
            `(${formatFrenchDate(d.contrat.dateDebut)}) doit être au plus tard le ${formatFrenchDate(end)}, fin du processus de validation du calendrier de formation (Tableau 5) : avancez la date de début`,
          ),
        ];
      },
    },
    {
      code: 'DEBUT_CONTRAT_AVANT_JURYS',
      description:
        'Le contrat/la convention commence après la proclamation des jurys de l’année précédente, quand le calendrier de formation en donne la date (Tableau 5).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const jury = calendarFor(startYear(d), ctx.parametres)?.proclamationJurysAnneePrecedente;
        if (jury === null || jury === undefined || d.contrat.dateDebut > jury) return [];
        return [
          ctx.error(
            'DEBUT_CONTRAT_AVANT_JURYS',
            '/contrat/dateDebut',
            `(${formatFrenchDate(d.contrat.dateDebut)}) doit suivre la proclamation des jurys de l’année précédente, le ${formatFrenchDate(jury)} (Tableau 5) : faites commencer le contrat au plus tôt le ${formatFrenchDate(addDays(jury, 1))}`,
          ),
        ];
      },
    },
    missingDateWarning(
      'CALENDRIER_SANS_FIN_VALIDATION',
      'finProcessusValidation',
      'de fin du processus de validation',
      'DEBUT_CONTRAT_APRES_FIN_VALIDATION',
      '« autour de fin octobre/début novembre », date exacte communiquée plus tard, §3.3.1',
      'Avertissement : quand le calendrier de formation de l’année ne donne pas la fin du processus de validation, DEBUT_CONTRAT_APRES_FIN_VALIDATION n’est pas vérifiée et la validation le signale. Le guide ne la fixe pas (« autour de fin octobre/début novembre […], la date exacte sera communiquée aux étudiants plus tard », §3.3.1) : le calendrier 2025/2026 de Paperasse la laisse vide ; le calendrier de l’école (--calendrier) la donne.',
    ),
    missingDateWarning(
      'CALENDRIER_SANS_JURYS',
      'proclamationJurysAnneePrecedente',
      'de proclamation des jurys de l’année précédente',
      'DEBUT_CONTRAT_AVANT_JURYS',
      'le Tableau 5 dit « APRES la proclamation des jurys » sans la dater',
      'Avertissement : quand le calendrier de formation de l’année ne donne pas la proclamation des jurys de l’année précédente, DEBUT_CONTRAT_AVANT_JURYS n’est pas vérifiée et la validation le signale. Le guide ne la date pas (« APRES la proclamation des jurys de l’année 2024/2025 », Tableau 5) : le calendrier 2025/2026 de Paperasse la laisse vide ; le calendrier de l’école (--calendrier) la donne.',
    ),
    withFormationDates({
      code: 'STAGE_SUR_DEUX_ANNEES',
      description:
        'En Master MIAGE suivi en deux ans, une convention de stage en alternance dure entre 6 mois et 1 an pour chaque année du Master : une convention commencée en M1 finit au plus tard le dernier jour du M1 (02/09/2026 en 2025/2027, Tableau 5 et note 23).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        if (d.contrat.type !== 'stage-alternance' || formationLength(d.formation.diplome, startYear(d), ctx.parametres) !== 2) return [];
        const formation = formationDates(d.formation.diplome, startYear(d), ctx.parametres);
        const m1End = formation?.finPremiereAnnee ?? addDays(addMonths(d.formation.dateDebutFormation, 12), -1);
        if (d.contrat.dateDebut > m1End || d.contrat.dateFin <= m1End) return [];
        return [
          ctx.error(
            'STAGE_SUR_DEUX_ANNEES',
            '/contrat/dateFin',
            `(${formatFrenchDate(d.contrat.dateFin)}) fait passer la convention de stage en alternance du M1 au M2 : une convention couvre une seule année du Master (de 6 mois à 1 an, Tableau 5) ; celle qui commence le ${formatFrenchDate(d.contrat.dateDebut)} finit au plus tard le ${formatFrenchDate(m1End)} (fin du M1), une autre convention suivra pour le M2`,
          ),
        ];
      },
    }),
    withFormationDates({
      code: 'REMUNERATION_INSUFFISANTE',
      description:
        'La rémunération brute mensuelle prévue atteint au moins le minimum légal au début du contrat : Tableau 6 pour l’apprentissage (année de contrat et âge, SMIC ou SMC au plus élevé, majorations), Tableau 7 pour la professionnalisation, gratification de 4,35 € de l’heure pour un stage en alternance de plus de 8 semaines équivalent temps complet (§4.2), au prorata des heures par semaine ; SMIC en vigueur au début du contrat (1 801,80 € depuis le 01/11/2024, 1 823,03 € depuis le 01/01/2026).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const first = fichePayGrid(d, ctx.parametres).periodes[0];
        if (!first || d.contrat.remunerationBruteMensuelle >= first.montantMensuelBrut) return [];
        const rate = first.taux === null ? 'gratification minimale' : `${String(first.taux)} % du ${first.base}`;
        return [
          ctx.error(
            'REMUNERATION_INSUFFISANTE',
            '/contrat/remunerationBruteMensuelle',
            `(${euros(d.contrat.remunerationBruteMensuelle)}) est inférieure au minimum légal au début du contrat, le ${formatFrenchDate(d.contrat.dateDebut)} : ${euros(first.montantMensuelBrut)} brut par mois (${rate}, ${cellName(d.contrat.type, first)}, pour ${String(d.contrat.dureeHebdomadaire).replace('.', ',')} heures par semaine). Prévoyez au moins ce montant (« paperasse remuneration » donne la grille de tout le contrat)`,
          ),
        ];
      },
    }),
    {
      code: 'PROROGATION_DEJA_ACCORDEE',
      description:
        'En cas de redoublement, le contrat ne peut être prorogé qu’une fois : une seule prorogation pour la L3I parcours MIAGE, une seule pour l’ensemble du Master MIAGE (§4.5) ; sinon, un nouveau contrat ou un redoublement sans alternance.',
      check(data, ctx) {
        const r = (data as FicheValidationMission).contrat.redoublement;
        if (!r?.prorogation || r.prorogationsDejaAccordees < 1) return [];
        return [
          ctx.error(
            'PROROGATION_DEJA_ACCORDEE',
            '/contrat/redoublement/prorogation',
            `n’est plus possible : ${String(r.prorogationsDejaAccordees)} prorogation(s) déjà accordée(s), une seule est permise pour la formation (§4.5). Envisagez un nouveau contrat (cf. §5) ou un redoublement sans alternance`,
          ),
        ];
      },
    },
    {
      code: 'REDOUBLEMENT_ANNEE_HORS_FORMATION',
      description:
        'L’année redoublée appartient à la formation suivie : la L3I pour la L3I parcours MIAGE, le M1 ou le M2 pour le Master MIAGE en deux ans, le M2 pour le M2 MIAGE (§1.2, §4.5).',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const typed = d.contrat.redoublement?.anneeRedoublee;
        const allowed = REPEATABLE_YEARS[d.formation.diplome] ?? [];
        if (typed === undefined || allowed.includes(typed)) return [];
        return [
          ctx.error(
            'REDOUBLEMENT_ANNEE_HORS_FORMATION',
            '/contrat/redoublement/anneeRedoublee',
            `(${REPEATED_YEAR_NAMES[typed]}) n’est pas une année de la « ${ctx.label('/formation/diplome')} » : choisissez ${allowed.map((y) => REPEATED_YEAR_NAMES[y]).join(' ou ')} (§4.5)`,
          ),
        ];
      },
    },
    {
      code: 'PROROGATION_M1_SANS_ACCORD_OPCO',
      description:
        'Un M1 MIAGE redoublé rompt le contrat d’alternance, sauf accord exprès de l’OPCO : sans cet accord, pas de prorogation ; une nouvelle alternance peut être conclue pour 2 ans, ou le redoublement se faire sans alternance (§4.5). La prorogation accordée compte pour la seule de l’ensemble du Master.',
      check(data, ctx) {
        const d = data as FicheValidationMission;
        const r = d.contrat.redoublement;
        if (!r?.prorogation || repeatedYear(d) !== 'm1' || r.accordExpresOpco === true || d.contrat.type === 'stage-alternance') return [];
        return [
          ctx.error(
            'PROROGATION_M1_SANS_ACCORD_OPCO',
            '/contrat/redoublement/prorogation',
            `n’est possible en M1 MIAGE redoublé qu’avec l’accord exprès de l’OPCO (« ${ctx.label('/contrat/redoublement/accordExpresOpco')} ») : sans lui, le contrat d’alternance doit être rompu (§4.5, bordereau de rupture §5). Une nouvelle alternance peut alors être conclue pour 2 ans, ou le redoublement se faire sans alternance`,
          ),
        ];
      },
    },
    {
      code: 'PROROGATION_STAGE_ALTERNANCE',
      description:
        'Une convention de stage en alternance ne se proroge pas : quelle que soit l’année redoublée, le stage va à sa fin ; l’étudiant(e) peut repartir sur une autre alternance (§4.5, §5).',
      check(data, ctx) {
        const c = (data as FicheValidationMission).contrat;
        if (c.type !== 'stage-alternance' || c.redoublement?.prorogation !== true) return [];
        return [
          ctx.error(
            'PROROGATION_STAGE_ALTERNANCE',
            '/contrat/redoublement/prorogation',
            'ne s’applique pas à une convention de stage en alternance : quelle que soit l’année redoublée, le stage va à sa fin (§4.5). Une nouvelle convention (nouvelle validation de mission) peut être établie pour l’année redoublée (cf. §5)',
          ),
        ];
      },
    },
    {
      code: 'HEURES_FORMATION_INSUFFISANTES',
      description:
        'Pour une année redoublée, un nouveau contrat d’alternance ne s’établit que si les heures de formation restant à valider atteignent le minimum légal : 25 % du temps de travail du contrat pour un contrat d’apprentissage (402 heures pour 12 mois, soit 1 607 heures), 15 % et au moins 150 heures pour un contrat de professionnalisation (§4.5).',
      check(data, ctx) {
        const c = (data as FicheValidationMission).contrat;
        const r = c.redoublement;
        if (!r || r.prorogation || c.type === 'stage-alternance') return [];
        const need = minimumTrainingHours(c.type, c.dateDebut, c.dateFin);
        if (r.heuresFormationRestantes >= need.heures) return [];
        return [
          ctx.error(
            'HEURES_FORMATION_INSUFFISANTES',
            '/contrat/redoublement/heuresFormationRestantes',
            `(${String(r.heuresFormationRestantes)} heures) n’atteint pas le minimum légal de ${String(need.heures)} heures pour ${CONTRACT_NAMES[c.type]} du ${formatFrenchDate(c.dateDebut)} au ${formatFrenchDate(c.dateFin)} : ${need.explication} (§4.5). Sans ce minimum, aucun contrat d’alternance ne peut être signé pour l’année de redoublement`,
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
    withFormationDates({
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
    }),
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
