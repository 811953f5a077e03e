/**
 * A returned fiche de validation de mission is validated with the formation calendar the caller gives, as
 * `validate --calendrier` does: `paperasse extract --calendrier`, the library's `extract` and the upload store's
 * extractor. The calendars differ only by the end of the validation process: the sample's contract starts on
 * 01/09/2025, so an end on 01/09/2025 keeps it valid (inclusive) and an end on 31/08/2025 does not.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Paperasse, type CalendrierFormation, type Extraction } from '../../src/api.ts';
import type { UploadRecord } from '../../src/store/upload-store.ts';
import { ROOT } from '../helpers.ts';

const ID = 'fiche-validation-mission';
const dir = mkdtempSync(join(tmpdir(), 'paperasse-extract-calendar-'));
const shipped = JSON.parse(readFileSync(`${ROOT}src/referentiels/calendriers/2025-2026.json`, 'utf8')) as CalendrierFormation;
/** The shipped calendar with the end of the validation process on `day`. */
const endingOn = (day: string): CalendrierFormation => ({ ...shipped, finProcessusValidation: day });

let pdf: Uint8Array = new Uint8Array();
let pdfFile = '';
beforeAll(async () => {
  const rendered = await new Paperasse().renderPdf(ID, { donnees: JSON.parse(readFileSync(`${ROOT}samples/${ID}.json`, 'utf8')) as unknown, remplissable: true });
  if (!rendered.ok) throw new Error(rendered.erreur.message);
  pdf = rendered.octets;
  pdfFile = join(dir, 'fiche-renvoyee.pdf');
  writeFileSync(pdfFile, pdf);
}, 60_000);

/** Returns the "CODE chemin" of the issues of `code`. */
function only(issues: ReadonlyArray<{ code: string; chemin: string }>, code: string): string[] {
  return issues.filter((i) => i.code === code).map((i) => `${i.code} ${i.chemin}`);
}

/** Returns what `paperasse extract <pdf> --json <args>` prints, parsed, and its exit code. */
function cli(args: string[]): Promise<{ code: number; report: Extraction }> {
  return new Promise((resolve) => {
    execFile('node', [`${ROOT}src/cli/paperasse.mjs`, 'extract', pdfFile, '--json', ...args], { cwd: ROOT }, (err, stdout) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
      resolve({ code, report: JSON.parse(stdout) as Extraction });
    });
  });
}

describe('extraction with a formation calendar', () => {
  it('library: the same returned fiche is valid with the shipped calendar (with its warning), with an end on the contract’s first day, and invalid with an end the day before', async () => {
    const plain = await new Paperasse().extract(pdf, 'fiche.pdf');
    if (!plain.ok) throw new Error(plain.erreur.message);
    expect(plain.valeur.valide).toBe(true);
    expect(only(plain.valeur.avertissements, 'CALENDRIER_SANS_FIN_VALIDATION')).toEqual(['CALENDRIER_SANS_FIN_VALIDATION /contrat/dateDebut']);

    const onTheDay = await new Paperasse(undefined, undefined, { calendrier: endingOn('2025-09-01') }).extract(pdf, 'fiche.pdf');
    if (!onTheDay.ok) throw new Error(onTheDay.erreur.message);
    expect(onTheDay.valeur.valide).toBe(true);
    expect(only(onTheDay.valeur.avertissements, 'CALENDRIER_SANS_FIN_VALIDATION')).toEqual([]);

    const dayBefore = await new Paperasse(undefined, undefined, { calendrier: endingOn('2025-08-31') }).extract(pdf, 'fiche.pdf');
    if (!dayBefore.ok) throw new Error(dayBefore.erreur.message);
    expect(dayBefore.valeur.valide).toBe(false);
    expect(only(dayBefore.valeur.erreurs, 'DEBUT_CONTRAT_APRES_FIN_VALIDATION')).toEqual(['DEBUT_CONTRAT_APRES_FIN_VALIDATION /contrat/dateDebut']);
  }, 120_000);

  it('upload store: the extractor of a Paperasse with a calendar validates with it', async () => {
    const extractor = new Paperasse(undefined, undefined, { calendrier: endingOn('2025-08-31') }).storeExtractor();
    const read = await extractor(pdf, { nomFichier: 'recu.pdf' } as UploadRecord);
    if (!read.ok) throw new Error(read.erreur.message);
    expect(only(read.valeur.erreurs, 'DEBUT_CONTRAT_APRES_FIN_VALIDATION')).toEqual(['DEBUT_CONTRAT_APRES_FIN_VALIDATION /contrat/dateDebut']);
  }, 60_000);

  it('command line: paperasse extract --calendrier validates with the file’s calendar, and refuses a malformed one', async () => {
    const strict = join(dir, 'calendrier-strict.json');
    writeFileSync(strict, JSON.stringify(endingOn('2025-08-31')));
    const without = await cli([]);
    expect(without.code).toBe(0);
    expect(without.report.valide).toBe(true);
    const withIt = await cli(['--calendrier', strict]);
    expect(withIt.code).toBe(1);
    expect(only(withIt.report.erreurs, 'DEBUT_CONTRAT_APRES_FIN_VALIDATION')).toEqual(['DEBUT_CONTRAT_APRES_FIN_VALIDATION /contrat/dateDebut']);
    const malformed = join(dir, 'calendrier-faux.json');
    writeFileSync(malformed, JSON.stringify({ ...shipped, anneeUniversitaire: '2025' }));
    const refused = await cli(['--calendrier', malformed]);
    expect(refused.code).toBe(2);
    expect((refused.report as unknown as { erreur: { code: string } }).erreur.code).toBe('CALENDRIER_INVALIDE');
  }, 120_000);
});
