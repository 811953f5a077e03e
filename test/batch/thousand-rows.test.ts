/**
 * The acceptance case, through the real pipeline (spreadsheet, validation, worker pool, React-PDF renderer,
 * streamed zip, print file): a 1,000-row CSV with 20 broken rows of different kinds gives 980 letters and a
 * rapport.csv naming exactly the 20 rows. It renders 980 letters: minutes on a 2-core machine (see the report).
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
    expect(execFileSync('pdfinfo', [printed], { encoding: 'utf8' })).toMatch(/Pages:\s+1960\n/);
  }, 3_600_000);
});
