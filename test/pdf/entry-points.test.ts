/**
 * The whole hostile corpus (test/fixtures/make-hostile.ts) fed to every entry point that accepts a user's PDF:
 * extraction (`extractPdf`) and the dossier render with the file as a justificatif (`Paperasse.renderDossier`).
 * Each file ends with its stable code (refused) or a value (readable), and the process still answers after each.
 * Time and peak memory (resident set, sampled) are measured per file and entry point and printed, not asserted:
 * `npx tsx src/bench/hostile.ts` measures them in one process per file and entry point.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesBeside } from '../../src/api.ts';
import { ERROR_CODES } from '../../src/core/issues.ts';
import { extractPdf } from '../../src/extract/extract.ts';
import { hostileEntries, makeWholeCorpus, nastyEntries, type CorpusEntry, type NastyEntry } from '../fixtures/make-hostile.ts';
import { paperasse, sampleCopy, setAt } from '../helpers.ts';
import { asExtraction, asJustificatif } from './expected-codes.ts';
import { measurer } from './measure.ts';

const MIB = 1024 * 1024;
const ID = 'dossier-professionnel';
let dir = '';
const measures: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paperasse-entrees-'));
  await makeWholeCorpus(dir);
  // One extraction first, so the first file measured does not pay for starting the sandbox's worker.
  await extractPdf(readFileSync(join(dir, 'formulaire.pdf')), 'formulaire.pdf');
}, 180_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  console.log(['entrée      fichier                                   code                      durée   RSS max', ...measures].join('\n'));
});

/** Records each file's time and peak memory at its entry point (printed after the tests). */
const measured = measurer(measures, 11);

/** Asserts the process still answers: a timer fires at once and this thread never held a bomb's expansion. */
async function expectAnswering(): Promise<void> {
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 1));
  expect(performance.now() - start).toBeLessThan(1000);
  expect(process.memoryUsage().arrayBuffers).toBeLessThan(256 * MIB);
}

/** Returns the code extraction must end with: the hostile file's own, or any catalogue code of a readable PDF that is not a form. */
function extractionCode(outcome: Awaited<ReturnType<typeof extractPdf>>): string {
  return outcome.ok ? 'OK' : outcome.erreur.code;
}

/** Returns the dossier render of the sample with `file` as its only justificatif. */
async function renderWith(file: string) {
  const folder = mkdtempSync(join(dir, 'dossier-'));
  mkdirSync(join(folder, 'justificatifs'));
  writeFileSync(join(folder, 'justificatifs', file), readFileSync(join(dir, file)));
  const data = sampleCopy<Record<string, unknown>>(ID);
  const first = (data.attestations as Array<Record<string, unknown>>)[0] ?? {};
  setAt(data, '/attestations', [{ ...first, fichier: `justificatifs/${file}` }]);
  try {
    return await paperasse().renderDossier(data, { fichiers: filesBeside(folder), date: new Date('2019-03-20T10:00:00Z') });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const everyFile: Array<CorpusEntry | NastyEntry> = [...hostileEntries(), ...nastyEntries()];

describe('extraction (extractPdf)', () => {
  it.each(hostileEntries())('$file ends with its code', async (entry) => {
    const outcome = await measured('extract', entry.file, () => extractPdf(readFileSync(join(dir, entry.file)), entry.file, { limits: entry.limites }), extractionCode);
    expect(extractionCode(outcome)).toBe(asExtraction(entry));
    if (!outcome.ok) expect(outcome.erreur.message).toContain(entry.file);
    await expectAnswering();
  });

  it.each(nastyEntries())('$file is read, or ends with a catalogue code that is neither a time-out nor ours', async (entry) => {
    const outcome = await measured('extract', entry.file, () => extractPdf(readFileSync(join(dir, entry.file)), entry.file), extractionCode);
    const code = extractionCode(outcome);
    if (code !== 'OK') {
      expect(Object.keys(ERROR_CODES)).toContain(code);
      expect(['ERREUR_INTERNE', 'DELAI_DEPASSE']).not.toContain(code);
    }
    await expectAnswering();
  });
});

describe('dossier render with the file as a justificatif (Paperasse.renderDossier)', () => {
  it.each(everyFile)('$file', async (entry) => {
    const outcome = await measured('dossier', entry.file, () => renderWith(entry.file), (o) => (o.ok ? 'OK' : o.erreurs[0]?.code ?? o.erreur.code));
    const expected = asJustificatif(entry);
    if (expected === 'OK') {
      if (!outcome.ok) throw new Error(outcome.erreurs.map((e) => e.message).join('\n') || outcome.erreur.message);
      expect(outcome.exemplaires.anonyme.length).toBeGreaterThan(0);
    } else {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual([`${expected} /attestations/0/fichier`]);
        expect(outcome.erreurs[0]?.message).toContain(`« justificatifs/${entry.file} »`);
      }
    }
    await expectAnswering();
  });
});
