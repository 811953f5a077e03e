/**
 * Fiche de validation de mission en alternance — guide « L’alternance à la MIAGE » d’Aix-Marseille 2025/2026,
 * §3.3. The guide describes a web form without a printed layout: this one follows the guide's vocabulary
 * (parties prenantes §3.1, offre §3.2, dates DDF/DFF/DDC/DFC of Tableau 5, contrats of Tableau 2), in the order
 * a secretariat checks a request, and ends with the box the MIAGE fills on validation.
 */
import { cell, each, field, grid, heading, personName, row, section, text, when, type Block, type GridCell, type Template } from '../src/layout/layout.ts';
import { APPRENTICE_BANDS, BAND_NAMES, GRATIFICATION_HORAIRE, PRO_BANDS, TABLEAU_6, TABLEAU_7, type PayCell } from '../src/referentiels/remuneration-alternance.ts';

/** Short names of the MIAGE formations, for the document's author. */
const FORMATIONS: Record<string, string> = {
  'l3i-miage': 'L3 Informatique parcours MIAGE',
  'master-miage': 'Master MIAGE',
  'm2-miage': 'M2 MIAGE',
};

/** Returns "MIAGE d’Aix-Marseille Université — <formation> <année>" from `formation`, or the person at `personPath`. */
export function miageAuthor(data: unknown, personPath: string): string {
  const f = (data as { formation?: { diplome?: string; anneeUniversitaire?: string } }).formation;
  const name = typeof f?.diplome === 'string' && Object.hasOwn(FORMATIONS, f.diplome) ? FORMATIONS[f.diplome] : undefined;
  if (!name) return personName(data, personPath);
  return `MIAGE d’Aix-Marseille Université — ${[name, f?.anneeUniversitaire].filter(Boolean).join(' ')}`;
}

/** True when the alternant(e) is of a nationality outside the European Union (APT needed, §3.4). */
function outsideEu(scope: unknown): boolean {
  return (scope as { alternant?: { nationalite?: string } }).alternant?.nationalite === 'autre';
}

/** Returns a predicate true when the fiche's contract is of `type`, or has no type yet (a blank fiche prints every grid). */
function contractIs(type: string): (scope: unknown, root: unknown) => boolean {
  return (_scope, root) => {
    const t = (root as { contrat?: { type?: string } } | undefined)?.contrat?.type;
    return t === undefined || t === type;
  };
}

/** Returns the text of a pay cell as the guide prints it (« 53 % du SMIC/SMC (au plus élevé) »). */
function rateText(c: PayCell): string {
  if (c.tauxSmc !== undefined) return `SMIC 35 heures ou ${String(c.tauxSmc)} % du SMC (au plus haut des 2)`;
  return `${String(c.taux)} % du SMIC${c.smcPossible ? '/SMC (au plus élevé)' : ''}`;
}

/** Tableau 6 as the guide prints it: one row per contract year, one column per age band. */
const tableau6 = grid(
  [2, 1, 1, 1.4, 1.4],
  [
    [cell(text('Année de contrat', 'strong'), { header: true }), ...APPRENTICE_BANDS.map((b) => cell(text(BAND_NAMES[b], 'strong'), { header: true }))],
    ...([[1, '1re année (M1 MIAGE)'], [2, '2e année (M2 MIAGE, même si non-alternant en M1)'], [3, '3e année (L3I parcours MIAGE)']] as const).map(
      ([year, name]): GridCell[] => [cell(text(name, 'strong'), { header: true }), ...APPRENTICE_BANDS.map((b) => cell(rateText(TABLEAU_6[year][b])))],
    ),
  ],
  { title: 'Tableau 6. Taux de rémunération minimale des apprenti(e)s' },
);

/** Tableau 7's row that concerns the MIAGE (level at least a baccalauréat professionnel). */
const tableau7 = grid(
  [2, 1, 1, 1.6],
  [
    [cell(text('Niveau de la formation suivie', 'strong'), { header: true }), ...PRO_BANDS.map((b) => cell(text(BAND_NAMES[b], 'strong'), { header: true }))],
    [cell(text('Au moins égal au baccalauréat professionnel (L3I, M1, M2 MIAGE)', 'strong'), { header: true }), ...PRO_BANDS.map((b) => cell(rateText(TABLEAU_7['bac-pro-ou-plus'][b])))],
  ],
  { title: 'Tableau 7. Taux de rémunération minimale brute en contrat de professionnalisation' },
);

/** The pay grid that applies to the fiche's contract (§4.2): Tableau 6, Tableau 7 or the stage gratification. */
const payGridBlocks: Block[] = [
  when(contractIs('apprentissage'), [
    tableau6,
    text(
      'Le taux change le premier jour du mois qui suit l’anniversaire qui fait changer de tranche d’âge, et au passage du M1 au M2. Majoration de 15 % en cas de prolongation du contrat, de diplôme de l’enseignement supérieur déjà obtenu ou d’année supplémentaire due à un handicap (par exemple 78 % + 15 % = 93 % du SMIC). Taux ramené aux heures effectuées (35 heures = 151,67 heures par mois). « paperasse remuneration » calcule la grille de tout le contrat (§4.2.1).',
      'note',
    ),
  ]),
  when(contractIs('professionnalisation'), [
    tableau7,
    text('Le taux change le premier jour du mois qui suit l’anniversaire qui fait changer de tranche d’âge (§4.2, §4.2.2).', 'note'),
  ]),
  when(contractIs('stage-alternance'), [
    text(
      `Stage en alternance : aucune gratification n’est obligatoire jusqu’à 8 semaines équivalent temps complet (heures de formation non comptées) ; au-delà, au moins ${GRATIFICATION_HORAIRE.toLocaleString('fr-FR')} € de l’heure × volume horaire quotidien × nombre de jours ouvrés travaillés (§4.2.3).`,
      'note',
    ),
  ]),
];

/** A "Date et signature" box of one of the people who confirm the fiche (§3.3.3). */
function signatureBox(who: string) {
  return cell([text(who, 'strong'), text('Date et signature :\n\u00a0\n\u00a0\n\u00a0', 'small')]);
}

/** The confirmation boxes: the alternant(e), the tuteur(s) professionnel(s) and the contact RH. */
const confirmations = grid([1, 1, 1], [[signatureBox('L’alternant(e)'), signatureBox('Le(s) tuteur(s) professionnel(s)'), signatureBox('Le contact RH')]]);

/** The fiche, in the order of the guide's parties prenantes and Tableau 5. */
const blocks: Block[] = [
  text(
    'Fiche remplie par le (la) futur(e) alternant(e) avec son organisme professionnel d’accueil et soumise au responsable de l’alternance de la MIAGE AVANT tout établissement d’un contrat/d’une convention d’alternance, à partir du 15 mai et au moins 10 jours ouvrables avant la date souhaitée de début du contrat/de la convention (§3.3).',
    'note',
  ),
  text('Attention : un(e) étudiant(e) ayant une mission validée ne pourra PAS demander la validation d’une autre mission.', 'note'),
  field('dateDemande'),

  heading('1. L’ALTERNANT(E)'),
  row([field('alternant/nom'), field('alternant/prenom')]),
  row([field('alternant/numeroEtudiant'), field('alternant/dateNaissance')]),
  field('alternant/rqth'),
  row([field('alternant/courriel'), field('alternant/telephone')]),
  field('alternant/nationalite', { direction: 'row' }),
  when(outsideEu, [
    field('alternant/paysNationalite'),
    field('alternant/autorisationProvisoireTravail'),
    text('Le contrat d’alternance est caduc si l’Autorisation Provisoire de Travail n’est pas détenue AVANT son début (§3.4).', 'note'),
  ]),

  heading('2. LA FORMATION'),
  field('formation/diplome', { direction: 'row' }),
  row([field('formation/anneeUniversitaire'), field('formation/statut', { direction: 'row' })], [2, 3]),
  row([field('formation/dateDebutFormation', { label: 'Date de début (DDF)' }), field('formation/dateFinFormation', { label: 'Date de fin (DFF)' })]),

  heading('3. LE CONTRAT / LA CONVENTION D’ALTERNANCE'),
  field('contrat/type'),
  row([field('contrat/dateDebut', { label: 'Date de début (DDC)' }), field('contrat/dateFin', { label: 'Date de fin (DFC)' })]),
  text(
    'DDC : au moins 1 semaine après la validation de la mission ; apprentissage : DDF – 3 mois ≤ DDC ≤ DDF + 3 mois ; professionnalisation : DDF – 2 mois ≤ DDC ≤ DDF + 3 mois ; stage en alternance : DDF ≤ DDC ≤ DDF + 3 mois. DFC : apprentissage et professionnalisation : DFF ≤ DFC ≤ DFF + 2 mois ; stage en alternance : DFC ≤ DFF, pour une durée de 6 mois à 1 an (Tableau 5).',
    'note',
  ),
  row([field('contrat/dureeHebdomadaire', { label: 'Durée hebdomadaire de travail', unit: 'h' }), field('contrat/teletravail', { label: 'Part de télétravail envisagée', unit: '%' })]),
  row([field('contrat/remunerationBruteMensuelle', { label: 'Rémunération brute mensuelle prévue' }), field('contrat/pourcentageSmic', { label: 'Pourcentage du SMIC (ou du SMC)', unit: '%' })]),
  field('contrat/smc'),
  field('contrat/majorations'),
  text('Année de redoublement (§4.5)', 'strong'),
  field('contrat/redoublement/anneeRedoublee', { direction: 'row' }),
  field('contrat/redoublement/prorogation'),
  field('contrat/redoublement/accordExpresOpco'),
  row([field('contrat/redoublement/prorogationsDejaAccordees'), field('contrat/redoublement/heuresFormationRestantes')]),
  text('Rémunération minimale (§4.2)', 'strong'),
  ...payGridBlocks,

  heading('4. L’ORGANISME PROFESSIONNEL D’ACCUEIL'),
  field('organisme/raisonSociale'),
  row([field('organisme/siret'), field('organisme/secteur', { direction: 'row' })]),
  field('organisme/adresse/voie'),
  row([field('organisme/adresse/codePostal'), field('organisme/adresse/ville')], [1, 3]),
  field('organisme/opco'),

  heading('5. TUTEUR(S) PROFESSIONNEL(S)'),
  text('Le tuteur professionnel (« maître d’apprentissage » pour les apprentis) encadre le travail de l’alternant(e) au quotidien. Le tuteur n° 1 appartient à l’organisme qui signe le contrat ; un tuteur n° 2 peut être désigné (§3.1).', 'note'),
  each(
    'tuteurs',
    [
      row([field('nom'), field('prenom')]),
      field('fonction'),
      row([field('courriel'), field('telephone')]),
      field('organisme'),
    ],
    { title: 'Tuteur professionnel n° {{@numero}}', min: 2 },
  ),

  heading('6. CONTACT RH'),
  text('La personne à contacter pour toute information concernant le contrat/la convention de l’alternant(e) (§3.1).', 'note'),
  row([field('contactRH/nom'), field('contactRH/prenom')]),
  field('contactRH/fonction'),
  row([field('contactRH/courriel'), field('contactRH/telephone')]),

  heading('7. LA MISSION'),
  field('mission/intitule'),
  field('mission/contexte', { lines: 5 }),
  field('mission/objectifs', { lines: 5 }),
  field('mission/livrables', { lines: 4 }),
  field('mission/environnementTechnique', { lines: 3 }),
  field('mission/parcoursSouhaite', { direction: 'row' }),

  heading('8. OFFRE D’ALTERNANCE'),
  text('Que l’alternance ait été trouvée via les diffusions de la MIAGE ou non, une offre qui y figure DOIT être signalée par sa référence (§3.2).', 'note'),
  field('offre/figureDansDiffusion'),
  field('offre/reference'),

  heading('9. ENGAGEMENT ET CONFIRMATIONS'),
  field('engagement/certifie'),
  text('Le (la) futur(e) alternant(e) valide les informations fournies en soumettant la fiche ; le(s) tuteur(s) professionnel(s) et le contact RH confirment les informations les concernant (§3.3.3).', 'note'),
  confirmations,

  section('CADRE RÉSERVÉ À LA MIAGE', [
    row([field('cadreMiage/dateValidation'), text('')]),
    field('cadreMiage/responsable', { label: 'Mission validée par' }),
    text('Tuteur universitaire :', 'strong'),
    row([field('cadreMiage/tuteurUniversitaire/nom'), field('cadreMiage/tuteurUniversitaire/prenom'), field('cadreMiage/tuteurUniversitaire/courriel')], [2, 2, 3]),
  ]),
];

/** The fiche de validation de mission en alternance (§3.3). */
export const template: Template = {
  form: 'fiche-validation-mission',
  title: 'Fiche de validation de mission en alternance',
  person: (d) => personName(d, 'alternant'),
  author: (d) => miageAuthor(d, 'alternant'),
  blocks,
};
