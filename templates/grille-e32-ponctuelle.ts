/** Annexe VIII — Grille d’évaluation E32 en forme ponctuelle (circulaire BTS Assurance 2019). */
import { PONCTUELLE_MENTION } from '../src/referentiels/bts-assurance.ts';
import { candidateTemplate, field, type Template } from '../src/layout/layout.ts';
import { candidateLine, e32FicheNumbers, e32Heading, e32Pages, gradeLine, interrogatorQualities } from './grilles.ts';

/** The E32 grid, forme ponctuelle. */
export const template: Template = candidateTemplate({
  form: 'grille-e32-ponctuelle',
  annexe: 'ANNEXE VIII',
  title: 'Grille d’évaluation E32 Forme ponctuelle',
  blocks: [
    e32Heading,
    field('date', { label: 'Date' }),
    candidateLine('NOM ET PRÉNOM DU CANDIDAT'),
    gradeLine('Note sur 20 proposée par la commission d’interrogation'),
    ...e32Pages(PONCTUELLE_MENTION, []),
  ],
  horsAnnexe: [e32FicheNumbers(), interrogatorQualities()],
});
