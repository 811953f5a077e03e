/**
 * Annexe XII — Page de garde du dossier professionnel (circulaire BTS Assurance 2019, §1.4.2 A point 1). The body
 * is shared by the standalone form and by the dossier professionnel, which includes it at `pageDeGarde`: the
 * visa and the attestation are relative to the page de garde's data, the candidate and the établissement are
 * at the document root in both schemas.
 */
import { valueAt } from '../src/core/pointer.ts';
import { type Block, candidateTemplate, cell, expectedWhen, field, grid, heading, type Template, text } from '../src/layout/layout.ts';

/** Whether the candidate (at the document root) is a candidat individuel. */
function individual(_scope: unknown, root: unknown): boolean {
  return valueAt(root, ['candidat', 'statut']) === 'individuel';
}

/** Whether the candidate is not a candidat individuel (scolaire, apprenti, formation continue). */
function notIndividual(scope: unknown, root: unknown): boolean {
  return !individual(scope, root);
}

/** The page de garde, relative to its visa / attestation block (candidate and établissement at the root). */
export const pageDeGardeBody: Block[] = [
  text('DOSSIER PROFESSIONNEL', 'center'),
  text('BTS ASSURANCE Session {{racine.session}}', 'center'),
  field('/candidat/nom', { label: 'NOM' }),
  field('/candidat/prenom', { label: 'Prénom' }),
  // The annex prints the label on both copies; the anonymous copy has no établissement to print after it, and a
  // candidat individuel has none (§1.4.2, annexe XII).
  expectedWhen(notIndividual, [field('/etablissement/nom', { label: 'Établissement de formation (sur l’un des deux exemplaires du dossier)' })]),
  // The annex prints both blocks on every page de garde: the visa (candidates of a school or a CFA, §1.4.2 A 1 and
  // B « cette disposition ne s’applique pas aux candidats individuels ») and the attestation (candidats individuels).
  // Each is printed for everyone; the one that does not concern the candidate stays blank and is not expected back.
  heading('Visa attestant la réalité des activités professionnelles décrites dans le dossier'),
  expectedWhen(notIndividual, [
    grid(
      [3, 1.4, 1.6],
      [[cell(field('visa/nomQualite', { label: '', lines: 6 })), cell(field('visa/date', { label: '' })), cell(field('visa/signe', { label: '', mark: 'signature' }))]],
      { head: [[cell('Nom et qualité du signataire', { header: true }), cell('Date', { header: true }), cell('Signature', { header: true })]] },
    ),
  ]),
  heading('Attestation sur l’honneur pour les candidats individuels :'),
  text(
    'Je, soussigné Nom {{majuscules racine.candidat.nom}}, prénom {{racine.candidat.prenom}}, certifie que les activités décrites ainsi que les différentes informations reproduites dans ce dossier reflètent les activités professionnelles que j’ai personnellement réalisées au cours de ma formation.',
  ),
  expectedWhen(individual, [
    field('attestationSurLhonneur/lieu'),
    field('attestationSurLhonneur/date'),
    field('attestationSurLhonneur/signe', { label: 'Signature', mark: 'signature' }),
  ]),
];

/** Paperasse's own page: the candidate's status and the établissement's town, which the annex does not print. */
export const pageDeGardeHorsAnnexe: Block[] = [heading('Page de garde', 2), field('/candidat/statut', { direction: 'row' }), field('/etablissement/ville')];

/** The standalone page de garde (the schema's root is the page de garde block plus session, candidate, établissement). */
export const template: Template = candidateTemplate({
  form: 'page-de-garde',
  annexe: 'ANNEXE XII',
  title: 'Page de garde du dossier professionnel',
  blocks: pageDeGardeBody,
  horsAnnexe: pageDeGardeHorsAnnexe,
});
