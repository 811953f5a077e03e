/** Annexe VII — Grille d’évaluation E32 en contrôle en cours de formation (circulaire BTS Assurance 2019). */
import { CCF_MENTION } from '../src/referentiels/bts-assurance.ts';
import { type Block, candidateTemplate, field, option, row, type Template, text } from '../src/layout/layout.ts';
import { candidateLine, e32FicheNumbers, e32Heading, e32Pages, gradeLine, interrogatorQualities } from './grilles.ts';

/** The situation boxes printed on the appreciation and on the aid grid, with the annex’s labels. */
const SITUATIONS = [
  { value: 'situation-1', label: 'Situation n° 1' },
  { value: 'situation-2', label: 'Situation n°2' },
  { value: 'synthese', label: 'Synthèse des deux situations' },
];

/** The three situation boxes of the first page, each date of control under its situation. */
const situationBoxes: Block[] = [
  row(SITUATIONS.map((s) => option('situation', s.value, s.label))),
  row([field('dateControleSituation1', { label: 'Date du contrôle' }), field('dateControleSituation2', { label: 'Date du contrôle' }), text('')]),
];

/** The E32 CCF grid. */
export const template: Template = candidateTemplate({
  form: 'grille-e32-ccf',
  annexe: 'ANNEXE VII',
  title: 'Grille d’évaluation E32 CCF',
  // The annex VII has no session line: the session is on Paperasse's own page.
  noSession: true,
  blocks: [
    e32Heading,
    text(CCF_MENTION, 'strong'),
    ...situationBoxes,
    candidateLine('NOM ET PRÉNOM DU CANDIDAT'),
    gradeLine('Note sur 20 proposée par la commission d’interrogation'),
    ...e32Pages(CCF_MENTION, [field('situation', { label: '', direction: 'row', options: SITUATIONS })]),
  ],
  horsAnnexe: [field('session', { label: 'Session' }), e32FicheNumbers(), interrogatorQualities()],
});
