/** Rules and computed UE grade of the « Évaluation de l’alternance par le tuteur », on the real sample. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeNoteUE } from '../../src/forms/evaluation-alternance.ts';
import { codes, errorsOf, paperasse, readJson, ROOT, sampleCopy, validationOf } from '../helpers.ts';

/** The form under test; its valid sample: a final M1 evaluation, grades 13.5, 16 and 15, UE grade 14.83. */
const ID = 'evaluation-alternance';

interface Notation {
  noteRapportCorrecteur?: number;
  noteAlternanceTuteur?: number;
  noteRapportTuteur?: number;
  noteUE?: number;
}

interface Evaluation {
  anneeUniversitaire: string;
  annee: string;
  statut: string;
  appreciations?: Record<string, { niveau: string; commentaire?: string }>;
  appreciationGenerale?: string;
  notation?: Notation;
  bilan?: { missionsConfiees: string; competencesDeveloppees: string; propositionContrat: string };
  dateEvaluation?: string;
  signatureTuteur?: boolean;
}

/** The sample turned into a final M2 bilan, without grades. */
function m2Bilan(): Evaluation {
  const d = sampleCopy<Evaluation>(ID);
  d.annee = 'M2';
  delete d.notation;
  d.bilan = {
    missionsConfiees: 'Gestion d’un portefeuille de sinistres habitation de moyenne importance.',
    competencesDeveloppees: 'Pilotage des experts, maîtrise de la convention IRSI.',
    propositionContrat: 'oui',
  };
  return d;
}

/** The UE grade Paperasse computed for a document. */
function computedGrade(data: Evaluation): unknown {
  return (validationOf(ID, data).donnees as Evaluation).notation?.noteUE;
}

describe('evaluation-alternance', () => {
  it('accepts its sample', () => {
    expect(errorsOf(ID, sampleCopy(ID))).toEqual([]);
  });

  it('accepts a final M2 bilan without grades', () => {
    expect(errorsOf(ID, m2Bilan())).toEqual([]);
  });

  describe('computed UE grade (/notation/noteUE)', () => {
    it('fills the UE grade when it is left empty', () => {
      const d = sampleCopy<Evaluation>(ID);
      delete d.notation!.noteUE;
      expect(errorsOf(ID, d)).toEqual([]);
      expect(computedGrade(d)).toBe(14.83);
    });

    it('accepts a typed UE grade equal to the computed one', () => {
      expect(computedGrade(sampleCopy<Evaluation>(ID))).toBe(14.83);
    });

    it('rejects a typed UE grade that differs from the computed one', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.notation!.noteUE = 14.8;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['VALEUR_CALCULEE_INCORRECTE /notation/noteUE']);
      expect(e[0]?.message).toContain('« Note de l’UE « Rapport d’activité / accompagnement de l’alternance » »');
      expect(e[0]?.message).toContain('14,83 attendu, 14,8 saisi');
    });

    it('rounds the mean to the hundredth: 12 + 13 + 14.5 gives 13.17, 12 + 12 + 12.5 gives 12.17, 12 + 12.5 + 12.5 gives 12.33', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.notation = { noteRapportCorrecteur: 12, noteAlternanceTuteur: 13, noteRapportTuteur: 14.5 };
      expect(computedGrade(d)).toBe(13.17);
      d.notation = { noteRapportCorrecteur: 12, noteAlternanceTuteur: 12, noteRapportTuteur: 12.5 };
      expect(computedGrade(d)).toBe(12.17);
      d.notation = { noteRapportCorrecteur: 12, noteAlternanceTuteur: 12.5, noteRapportTuteur: 12.5 };
      expect(computedGrade(d)).toBe(12.33);
      expect(computeNoteUE({ noteRapportCorrecteur: 0, noteAlternanceTuteur: 0, noteRapportTuteur: 0.5 })).toBe(0.17);
      expect(computeNoteUE({ noteRapportCorrecteur: 20, noteAlternanceTuteur: 20, noteRapportTuteur: 20 })).toBe(20);
    });

    it('leaves the UE grade empty while a grade is missing in a draft', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.statut = 'brouillon';
      d.notation = { noteRapportCorrecteur: 12, noteAlternanceTuteur: 13 };
      expect(errorsOf(ID, d)).toEqual([]);
      expect(computedGrade(d)).toBeUndefined();
    });
  });

  describe('ANNEE_UNIVERSITAIRE_INCOHERENTE', () => {
    it('rejects an academic year whose two years do not follow each other', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.anneeUniversitaire = '2026-2026';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['ANNEE_UNIVERSITAIRE_INCOHERENTE /anneeUniversitaire']);
      expect(e[0]?.message).toContain('« Année universitaire »');
    });
  });

  describe('NOTE_EN_M2', () => {
    it('rejects any grade in an M2 evaluation, even a single one', () => {
      const d = m2Bilan();
      d.notation = { noteAlternanceTuteur: 15 };
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['NOTE_EN_M2 /notation']);
      expect(e[0]?.message).toMatch(/^« Notation de l’UE « Rapport d’activité \/ accompagnement de l’alternance » \(M1\) » ne se remplit pas en M2/);
    });
  });

  describe('BILAN_RESERVE_AU_M2', () => {
    it('rejects the M2 bilan in an M1 evaluation', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.bilan = m2Bilan().bilan;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['BILAN_RESERVE_AU_M2 /bilan']);
      expect(e[0]?.message).toMatch(/^« Bilan de l’alternance \(M2\) » /);
    });
  });

  describe('DATE_EVALUATION', () => {
    it('accepts an evaluation dated 1 June or 31 July of the end of the academic year', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.dateEvaluation = '2027-06-01';
      expect(errorsOf(ID, d)).toEqual([]);
      d.dateEvaluation = '2027-07-31';
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects an evaluation dated 31 May, 1 August, or June of the first year', () => {
      const d = sampleCopy<Evaluation>(ID);
      for (const date of ['2027-05-31', '2027-08-01', '2026-06-24']) {
        d.dateEvaluation = date;
        const e = errorsOf(ID, d);
        expect(codes(e)).toEqual(['DATE_EVALUATION /dateEvaluation']);
        expect(e[0]?.message).toMatch(/^« Date » .*juin ou en juillet 2027/);
      }
    });

    it('accepts a draft without a date', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.statut = 'brouillon';
      delete d.dateEvaluation;
      delete d.signatureTuteur;
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('EVALUATION_DEFINITIVE_SIGNEE', () => {
    it('rejects a final evaluation that is not signed or whose signature is missing', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.signatureTuteur = false;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['EVALUATION_DEFINITIVE_SIGNEE /signatureTuteur']);
      expect(e[0]?.message).toMatch(/^« Signature du tuteur » /);
      delete d.signatureTuteur;
      expect(codes(errorsOf(ID, d))).toEqual(['EVALUATION_DEFINITIVE_SIGNEE /signatureTuteur']);
    });

    it('accepts an unsigned draft', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.statut = 'brouillon';
      d.signatureTuteur = false;
      expect(errorsOf(ID, d)).toEqual([]);
    });
  });

  describe('schema conditionals', () => {
    it('requires the three grades in a final M1 evaluation', () => {
      const d = sampleCopy<Evaluation>(ID);
      d.notation = { noteAlternanceTuteur: 16 };
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['CHAMP_OBLIGATOIRE /notation/noteRapportCorrecteur', 'CHAMP_OBLIGATOIRE /notation/noteRapportTuteur']);
      expect(e.map((x) => x.message)).toContain(
        'Notation de l’UE « Rapport d’activité / accompagnement de l’alternance » (M1) — « Note du rapport d’activité par le tuteur » est obligatoire',
      );
      delete d.notation;
      expect(codes(errorsOf(ID, d))).toEqual(['CHAMP_OBLIGATOIRE /notation']);
    });

    it('requires the appraisal, the general comment and the date in a final evaluation, but not in a draft', () => {
      const draft = sampleCopy<Evaluation>(ID);
      draft.statut = 'brouillon';
      delete draft.appreciations;
      delete draft.appreciationGenerale;
      delete draft.dateEvaluation;
      expect(errorsOf(ID, draft)).toEqual([]);
      draft.statut = 'definitive';
      expect(codes(errorsOf(ID, draft))).toEqual(['CHAMP_OBLIGATOIRE /appreciationGenerale', 'CHAMP_OBLIGATOIRE /appreciations', 'CHAMP_OBLIGATOIRE /dateEvaluation']);
    });

    it('requires the bilan in a final M2 evaluation', () => {
      const d = m2Bilan();
      delete d.bilan;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['CHAMP_OBLIGATOIRE /bilan']);
      expect(e[0]?.message).toBe('« Bilan de l’alternance (M2) » est obligatoire');
    });

    it('requires a comment for a level « Insuffisant » or « Très insuffisant », not for « Satisfaisant »', () => {
      const d = sampleCopy<Evaluation>(ID);
      const grille = d.appreciations!;
      grille.autonomie = { niveau: 'TI' };
      grille.progression = { niveau: 'I' };
      grille.integration = { niveau: 'S' };
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['CHAMP_OBLIGATOIRE /appreciations/autonomie/commentaire', 'CHAMP_OBLIGATOIRE /appreciations/progression/commentaire']);
      expect(e[0]?.message).toBe('Appréciation du tuteur — Autonomie et prise d’initiative — « Commentaire » est obligatoire');
    });
  });
});

describe('what the text defines and what Paperasse proposes', () => {
  it('the schema and the README say the six criteria are Paperasse’s proposal, the grades and the bilan the text’s', () => {
    const schema = readJson('schemas/evaluation-alternance.schema.json') as { description: string; properties: { appreciations: { description: string; properties: object } } };
    expect(Object.keys(schema.properties.appreciations.properties)).toHaveLength(6);
    expect(schema.description).toMatch(/Défini par le texte : .*les trois notes de l’UE en M1.*le bilan non noté en M2.*Proposé par Paperasse .*: les six critères de la grille d’appréciation/);
    expect(schema.properties.appreciations.description).toMatch(/^Grille d’appréciation .* Proposition de Paperasse : le texte source ne liste pas les critères/);
    const readme = readFileSync(`${ROOT}README.md`, 'utf8').replace(/\s+/g, ' ');
    expect(readme).toMatch(/Le texte définit : l’évaluation de l’alternance par le tuteur, .* Le texte ne donne ni grille ni critères : \*\*les six critères de la grille d’appréciation\*\* .* sont une \*\*proposition de Paperasse\*\*/);
  });

  it('the printed form says it under its title', async () => {
    const pdf = await paperasse().renderPdf(ID, { donnees: sampleCopy(ID) });
    expect(pdf.ok).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'evaluation-'));
    writeFileSync(join(dir, 'e.pdf'), pdf.ok ? pdf.octets : new Uint8Array());
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'e.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('les six critères de la grille, leur échelle et les rubriques du bilan sont une proposition de Paperasse');
  });
});
