/**
 * The académie's conformity check of a dossier professionnel (circulaire BTS Assurance 2019, §1.4.2 B and
 * §1.4.4 E32/E42): what would earn the mention NV (non valide) at E32 and/or E42. Every rule has a stable
 * code; only the épreuves the candidate presents are judged. The rules read the data defensively, because a
 * dossier that does not pass its schema is still checked (its validation errors are reported beside).
 */
import { addDays, addMonths, formatFrenchDate } from '../core/dates.ts';
import type { Issue, RuleCode } from '../core/issues.ts';
import { isJsonObject } from '../core/json.ts';
import { toPointer } from '../core/pointer.ts';
import { foldForComparison } from '../core/text.ts';
import { MAX_ERRORS } from '../core/validation.ts';

/** The two épreuves the dossier professionnel supports. */
export type Epreuve = 'E32' | 'E42';

/** Every épreuve, in the circular's order. */
export const EPREUVES: readonly Epreuve[] = ['E32', 'E42'];

/** The verdict for one épreuve. */
export interface EpreuveReport {
  conforme: boolean;
  motifs: Issue[];
}

/** The conformity report of a dossier (the JSON printed by `paperasse dossier check --json`). */
export interface ConformityReport {
  /** True when every judged épreuve is conforming. */
  conforme: boolean;
  /** One verdict per épreuve the candidate presents. */
  epreuves: Partial<Record<Epreuve, EpreuveReport>>;
  /** What does not make the dossier non valide but deserves a look before sending it. */
  avertissements: Issue[];
  /** The dossier's validation errors (schema and form rules), the first MAX_ERRORS of them; empty when it is valid. */
  erreurs: Issue[];
  /** How many more validation errors were found but not listed (absent when every error is listed). */
  erreursNonListees?: number;
}

/** The candidates a rule applies to when it applies to every status (scolaire, apprenti, formation continue, individuel). */
const ALL = 'tous';

/**
 * The conformity rules and warnings (listed in the README): the épreuves a finding counts against, the candidates
 * (statuses) it applies to, the rule as Paperasse checks it, and the words of the circular it comes from (003, §1.4.2
 * and §1.4.4); a warning the circular does not name quotes what it protects, or says it is Paperasse's own.
 */
export const CONFORMITY_RULES = [
  {
    code: 'VISA_MANQUANT',
    epreuves: 'E32, E42',
    candidats: 'scolaire, apprenti, formation continue',
    regle: 'La page de garde porte le visa du représentant de l’équipe pédagogique : nom et qualité du signataire, date et signature (annexe XII).',
    citation: '« dossier non visé ou signé par les personnes désignées à cet effet (cette disposition ne s’applique pas aux candidats individuels) » (§1.4.2 B) ; « le visa du représentant de l’équipe pédagogique désigné par le chef d’établissement » (§1.4.2 A 1) ; annexe XII : « Nom et qualité du signataire », « Date », « Signature ».',
  },
  {
    code: 'ATTESTATION_HONNEUR_MANQUANTE',
    epreuves: 'E32, E42',
    candidats: 'individuel',
    regle: 'Un candidat individuel remplit l’attestation sur l’honneur de la page de garde : « Fait à », date et signature (annexe XII).',
    citation: 'Annexe XII : « Attestation sur l’honneur pour les candidats individuels : », « Fait à », « Date », « Signature ».',
  },
  {
    code: 'PAGE_DE_GARDE_INCOMPLETE',
    epreuves: 'E32, E42',
    candidats: ALL,
    regle: 'La page de garde porte le nom et le prénom du candidat et, sauf candidat individuel, l’établissement de formation.',
    citation: '« Une page de garde sur laquelle figure – le nom et le prénom du candidat – le nom de l’établissement (sur l’un des deux dossiers à transmettre) » (§1.4.2 A 1).',
  },
  {
    code: 'ATTESTATION_PRESENCE_MANQUANTE',
    epreuves: 'E32, E42',
    candidats: ALL,
    regle: 'Le dossier contient au moins une attestation de présence, un certificat de travail ou un certificat de stage.',
    citation: '« Les attestations de présence en contrat d’apprentissage ou certificats de travail ou certificats de stages » (§1.4.2 A 2).',
  },
  {
    code: 'DUREE_STAGE_INSUFFISANTE',
    epreuves: 'E32, E42',
    candidats: 'scolaire ; formation continue et individuel sans certificat de travail ni attestation de l’employeur valables',
    regle: 'Les certificats de stage totalisent au moins 75 journées (15 semaines). Le certificat de travail ou l’attestation de l’employeur les remplace pour un candidat de la formation continue ou individuel ; un candidat scolaire présente ses stages.',
    citation: '« durée de stage inférieure à la durée requise par la réglementation de l’examen, c’est-à-dire de 15 à 16 semaines maximum (soit entre 75 et 80 journées) » (§1.4.2 B) ; « est exigée à l’examen à la place des certificats de stage » (§1.4.2 B, certificats d’activités professionnelles).',
  },
  {
    code: 'ACTIVITE_PROFESSIONNELLE_INSUFFISANTE',
    epreuves: 'E32, E42',
    candidats: 'apprenti ; formation continue et individuel sans certificat de stage',
    regle: 'L’attestation de l’employeur couvre les deux années de formation (début au plus tard le 30 novembre de la première année, fin dans la seconde), ou des certificats de travail à temps plein, consécutifs (ils s’additionnent), couvrent au moins 6 mois dans l’année qui précède les épreuves (lecture de Paperasse : du 1er juin de l’année précédente au 31 mai de la session, les épreuves commençant en mai).',
    citation: '« La photocopie du certificat de travail d’au moins 6 mois à temps plein pendant l’année ou une attestation de l’employeur confirmant la qualité d’apprenti ou de salarié sous contrat de professionnalisation durant les deux années passées dans l’entreprise, est exigée à l’examen à la place des certificats de stage. » (§1.4.2 B)',
  },
  {
    code: 'FICHE_CONTEXTE_MANQUANTE',
    epreuves: 'celle de la fiche',
    candidats: ALL,
    regle: 'Le dossier contient au moins une fiche contexte, et celle que cite chaque fiche d’activités.',
    citation: '« Une fiche ou plusieurs descriptive(s) du contexte (annexe IV) de la ou des entreprises dans laquelle – lesquelles – le candidat ou la candidate a réalisé son stage ou exécuté son contrat de travail » (§1.4.2 A 3).',
  },
  {
    code: 'FICHE_CONTEXTE_ENTREPRISE_MANQUANTE',
    epreuves: 'E32, E42',
    candidats: ALL,
    regle: 'Le dossier contient une fiche contexte « contexte réel » par entreprise attestée (certificat de stage, certificat de travail, attestation de l’employeur) : il y en a moins que d’entreprises.',
    citation: '« Une fiche ou plusieurs descriptive(s) du contexte (annexe IV) de la ou des entreprises dans laquelle – lesquelles – le candidat ou la candidate a réalisé son stage ou exécuté son contrat de travail » (§1.4.2 A 3).',
  },
  {
    code: 'NOMBRE_FICHES_E32',
    epreuves: 'E32',
    candidats: ALL,
    regle: 'Le dossier contient exactement 5 fiches d’activités E32.',
    citation: '« Un ensemble de 5 fiches d’activités chacune associée à une fiche client (annexes V et VI) numérotées de 1 à 5 […] qui serviront de support à l’épreuve E32 » (§1.4.2 A 4).',
  },
  {
    code: 'NOMBRE_FICHES_E42',
    epreuves: 'E42',
    candidats: ALL,
    regle: 'Le dossier contient exactement 4 fiches d’activités E42.',
    citation: '« Un ensemble de 4 fiches d’activités chacune associée à une fiche client (annexes V et IX numérotées de 6 à 9 […] qui serviront de support à l’épreuve E42 » (§1.4.2 A 5).',
  },
  {
    code: 'NUMEROTATION_FICHES',
    epreuves: 'celle de la fiche',
    candidats: ALL,
    regle: 'Les fiches E32 sont numérotées de 1 à 5, les fiches E42 de 6 à 9, chaque numéro une seule fois.',
    citation: '« numérotées de 1 à 5 » (§1.4.2 A 4) ; « numérotées de 6 à 9 » (§1.4.2 A 5).',
  },
  {
    code: 'FICHE_CLIENT_MANQUANTE',
    epreuves: 'celle de la fiche',
    candidats: ALL,
    regle: 'Chaque fiche d’activités est associée à une fiche client (annexe VI).',
    citation: '« chacune associée à une fiche client » (§1.4.2 A 4 et 5).',
  },
  {
    code: 'E32_PRODUITS_INSUFFISANTS',
    epreuves: 'E32',
    candidats: ALL,
    regle: 'Les fiches E32 portent sur au moins 3 produits différents d’assurance ou de banque.',
    citation: '« Les activités décrites dans les fiches portent sur au moins 3 produits différents d’assurance ou de banque choisis par le candidat ou la candidate. » (§1.4.4, E32)',
  },
  {
    code: 'E32_SITUATION_MANQUANTE',
    epreuves: 'E32',
    candidats: ALL,
    regle: 'Les fiches E32 comportent une situation de biens et de responsabilité, une de personnes, une du professionnel (artisan, commerçant, profession libérale, syndic) et une d’épargne.',
    citation: '« Parmi les activités présentées doivent obligatoirement figurer au moins : » « une situation d’assurance de biens et de responsabilité, » « une situation d’assurance de personnes, » « une situation d’assurance du professionnel artisan, commerçant, profession libérale ou syndic de copropriété, soit en assurance de biens et de responsabilité, soit en assurance de personnes, » « et une situation d’épargne assurantielle ou bancaire » (§1.4.4, E32).',
  },
  {
    code: 'E42_PRODUITS_INSUFFISANTS',
    epreuves: 'E42',
    candidats: ALL,
    regle: 'Les fiches E42 portent sur au moins 3 produits différents d’assurance : un produit bancaire (épargne bancaire) ne compte pas.',
    citation: '« Ces activités portent sur au moins 3 produits différents d’assurance choisis par le candidat ou la candidate. » (§1.4.4, E42)',
  },
  {
    code: 'E42_SITUATION_MANQUANTE',
    epreuves: 'E42',
    candidats: ALL,
    regle: 'Les fiches E42 comportent une situation de biens et de responsabilité et une de personnes.',
    citation: '« Parmi les activités présentées doivent obligatoirement figurer au moins: » « une situation d’assurance de biens et de responsabilité, » « une situation d’assurance de personnes » (§1.4.4, E42).',
  },
  {
    code: 'DONNEES_INVALIDES',
    epreuves: 'celle de la partie en erreur (une fiche d’activités : son épreuve ; une fiche contexte : celle des fiches qu’elle concerne ; le reste : les deux)',
    candidats: ALL,
    regle: 'Un dossier dont les données ne sont pas valides (schéma et règles des annexes) n’est pas conforme pour l’épreuve que la partie en erreur concerne.',
    citation: '« Elles sont réalisées conformément aux modèles fournis en annexe. » (§1.4.2 A)',
  },
  {
    code: 'DUREE_STAGE_EXCESSIVE',
    epreuves: 'avertissement',
    candidats: 'ceux dont les stages sont comptés',
    regle: 'Les certificats de stage dépassent 80 journées (16 semaines), la durée maximale : à vérifier, pas un motif de non-validité.',
    citation: '« de 15 à 16 semaines maximum (soit entre 75 et 80 journées) » (§1.4.2 B).',
  },
  {
    code: 'FICHE_CONTEXTE_ENTREPRISE_NON_RETROUVEE',
    epreuves: 'avertissement',
    candidats: ALL,
    regle: 'Le nom d’une entreprise attestée ne se retrouve dans le nom d’aucune fiche contexte « contexte réel », alors qu’il y a autant de fiches que d’entreprises : vérifiez que chaque entreprise a sa fiche.',
    citation: '« de la ou des entreprises dans laquelle – lesquelles – le candidat ou la candidate a réalisé son stage ou exécuté son contrat de travail » (§1.4.2 A 3).',
  },
  {
    code: 'FICHES_EPREUVE_NON_PRESENTEE',
    epreuves: 'avertissement',
    candidats: ALL,
    regle: 'Le dossier (ou sous-dossier) contient des fiches d’une épreuve qu’il n’accompagne pas : elles ne sont pas jugées et ne rendent pas l’autre épreuve non valide.',
    citation: '« Il peut être composé de deux sous-dossiers lorsque les candidats ne passent pas l’épreuve dans le même centre d’examen. » ; fiches « qui serviront de support à l’épreuve E32 [E42] lorsque le candidat est inscrit à cette épreuve » (§1.4.2 A).',
  },
  {
    code: 'MENTION_ETABLISSEMENT',
    epreuves: 'avertissement',
    candidats: ALL,
    regle: 'Le nom de l’établissement figure ailleurs que sur la page de garde : l’exemplaire anonyme le porterait.',
    citation: '« Il est envoyé en double exemplaires dont l’un ne portera aucune mention de l’établissement de formation. » (§1.4.2 A)',
  },
  {
    code: 'JUSTIFICATIF_NON_JOINT',
    epreuves: 'avertissement',
    candidats: ALL,
    regle: 'Une attestation du tableau n’a pas de document numérisé : elle ne sera pas insérée dans le dossier produit.',
    citation: '— (proposition de Paperasse : le dossier produit insère les documents numérisés)',
  },
] as const;

/** A code of the conformity rules above. */
export type ConformityCode = (typeof CONFORMITY_RULES)[number]['code'];

/** Returns a conformity rule's code as an issue code: declared, with its explanation, in `CONFORMITY_RULES`. */
function declared(code: ConformityCode): RuleCode {
  return code as string as RuleCode;
}

/** Minimum and maximum internship length of a scolaire candidate, in days (§1.4.2 B: 15 to 16 weeks). */
export const STAGE_MIN_DAYS = 75;
export const STAGE_MAX_DAYS = 80;
/** A work certificate replaces the internship certificates when it covers at least this many months full time. */
export const WORK_CERTIFICATE_MONTHS = 6;
/** Number of products and of fiches each épreuve needs. */
const PRODUCTS_MIN = 3;
const FICHES = { E32: { key: 'fichesActiviteE32', count: 5, first: 1 }, E42: { key: 'fichesActiviteE42', count: 4, first: 6 } } as const;

/** The professionals the E32 mandatory "assurance du professionnel" situation names. */
const PROFESSIONALS: Record<string, string> = {
  artisan: 'artisan',
  commercant: 'commerçant',
  'profession-liberale': 'profession libérale',
  'syndic-copropriete': 'syndic de copropriété',
};

/** Product categories, for messages. */
const CATEGORY_LABELS: Record<string, string> = {
  auto: 'Automobile',
  mrh: 'Multirisque habitation',
  mrp: 'Multirisque professionnelle',
  'rc-pro': 'RC professionnelle',
  'protection-juridique': 'Protection juridique',
  sante: 'Complémentaire santé',
  prevoyance: 'Prévoyance',
  gav: 'Garantie des accidents de la vie',
  'assurance-vie': 'Assurance vie',
  retraite: 'Épargne retraite',
  emprunteur: 'Assurance emprunteur',
  'epargne-bancaire': 'Épargne bancaire',
  obseques: 'Obsèques',
  dependance: 'Dépendance',
};

type Json = Record<string, unknown>;

/** A motif or warning, before it is filed under its épreuves. */
interface Finding {
  issue: Issue;
  /** The épreuves it makes non valide; empty for a warning. */
  epreuves: readonly Epreuve[];
}

/** Returns the conformity report of `data`, given its validation errors (empty when the data is valid). */
export function checkConformity(data: unknown, validationErrors: readonly Issue[] = []): ConformityReport {
  const d = asObject(data);
  const judged = judgedEpreuves(d);
  const findings = [
    ...pageDeGardeFindings(d),
    ...attestationFindings(d),
    ...contexteEntrepriseFindings(d),
    ...ficheFindings(d, judged),
    ...otherEpreuveFindings(d, judged),
    ...(judged.includes('E32') ? e32Findings(d) : []),
    ...(judged.includes('E42') ? e42Findings(d) : []),
    ...invalidDataFindings(d, validationErrors, judged),
  ];
  const epreuves: Partial<Record<Epreuve, EpreuveReport>> = {};
  for (const e of judged) {
    const motifs = findings.filter((f) => f.epreuves.includes(e)).map((f) => f.issue);
    epreuves[e] = { conforme: motifs.length === 0, motifs };
  }
  return {
    conforme: judged.every((e) => epreuves[e]?.conforme),
    epreuves,
    avertissements: [...findings.filter((f) => f.epreuves.length === 0).map((f) => f.issue), ...establishmentMentions(d)],
    erreurs: validationErrors.slice(0, MAX_ERRORS),
    ...(validationErrors.length > MAX_ERRORS ? { erreursNonListees: validationErrors.length - MAX_ERRORS } : {}),
  };
}

/** Returns the épreuves listed in the dossier, or both when it lists none the check knows. */
function judgedEpreuves(d: Json): Epreuve[] {
  const listed = asArray(d.epreuves).filter((e): e is Epreuve => e === 'E32' || e === 'E42');
  return listed.length > 0 ? EPREUVES.filter((e) => listed.includes(e)) : [...EPREUVES];
}

function both(code: ConformityCode, chemin: string, message: string): Finding {
  return { issue: { code: declared(code), chemin, message }, epreuves: EPREUVES };
}

function only(epreuve: Epreuve, code: ConformityCode, chemin: string, message: string): Finding {
  return { issue: { code: declared(code), chemin, message }, epreuves: [epreuve] };
}

function warning(code: ConformityCode, chemin: string, message: string): Finding {
  return { issue: { code: declared(code), chemin, message }, epreuves: [] };
}

function statusOf(d: Json): string {
  return text(asObject(d.candidat).statut);
}

function pageDeGardeFindings(d: Json): Finding[] {
  const out: Finding[] = [];
  const candidat = asObject(d.candidat);
  const individual = statusOf(d) === 'individuel';
  const page = asObject(d.pageDeGarde);
  for (const [key, label] of [['nom', 'le nom'], ['prenom', 'le prénom']] as const) {
    if (!text(candidat[key]).trim()) out.push(both('PAGE_DE_GARDE_INCOMPLETE', `/candidat/${key}`, `La page de garde ne porte pas ${label} du candidat : renseignez-le, tel qu’inscrit à l’examen.`));
  }
  if (!individual && !text(asObject(d.etablissement).nom).trim()) {
    out.push(both('PAGE_DE_GARDE_INCOMPLETE', '/etablissement', 'La page de garde ne porte pas le nom de l’établissement de formation : renseignez-le (il figure sur l’un des deux exemplaires ; un candidat individuel n’en a pas).'));
  }
  if (individual) {
    const attestation = asObject(page.attestationSurLhonneur);
    if (page.attestationSurLhonneur === undefined) {
      out.push(both('ATTESTATION_HONNEUR_MANQUANTE', '/pageDeGarde/attestationSurLhonneur', 'Candidat individuel : la page de garde ne porte pas l’attestation sur l’honneur. Complétez « Fait à », la date, et signez-la.'));
    } else {
      for (const [key, what] of [['lieu', 'ne dit pas où elle est faite (« Fait à »)'], ['date', 'n’est pas datée'], ['signe', 'n’est pas signée']] as const) {
        if (!filled(attestation[key])) out.push(both('ATTESTATION_HONNEUR_MANQUANTE', `/pageDeGarde/attestationSurLhonneur/${key}`, `Candidat individuel : l’attestation sur l’honneur de la page de garde ${what}. Complétez « Fait à », la date, et signez-la.`));
      }
    }
  } else if (page.visa === undefined) {
    out.push(
      both(
        'VISA_MANQUANT',
        '/pageDeGarde/visa',
        'La page de garde ne porte pas le visa du représentant de l’équipe pédagogique désigné par le chef d’établissement : un dossier non visé reçoit la mention NV. Faites-la viser (nom et qualité du signataire, date) et signer.',
      ),
    );
  } else {
    const visa = asObject(page.visa);
    for (const [key, what] of [['nomQualite', 'ne dit pas le nom et la qualité du signataire'], ['date', 'n’est pas daté'], ['signe', 'n’est pas signé']] as const) {
      if (!filled(visa[key])) {
        out.push(
          both(
            'VISA_MANQUANT',
            `/pageDeGarde/visa/${key}`,
            `Le visa de la page de garde ${what} : l’annexe XII demande le nom et la qualité du signataire, la date et la signature du représentant de l’équipe pédagogique, sans quoi le dossier reçoit la mention NV. Complétez le visa.`,
          ),
        );
      }
    }
  }
  return out;
}

interface Attestation {
  type: string;
  debut: string;
  fin: string;
  jours: number;
  tempsPlein: boolean;
  fichier: string;
}

function attestationsOf(d: Json): Attestation[] {
  return asArray(d.attestations).map((a) => {
    const o = asObject(a);
    return { type: text(o.type), debut: text(o.debut), fin: text(o.fin), jours: typeof o.joursTravailles === 'number' ? o.joursTravailles : 0, tempsPlein: o.tempsPlein === true, fichier: text(o.fichier) };
  });
}

function attestationFindings(d: Json): Finding[] {
  const out: Finding[] = [];
  const attestations = attestationsOf(d);
  const status = statusOf(d);
  if (attestations.length === 0) {
    out.push(
      both(
        'ATTESTATION_PRESENCE_MANQUANTE',
        '/attestations',
        'Le dossier ne contient aucune attestation de présence en contrat d’apprentissage, aucun certificat de travail ni certificat de stage : ajoutez au tableau des attestations celles qui justifient votre activité professionnelle.',
      ),
    );
  }
  attestations.forEach((a, i) => {
    if (!a.fichier) out.push(warning('JUSTIFICATIF_NON_JOINT', `/attestations/${i}/fichier`, `L’attestation n° ${i + 1} (${typeLabel(a.type)}) n’a pas de document numérisé : indiquez son fichier pour qu’elle soit insérée dans le dossier, ou joignez-en la copie au dossier papier.`));
  });
  if (!(status in STATUS_LABELS) || attestations.length === 0) return out;
  const session = int(d.session);
  const activity = professionalActivity(attestations, session);
  const stages = attestations.filter((a) => a.type === 'certificat-stage');
  // §1.4.2 B: the work certificate or the employer attestation is required « à la place des certificats de stage ».
  const countsStages = status === 'scolaire' || ((status === 'formation-continue' || status === 'individuel') && !activity.valid && stages.length > 0);
  if (countsStages) {
    const days = stages.reduce((sum, a) => sum + a.jours, 0);
    const instead = status === 'scolaire' ? '' : ` (ou, à leur place, ${WORK_ALTERNATIVE})`;
    if (days < STAGE_MIN_DAYS) {
      out.push(
        both(
          'DUREE_STAGE_INSUFFISANTE',
          '/attestations',
          `${STATUS_LABELS[status]} : les certificats de stage totalisent ${days} journée${days > 1 ? 's' : ''}, moins que les ${STAGE_MIN_DAYS} journées (15 semaines) requises : il manque ${STAGE_MIN_DAYS - days} journée${STAGE_MIN_DAYS - days > 1 ? 's' : ''}. Ajoutez les certificats de stage manquants${instead}.`,
        ),
      );
    } else if (days > STAGE_MAX_DAYS) {
      out.push(warning('DUREE_STAGE_EXCESSIVE', '/attestations', `Les certificats de stage totalisent ${days} journées, plus que les ${STAGE_MAX_DAYS} journées (16 semaines) de la réglementation de l’examen : vérifiez les durées saisies.`));
    }
  } else if (status !== 'scolaire' && !activity.valid) {
    const why = activity.reasons.length > 0 ? ` (${activity.reasons.join(' ; ')})` : '';
    const stageAlternative = status === 'apprenti' ? '' : `, ou des certificats de stage d’au moins ${STAGE_MIN_DAYS} journées`;
    out.push(
      both(
        'ACTIVITE_PROFESSIONNELLE_INSUFFISANTE',
        '/attestations',
        `${STATUS_LABELS[status]} : le dossier ne contient ni l’attestation de l’employeur confirmant la qualité d’apprenti ou de salarié sous contrat de professionnalisation durant les deux années de formation, ni ${WORK_ALTERNATIVE}${why}. Ajoutez l’un des deux${stageAlternative}.`,
      ),
    );
  }
  return out;
}

/** The candidates' statuses, as messages name them. */
const STATUS_LABELS: Record<string, string> = { scolaire: 'Candidat scolaire', apprenti: 'Apprenti', 'formation-continue': 'Formation continue', individuel: 'Candidat individuel' };

const WORK_ALTERNATIVE = `un certificat de travail d’au moins ${WORK_CERTIFICATE_MONTHS} mois à temps plein pendant l’année de la session`;

/** A period, both ends included (ISO dates). */
interface Period {
  debut: string;
  fin: string;
}

/** The two school years of training before a session: the first (1 Sept two years before → 31 Aug) and the second. */
function trainingYears(session: number): { first: Period; last: Period } {
  return { first: { debut: `${session - 2}-09-01`, fin: `${session - 1}-08-31` }, last: { debut: `${session - 1}-09-01`, fin: `${session}-08-31` } };
}

/**
 * The « année » of a work certificate (§1.4.2 B, « pendant l'année »): the twelve months before the session's exams,
 * which begin in May (the circular's calendar), i.e. 1 June of the year before to 31 May of the session's year.
 */
export function certificateYear(session: number): Period {
  return { debut: `${session - 1}-06-01`, fin: `${session}-05-31` };
}

/** Latest start of an employer attestation covering both years: training may start up to 3 months into the first year. */
function latestEmployerStart(session: number): string {
  return addDays(addMonths(trainingYears(session).first.debut, 3), -1);
}

/** Returns the full-time work certificates' periods within `year`, consecutive ones (a gap of at most a weekend) joined. */
export function consecutiveWorkPeriods(attestations: ReadonlyArray<{ type: string; debut: string; fin: string; tempsPlein: boolean }>, year?: Period): Period[] {
  const periods = attestations
    .filter((a) => a.type === 'certificat-travail' && a.tempsPlein && isDate(a.debut) && isDate(a.fin) && a.debut <= a.fin)
    .map((a) => ({ debut: year && a.debut < year.debut ? year.debut : a.debut, fin: year && a.fin > year.fin ? year.fin : a.fin }))
    .filter((p) => p.debut <= p.fin)
    .sort((x, y) => (x.debut < y.debut ? -1 : x.debut > y.debut ? 1 : 0));
  const runs: Period[] = [];
  for (const p of periods) {
    const last = runs[runs.length - 1];
    if (last && p.debut <= addDays(last.fin, CONSECUTIVE_GAP_DAYS + 1)) {
      if (p.fin > last.fin) last.fin = p.fin;
    } else runs.push({ ...p });
  }
  return runs;
}

/** Days that may separate two certificates still counted as consecutive (a weekend: Friday to Monday). */
const CONSECUTIVE_GAP_DAYS = 2;

/** Returns whether the attestations justify the professional activity in place of internships, and why not. */
function professionalActivity(attestations: readonly Attestation[], session: number | undefined): { valid: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const years = session === undefined ? undefined : trainingYears(session);
  for (const a of attestations) {
    if (a.type !== 'attestation-employeur' || !isDate(a.debut) || !isDate(a.fin) || a.fin < a.debut) continue;
    if (years === undefined || session === undefined) {
      if (coversMonths(a, 12)) return { valid: true, reasons: [] };
      reasons.push(`l’attestation de l’employeur du ${formatFrenchDate(a.debut)} au ${formatFrenchDate(a.fin)} couvre moins de deux années de formation`);
    } else if (a.debut <= latestEmployerStart(session) && a.fin >= years.last.debut) return { valid: true, reasons: [] };
    else {
      reasons.push(
        `l’attestation de l’employeur du ${formatFrenchDate(a.debut)} au ${formatFrenchDate(a.fin)} ne couvre pas les deux années de formation de la session ${session} (début au plus tard le ${formatFrenchDate(latestEmployerStart(session))}, fin après le ${formatFrenchDate(years.last.debut)})`,
      );
    }
  }
  const certificates = attestations.filter((a) => a.type === 'certificat-travail');
  if (certificates.length > 0) {
    const year = session === undefined ? undefined : certificateYear(session);
    const runs = consecutiveWorkPeriods(certificates, year);
    if (runs.some((r) => coversMonths(r, WORK_CERTIFICATE_MONTHS))) return { valid: true, reasons: [] };
    const fullTime = certificates.filter((a) => a.tempsPlein).length;
    const where = year === undefined ? '' : ` entre le ${formatFrenchDate(year.debut)} et le ${formatFrenchDate(year.fin)}`;
    reasons.push(
      fullTime === 0
        ? 'aucun certificat de travail n’est à temps plein'
        : `les certificats de travail à temps plein, consécutifs, couvrent moins de ${WORK_CERTIFICATE_MONTHS} mois${where}`,
    );
  }
  return { valid: false, reasons };
}

/** Returns true when the attestation's period covers at least `months` whole months (1 Sept → 28 Feb is 6 months). */
function coversMonths(a: Period, months: number): boolean {
  if (!isDate(a.debut) || !isDate(a.fin) || a.fin < a.debut) return false;
  return a.fin >= addDays(addMonths(a.debut, months), -1);
}

interface Fiche {
  numero: number | undefined;
  contexte: number | undefined;
  client: boolean;
  index: number;
  o: Json;
}

function fichesOf(d: Json, epreuve: Epreuve): Fiche[] {
  return asArray(d[FICHES[epreuve].key]).map((f, index) => {
    const o = asObject(f);
    return { numero: int(o.numero), contexte: int(o.ficheContexte), client: o.ficheClient !== undefined && o.ficheClient !== null, index, o };
  });
}

function fichePath(epreuve: Epreuve, index: number): string {
  return `/${FICHES[epreuve].key}/${index}`;
}

function ficheName(f: Fiche): string {
  return f.numero === undefined ? `La fiche d’activité en position ${f.index + 1}` : `La fiche d’activité n° ${f.numero}`;
}

function ficheFindings(d: Json, judged: readonly Epreuve[]): Finding[] {
  const out: Finding[] = [];
  const contextes = asArray(d.fichesContexte).map((c) => int(asObject(c).numero));
  for (const epreuve of judged) {
    const { count, first } = FICHES[epreuve];
    const key = FICHES[epreuve].key;
    const fiches = fichesOf(d, epreuve);
    const last = first + count - 1;
    const numbers = fiches.map((f) => f.numero);
    const missing = range(first, last).filter((n) => !numbers.includes(n));
    if (fiches.length !== count) {
      const fix = fiches.length < count ? `ajoutez ${missing.length === 1 ? `la fiche n° ${missing[0]}` : missing.length > 1 ? `les fiches n° ${missing.join(', ')}` : 'les fiches manquantes'}` : 'retirez les fiches en trop';
      out.push(only(epreuve, `NOMBRE_FICHES_${epreuve}`, `/${key}`, `Le dossier contient ${fiches.length} fiche${fiches.length > 1 ? 's' : ''} d’activités ${epreuve} au lieu de ${count} (n° ${first} à ${last}) : ${fix}.`));
    }
    const seen = new Set<number>();
    for (const f of fiches) {
      if (f.numero === undefined || f.numero < first || f.numero > last) {
        out.push(only(epreuve, 'NUMEROTATION_FICHES', `${fichePath(epreuve, f.index)}/numero`, `${ficheName(f)} n’a pas un numéro de ${first} à ${last}, la numérotation des fiches ${epreuve} : renumérotez-la${missing.length > 0 ? ` (n° ${missing.join(' ou ')} libre${missing.length > 1 ? 's' : ''})` : ''}.`));
      } else if (seen.has(f.numero)) {
        out.push(only(epreuve, 'NUMEROTATION_FICHES', `${fichePath(epreuve, f.index)}/numero`, `${ficheName(f)} porte un numéro déjà utilisé par une autre fiche ${epreuve} : chaque numéro de ${first} à ${last} sert une fois${missing.length > 0 ? ` (n° ${missing.join(' ou ')} libre${missing.length > 1 ? 's' : ''})` : ''}.`));
      }
      if (f.numero !== undefined) seen.add(f.numero);
      if (!f.client) {
        out.push(only(epreuve, 'FICHE_CLIENT_MANQUANTE', `${fichePath(epreuve, f.index)}/ficheClient`, `${ficheName(f)} (${epreuve}) n’est pas associée à une fiche client : ajoutez la fiche client (annexe VI) du client de cette activité.`));
      }
      if (contextes.length > 0 && (f.contexte === undefined || !contextes.includes(f.contexte))) {
        out.push(
          only(
            epreuve,
            'FICHE_CONTEXTE_MANQUANTE',
            `${fichePath(epreuve, f.index)}/ficheContexte`,
            `${ficheName(f)} (${epreuve}) renvoie à la fiche contexte n° ${f.contexte ?? '?'}, absente du dossier : ajoutez cette fiche contexte ou corrigez le numéro (fiches contexte présentes : n° ${contextes.filter((c) => c !== undefined).join(', ')}).`,
          ),
        );
      }
    }
    if (contextes.length === 0 && fiches.length > 0) {
      out.push(only(epreuve, 'FICHE_CONTEXTE_MANQUANTE', '/fichesContexte', `Le dossier ne contient aucune fiche contexte, alors que les fiches ${epreuve} y renvoient : ajoutez la fiche descriptive du contexte (annexe IV) de chaque entreprise où vous avez réalisé vos activités.`));
    }
  }
  return out;
}

/** Product categories that are banking, not insurance, products: they do not count among E42's « produits d’assurance ». */
const BANKING_CATEGORIES: readonly string[] = ['epargne-bancaire'];

/** Returns the distinct products of fiches (insurance ones only when asked): their category, or for « autre » their normalised libellé. */
function productsOf(fiches: readonly Fiche[], insuranceOnly = false): Map<string, string> {
  const products = new Map<string, string>();
  for (const f of fiches) {
    const p = asObject(f.o.produit);
    const category = text(p.categorie);
    const libelle = text(p.libelle).trim();
    if (!category || (insuranceOnly && BANKING_CATEGORIES.includes(category))) continue;
    if (category === 'autre') {
      if (libelle) products.set(`autre:${foldForComparison(libelle)}`, libelle);
    } else products.set(category, CATEGORY_LABELS[category] ?? category);
  }
  return products;
}

function productFinding(epreuve: Epreuve, fiches: readonly Fiche[]): Finding[] {
  const products = productsOf(fiches, epreuve === 'E42');
  if (products.size >= PRODUCTS_MIN) return [];
  const kind = epreuve === 'E42' ? ' d’assurance' : '';
  const banking = epreuve === 'E42' && fiches.some((f) => BANKING_CATEGORIES.includes(text(asObject(f.o.produit).categorie))) ? ' (un produit bancaire ne compte pas)' : '';
  const found = products.size === 0 ? `aucun produit${kind}` : `${products.size} produit${products.size > 1 ? 's' : ''}${kind} différent${products.size > 1 ? 's' : ''} (${[...products.values()].join(', ')})`;
  return [
    only(
      epreuve,
      `${epreuve}_PRODUITS_INSUFFISANTS`,
      `/${FICHES[epreuve].key}`,
      `Les fiches ${epreuve} portent sur ${found}${banking} : il en faut au moins ${PRODUCTS_MIN}. Remplacez une activité par une activité sur un autre produit${epreuve === 'E32' ? ' d’assurance ou de banque' : ' d’assurance'}.`,
    ),
  ];
}

/** The mandatory situations the E32 fiches of a dossier cover (§1.4.4, E32; the boxes of annexes VII and VIII). */
export interface E32Situations {
  biensResponsabilite: boolean;
  personnes: boolean;
  /** The "assurance du professionnel" situation, by branch: in biens et responsabilité, in personnes. */
  professionnel: { biensResponsabilite: boolean; personnes: boolean };
  epargne: boolean;
}

/** Returns the mandatory situations the E32 fiches of `data` cover. */
export function e32Situations(data: unknown): E32Situations {
  const fiches = fichesOf(asObject(data), 'E32');
  const domains = (f: Fiche) => asArray(f.o.domaines).map(text);
  const has = (list: readonly Fiche[], domain: string) => list.some((f) => domains(f).includes(domain));
  const professionals = fiches.filter((f) => text(f.o.cible) === 'professionnel' && text(f.o.typeProfessionnel) in PROFESSIONALS);
  return {
    biensResponsabilite: has(fiches, 'biens-responsabilites'),
    personnes: has(fiches, 'personnes'),
    professionnel: { biensResponsabilite: has(professionals, 'biens-responsabilites'), personnes: has(professionals, 'personnes') },
    epargne: has(fiches, 'epargne'),
  };
}

/** Returns whether the E42 fiches of `data` cover a biens et responsabilité and a personnes situation (§1.4.4, E42). */
export function e42Situations(data: unknown): { biensResponsabilite: boolean; personnes: boolean } {
  const fiches = fichesOf(asObject(data), 'E42');
  const has = (domain: string) => fiches.some((f) => text(f.o.domaine) === domain);
  return { biensResponsabilite: has('biens-responsabilites'), personnes: has('personnes') };
}

/** Returns the number of different products among the fiches of `epreuve` (« autre » counted by its libellé; for E42, insurance products only). */
export function productCount(data: unknown, epreuve: Epreuve): number {
  return productsOf(fichesOf(asObject(data), epreuve), epreuve === 'E42').size;
}

/** What the jury grids show of one fiche d'activité number: present or not, its fiche contexte and fiche client. */
export interface FicheState {
  numero: number;
  present: boolean;
  contextePresent: boolean;
  clientPresent: boolean;
}

/** Returns the state of fiches n° first…last of `epreuve` in `data`, for the "contenu du dossier" of the grids. */
export function ficheStates(data: unknown, epreuve: Epreuve): FicheState[] {
  const d = asObject(data);
  const contextes = asArray(d.fichesContexte).map((c) => int(asObject(c).numero));
  const fiches = fichesOf(d, epreuve);
  const { first, count } = FICHES[epreuve];
  return range(first, first + count - 1).map((numero) => {
    const f = fiches.find((x) => x.numero === numero);
    return { numero, present: f !== undefined, contextePresent: f?.contexte !== undefined && contextes.includes(f.contexte), clientPresent: f?.client ?? false };
  });
}

function e32Findings(d: Json): Finding[] {
  const s = e32Situations(d);
  return situationFindings(d, 'E32', [
    [s.biensResponsabilite, 'une situation d’assurance de biens et de responsabilité'],
    [s.personnes, 'une situation d’assurance de personnes'],
    [s.professionnel.biensResponsabilite || s.professionnel.personnes, 'une situation d’assurance du professionnel artisan, commerçant, profession libérale ou syndic de copropriété (en biens et responsabilité ou en personnes)'],
    [s.epargne, 'une situation d’épargne assurantielle ou bancaire'],
  ]);
}

function e42Findings(d: Json): Finding[] {
  const s = e42Situations(d);
  return situationFindings(d, 'E42', [
    [s.biensResponsabilite, 'une situation d’assurance de biens et de responsabilité'],
    [s.personnes, 'une situation d’assurance de personnes'],
  ]);
}

/** Returns the products motif of `epreuve`, then one motif per mandatory situation its fiches lack. */
function situationFindings(d: Json, epreuve: Epreuve, situations: Array<[boolean, string]>): Finding[] {
  const { first, count, key } = FICHES[epreuve];
  return [
    ...productFinding(epreuve, fichesOf(d, epreuve)),
    ...situations
      .filter(([present]) => !present)
      .map(([, what]) =>
        only(epreuve, `${epreuve}_SITUATION_MANQUANTE`, `/${key}`, `Aucune fiche ${epreuve} ne présente ${what}, situation obligatoire de l’épreuve : remplacez ou complétez une des fiches n° ${first} à ${first + count - 1}.`),
      ),
  ];
}

/** Returns the épreuve of a fiche d'activité number: 1 to 5 E32, 6 to 9 E42. */
function epreuveOfNumber(n: number | undefined): Epreuve[] {
  if (n === undefined) return [...EPREUVES];
  return n <= FICHES.E42.first - 1 ? ['E32'] : ['E42'];
}

/**
 * Returns the épreuves a validation error concerns, by the part it is in: a fiche d'activité, its épreuve; a fiche
 * contexte's list of fiches, the épreuve of the number cited; elsewhere in a fiche contexte, the épreuves of the fiches
 * it concerns; the page de garde, the attestations and anything else, both.
 */
export function epreuvesConcerned(data: unknown, chemin: string): Epreuve[] {
  for (const e of EPREUVES) {
    const base = `/${FICHES[e].key}`;
    if (chemin === base || chemin.startsWith(`${base}/`)) return [e];
  }
  const contexte = /^\/fichesContexte\/(\d+)(\/fichesActiviteConcernees\/(\d+))?(\/|$)/.exec(chemin);
  if (contexte) {
    const cited = asArray(asObject(asArray(asObject(data).fichesContexte)[Number(contexte[1])]).fichesActiviteConcernees).map(int);
    if (contexte[3] !== undefined) return epreuveOfNumber(cited[Number(contexte[3])]);
    const concerned = EPREUVES.filter((e) => cited.some((n) => n !== undefined && epreuveOfNumber(n).includes(e)));
    return concerned.length > 0 ? concerned : [...EPREUVES];
  }
  return [...EPREUVES];
}

/** Returns one DONNEES_INVALIDES motif per judged épreuve that validation errors concern (see `epreuvesConcerned`). */
function invalidDataFindings(d: Json, errors: readonly Issue[], judged: readonly Epreuve[]): Finding[] {
  const out: Finding[] = [];
  for (const epreuve of judged) {
    const mine = errors.filter((e) => epreuvesConcerned(d, e.chemin).includes(epreuve));
    const first = mine[0];
    if (!first) continue;
    const n = mine.length;
    out.push(
      only(
        epreuve,
        'DONNEES_INVALIDES',
        first.chemin,
        `Le dossier contient ${n} erreur${n > 1 ? 's' : ''} de saisie qui concerne${n > 1 ? 'nt' : ''} l’épreuve ${epreuve} (liste dans « erreurs »), la première : ${first.message}`,
      ),
    );
  }
  return out;
}

/** Returns a warning for the fiches of an épreuve the (sub-)dossier does not accompany: not judged, they make no other épreuve non valide. */
function otherEpreuveFindings(d: Json, judged: readonly Epreuve[]): Finding[] {
  return EPREUVES.filter((e) => !judged.includes(e) && asArray(d[FICHES[e].key]).length > 0).map((e) =>
    warning(
      'FICHES_EPREUVE_NON_PRESENTEE',
      `/${FICHES[e].key}`,
      `Le dossier contient des fiches d’activités ${e} alors qu’il n’accompagne que l’épreuve ${judged.join(' et ')} : elles ne sont pas jugées. Retirez-les de ce sous-dossier, ou ajoutez ${e} aux épreuves présentées si le candidat y est inscrit.`,
    ),
  );
}

/** Attestation types an entreprise delivers (a presence attestation may come from the CFA, not the entreprise). */
const ENTERPRISE_DOCUMENTS: readonly string[] = ['certificat-stage', 'certificat-travail', 'attestation-employeur'];

/** Returns the words of a company name, folded (case, accents, punctuation ignored). */
function nameWords(name: string): string[] {
  return foldForComparison(name).split(' ').filter((w) => w.length > 0);
}

/** Returns whether two company names designate the same entreprise: every word of the shorter one is in the other. */
export function sameEnterprise(a: string, b: string): boolean {
  const [x, y] = [nameWords(a), nameWords(b)];
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((w) => long.includes(w));
}

/** Returns the motif or warnings of entreprises attested without their fiche contexte (§1.4.2 A 3). */
function contexteEntrepriseFindings(d: Json): Finding[] {
  const real = asArray(d.fichesContexte)
    .map(asObject)
    .filter((c) => text(c.contexte) !== 'simule')
    .map((c) => text(c.nomEntreprise).trim())
    .filter((n) => n.length > 0);
  if (asArray(d.fichesContexte).length === 0) return []; // FICHE_CONTEXTE_MANQUANTE says it
  const enterprises: Array<{ name: string; index: number }> = [];
  asArray(d.attestations).forEach((a, index) => {
    const o = asObject(a);
    const name = text(o.organisme).trim();
    if (ENTERPRISE_DOCUMENTS.includes(text(o.type)) && name && !enterprises.some((e) => sameEnterprise(e.name, name))) enterprises.push({ name, index });
  });
  const missing = enterprises.filter((e) => !real.some((n) => sameEnterprise(n, e.name)));
  if (missing.length === 0) return [];
  const distinctContextes = real.filter((n, i) => !real.slice(0, i).some((m) => sameEnterprise(m, n))).length;
  if (distinctContextes < enterprises.length) {
    const names = missing.map((e) => `« ${e.name} »`).join(', ');
    return [
      both(
        'FICHE_CONTEXTE_ENTREPRISE_MANQUANTE',
        '/fichesContexte',
        `Le dossier atteste ${enterprises.length} entreprise${enterprises.length > 1 ? 's' : ''} mais ne contient ${distinctContextes === 0 ? 'aucune fiche' : distinctContextes === 1 ? 'qu’une fiche' : `que ${distinctContextes} fiches`} contexte d’entreprise réelle ; sans fiche : ${names}. Ajoutez la fiche descriptive du contexte (annexe IV) de chaque entreprise où le stage ou le contrat de travail a été réalisé.`,
      ),
    ];
  }
  return missing.map((e) =>
    warning(
      'FICHE_CONTEXTE_ENTREPRISE_NON_RETROUVEE',
      `/attestations/${e.index}/organisme`,
      `L’entreprise « ${e.name} » attestée ici ne se retrouve dans le nom d’aucune fiche contexte : vérifiez qu’elle a sa fiche contexte (annexe IV) et écrivez son nom de la même façon aux deux endroits.`,
    ),
  );
}

/** Shortest part of the établissement's name that counts as a mention when a value is nothing but that part. */
const MENTION_MIN_LENGTH = 12;

/** Returns a warning for every value, outside `/etablissement`, that holds the établissement's name (or is a long part of it). */
export function establishmentMentions(data: unknown): Issue[] {
  const d = asObject(data);
  const name = foldForComparison(text(asObject(d.etablissement).nom));
  if (name.length < 3) return [];
  const out: Issue[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      const v = foldForComparison(value);
      // The whole name, or a long enough part of it on its own (« CFA de l’Assurance Rhône-Alpes »), is a mention.
      if (v.includes(name) || (v.length >= MENTION_MIN_LENGTH && ` ${name} `.includes(` ${v} `))) {
        out.push({
          code: 'MENTION_ETABLISSEMENT',
          chemin: path,
          message: `Le nom de l’établissement (« ${text(asObject(d.etablissement).nom)} ») figure ici : l’exemplaire anonyme du dossier ne doit porter aucune mention de l’établissement. Retirez-le de ce champ.`,
        });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}/${i}`));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (!(path === '' && k === 'etablissement')) visit(v, `${path}${toPointer([k])}`);
    }
  };
  visit(d, '');
  return out;
}

function typeLabel(type: string): string {
  return (
    {
      'certificat-stage': 'certificat de stage',
      'contrat-apprentissage': 'attestation de présence en contrat d’apprentissage',
      'contrat-professionnalisation': 'attestation de présence en contrat de professionnalisation',
      'certificat-travail': 'certificat de travail',
      'attestation-employeur': 'attestation de l’employeur',
    }[type] ?? 'justificatif'
  );
}

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function asObject(v: unknown): Json {
  return isJsonObject(v) ? v : {};
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function filled(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().length > 0);
}

function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}
