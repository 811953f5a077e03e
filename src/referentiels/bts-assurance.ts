/**
 * Static texts printed on the BTS Assurance evaluation grids and school record (circulaire d’organisation,
 * session 2019, annexes III, VII, VIII, X and XI), kept verbatim so that the schemas and the renderer print
 * the same words. `test/forms/referentiel-bts-assurance.test.ts` checks the schemas' titles against them.
 * Runs of spaces of the source are collapsed; spelling (including the source's typos) is kept as printed.
 */

/** One numbered line of a "Rappel des indicateurs d’évaluation" or "Rappel des critères" list. */
export interface NumberedIndicator {
  /** The number printed in parentheses, referred to by the competencies' labels. */
  number: number;
  /** The text printed after the number. */
  label: string;
}

/** E32 competencies (annexes VII and VIII), keyed as in the grids' `competences` object, in printed order. */
export const E32_COMPETENCIES = {
  C2: 'C2-Évaluer si la situation relève de son périmètre de responsabilité, et le cas échéant transférer vers le service compétent (1) (2)',
  C3: "C3-Identifier les informations à intégrer, à partager et à exploiter dans le système d'information (1) (4) (6) (9) (15) (16)",
  C5: 'C5-Communiquer efficacement dans un contexte commercial (2) (3) (5) (7) (8) (12) (14)',
  C6: 'C6-Découvrir les attentes et/ou le besoin de produits ou de services (4) (9) (10)',
  C7: 'C7-Informer et orienter (11) (14) (15) (16)',
  C8: "C8-Assurer le suivi de l'entretien d'accueil (4) (5) (6) (12)",
  C18: "C18-Établir et mettre en œuvre un plan de prospection, un plan d'action commerciale (4) (6) (9) (12) (16)",
  C19: 'C19-Sélectionner et/ou réaliser des outils de communication adaptés (13) (14) (15) (16)',
  C20: 'C20-Conduire un entretien commercial et en assurer le suivi (6) (7) (10) (12)',
  C21: "C21-Sélectionner et conseiller une solution pertinente à partir de l'évaluation du risque et/ou du besoin (3) (4) (11) (12) (16)",
  C22: 'C22-Établir et présenter un devis, comparer, expliquer les garanties et leurs limites (12) (13) (16)',
  C23: 'C23-Appliquer la règlementation propre à la souscription (2) (12) (16)',
  C24: "C24-Rechercher et exploiter les informations économiques, juridiques fiscales ou commerciales nécessaires à l'exercice du conseil (4) (6) (11) (13) (14) (15) (16)",
} as const;

/** Key of an E32 competency ("C2" … "C24"). */
export type E32Competency = keyof typeof E32_COMPETENCIES;

/** E32 "Rappel des indicateurs d’évaluation" (annexes VII and VIII), as printed (typos "C5n", "C19 C22" included). */
export const E32_INDICATORS: readonly NumberedIndicator[] = [
  { number: 1, label: 'Évalue si la situation relève de son périmètre de responsabilité, et le cas échéant transfère vers le service compétent (C2, C3)' },
  { number: 2, label: 'Tient compte des contraintes pour fixer les objectifs de l’entretien (C2, C5, C23)' },
  { number: 3, label: 'Résout le besoin initial dans le temps imparti (C5, C20)' },
  { number: 4, label: 'Propose une offre complémentaire pertinente ou recueille les informations pour le faire (C3, C6, C8, C18, C21, C24)' },
  { number: 5, label: 'Personnalise la prise de congé (C5, C8)' },
  {
    number: 6,
    label:
      'Prévoit un suivi adéquat : pertinence, synthèse, complétude et hiérarchisation des informations et opportunités transmises ou partagées pour décision ou action, et de la liste ou du compte rendu des opérations réalisées ou à faire, du calendrier. (C3, C8, C18, C20, C24)',
  },
  { number: 7, label: "Met en œuvre une structure d'entretien efficace (C5, C20)" },
  { number: 8, label: 'Personnalise la relation, fait preuve d’empathie (C5)' },
  { number: 9, label: 'Collecte les informations nécessaires sur les besoins initiaux et complémentaires (C3, C6, C18)' },
  { number: 10, label: 'Reformule avec exactitude les besoins et motivations (C6, C20)' },
  { number: 11, label: "Propose une solution cohérente avec la problématique du client et les objectifs de l'entreprise (C7, C21, C24)" },
  {
    number: 12,
    label:
      "Concrétise son action conformément aux besoins et motivations exprimés ou découverts ainsi qu'à l'offre et au positionnement de l'entreprise (C5n C8, C18, C20, C21, C22, C23)",
  },
  { number: 13, label: 'Établit un/des devis, présente, compare, explique les garanties et leurs limites (C19 C22, C24)' },
  { number: 14, label: 'Mobilise les supports crées ou sélectionnés de communication de manière convaincante (C5, C7, C19, C24)' },
  { number: 15, label: "Respecte la règlementation et les procédures de l'entreprise (C3, C7, C19, C24)" },
  {
    number: 16,
    label:
      "Mobilise les connaissances des fondamentaux de l'assurance, des produits d’assurance, de l'économie, du marketing, du management, du droit pour résoudre les situations et conseiller (C3, C7, C18, C19, C21, C22, C23, C24)",
  },
];

/** E42 competencies (annexe X), keyed as in the grid's `competences` object, in printed order. */
export const E42_COMPETENCIES = {
  C25: 'C 25 Accueillir le déclarant à l’occasion d’un sinistre ou d’une demande de prestation (1)',
  C26: 'C 26 Comprendre les circonstances de l’évènement à l’origine de la demande (2) (3)',
  C27: 'C 27 Identifier les informations utiles au traitement d’un sinistre ou d’une demande de prestation (4) (11)',
  C28: 'C 28 Vérifier la recevabilité de la déclaration ou de la demande (5) (6)',
  C29: 'C 29 Énoncer et expliquer les éléments de la procédure (5) (6) (7) (8) (9)',
  C30: 'C 30 Préconiser les mesures conservatoires et les prendre le cas échéant (5) (6) (8) (9)',
  C31: 'C 31 Expliquer les conditions de garantie, le règlement de sinistre ou le refus de garantie (6) (8) (11)',
  C32: 'C 32 Argumenter sur les différents types de prise en charge, de prestations (10) (11)',
} as const;

/** Key of an E42 competency ("C25" … "C32"). */
export type E42Competency = keyof typeof E42_COMPETENCIES;

/** E42 "Rappel des indicateurs d’évaluation" (annexe X), as printed. */
export const E42_INDICATORS: readonly NumberedIndicator[] = [
  { number: 1, label: "Personnalisation de l'accueil" },
  { number: 2, label: 'Qualité du questionnement de découverte des circonstances du sinistre et du besoin' },
  {
    number: 3,
    label:
      "Pertinence de l'évaluation de la situation au regard des informations recueillies ou disponibles, du contrat et de la réglementation (compréhension du sinistre et de ses conséquences et de ses implications contractuelles)",
  },
  {
    number: 4,
    label:
      'Exhaustivité des informations recueillies ou demandées utiles à la gestion du dossier et à la mise à jour des informations relatives au client',
  },
  { number: 5, label: "Adéquation des opérations proposées avec la situation : mesures conservatoires, mission d'expert, déclenchement de l'assistance" },
  { number: 6, label: 'Respect de la réglementation et des conditions contractuelles et conventionnelles' },
  { number: 7, label: "Qualité de l'information donnée au client sur les suites de sa déclaration et tout au long de la gestion du sinistre" },
  {
    number: 8,
    label:
      "Adaptation de la communication : s'assurer de la bonne compréhension de la procédure par l'assuré(e) à travers la reformulation, l'argumentation. la réponse aux questions, etc.",
  },
  { number: 9, label: 'Efficience de la procédure : temps, choix et coût de la solution, proposition de services associés, dans le respect de la réglementation' },
  { number: 10, label: 'Exercice du devoir de conseil' },
  { number: 11, label: "Satisfaction du client et préservation des intérêts de l'entreprise d'assurance" },
  { number: 12, label: "Analyse réflexive et prise de recul sur l'ensemble des critères ci-dessus" },
];

/** E5 competencies (annexe XI): the printed code and its label, joined by a space, in printed order. */
export const E5_COMPETENCIES = {
  C1: "C1 Utiliser les outils numériques et systèmes d'information de l'entreprise (1), (2), (6)",
  C42: "C42 Utiliser les outils collaboratifs numériques de l'entreprise pour contacter et coordonner les interlocuteurs (1), (3)",
  C43: 'C43 Appliquer la réglementation relative à la protection des données personnelles et à la vente à distance (5)',
  C44: "C44 Appliquer les procédures numériques de l'entreprise (1), (3), (6)",
  C45: 'C45 Mobiliser le canal ou le média de communication adapté (6)',
  C46: 'C46 Utiliser de façon responsable des outils numériques (1), (5)',
  C47: 'C47 Communiquer par écrit sur média numérique : messagerie électronique, messagerie instantanée, pages de sites internet, réseaux sociaux, autres médias numériques (1), (2)',
  C48: 'C48 Orienter un interlocuteur vers l’outil numérique le plus adapté (1), (7)',
  C49: "C49 Utiliser les ressources numériques de l'entreprise et les ressources numériques externes à l'entreprise (1), (2), (6)",
} as const;

/** Key of an E5 competency ("C1", "C42" … "C49"). */
export type E5Competency = keyof typeof E5_COMPETENCIES;

/** E5 "Rappel des critères de l’évaluation" (annexe XI), as printed. */
export const E5_CRITERIA: readonly NumberedIndicator[] = [
  { number: 1, label: 'Pertinence du choix du canal de communication, des outils et des applications numériques professionnelles et de bureautique' },
  {
    number: 2,
    label:
      'Efficacité des fonctionnalités mises en œuvre dans les outils et applications numériques au regard des objectifs relationnels, opérationnels et réglementaires',
  },
  {
    number: 3,
    label: 'Qualité de la communication écrite digitale en fonction du support, clarté de l’expression, concision, respect des usages des écrits professionnels',
  },
  { number: 4, label: 'Respect des règles de sécurité du poste de travail fixe ou nomade concernant les informations et les accès' },
  {
    number: 5,
    label:
      'Respect de la réglementation, de la déontologie et du règlement d’entreprise en matière de maîtrise des risques quant au contenu des données : protection des données personnelles, modération du contenu des messages, etc.',
  },
  { number: 6, label: 'Efficience de la recherche d’information mobilisant les ressources pertinentes : internet et intranet de l’entreprise' },
  { number: 7, label: 'Maîtrise de l’interopérabilité des données reçues et émises' },
];

/** Level legend printed under the E32 and E42 grids (annexes VII, VIII, X), by level code. */
export const LEVEL_LEGEND = {
  TI: 'TI = Très insuffisant ne fait pas et n’a pas conscience qu’il doit faire, n’a pas idée de comment faire',
  I: 'I = insuffisant ne fait pas ou peu mais sait qu’il devrait faire et peut proposer des pistes de remédiation',
  S: 'S = Satisfaisant fait mais avec peu de recul (= montre peu de potentiel d’adaptation',
  TS: 'TS = Très satisfaisant fait, justifie, a du recul sur son action, donc est capable en toute conscience de l’adapter en fonction du contexte',
  NO: 'NO = Non observable',
} as const;

/** Level legend printed under the E5 grid (annexe XI): no NO column, "Insuffisant" capitalised. */
export const E5_LEVEL_LEGEND = {
  TI: LEVEL_LEGEND.TI,
  I: 'I = Insuffisant ne fait pas ou peu mais sait qu’il devrait faire et peut proposer des pistes de remédiation',
  S: LEVEL_LEGEND.S,
  TS: LEVEL_LEGEND.TS,
} as const;

/** Closing sentence printed under every evaluation grid (annexes VII, VIII, X, XI). */
export const POSITIONING_SENTENCE =
  'La grille permet un positionnement du candidat(e) ; la note est attribuée globalement sans donner lieu à une décomposition par critère.';

/** Heading of the E32 grids (annexes VII and VIII). */
export const E32_HEADER = 'APPRÉCIATION DE L’ÉPREUVE E32 : DÉVELOPPEMENT COMMERCIAL ET CONDUITE D’ENTRETIEN';

/** Second heading line of the E32 CCF grid (annexe VII). */
export const CCF_MENTION = 'CONTRÔLE EN COURS DE FORMATION';

/** Second heading line of the E32 grid's "Grille d’aide à l’évaluation" page, forme ponctuelle (annexe VIII). */
export const PONCTUELLE_MENTION = 'FORME PONCTUELLE';

/** Heading of the E32 and E42 "Grille d’aide à l’évaluation" pages (annexes VII, VIII, X). */
export const AID_GRID_TITLE = 'Grille d’aide à l’évaluation';

/** Heading of the E42 grid (annexe X). */
export const E42_HEADER = 'ÉPREUVE E42 - Accueil en situation de sinistre';

/** Heading of the E5 grid (annexe XI). */
export const E5_HEADER =
  'Évaluation CCF de l\'épreuve E5 Coef. 2 : Communication digitale, utilisation du système d’information et des outils numériques';

/** Quotation printed on the E5 grid (annexe XI) above "Description succincte du portfolio". */
export const E5_PORTFOLIO_PRESENTATION: readonly string[] = [
  '« Le portfolio comporte une évaluation de la réalité des activités et missions conduites par le candidat ou par la candidate. Il doit rassembler des éléments apportant la preuve des compétences mobilisées en regard des activités qui ont permis de mobiliser la communication digitale, l’utilisation du système d’information et des outils numériques.',
  'Ces activités doivent mettre en œuvre les fonctionnalités des applications de l’entreprise, du traitement de texte, d’un tableur, d’un logiciel de présentation assistée par ordinateur, des outils de communication digitaux : messagerie électronique et/ou instantanée, réseaux sociaux, pages web, applications mobiles, navigation sur internet et sur l’intranet de l’entreprise, etc.',
  'Les éléments rassemblés peuvent être :',
  '· des productions résultant des activités professionnelles réalisées par le candidat ou la candidate en situation réelle ou simulée ;',
  '· des résultats de contrôles de l’acquisition des compétences visées, librement organisés par l’équipe enseignante tout au long de la formation ;',
  '· tout autre élément jugé pertinent par les membres de la commission d’évaluation. »',
];

/** Heading of the livret scolaire (annexe III), followed by the session year. */
export const LIVRET_HEADER = 'BREVET DE TECHNICIEN SUPÉRIEUR ASSURANCE – SESSION';

/** Rows of the livret scolaire's subjects table (annexe III), keyed as in its `matieres` object, in printed order. */
export const LIVRET_SUBJECTS = {
  cultureGenerale: 'Culture générale et expression',
  langueVivante1: 'Langue vivante étrangère 1',
  cultureProfessionnelle: 'Culture professionnelle appliquée',
  venteDeveloppementCommercial: 'Vente et développement commercial',
  gestionSinistres: 'Gestion des sinistres',
  relationClientsSinistres: 'Relation clients sinistres',
  ateliersProfessionnalisation: 'Ateliers de professionnalisation',
  langueVivante2: 'Langue vivante 2 facultative',
} as const;

/** Key of a livret scolaire subject. */
export type LivretSubject = keyof typeof LIVRET_SUBJECTS;

/** Columns of the livret's profile graph (annexe III), keyed as in its `profil` object, labels as printed there. */
export const PROFILE_SUBJECTS = {
  cultureGenerale: 'Culture générale et expression',
  langueVivante1: 'Langue vivante étrangère 1',
  cultureProfessionnelle: 'Culture professionnelle appliquée',
  venteDeveloppementCommercial: 'Vente et développement commercial',
  gestionSinistres: 'Gestion des sinistres',
  relationClientsSinistres: 'Relation client sinistres',
} as const;

/** Key of a subject shown on the livret's profile graph. */
export type ProfileSubject = keyof typeof PROFILE_SUBJECTS;

/** Note printed under the livret's profile graph (annexe III). */
export const OPTIONAL_SUBJECTS_NOTE = 'Les matières facultatives ne figurent pas sur le graphique';

/** Instruction printed under the livret's profile graph (annexe III). */
export const PROFILE_INSTRUCTION = 'Mettre une croix dans les cases correspondantes et relier les points afin de créer un profil.';

/** Lowest and highest positions of the livret's profile graph, around "Moyenne de la classe" (annexe III). */
export const PROFILE_BOUNDS = { min: -10, max: 10 } as const;
