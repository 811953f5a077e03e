/**
 * `paperasse batch` run as a real process, as a secretary would: exit codes 0 / 1 / 2, the zip checked with unzip -t,
 * every PDF with qpdf --check, a letter's tutor read back with pdftotext, colliding names numbered, refused rows
 * listed in rapport.csv (UTF-8 with BOM, `;`), nothing left behind when nothing could be read.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Paperasse } from '../../src/api.ts';
import { ROOT, SAMPLES } from '../helpers.ts';
import { csvText, LETTRE, letterFor, tempFolder } from './rows.ts';

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

function paperasse(args: string[]): Promise<Output> {
  return new Promise((resolve) => {
    execFile('node', [`${ROOT}src/cli/paperasse.mjs`, ...args], { cwd: ROOT, env: { ...process.env, PAPERASSE_DEBUG: '' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const temp = tempFolder();
afterAll(() => temp.remove());

/** Returns the files of a zip, extracted into a new folder. */
function unzip(zip: string, name: string): string {
  execFileSync('unzip', ['-tq', zip]);
  const dir = join(temp.dir, name);
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  return dir;
}

/** Returns the number of pages of a PDF (pdfinfo). */
function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
}

describe('paperasse batch', () => {
  it('exits 1 with the valid rows produced, colliding names numbered, the refused row in rapport.csv (UTF-8 CSV with BOM and `,`, a multi-line cell)', async () => {
    const same = letterFor(1, 'Martin', 'Dupont');
    const broken = letterFor(3, 'Petit', 'Durand');
    broken.tuteur.adresse.codePostal = '4400';
    broken.tuteur.nom = '';
    const multiline = letterFor(4, 'Lefèvre', 'Garçon');
    multiline.premiereReunionTuteurs.lieu = 'ESMA, salle du conseil\n3, rue de la Héronnière\nNantes';
    const csv = join(temp.dir, 'tuteurs.csv');
    writeFileSync(csv, `\uFEFF${csvText([same, same, broken, multiline], ',')}`);
    const zip = join(temp.dir, 'lot.zip');
    const out = await paperasse(['batch', LETTRE, csv, '-o', zip, '--docx']);
    expect(out.stderr).toContain('✗ 1 ligne refusée');
    expect(out.stderr).toContain('ligne 4 : « Tuteur – Nom »');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('3 courriers pour 4 lignes (CSV (séparateur ,, UTF-8 (BOM)))');
    const dir = unzip(zip, 'lot');
    expect(readdirSync(dir).sort()).toEqual([
      'DUPONT_Jerome_tuteur-MARTIN.docx',
      'DUPONT_Jerome_tuteur-MARTIN.pdf',
      'DUPONT_Jerome_tuteur-MARTIN_2.docx',
      'DUPONT_Jerome_tuteur-MARTIN_2.pdf',
      'GARCON_Jerome_tuteur-LEFEVRE.docx',
      'GARCON_Jerome_tuteur-LEFEVRE.pdf',
      'rapport.csv',
      'tout-imprimer.pdf',
    ]);
    for (const pdf of readdirSync(dir).filter((f) => f.endsWith('.pdf'))) execFileSync('qpdf', ['--check', join(dir, pdf)]);
    const letter = execFileSync('pdftotext', [join(dir, 'GARCON_Jerome_tuteur-LEFEVRE.pdf'), '-'], { encoding: 'utf8' });
    expect(letter).toContain('Madame Élodie LEFÈVRE');
    expect(letter).toContain('Garçon');
    const word = execFileSync('unzip', ['-p', join(dir, 'GARCON_Jerome_tuteur-LEFEVRE.docx'), 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
    expect(word).toContain('Élodie LEFÈVRE');
    expect(word).toContain('Garçon');
    // Every letter starts on an odd page of tout-imprimer.pdf: page 1, then after the previous one rounded up to even.
    const order = ['DUPONT_Jerome_tuteur-MARTIN.pdf', 'DUPONT_Jerome_tuteur-MARTIN_2.pdf', 'GARCON_Jerome_tuteur-LEFEVRE.pdf'];
    const all = join(dir, 'tout-imprimer.pdf');
    let start = 1;
    for (const [i, file] of order.entries()) {
      const firstPage = execFileSync('pdftotext', ['-f', String(start), '-l', String(start), all, '-'], { encoding: 'utf8' });
      expect(firstPage).toContain(i < 2 ? 'Madame Élodie MARTIN' : 'Madame Élodie LEFÈVRE');
      const pages = pageCount(join(dir, file));
      start += pages + (pages % 2);
    }
    expect(pageCount(all)).toBe(start - 1);
    const report = readFileSync(join(dir, 'rapport.csv'));
    expect([...report.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = report.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Ligne;Colonne;Code;Motif');
    expect(lines.slice(1, -1).map((l) => l.split(';').slice(0, 3).join(';'))).toEqual(['4;Tuteur – Nom;CHAMP_OBLIGATOIRE', '4;Tuteur – Adresse postale – CP;FORMAT_INVALIDE']);
  });

  it('exits 0 when every row of an XLSX sheet is produced (--sheet)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes');
    const sheet = workbook.addWorksheet('Tuteurs');
    const source = new ExcelJS.Workbook();
    await source.xlsx.readFile(`${SAMPLES}${LETTRE}.xlsx`);
    const sample = source.worksheets[0];
    if (sample === undefined) throw new Error('no sheet in the sample');
    for (const n of [1, 2]) sheet.addRow((sample.getRow(n).values as ExcelJS.CellValue[]).slice(1));
    const xlsx = join(temp.dir, 'deux.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const zip = join(temp.dir, 'deux.zip');
    const out = await paperasse(['batch', LETTRE, xlsx, '-o', zip, '--sheet', 'Tuteurs']);
    expect(out.stderr).not.toContain('✗');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('1 courrier pour 1 ligne (XLSX (feuille « Tuteurs »))');
    const dir = unzip(zip, 'deux');
    expect(readdirSync(dir).sort()).toEqual(['MARCHAND_Theo_tuteur-LE-GALL.pdf', 'rapport.csv', 'tout-imprimer.pdf']);
    expect(readFileSync(join(dir, 'rapport.csv'), 'utf8')).toBe('\uFEFFLigne;Colonne;Code;Motif\r\n');
    expect(execFileSync('pdftotext', [join(dir, 'MARCHAND_Theo_tuteur-LE-GALL.pdf'), '-'], { encoding: 'utf8' })).toContain('Madame Sandrine LE GALL');
  });

  it('exits 2 with a French message and a code when nothing can be read, and leaves no zip', async () => {
    const csv = join(temp.dir, 'un.csv');
    writeFileSync(csv, csvText([letterFor(1)]));
    const mapping = join(temp.dir, 'correspondance.json');
    writeFileSync(mapping, JSON.stringify({ 'Nom du tuteur': '/tuteur/surnom' }));
    const template = join(temp.dir, 'courrier.hbs');
    writeFileSync(template, 'Bonjour {{tuteur.nom}},\n\nnous accueillons {{alternant.prenon}}.\n');
    const zip = join(temp.dir, 'rien.zip');
    const cases: Array<[string[], string]> = [
      [['batch', 'lettre-inconnue', csv, '-o', zip], 'FORMULAIRE_INCONNU'],
      [['batch', LETTRE, join(temp.dir, 'absent.csv'), '-o', zip], 'FICHIER_INTROUVABLE'],
      [['batch', LETTRE, csv, '-o', zip, '--mapping', mapping], 'CORRESPONDANCE_INVALIDE'],
      [['batch', LETTRE, csv, '-o', zip, '--template', template], 'MODELE_CHAMP_INCONNU'],
      [['batch', LETTRE, csv, '-o', join(temp.dir, 'lot.pdf')], 'USAGE'],
    ];
    for (const [args, code] of cases) {
      const out = await paperasse(args);
      expect({ code: out.code, stderr: out.stderr }).toMatchObject({ code: 2, stderr: expect.stringContaining(`(code ${code}`) as unknown });
    }
    const templateOut = await paperasse(['batch', LETTRE, csv, '-o', zip, '--template', template]);
    expect(templateOut.stderr).toContain('ligne 3, colonne 20');
    expect(templateOut.stderr).toContain('« alternant.prenom »');
    expect(existsSync(zip)).toBe(false);
    expect(readdirSync(temp.dir).filter((f) => f.includes('partiel'))).toEqual([]);
  });

  it('writes every letter with a school’s own template (--template): its wording in each letter and in tout-imprimer.pdf', async () => {
    const csv = join(temp.dir, 'ecole.csv');
    writeFileSync(csv, csvText([letterFor(1, 'Martin', 'Dupont'), letterFor(2, 'Petit', 'Durand')]));
    const standard = readFileSync(`${ROOT}templates/letters/${LETTRE}.hbs`, 'utf8');
    const template = join(temp.dir, 'ecole.hbs');
    writeFileSync(template, standard.replace(/\{\{civilite tuteur\.civilite\}\},\n/, '{{civilite tuteur.civilite}},\n\nLe CFA des Coteaux vous remercie chaleureusement d’accueillir {{alternant.prenom}} {{majuscules alternant.nom}} cette année.\n'));
    expect(readFileSync(template, 'utf8')).not.toBe(standard);
    const zip = join(temp.dir, 'ecole.zip');
    const out = await paperasse(['batch', LETTRE, csv, '-o', zip, '--template', template, '--docx']);
    expect(out.stderr).not.toContain('✗');
    expect(out.code).toBe(0);
    const dir = unzip(zip, 'ecole');
    // The .docx of each letter is written from the same school template.
    const word = execFileSync('unzip', ['-p', join(dir, 'DUPONT_Jerome_tuteur-MARTIN.docx'), 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
    expect(word).toContain('Le CFA des Coteaux vous remercie chaleureusement d’accueillir Jérôme DUPONT cette année.');
    const text = (file: string) => execFileSync('pdftotext', [join(dir, file), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text('DUPONT_Jerome_tuteur-MARTIN.pdf')).toContain('Le CFA des Coteaux vous remercie chaleureusement d’accueillir Jérôme DUPONT cette année.');
    expect(text('DURAND_Jerome_tuteur-PETIT.pdf')).toContain('d’accueillir Jérôme DURAND cette année.');
    expect(text('tout-imprimer.pdf').match(/Le CFA des Coteaux vous remercie/g)).toHaveLength(2);
  });

  it('writes the empty spreadsheet a school fills, whose headers a batch reads back', async () => {
    const csv = join(temp.dir, 'modele.csv');
    const xlsx = join(temp.dir, 'modele.xlsx');
    expect((await paperasse(['batch-modele', LETTRE, '-o', csv])).code).toBe(0);
    expect((await paperasse(['batch-modele', LETTRE, '-o', xlsx])).code).toBe(0);
    const headers = readFileSync(csv, 'utf8').slice(1).trim().split(';');
    expect(headers.slice(0, 2)).toEqual(['Année universitaire', 'Date du courrier']);
    expect(headers).toContain('Calendrier des cours – Période n° 12 – Libellé');
    const expected = new Paperasse().batchHeaders(LETTRE, JSON.parse(readFileSync(`${SAMPLES}${LETTRE}.json`, 'utf8')));
    expect(expected.ok ? expected.valeur : []).toEqual(headers);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect((book.worksheets[0]?.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
  });
});

describe('runBatch', () => {
  it('stops on its AbortSignal with LOT_INTERROMPU and leaves no file', async () => {
    const csv = join(temp.dir, 'stop.csv');
    writeFileSync(csv, csvText([letterFor(1), letterFor(2), letterFor(3)]));
    const dir = join(temp.dir, 'stop');
    execFileSync('mkdir', ['-p', dir]);
    const abort = new AbortController();
    const seen: number[] = [];
    const outcome = await new Paperasse().batch(LETTRE, { donnees: csv, sortie: join(dir, 'lot.zip'), workers: 1, signal: abort.signal }, (p) => {
      seen.push(p.faites);
      abort.abort();
    });
    expect(outcome.ok ? '' : outcome.erreur.code).toBe('LOT_INTERROMPU');
    expect(seen[0]).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});
