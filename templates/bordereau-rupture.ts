/**
 * Bordereau de rupture de l’alternance — guide « L’alternance à la MIAGE » d’Aix-Marseille 2025/2026, §5 and §4.5.
 * The guide names the bordereau without printing it: this layout follows the guide's vocabulary (apprenti(e),
 * organisme professionnel d’accueil, maître d’apprentissage, document de rupture, dernier jour du contrat inclus,
 * CFA FORMASUP Méditerranée, DDETS, OPCO, avenant de rupture) and the order of the procedure, from the parties to
 * the transmission, where the three routes of §5 are printed with their instructions.
 */
import { cell, field, grid, heading, personName, row, text, type Block, type GridCell, type Template } from '../src/layout/layout.ts';
import { miageAuthor } from './fiche-validation-mission.ts';

const SIGNATORIES = [
  { key: 'apprenti', label: 'L’apprenti(e)' },
  { key: 'employeur', label: 'L’employeur' },
  { key: 'responsableAlternance', label: 'Le responsable de l’alternance de la MIAGE' },
  { key: 'cfa', label: 'Le CFA FORMASUP Méditerranée' },
] as const;

/** A line of the signatures grid: its label, then one cell per signatory. */
function signatureLine(label: string, cellOf: (key: string) => GridCell): GridCell[] {
  return [cell(text(label, 'strong'), { header: true }), ...SIGNATORIES.map((s) => cellOf(s.key))];
}

/** The four signatures, side by side: name and capacity, date, signature. */
const signatures = grid(
  [1.3, 2, 2, 2, 2],
  [
    [cell('', { header: true }), ...SIGNATORIES.map((s) => cell(text(s.label, 'strong'), { header: true }))],
    signatureLine('Nom et qualité du signataire', (k) => cell(field(`signatures/${k}/nomQualite`, { label: '' }))),
    signatureLine('Date', (k) => cell(field(`signatures/${k}/date`, { label: '' }))),
    signatureLine('Signature', (k) => cell([field(`signatures/${k}/signe`, { label: 'Signé' }), text('\u00a0\n\u00a0\n\u00a0', 'small')])),
  ],
);

/** The bordereau, in the order of the procedure of §5. */
const blocks: Block[] = [
  text(
    'Bordereau transmis par le responsable de l’alternance de la MIAGE, à remplir et à joindre au document de rupture (ou à l’avenant de rupture d’une convention de stage), dans lequel figure la date exacte du dernier jour du contrat/de la convention, ce jour étant inclus (§5). Avant d’en arriver là, le tuteur universitaire puis le responsable de l’alternance peuvent jouer les médiateurs. Les envois à faire selon le type de contrat/convention sont rappelés à la rubrique 7.',
    'note',
  ),

  heading('1. L’APPRENTI(E)'),
  row([field('apprenti/nom'), field('apprenti/prenom')]),
  row([field('apprenti/numeroEtudiant'), field('apprenti/dateNaissance')]),
  row([field('apprenti/courriel'), field('apprenti/telephone')]),

  heading('2. LA FORMATION'),
  field('formation/diplome', { direction: 'row' }),
  field('formation/anneeUniversitaire'),

  heading('3. LE CONTRAT / LA CONVENTION ROMPU(E)'),
  field('contrat/type', { direction: 'row' }),
  text('Employeur (organisme professionnel d’accueil)', 'strong'),
  field('contrat/employeur/raisonSociale'),
  field('contrat/employeur/siret'),
  field('contrat/employeur/adresse/voie'),
  row([field('contrat/employeur/adresse/codePostal'), field('contrat/employeur/adresse/ville')], [1, 3]),
  field('contrat/numeroContrat'),
  row([field('contrat/dateDebut'), field('contrat/dateFinPrevue')]),
  text('Maître d’apprentissage (tuteur professionnel)', 'strong'),
  row([field('contrat/maitreApprentissage/nom'), field('contrat/maitreApprentissage/prenom')]),
  field('contrat/maitreApprentissage/fonction'),
  row([field('contrat/maitreApprentissage/courriel'), field('contrat/maitreApprentissage/telephone')]),

  heading('4. LA RUPTURE'),
  field('rupture/type'),
  field('rupture/dateDernierJour'),
  text('Indiquer la date exacte du dernier jour du contrat, ce jour étant inclus dans le contrat ; la même date figure sur le document de rupture (§5).', 'note'),
  field('rupture/dateDocumentRupture'),
  field('rupture/motif', { lines: 6 }),

  heading('5. NOUVEAU CONTRAT ENVISAGÉ'),
  text(
    'Le cas échéant, pour terminer la formation en restant alternant(e) : le nouveau contrat DOIT être du même type et dans un organisme professionnel d’accueil différent ; il peut démarrer le lendemain de la rupture, après une nouvelle validation de mission (§3 et §5).',
    'note',
  ),
  field('nouveauContrat/type', { direction: 'row' }),
  field('nouveauContrat/raisonSociale'),
  row([field('nouveauContrat/siret', { label: 'N° SIRET' }), field('nouveauContrat/dateDebut', { label: 'Date de début envisagée' })]),
  row([field('nouveauContrat/dateFinPrevue', { label: 'Date de fin envisagée' }), field('nouveauContrat/heuresFormationRestantes')]),
  text(
    'Un nouveau contrat ne peut être établi que si les heures de formation restant à valider atteignent le minimum légal : pour un contrat d’apprentissage, 25 % du temps de travail du contrat (par exemple 402 heures pour un contrat de 12 mois, qui équivaut à 1 607 heures) ; pour un contrat de professionnalisation, entre 15 % et 25 % du temps de travail avec un minimum de 150 heures (§4.5). En cas de redoublement, une seule prorogation est possible (une pour la L3I parcours MIAGE, une pour l’ensemble du Master MIAGE).',
    'note',
  ),

  heading('6. SIGNATURES'),
  signatures,

  heading('7. TRANSMISSION'),
  text('Contrat d’apprentissage', 'strong'),
  text(
    'Remplir ce bordereau et établir un document de rupture, puis transmettre au CFA FORMASUP Méditerranée ce bordereau et la rupture du contrat (3 exemplaires originaux de chaque) ET, par mél, au responsable de l’alternance de la MIAGE une copie numérique (scan PDF) de ces deux mêmes documents.',
    'note',
  ),
  field('transmission/exemplairesOriginauxCfa'),
  text('Contrat de professionnalisation', 'strong'),
  text(
    'Établir un document de rupture, puis transmettre à la DDETS ce document (exemplaire original) ET à l’OPCO de l’organisme professionnel d’accueil ce document (copie) ET, par mél, au responsable de l’alternance de la MIAGE une copie numérique (scan PDF) de ce même document.',
    'note',
  ),
  field('transmission/originalDdets'),
  field('transmission/copieOpco'),
  text('Convention de stage en alternance', 'strong'),
  text(
    'Établir un avenant de rupture à la convention de stage (le demander au personnel administratif chargé des stages), puis transmettre cet avenant de rupture au personnel administratif chargé des stages (original) ET, par mél, au responsable de l’alternance de la MIAGE une copie numérique (scan PDF) de ce même avenant de rupture.',
    'note',
  ),
  field('transmission/avenantServiceStages'),
  text('Dans tous les cas', 'strong'),
  field('transmission/copiePdfResponsable'),
  field('transmission/dateEnvoi'),
];

/** The bordereau de rupture d'un contrat d'apprentissage (§5). */
export const template: Template = {
  form: 'bordereau-rupture',
  title: 'Bordereau de rupture de l’alternance',
  person: (d) => personName(d, 'apprenti'),
  author: (d) => miageAuthor(d, 'apprenti'),
  blocks,
};
