/**
 * Export of stored results: the table of one form (JSON Pointer columns), CSV for Excel (BOM, `;`, CRLF, RFC 4180
 * quoting, French numbers, CSV injection neutralised) parsed back, and XLSX (written by exceljs) read back by exceljs
 * and by LibreOffice Calc, cell by cell.
 */
import type { Result } from '../../src/core/issues.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExtractionOutcome } from '../../src/extract/types.ts';
import { exportCsv, exportXlsx, FIXED_COLUMNS, tableForForm, type ExportCell, type ExportTable } from '../../src/store/export.ts';
import { UploadStore } from '../../src/store/upload-store.ts';

/** Returns the value of a successful Result, failing the test with its French message otherwise. */
function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.erreur.code}: ${result.erreur.message}`);
  return result.valeur;
}

/** The LibreOffice executable; set PAPERASSE_SOFFICE to use another installation than the one on the PATH. */
const SOFFICE = process.env.PAPERASSE_SOFFICE ?? 'soffice';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-export-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Returns the bytes of a real PDF whose title is `title` (distinct titles give distinct bytes). */
async function pdf(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.addPage();
  return doc.save();
}

function extracted(formulaire: string, donnees: unknown, valide = true): ExtractionOutcome {
  return { ok: true, valeur: { formulaire, version: '1.0.0', source: 'champs', donnees, valide, erreurs: [], modifications: [], signatures: [], avertissements: [] } };
}

/** A table exercising every rule of the CSV and XLSX writers. */
const TRICKY: ExportTable = {
  colonnes: ['texte', 'nombre', 'booleen', 'vide'],
  lignes: [
    ['a;b', 1234.5, true, null],
    ['dit "bonjour"', -1, false, null],
    ['ligne 1\r\nligne 2\nligne 3', 0.25, null, 'x'],
    ['=SUM(A1)', 3, true, null],
    ['+1', 1e-7, false, null],
    ['-1', 42, null, null],
    ['@x', 0, null, null],
    ['\tcache', 1, null, null],
    ['\rretour', 2, null, null],
    ['Élève àéèêîôùç œ € — « guillemets »', 12.75, null, null],
    ['  espaces  ', 5, null, null],
    ['a=b, pas une formule', 6, null, null],
  ],
};

/** Parses RFC 4180 CSV with `separator` (CRLF or LF record ends, quoted fields with doubled quotes). */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === separator) {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' ? 2 : 1;
    } else {
      if (c === '"') throw new Error(`unexpected quote inside an unquoted field at ${i}`);
      field += c;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** What the CSV must hold for a cell once parsed back. */
function expectedCsv(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Converts `file` with LibreOffice headless (private profile) and returns the output's path, or the error output. */
function soffice(file: string, target: string, outDir: string): { ok: true; path: string } | { ok: false; why: string } {
  const profile = tempDir();
  const r = spawnSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', target, '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  const path = join(outDir, file.replace(/^.*\//, '').replace(/\.[^.]+$/, `.${target.replace(/:.*$/, '')}`));
  return r.status === 0 && existsSync(path) ? { ok: true, path } : { ok: false, why: `status ${String(r.status)}: ${r.stderr}${r.error?.message ?? ''}` };
}

/** Returns why LibreOffice Calc cannot be used here (LibreOffice absent, or installed without Calc), or undefined when it can. */
function calcMissing(): string | undefined {
  const dir = tempDir();
  const probe = join(dir, 'probe.csv');
  writeFileSync(probe, 'a,b\r\n1,2\r\n');
  const r = soffice(probe, 'ods', dir);
  return r.ok ? undefined : `LibreOffice Calc is not available through "${SOFFICE}" (install libreoffice-calc or set PAPERASSE_SOFFICE): ${r.why}`;
}

describe('tableForForm', () => {
  it('flattens the successfully extracted results of one form into fixed columns then one JSON Pointer column per leaf', async () => {
    const store = ok(UploadStore.open(tempDir()));
    cleanups.push(() => store.close());
    const receive = async (title: string, expediteur: string, day: number) =>
      ok(store.receive({ bytes: await pdf(title), nomFichier: `${title}.pdf`, expediteur, recuLe: new Date(Date.UTC(2025, 8, day, 9)) })).record;

    const first = await receive('premiere', 'tuteur@example.fr', 1);
    ok(await store.process(first.id, () => Promise.resolve(extracted('fiche-client', { client: { nom: 'Dupont', 'a/b': 1.5 }, fiches: [{ numero: 1 }, { numero: 2 }], signe: true }))));
    const second = await receive('seconde', 'autre@example.fr', 2);
    ok(await store.process(second.id, () => Promise.resolve(extracted('fiche-client', { client: { nom: '=HYPERLINK("http://x")', ville: 'Lille' }, fiches: [{ numero: 3 }], commentaire: null }, false))));
    const failed = await receive('echec', 'tuteur@example.fr', 3);
    ok(await store.process(failed.id, () => Promise.resolve({ ok: false, erreur: { code: 'FICHIER_ILLISIBLE', chemin: 'echec.pdf', message: 'Illisible.' } })));
    const otherForm = await receive('autre-formulaire', 'tuteur@example.fr', 4);
    ok(await store.process(otherForm.id, () => Promise.resolve(extracted('page-de-garde', { titre: 'x' }))));
    await receive('en-attente', 'tuteur@example.fr', 5);

    const table = tableForForm(store, 'fiche-client');
    expect(table.colonnes).toEqual([...FIXED_COLUMNS, '/client/nom', '/client/a~1b', '/fiches/0/numero', '/fiches/1/numero', '/signe', '/client/ville', '/commentaire']);
    expect(table.lignes).toEqual([
      [first.id, 'premiere.pdf', 'tuteur@example.fr', '2025-09-01T09:00:00.000Z', true, 'champs', null, null, 'Dupont', 1.5, 1, 2, true, null, null],
      [second.id, 'seconde.pdf', 'autre@example.fr', '2025-09-02T09:00:00.000Z', false, 'champs', null, null, '=HYPERLINK("http://x")', null, 3, null, null, 'Lille', null],
    ]);

    const csv = parseCsv(new TextDecoder().decode(exportCsv(table)), ';');
    expect(csv[0]).toEqual(table.colonnes);
    expect(csv[1]).toEqual([String(first.id), 'premiere.pdf', 'tuteur@example.fr', '2025-09-01T09:00:00.000Z', 'oui', 'champs', '', '', 'Dupont', '1,5', '1', '2', 'oui', '', '']);
    expect(csv[2]?.[8]).toBe(`'=HYPERLINK("http://x")`);
    expect(tableForForm(store, 'formulaire-sans-envoi')).toEqual({ colonnes: [...FIXED_COLUMNS], lignes: [] });
  });
});

describe('exportCsv', () => {
  it('writes UTF-8 with BOM, `;`, CRLF, RFC 4180 quoting, French decimals, oui/non, and neutralises = + - @ TAB CR', () => {
    const bytes = exportCsv(TRICKY);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    expect(text.startsWith('texte;nombre;booleen;vide\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"a;b";1234,5;oui;\r\n');
    expect(text).toContain('"dit ""bonjour""";-1;non;\r\n');
    expect(text).toContain('"ligne 1\r\nligne 2\nligne 3";0,25;;x\r\n');
    expect(text).toContain("'=SUM(A1);3;oui;\r\n");
    expect(text).toContain("\r\n'+1;1e-7;non;\r\n");
    expect(text).toContain("\r\n'-1;42;;\r\n");
    expect(text).toContain("\r\n'@x;0;;\r\n");
    expect(text).toContain("\r\n'\tcache;1;;\r\n");
    expect(text).toContain("\r\n\"'\rretour\";2;;\r\n");
    // Every line break outside a quoted field is CRLF.
    expect(text.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const parsed = parseCsv(text, ';');
    expect(parsed).toEqual([TRICKY.colonnes, ...TRICKY.lignes.map((row) => row.map(expectedCsv))]);
  });

  it('pads short rows to the width of the header', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(exportCsv({ colonnes: ['a', 'b', 'c'], lignes: [['x']] }));
    expect(text).toBe('\uFEFFa;b;c\r\nx;;\r\n');
  });
});

describe('exportXlsx', () => {
  const table: ExportTable = {
    colonnes: TRICKY.colonnes,
    lignes: [...TRICKY.lignes, ['contrôle\u0001\u0008 retirés, _x0041_ gardé', 7, null, '<b>&amp;</b>']],
  };

  it('is read back by exceljs with the same cells: text never a formula, numbers as numbers, oui / non, a bold frozen header', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportXlsx(table)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(table.lignes.length + 1);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.colonnes);
    table.lignes.forEach((row, r) => {
      row.forEach((cell, c) => {
        const read = sheet.getRow(r + 2).getCell(c + 1);
        expect(read.type, `row ${r + 2} column ${c + 1}`).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell === 'number') expect(read.value).toBe(cell);
        else if (typeof cell === 'boolean') expect(read.value).toBe(cell ? 'oui' : 'non');
        else if (cell === null) expect(read.value).toBeNull();
        // Characters illegal in XML are removed, line breaks written as LF; `_xHHHH_` escaped on writing reads back as written.
        else expect(read.value, `row ${r + 2} column ${c + 1}`).toBe(cell.replaceAll('\u0001', '').replaceAll('\u0008', '').replace(/\r\n?/g, '\n'));
      });
    });
    expect(sheet.getRow(5).getCell(1).value).toBe('=SUM(A1)');
    expect(sheet.getRow(5).getCell(1).numFmt).toBe('@');
  });

  it('is read back by LibreOffice Calc with the same cells (accents, line breaks, a formula-like value kept as text)', async () => {
    // Calc is part of what CI installs (.ci/run): its absence is a failure, not a reason to skip.
    expect(calcMissing()).toBeUndefined();
    const dir = tempDir();
    const file = join(dir, 'export.xlsx');
    writeFileSync(file, await exportXlsx(table));
    // Separator `;` (59), quote `"` (34), UTF-8 (76), from the first line.
    const converted = soffice(file, 'csv:Text - txt - csv (StarCalc):59,34,76,1', dir);
    if (!converted.ok) throw new Error(`LibreOffice could not read the workbook: ${converted.why}`);
    const cells = parseCsv(readFileSync(converted.path, 'utf8').replace(/^\uFEFF/, ''), ';');

    expect(cells).toHaveLength(table.lignes.length + 1);
    expect(cells[0]).toEqual(table.colonnes);
    table.lignes.forEach((row, r) => {
      row.forEach((cell, c) => {
        const read = cells[r + 1]?.[c] ?? '';
        if (typeof cell === 'number') expect(Number(read.replace(',', '.')), `row ${r + 2} column ${c + 1}`).toBe(cell);
        else if (typeof cell === 'boolean') expect(read).toBe(cell ? 'oui' : 'non');
        else if (cell === null) expect(read).toBe('');
        // Line breaks are written as LF; characters illegal in XML were removed when writing.
        else expect(read, `row ${r + 2} column ${c + 1}`).toBe(cell.replace(/\r\n?/g, '\n').replaceAll('\u0001', '').replaceAll('\u0008', ''));
      });
    });
    expect(cells[4]?.[0]).toBe('=SUM(A1)');
    expect(cells[10]?.[0]).toBe('Élève àéèêîôùç œ € — « guillemets »');
  });
});
