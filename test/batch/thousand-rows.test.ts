/**
 * The issue's acceptance case, through the real pipeline (spreadsheet, validation, worker pool, the render engine,
 * streamed zip, print file from the letters' parts): a 1,000-row CSV with 20 broken rows of different kinds gives
 * 980 letters, every one in tout-imprimer.pdf starting on an odd page, and a rapport.csv naming exactly the 20 rows.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { Paperasse } from '../../src/api.ts';
import { csvText, LETTRE, letterFor, tempFolder, type Letter } from './rows.ts';

const temp = tempFolder();
afterAll(() => temp.remove());

/** Returns the number of pages of a PDF (pdfinfo). */
function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
}

/** The ways a row is broken, each as an office would get it wrong. */
const BREAKS: Array<(d: Letter) => void> = [
  (d) => (d.tuteur.adresse.codePostal = '4400'),
  (d) => (d.tuteur.nom = ''),
  (d) => (d.dateCourrier = '31/02/2026'),
  (d) => (d.tuteur.civilite = 'Mademoiselle'),
  (d) => (d.tuteur.courriel = 'sandrine.legall-at-mutuelle.fr'),
];

describe('a 1,000-row mail merge', () => {
  it('gives 980 letters and a report naming the 20 broken rows', async () => {
    const broken = new Set(Array.from({ length: 20 }, (_, i) => 3 + i * 50)); // spreadsheet rows 3, 53, …, 953
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const d = letterFor(i);
      if (broken.has(i + 2)) BREAKS[i % BREAKS.length]?.(d);
      return d;
    });
    const csv = join(temp.dir, 'tuteurs.csv');
    writeFileSync(csv, csvText(rows));
    const zip = join(temp.dir, 'lot.zip');
    const outcome = await new Paperasse().batch(LETTRE, { donnees: csv, sortie: zip });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    expect(outcome.valeur.produites).toBe(980);
    expect(outcome.valeur.lignesRefusees).toEqual([...broken].sort((a, b) => a - b));
    execFileSync('unzip', ['-tq', zip]);
    const entries = unzipSync(readFileSync(zip), { filter: (f) => !f.name.endsWith('.pdf') || f.name === 'tout-imprimer.pdf' });
    const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).trim().split('\n');
    expect(names.filter((n) => /^ALTERNANT\d+_Jerome_tuteur-TUTEUR\d+\.pdf$/.test(n))).toHaveLength(980);
    const report = new TextDecoder().decode(entries['rapport.csv']).slice(1).trim().split('\r\n').slice(1);
    expect([...new Set(report.map((l) => Number(l.split(';')[0])))]).toEqual([...broken].sort((a, b) => a - b));
    const printed = join(temp.dir, 'tout-imprimer.pdf');
    writeFileSync(printed, entries['tout-imprimer.pdf'] ?? new Uint8Array());
    execFileSync('qpdf', ['--check', printed], { maxBuffer: 64 * 1024 * 1024 });
    // Every letter has the same number of pages, padded to an even count in the print file.
    const letter = join(temp.dir, 'une-lettre.pdf');
    writeFileSync(letter, unzipSync(readFileSync(zip), { filter: (f) => f.name === names.find((n) => n.startsWith('ALTERNANT0_')) })[names.find((n) => n.startsWith('ALTERNANT0_')) ?? ''] ?? new Uint8Array());
    const pages = pageCount(letter);
    expect(pages).toBeGreaterThan(0);
    expect(pageCount(printed)).toBe(980 * (pages + (pages % 2)));
  }, 1_200_000);
});
