/**
 * Évaluation de l’alternance par le tuteur (texte 000, §2 « L’évaluation de l’alternance (M1 obligatoire / M2
 * facultatif) » and « Le rapport d’activité »): the criteria grid, the general appreciation, the three grades of
 * the UE and its computed grade in M1, the bilan in M2, the tutor's signature.
 */
import { cell, field, grid, heading, labelOf, option, pageBreak, personName, row, section, text, when, type Block, type GridCell, type Template } from '../src/layout/layout.ts';

/** The criteria of the grid, in the schema's order, with the hint printed under their label (a shorter form of the schema's description). */
const CRITERIA = [
  { key: 'integration', hint: 'Accueil, connaissance de l’entreprise, place prise dans l’équipe.' },
  { key: 'autonomie', hint: 'Capacité à mener seul les tâches confiées et à proposer des solutions.' },
  { key: 'qualiteTravail', hint: 'Exactitude, respect des procédures et des délais, soin des documents produits.' },
  { key: 'comportementProfessionnel', hint: 'Celui dont le tuteur rend compte chaque bimestre dans le carnet de bord.' },
  { key: 'relationsProfessionnelles', hint: 'Qualité de l’expression écrite et orale, relation avec les clients, les assureurs et les collègues.' },
  { key: 'progression', hint: 'Évolution professionnelle de l’alternant depuis la rentrée.' },
] as const;

/** The level columns of the grid. */
const LEVELS = ['TI', 'I', 'S', 'TS', 'NO'] as const;

/** The grid line of one criterion: label, one box per level, comment. */
function criterionLine(key: string, hint: string): GridCell[] {
  const path = `appreciations/${key}`;
  return [
    cell([labelOf(path), text(hint, 'small')]),
    ...LEVELS.map((level) => cell(option(`${path}/niveau`, level))),
    cell(field(`${path}/commentaire`, { label: '', lines: 3 })),
  ];
}

/** A grade line of the M1 notation grid. */
function gradeLine(path: string, label: string): GridCell[] {
  return [cell(label), cell(field(`notation/${path}`, { label: '', unit: '/ 20' }))];
}

/** Whether the evaluation is of the given year of Master. */
function inYear(year: 'M1' | 'M2') {
  return (d: unknown) => (d as { annee?: string }).annee === year;
}

/** The evaluation, for the whole document. */
export const evaluationBody: Block[] = [
  row([field('anneeUniversitaire'), field('annee', { label: '', direction: 'row' }), field('statut', { label: '', direction: 'row' })], [1.4, 1.3, 1.4]),
  text('L’évaluation de l’alternance, réalisée par le tuteur, entre dans le cadre d’une notation en Master 1. En M2, l’évaluation de l’alternance est demandée à titre de bilan, et non notée.', 'note'),
  text('Le texte de l’école définit l’évaluation par le tuteur, les trois notes de l’UE en M1 et le bilan non noté en M2 ; les six critères de la grille, leur échelle et les rubriques du bilan sont une proposition de Paperasse.', 'note'),
  row(
    [
      section('L’ALTERNANT', [field('alternant/nom'), field('alternant/prenom')]),
      section('LE TUTEUR', [row([field('tuteur/nom'), field('tuteur/prenom')]), field('tuteur/fonction'), row([field('tuteur/telephone'), field('tuteur/courriel')], [2, 3])]),
    ],
    [2, 5],
  ),
  section('L’ENTREPRISE', [
    row([field('entreprise/nom', { label: 'Nom' }), field('entreprise/adresse/voie'), field('entreprise/adresse/codePostal'), field('entreprise/adresse/ville')], [3.2, 3, 1.1, 1.9]),
  ]),
  heading('APPRÉCIATION DU TUTEUR'),
  grid(
    [4.6, 0.75, 0.75, 0.75, 0.75, 0.75, 7.2],
    CRITERIA.map((c) => criterionLine(c.key, c.hint)),
    { head: [[cell('Critère', { header: true }), ...LEVELS.map((level) => cell(level, { header: true })), cell('Commentaire', { header: true })]] },
  ),
  text('TI : Très insuffisant – I : Insuffisant – S : Satisfaisant – TS : Très satisfaisant – NO : Non observable. Un niveau TI ou I est expliqué en commentaire.', 'note'),
  field('appreciationGenerale', { lines: 6 }),
  // Page 1: who and the appreciation grid; page 2: the M1 grades or the M2 bilan, and the signature.
  pageBreak(),
  when(inYear('M1'), [
    heading('NOTATION DE L’UE « RAPPORT D’ACTIVITÉ / ACCOMPAGNEMENT DE L’ALTERNANCE » (M1)'),
    text('UE affectée d’un coefficient 5 (sur un total de 60). Ces 3 notes sont ramenées sur 20 pour constituer la note finale de l’UE.', 'note'),
    grid(
      [5, 1.4],
      [
        gradeLine('noteRapportCorrecteur', 'Note du rapport d’activité par un correcteur de l’école (remise en juin)'),
        gradeLine('noteAlternanceTuteur', 'Note de l’alternance par le tuteur (à remettre fin juin)'),
        gradeLine('noteRapportTuteur', 'Note du rapport d’activité par le tuteur (à remettre fin juin)'),
        [
          cell([text('Note de l’UE : moyenne des trois notes, arrondie au centième (calculée)', 'strong')], { header: true }),
          cell(field('notation/noteUE', { label: '', unit: '/ 20' }), { header: true }),
        ],
      ],
      { head: [[cell('Notes', { header: true }), cell('Note sur 20', { header: true })]] },
    ),
  ]),
  when(inYear('M2'), [
    heading('BILAN DE L’ALTERNANCE (M2)'),
    text('Document d’évaluation finale de l’alternance, en guise de bilan global, à compléter par le tuteur et à retourner au CFA.', 'note'),
    field('bilan/missionsConfiees', { lines: 4 }),
    field('bilan/competencesDeveloppees', { lines: 4 }),
    field('bilan/axesDeProgres', { lines: 3 }),
    field('bilan/propositionContrat', { direction: 'row' }),
  ]),
  section(undefined, [row([field('lieu'), field('dateEvaluation', { label: 'Le' }), field('signatureTuteur')], [2, 1.5, 1.5])]),
];

/** The evaluation's template. */
export const template: Template = {
  form: 'evaluation-alternance',
  title: 'Évaluation de l’alternance par le tuteur',
  person: (d) => personName(d, 'alternant'),
  author: (d) => personName(d, 'alternant'),
  blocks: evaluationBody,
};
