/** Annexe X — Grille d’évaluation E42 « Accueil en situation de sinistre » (circulaire BTS Assurance 2019). */
import { AID_GRID_TITLE, E42_COMPETENCIES, E42_HEADER, E42_INDICATORS, LEVEL_LEGEND } from '../src/referentiels/bts-assurance.ts';
import { candidateTemplate, field, heading, pageBreak, type Template, text } from '../src/layout/layout.ts';
import {
  appreciationWithVisa,
  candidateLine,
  chosenSituation,
  competencyGrid,
  gradeLine,
  indicatorList,
  interrogators,
  interrogatorQualities,
  legend,
  LEVELS_WITH_NO,
  pageHeader,
  positioning,
} from './grilles.ts';

/** The E42 grid. */
export const template: Template = candidateTemplate({
  form: 'grille-e42',
  annexe: 'ANNEXE X',
  title: 'Grille d’évaluation E42 Accueil en situation de sinistre',
  blocks: [
    field('date', { label: 'Date' }),
    candidateLine('NOM ET PRÉNOM DU CANDIDAT'),
    gradeLine('Note sur 20 proposée par la commission d’interrogation'),
    heading('CONTENU DU DOSSIER PROFESSIONNEL :'),
    text('Nombre de fiches d’activité et contexte :'),
    field('contenuDossier', { label: '' }),
    text('(Cocher les cases)', 'note'),
    chosenSituation(),
    ...appreciationWithVisa(),
    pageBreak(),
    pageHeader(E42_HEADER),
    heading(AID_GRID_TITLE),
    competencyGrid({ header: 'Compétences à évaluer (et n° indicateurs d’évaluation)', competencies: E42_COMPETENCIES, levels: LEVELS_WITH_NO }),
    ...legend(LEVEL_LEGEND),
    gradeLine('NOTE PROPOSÉE PAR LA COMMISSION D’INTERROGATION'),
    interrogators(),
    positioning(),
    pageBreak(),
    pageHeader(E42_HEADER),
    ...indicatorList('Rappel des indicateurs d’évaluation', E42_INDICATORS),
  ],
  horsAnnexe: [interrogatorQualities()],
});
