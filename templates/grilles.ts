/**
 * Blocks shared by the print templates of the BTS Assurance evaluation grids (circulaire 2019): E32 in CCF
 * (annexe VII) and ponctuelle (annexe VIII), E42 (annexe X) and E5 (annexe XI). The printed wording comes from
 * `src/referentiels/bts-assurance.ts`.
 */
import {
  AID_GRID_TITLE,
  E32_COMPETENCIES,
  E32_HEADER,
  E32_INDICATORS,
  LEVEL_LEGEND,
  POSITIONING_SENTENCE,
  type NumberedIndicator,
} from '../src/referentiels/bts-assurance.ts';
import { cell, column, each, field, grid, heading, option, pageBreak, row, section, table, text, type Block, type GridCell } from '../src/layout/layout.ts';

/** Title of the E32 and E42 "BTS ASSURANCE" page headers. */
const BTS = 'BTS ASSURANCE';

/** The épreuve line of the E32 page headers (annexes VII and VIII, pages 2 and 3). */
export const E32_EPREUVE = 'ÉPREUVE E32 - DÉVELOPPEMENT COMMERCIAL ET CONDUITE D’ENTRETIEN';

/** The level columns of the E32 and E42 grids: `''` is the unlabelled empty column printed between TS and NO. */
export const LEVELS_WITH_NO = ['TI', 'I', 'S', 'TS', '', 'NO'] as const;

/** The level columns of the E5 grid. */
export const LEVELS_E5 = ['TI', 'I', 'S', 'TS'] as const;

/** Returns the framed "BTS ASSURANCE | ÉPREUVE …" band printed at the top of the grid and indicator pages. */
export function pageHeader(epreuve: string, mention?: string): Block {
  const right = [text(epreuve, 'strong'), ...(mention ? [text(mention, 'strong')] : [])];
  return grid([1, 3], [[cell(text(BTS, 'strong')), cell(right)]]);
}

/** Returns the "NOM ET PRÉNOM DU CANDIDAT" line (the annex's one label covers both values: no « Prénom » label). */
export function candidateLine(label: string): Block {
  return row([field('candidat/nom', { label }), field('candidat/prenom', { label: '' })], [3, 2]);
}

/** Returns a line of the proposed grade followed by the "/20" printed after its box. */
export function gradeLine(label: string): Block {
  return row([field('noteProposee', { label }), text('/20', 'strong')], [12, 1]);
}

/**
 * Returns the "APPRÉCIATION GLOBALE" box with, beside it as in the annex, the "Visa des membres de la commission"
 * column: a place to sign (a long appreciation still runs over pages: a long row is split).
 */
export function appreciationWithVisa(): Block[] {
  return [heading('APPRÉCIATION GLOBALE'), row([field('appreciationGlobale', { label: '', lines: 12 }), field('visaCommission', { mark: 'signature' })], [3, 1])];
}

/** Returns the framed "Situation choisie - Fiche n°" and "Paramètres modifiés (Fiche client à annexer)" part. */
export function chosenSituation(): Block {
  return section(undefined, [field('ficheChoisie'), field('parametresModifies', { lines: 6 })]);
}

/**
 * Returns a competency grid: one row per competency, one column per level with its box (the empty spacer
 * column has none). `code` adds a first column with the competency's code, its label then being printed without.
 */
export function competencyGrid(options: {
  header: string;
  competencies: Record<string, string>;
  levels: readonly string[];
  code?: boolean;
}): Block {
  const { header, competencies, levels, code = false } = options;
  const levelWidth = (l: string) => (l === '' ? 0.35 : 0.75);
  const widths = [...(code ? [0.7] : []), code ? 9.3 : 10, ...levels.map(levelWidth)];
  const head: GridCell[] = [
    ...(code ? [cell('', { header: true })] : []),
    cell(text(header, 'strong'), { header: true }),
    ...levels.map((l) => cell(text(l, 'center'), { header: true })),
  ];
  const rows = Object.entries(competencies).map(([key, label]): GridCell[] => [
    ...(code ? [cell(text(key, 'strong')), cell(label.slice(key.length + 1))] : [cell(label)]),
    ...levels.map((l) => (l === '' ? cell('', { header: true }) : cell(option(`competences/${key}/niveau`, l)))),
  ]);
  return grid(widths, rows, { head: [head] });
}

/** Returns the level legend printed under a competency grid. */
export function legend(lines: Record<string, string>): Block[] {
  return Object.values(lines).map((l) => text(l, 'small'));
}

/** Returns the "NOMS DES INTERROGATEURS — SIGNATURES" table of the E32 and E42 grids (two members), places to sign. */
export function interrogators(): Block {
  return table('interrogateurs', [column('NOMS DES INTERROGATEURS', 'nom', 4), column('SIGNATURES', [field('signe', { label: '', mark: 'signature' })], 3)], { minRows: 2 });
}

/** Returns the members' qualité, which the annex does not print: a line of Paperasse's own page per member. */
export function interrogatorQualities(path = 'interrogateurs'): Block {
  return each(path, [row([field('nom', { label: 'Membre de la commission' }), field('qualite', { label: 'Qualité', direction: 'row' })], [1, 1])], { min: 2 });
}

/** Returns the closing sentence printed under every grid. */
export function positioning(): Block {
  return text(POSITIONING_SENTENCE, 'note');
}

/** Returns a "Rappel des indicateurs" list: its title, then one "(n) label" line per indicator. */
export function indicatorList(title: string, indicators: readonly NumberedIndicator[]): Block[] {
  return [heading(title, 2), ...indicators.map((i) => text(`(${i.number}) ${i.label}`))];
}

/** The fiche columns of the E32 "CONTENU DU DOSSIER PROFESSIONNEL" table. */
const FICHES = [0, 1, 2, 3, 4];

/** Returns the path of a value of the i-th fiche column. */
function fichePath(i: number, leaf: string): string {
  return `contenuDossier/fiches/${i}/${leaf}`;
}

/**
 * The E32 "CONTENU DU DOSSIER PROFESSIONNEL" table: « Fiche 1 … Fiche 5 », under each the answers to circle
 * (Oui, F. Contexte absente, Non; Fiche client absente), the chosen ones circled.
 */
function e32Fiches(): Block {
  return grid(
    FICHES.map(() => 1),
    [
      FICHES.map((i) => cell(field(fichePath(i, 'etat'), { label: '', mark: 'circle' }))),
      FICHES.map((i) => cell(field(fichePath(i, 'ficheClientAbsente'), { mark: 'circle' }))),
    ],
    { head: [FICHES.map((i) => cell(text(`Fiche ${i + 1}`, 'strong'), { header: true }))] },
  );
}

/** The fiche numbers of the E32 content table (the annex prints « Fiche 1 … Fiche 5 »), on Paperasse's own page. */
export function e32FicheNumbers(): Block {
  return row(FICHES.map((i) => field(fichePath(i, 'numero'), { label: `Colonne ${i + 1} : fiche n°` })));
}

/** The E32 situations of the dossier, the professionnel's two sub-boxes under their situation. */
function e32Situations(): Block[] {
  const s = 'contenuDossier/situations';
  const p = 'contenuDossier/assuranceDuProfessionnel';
  return [
    option(s, 'biens-responsabilite', 'Situation d’assurance de biens et de responsabilité'),
    option(s, 'personnes', 'Situation d’assurance de personnes'),
    option(s, 'professionnel', 'Situation d’assurance du professionnel artisan, commerçant, profession libérale ou syndic de copropriété :'),
    field(p, {
      label: '',
      direction: 'row',
      options: [{ value: 'biens-responsabilite', label: 'en assurance de biens et de responsabilité, ou' }, { value: 'personnes', label: 'en assurance de personnes' }],
    }),
    option(s, 'epargne', 'Situation d’épargne assurantielle ou bancaire'),
    text('(Cocher les cases)', 'note'),
  ];
}

/**
 * Returns the three pages shared by the E32 grids (annexes VII and VIII) after their identification lines:
 * the dossier's content, the appreciation, the aid grid and the indicators. `mention` is the second line of the
 * grid page's header; `situationBoxes` the boxes repeated above the grid (CCF only).
 */
export function e32Pages(mention: string, situationBoxes: Block[]): Block[] {
  return [
    heading('CONTENU DU DOSSIER PROFESSIONNEL À LA DATE DU CONTRÔLE :'),
    text('Nombre de fiches d’activité et contexte (entourer la les réponses adéquates :'),
    e32Fiches(),
    ...e32Situations(),
    chosenSituation(),
    ...appreciationWithVisa(),
    pageBreak(),
    pageHeader(E32_EPREUVE, mention),
    heading(AID_GRID_TITLE),
    ...situationBoxes,
    competencyGrid({ header: 'Compétences à évaluer (et n° indicateurs de réussite)', competencies: E32_COMPETENCIES, levels: LEVELS_WITH_NO }),
    ...legend(LEVEL_LEGEND),
    gradeLine('NOTE PROPOSÉE PAR LA COMMISSION D’INTERROGATION'),
    interrogators(),
    positioning(),
    pageBreak(),
    pageHeader(E32_EPREUVE),
    ...indicatorList('Rappel des indicateurs d’évaluation', E32_INDICATORS),
  ];
}

/** The E32 heading of the first page (annexes VII and VIII). */
export const e32Heading: Block = heading(E32_HEADER);
