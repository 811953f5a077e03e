/** Rules of the « Carnet de bord de l’alternance », one test per rule, on the real sample. */
import { describe, expect, it } from 'vitest';
import { codes, errorsOf, sampleCopy } from '../helpers.ts';

/** The form under test; its valid sample: an M1 carnet for 2026-2027, four bimestres, three suivis. */
const ID = 'carnet-de-bord';

interface Bimestre {
  du: string;
  au: string;
  activitesEffectuees: string;
  appreciationComportement: string;
  completeAvecAlternant: boolean;
  signatureTuteur?: boolean;
}

interface Visa {
  nom: string;
  date: string;
  signe?: boolean;
}

interface Suivi {
  numero: number;
  date: string;
  alerteEcole: boolean;
  alerteEntreprise: boolean;
  actionsCorrectives?: string;
  visaCfa?: Visa;
  priseDeConnaissanceEcole?: Visa;
}

interface Carnet {
  anneeUniversitaire: string;
  unitesEnseignement?: Array<{ semestre: number; code: string; intitule: string }>;
  bimestres?: Bimestre[];
  suivis?: Suivi[];
}

/** The ISO date `n` days after `date`. */
function addDaysIso(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The sample's bimestres (always present in the sample). */
function bimestres(d: Carnet): Bimestre[] {
  return d.bimestres ?? [];
}

/** The sample's suivis (always present in the sample). */
function suivis(d: Carnet): Suivi[] {
  return d.suivis ?? [];
}

describe('carnet-de-bord', () => {
  it('accepts its sample', () => {
    expect(errorsOf(ID, sampleCopy(ID))).toEqual([]);
  });

  it('accepts a carnet handed out at the rentrée, with its identification only', () => {
    const d = sampleCopy<Carnet>(ID);
    delete d.unitesEnseignement;
    delete d.bimestres;
    delete d.suivis;
    expect(errorsOf(ID, d)).toEqual([]);
  });

  describe('ANNEE_UNIVERSITAIRE_INCOHERENTE', () => {
    it('rejects an academic year whose two years do not follow each other', () => {
      const d = sampleCopy<Carnet>(ID);
      d.anneeUniversitaire = '2027-2026';
      const e = errorsOf(ID, d);
      expect(codes(e)).toContain('ANNEE_UNIVERSITAIRE_INCOHERENTE /anneeUniversitaire');
      expect(e.find((x) => x.code === 'ANNEE_UNIVERSITAIRE_INCOHERENTE')?.message).toContain('« Année universitaire »');
    });
  });

  describe('UE_EN_DOUBLE', () => {
    it('rejects the same UE twice in a semester, whatever its spacing and case', () => {
      const d = sampleCopy<Carnet>(ID);
      d.unitesEnseignement![2]!.code = ' ue 101';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['UE_EN_DOUBLE /unitesEnseignement/2/code']);
      expect(e[0]?.message).toMatch(/^Unité d’enseignement n° 3 — « Code de l’UE » .*Unité d’enseignement n° 1/);
    });

    it('accepts the same code in the other semester', () => {
      const d = sampleCopy<Carnet>(ID);
      d.unitesEnseignement![3]!.code = 'UE 101';
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('BIMESTRES_ORDONNES', () => {
    it('rejects a bimestre that starts on the last day of the previous one', () => {
      const d = sampleCopy<Carnet>(ID);
      bimestres(d)[1]!.du = bimestres(d)[0]!.au;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['BIMESTRES_ORDONNES /bimestres/1/du']);
      expect(e[0]?.message).toMatch(/^Bimestre n° 2 — « Période du » .*bimestre n° 1/);
    });

    it('rejects a bimestre that ends before it starts (without a duration error)', () => {
      const d = sampleCopy<Carnet>(ID);
      bimestres(d)[0] = { ...bimestres(d)[0]!, du: '2026-11-06', au: '2026-09-14' };
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['BIMESTRES_ORDONNES /bimestres/0/au']);
      expect(e[0]?.message).toMatch(/^Bimestre n° 1 — « au » /);
    });

    it('accepts a bimestre that starts the day after the previous one', () => {
      const d = sampleCopy<Carnet>(ID);
      bimestres(d)[1]!.du = '2026-11-07';
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('BIMESTRE_DUREE', () => {
    it('accepts bimestres of exactly 35 and 70 days', () => {
      const d = sampleCopy<Carnet>(ID);
      const last = bimestres(d)[3]!;
      last.au = addDaysIso(last.du, 34);
      expect(errorsOf(ID, d)).toEqual([]);
      last.au = addDaysIso(last.du, 69);
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects bimestres of 34 and 71 days', () => {
      const d = sampleCopy<Carnet>(ID);
      const last = bimestres(d)[3]!;
      last.au = addDaysIso(last.du, 33);
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['BIMESTRE_DUREE /bimestres/3']);
      expect(e[0]?.message).toMatch(/^Bimestre n° 4 dure 34 jours .*de 5 à 10 semaines/);
      last.au = addDaysIso(last.du, 70);
      expect(codes(errorsOf(ID, d))).toEqual(['BIMESTRE_DUREE /bimestres/3']);
    });
  });

  describe('BIMESTRE_HORS_ANNEE_UNIVERSITAIRE', () => {
    it('rejects a bimestre starting before 1 September or ending after 31 August', () => {
      const d = sampleCopy<Carnet>(ID);
      bimestres(d)[0]!.du = '2026-08-31';
      bimestres(d).push({ ...bimestres(d)[3]!, du: '2027-07-05', au: '2027-09-01' });
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['BIMESTRE_HORS_ANNEE_UNIVERSITAIRE /bimestres/0/du', 'BIMESTRE_HORS_ANNEE_UNIVERSITAIRE /bimestres/4/au']);
      expect(e[0]?.message).toMatch(/^Bimestre n° 1 — « Période du » .*année universitaire 2026-2027/);
    });

    it('accepts bimestres from 1 September to 31 August', () => {
      const d = sampleCopy<Carnet>(ID);
      bimestres(d)[0]!.du = '2026-09-01';
      bimestres(d).push({ ...bimestres(d)[3]!, du: '2027-07-05', au: '2027-08-31' });
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('BIMESTRE_SIGNE_SANS_ALTERNANT', () => {
    it('rejects a page signed by the tutor but not completed with the alternant', () => {
      const d = sampleCopy<Carnet>(ID);
      bimestres(d)[2]!.completeAvecAlternant = false;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['BIMESTRE_SIGNE_SANS_ALTERNANT /bimestres/2/completeAvecAlternant']);
      expect(e[0]?.message).toMatch(/^Bimestre n° 3 — « Complété avec l’alternant » /);
    });

    it('accepts an unsigned page not yet completed with the alternant', () => {
      const d = sampleCopy<Carnet>(ID);
      bimestres(d)[2]!.completeAvecAlternant = false;
      bimestres(d)[2]!.signatureTuteur = false;
      expect(errorsOf(ID, d)).toEqual([]);
      delete bimestres(d)[2]!.signatureTuteur;
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('SUIVIS_NUMEROTES', () => {
    it('rejects a suivi number used twice', () => {
      const d = sampleCopy<Carnet>(ID);
      suivis(d)[1]!.numero = 1;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['SUIVIS_NUMEROTES /suivis/1/numero', 'SUIVI_HORS_PERIODE /suivis/1/date']);
      expect(e[0]?.message).toMatch(/^Suivi de l’alternance n° 1 — « N° du suivi » \(1\) est déjà celui de la ligne 1/);
    });

    it('rejects suivis listed out of order', () => {
      const d = sampleCopy<Carnet>(ID);
      const [first, second, third] = suivis(d);
      d.suivis = [first!, third!, second!];
      expect(codes(errorsOf(ID, d))).toEqual(['SUIVIS_NUMEROTES /suivis/2/numero']);
    });

    it('accepts a carnet with a missed suivi (numbers 1 and 3)', () => {
      const d = sampleCopy<Carnet>(ID);
      d.suivis = [suivis(d)[0]!, suivis(d)[2]!];
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('SUIVI_HORS_PERIODE', () => {
    it('accepts suivis on the edges of their windows', () => {
      const d = sampleCopy<Carnet>(ID);
      const [first, second, third] = suivis(d);
      first!.date = '2026-11-01';
      second!.date = '2027-03-01';
      third!.date = '2027-05-15';
      expect(errorsOf(ID, d)).toEqual([]);
      first!.date = '2026-11-30';
      second!.date = '2027-04-30';
      second!.visaCfa!.date = '2027-05-03';
      second!.priseDeConnaissanceEcole!.date = '2027-05-03';
      third!.date = '2027-06-14';
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects suivis one day outside their windows', () => {
      const d = sampleCopy<Carnet>(ID);
      const [first, second, third] = suivis(d);
      first!.date = '2026-10-31';
      second!.date = '2027-02-28';
      third!.date = '2027-05-14';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['SUIVI_HORS_PERIODE /suivis/0/date', 'SUIVI_HORS_PERIODE /suivis/1/date', 'SUIVI_HORS_PERIODE /suivis/2/date']);
      expect(e[0]?.message).toMatch(/^Suivi de l’alternance n° 1 — « Date du rendez-vous » .*novembre 2026/);
      expect(e[2]?.message).toContain('entre le 15 mai et le 15 juin');
    });
  });

  describe('VISA_AVANT_SUIVI', () => {
    it('rejects a CFA visa or a school reading dated the day before the suivi', () => {
      const d = sampleCopy<Carnet>(ID);
      const first = suivis(d)[0]!;
      first.visaCfa!.date = '2026-11-16';
      first.priseDeConnaissanceEcole!.date = '2026-11-16';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['VISA_AVANT_SUIVI /suivis/0/priseDeConnaissanceEcole/date', 'VISA_AVANT_SUIVI /suivis/0/visaCfa/date']);
      expect(e[0]?.message).toMatch(/^Suivi de l’alternance n° 1 — Visa du CFA — « Date » /);
    });

    it('accepts a visa dated on the day of the suivi', () => {
      const d = sampleCopy<Carnet>(ID);
      const first = suivis(d)[0]!;
      first.visaCfa!.date = first.date;
      first.priseDeConnaissanceEcole!.date = first.date;
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('schema conditionals', () => {
    it('requires corrective actions when an alert box is ticked', () => {
      const d = sampleCopy<Carnet>(ID);
      suivis(d)[0]!.alerteEntreprise = true;
      delete suivis(d)[1]!.actionsCorrectives;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['CHAMP_OBLIGATOIRE /suivis/0/actionsCorrectives', 'CHAMP_OBLIGATOIRE /suivis/1/actionsCorrectives']);
      expect(e[0]?.message).toBe('Suivi de l’alternance n° 1 — « Actions correctives » est obligatoire');
    });
  });
});
