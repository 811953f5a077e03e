/**
 * Annexe XII — Page de garde du dossier professionnel (circulaire BTS Assurance 2019, §1.4.2 A point 1). The body
 * is shared by the standalone form and by the dossier professionnel, which includes it at `pageDeGarde`: the
 * visa and the attestation are relative to the page de garde's data, the candidate and the établissement are
 * at the document root in both schemas.
 */
import { type Block, candidateTemplate, cell, field, grid, heading, row, type Template, text, when } from '../src/layout/layout.ts';

/** Whether the document's candidate is a candidat individuel (attestation sur l’honneur instead of the visa). */
function individual(root: unknown): boolean {
  const candidat = (root as { candidat?: { statut?: unknown } } | undefined)?.candidat;
  return candidat?.statut === 'individuel';
}

/** Whether the document names an établissement (one of the two copies of the dossier carries none). */
function withEstablishment(root: unknown): boolean {
  return (root as { etablissement?: unknown } | undefined)?.etablissement !== undefined;
}

/** The page de garde, relative to its visa / attestation block (candidate and établissement at the root). */
export const pageDeGardeBody: Block[] = [
  text('DOSSIER PROFESSIONNEL', 'center'),
  text('BTS ASSURANCE Session {{racine.session}}', 'center'),
  row([field('/candidat/nom', { label: 'NOM' }), field('/candidat/prenom', { label: 'Prénom' })]),
  field('/candidat/statut', { direction: 'row' }),
  when((_scope, root) => withEstablishment(root), [
    heading('Établissement de formation (sur l’un des deux exemplaires du dossier)', 2),
    row([field('/etablissement/nom'), field('/etablissement/ville')], [3, 2]),
  ]),
  when((_scope, root) => !individual(root), [
    heading('Visa attestant la réalité des activités professionnelles décrites dans le dossier'),
    grid(
      [3, 1.4, 1.6],
      [[cell(field('visa/nomQualite', { label: '', lines: 6 })), cell(field('visa/date', { label: '' })), cell(field('visa/signe', { label: 'Signé' }))]],
      { head: [[cell('Nom et qualité du signataire', { header: true }), cell('Date', { header: true }), cell('Signature', { header: true })]] },
    ),
  ]),
  when((_scope, root) => individual(root), [
    heading('Attestation sur l’honneur pour les candidats individuels :'),
    text(
      'Je, soussigné Nom {{majuscules racine.candidat.nom}}, prénom {{racine.candidat.prenom}}, certifie que les activités décrites ainsi que les différentes informations reproduites dans ce dossier reflètent les activités professionnelles que j’ai personnellement réalisées au cours de ma formation.',
    ),
    field('attestationSurLhonneur/lieu'),
    field('attestationSurLhonneur/date'),
    field('attestationSurLhonneur/signe'),
  ]),
];

/** The standalone page de garde (the schema's root is the page de garde block plus session, candidate, établissement). */
export const template: Template = candidateTemplate({
  form: 'page-de-garde',
  annexe: 'ANNEXE XII',
  title: 'Page de garde du dossier professionnel',
  blocks: pageDeGardeBody,
});
