/**
 * The fiche de validation de mission's formation calendar and contract rules (guide MIAGE, §2.1.2, Tableau 5, §4.2):
 * DDF and DFF from the calendar, the 30-year limit of apprenticeship, the contract's length, the validation process,
 * one stage convention per year of the Master, and the minimum pay.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Paperasse, type CalendrierFormation } from '../../src/api.ts';
import { parseCalendar, shippedCalendar } from '../../src/forms/calendrier-formation.ts';
import { codes, errorCodes, errorsOf, ROOT, sampleCopy, validationOf } from '../helpers.ts';

const ID = 'fiche-validation-mission';

/** The parts of the fiche these tests change. */
interface Data {
  dateDemande: string;
  alternant: { dateNaissance: string; rqth?: boolean };
  formation: { diplome: string; anneeUniversitaire: string; statut: string; dateDebutFormation?: string; dateFinFormation?: string };
  contrat: {
    type: string;
    dateDebut: string;
    dateFin: string;
    dureeHebdomadaire: number;
    remunerationBruteMensuelle: number;
    smc?: number;
    redoublement?: { prorogation: boolean; prorogationsDejaAccordees: number; heuresFormationRestantes: number; anneeRedoublee?: string; accordExpresOpco?: boolean };
  };
  mission: { parcoursSouhaite?: string };
  cadreMiage?: unknown;
}

/** Returns the sample (Master MIAGE 2025/2027 apprenticeship from 01/09/2025, born 14/03/2003) with a request on the opening day and no validation yet. */
function fiche(): Data {
  const d = sampleCopy<Data>(ID);
  delete d.cadreMiage;
  d.dateDemande = '2025-05-15';
  return d;
}

/** Returns a L3I 2025/2026 fiche for `type` from `start` to `end` (pay above every minimum). */
function ficheL3i(type: string, start: string, end: string): Data {
  const d = fiche();
  d.formation = { diplome: 'l3i-miage', anneeUniversitaire: '2025/2026', statut: type === 'professionnalisation' ? 'FC' : 'FI', dateDebutFormation: '2025-09-01', dateFinFormation: '2026-07-03' };
  d.contrat = { ...d.contrat, type, dateDebut: start, dateFin: end, remunerationBruteMensuelle: 1900 };
  delete d.mission.parcoursSouhaite;
  return d;
}

/** Returns `text` with its non-breaking spaces (thousands separators) as plain spaces. */
function plain(text: string | false | undefined): string {
  return (text || '').replace(/\u00a0/g, ' ');
}

/** Returns only the errors of `code`, as "CODE chemin". */
function only(code: string, data: unknown, p?: Paperasse): string[] {
  const errors = p ? (p.validate(ID, data) as { ok: true; valeur: { erreurs: Array<{ code: string; chemin: string }> } }).valeur.erreurs : errorsOf(ID, data);
  return codes(errors.filter((e) => e.code === code));
}

/** A school's calendar for 2026/2027, with the dates of its validation process. */
const CALENDAR_2026: CalendrierFormation = {
  anneeUniversitaire: '2026/2027',
  source: 'Calendrier de test',
  debutProcessusValidation: '2026-05-15',
  finProcessusValidation: '2026-10-30',
  proclamationJurysAnneePrecedente: '2026-06-30',
  formations: { 'l3i-miage': { intitule: 'L3I MIAGE 2026/2027', dateDebutFormation: '2026-09-01', dateFinFormation: '2027-07-02', dureeAnnees: 1 } },
};
const withCalendar = new Paperasse(undefined, undefined, { calendrier: CALENDAR_2026 });

/** Returns a L3I 2026/2027 apprenticeship fiche, its formation dates left empty, starting on `start`. */
function ficheL3i2026(start: string): Data {
  const d = ficheL3i('apprentissage', start, '2027-07-02');
  d.dateDemande = '2026-05-15';
  d.formation = { diplome: 'l3i-miage', anneeUniversitaire: '2026/2027', statut: 'FI' };
  return d;
}

describe('formation calendar', () => {
  it('ships the 2025/2026 calendar of Tableau 5', () => {
    const c = shippedCalendar(2025);
    expect(c?.formations).toEqual({
      'l3i-miage': { intitule: 'L3I MIAGE 2025/2026', dateDebutFormation: '2025-09-01', dateFinFormation: '2026-07-03', dureeAnnees: 1 },
      'master-miage': { intitule: 'Master MIAGE 2025/2027', dateDebutFormation: '2025-09-01', dateFinFormation: '2027-09-03', dureeAnnees: 2, finPremiereAnnee: '2026-09-02', debutDeuxiemeAnnee: '2026-09-03' },
      'm2-miage': { intitule: 'M2 MIAGE 2025/2026', dateDebutFormation: '2025-09-04', dateFinFormation: '2026-09-04', dureeAnnees: 1 },
    });
    expect(c?.debutProcessusValidation).toBe('2025-05-15');
    expect(shippedCalendar(2031)).toBeNull();
  });

  it('fills an empty DDF and DFF from the calendar', () => {
    const d = fiche();
    delete d.formation.dateDebutFormation;
    delete d.formation.dateFinFormation;
    const v = validationOf(ID, d);
    expect(v.erreurs).toEqual([]);
    expect((v.donnees as Data).formation).toMatchObject({ dateDebutFormation: '2025-09-01', dateFinFormation: '2027-09-03' });
  });

  it('accepts the calendar’s dates typed, and rejects a DDF one day off', () => {
    expect(errorCodes(ID, fiche())).toEqual([]);
    const d = fiche();
    d.formation.dateDebutFormation = '2025-09-02';
    expect(errorCodes(ID, d)).toEqual(['DATES_FORMATION_DIFFERENTES_DU_CALENDRIER /formation/dateDebutFormation']);
    expect(errorsOf(ID, d)[0]?.message).toContain('(02/09/2025) n’est pas celle du calendrier de formation 2025/2026 pour la formation « Master MIAGE 2025/2027 » : 01/09/2025');
  });

  it('asks for the dates when no calendar knows the year', () => {
    const d = ficheL3i2026('2026-09-01');
    expect(only('CALENDRIER_FORMATION_INTROUVABLE', d)).toEqual([
      'CALENDRIER_FORMATION_INTROUVABLE /formation/dateDebutFormation',
      'CALENDRIER_FORMATION_INTROUVABLE /formation/dateFinFormation',
    ]);
    expect(errorsOf(ID, d).find((e) => e.code === 'CALENDRIER_FORMATION_INTROUVABLE')?.message).toContain('--calendrier');
  });

  it('takes the dates from the calendar the caller gives', () => {
    const v = withCalendar.validate(ID, ficheL3i2026('2026-09-01'));
    expect(v.ok && v.valeur.erreurs).toEqual([]);
    expect(v.ok && (v.valeur.donnees as Data).formation).toMatchObject({ dateDebutFormation: '2026-09-01', dateFinFormation: '2027-07-02' });
  });

  it('keeps the shipped calendar for the years the given one does not cover', () => {
    expect(withCalendar.validate(ID, fiche())).toMatchObject({ ok: true, valeur: { valide: true } });
  });

  it('reads a calendar file and refuses a malformed one with CALENDRIER_INVALIDE', async () => {
    const shipped = await Paperasse.readCalendar(`${ROOT}src/referentiels/calendriers/2025-2026.json`);
    expect(shipped.ok).toBe(true);
    const json = JSON.parse(readFileSync(`${ROOT}src/referentiels/calendriers/2025-2026.json`, 'utf8')) as Record<string, unknown>;
    expect(parseCalendar({ ...json, anneeUniversitaire: '2025/2027' })).toMatchObject({ ok: false, erreur: { code: 'CALENDRIER_INVALIDE', chemin: 'anneeUniversitaire' } });
    expect(parseCalendar({ ...json, finProcessusValidation: '2025-11-31' })).toMatchObject({ ok: false, erreur: { chemin: 'finProcessusValidation' } });
    const formations = { 'l3i-miage': { intitule: 'L3I', dateDebutFormation: '2025-09-01', dateFinFormation: '2026-07-03', dureeAnnees: 3 } };
    expect(parseCalendar({ ...json, formations })).toMatchObject({ ok: false, erreur: { chemin: 'formations/l3i-miage/dureeAnnees' } });
    expect(parseCalendar({ ...json, formations: { 'bts-assurance': {} } })).toMatchObject({ ok: false, erreur: { chemin: 'formations/bts-assurance' } });
  });
});

describe('validation process of the calendar (Tableau 5)', () => {
  it('accepts a contract starting on the end of the validation process and rejects one a day later', () => {
    expect(only('DEBUT_CONTRAT_APRES_FIN_VALIDATION', ficheL3i2026('2026-10-30'), withCalendar)).toEqual([]);
    const late = withCalendar.validate(ID, ficheL3i2026('2026-10-31'));
    const e = late.ok ? late.valeur.erreurs.find((x) => x.code === 'DEBUT_CONTRAT_APRES_FIN_VALIDATION') : undefined;
    expect(e?.chemin).toBe('/contrat/dateDebut');
    expect(e?.message).toContain('(31/10/2026) doit être au plus tard le 30/10/2026');
  });

  it('rejects a contract starting on the day of the previous year’s juries and accepts one the day after', () => {
    expect(only('DEBUT_CONTRAT_AVANT_JURYS', ficheL3i2026('2026-06-30'), withCalendar)).toEqual(['DEBUT_CONTRAT_AVANT_JURYS /contrat/dateDebut']);
    expect(only('DEBUT_CONTRAT_AVANT_JURYS', ficheL3i2026('2026-07-01'), withCalendar)).toEqual([]);
  });

  it('checks neither date while the shipped 2025/2026 calendar leaves them unknown, and warns that it does not', () => {
    expect(shippedCalendar(2025)).toMatchObject({ finProcessusValidation: null, proclamationJurysAnneePrecedente: null });
    const r = validationOf(ID, ficheL3i('apprentissage', '2025-12-01', '2026-07-03'));
    expect(codes(r.erreurs)).toEqual([]);
    expect(r.valide).toBe(true);
    expect(codes(r.avertissements ?? [])).toEqual(['CALENDRIER_SANS_FIN_VALIDATION /contrat/dateDebut', 'CALENDRIER_SANS_JURYS /contrat/dateDebut']);
    expect(r.avertissements?.[0]?.message).toContain('calendrier sans date de fin du processus de validation : règle non vérifiée');
    expect(r.avertissements?.[0]?.message).toContain('Le calendrier de formation 2025/2026 n’a pas de date de fin du processus de validation');
    expect(r.avertissements?.[1]?.message).toContain('calendrier sans date de proclamation des jurys de l’année précédente : règle non vérifiée');
  });

  it('cites the guide for every date of the shipped calendar, and says why the two unknown ones stay empty', () => {
    const sources = shippedCalendar(2025)?.sources ?? {};
    expect(sources.debutProcessusValidation).toContain('à partir du 15 Mai 2025');
    expect(sources.finProcessusValidation).toContain('la date exacte sera communiquée aux étudiants plus tard');
    expect(sources.proclamationJurysAnneePrecedente).toContain('proclamation des jurys de l’année 2024/2025');
    expect(sources.formations).toContain('02/09/2026');
  });

  it('warns no more once the school’s calendar gives both dates, and only of the one it still lacks', () => {
    const full = withCalendar.validate(ID, ficheL3i2026('2026-09-01'));
    expect(full.ok && full.valeur.avertissements).toBeUndefined();
    const noJury = new Paperasse(undefined, undefined, { calendrier: { ...CALENDAR_2026, proclamationJurysAnneePrecedente: null } });
    const r = noJury.validate(ID, ficheL3i2026('2026-09-01'));
    expect(r.ok && codes(r.valeur.avertissements ?? [])).toEqual(['CALENDRIER_SANS_JURYS /contrat/dateDebut']);
    expect(r.ok && r.valeur.valide).toBe(true);
  });

  it('warns that a year without any calendar has neither rule checked', () => {
    const d = ficheL3i2026('2026-09-01');
    d.formation = { ...d.formation, dateDebutFormation: '2026-09-01', dateFinFormation: '2027-07-02' };
    const r = validationOf(ID, d);
    expect(codes(r.avertissements ?? [])).toEqual(['CALENDRIER_SANS_FIN_VALIDATION /contrat/dateDebut', 'CALENDRIER_SANS_JURYS /contrat/dateDebut']);
    expect(r.avertissements?.[0]?.message).toContain('Aucun calendrier de formation n’est connu pour 2026/2027');
  });

  it('rejects a malformed sources object with CALENDRIER_INVALIDE', () => {
    const json = JSON.parse(readFileSync(`${ROOT}src/referentiels/calendriers/2025-2026.json`, 'utf8')) as Record<string, unknown>;
    expect(parseCalendar({ ...json, sources: { finProcessusValidation: 3 } })).toMatchObject({ ok: false, erreur: { code: 'CALENDRIER_INVALIDE', chemin: 'sources' } });
  });
});

describe('30 years or older: no apprenticeship (§2.1.2)', () => {
  /** The Master sample, born on `birth`, paid above every minimum. */
  function born(birth: string, type = 'apprentissage'): Data {
    const d = fiche();
    d.alternant.dateNaissance = birth;
    d.contrat.remunerationBruteMensuelle = 1900;
    if (type !== 'apprentissage') {
      d.contrat.type = type;
      d.formation.statut = 'FC';
    }
    return d;
  }

  it('accepts an apprenticeship starting the day before the 30th birthday', () => {
    expect(errorCodes(ID, born('1995-09-02'))).toEqual([]);
  });

  it('refuses one starting on the 30th birthday and proposes a contrat de professionnalisation', () => {
    const d = born('1995-09-01');
    expect(errorCodes(ID, d)).toEqual(['APPRENTISSAGE_APRES_30_ANS /contrat/type']);
    const message = errorsOf(ID, d)[0]?.message ?? '';
    expect(message).toContain('a 30 ans le 01/09/2025');
    expect(message).toContain('au plus tard le 31/08/2025');
    expect(message).toContain('contrat de professionnalisation');
  });

  it('lets a student with a RQTH start an apprenticeship at 30 or older', () => {
    const d = born('1990-01-01');
    d.alternant.rqth = true;
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('does not concern a contrat de professionnalisation', () => {
    expect(only('APPRENTISSAGE_APRES_30_ANS', born('1990-01-01', 'professionnalisation'))).toEqual([]);
  });

  it('counts the 30th birthday of someone born on 29 February on 28 February', () => {
    const d = born('1995-02-28');
    expect(only('APPRENTISSAGE_APRES_30_ANS', d)).toEqual(['APPRENTISSAGE_APRES_30_ANS /contrat/type']);
    const leap = ficheL3i('apprentissage', '2025-09-01', '2026-07-03');
    leap.alternant.dateNaissance = '1996-02-29';
    leap.contrat.dateDebut = '2026-02-27';
    expect(only('APPRENTISSAGE_APRES_30_ANS', leap)).toEqual([]);
    leap.contrat.dateDebut = '2026-02-28';
    expect(only('APPRENTISSAGE_APRES_30_ANS', leap)).toEqual(['APPRENTISSAGE_APRES_30_ANS /contrat/type']);
  });
});

describe('length of the contract: 1 or 2 years (Tableau 5)', () => {
  it('accepts the four corners of the guide’s Master 2025/2027 apprenticeship example (2 years)', () => {
    for (const [start, end] of [['2025-06-01', '2027-09-03'], ['2025-06-01', '2027-11-03'], ['2025-12-01', '2027-09-03'], ['2025-12-01', '2027-11-03']] as const) {
      const d = fiche();
      d.contrat.dateDebut = start;
      d.contrat.dateFin = end;
      expect(only('DUREE_CONTRAT_INCOHERENTE', d)).toEqual([]);
    }
  });

  it('accepts the four corners of the guide’s L3I 2025/2026 professionnalisation example (1 year)', () => {
    for (const [start, end] of [['2025-07-01', '2026-07-03'], ['2025-07-01', '2026-09-03'], ['2025-12-01', '2026-07-03'], ['2025-12-01', '2026-09-03']] as const) {
      expect(errorCodes(ID, ficheL3i('professionnalisation', start, end))).toEqual([]);
    }
  });

  it('refuses a 1-year contract for the 2-year Master, naming the window', () => {
    const d = fiche();
    d.contrat.dateFin = '2026-09-01';
    expect(only('DUREE_CONTRAT_INCOHERENTE', d)).toEqual(['DUREE_CONTRAT_INCOHERENTE /contrat/dateFin']);
    expect(errorsOf(ID, d).find((e) => e.code === 'DUREE_CONTRAT_INCOHERENTE')?.message).toContain(
      'ne donne pas un contrat de 2 ans : la formation suivie dure 2 ans (Tableau 5), le contrat aussi, soit pour un début le 01/09/2025 une fin comprise entre le 28/02/2027 et le 28/02/2028',
    );
  });

  it('bounds a 1-year contract at 18 months less a day, calendar months', () => {
    const d = ficheL3i('apprentissage', '2025-09-01', '2027-02-27');
    expect(only('DUREE_CONTRAT_INCOHERENTE', d)).toEqual([]);
    d.contrat.dateFin = '2027-02-28';
    expect(only('DUREE_CONTRAT_INCOHERENTE', d)).toEqual(['DUREE_CONTRAT_INCOHERENTE /contrat/dateFin']);
  });

  it('does not apply to a stage en alternance', () => {
    expect(only('DUREE_CONTRAT_INCOHERENTE', ficheL3i('stage-alternance', '2025-09-01', '2026-02-28'))).toEqual([]);
  });
});

describe('stage en alternance: one convention per year of the Master (Tableau 5)', () => {
  /** A Master stage convention from `start` to `end`. */
  function stage(start: string, end: string): Data {
    const d = fiche();
    d.contrat = { ...d.contrat, type: 'stage-alternance', dateDebut: start, dateFin: end };
    return d;
  }

  it('accepts a convention ending on the M1’s last day and rejects one ending the day after', () => {
    expect(errorCodes(ID, stage('2025-12-01', '2026-09-02'))).toEqual([]);
    expect(errorCodes(ID, stage('2025-12-01', '2026-09-03'))).toEqual(['STAGE_SUR_DEUX_ANNEES /contrat/dateFin']);
    expect(errorsOf(ID, stage('2025-12-01', '2026-09-03'))[0]?.message).toContain('finit au plus tard le 02/09/2026 (fin du M1)');
  });
});

describe('minimum pay (§4.2)', () => {
  it('accepts 954,95 € for a 22-year-old M1 apprentice in September 2025 and rejects 954,94 €, naming the cell', () => {
    const d = fiche();
    d.contrat.remunerationBruteMensuelle = 954.95;
    expect(errorCodes(ID, d)).toEqual([]);
    d.contrat.remunerationBruteMensuelle = 954.94;
    expect(errorCodes(ID, d)).toEqual(['REMUNERATION_INSUFFISANTE /contrat/remunerationBruteMensuelle']);
    const message = errorsOf(ID, d)[0]?.message ?? '';
    expect(message).toContain('954,95 € brut par mois (53 % du SMIC, Tableau 6, 1re année (M1 MIAGE), 21 à 25 ans');
  });

  it('takes the SMC when it is higher', () => {
    const d = fiche();
    d.contrat.smc = 2000;
    d.contrat.remunerationBruteMensuelle = 1059.99;
    expect(plain(errorsOf(ID, d)[0]?.message)).toContain('1 060,00 € brut par mois (53 % du SMC');
    d.contrat.remunerationBruteMensuelle = 1060;
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('rejects the 10 % of the SMIC and the 100 € that used to pass', () => {
    for (const pay of [180.18, 100]) {
      const d = fiche();
      d.contrat.remunerationBruteMensuelle = pay;
      expect(errorCodes(ID, d)).toEqual(['REMUNERATION_INSUFFISANTE /contrat/remunerationBruteMensuelle']);
    }
  });

  it('asks a stage en alternance for the 4,35 € an hour gratification', () => {
    const d = fiche();
    d.contrat = { ...d.contrat, type: 'stage-alternance', dateDebut: '2025-09-01', dateFin: '2026-08-31', remunerationBruteMensuelle: 659.74 };
    expect(errorCodes(ID, d)).toEqual(['REMUNERATION_INSUFFISANTE /contrat/remunerationBruteMensuelle']);
    expect(errorsOf(ID, d)[0]?.message).toContain('659,75 €');
    d.contrat.remunerationBruteMensuelle = 659.75;
    expect(errorCodes(ID, d)).toEqual([]);
  });
});

describe('a repeated year (§4.5)', () => {
  /** A L3I contract of 12 months, 01/09/2025 to 31/08/2026 (1 607 working hours), for a repeated year. */
  function repeated(prorogation: boolean, already: number, hours: number, type = 'apprentissage'): Data {
    const d = ficheL3i(type, '2025-09-01', '2026-08-31');
    d.contrat.redoublement = { prorogation, prorogationsDejaAccordees: already, heuresFormationRestantes: hours };
    return d;
  }

  it('allows one extension and refuses a second', () => {
    expect(errorCodes(ID, repeated(true, 0, 0))).toEqual([]);
    const d = repeated(true, 1, 0);
    expect(errorCodes(ID, d)).toEqual(['PROROGATION_DEJA_ACCORDEE /contrat/redoublement/prorogation']);
    expect(errorsOf(ID, d)[0]?.message).toContain('une seule est permise');
  });

  it('signs a new 12-month apprenticeship with 402 hours of training left, not 401', () => {
    expect(errorCodes(ID, repeated(false, 0, 402))).toEqual([]);
    expect(errorCodes(ID, repeated(false, 0, 401))).toEqual(['HEURES_FORMATION_INSUFFISANTES /contrat/redoublement/heuresFormationRestantes']);
  });

  /** The Master sample (apprenticeship 01/09/2025 – 30/09/2027, 2 years) with a repeated `year`. */
  function repeatedMaster(year: string | undefined, prorogation: boolean, accord?: boolean): Data {
    const d = fiche();
    d.contrat.redoublement = { prorogation, prorogationsDejaAccordees: 0, heuresFormationRestantes: 900, ...(year ? { anneeRedoublee: year } : {}), ...(accord === undefined ? {} : { accordExpresOpco: accord }) };
    return d;
  }

  it('extends a repeated M1’s contract only with the OPCO’s express agreement', () => {
    expect(errorCodes(ID, repeatedMaster('m1', true))).toEqual(['PROROGATION_M1_SANS_ACCORD_OPCO /contrat/redoublement/prorogation']);
    expect(errorCodes(ID, repeatedMaster('m1', true, false))).toEqual(['PROROGATION_M1_SANS_ACCORD_OPCO /contrat/redoublement/prorogation']);
    expect(errorsOf(ID, repeatedMaster('m1', true))[0]?.message).toContain('le contrat d’alternance doit être rompu');
    expect(errorCodes(ID, repeatedMaster('m1', true, true))).toEqual([]);
    expect(errorCodes(ID, repeatedMaster('m2', true))).toEqual([]);
  });

  it('counts the M1 extension the OPCO allowed as the Master’s only one', () => {
    const d = repeatedMaster('m2', true);
    if (d.contrat.redoublement) d.contrat.redoublement.prorogationsDejaAccordees = 1;
    expect(errorCodes(ID, d)).toEqual(['PROROGATION_DEJA_ACCORDEE /contrat/redoublement/prorogation']);
  });

  it('asks which year of the Master is repeated, and deduces it for the L3I and the M2', () => {
    expect(errorCodes(ID, repeatedMaster(undefined, true))).toEqual(['CHAMP_OBLIGATOIRE /contrat/redoublement/anneeRedoublee']);
    const l3i = repeated(true, 0, 0);
    expect(errorCodes(ID, l3i)).toEqual([]);
  });

  it('refuses a repeated year outside the formation', () => {
    const l3i = repeated(true, 0, 0);
    if (l3i.contrat.redoublement) l3i.contrat.redoublement.anneeRedoublee = 'm1';
    expect(errorCodes(ID, l3i)).toEqual(['REDOUBLEMENT_ANNEE_HORS_FORMATION /contrat/redoublement/anneeRedoublee']);
    expect(errorsOf(ID, l3i)[0]?.message).toContain('choisissez la L3I parcours MIAGE');
    if (l3i.contrat.redoublement) l3i.contrat.redoublement.anneeRedoublee = 'l3i';
    expect(errorCodes(ID, l3i)).toEqual([]);
  });

  it('never extends a stage en alternance: it goes to its end', () => {
    const d = ficheL3i('stage-alternance', '2025-09-01', '2026-07-03');
    d.contrat.remunerationBruteMensuelle = 700;
    d.contrat.redoublement = { prorogation: true, prorogationsDejaAccordees: 0, heuresFormationRestantes: 0 };
    expect(errorCodes(ID, d)).toEqual(['PROROGATION_STAGE_ALTERNANCE /contrat/redoublement/prorogation']);
    d.contrat.redoublement.prorogation = false;
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('makes a new contract after a repeated M1 last 2 years, after a repeated M2 1 year (calendar months, 6 months either way)', () => {
    const m1 = repeatedMaster('m1', false);
    expect(errorCodes(ID, m1)).toEqual([]);
    m1.contrat.dateFin = '2026-09-30';
    const duration = errorsOf(ID, m1).filter((e) => e.code === 'DUREE_CONTRAT_INCOHERENTE');
    expect(codes(duration)).toEqual(['DUREE_CONTRAT_INCOHERENTE /contrat/dateFin']);
    expect(duration[0]?.message).toContain('après le M1 MIAGE redoublé(e), une nouvelle alternance dure 2 ans (§4.5)');
    const m2 = repeatedMaster('m2', false);
    expect(codes(errorsOf(ID, m2).filter((e) => e.code === 'DUREE_CONTRAT_INCOHERENTE'))).toEqual(['DUREE_CONTRAT_INCOHERENTE /contrat/dateFin']);
    m2.contrat.dateFin = '2027-02-27';
    expect(codes(errorsOf(ID, m2).filter((e) => e.code === 'DUREE_CONTRAT_INCOHERENTE'))).toEqual([]);
    m2.contrat.dateFin = '2027-02-28';
    expect(codes(errorsOf(ID, m2).filter((e) => e.code === 'DUREE_CONTRAT_INCOHERENTE'))).toEqual(['DUREE_CONTRAT_INCOHERENTE /contrat/dateFin']);
  });

  it('asks a new contrat de professionnalisation for 15 % of its working time and at least 150 hours', () => {
    expect(errorCodes(ID, repeated(false, 0, 242, 'professionnalisation'))).toEqual([]);
    expect(errorCodes(ID, repeated(false, 0, 241, 'professionnalisation'))).toEqual(['HEURES_FORMATION_INSUFFISANTES /contrat/redoublement/heuresFormationRestantes']);
  });
});

describe('Paperasse.remuneration', () => {
  const p = new Paperasse();

  it('gives the sample’s grid in the issue’s JSON shape', () => {
    const r = p.remuneration(sampleCopy(ID));
    expect(r.ok && r.valeur.periodes).toEqual([
      { du: '2025-09-01', au: '2025-12-31', anneeContrat: 1, trancheAge: '21-25', taux: 53, base: 'SMIC', montantMensuelBrut: 954.95 },
      { du: '2026-01-01', au: '2026-09-02', anneeContrat: 1, trancheAge: '21-25', taux: 53, base: 'SMIC', montantMensuelBrut: 966.21 },
      { du: '2026-09-03', au: '2027-09-30', anneeContrat: 2, trancheAge: '21-25', taux: 61, base: 'SMIC', montantMensuelBrut: 1112.05 },
    ]);
    expect(plain(r.ok && r.valeur.explications[0])).toBe('Du 01/09/2025 au 31/12/2025 : Contrat d’apprentissage, 1re année (M1 MIAGE), 21 à 25 ans (Tableau 6) : 53 % du SMIC de 1 801,80 €, soit 954,95 € brut par mois.');
  });

  it('applies a given SMIC and SMC', () => {
    const r = p.remuneration(sampleCopy(ID), { smic: 1900, smc: 2100 });
    expect(r.ok && r.valeur.periodes.map((x) => [x.base, x.montantMensuelBrut])).toEqual([['SMC', 1113], ['SMC', 1281]]);
  });

  it('refuses a fiche that fails its schema and a non-positive SMIC', () => {
    expect(p.remuneration({})).toMatchObject({ ok: false, erreur: { code: 'REMUNERATION_INCALCULABLE' } });
    expect(p.remuneration(sampleCopy(ID), { smic: -1 })).toMatchObject({ ok: false, erreur: { code: 'REMUNERATION_INCALCULABLE', chemin: '--smic' } });
  });
});
