/** Rules of the « Lettre de rentrée au tuteur », one test per rule, on the real sample. */
import { describe, expect, it } from 'vitest';
import { codes, errorsOf, sampleCopy } from '../helpers.ts';

/** The form under test; its valid sample: an M1 letter for 2026-2027. */
const ID = 'lettre-tuteur-rentree';

interface Periode {
  du: string;
  au: string;
}

interface Lettre {
  anneeUniversitaire: string;
  dateCourrier: string;
  alternant: { nom: string; prenom: string; annee: string };
  calendrierCours: Array<Periode & { lieu: string; libelle: string }>;
  premiereReunionTuteurs: { date: string; heure: string; lieu: string };
  deuxiemeReunionTuteurs: { date: string; heure: string; lieu: string };
  premierSuivi: Periode;
  deuxiemeSuivi: Periode;
  troisiemeSuivi: Periode;
  dateLimiteEvaluation: string;
  remiseCarnetDeBord?: string;
  bilansSuivis?: { premier?: string; deuxieme?: string; troisieme?: string };
  rapportActivite?: { dateRemise: string; dateLimiteNotesTuteur: string; dateNoteUE?: string };
}

describe('lettre-tuteur-rentree', () => {
  it('accepts its sample', () => {
    expect(errorsOf(ID, sampleCopy(ID))).toEqual([]);
  });

  describe('ANNEE_UNIVERSITAIRE_INCOHERENTE', () => {
    it('rejects an academic year whose two years do not follow each other', () => {
      const d = sampleCopy<Lettre>(ID);
      d.anneeUniversitaire = '2026-2028';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['ANNEE_UNIVERSITAIRE_INCOHERENTE /anneeUniversitaire']);
      expect(e[0]?.message).toContain('« Année universitaire »');
    });
  });

  describe('DATE_COURRIER', () => {
    it('rejects a letter dated before the academic year and accepts one dated on 1 September', () => {
      const d = sampleCopy<Lettre>(ID);
      d.dateCourrier = '2026-08-31';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['DATE_COURRIER /dateCourrier']);
      expect(e[0]?.message).toContain('« Date du courrier »');
      d.dateCourrier = '2026-09-01';
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects a letter dated on the day of the first tutors’ meeting and accepts the day before', () => {
      const d = sampleCopy<Lettre>(ID);
      d.dateCourrier = d.premiereReunionTuteurs.date;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['DATE_COURRIER /dateCourrier']);
      expect(e[0]?.message).toContain('1ère réunion des tuteurs / école / CFA');
      d.dateCourrier = '2026-11-18';
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('REUNION_TUTEURS_NOVEMBRE', () => {
    it('accepts a first meeting on 1 and on 30 November', () => {
      const d = sampleCopy<Lettre>(ID);
      d.premiereReunionTuteurs.date = '2026-11-01';
      expect(errorsOf(ID, d)).toEqual([]);
      d.premiereReunionTuteurs.date = '2026-11-30';
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects a first meeting on 1 December or in November of the wrong year', () => {
      const d = sampleCopy<Lettre>(ID);
      d.premiereReunionTuteurs.date = '2026-12-01';
      d.dateCourrier = '2026-10-02';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['REUNION_TUTEURS_NOVEMBRE /premiereReunionTuteurs/date']);
      expect(e[0]?.message).toMatch(/^1ère réunion des tuteurs \/ école \/ CFA — « Date » .*novembre 2026/);
      d.premiereReunionTuteurs.date = '2027-11-19';
      expect(codes(errorsOf(ID, d))).toEqual(['REUNION_TUTEURS_NOVEMBRE /premiereReunionTuteurs/date']);
    });
  });

  describe('REUNION_TUTEURS_AVRIL', () => {
    it('accepts a second meeting on 1 and on 30 April of the second year', () => {
      const d = sampleCopy<Lettre>(ID);
      d.deuxiemeReunionTuteurs.date = '2027-04-01';
      expect(errorsOf(ID, d)).toEqual([]);
      d.deuxiemeReunionTuteurs.date = '2027-04-30';
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects a second meeting on 31 March or in April of the first year', () => {
      const d = sampleCopy<Lettre>(ID);
      d.deuxiemeReunionTuteurs.date = '2027-03-31';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['REUNION_TUTEURS_AVRIL /deuxiemeReunionTuteurs/date']);
      expect(e[0]?.message).toMatch(/^2ème réunion des tuteurs \/ école \/ CFA — « Date » .*avril 2027/);
      d.deuxiemeReunionTuteurs.date = '2026-04-08';
      expect(codes(errorsOf(ID, d))).toEqual(['REUNION_TUTEURS_AVRIL /deuxiemeReunionTuteurs/date']);
    });
  });

  describe('PERIODE_INVERSEE', () => {
    it('rejects a calendar period or a suivi that ends before it starts', () => {
      const d = sampleCopy<Lettre>(ID);
      d.calendrierCours[4] = { ...d.calendrierCours[4]!, du: '2026-12-18', au: '2026-12-14' };
      d.premierSuivi = { du: '2026-11-27', au: '2026-11-09' };
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['PERIODE_INVERSEE /calendrierCours/4/au', 'PERIODE_INVERSEE /premierSuivi/au']);
      expect(e.map((x) => x.message)).toEqual([
        expect.stringMatching(/^Période n° 5 — « Au » /),
        expect.stringMatching(/^1er suivi de l’alternance — « Au » /),
      ]);
    });

    it('accepts a one-day period', () => {
      const d = sampleCopy<Lettre>(ID);
      d.calendrierCours[4] = { ...d.calendrierCours[4]!, du: '2026-12-14', au: '2026-12-14' };
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('CALENDRIER_CHEVAUCHEMENT', () => {
    it('rejects a period that starts on the last day of the previous one', () => {
      const d = sampleCopy<Lettre>(ID);
      d.calendrierCours[1]!.du = d.calendrierCours[0]!.au;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['CALENDRIER_CHEVAUCHEMENT /calendrierCours/1/du']);
      expect(e[0]?.message).toMatch(/^Période n° 2 — « Du » .*période n° 1/);
    });

    it('rejects periods listed out of order', () => {
      const d = sampleCopy<Lettre>(ID);
      const [first, second] = [d.calendrierCours[0]!, d.calendrierCours[1]!];
      d.calendrierCours[0] = second;
      d.calendrierCours[1] = first;
      expect(codes(errorsOf(ID, d))).toEqual(['CALENDRIER_CHEVAUCHEMENT /calendrierCours/1/du']);
    });

    it('accepts a period that starts the day after the previous one ends', () => {
      const d = sampleCopy<Lettre>(ID);
      d.calendrierCours[1]!.du = '2026-09-26';
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('CALENDRIER_HORS_ANNEE_UNIVERSITAIRE', () => {
    it('rejects a period starting before 1 September or ending after 31 August', () => {
      const d = sampleCopy<Lettre>(ID);
      d.calendrierCours[0]!.du = '2026-08-31';
      d.calendrierCours[11]!.au = '2027-09-01';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['CALENDRIER_HORS_ANNEE_UNIVERSITAIRE /calendrierCours/0/du', 'CALENDRIER_HORS_ANNEE_UNIVERSITAIRE /calendrierCours/11/au']);
      expect(e[0]?.message).toMatch(/^Période n° 1 — « Du » .*année universitaire 2026-2027/);
    });

    it('accepts a calendar from 1 September to 31 August', () => {
      const d = sampleCopy<Lettre>(ID);
      d.calendrierCours[0]!.du = '2026-09-01';
      d.calendrierCours[11]!.au = '2027-08-31';
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('SUIVI_HORS_PERIODE', () => {
    it('accepts suivis on the edges of their windows (November, March–April, 15 May–15 June)', () => {
      const d = sampleCopy<Lettre>(ID);
      d.premierSuivi = { du: '2026-11-01', au: '2026-11-30' };
      d.deuxiemeSuivi = { du: '2027-03-01', au: '2027-04-30' };
      d.troisiemeSuivi = { du: '2027-05-15', au: '2027-06-15' };
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects suivis one day outside their windows', () => {
      const d = sampleCopy<Lettre>(ID);
      d.premierSuivi = { du: '2026-10-31', au: '2026-11-20' };
      d.deuxiemeSuivi = { du: '2027-02-28', au: '2027-05-01' };
      d.troisiemeSuivi = { du: '2027-05-14', au: '2027-06-16' };
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual([
        'SUIVI_HORS_PERIODE /deuxiemeSuivi/au',
        'SUIVI_HORS_PERIODE /deuxiemeSuivi/du',
        'SUIVI_HORS_PERIODE /premierSuivi/du',
        'SUIVI_HORS_PERIODE /troisiemeSuivi/au',
        'SUIVI_HORS_PERIODE /troisiemeSuivi/du',
      ]);
      expect(e[0]?.message).toMatch(/^1er suivi de l’alternance — « Du » .*novembre 2026/);
    });
  });

  describe('ECHEANCE_HORS_PERIODE', () => {
    it('accepts deadlines on 30 June and a report handed in on 31 May', () => {
      const d = sampleCopy<Lettre>(ID);
      d.dateLimiteEvaluation = '2027-06-30';
      d.rapportActivite = { dateRemise: '2027-05-31', dateLimiteNotesTuteur: '2027-06-01' };
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects an evaluation due in July and a report handed in in April', () => {
      const d = sampleCopy<Lettre>(ID);
      d.dateLimiteEvaluation = '2027-07-01';
      d.rapportActivite = { dateRemise: '2027-04-30', dateLimiteNotesTuteur: '2027-05-31' };
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual([
        'ECHEANCE_HORS_PERIODE /dateLimiteEvaluation',
        'ECHEANCE_HORS_PERIODE /rapportActivite/dateLimiteNotesTuteur',
        'ECHEANCE_HORS_PERIODE /rapportActivite/dateRemise',
      ]);
      expect(e[0]?.message).toMatch(/^« Date limite de retour de l’évaluation de l’alternance » .*juin 2027/);
      expect(e[1]?.message).toMatch(/^Rapport d’activité \(M1\) — « Date de remise du rapport d’activité » .*mai 2027/);
    });
  });

  describe('ETAPE_HORS_MOIS', () => {
    it('accepts each step of the calendar on the edges of its month (§4)', () => {
      const d = sampleCopy<Lettre>(ID);
      d.remiseCarnetDeBord = '2026-09-30';
      d.bilansSuivis = { premier: '2026-12-01', deuxieme: '2027-04-30', troisieme: '2027-06-01' };
      d.rapportActivite = { dateRemise: '2027-05-14', dateLimiteNotesTuteur: '2027-06-25', dateNoteUE: '2027-07-31' };
      expect(errorsOf(ID, d)).toEqual([]);
      d.remiseCarnetDeBord = '2026-09-01';
      d.bilansSuivis = { premier: '2026-12-31', deuxieme: '2027-04-01', troisieme: '2027-06-30' };
      d.rapportActivite.dateNoteUE = '2027-07-01';
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects a step one day outside its month, naming the month', () => {
      const d = sampleCopy<Lettre>(ID);
      d.remiseCarnetDeBord = '2026-10-01';
      d.bilansSuivis = { premier: '2026-11-30', deuxieme: '2027-05-01', troisieme: '2027-07-01' };
      d.rapportActivite = { dateRemise: '2027-05-14', dateLimiteNotesTuteur: '2027-06-25', dateNoteUE: '2027-06-30' };
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual([
        'ETAPE_HORS_MOIS /bilansSuivis/deuxieme',
        'ETAPE_HORS_MOIS /bilansSuivis/premier',
        'ETAPE_HORS_MOIS /bilansSuivis/troisieme',
        'ETAPE_HORS_MOIS /rapportActivite/dateNoteUE',
        'ETAPE_HORS_MOIS /remiseCarnetDeBord',
      ]);
      expect(e.find((x) => x.chemin === '/remiseCarnetDeBord')?.message).toMatch(/doit tomber en septembre 2026, son mois dans le calendrier de l’année$/);
      expect(e.find((x) => x.chemin === '/rapportActivite/dateNoteUE')?.message).toMatch(/doit tomber en juillet 2027/);
    });
  });

  describe('RAPPORT_ACTIVITE_RESERVE_AU_M1', () => {
    it('rejects the rapport d’activité dates in a letter about an M2 alternant', () => {
      const d = sampleCopy<Lettre>(ID);
      d.alternant.annee = 'M2';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['RAPPORT_ACTIVITE_RESERVE_AU_M1 /rapportActivite']);
      expect(e[0]?.message).toMatch(/^« Rapport d’activité \(M1\) » /);
    });

    it('accepts an M2 letter without them', () => {
      const d = sampleCopy<Lettre>(ID);
      d.alternant.annee = 'M2';
      delete d.rapportActivite;
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('schema conditionals', () => {
    it('requires the rapport d’activité dates in an M1 letter', () => {
      const d = sampleCopy<Lettre>(ID);
      delete d.rapportActivite;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['CHAMP_OBLIGATOIRE /rapportActivite']);
      expect(e[0]?.message).toBe('« Rapport d’activité (M1) » est obligatoire');
    });
  });
});
