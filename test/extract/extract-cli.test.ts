/**
 * `paperasse extract` and `paperasse export` run as real processes, as a secretariat runs them: a fiche client
 * rendered by Paperasse and filled by pdftk, a real SQLite store in a temporary folder, and a process killed with
 * SIGKILL while it reads a file.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMS } from '../../src/forms/registry.ts';
import { UploadStore } from '../../src/store/upload-store.ts';
import { paperasse, ROOT, sampleCopy } from '../helpers.ts';
import { fieldsOf, resolved } from '../render/expected.ts';
import { save, tempDir } from '../render/tools.ts';
import { pdftkFill, typedValues, type Typed } from './fillers.ts';

interface Output { code: number; stdout: string; stderr: string }

/** Runs the `paperasse` bin entry with `args` in `cwd`. */
function cli(args: string[], cwd = dir): Promise<Output> {
  return new Promise((resolve) => {
    execFile('node', [`${ROOT}src/cli/paperasse.mjs`, ...args], { cwd, env: { ...process.env, PAPERASSE_DEBUG: '' } }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const FORM = 'fiche-client';
let dir = '';
/** The fiche client's sample as validation returns it. */
let full: Record<string, unknown> = {};
/** The pre-filled fillable fiche client, then filled by pdftk with the client's name retyped « LE MARCHAND ». */
let changed = '';
/** The same, with « 31/02/2019 » typed as the client's date of birth. */
let invalid = '';

/** Returns the values typed into the pre-filled fiche client, `overrides` replacing the text of some fields. */
function typed(overrides: Record<string, string>): Typed[] {
  const form = FORMS.find((f) => f.id === FORM);
  if (form === undefined) throw new Error('fiche-client is not registered');
  return typedValues(fieldsOf(resolved(form, full))).map((t) => ('text' in t && t.name in overrides ? { name: t.name, text: overrides[t.name] ?? '' } : t));
}

beforeAll(async () => {
  dir = tempDir('extract-cli');
  const validation = paperasse().validate(FORM, sampleCopy(FORM));
  if (!validation.ok || !validation.valeur.valide) throw new Error('the fiche client sample does not validate');
  full = validation.valeur.donnees as Record<string, unknown>;
  const outcome = await paperasse().renderPdf(FORM, { donnees: full, remplissable: true });
  if (!outcome.ok) throw new Error(outcome.erreur.message);
  changed = save(dir, 'fiche-client-renvoyee.pdf', pdftkFill(dir, 'change', outcome.octets, typed({ nom: 'LE MARCHAND' })));
  invalid = save(dir, 'fiche-client-date-fausse.pdf', pdftkFill(dir, 'invalide', outcome.octets, typed({ dateNaissance: '31/02/2019' })));
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('paperasse extract', () => {
  it('prints the data read from the fields of a form filled by pdftk, with the value changed since it was sent, and exits 0', async () => {
    const out = await cli(['extract', changed, '--json']);
    expect(out.code).toBe(0);
    const read = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(read).toMatchObject({ formulaire: FORM, source: 'champs', valide: true, erreurs: [], signatures: [] });
    expect(read.donnees).toEqual({ ...full, nom: 'LE MARCHAND' });
    expect(read.modifications).toEqual([{ chemin: '/nom', avant: 'LEMARCHAND', apres: 'LE MARCHAND' }]);

    const text = await cli(['extract', changed]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('✓ Formulaire « fiche-client »');
    expect(text.stdout).toContain('/nom : « LEMARCHAND » → « LE MARCHAND »');
    expect(text.stdout).toContain('/adresse/ville : « Rezé »');
    expect(text.stdout).toContain('Signatures électroniques : aucune');
  });

  it('exits 1 with the validation errors, still printing what was read, when a date typed in the PDF does not exist', async () => {
    const out = await cli(['extract', invalid, '--json']);
    expect(out.code).toBe(1);
    const read = JSON.parse(out.stdout) as { valide: boolean; donnees: Record<string, unknown>; erreurs: Array<{ code: string; chemin: string; message: string }> };
    expect(read.valide).toBe(false);
    expect(read.donnees.dateNaissance).toBe('31/02/2019');
    expect(read.erreurs.map((e) => `${e.code} ${e.chemin}`)).toContain('FORMAT_INVALIDE /dateNaissance');
    const text = await cli(['extract', invalid]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('[FORMAT_INVALIDE] /dateNaissance');
  });

  it('exits 2 with a stable code when nothing can be read: not a PDF, a missing file, a file over the size limit', async () => {
    const notPdf = save(dir, 'scan.pdf', new TextEncoder().encode('Bonjour, voici la fiche.'));
    const out = await cli(['extract', notPdf, '--json']);
    expect(out.code).toBe(2);
    expect(JSON.parse(out.stdout)).toMatchObject({ erreur: { code: 'PAS_UN_PDF', chemin: 'scan.pdf' } });
    const missing = await cli(['extract', join(dir, 'absent.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('(code FICHIER_INTROUVABLE)');
    const big = join(dir, 'enorme.pdf');
    writeFileSync(big, Buffer.alloc(21 * 1024 * 1024, 0x20));
    const tooBig = await cli(['extract', big]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain('(code FICHIER_TROP_GROS)');
  });

  it('reads several files in one run, one unreadable file not stopping the others, and exits with the highest code', async () => {
    const notPdf = save(dir, 'courrier.pdf', new TextEncoder().encode('pas un PDF'));
    const out = await cli(['extract', changed, notPdf, invalid, '--json']);
    expect(out.code).toBe(2);
    const reads = JSON.parse(out.stdout) as Array<{ fichier: string; valide?: boolean; erreur?: { code: string } }>;
    expect(reads.map((r) => [r.fichier, r.valide ?? r.erreur?.code])).toEqual([[changed, true], [notPdf, 'PAS_UN_PDF'], [invalid, false]]);
    const text = await cli(['extract', changed, invalid]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`── ${invalid}`);
    expect(text.stdout).toContain('2 fichiers : 1 valide(s), 1 invalide(s), 0 illisible(s).');
  });

  it('refuses a malformed command line with USAGE', async () => {
    expect((await cli(['extract'])).stderr).toContain('code USAGE');
    const sender = await cli(['extract', changed, '--expediteur', 'x@example.fr']);
    expect(sender.code).toBe(2);
    expect(sender.stderr).toContain('--expediteur n’a de sens qu’avec --store');
    const badOutput = await cli(['export', FORM, '--store', dir, '-o', 'resultats.txt']);
    expect(badOutput.code).toBe(2);
    expect(badOutput.stderr).toContain('.csv ou .xlsx');
  });
});

describe('paperasse extract --store and paperasse export', () => {
  it('keeps the original byte for byte, gives the stored result back for the same bytes, and exports the results as CSV and XLSX', async () => {
    const store = join(dir, 'secretariat');
    const first = await cli(['extract', changed, '--store', store, '--expediteur', 'tuteur@example.fr', '--json']);
    expect(first.code).toBe(0);
    const firstRead = JSON.parse(first.stdout) as { stockage: { id: number; nouveau: boolean; sha256: string }; donnees: unknown };
    const bytes = readFileSync(changed);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(firstRead.stockage).toMatchObject({ nouveau: true, sha256, expediteur: 'tuteur@example.fr' });
    expect(readFileSync(join(store, 'originaux', sha256.slice(0, 2), `${sha256.slice(2)}.pdf`)).equals(bytes)).toBe(true);

    const again = await cli(['extract', changed, '--store', store, '--expediteur', 'secretariat@example.fr']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Déjà reçu le `);
    expect(again.stdout).toContain(`(n° ${firstRead.stockage.id})`);
    const invalidRun = await cli(['extract', invalid, '--store', store, '--json']);
    expect(invalidRun.code).toBe(1);
    expect(await cli(['extract', join(ROOT, 'package.json'), '--store', store])).toMatchObject({ code: 2 });

    const result = UploadStore.open(store);
    if (!result.ok) throw new Error(result.erreur.message);
    const opened = result.valeur;
    try {
      expect(opened.list().map((r) => [r.nomFichier, r.statut, r.valide])).toEqual([
        ['fiche-client-renvoyee.pdf', 'traite', true],
        ['fiche-client-date-fausse.pdf', 'traite', false],
        // What could not be read is kept too, with its error.
        ['package.json', 'echec', null],
      ]);
      expect(opened.receptions(firstRead.stockage.id).map((r) => r.expediteur)).toEqual(['tuteur@example.fr', 'secretariat@example.fr']);
    } finally {
      opened.close();
    }

    const listed = await cli(['uploads', '--store', store]);
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^n°\s+reçu le\s+expéditeur\s+fichier\s+état\s+formulaire\s+résultat$/);
    expect(rows.slice(1).map((r) => r.split(/\s{2,}/).slice(3))).toEqual([
      ['fiche-client-renvoyee.pdf', 'lu', 'fiche-client', 'valide'],
      ['fiche-client-date-fausse.pdf', 'lu', 'fiche-client', 'invalide, 1 erreur'],
      ['package.json', 'illisible', 'PAS_UN_PDF'],
    ]);
    const failures = JSON.parse((await cli(['uploads', '--store', store, '--statut', 'echec', '--json'])).stdout) as Array<{ nomFichier: string; resume: string }>;
    expect(failures.map((f) => [f.nomFichier, f.resume])).toEqual([['package.json', 'PAS_UN_PDF']]);
    const received = JSON.parse((await cli(['uploads', '--store', store, '--formulaire', FORM, '--json'])).stdout) as Array<{ receptions: unknown[] }>;
    expect(received.map((r) => r.receptions.length)).toEqual([2, 1]);

    const csvPath = join(dir, 'fiches-client.csv');
    const csv = await cli(['export', FORM, '--store', store, '-o', csvPath]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('2 fichiers reçus');
    const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));
    const header = lines[0] ?? [];
    const column = (name: string) => header.indexOf(name);
    expect(lines).toHaveLength(3);
    expect(lines[1]?.[column('/nom')]).toBe('LE MARCHAND');
    expect(lines[1]?.[column('valide')]).toBe('oui');
    expect(lines[2]?.[column('valide')]).toBe('non');
    expect(lines[2]?.[column('erreurs')]).toContain('FORMAT_INVALIDE /dateNaissance');
    expect(lines[2]?.[column('/dateNaissance')]).toBe('31/02/2019');

    const xlsxPath = join(dir, 'fiches-client.xlsx');
    expect((await cli(['export', FORM, '--store', store, '-o', xlsxPath])).code).toBe(0);
    const parts = unzipSync(readFileSync(xlsxPath));
    const sheet = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'].map((name) => strFromU8(parts[name] ?? new Uint8Array())).join('');
    expect(sheet).toContain('LE MARCHAND');
    expect(sheet).toContain('Rezé');

    const missing = await cli(['export', FORM, '--store', join(dir, 'pas-de-stockage'), '-o', csvPath]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('(code FICHIER_INTROUVABLE)');
  });

  it('refuses a store whose database is not SQLite with STOCKAGE_ENDOMMAGE, leaving it untouched', async () => {
    const store = join(dir, 'base-abimee');
    mkdirSync(store, { recursive: true });
    const database = save(store, 'paperasse.sqlite', new TextEncoder().encode('ceci n’est pas une base'));
    const out = await cli(['extract', changed, '--store', store, '--json']);
    expect(out.code).toBe(2);
    expect(JSON.parse(out.stdout)).toMatchObject({ erreur: { code: 'STOCKAGE_ENDOMMAGE', chemin: database } });
    expect(readFileSync(database, 'utf8')).toBe('ceci n’est pas une base');
    expect(readdirSync(store)).toEqual(['paperasse.sqlite']);
  });

  it('never turns a folder that is not a store into one when listing or exporting, and refuses an unknown state', async () => {
    const folder = join(dir, 'pas-un-stockage');
    mkdirSync(folder, { recursive: true });
    const listed = await cli(['uploads', '--store', folder]);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain('(code FICHIER_INTROUVABLE)');
    expect((await cli(['export', FORM, '--store', folder, '-o', join(dir, 'rien.csv')])).code).toBe(2);
    expect(readdirSync(folder)).toEqual([]);
    const state = await cli(['uploads', '--store', folder, '--statut', 'constructor']);
    expect(state.code).toBe(2);
    expect(state.stderr).toContain('Statut inconnu « constructor »');
    expect((await cli(['extract', changed, '--store', ''])).stderr).toContain('code USAGE');
  });

  it('survives being killed (SIGKILL) while it reads a file: the upload stays pending and is read at the next start', async () => {
    const store = join(dir, 'interrompu');
    const child = spawn('node', [`${ROOT}src/cli/paperasse.mjs`, 'extract', changed, '--store', store], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // The row is committed « en-attente » before the reading starts; the reading takes seconds (a worker starts).
    const pending = await waitFor(() => pendingRows(store) > 0, 30_000);
    expect(pending).toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(pendingRows(store)).toBe(1);

    const next = await cli(['extract', invalid, '--store', store]);
    expect(next.code).toBe(1);
    expect(next.stderr).toContain('Repris : « fiche-client-renvoyee.pdf » (n° 1)');
    const result = UploadStore.open(store);
    if (!result.ok) throw new Error(result.erreur.message);
    const opened = result.valeur;
    try {
      expect(opened.list().map((r) => [r.id, r.statut, r.valide])).toEqual([[1, 'traite', true], [2, 'traite', false]]);
      const resumed = opened.get(1)?.resultat;
      expect(resumed?.ok === true ? resumed.valeur.modifications : []).toEqual([{ chemin: '/nom', avant: 'LEMARCHAND', apres: 'LE MARCHAND' }]);
    } finally {
      opened.close();
    }
  });
});

/** Returns the number of pending uploads in the store's database (0 while it does not exist yet). */
function pendingRows(store: string): number {
  try {
    const db = new Database(join(store, 'paperasse.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM uploads WHERE statut = 'en-attente'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** Returns whether `check` became true before `timeoutMs`, polling every 20 ms. */
async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
