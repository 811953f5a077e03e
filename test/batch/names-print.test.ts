/**
 * The zip's file names (readable, ASCII, no path separator, unique whatever the case) and the print file (every
 * letter starting on an odd page, checked by qpdf and pdf-lib).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { asciiFold, letterBaseName, UniqueNames } from '../../src/batch/names.ts';
import { createPrintAll, PRINT_ALL_NAME } from '../../src/batch/print-all.ts';
import { ZipFileSink } from '../../src/batch/zip-sink.ts';
import { tempFolder } from './rows.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Returns a letter PDF of `pages` pages, each page showing `label` and its number. */
async function letter(label: string, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([595.28, 841.89]).drawText(`${label} page ${i}`, { x: 50, y: 780, size: 14, font });
  return doc.save();
}

describe('letter file names', () => {
  it('are the apprentice, first name and tutor in ASCII: « DUPONT_Lea_tuteur-MARTIN »', () => {
    expect(letterBaseName({ alternant: { nom: 'Dupont', prenom: 'Léa' }, tuteur: { nom: 'Martin' } }, 2)).toBe('DUPONT_Lea_tuteur-MARTIN');
    expect(letterBaseName({ alternant: { nom: 'Lœwenbrück', prenom: 'jean-éric' }, tuteur: { nom: 'Le Gall' } }, 2)).toBe('LOEWENBRUCK_Jean-Eric_tuteur-LE-GALL');
    expect(asciiFold('Garçon/../..\\Maël: "x"')).toBe('Garcon-Mael-x');
  });

  it('never carry a path separator, a dot-dot or a reserved character, and fall back to the row number', () => {
    const name = letterBaseName({ alternant: { nom: '../../etc/passwd', prenom: 'C:\\Windows' }, tuteur: { nom: '<script>' } }, 7);
    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(letterBaseName({ alternant: { nom: '…', prenom: '' } }, 7)).toBe('ligne-7');
    expect(letterBaseName({}, 12)).toBe('ligne-12');
  });

  it('are numbered on collision, case ignored, and never take the zip’s own names', () => {
    const names = new UniqueNames(['tout-imprimer', 'rapport']);
    expect(['DUPONT_Lea', 'dupont_lea', 'DUPONT_Lea', 'tout-imprimer', 'DUPONT_Lea_2'].map((b) => names.take(b))).toEqual(['DUPONT_Lea', 'dupont_lea_2', 'DUPONT_Lea_3', 'tout-imprimer_2', 'DUPONT_Lea_2_2']);
  });
});

describe('tout-imprimer.pdf', () => {
  it('starts every letter on an odd page (a blank page after a letter of odd length) and passes qpdf --check', async () => {
    const t = tempFolder();
    cleanups.push(t.remove);
    const zipPath = join(t.dir, 'lot.zip');
    const zip = new ZipFileSink(zipPath);
    const writer = createPrintAll(zip, { title: 'Essai — 3 courriers', date: new Date('2026-10-02T08:00:00Z'), temporaryFile: join(t.dir, 'imprimer.tmp') });
    for (const [label, pages] of [['A', 1], ['B', 3], ['C', 2]] as const) await writer.add({ pdf: await letter(label, pages) });
    expect(await writer.finish()).toEqual([PRINT_ALL_NAME]);
    await zip.finish();
    execFileSync('unzip', ['-tq', zipPath]);
    const bytes = unzipSync(readFileSync(zipPath))[PRINT_ALL_NAME];
    if (bytes === undefined) throw new Error('no print file in the zip');
    const printed = join(t.dir, PRINT_ALL_NAME);
    writeFileSync(printed, bytes);
    execFileSync('qpdf', ['--check', printed]);
    const text = execFileSync('pdftotext', ['-layout', printed, '-'], { encoding: 'utf8' }).split('\f');
    // A1, blank, B1 B2 B3, blank, C1 C2: letters start on pages 1, 3 and 7.
    expect(text.slice(0, 8).map((p) => p.trim())).toEqual(['A page 1', '', 'B page 1', 'B page 2', 'B page 3', '', 'C page 1', 'C page 2']);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Essai — 3 courriers');
    expect(existsSync(join(t.dir, 'imprimer.tmp'))).toBe(false);
  });
});
