/**
 * What a candidate prints is the circular's annex (circulaire BTS Assurance 2019, annexes III to XII): the text
 * layer of the blank and filled print PDFs holds the annex's labels in the annex's order, and every label the
 * form prints is the annex's own, except on the page the form declares as Paperasse's (Template.horsAnnexe).
 * The annex texts are those of the circular (test/forms/fixtures/circulaire-003-annexes.txt).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesBeside } from '../../src/api.ts';
import { FORMS } from '../../src/forms/registry.ts';
import type { DocNode, ResolvedDocument } from '../../src/render/model.ts';
import { paperasse } from '../helpers.ts';
import { resolved, squeeze } from '../render/expected.ts';
import { pdfText, save, tempDir } from '../render/tools.ts';

const dir = tempDir('annexes');

/** The circular's annexes III to XII, as one text. */
const CIRCULAR = readFileSync(new URL('./fixtures/circulaire-003-annexes.txt', import.meta.url), 'utf8');

/**
 * Returns a text squeezed for comparison: no spaces or boxes, one apostrophe, no dotted leaders, and « n° » as the
 * circular's text writes it (« no », its « o » being a superscript).
 */
function norm(text: string): string {
  return squeeze(text.replace(/[’']/g, '’').replace(/[…]+|\.{3,}/g, '').replace(/n°/g, 'no')).replace(/[:;]+$/, '');
}

/** Returns the text of one annex of the circular (from its « ANNEXE n » line to the next annex's). */
function annexText(numeral: string): string {
  const lines = CIRCULAR.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^ANNEXE ${numeral}\\b`).test(l));
  const end = lines.findIndex((l, i) => i > start && /^ANNEXE [IVX]+\b/.test(l));
  if (start < 0) throw new Error(`annexe ${numeral} absente du texte`);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** Returns the labels of `labels` not found in `text` one after the other (each searched after the previous one). */
function outOfOrder(text: string, labels: readonly string[]): string[] {
  const squeezed = norm(text);
  const missing: string[] = [];
  let at = 0;
  for (const label of labels) {
    const i = squeezed.indexOf(norm(label), at);
    if (i < 0) missing.push(label);
    else at = i + norm(label).length;
  }
  return missing;
}

/** Returns every static text a resolved document prints outside its hors-annexe page. */
function printedLabels(doc: ResolvedDocument): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly DocNode[]) => {
    for (const n of nodes) {
      if (n.t === 'group' && n.horsAnnexe) continue;
      if (n.t === 'title') out.push(n.annexe, n.title);
      if (n.t === 'heading' || n.t === 'text') out.push(n.text);
      if (n.t === 'value' || n.t === 'choice' || n.t === 'box') out.push(n.label);
      // A choice printed as a value (mark `text`) prints the chosen option as data, not its options.
      if (n.t === 'choice' && n.mark !== 'text') out.push(...n.options.map((o) => o.label));
      if (n.t === 'section' || n.t === 'group' || n.t === 'table') out.push(n.title);
      if ('children' in n) walk(n.children);
      if (n.t === 'table') for (const row of [...n.head, ...n.rows]) for (const c of row) walk(c.children);
    }
  };
  walk(doc.nodes);
  return [...new Set(out.filter((s) => norm(s) !== ''))];
}

/** Returns whether a resolved document has a hors-annexe page. */
function hasHorsAnnexe(doc: ResolvedDocument): boolean {
  return doc.nodes.some((n) => n.t === 'group' && n.horsAnnexe === true);
}

/** Each annex: its form, its numeral in the circular, and its labels in its order, verbatim. */
const ANNEXES: Array<{ form: string; numeral: string; labels: string[]; also?: string[] }> = [
  {
    form: 'livret-scolaire',
    numeral: 'III',
    labels: [
      'BREVET DE TECHNICIEN SUPÉRIEUR ASSURANCE – SESSION',
      'NOM (en lettres capitales)',
      'Date de Naissance',
      'Cachet de l’ÉTABLISSEMENT',
      'Prénom(s)',
      'Langue Vivante 1',
      'MATIÈRES OBLIGATOIRES',
      'Culture générale et expression',
      'Langue vivante étrangère 1',
      'Culture professionnelle appliquée',
      'Vente et développement commercial',
      'Gestion des sinistres',
      'Relation clients sinistres',
      'Ateliers de professionnalisation',
      'Langue vivante 2 facultative',
      'AVIS DU CONSEIL DE CLASSE',
      'Très favorable',
      'Favorable',
      'Doit faire ses preuves à l’examen',
      'SIGNATURE DU PRÉSIDENT DU JURY',
      'Relation client sinistres',
      '+10',
      'Moyenne de la classe',
      '-10',
      'Les matières facultatives ne figurent pas sur le graphique',
      'Mettre une croix dans les cases correspondantes et relier les points afin de créer un profil.',
    ],
  },
  {
    form: 'fiche-contexte',
    numeral: 'IV',
    labels: [
      'FICHE CONTEXTE N°',
      'CONCERNE FICHE(S) D’ACTIVITÉ NOS',
      'NOM :',
      'PRÉNOM :',
      'Contexte réel',
      'Contexte simulé',
      'Période / Date :',
      'NOM DE L’ENTREPRISE :',
      'Adresse :',
      'Service :',
      'SITUATION DE L’ENTREPRISE DANS LA FILIÈRE :',
      '(cochez – plusieurs cases possibles)',
      'Organisme d’assurance',
      'type d’organisme (SA SAM, M45, IP) :',
      'Courtier Grossiste',
      'Agent Général',
      'compagnie :',
      'Courtier en assurance',
      'Mandataire de la compagnie :',
      'Mandataire de l’intermédiaire :',
      'Service assurance d’une organisation (collectivités territoriales, entreprise privée) :',
      'Autre :',
      'SPÉCIFICITÉS DE L’ACTIVITÉ DE L’ENTREPRISE :',
      'Partenaires :',
      'Compagnies :',
      'Courtiers grossistes :',
      'Courtiers',
      'Agents',
      'Activité de courtage (pour les agents généraux : Nom du courtage, % de CA) :',
      'Autres :',
      'Souscription de contrats',
      'Gestion des contrats',
      'Règlement de sinistres :',
      'Seuil de délégation de sinistres :',
      'Type de risques gérés en délégation :',
      'SITUATION GÉOGRAPHIQUE :',
      'plan des locaux',
      'ou géolocalisation',
      'ou photo(s)',
      'les implantations',
      'RESSOURCES HUMAINES :',
      'Effectifs :',
      'Organigramme à insérer',
      'ou Services :',
      'ou Collaborateurs :',
      'ACTIVITÉS DE L’ENTREPRISE',
      '1-GAMME DE PRODUITS PROPOSÉS À LA VENTE',
      'PRODUITS D’ASSURANCE :',
      'ASSURANCES DE DOMMAGES',
      'Particuliers :',
      'Assurance/protection des biens :',
      'Professionnels :',
      'Assurance/protection des biens vie privée :',
      'Assurance/protection des biens vie professionnelle :',
      'Entreprises :',
      'ASSURANCES DE PERSONNES',
      'SANTE / PRÉVOYANCE :',
      'Assurances collectives',
      'Assurances individuelles',
      'ÉPARGNE/ PLACEMENTS :',
      'Particuliers :',
      'Professionnels :',
      'Assurances collectives',
      'Assurances individuelles',
      'RETRAITE :',
      'Assurances collectives',
      'Assurances individuelles',
      'PRODUITS AUTRES QUE L’ASSURANCE :',
      'INDIQUEZ LES PRODUITS BANCAIRES, FINANCIERS, AUTRES COMMERCIALISES :',
      '2-ANALYSE DE L’ACTIVITÉ DE L’ENTREPRISE',
      'Marchés ciblés :',
      'Positionnement de l’entreprise :',
      'Zone de chalandise :',
      'Étude de la concurrence (Se limiter à 3 ou 4 concurrents significatifs)',
      'Diagrammes ou tableaux d’analyse du portefeuille',
      'Chiffre d’affaires (de l’agence, du cabinet de courtage, de l’entreprise lorsque disponible) :',
      'Taux de commissionnement (selon les produits, lorsque disponible) :',
      '3- ÉVENTUELLEMENT, SPÉCIFICITÉS DU SERVICE',
    ],
  },
  {
    form: 'fiche-activite-e32',
    numeral: 'V',
    also: ['VI'],
    labels: [
      'E32 – Développement commercial et conduite d’entretien',
      'Fiche d’activité n°',
      'Nom :',
      'Prénom :',
      'Fiche contexte n° :',
      'Activité réelle',
      'Activité simulée',
      'NOM DE L’ENTREPRISE (et éventuellement compagnie mandante) :',
      'Activité portant sur :',
      'Assurances de biens et de responsabilités',
      'Assurances de personnes',
      'Épargne assurantielle ou bancaire',
      'Assurances du professionnel',
      'Assurances du particulier',
      'ORIGINE DU CONTACT :',
      'Développement commercial suite à une offre commerciale',
      'Plan de prospection',
      'Réponse à une demande',
      'TYPE de SITUATION :',
      'Entretien de développement commercial sans rendez-vous préalable :',
      'avec un prospect',
      'avec un client',
      'Entretien de développement commercial en B to C suite à prise de rendez-vous',
      'Entretien de développement commercial en B to B',
      'FORME de COMMUNICATION :',
      'Face à face',
      'Téléphone',
      'Autre',
      'Précisez :',
      'ACTEURS IMPLIQUÉS DANS LA SITUATION : Précisez le rôle et la fonction',
      'ÉTUDIANT(E)',
      'PROFESSIONNEL(S)',
      'CLIENT/ASSURÉ',
      'CONTEXTE COMMERCIAL :',
      'Le cas échéant, description du plan de prospection ou d’animation commerciale',
      'HISTORIQUE DE LA SITUATION',
      'OBJECTIFS DE L’ENTRETIEN POUR LE CONSEILLER',
      'Besoin initial à traiter, informations à recueillir, autres besoins à étudier/à traiter',
      'DESCRIPTION ET ANALYSE DU DÉROULEMENT DE L’ENTRETIEN COMMERCIAL',
      'PHASES',
      'DESCRIPTION ET ANALYSE',
      'Au fil de la description, mettre en évidence notamment',
      'Indiquer les garanties, franchises, capitaux assurés et les avantages produit lors de la phase conseil.',
      'DOCUMENTS PROFESSIONNELS UTILISÉS LORS DE L’ENTRETIEN :',
      'SUIVI DE L’ENTRETIEN :',
      'Informations à conserver dans la base de données, le fichier client, informations à exploiter :',
      'Planification des actions de suivi après l’entretien :',
      'AUTO-ÉVALUATION',
    ],
  },
  {
    form: 'fiche-client',
    numeral: 'VI',
    labels: [
      'FICHE CLIENT - Annexe à la Fiche d’activité N°',
      '(N’indiquer que les informations connues telles qu’elles figurent dans le fichier client – Modifier toute donnée personnelle permettant une identification)',
      'Nom :',
      'Prénom :',
      'Fiche contexte n° :',
      'NOM (modifier le nom réel) :',
      'Prénom :',
      'Date de naissance :',
      'Adresse (modifier le n° réel de rue ou bât°) :',
      'CP :',
      'Ville :',
      'Tél fixe (modifier le n° réel) :',
      'Tél mobile :',
      'Email (modifier l’e-mail réel) :',
      '1- SITUATION FAMILIALE :',
      'Célibataire',
      'Marié',
      'Pacsé',
      'Concubin',
      'Divorcé',
      'Veuf',
      'Séparé',
      'Régime matrimonial :',
      'régime légal',
      'séparation de biens',
      'autre',
      'Conjoint :',
      'Enfants :',
      'NOM (modifier)',
      'Prénom',
      'Date de naissance',
      'A charge',
      '2- SITUATION PROFESSIONNELLE :',
      'Le client/prospect',
      'Profession :',
      'Artisan',
      'Commerçant',
      'Profession libérale',
      'Salarié',
      'Agricole',
      'Retraité',
      'Autre',
      'Caisse de Régime obligatoire :',
      'Employeur :',
      'Client/prospect chef d’entreprise – Raison sociale :',
      'Activité :',
      'Forme d’entreprise :',
      'Date de création :',
      'Nombre de salariés :',
      'Cadres :',
      'Non Cadres :',
      'Véhicules de fonction (nombre) :',
      '3 – SITUATION FINANCIÈRE ET PATRIMONIALE',
      'Revenus mensuels du foyer :',
      'Revenus professionnels :',
      'Revenus immobiliers :',
      'Revenus mobiliers :',
      'Autres :',
      'TOTAL',
      'Éléments de patrimoine :',
      'Patrimoine immobilier :',
      'Propriétaire :',
      'résidence principale',
      'résidence secondaire',
      'non occupant',
      'Valeur du patrimoine immobilier :',
      'Patrimoine financier – Placement (hors Portefeuille)',
      'Type',
      'Date d’ouverture',
      'Montant',
      'PROJET',
      'PROJET',
      '4- CONTRATS d’ASSURANCE et PRODUITS BANCAIRES ACTUELLEMENT EN PORTEFEUILLE :',
      'Nature/nom du contrat /assureur',
      'Date de souscription & Date d’échéance',
      'Informations essentielles par rapport au contrat :',
      'Par exemple :',
      'Franchise',
      'CRM',
      'Capitaux/ biens assurés',
      'Garantie souscrite',
      'Clause bénéficiaire',
      'Sinistralité',
      'Nature/nom du contrat /assureur',
      'Date de souscription & Date d’échéance',
      'Informations essentielles par rapport au contrat :',
      'Nature/nom du contrat /assureur',
      'Date de souscription & Date d’échéance',
      'Informations essentielles par rapport au contrat :',
      '(Ajouter des tableaux si nécessaire pour noter tous les contrats)',
    ],
  },
  {
    form: 'grille-e32-ccf',
    numeral: 'VII',
    labels: [
      'APPRÉCIATION DE L’ÉPREUVE E32 : DÉVELOPPEMENT COMMERCIAL ET CONDUITE D’ENTRETIEN',
      'CONTRÔLE EN COURS DE FORMATION',
      'Situation n° 1',
      'Situation n°2',
      'Synthèse des deux situations',
      'Date du contrôle :',
      'Date du contrôle :',
      'NOM ET PRÉNOM DU CANDIDAT',
      'Note sur 20 proposée par la commission d’interrogation :',
      'CONTENU DU DOSSIER PROFESSIONNEL À LA DATE DU CONTRÔLE :',
      'Nombre de fiches d’activité et contexte (entourer la les réponses adéquates :',
      'Fiche 1',
      'Fiche 2',
      'Fiche 3',
      'Fiche 4',
      'Fiche 5',
      'Oui',
      'F. Contexte absente',
      'Non',
      'Fiche client absente',
      'Situation d’assurance de biens et de responsabilité',
      'Situation d’assurance de personnes',
      'Situation d’assurance du professionnel artisan, commerçant, profession libérale ou syndic de copropriété :',
      'en assurance de biens et de responsabilité,',
      'en assurance de personnes',
      'Situation d’épargne assurantielle ou bancaire',
      '(Cocher les cases)',
      'Situation choisie - Fiche no :',
      'Paramètres modifiés (Fiche client à annexer) :',
      'APPRÉCIATION GLOBALE',
      'Visa des membres de la commission',
      'BTS ASSURANCE',
      'ÉPREUVE E32 - DÉVELOPPEMENT COMMERCIAL ET CONDUITE D’ENTRETIEN',
      'Grille d’aide à l’évaluation',
      'Compétences à évaluer (et n° indicateurs de réussite)',
      'TI',
      'NO',
      'C2-Évaluer si la situation relève de son périmètre de responsabilité',
      'C24-Rechercher et exploiter les informations économiques',
      'TI = Très insuffisant',
      'NO = Non observable',
      'NOTE PROPOSÉE PAR LA COMMISSION D’INTERROGATION :',
      'NOMS DES INTERROGATEURS',
      'SIGNATURES',
      'La grille permet un positionnement du candidat(e) ; la note est attribuée globalement sans donner lieu à une décomposition par critère.',
      'BTS ASSURANCE',
      'ÉPREUVE E32 - DÉVELOPPEMENT COMMERCIAL ET CONDUITE D’ENTRETIEN',
      'Rappel des indicateurs d’évaluation',
      '(1) Évalue si la situation relève de son périmètre de responsabilité',
      '(16) Mobilise les connaissances des fondamentaux de l’assurance',
    ],
  },
  {
    form: 'grille-e32-ponctuelle',
    numeral: 'VIII',
    labels: [
      'Date :',
      'NOM ET PRÉNOM DU CANDIDAT',
      'Note sur 20 proposée par la commission d’interrogation :',
      'CONTENU DU DOSSIER PROFESSIONNEL À LA DATE DU CONTRÔLE :',
      'Nombre de fiches d’activité et contexte (entourer la les réponses adéquates :',
      'Fiche 1',
      'Fiche 2',
      'Fiche 3',
      'Fiche 4',
      'Fiche 5',
      'Oui',
      'F. Contexte absente',
      'Non',
      'Fiche client absente',
      'Situation d’assurance de biens et de responsabilité',
      'Situation d’assurance de personnes',
      'Situation d’assurance du professionnel artisan, commerçant, profession libérale ou syndic de copropriété :',
      'en assurance de biens et de responsabilité,',
      'en assurance de personnes',
      'Situation d’épargne assurantielle ou bancaire',
      '(Cocher les cases)',
      'Situation choisie - Fiche no :',
      'Paramètres modifiés (Fiche client à annexer) :',
      'APPRÉCIATION GLOBALE',
      'Visa des membres de la commission',
      'BTS ASSURANCE',
      'ÉPREUVE E32 - DÉVELOPPEMENT COMMERCIAL ET CONDUITE D’ENTRETIEN',
      'Grille d’aide à l’évaluation',
      'Compétences à évaluer (et n° indicateurs de réussite)',
      'TI',
      'NO',
      'C2-Évaluer si la situation relève de son périmètre de responsabilité',
      'C24-Rechercher et exploiter les informations économiques',
      'TI = Très insuffisant',
      'NO = Non observable',
      'NOTE PROPOSÉE PAR LA COMMISSION D’INTERROGATION :',
      'NOMS DES INTERROGATEURS',
      'SIGNATURES',
      'La grille permet un positionnement du candidat(e) ; la note est attribuée globalement sans donner lieu à une décomposition par critère.',
      'BTS ASSURANCE',
      'ÉPREUVE E32 - DÉVELOPPEMENT COMMERCIAL ET CONDUITE D’ENTRETIEN',
      'Rappel des indicateurs d’évaluation',
      '(1) Évalue si la situation relève de son périmètre de responsabilité',
      '(16) Mobilise les connaissances des fondamentaux de l’assurance',
    ],
  },
  {
    form: 'grille-e42',
    numeral: 'X',
    labels: [
      'Date :',
      'NOM ET PRÉNOM DU CANDIDAT',
      'Note sur 20 proposée par la commission d’interrogation :',
      'CONTENU DU DOSSIER PROFESSIONNEL :',
      'Nombre de fiches d’activité et contexte :',
      'Les 4 fiches portent sur des opérations de gestion de sinistre',
      'Situation d’assurance de biens et de responsabilité',
      'Situation d’assurance de personnes',
      'Les 4 fiches portent sur au moins 3 produits différents d’assurance',
      '(Cocher les cases)',
      'Situation choisie - Fiche no :',
      'Paramètres modifiés (Fiche client à annexer) :',
      'APPRÉCIATION GLOBALE',
      'Visa des membres de la commission',
      'BTS ASSURANCE',
      'ÉPREUVE E42 - Accueil en situation de sinistre',
      'Grille d’aide à l’évaluation',
      'Compétences à évaluer (et n° indicateurs d’évaluation)',
      'C 25 Accueillir le déclarant à l’occasion d’un sinistre ou d’une demande de prestation',
      'TI = Très insuffisant',
      'NOTE PROPOSÉE PAR LA COMMISSION D’INTERROGATION :',
      'NOMS DES INTERROGATEURS',
      'SIGNATURES',
      'La grille permet un positionnement du candidat(e)',
      'BTS ASSURANCE',
      'Rappel des indicateurs d’évaluation',
    ],
  },
  {
    form: 'fiche-activite-e42',
    numeral: 'IX',
    also: ['VI'],
    labels: [
      'E42 – Accueil en situation de sinistre',
      'Fiche d’activité n°',
      'Nom :',
      'Prénom :',
      'Fiche contexte n° :',
      'NOM DE L’ENTREPRISE (et éventuellement compagnie mandante) :',
      'Activité portant sur :',
      'Assurances de biens et de responsabilités',
      'Assurances de personnes',
      'Autre contrat',
      'Précisez :',
      'MOTIF DU CONTACT :',
      'Déclaration de sinistre',
      'Suivi du sinistre',
      'Réclamation sur le sinistre',
      'ACTEURS IMPLIQUÉS DANS LA SITUATION : Préciser les rôles et fonctions des intervenants mentionnés dans la situation',
      'ÉTUDIANT(E)',
      'PROFESSIONNEL(S)',
      'CLIENT/ASSURÉ',
      'CONTRAT D’ASSURANCE SUPPORT DE l’ACTIVITÉ : indiquer le contrat tel qu’il apparaît sur la fiche client',
      'Gestion du sinistre',
      'Par exemple',
      '- Circonstances de l’événement à l’origine de la demande :',
      '- Conditions de garantie/Recevabilité de la déclaration :',
      '- Mission de l’expert :',
      '- Convention éventuellement utilisée :',
      '- Procédure de règlement :',
      '- Calcul de l’indemnité :',
      '- Informations à conserver dans la base de données :',
      'Communication avec l’assuré',
      '(à lister : forme et contenu)',
    ],
  },
  {
    form: 'grille-e5-ccf',
    numeral: 'XI',
    labels: [
      'Évaluation CCF de l’épreuve E5 Coef. 2 :',
      'Établissement de formation :',
      'Nom et prénom du candidat :',
      'Date de la commission :',
      '« Le portfolio comporte une évaluation de la réalité des activités et missions conduites par le candidat ou par la candidate.',
      'Description succincte du portfolio du candidat ou de la candidate :',
      'APPRÉCIATION GLOBALE',
      'Noms et qualités des membres de la commission d’évaluation',
      'Grille d’aide à l’évaluation',
      'Compétences à évaluer (renvois vers critères de l’évaluation)',
      'TI',
      'TS',
      'C1',
      'Utiliser les outils numériques et systèmes d’information de l’entreprise (1), (2), (6)',
      'C49',
      'TI = Très insuffisant',
      'NOTE GLOBALE PROPOSÉE PAR LA COMMISSION',
      'La grille permet un positionnement du candidat(e)',
      'Rappel des critères de l’évaluation',
      '(1) Pertinence du choix du canal de communication',
      '(7) Maîtrise de l’interopérabilité des données reçues et émises',
    ],
  },
  {
    form: 'page-de-garde',
    numeral: 'XII',
    labels: [
      'DOSSIER PROFESSIONNEL',
      'BTS ASSURANCE Session',
      'NOM',
      'Prénom',
      'Établissement de formation (sur l’un des deux exemplaires du dossier)',
      'Visa attestant la réalité des activités professionnelles décrites dans le dossier',
      'Nom et qualité du signataire',
      'Date',
      'Signature',
      'Attestation sur l’honneur pour les candidats individuels :',
      'Je, soussigné Nom',
      'certifie que les activités décrites ainsi que les différentes informations reproduites dans ce dossier reflètent les activités professionnelles que j’ai personnellement réalisées au cours de ma formation.',
      'Fait à',
      'Date',
      'Signature',
    ],
  },
];

describe.each(ANNEXES)('annexe $numeral ($form)', ({ form: id, numeral, labels, also = [] }) => {
  const form = FORMS.find((f) => f.id === id);
  if (!form) throw new Error(`formulaire ${id} inconnu`);
  const annex = annexText(numeral);

  it('lists labels that are the annex’s own, in the annex’s order', () => {
    expect(outOfOrder(annex, labels)).toEqual([]);
  });

  it('prints no label the annex does not have, outside its declared hors-annexe page', () => {
    // A fiche d'activité includes its fiche client: the labels of the included annex are the annex's too.
    const texts = [annex, ...also.map(annexText)].map(norm);
    const extra = printedLabels(resolved(form, undefined)).filter((l) => !texts.some((t) => t.includes(norm(l))));
    expect(extra).toEqual([]);
  });

  it.each([
    ['blank', undefined],
    ['filled', JSON.parse(readFileSync(new URL(`../../samples/${id}.json`, import.meta.url), 'utf8')) as unknown],
  ])('prints the annex’s labels in order on the %s print PDF, its own page last', async (name, data) => {
    const outcome = await paperasse().renderPdf(id, data === undefined ? {} : { donnees: data });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    const text = pdfText(save(dir, `${id}-${name}.pdf`, outcome.octets));
    expect(outOfOrder(text, labels)).toEqual([]);
    const doc = resolved(form, data);
    if (hasHorsAnnexe(doc)) {
      const own = norm(text).lastIndexOf(norm('Informations complémentaires — hors annexe'));
      const lastLabel = labels[labels.length - 1] ?? '';
      expect(own).toBeGreaterThan(norm(text).lastIndexOf(norm(lastLabel)));
    }
  });
});

describe('the dossier professionnel', () => {
  it('prints its parts’ hors-annexe pages on its own print PDF, and leaves them out of its two copies', async () => {
    const data = JSON.parse(readFileSync(new URL('../../samples/dossier-professionnel.json', import.meta.url), 'utf8')) as unknown;
    const own = norm('Informations complémentaires — hors annexe');
    const print = await paperasse().renderPdf('dossier-professionnel', { donnees: data });
    if (!print.ok) throw new Error(print.erreur.message);
    expect(norm(pdfText(save(dir, 'dossier.pdf', print.octets)))).toContain(own);
    const outcome = await paperasse().renderDossier(data, { fichiers: filesBeside(fileURLToPath(new URL('../../samples/', import.meta.url))) });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    const { etablissement, anonyme } = outcome.exemplaires;
    for (const [name, bytes] of [['etablissement', etablissement], ['anonyme', anonyme]] as const) {
      const text = norm(pdfText(save(dir, `dossier-${name}.pdf`, bytes)));
      expect(text).toContain(norm('Fiche contexte'));
      expect(text).not.toContain(own);
    }
  });
});
