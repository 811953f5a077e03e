/**
 * Annexe III — Livret scolaire du BTS Assurance (circulaire BTS Assurance 2019): identity, subjects table with
 * the semester and yearly averages of both years and the appreciations, avis du conseil de classe, cotation de
 * la classe, signatures, then the profile graph (one column per subject, +10 to −10 around the class average).
 */
import { cell, field, grid, heading, pageBreak, personName, row, text, when, type Block, type GridCell, type Template } from '../src/layout/layout.ts';
import {
  LIVRET_SUBJECTS,
  OPTIONAL_SUBJECTS_NOTE,
  PROFILE_BOUNDS,
  PROFILE_INSTRUCTION,
  PROFILE_SUBJECTS,
  type LivretSubject,
  type ProfileSubject,
} from '../src/referentiels/bts-assurance.ts';

/** The part of the livret's data the page footer and the metadata read. */
interface LivretHead {
  candidat?: { nom?: string; prenoms?: string };
  etablissement?: { nom?: string; ville?: string };
  profil?: Partial<Record<ProfileSubject, { position?: number }>>;
}

/** Returns "Prénom(s) NOM" of the candidate (the livret names the first names `prenoms`); drafts may hold anything. */
function candidateName(data: unknown): string {
  return personName(data, 'candidat', 'prenoms');
}

/** Returns "Nom, Ville" of the établissement, or the candidate when the livret has none. */
function establishmentName(data: unknown): string {
  const e = (data as LivretHead).etablissement;
  const written = (v: unknown) => (typeof v === 'string' ? v : '');
  return written(e?.nom) !== '' ? [written(e?.nom), written(e?.ville)].filter(Boolean).join(', ') : candidateName(data);
}

/** The three cells of one year of a subject row: 1er SEM, 2ème SEM, MOYENNE. */
function yearCells(key: LivretSubject, year: 'premiereAnnee' | 'deuxiemeAnnee'): GridCell[] {
  return (['semestre1', 'semestre2', 'moyenne'] as const).map((s) => cell(field(`matieres/${key}/${year}/${s}`, { label: '' })));
}

/** One line of the subjects table: first year, subject, second year, appreciations. */
function subjectRow(key: LivretSubject): GridCell[] {
  return [
    ...yearCells(key, 'premiereAnnee'),
    cell(text(LIVRET_SUBJECTS[key], 'strong')),
    ...yearCells(key, 'deuxiemeAnnee'),
    cell(field(`matieres/${key}/appreciations`, { label: '', lines: 1 })),
  ];
}

/** Returns a shaded header cell in bold. */
function head(label: string, span = 1): GridCell {
  return cell(text(label, 'strong'), { span, header: true });
}

const SEMESTER_HEADS = ['1er SEM', '2ème SEM', 'MOYENNE'];

/** The subjects table, with its two header lines. */
const subjectsTable = grid([0.8, 0.8, 1.1, 3, 0.8, 0.8, 1.1, 7.6], (Object.keys(LIVRET_SUBJECTS) as LivretSubject[]).map(subjectRow), {
  head: [
    [head('1ère année', 3), head('MATIÈRES OBLIGATOIRES'), head('2ème année', 3), head('APPRÉCIATIONS')],
    [...SEMESTER_HEADS.map((h) => head(h)), head(''), ...SEMESTER_HEADS.map((h) => head(h)), head('')],
  ],
});

const OPINIONS = [
  { key: 'tresFavorable', value: 'tres-favorable', label: 'Très favorable' },
  { key: 'favorable', value: 'favorable', label: 'Favorable' },
  { key: 'doitFaireSesPreuves', value: 'doit-faire-ses-preuves', label: 'Doit faire ses preuves à l\'examen' },
] as const;

/**
 * The "COTATION DE LA CLASSE" box: the avis, the candidate's one circled (the annex has no separate line for it),
 * then the class shares of each. Its header lines are plain shaded rows: a repeated (fixed) header inside another
 * table's cell breaks the page flow.
 */
const cotation = grid([1, 1, 1], [
  [head('AVIS (en %)', 3)],
  OPINIONS.map((o) => cell(field('cotation/avisCandidat', { label: '', options: [{ value: o.value, label: o.label }], mark: 'circle' }), { header: true })),
  OPINIONS.map((o) => cell(field(`cotation/repartition/${o.key}`, { label: '', unit: '%' }))),
]);

/** The avis, cotation and candidate's signature band under the subjects table: one unbreakable line. */
const opinionBand = grid(
  [4, 5, 4],
  [
    [
      cell([text('AVIS DU CONSEIL DE CLASSE\n(Observations éventuelles)', 'strong'), field('avisConseilClasse', { label: '', lines: 5 })]),
      cell([text('COTATION DE LA CLASSE', 'strong'), cotation]),
      cell([
        text('DATE et SIGNATURE DU CANDIDAT\n(Remarques éventuelles)', 'strong'),
        field('signatureCandidat/date', { label: '' }),
        field('signatureCandidat/remarques', { label: '', lines: 3 }),
        field('signatureCandidat/signe', { label: '', mark: 'signature' }),
      ]),
    ],
  ],
);

const PROFILE_KEYS = Object.keys(PROFILE_SUBJECTS) as ProfileSubject[];

/**
 * The cell of the graph at `level` for a subject: an X when it is the candidate's position (nothing on a blank
 * form), a point of the profile the engine joins to the others.
 */
function profileCell(key: ProfileSubject, level: number): GridCell {
  const here = (_scope: unknown, root: unknown) => (root as LivretHead).profil?.[key]?.position === level;
  return cell(when(here, [text('{{#if profil}}X{{/if}}', 'point')]));
}

/** Returns the graduation label of a level: "+10" … "+1", "-1" … "-10". */
function graduation(level: number): string {
  return level > 0 ? `+${level}` : String(level);
}

const levels: number[] = [];
for (let l = PROFILE_BOUNDS.max; l >= PROFILE_BOUNDS.min; l--) levels.push(l);

/** The profile graph: a line per position, the class average as its axis. */
const profileGraph = grid(
  [2.4, ...PROFILE_KEYS.map(() => 1)],
  [
    ...levels.map((level) =>
      level === 0
        ? [head('Moyenne de la classe'), ...PROFILE_KEYS.map((k) => cell(field(`profil/${k}/moyenneClasse`, { label: '' }), { header: true }))]
        : [cell(text(graduation(level), 'center')), ...PROFILE_KEYS.map((k) => profileCell(k, level))],
    ),
  ],
  { head: [[head(''), ...PROFILE_KEYS.map((k) => head(PROFILE_SUBJECTS[k]))]] },
);

/** The livret, in the annex's order. */
const blocks: Block[] = [
  heading('BREVET DE TECHNICIEN SUPÉRIEUR ASSURANCE – SESSION {{session}}', 2),
  // The annex's identity lines: NOM | Date de Naissance | Cachet, then Prénom(s) | Langue Vivante 1 (written, no boxes).
  grid(
    [3.2, 3.6, 3.2],
    [
      [
        cell(field('candidat/nom', { label: 'NOM (en lettres capitales)' })),
        cell(field('candidat/dateNaissance')),
        cell([text('Cachet de l’ÉTABLISSEMENT', 'strong'), field('etablissement/nom', { label: '' })]),
      ],
      [cell(field('candidat/prenoms', { label: 'Prénom(s)' })), cell(field('langueVivante1', { mark: 'text' })), cell(field('etablissement/ville', { label: '' }))],
    ],
  ),
  subjectsTable,
  // The band does not fit under a filled subjects table, and a table line taller than what is left of a page is
  // split by the PDF layout: it starts the second page.
  pageBreak(),
  opinionBand,
  row([text(''), field('signaturePresidentJury', { mark: 'signature' })], [2, 1]),
  pageBreak(),
  profileGraph,
  text(OPTIONAL_SUBJECTS_NOTE, 'note'),
  text(PROFILE_INSTRUCTION, 'note'),
];

/**
 * Paperasse's own page: the session (the annex prints it only in its « – SESSION » line) and the candidate's
 * position per subject, from which the graph's crosses are drawn.
 */
const horsAnnexe: Block[] = [
  field('session', { label: 'Session' }),
  grid(
    PROFILE_KEYS.map(() => 1),
    [PROFILE_KEYS.map((k) => cell(field(`profil/${k}/position`, { label: '' })))],
    { head: [PROFILE_KEYS.map((k) => head(PROFILE_SUBJECTS[k]))], title: 'Position du candidat sur le graphique (écart arrondi à la moyenne de la classe)' },
  ),
];

/** The livret scolaire (annexe III): the annex's title line has no session (its own « – SESSION » line has). */
export const template: Template = {
  form: 'livret-scolaire',
  annexe: 'ANNEXE III',
  title: 'Livret scolaire',
  horsAnnexe,
  person: candidateName,
  author: establishmentName,
  landscape: true,
  blocks,
};
