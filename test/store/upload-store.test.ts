/**
 * The upload store on real SQLite files and real PDFs in temporary directories: originals kept byte for byte before
 * extraction, re-uploads, WAL, a process killed mid-extraction (SIGKILL), corrupted originals.
 * The extractor is a plain function returning a fixed outcome: the store, not the extraction, is under test.
 */
import type { Issue, Result } from '../../src/core/issues.ts';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExtractionOutcome } from '../../src/extract/types.ts';
import { DATABASE_FILE, SCHEMA_VERSION, UploadStore } from '../../src/store/upload-store.ts';
import { ROOT } from '../helpers.ts';

/** Returns the value of a successful Result, failing the test with its French message otherwise. */
function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.erreur.code}: ${result.erreur.message}`);
  return result.valeur;
}

const FIXTURE = join(ROOT, 'test/store/fixtures/killed-mid-extraction.ts');

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-store-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function openStore(dir: string): UploadStore {
  const store = ok(UploadStore.open(dir));
  cleanups.push(() => store.close());
  return store;
}

/** Returns the bytes of a real one-page PDF showing `label`. */
async function pdf(label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(label, { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where the spec puts an original: `<dir>/originaux/ab/cdef….pdf`. */
function expectedOriginalPath(dir: string, bytes: Uint8Array): string {
  const hash = sha256(bytes);
  return join(dir, 'originaux', hash.slice(0, 2), `${hash.slice(2)}.pdf`);
}

function extracted(donnees: unknown, valide = true): ExtractionOutcome {
  return {
    ok: true,
    valeur: {
      formulaire: 'fiche-client',
      version: '1.0.0',
      source: 'champs',
      donnees,
      valide,
      erreurs: valide ? [] : [{ code: 'CHAMP_OBLIGATOIRE', chemin: '/client/nom', message: 'Le nom du client est obligatoire.' }],
      modifications: [{ chemin: '/client/ville', avant: 'Lyon', apres: 'Lille' }],
      signatures: [],
      avertissements: [],
    },
  };
}

describe('the upload store', () => {
  it('has the original on disk byte for byte (SHA-256) and its row committed en-attente before the extractor is called', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    const bytes = await pdf('Fiche client');
    const { record, nouveau } = ok(store.receive({ bytes, nomFichier: 'fiche-client.pdf', expediteur: 'tuteur@example.fr', recuLe: new Date('2025-09-15T08:30:00Z') }));
    expect(nouveau).toBe(true);
    expect(record).toMatchObject({ sha256: sha256(bytes), taille: bytes.byteLength, nomFichier: 'fiche-client.pdf', expediteur: 'tuteur@example.fr', recuLe: '2025-09-15T08:30:00.000Z', statut: 'en-attente', resultat: null });

    let seenInside = false;
    const done = ok(await store.process(record.id, (given) => {
      const onDisk = readFileSync(expectedOriginalPath(dir, bytes));
      expect(sha256(onDisk)).toBe(sha256(bytes));
      expect(Buffer.compare(onDisk, Buffer.from(bytes))).toBe(0);
      expect(sha256(given)).toBe(sha256(bytes));
      // Another connection (as another process would) already sees the committed row, still pending.
      const other = new Database(join(dir, DATABASE_FILE), { readonly: true });
      try {
        expect(other.prepare('SELECT statut, sha256 FROM uploads WHERE id = ?').get(record.id)).toEqual({ statut: 'en-attente', sha256: sha256(bytes) });
      } finally {
        other.close();
      }
      seenInside = true;
      return Promise.resolve(extracted({ client: { nom: 'Dupont', ville: 'Lille' } }));
    }));
    expect(seenInside).toBe(true);
    expect(done).toMatchObject({ id: record.id, statut: 'traite', formulaire: 'fiche-client', version: '1.0.0', source: 'champs', valide: true });
    expect(done.resultat).toEqual(extracted({ client: { nom: 'Dupont', ville: 'Lille' } }));
    expect(done.traiteLe).not.toBeNull();
    expect(store.get(record.id)).toEqual(done);
    expect(sha256(ok(store.original(record.id)))).toBe(sha256(bytes));
  });

  it('returns the existing record for the same bytes uploaded again and records the second reception', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    const bytes = await pdf('Fiche envoyée deux fois');
    const first = ok(store.receive({ bytes, nomFichier: 'fiche.pdf', expediteur: 'tuteur@example.fr', recuLe: new Date('2025-09-15T08:30:00Z') }));
    ok(await store.process(first.record.id, () => Promise.resolve(extracted({ client: { nom: 'Dupont' } }))));

    const again = ok(store.receive({ bytes: Uint8Array.from(bytes), nomFichier: 'copie.pdf', expediteur: 'secretariat@lycee.fr', recuLe: new Date('2025-09-16T10:00:00Z') }));
    expect(again.nouveau).toBe(false);
    expect(again.record.id).toBe(first.record.id);
    // The record keeps its first reception and its result; the second sender is not lost.
    expect(again.record).toMatchObject({ nomFichier: 'fiche.pdf', expediteur: 'tuteur@example.fr', statut: 'traite' });
    expect(store.receptions(first.record.id)).toEqual([
      { nomFichier: 'fiche.pdf', expediteur: 'tuteur@example.fr', recuLe: '2025-09-15T08:30:00.000Z' },
      { nomFichier: 'copie.pdf', expediteur: 'secretariat@lycee.fr', recuLe: '2025-09-16T10:00:00.000Z' },
    ]);
    expect(store.list()).toHaveLength(1);
    const hash = sha256(bytes);
    expect(readdirSync(join(dir, 'originaux', hash.slice(0, 2)))).toEqual([`${hash.slice(2)}.pdf`]);

    const other = ok(store.receive({ bytes: await pdf('Une autre fiche'), nomFichier: 'autre.pdf', expediteur: 'tuteur@example.fr' }));
    expect(other.nouveau).toBe(true);
    expect(other.record.id).not.toBe(first.record.id);
  });

  it('uses WAL mode and keeps the database file across close and reopen', async () => {
    const dir = tempDir();
    const bytes = await pdf('Persistance');
    const store = ok(UploadStore.open(dir));
    const { record } = ok(store.receive({ bytes, nomFichier: 'fiche.pdf', expediteur: 'tuteur@example.fr' }));
    const done = ok(await store.process(record.id, () => Promise.resolve(extracted({ client: { nom: 'Martin' } }, false))));
    store.close();

    expect(existsSync(join(dir, DATABASE_FILE))).toBe(true);
    const raw = new Database(join(dir, DATABASE_FILE));
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(['comptes', 'dossiers_candidats', 'jetons', 'receptions', 'sessions', 'taches', 'tentatives', 'uploads']);
    } finally {
      raw.close();
    }

    const reopened = openStore(dir);
    expect(reopened.get(record.id)).toEqual(done);
    expect(reopened.get(record.id)?.resultat).toEqual(extracted({ client: { nom: 'Martin' } }, false));
    expect(reopened.list({ formulaire: 'fiche-client', statut: 'traite' }).map((r) => r.id)).toEqual([record.id]);
    expect(reopened.list({ statut: 'en-attente' })).toEqual([]);
    expect(sha256(ok(reopened.original(record.id)))).toBe(sha256(bytes));
  });

  it('leaves an upload en-attente when its process is killed (SIGKILL) mid-extraction, and processes it at the next start', async () => {
    const dir = tempDir();
    const bytes = await pdf('Tuée pendant l’extraction');
    const pdfPath = join(tempDir(), 'recu.pdf');
    writeFileSync(pdfPath, bytes);

    const child = spawn('npx', ['tsx', FIXTURE, dir, pdfPath], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) killGroup(child.pid);
    });
    const [, idText, pidText] = await waitForLine(child, /^EXTRACTION_EN_COURS (\d+) (\d+)$/m, 120_000);
    const id = Number(idText);
    const extractorPid = Number(pidText);

    // Kill the whole process group (npx, tsx and the node process running the extraction) without any chance to clean up.
    killGroup(child.pid ?? 0);
    expect(await exited).toBe('SIGKILL');
    await waitUntilDead(extractorPid);
    // The committed row is still in the WAL file that a clean close would have checkpointed and removed.
    expect(existsSync(join(dir, `${DATABASE_FILE}-wal`))).toBe(true);

    const store = openStore(dir);
    expect(store.get(id)).toMatchObject({ statut: 'en-attente', sha256: sha256(bytes), expediteur: 'tuteur@example.fr', resultat: null });
    const processed = ok(await store.processPending(() => Promise.resolve(extracted({ client: { nom: 'Reprise' } }))));
    expect(processed.map((r) => [r.id, r.statut])).toEqual([[id, 'traite']]);
    expect(store.get(id)?.resultat).toEqual(extracted({ client: { nom: 'Reprise' } }));
    expect(sha256(readFileSync(expectedOriginalPath(dir, bytes)))).toBe(sha256(bytes));
    expect(sha256(ok(store.original(id)))).toBe(sha256(bytes));
    expect(ok(await store.processPending(() => Promise.reject(new Error('nothing should be pending'))))).toEqual([]);
  });

  it('ends in echec / ORIGINAL_CORROMPU when one byte of the original was overwritten on disk, without calling the extractor', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    const bytes = await pdf('Original altéré');
    const { record } = ok(store.receive({ bytes, nomFichier: 'fiche.pdf', expediteur: 'tuteur@example.fr' }));
    const path = expectedOriginalPath(dir, bytes);
    const altered = readFileSync(path);
    altered[100] = (altered[100] ?? 0) ^ 0xff;
    writeFileSync(path, altered);

    let called = false;
    const done = ok(await store.process(record.id, () => {
      called = true;
      return Promise.resolve(extracted({}));
    }));
    expect(called).toBe(false);
    expect(done.statut).toBe('echec');
    expect(done.resultat).toMatchObject({ ok: false, erreur: { code: 'ORIGINAL_CORROMPU' } });
    expect(done.resultat?.ok === false && done.resultat.erreur.message).toMatch(/modifié/);
    expect(store.original(record.id)).toMatchObject({ ok: false, erreur: { code: 'ORIGINAL_CORROMPU' } });

    // Receiving the same bytes again puts the intact original back; processing it again then succeeds.
    expect(ok(store.receive({ bytes, nomFichier: 'fiche.pdf', expediteur: 'tuteur@example.fr' })).nouveau).toBe(false);
    expect(sha256(readFileSync(path))).toBe(sha256(bytes));
    expect((ok(await store.process(record.id, () => Promise.resolve(extracted({ client: { nom: 'Dupont' } }))))).statut).toBe('traite');
  });

  it('ends in echec / ORIGINAL_CORROMPU when the original was deleted', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    const bytes = await pdf('Original supprimé');
    const { record } = ok(store.receive({ bytes, nomFichier: 'fiche.pdf', expediteur: 'tuteur@example.fr' }));
    rmSync(expectedOriginalPath(dir, bytes));
    const done = ok(await store.process(record.id, () => Promise.resolve(extracted({}))));
    expect(done).toMatchObject({ statut: 'echec', resultat: { ok: false, erreur: { code: 'ORIGINAL_CORROMPU' } } });
  });

  it('stores an extraction error as echec with its code, location and message', async () => {
    const store = openStore(tempDir());
    const { record } = ok(store.receive({ bytes: await pdf('Pas un formulaire'), nomFichier: 'scan.pdf', expediteur: 'tuteur@example.fr' }));
    const erreur: Issue = { code: 'FORMULAIRE_INCONNU', chemin: 'scan.pdf', message: 'Ce PDF n’est pas un formulaire Paperasse.' };
    const done = ok(await store.process(record.id, () => Promise.resolve({ ok: false, erreur })));
    expect(done).toMatchObject({ statut: 'echec', formulaire: null, valide: null, source: null, resultat: { ok: false, erreur } });
  });

  it('leaves the upload en-attente when the extractor throws, so the next start retries it', async () => {
    const store = openStore(tempDir());
    const { record } = ok(store.receive({ bytes: await pdf('Extracteur en panne'), nomFichier: 'fiche.pdf', expediteur: 'tuteur@example.fr' }));
    await expect(store.process(record.id, () => Promise.reject(new Error('panne')))).rejects.toThrow('panne');
    expect(store.get(record.id)?.statut).toBe('en-attente');
  });

  it('processes every pending upload oldest first, and filters the list by form and status', async () => {
    const store = openStore(tempDir());
    const late = ok(store.receive({ bytes: await pdf('B'), nomFichier: 'b.pdf', expediteur: 'b@example.fr', recuLe: new Date('2025-10-02T00:00:00Z') })).record;
    const early = ok(store.receive({ bytes: await pdf('A'), nomFichier: 'a.pdf', expediteur: 'a@example.fr', recuLe: new Date('2025-10-01T00:00:00Z') })).record;
    const failing = ok(store.receive({ bytes: await pdf('C'), nomFichier: 'c.pdf', expediteur: 'c@example.fr', recuLe: new Date('2025-10-03T00:00:00Z') })).record;
    const order: string[] = [];
    const done = ok(await store.processPending((bytes) => {
      const hash = sha256(bytes);
      order.push(hash);
      if (hash === failing.sha256) return Promise.resolve({ ok: false, erreur: { code: 'FICHIER_ILLISIBLE', chemin: 'c.pdf', message: 'Illisible.' } });
      return Promise.resolve(extracted({ n: hash.slice(0, 4) }));
    }));
    expect(order).toEqual([early.sha256, late.sha256, failing.sha256]);
    expect(done.map((r) => r.id)).toEqual([early.id, late.id, failing.id]);
    expect(store.list({ formulaire: 'fiche-client' }).map((r) => r.id)).toEqual([early.id, late.id]);
    expect(store.list({ statut: 'echec' }).map((r) => r.id)).toEqual([failing.id]);
    expect(store.list({ formulaire: 'autre-formulaire' })).toEqual([]);
    expect(store.get(9999)).toBeUndefined();
    expect(store.original(9999)).toMatchObject({ ok: false, erreur: { code: 'RESSOURCE_INCONNUE', chemin: '9999' } });
    expect(await store.process(9999, () => Promise.reject(new Error('never called')))).toMatchObject({ ok: false, erreur: { code: 'RESSOURCE_INCONNUE', chemin: '9999' } });
  });

  it('refuses a database that is not SQLite with STOCKAGE_ENDOMMAGE and a French message, leaving it untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATABASE_FILE), 'pas une base');
    const refused = UploadStore.open(dir);
    expect(refused).toMatchObject({ ok: false, erreur: { code: 'STOCKAGE_ENDOMMAGE', chemin: join(dir, DATABASE_FILE) } });
    expect(refused.ok === false && refused.erreur.message).toMatch(/est endommagée ou n’est pas une base SQLite/);
    expect(readFileSync(join(dir, DATABASE_FILE), 'utf8')).toBe('pas une base');
  });

  it('refuses a database whose schema is newer than this code', () => {
    const dir = tempDir();
    ok(UploadStore.open(dir)).close();
    const raw = new Database(join(dir, DATABASE_FILE));
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const refused = UploadStore.open(dir);
    expect(refused).toMatchObject({ ok: false, erreur: { code: 'STOCKAGE_TROP_RECENT', chemin: join(dir, DATABASE_FILE) } });
    expect(refused.ok === false && refused.erreur.message).toMatch(/^La base .* a été créée par une version plus récente de Paperasse/);
  });
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Resolves with the match of `pattern` in the child's stdout; rejects if the child exits first or after `timeoutMs`. */
function waitForLine(child: ReturnType<typeof spawn>, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${String(pattern)} after ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code ?? signal ?? '?'}) before printing ${String(pattern)}; stderr: ${err}`));
    });
  });
}

/** Waits until process `pid` no longer runs (gone, or a zombie nobody reaped yet). */
async function waitUntilDead(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (!isRunning(pid)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} is still running`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
