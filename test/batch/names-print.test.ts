/**
 * The zip's file names (readable, ASCII, no path separator, unique whatever the case) and the print file (every
 * letter starting on an odd page, from the engine's parts, checked by qpdf, pdftotext and pdf-lib).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { asciiFold, letterBaseName, UniqueNames } from '../../src/batch/names.ts';
import { createPrintAll, PRINT_ALL_NAME } from '../../src/batch/print-all.ts';
import { ZipFileSink } from '../../src/batch/zip-sink.ts';
import { createSchemaCatalog } from '../../src/core/schemas.ts';
import { FORMS } from '../../src/forms/registry.ts';
import type { DocumentParts } from '../../src/render/engine/document.ts';
import { Renderer } from '../../src/render/renderer.ts';
import { SAMPLES, validationOf } from '../helpers.ts';
import { tempFolder } from './rows.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Returns the engine's parts of each form's sample, rendered by the project's renderer (as a batch worker does). */
async function sampleParts(ids: readonly string[]): Promise<DocumentParts[]> {
  const renderer = new Renderer(createSchemaCatalog());
  const parts: DocumentParts[] = [];
  for (const id of ids) {
    const form = FORMS.find((f) => f.id === id);
    if (form === undefined) throw new Error(`no form ${id}`);
    const raw: unknown = JSON.parse(readFileSync(`${SAMPLES}${id}.json`, 'utf8'));
    const validation = validationOf(id, raw);
    expect(validation.valide).toBe(true);
    parts.push((await renderer.renderPdfParts(form, validation.donnees ?? raw)).parts);
  }
  return parts;
}

describe('letter file names', () => {
  it('are the apprentice, first name and tutor in ASCII: « DUPONT_Lea_tuteur-MARTIN »', () => {
    expect(letterBaseName({ alternant: { nom: 'Dupont', prenom: 'Léa' }, tuteur: { nom: 'Martin' } }, 2)).toBe('DUPONT_Lea_tuteur-MARTIN');
    expect(letterBaseName({ alternant: { nom: 'Lœwenbrück', prenom: 'jean-éric' }, tuteur: { nom: 'Le Gall' } }, 2)).toBe('LOEWENBRUCK_Jean-Eric_tuteur-LE-GALL');
    expect(asciiFold('Garçon/../..\\Maël: "x"')).toBe('Garcon-Mael-x');
    expect(letterBaseName({ alternant: { nom: 'Roux', prenom: 'Baptiste' }, destinataire: { role: 'contactRH', nom: 'Chabert' } }, 2)).toBe('ROUX_Baptiste_contactrh-CHABERT');
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
  it('is the engine’s combined PDF of the letters’ parts: each starts on an odd page (blank padding after odd lengths), fonts written once, qpdf --check passes', async () => {
    const t = tempFolder();
    cleanups.push(t.remove);
    const zipPath = join(t.dir, 'lot.zip');
    const zip = new ZipFileSink(zipPath);
    const writer = createPrintAll(zip, { title: (n) => `Essai — ${n} courriers`, date: new Date('2026-10-02T08:00:00Z'), temporaryFile: join(t.dir, 'imprimer.tmp') });
    const ids = ['confirmation-mission', 'lettre-tuteur-rentree', 'confirmation-mission', 'fiche-client'];
    const parts = await sampleParts(ids);
    expect(parts.some((p) => p.pages.length % 2 === 1)).toBe(true);
    for (const p of parts) await writer.add({ parts: p });
    expect(existsSync(join(t.dir, 'imprimer.tmp'))).toBe(true);
    expect(await writer.finish()).toEqual([PRINT_ALL_NAME]);
    await zip.finish();
    execFileSync('unzip', ['-tq', zipPath]);
    const bytes = unzipSync(readFileSync(zipPath))[PRINT_ALL_NAME];
    if (bytes === undefined) throw new Error('no print file in the zip');
    const printed = join(t.dir, PRINT_ALL_NAME);
    writeFileSync(printed, bytes);
    execFileSync('qpdf', ['--check', printed]);
    // The page texts: each document's pages (never empty), then an empty padding page when its length is odd.
    const text = execFileSync('pdftotext', ['-layout', printed, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    let page = 0;
    for (const p of parts) {
      expect(page % 2).toBe(0);
      expect(text[page]).toContain(p.title.split(' — ')[0]);
      for (let i = 0; i < p.pages.length; i++) expect(text[page + i]?.trim()).not.toBe('');
      page += p.pages.length;
      if (page % 2 === 1) expect(text[page++]?.trim()).toBe('');
    }
    expect(text).toHaveLength(page);
    // Fonts are shared: the file is smaller than the letters written separately.
    const fontFiles = execFileSync('pdffonts', [printed], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(new Set(fontFiles.map((l) => l.split(/\s+/)[0])).size).toBe(fontFiles.length);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Essai — 4 courriers');
    expect(existsSync(join(t.dir, 'imprimer.tmp'))).toBe(false);
  });
});
