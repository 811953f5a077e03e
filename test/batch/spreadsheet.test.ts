/**
 * Reading a mail merge's spreadsheet as offices export it, and turning its rows into valid letter data: CSV with
 * `;` in Windows-1252, CSV with `,` in UTF-8 with BOM and a multi-line quoted cell, XLSX with Excel dates; headers
 * matched whatever their case, accents and spacing, or through a mapping file; French values converted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { columnsOf, parseMapping, planHeaders, type HeaderPlan } from '../../src/batch/columns.ts';
import { convertRow } from '../../src/batch/convert.ts';
import { openTable, readTable, type Table } from '../../src/batch/read.ts';
import { createSchemaCatalog } from '../../src/core/schemas.ts';
import { Paperasse } from '../../src/api.ts';
import type { Result } from '../../src/core/issues.ts';
import { SAMPLES } from '../helpers.ts';
import { COLUMNS, csvLine, csvText, LETTRE, letterFor, sampleData, tempFolder, type Letter } from './rows.ts';

const paperasse = new Paperasse();
const columns = columnsOf(createSchemaCatalog(), LETTRE, () => 1);

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.erreur.code}: ${r.erreur.message}`);
  return r.valeur;
}

/** Returns the data of every row of `table`, as the batch makes it. */
function rowsData(table: Table, plan: HeaderPlan): unknown[] {
  return table.lignes.map((row) => {
    const converted = convertRow(row, plan);
    expect(converted.problemes).toEqual([]);
    return converted.donnees;
  });
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function folder(): string {
  const t = tempFolder();
  cleanups.push(t.remove);
  return t.dir;
}

describe('the mail merge spreadsheet', () => {
  it('reads the Windows-1252 CSV sample with `;`: ten rows, accents intact, every row valid letter data', async () => {
    const table = ok(await readTable(`${SAMPLES}${LETTRE}.csv`));
    expect(table.description).toBe('CSV (séparateur ;, Windows-1252)');
    expect(table.entetes).toContain('Tuteur – Adresse postale – CP');
    expect(table.lignes.map((l) => l.numero)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const data = rowsData(table, ok(planHeaders(table.entetes, columns, undefined, 'x.csv')));
    for (const d of data) expect(ok(paperasse.validate(LETTRE, d)).erreurs).toEqual([]);
    const first = data[1] as Letter;
    expect(first.tuteur).toMatchObject({ civilite: 'monsieur', nom: 'Lefèvre', prenom: 'François', adresse: { codePostal: '44000' } });
    expect(first.alternant).toEqual({ nom: 'Dupont', prenom: 'Léa', annee: 'M1' });
    expect(first.dateCourrier).toBe('2026-10-02');
    expect(first.carnetDeBordJoint).toBe(true);
    expect(first.calendrierCours).toEqual(sampleData().calendrierCours);
  });

  it('reads the XLSX sample (Excel dates, first sheet) into the same data as the CSV sample', async () => {
    const xlsx = ok(await readTable(`${SAMPLES}${LETTRE}.xlsx`));
    const csv = ok(await readTable(`${SAMPLES}${LETTRE}.csv`));
    expect(xlsx.description).toBe('XLSX (feuille « Tuteurs 2026-2027 »)');
    expect(xlsx.lignes[0]?.cellules[1]).toBeInstanceOf(Date);
    const fromXlsx = rowsData(xlsx, ok(planHeaders(xlsx.entetes, columns, undefined, 'x.xlsx')));
    const fromCsv = rowsData(csv, ok(planHeaders(csv.entetes, columns, undefined, 'x.csv')));
    expect(fromXlsx).toEqual(fromCsv);
    expect(ok(await readTable(`${SAMPLES}${LETTRE}.xlsx`, { sheet: 'tuteurs 2026-2027' })).lignes).toHaveLength(10);
    const missing = await readTable(`${SAMPLES}${LETTRE}.xlsx`, { sheet: 'Feuil2' });
    expect(missing.ok ? '' : missing.erreur.code).toBe('FEUILLE_INTROUVABLE');
  });

  it('reads a UTF-8 CSV with BOM and `,`, a quoted cell over three lines keeping the row numbers the spreadsheet shows', async () => {
    const dir = folder();
    const a = letterFor(1);
    a.premiereReunionTuteurs.lieu = 'ESMA, salle du conseil\n3, rue de la Héronnière\nNantes';
    const text = csvText([a, letterFor(2)], ',');
    writeFileSync(join(dir, 'tuteurs.csv'), `\uFEFF${text}`);
    const table = ok(await readTable(join(dir, 'tuteurs.csv')));
    expect(table.description).toBe('CSV (séparateur ,, UTF-8 (BOM))');
    expect(table.entetes[0]).toBe('Année universitaire');
    expect(table.lignes.map((l) => l.numero)).toEqual([2, 3]);
    const [first, second] = rowsData(table, ok(planHeaders(table.entetes, columns, undefined, 'tuteurs.csv'))) as Letter[];
    expect(first?.premiereReunionTuteurs.lieu).toBe('ESMA, salle du conseil\n3, rue de la Héronnière\nNantes');
    expect(second?.tuteur.nom).toBe('Tuteur2');
    expect(ok(paperasse.validate(LETTRE, first)).valide).toBe(true);
  });

  it('tells UTF-8 without BOM from Windows-1252 by the bytes', async () => {
    const dir = folder();
    const text = csvText([letterFor(1, 'Lefèvre')]);
    writeFileSync(join(dir, 'utf8.csv'), text);
    writeFileSync(join(dir, 'ansi.csv'), iconv.encode(text, 'win1252'));
    const utf8 = ok(await readTable(join(dir, 'utf8.csv')));
    const ansi = ok(await readTable(join(dir, 'ansi.csv')));
    expect(utf8.description).toBe('CSV (séparateur ;, UTF-8)');
    expect(ansi.description).toBe('CSV (séparateur ;, Windows-1252)');
    expect(ansi.entetes).toEqual(utf8.entetes);
    expect(ansi.lignes).toEqual(utf8.lignes);
  });

  it('streams a CSV: Windows-1252 told by a byte far past the first 64 KiB, rows handed one by one until the caller stops', async () => {
    const dir = folder();
    const rows = Array.from({ length: 60 }, (_, i) => letterFor(i + 1, i === 59 ? 'Lefèvre' : `Tuteur${i + 1}`));
    // UTF-8 up to the last row, whose « è » is the one Windows-1252 byte (0xE8), far into the file.
    const utf8 = Buffer.from(csvText(rows), 'utf8');
    const at = utf8.lastIndexOf(Buffer.from('è', 'utf8'));
    expect(at).toBeGreaterThan(64 * 1024);
    writeFileSync(join(dir, 'long.csv'), Buffer.concat([utf8.subarray(0, at), Buffer.from([0xe8]), utf8.subarray(at + 2)]));
    const source = ok(await openTable(join(dir, 'long.csv')));
    expect(source.description).toBe('CSV (séparateur ;, Windows-1252)');
    expect(source.total).toBe(60);
    const seen: number[] = [];
    await source.forEachRow((row) => {
      seen.push(row.numero);
      return seen.length < 5;
    });
    expect(seen).toEqual([2, 3, 4, 5, 6]);
    const all = ok(await readTable(join(dir, 'long.csv')));
    expect(all.lignes).toHaveLength(60);
    expect(all.lignes[59]?.cellules.join(';')).toMatch(/[^Ã]è/);
  });

  it('refuses a CSV whose quote is never closed (TABLEUR_ILLISIBLE, with its line) before any row is handed out', async () => {
    const dir = folder();
    const lines = csvText([letterFor(1), letterFor(2)]).split('\r\n');
    lines[2] = `"${lines[2] ?? ''}`;
    writeFileSync(join(dir, 'casse.csv'), lines.join('\r\n'));
    const source = await openTable(join(dir, 'casse.csv'));
    expect(source.ok ? '' : source.erreur.code).toBe('TABLEUR_ILLISIBLE');
    expect(source.ok ? '' : source.erreur.message).toContain('guillemet');
  });

  it('matches headers whatever their case, accents, dashes and « n° », and converts French values', async () => {
    const dir = folder();
    const headers = ['ANNEE UNIVERSITAIRE', 'date du courrier', 'Tuteur - Civilite', 'tuteur  —  nom', 'Calendrier des cours – Période 1 – Du', 'Carnet de bord joint au courrier', 'Alternant – Année de master'];
    const row = ['2026-2027', '2/10/2026', 'MADAME', 'Martin', '14.09.2026', 'Non', 'm2'];
    writeFileSync(join(dir, 't.csv'), `${csvLine(headers, ';')}\n${csvLine(row, ';')}\n`);
    const table = ok(await readTable(join(dir, 't.csv')));
    const plan = ok(planHeaders(table.entetes, columns, undefined, 't.csv'));
    expect(plan.map((c) => c?.entete)).toEqual([
      'Année universitaire',
      'Date du courrier',
      'Tuteur – Civilité',
      'Tuteur – Nom',
      'Calendrier des cours – Période n° 1 – Du',
      'Carnet de bord joint au courrier',
      'Alternant – Année de Master',
    ]);
    const [data] = rowsData(table, plan);
    expect(data).toEqual({ anneeUniversitaire: '2026-2027', dateCourrier: '2026-10-02', tuteur: { civilite: 'madame', nom: 'Martin' }, calendrierCours: [{ du: '2026-09-14' }], carnetDeBordJoint: false, alternant: { annee: 'M2' } });
  });

  it('refuses an unknown header naming the closest one, and lets a mapping file name or ignore columns', () => {
    const unknown = planHeaders(['Tuteur – Nomm', 'Commentaire'], columns, undefined, 't.csv');
    expect(unknown.ok ? '' : unknown.erreur).toMatchObject({ code: 'COLONNE_INCONNUE', chemin: 't.csv:1:1' });
    expect(unknown.ok ? '' : unknown.erreur.message).toContain('Vouliez-vous dire « Tuteur – Nom » ?');
    const mapping = ok(parseMapping({ 'Nom du tuteur': '/tuteur/nom', 'Prénom tuteur': 'tuteur.prenom', Commentaire: null }, 'm.json', columns));
    const plan = ok(planHeaders(['Nom du tuteur', 'prenom tuteur', 'Commentaire', 'Date du courrier'], columns, mapping, 't.csv'));
    expect(plan.map((c) => c?.chemin.join('/') ?? null)).toEqual(['tuteur/nom', 'tuteur/prenom', null, 'dateCourrier']);
    const bad = parseMapping({ 'Nom du tuteur': '/tuteur/surnom' }, 'm.json', columns);
    expect(bad.ok ? '' : bad.erreur.code).toBe('CORRESPONDANCE_INVALIDE');
    const twice = planHeaders(['Tuteur – Nom', 'TUTEUR NOM'], columns, undefined, 't.csv');
    expect(twice.ok ? '' : twice.erreur.code).toBe('COLONNE_EN_DOUBLE');
  });

  it('refuses what cannot be read: a missing file, an unclosed quote, a header-only file, another format', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'quote.csv'), 'Tuteur – Nom;Tuteur – Prénom\n"Martin;Élodie\n');
    writeFileSync(join(dir, 'vide.csv'), `${COLUMNS.map((c) => c.entete).join(';')}\n;;\n`);
    writeFileSync(join(dir, 'faux.xlsx'), 'pas un classeur');
    const codes: string[] = [];
    for (const f of ['absent.csv', 'quote.csv', 'vide.csv', 'faux.xlsx', 'tuteurs.ods']) {
      const r = await readTable(join(dir, f));
      codes.push(r.ok ? 'ok' : r.erreur.code);
    }
    expect(codes).toEqual(['FICHIER_INTROUVABLE', 'TABLEUR_ILLISIBLE', 'TABLEUR_VIDE', 'TABLEUR_ILLISIBLE', 'TABLEUR_ILLISIBLE']);
  });
});
