/**
 * The fiche de validation de mission prints the minimum pay grid that applies to its contract (guide MIAGE, §4.2):
 * Tableau 6 for an apprenticeship, Tableau 7 for a contrat de professionnalisation, the gratification rule for a
 * stage en alternance, and every grid on a blank fiche. Read back from the print PDF with poppler (pdftotext).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Paperasse } from '../../src/api.ts';
import { ROOT } from '../helpers.ts';
import { pdfText, save, tempDir } from './tools.ts';

const ID = 'fiche-validation-mission';
const dir = tempDir('grille-remuneration');
const sample = JSON.parse(readFileSync(`${ROOT}samples/${ID}.json`, 'utf8')) as { formation: Record<string, unknown>; contrat: Record<string, unknown>; mission: Record<string, unknown> };

/** Returns the text poppler reads in the print PDF of `data` (a blank fiche when undefined). */
async function printed(name: string, data: unknown): Promise<string> {
  const outcome = await new Paperasse().renderPdf(ID, { donnees: data });
  if (!outcome.ok) throw new Error(outcome.erreur.message);
  return pdfText(save(dir, `${name}.pdf`, outcome.octets)).replace(/\s+/g, ' ');
}

const TABLEAU_6 = 'Tableau 6. Taux de rémunération minimale des apprenti(e)s';
const TABLEAU_7 = 'Tableau 7. Taux de rémunération minimale brute en contrat de professionnalisation';
const GRATIFICATION = 'aucune gratification n’est obligatoire jusqu’à 8 semaines équivalent temps complet';

describe('the pay grid printed on the fiche', () => {
  it('is Tableau 6, cell by cell, for the apprenticeship of the sample, and no other', async () => {
    const text = await printed('apprentissage', sample);
    expect(text).toContain(TABLEAU_6);
    expect(text).toContain('1re année (M1 MIAGE) 27 % du SMIC 43 % du SMIC 53 % du SMIC/SMC (au plus élevé) 100 % du SMIC/SMC (au plus élevé)');
    expect(text).not.toContain(TABLEAU_7);
    expect(text).not.toContain(GRATIFICATION);
  }, 60_000);

  it('is Tableau 7 for a contrat de professionnalisation', async () => {
    const pro = structuredClone(sample);
    pro.formation.statut = 'FC';
    pro.contrat.type = 'professionnalisation';
    pro.contrat.remunerationBruteMensuelle = 1500;
    pro.contrat.dateDebut = '2025-08-01';
    const text = await printed('professionnalisation', pro);
    expect(text).toContain(TABLEAU_7);
    expect(text).not.toContain(TABLEAU_6);
  }, 60_000);

  it('is the gratification rule for a stage en alternance', async () => {
    const stage = structuredClone(sample);
    stage.contrat.type = 'stage-alternance';
    stage.contrat.dateFin = '2026-07-03';
    stage.contrat.remunerationBruteMensuelle = 700;
    const text = await printed('stage', stage);
    expect(text).toContain(GRATIFICATION);
    expect(text).not.toContain(TABLEAU_6);
    expect(text).not.toContain(TABLEAU_7);
  }, 60_000);

  it('is every grid on a blank fiche', async () => {
    const text = await printed('vierge', undefined);
    for (const s of [TABLEAU_6, TABLEAU_7, GRATIFICATION]) expect(text).toContain(s);
  }, 60_000);
});
