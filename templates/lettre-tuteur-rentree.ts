/**
 * Lettre de rentrée au tuteur (texte 000, §1 « Début octobre : par l’envoi par l’école d’un courrier », §3, §4):
 * the school's letter to each tutor, merged from one line of data. The letter itself is running text filled with
 * Handlebars; the calendar, the dates to remember and the closing recap are fields, so that every value comes
 * back from the fillable PDF.
 */
import { cell, column, field, grid, heading, option, pageBreak, personName, row, stack, table, text, when, type Block, type Template } from '../src/layout/layout.ts';

/**
 * The tutor's civilité as printed in a letter (« Madame », « Monsieur »; « Madame, Monsieur » when unknown).
 */
const CIVILITE = '{{#if tuteur.civilite}}{{#if (egal tuteur.civilite "monsieur")}}Monsieur{{else}}Madame{{/if}}{{else}}Madame, Monsieur{{/if}}';

/** Returns the masculine or feminine wording agreeing with the tutor's civilité (masculine when unknown). */
function accord(masculin: string, feminin: string): string {
  return `{{#if (egal tuteur.civilite "madame")}}${feminin}{{else}}${masculin}{{/if}}`;
}

/** The alternant's name in the running text. */
const ALTERNANT = '{{alternant.prenom}} {{alternant.nom}}';

/** Letterhead: the school sending the letter. */
const enTete: Block[] = [
  text('{{ecole.nom}}', 'strong'),
  text(
    [
      '{{#if ecole.universite}}{{ecole.universite}}\n{{/if}}{{#if ecole.service}}{{ecole.service}}\n{{/if}}{{ecole.adresse.voie}}',
      '{{ecole.adresse.codePostal}} {{ecole.adresse.ville}}{{#if ecole.telephone}}\nTél. : {{ecole.telephone}}{{/if}}{{#if ecole.courriel}}\n{{ecole.courriel}}{{/if}}',
    ].join('\n'),
  ),
];

/** Addressee: the tutor at the company's postal address. */
const destinataire: Block[] = [
  text(`\n${CIVILITE} {{tuteur.prenom}} {{majuscules tuteur.nom}}`, 'strong'),
  text('{{tuteur.fonction}}\n{{tuteur.entreprise}}\n{{tuteur.adresse.voie}}\n{{tuteur.adresse.codePostal}} {{majuscules tuteur.adresse.ville}}'),
];

/** Whether the letter is for the tutor of an alternant in the given year of Master (blank letters show both years). */
function forYear(year: 'M1' | 'M2') {
  return (d: unknown) => (d as { alternant?: { annee?: string } }).alternant?.annee === year;
}

/** A meeting line of the "dates à retenir" grid. */
function reunionLine(label: string, path: string) {
  return [cell(label), cell(field(`${path}/date`, { label: '' })), cell(field(`${path}/heure`, { label: '' })), cell(field(`${path}/lieu`, { label: '' }))];
}

/** A suivi line of the "dates à retenir" grid: its period. */
function suiviLine(label: string, path: string) {
  return [cell(label), cell(row([field(`${path}/du`, { label: 'du' }), field(`${path}/au`, { label: 'au' }), text('')], [1, 1, 1.5]), { span: 3 })];
}

/** A deadline line of the "dates à retenir" grid. */
function echeanceLine(label: string, path: string) {
  return [cell(label), cell(field(path, { label: '' }), { span: 3 })];
}

/** Column widths of the "dates à retenir" grids. */
const DATES_WIDTHS = [3.7, 1.6, 0.9, 6.6];

/** The meetings, the suivis and the deadlines of the year, as fields. */
const datesARetenir = grid(
  DATES_WIDTHS,
  [
    reunionLine('1ère réunion des tuteurs', 'premiereReunionTuteurs'),
    reunionLine('2ème réunion des tuteurs', 'deuxiemeReunionTuteurs'),
    suiviLine('1er suivi (novembre)', 'premierSuivi'),
    suiviLine('2ème suivi (mars / avril)', 'deuxiemeSuivi'),
    suiviLine('3ème suivi (fin mai – début juin)', 'troisiemeSuivi'),
    echeanceLine('Retour de l’évaluation', 'dateLimiteEvaluation'),
  ],
  { head: [[cell('Dates à retenir', { header: true }), cell('Date', { header: true }), cell('Heure', { header: true }), cell('Lieu', { header: true })]] },
);

/** The M1 line of the "dates à retenir", a grid of its own so that it can be left out of M2 letters. */
const datesRapportActivite = grid(DATES_WIDTHS, [
  [
    cell('M1 : rapport d’activité'),
    cell(row([field('rapportActivite/dateRemise', { label: 'remise le' }), field('rapportActivite/dateLimiteNotesTuteur', { label: 'notes du tuteur avant le' })], [1, 1.4]), { span: 3 }),
  ],
]);

/** The recap: one line per party, every value of the letter as a field. */
const recapitulatif = grid(
  [0.9, 7],
  [
    [
      cell('Courrier', { header: true }),
      cell([
        row([field('anneeUniversitaire'), field('dateCourrier', { label: 'Courrier du' }), field('carnetDeBordJoint')], [1.6, 1.2, 1.6]),
        row([field('alternant/nom', { label: 'Alternant' }), field('alternant/prenom'), field('alternant/annee', { label: '', direction: 'row' })], [2, 2, 2.4]),
      ]),
    ],
    [
      cell('École', { header: true }),
      cell([
        row([field('ecole/nom', { label: 'Nom' }), field('ecole/universite', { label: 'Université' })], [3, 2]),
        row([field('ecole/service', { label: 'Service' }), field('ecole/telephone', { label: 'Tél.' }), field('ecole/courriel', { label: 'Courriel' })], [2, 1.5, 2.7]),
        row([field('ecole/adresse/voie', { label: 'Adresse' }), field('ecole/adresse/codePostal', { label: 'CP' }), field('ecole/adresse/ville', { label: 'Ville' })], [3, 1, 2]),
        row([field('ecole/signataireNom', { label: 'Signataire' }), field('ecole/signataireFonction', { label: 'Fonction' })], [2, 3]),
      ]),
    ],
    [cell('CFA', { header: true }), cell([row([field('cfa/nom', { label: 'Nom' }), field('cfa/telephone', { label: 'Tél.' })], [4, 1.6]), field('cfa/courriel', { label: 'Courriel' })])],
    [
      cell('Tuteur', { header: true }),
      cell([
        row([field('tuteur/civilite', { label: '', direction: 'row' }), field('tuteur/nom'), field('tuteur/prenom')], [2, 2, 2]),
        row([field('tuteur/fonction'), field('tuteur/entreprise')], [2.6, 2.4]),
        row([field('tuteur/adresse/voie', { label: 'Adresse' }), field('tuteur/adresse/codePostal', { label: 'CP' }), field('tuteur/adresse/ville', { label: 'Ville' })], [4.2, 1, 1.8]),
        field('tuteur/courriel'),
      ]),
    ],
  ],
  { title: 'Récapitulatif' },
);

/** The letter, for the whole document. */
export const lettreBody: Block[] = [
  row([stack(enTete), stack(destinataire)], [1, 1]),
  row([text(''), text('\n{{ecole.adresse.ville}}, le {{dateLongue dateCourrier}}\n')], [1, 1]),
  text(`Objet : suivi de l’alternance de ${ALTERNANT} ({{alternant.annee}}), année universitaire {{anneeUniversitaire}}`, 'strong'),
  text('P. J. : calendrier des cours{{#if carnetDeBordJoint}}, carnet de bord{{/if}}'),
  text(`\n${CIVILITE},`),
  text(
    `Votre entreprise vous a confié le tutorat de ${ALTERNANT}, en {{alternant.annee}} du Master « Management de l’assurance » pour l’année universitaire {{anneeUniversitaire}}. ` +
      'Vous définissez et suivez ses missions dans l’entreprise ; vos nom et coordonnées ont été transmis à l’école et au CFA, {{cfa.nom}}, ' +
      'en charge de la gestion de l’alternance et de la relation avec les entreprises, dont vous êtes ' +
      `${accord('l’interlocuteur privilégié', 'l’interlocutrice privilégiée')}. ` +
      'Ce courrier vous présente le suivi de l’alternance et vous en donne le calendrier.',
  ),
  heading('Le carnet de bord', 2),
  text(
    'Le carnet de bord{{#if carnetDeBordJoint}}, joint à ce courrier,{{/if}} fait le lien entre l’alternant, l’entreprise, l’école et le CFA. ' +
      '{{alternant.prenom}} y complète chaque semestre les pages des UE suivies, pour que vous preniez connaissance des contenus de cours et des acquis et puissiez lui confier des tâches en conséquence. ' +
      'Vous y complétez tous les deux mois, avec {{alternant.prenom}}, les activités effectuées, et vous y mentionnez une appréciation sur son comportement professionnel.',
  ),
  heading('Les suivis de l’alternance', 2),
  text(
    'Trois fois dans l’année, {{alternant.prenom}} rencontre un accompagnateur du CFA lors d’un rendez-vous individuel de 10 à 20 minutes, pour faire le point sur la scolarité et le travail en entreprise. ' +
      'L’école et les tuteurs n’y sont pas présents. Le carnet de bord complété y est remis, pour information de l’école et visa du CFA, puis rendu à {{alternant.prenom}} en vue de l’échéance suivante.',
  ),
  heading('Les réunions des tuteurs', 2),
  text(
    'Nous vous invitons aux deux réunions des tuteurs, de l’école et du CFA. La 1ère réunion, le {{date premiereReunionTuteurs.date}} à {{premiereReunionTuteurs.heure}}, ' +
      'présente l’école et ses partenaires, le diplôme, son organisation et sa planification, l’organisation de l’alternance, et fait le point sur le rapport d’activité et la gestion de projets. ' +
      'La 2ème réunion, le {{date deuxiemeReunionTuteurs.date}} à {{deuxiemeReunionTuteurs.heure}}, fait le point sur les matières et les résultats des partiels de janvier ; ' +
      'chaque tuteur y reçoit les résultats individuels de son alternant et y fait le point sur son évolution professionnelle et son comportement. ' +
      'Un rappel vous sera adressé environ trois semaines avant chaque réunion.',
  ),
  when(forYear('M2'), [
    text('En M2, la 2ème réunion est aussi l’occasion de voir si l’entreprise souhaite proposer un contrat à l’alternant.'),
  ]),
  heading('En fin d’année', 2),
  text('En juin, nous vous demanderons de compléter le document d’évaluation de l’alternance, à retourner au plus tard le {{date dateLimiteEvaluation}}.'),
  when(forYear('M1'), [
    text(
      `Pour les tuteurs de M1 : ${ALTERNANT} remettra son rapport d’activité à l’école le {{date rapportActivite.dateRemise}}. ` +
        'Vous attribuerez une note à l’alternance et une note au rapport d’activité, à nous envoyer au plus tard le {{date rapportActivite.dateLimiteNotesTuteur}} ; ' +
        'avec la note d’un correcteur de l’école, elles sont ramenées sur 20 pour constituer la note de l’UE « Rapport d’activité / accompagnement de l’alternance ».',
    ),
  ]),
  when(forYear('M2'), [
    text('Pour les tuteurs de M2 : l’évaluation de l’alternance tient lieu de bilan global et n’est pas notée ; elle est à retourner au CFA.'),
  ]),
  text(
    'Pour toute question, vous pouvez joindre l’école{{#if ecole.telephone}} au {{ecole.telephone}}{{/if}}{{#if ecole.courriel}} ou à {{ecole.courriel}}{{/if}}, ' +
      'ainsi que le CFA{{#if cfa.telephone}} au {{cfa.telephone}}{{/if}}{{#if cfa.courriel}} ou à {{cfa.courriel}}{{/if}}.',
  ),
  text(`Nous vous remercions de votre engagement auprès de {{alternant.prenom}} et vous prions d’agréer, ${CIVILITE}, l’expression de nos salutations distinguées.`),
  row([text(''), text('\n{{ecole.signataireNom}}\n{{ecole.signataireFonction}}', 'strong')], [1, 1]),
  // The enclosures start on their own page, after the one-page letter.
  pageBreak(),
  text('Calendrier des cours {{anneeUniversitaire}}', 'strong'),
  table('calendrierCours', [column('Du', 'du', 1.3), column('Au', 'au', 1.3), column('École', [option('lieu', 'ecole')], 0.9), column('Entreprise', [option('lieu', 'entreprise')], 1.4), column('Libellé', 'libelle', 5.7)]),
  datesARetenir,
  when(forYear('M1'), [datesRapportActivite]),
  recapitulatif,
];

/** The letter's template. */
export const template: Template = {
  form: 'lettre-tuteur-rentree',
  title: 'Lettre de rentrée au tuteur',
  person: (d) => personName(d, 'alternant'),
  author: (d) => {
    const ecole = (d as { ecole?: { nom?: unknown } }).ecole;
    return typeof ecole?.nom === 'string' ? ecole.nom : personName(d, 'alternant');
  },
  blocks: lettreBody,
};
