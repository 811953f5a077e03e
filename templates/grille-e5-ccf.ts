/** Annexe XI — Grille d’évaluation E5 en contrôle en cours de formation (circulaire BTS Assurance 2019). */
import { AID_GRID_TITLE, E5_COMPETENCIES, E5_CRITERIA, E5_HEADER, E5_LEVEL_LEGEND, E5_PORTFOLIO_PRESENTATION } from '../src/referentiels/bts-assurance.ts';
import { candidateTemplate, each, field, heading, pageBreak, row, text, type Template } from '../src/layout/layout.ts';
import { candidateLine, competencyGrid, gradeLine, indicatorList, legend, LEVELS_E5, positioning } from './grilles.ts';

/** The E5 CCF grid. */
export const template: Template = candidateTemplate({
  form: 'grille-e5-ccf',
  annexe: 'ANNEXE XI',
  title: 'Grille d’évaluation E5 CCF',
  blocks: [
    heading(E5_HEADER),
    field('etablissement/nom', { label: 'Établissement de formation' }),
    candidateLine('Nom et prénom du candidat'),
    field('dateCommission', { label: 'Date de la commission' }),
    ...E5_PORTFOLIO_PRESENTATION.map((p) => text(p, 'note')),
    field('descriptionPortfolio', { label: 'Description succincte du portfolio du candidat ou de la candidate :', lines: 10 }),
    heading('APPRÉCIATION GLOBALE'),
    field('appreciationGlobale', { label: '', lines: 7 }),
    // The annex leaves lines to write the names and qualités on: each member's name, then its qualité as written.
    text('Noms et qualités des membres de la commission d’évaluation', 'strong'),
    each('membresCommission', [row([field('nom', { label: '' }), field('qualite', { label: '', mark: 'text' })], [3, 2])], { min: 2 }),
    pageBreak(),
    heading(AID_GRID_TITLE),
    competencyGrid({ header: 'Compétences à évaluer (renvois vers critères de l’évaluation)', competencies: E5_COMPETENCIES, levels: LEVELS_E5, code: true }),
    ...legend(E5_LEVEL_LEGEND),
    gradeLine('NOTE GLOBALE PROPOSÉE PAR LA COMMISSION'),
    positioning(),
    ...indicatorList('Rappel des critères de l’évaluation', E5_CRITERIA),
  ],
  horsAnnexe: [field('etablissement/ville'), each('membresCommission', [field('qualite', { label: 'Qualité du membre {{@numero}}', direction: 'row' })], { min: 2 })],
});
