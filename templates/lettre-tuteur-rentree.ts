/**
 * Lettre de rentrée au tuteur (texte 000, §1 « Début octobre : par l’envoi par l’école d’un courrier », §3, §4):
 * the school's letter to each tutor, merged from one line of data. The letter itself is running text filled with
 * Handlebars (templates/letters/lettre-tuteur-rentree.hbs, which a school may replace); the recap sheet after it
 * shows every value as a field, so that every value comes back from the fillable PDF.
 */
import { cell, column, field, grid, letterBody, option, pageBreak, personName, row, table, text, when, type Block, type Template } from '../src/layout/layout.ts';

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
    echeanceLine('Remise du carnet de bord', 'remiseCarnetDeBord'),
    suiviLine('1er suivi (novembre)', 'premierSuivi'),
    suiviLine('2ème suivi (mars / avril)', 'deuxiemeSuivi'),
    suiviLine('3ème suivi (fin mai – début juin)', 'troisiemeSuivi'),
    echeanceLine('Bilan écrit du 1er suivi', 'bilansSuivis/premier'),
    echeanceLine('Bilan écrit du 2ème suivi', 'bilansSuivis/deuxieme'),
    echeanceLine('Bilan écrit du 3ème suivi', 'bilansSuivis/troisieme'),
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
  echeanceLine('M1 : note de l’UE envoyée par l’école', 'rapportActivite/dateNoteUE'),
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

/**
 * The letter, for the whole document: the body written by templates/letters/lettre-tuteur-rentree.hbs (a school
 * may give its own), then, on a page of its own, the recap sheet where every value of the letter is a field.
 */
export const lettreBody: Block[] = [
  letterBody('lettre-tuteur-rentree'),
  pageBreak(),
  text('Fiche récapitulative (merci de nous signaler toute inexactitude) — calendrier des cours {{anneeUniversitaire}}', 'strong'),
  table('calendrierCours', [column('Du', 'du', 1.3), column('Au', 'au', 1.3), column('École', [option('lieu', 'ecole')], 0.9), column('Entreprise', [option('lieu', 'entreprise')], 1.4), column('Libellé', 'libelle', 5.7)]),
  datesARetenir,
  when(forYear('M1'), [datesRapportActivite]),
  recapitulatif,
];

/** The letter's template. */
export const template: Template = {
  form: 'lettre-tuteur-rentree',
  title: 'Lettre de rentrée au tuteur',
  letter: true,
  person: (d) => personName(d, 'alternant'),
  author: (d) => {
    const ecole = (d as { ecole?: { nom?: unknown } }).ecole;
    return typeof ecole?.nom === 'string' ? ecole.nom : personName(d, 'alternant');
  },
  blocks: lettreBody,
};
