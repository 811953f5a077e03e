/**
 * The académie's conformity check of a dossier professionnel (circulaire BTS Assurance 2019, §1.4.2 B and
 * §1.4.4 E32/E42): what would earn the mention NV (non valide) at E32 and/or E42. Every rule has a stable
 * code; only the épreuves the candidate presents are judged. The rules read the data defensively, because a
 * dossier that does not pass its schema is still checked (its validation errors are reported beside).
 */
import { addDays, addMonths } from '../core/dates.ts';
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

/** The conformity rules and warnings, with their épreuves and source (listed in the README). */
export const CONFORMITY_RULES = [
  { code: 'VISA_MANQUANT', epreuves: 'E32, E42', regle: 'La page de garde porte le visa signé du représentant de l’équipe pédagogique (pas pour un candidat individuel) (§1.4.2 A 1 et B).' },
  { code: 'ATTESTATION_HONNEUR_MANQUANTE', epreuves: 'E32, E42', regle: 'Un candidat individuel signe l’attestation sur l’honneur de la page de garde (annexe XII).' },
  { code: 'PAGE_DE_GARDE_INCOMPLETE', epreuves: 'E32, E42', regle: 'La page de garde porte le nom et le prénom du candidat et, sauf candidat individuel, l’établissement de formation (§1.4.2 A 1).' },
  { code: 'ATTESTATION_PRESENCE_MANQUANTE', epreuves: 'E32, E42', regle: 'Le dossier contient au moins une attestation de présence, un certificat de travail ou un certificat de stage (§1.4.2 A 2).' },
  { code: 'DUREE_STAGE_INSUFFISANTE', epreuves: 'E32, E42', regle: 'Les certificats de stage d’un candidat scolaire totalisent au moins 75 journées (15 semaines) (§1.4.2 B).' },
  { code: 'ACTIVITE_PROFESSIONNELLE_INSUFFISANTE', epreuves: 'E32, E42', regle: 'Un apprenti ou un candidat de la formation continue joint l’attestation de l’employeur ou un certificat de travail d’au moins 6 mois à temps plein (§1.4.2 B).' },
  { code: 'FICHE_CONTEXTE_MANQUANTE', epreuves: 'celle de la fiche', regle: 'Le dossier contient au moins une fiche contexte, et celle que cite chaque fiche d’activités (§1.4.2 A 3).' },
  { code: 'NOMBRE_FICHES_E32', epreuves: 'E32', regle: 'Le dossier contient exactement 5 fiches d’activités E32 (§1.4.2 A 4).' },
  { code: 'NOMBRE_FICHES_E42', epreuves: 'E42', regle: 'Le dossier contient exactement 4 fiches d’activités E42 (§1.4.2 A 5).' },
  { code: 'NUMEROTATION_FICHES', epreuves: 'celle de la fiche', regle: 'Les fiches E32 sont numérotées de 1 à 5, les fiches E42 de 6 à 9, chaque numéro une seule fois (§1.4.2 A 4 et 5).' },
  { code: 'FICHE_CLIENT_MANQUANTE', epreuves: 'celle de la fiche', regle: 'Chaque fiche d’activités est associée à une fiche client (§1.4.2 A 4 et 5, annexe VI).' },
  { code: 'E32_PRODUITS_INSUFFISANTS', epreuves: 'E32', regle: 'Les fiches E32 portent sur au moins 3 produits différents d’assurance ou de banque (§1.4.4, E32).' },
  { code: 'E32_SITUATION_MANQUANTE', epreuves: 'E32', regle: 'Les fiches E32 comportent une situation de biens et de responsabilité, une de personnes, une du professionnel (artisan, commerçant, profession libérale, syndic) et une d’épargne (§1.4.4, E32).' },
  { code: 'E42_PRODUITS_INSUFFISANTS', epreuves: 'E42', regle: 'Les fiches E42 portent sur au moins 3 produits différents d’assurance (§1.4.4, E42).' },
  { code: 'E42_SITUATION_MANQUANTE', epreuves: 'E42', regle: 'Les fiches E42 comportent une situation de biens et de responsabilité et une de personnes (§1.4.4, E42).' },
  { code: 'DONNEES_INVALIDES', epreuves: 'celle des données', regle: 'Les fiches sont réalisées conformément aux modèles : un dossier dont les données ne sont pas valides n’est pas conforme.' },
  { code: 'DUREE_STAGE_EXCESSIVE', epreuves: 'avertissement', regle: 'Les certificats de stage d’un candidat scolaire dépassent 80 journées (16 semaines), la durée maximale (§1.4.2 B).' },
  { code: 'MENTION_ETABLISSEMENT', epreuves: 'avertissement', regle: 'Le nom de l’établissement figure ailleurs que sur la page de garde : l’exemplaire anonyme le porterait (§1.4.2 A).' },
  { code: 'JUSTIFICATIF_NON_JOINT', epreuves: 'avertissement', regle: 'Une attestation du tableau n’a pas de document numérisé : elle ne sera pas insérée dans le dossier produit.' },
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
    ...ficheFindings(d, judged),
    ...(judged.includes('E32') ? e32Findings(d) : []),
    ...(judged.includes('E42') ? e42Findings(d) : []),
    ...invalidDataFindings(validationErrors, judged),
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
    if (attestation.signe !== true) {
      const chemin = page.attestationSurLhonneur === undefined ? '/pageDeGarde/attestationSurLhonneur' : '/pageDeGarde/attestationSurLhonneur/signe';
      out.push(both('ATTESTATION_HONNEUR_MANQUANTE', chemin, 'Candidat individuel : l’attestation sur l’honneur de la page de garde n’est pas signée. Complétez « Fait à », la date, et signez-la.'));
    }
  } else {
    const visa = asObject(page.visa);
    if (visa.signe !== true) {
      const chemin = page.visa === undefined ? '/pageDeGarde/visa' : '/pageDeGarde/visa/signe';
      const what = page.visa === undefined ? 'ne porte pas le visa' : 'porte un visa non signé';
      out.push(
        both(
          'VISA_MANQUANT',
          chemin,
          `La page de garde ${what} du représentant de l’équipe pédagogique désigné par le chef d’établissement : un dossier non visé reçoit la mention NV. Faites-la viser (nom, qualité, date) et signer.`,
        ),
      );
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
  if (status === 'scolaire') {
    const days = attestations.filter((a) => a.type === 'certificat-stage').reduce((sum, a) => sum + a.jours, 0);
    if (days < STAGE_MIN_DAYS) {
      out.push(
        both(
          'DUREE_STAGE_INSUFFISANTE',
          '/attestations',
          `Les certificats de stage totalisent ${days} journée${days > 1 ? 's' : ''}, moins que les ${STAGE_MIN_DAYS} journées (15 semaines) requises : il manque ${STAGE_MIN_DAYS - days} journée${STAGE_MIN_DAYS - days > 1 ? 's' : ''}. Ajoutez les certificats de stage manquants.`,
        ),
      );
    } else if (days > STAGE_MAX_DAYS) {
      out.push(warning('DUREE_STAGE_EXCESSIVE', '/attestations', `Les certificats de stage totalisent ${days} journées, plus que les ${STAGE_MAX_DAYS} journées (16 semaines) de la réglementation de l’examen : vérifiez les durées saisies.`));
    }
  }
  if (status === 'apprenti' || status === 'formation-continue') {
    const employer = attestations.some((a) => a.type === 'attestation-employeur');
    const certificate = attestations.some((a) => a.type === 'certificat-travail' && a.tempsPlein && coversMonths(a, WORK_CERTIFICATE_MONTHS));
    if (!employer && !certificate) {
      const who = status === 'apprenti' ? 'Apprenti' : 'Formation continue';
      out.push(
        both(
          'ACTIVITE_PROFESSIONNELLE_INSUFFISANTE',
          '/attestations',
          `${who} : le dossier ne contient ni l’attestation de l’employeur confirmant la qualité d’apprenti ou de salarié sous contrat de professionnalisation, ni un certificat de travail d’au moins ${WORK_CERTIFICATE_MONTHS} mois à temps plein. Ajoutez l’un des deux.`,
        ),
      );
    }
  }
  return out;
}

/** Returns true when the attestation's period covers at least `months` whole months (1 Sept → 28 Feb is 6 months). */
function coversMonths(a: Attestation, months: number): boolean {
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

/** Returns the distinct products of fiches: their category, or for « autre » their normalised libellé. */
function productsOf(fiches: readonly Fiche[]): Map<string, string> {
  const products = new Map<string, string>();
  for (const f of fiches) {
    const p = asObject(f.o.produit);
    const category = text(p.categorie);
    const libelle = text(p.libelle).trim();
    if (!category) continue;
    if (category === 'autre') {
      if (libelle) products.set(`autre:${foldForComparison(libelle)}`, libelle);
    } else products.set(category, CATEGORY_LABELS[category] ?? category);
  }
  return products;
}

function productFinding(epreuve: Epreuve, fiches: readonly Fiche[]): Finding[] {
  const products = productsOf(fiches);
  if (products.size >= PRODUCTS_MIN) return [];
  const found = products.size === 0 ? 'aucun produit' : `${products.size} produit${products.size > 1 ? 's' : ''} différent${products.size > 1 ? 's' : ''} (${[...products.values()].join(', ')})`;
  return [
    only(
      epreuve,
      `${epreuve}_PRODUITS_INSUFFISANTS`,
      `/${FICHES[epreuve].key}`,
      `Les fiches ${epreuve} portent sur ${found} : il en faut au moins ${PRODUCTS_MIN}. Remplacez une activité par une activité sur un autre produit${epreuve === 'E32' ? ' d’assurance ou de banque' : ' d’assurance'}.`,
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

/** Returns the number of different products among the fiches of `epreuve` (« autre » counted by its libellé). */
export function productCount(data: unknown, epreuve: Epreuve): number {
  return productsOf(fichesOf(asObject(data), epreuve)).size;
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

/** Returns one DONNEES_INVALIDES motif per épreuve concerned by validation errors (those of a fiche go to its épreuve). */
function invalidDataFindings(errors: readonly Issue[], judged: readonly Epreuve[]): Finding[] {
  const out: Finding[] = [];
  for (const epreuve of judged) {
    const other = judged.find((e) => e !== epreuve);
    const otherBase = other === undefined ? undefined : `/${FICHES[other].key}`;
    const mine = errors.filter((e) => otherBase === undefined || !(e.chemin === otherBase || e.chemin.startsWith(`${otherBase}/`)));
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

function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}
