/**
 * Carnet de bord de l’alternance (texte 000, §2 « Le carnet de bord (M1 et M2) » and « Les suivis de
 * l’alternance », §4): the UE pages of the alternant, the tutor's bimonthly pages and the three suivis with the
 * CFA, each with its visa. The text describes the carnet without reproducing it: the instructions printed here
 * are its sentences.
 */
import { cell, each, field, grid, heading, personName, row, section, text, type Block, type Template } from '../src/layout/layout.ts';

/** The signature block of a visa (CFA or school), relative to the suivi. */
function visa(path: string): Block[] {
  return [text('Nom et fonction du signataire :', 'small'), field(`${path}/nom`, { label: '' }), field(`${path}/date`), field(`${path}/signe`, { label: 'Signature' })];
}

/** The carnet, for the whole document. */
export const carnetBody: Block[] = [
  row([field('anneeUniversitaire'), field('annee', { label: '', direction: 'row' })], [1, 1]),
  text(
    'Ce carnet est remis par l’école et le CFA à l’étudiant lors de la réunion de rentrée du M1 et du M2. Il a pour objectif de faire le lien entre tous les acteurs du dispositif, en informant réciproquement les parties des contenus d’enseignement et des missions confiées.',
    'note',
  ),
  row(
    [
      section('L’ALTERNANT', [field('alternant/nom'), field('alternant/prenom'), field('alternant/courriel')]),
      section('LE TUTEUR', [row([field('tuteur/nom'), field('tuteur/prenom')]), field('tuteur/fonction'), field('tuteur/telephone'), field('tuteur/courriel')]),
    ],
    [2, 3],
  ),
  section('L’ENTREPRISE', [
    row([field('entreprise/nom'), field('entreprise/service')], [3, 2]),
    field('entreprise/adresse/voie'),
    row([field('entreprise/adresse/codePostal'), field('entreprise/adresse/ville')], [1, 3]),
  ]),
  heading('1. LES UNITÉS D’ENSEIGNEMENT SUIVIES (pages complétées par l’alternant)'),
  text(
    'L’alternant doit y compléter semestriellement les pages concernant les UE suivies, afin que le tuteur prenne connaissance des contenus de cours, et des acquis. Cela peut lui permettre de voir où on est son alternant et de lui confier des tâches en conséquence.',
    'note',
  ),
  each(
    'unitesEnseignement',
    [
      field('semestre', { label: '', direction: 'row' }),
      row([field('code'), field('intitule')], [1, 3]),
      field('contenusAbordes', { lines: 5 }),
      field('acquis', { lines: 4 }),
    ],
    { title: 'Unité d’enseignement n° {{@numero}}', min: 4 },
  ),
  heading('2. LES PAGES BIMESTRIELLES DU TUTEUR'),
  text(
    'Le tuteur doit compléter, chaque bimestre, avec l’alternant, les activités effectuées et mentionner une appréciation sur le comportement professionnel de l’alternant. Ce carnet est remis lors des suivis de l’alternance, pour information de l’école, et visa du CFA.',
    'note',
  ),
  each(
    'bimestres',
    [
      row([field('du'), field('au')]),
      field('activitesEffectuees', { lines: 7 }),
      field('appreciationComportement', { lines: 5 }),
      // Boxes stacked rather than side by side: React-PDF may split a row of blocks across two pages.
      field('completeAvecAlternant'),
      field('signatureTuteur'),
    ],
    { title: 'Bimestre n° {{@numero}}', min: 5 },
  ),
  heading('3. LES SUIVIS DE L’ALTERNANCE'),
  text(
    'Ils sont programmés 3 fois par an : en novembre, une fois l’année lancée ; en mars / avril, après la publication des résultats de partiels ; fin mai – début juin à titre de bilan de l’année écoulée. Le suivi se matérialise par un RDV individuel entre l’alternant et un accompagnateur du CFA. L’alternant doit s’y présenter avec une fiche de préparation envoyée préalablement par le CFA et avec son carnet de bord complété.',
    'note',
  ),
  text('Une fois visé, le Carnet est remis à l’alternant lors d’une semaine de cours, en vue de l’échéance suivante.', 'note'),
  each(
    'suivis',
    [
      row([field('numero', { label: 'Suivi n°' }), field('date'), field('accompagnateurCfa')], [0.8, 1.7, 2.5]),
      field('fichePreparation'),
      field('carnetComplete'),
      field('observations', { lines: 5 }),
      text('Système d’alerte :', 'strong'),
      field('alerteEcole'),
      field('alerteEntreprise'),
      field('actionsCorrectives', { label: 'Actions correctives (si besoin)', lines: 3 }),
      grid([1, 1], [[cell(visa('visaCfa')), cell(visa('priseDeConnaissanceEcole'))]], {
        head: [[cell('Visa du CFA', { header: true }), cell('Prise de connaissance de l’école', { header: true })]],
      }),
    ],
    { title: 'Suivi de l’alternance', min: 3 },
  ),
];

/** The carnet's template. */
export const template: Template = {
  form: 'carnet-de-bord',
  title: 'Carnet de bord de l’alternance',
  person: (d) => personName(d, 'alternant'),
  author: (d) => personName(d, 'alternant'),
  blocks: carnetBody,
};
