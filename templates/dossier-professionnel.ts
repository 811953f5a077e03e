/**
 * Dossier professionnel BTS Assurance (circulaire 2019, §1.4.2 A), in the circular's order: page de garde
 * (annexe XII), attestations, fiches contexte (annexe IV), fiches d'activités E32 n° 1 to 5 (annexe V) and E42
 * n° 6 to 9 (annexe IX), each followed by its fiche client (annexe VI). Every part and every fiche starts on a
 * new page under its annex's title; the fiches' own absolute paths (`/candidat/nom`) hold in the dossier too.
 */
import { attachment, candidateTemplate, column, each, field, heading, include, stack, table, type Template } from '../src/layout/layout.ts';
import { template as ficheContexte } from './fiche-contexte.ts';
import { template as ficheE32 } from './fiche-activite-e32.ts';
import { template as ficheE42 } from './fiche-activite-e42.ts';
import { template as pageDeGarde } from './page-de-garde.ts';

/** The kinds of justificatif, with the schema’s wording shortened to fit a table cell. */
const ATTESTATION_TYPES = [
  { value: 'certificat-stage', label: 'Certificat de stage' },
  { value: 'contrat-apprentissage', label: 'Attestation de présence en contrat d’apprentissage' },
  { value: 'contrat-professionnalisation', label: 'Attestation de présence en contrat de professionnalisation' },
  { value: 'certificat-travail', label: 'Certificat de travail' },
  { value: 'attestation-employeur', label: 'Attestation de l’employeur (apprenti ou contrat de professionnalisation)' },
];

/** The dossier: one document whose parts are the other forms' templates, included at their data. */
export const template: Template = candidateTemplate({
  form: 'dossier-professionnel',
  title: 'Dossier professionnel BTS Assurance',
  blocks: [
    field('epreuves', { direction: 'row' }),
    include(pageDeGarde, 'pageDeGarde', { bookmark: 'Page de garde' }),
    stack(
      [
        heading('Attestations de présence en contrat d’apprentissage ou certificats de travail ou certificats de stages'),
        table('attestations', [
          column('Nature du justificatif', [field('type', { label: '', options: ATTESTATION_TYPES })], 4),
          column('Entreprise ou organisme', [field('organisme', { label: '' }), field('fichier', { label: 'Document numérisé', lines: 2 })], 4),
          column('Période', [field('debut'), field('fin')], 2.2),
          column('Nombre de journées', [field('joursTravailles', { label: '' }), field('tempsPlein')], 1.8),
        ]),
        // The scanned documents, inserted in the table's order when the dossier is assembled with its files.
        each('attestations', [attachment('fichier', 'Justificatif n° {{@numero}} : {{organisme}}')]),
      ],
      { newPage: true, bookmark: 'Attestations et certificats' },
    ),
    stack([each('fichesContexte', [include(ficheContexte, '', { newPage: true, bookmark: 'Fiche contexte n° {{numero}}' })], { min: 1 })], { bookmark: 'Fiches contexte' }),
    stack([each('fichesActiviteE32', [include(ficheE32, '', { newPage: true, bookmark: 'Fiche d’activité n° {{numero}}' })], { min: 5 })], { bookmark: 'Fiches d’activités E32' }),
    stack([each('fichesActiviteE42', [include(ficheE42, '', { newPage: true, bookmark: 'Fiche d’activité n° {{numero}}' })], { min: 4 })], { bookmark: 'Fiches d’activités E42' }),
  ],
});
