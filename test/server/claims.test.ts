/**
 * The claims with a lease that keep two readers (threads, processes, instances) from reading the same upload or
 * running the same job, and the end of a job interrupted too often: `echec` with a French reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src/core/issues.ts';
import type { ExtractionOutcome } from '../../src/extract/types.ts';
import { Jobs, MAX_ATTEMPTS } from '../../src/jobs/jobs.ts';
import { UploadStore } from '../../src/store/upload-store.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.erreur.code}: ${r.erreur.message}`);
  return r.valeur;
}

/** Two connections to one store folder, as two processes would have. */
function twoStores(leaseMs = 60_000): [UploadStore, UploadStore, string] {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-claims-'));
  const a = ok(UploadStore.open(dir, { bailMs: leaseMs }));
  const b = ok(UploadStore.open(dir, { bailMs: leaseMs }));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => b.close());
  cleanups.push(() => a.close());
  return [a, b, dir];
}

const pdf = (n: number) => new TextEncoder().encode(`%PDF-1.7\n% fichier ${n}\n%%EOF\n`);
const extracted: ExtractionOutcome = { ok: false, erreur: { code: 'PDF_ILLISIBLE', chemin: 'x', message: 'illisible' } };

describe('claims with a lease', () => {
  it('gives each pending upload to one reader only, and tells the other one what happened', async () => {
    const [a, b] = twoStores();
    const received = [1, 2, 3, 4].map((n) => ok(a.receive({ bytes: pdf(n), nomFichier: `f${n}.pdf`, expediteur: 'test' })).record.id);
    const byA: number[] = [];
    const byB: number[] = [];
    for (;;) {
      const x = a.claimNext('lecteur-a');
      const y = b.claimNext('lecteur-b');
      if (x !== undefined) byA.push(x);
      if (y !== undefined) byB.push(y);
      if (x === undefined && y === undefined) break;
    }
    expect([...byA, ...byB].sort()).toEqual(received.sort());
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    // B asked to read one of A's: refused with LECTURE_EN_COURS, the extractor never called.
    let called = false;
    const refused = await b.process(byA[0] ?? 0, () => {
      called = true;
      return Promise.resolve(extracted);
    }, 'lecteur-b');
    expect(called).toBe(false);
    expect(refused).toMatchObject({ ok: false, erreur: { code: 'LECTURE_EN_COURS' } });
    expect(refused.ok === false && refused.erreur.message).toMatch(/en cours de lecture par un autre processus/);
  });

  it('claims a new upload for its receiver in the same transaction, so a concurrent run does not read it', async () => {
    const [a, b] = twoStores();
    const { record, reclame } = ok(a.receive({ bytes: pdf(9), nomFichier: 'neuf.pdf', expediteur: 'test', lecteur: 'lecteur-a' }));
    expect(reclame).toBe(true);
    expect(ok(await b.processPending(() => Promise.resolve(extracted), 'lecteur-b'))).toEqual([]);
    const done = ok(await a.process(record.id, () => Promise.resolve(extracted), 'lecteur-a'));
    expect(done).toMatchObject({ statut: 'echec', tentatives: 1 });
  });

  it('lets another reader take an upload once its reader’s lease expired', async () => {
    const [a, b] = twoStores(50);
    const { record } = ok(a.receive({ bytes: pdf(7), nomFichier: 'f.pdf', expediteur: 'test', lecteur: 'machine-lointaine|1|x' }));
    await new Promise((r) => setTimeout(r, 120));
    const processed = ok(await b.processPending(() => Promise.resolve(extracted), 'lecteur-b'));
    expect(processed.map((r) => [r.id, r.tentatives])).toEqual([[record.id, 2]]);
  });

  it('runs a job on one worker only, and fails a job interrupted MAX_ATTEMPTS times with a French reason', () => {
    const [store, other, dir] = twoStores();
    const kind = { type: 'essai', run: () => Promise.resolve({ ok: true as const, valeur: { fichier: 'r', type: 'text/plain' } }) };
    const jobsA = new Jobs(store.database, dir, { bailMs: 60_000 });
    const jobsB = new Jobs(other.database, dir, { bailMs: 60_000 });
    jobsA.register(kind);
    jobsB.register(kind);
    const job = jobsA.create('essai', { compteId: 1, etablissement: null }, {}, () => undefined);
    expect(jobsA.claimNext()?.id).toBe(job.id);
    expect(jobsB.claimNext()).toBeUndefined();
    // A worker of another machine held it MAX_ATTEMPTS times and never came back (its lease expired each time).
    store.database.prepare("UPDATE taches SET tentatives = ?, bail_par = 'machine-lointaine|1|x', bail_jusqua = 1 WHERE id = ?").run(MAX_ATTEMPTS, job.id);
    expect(jobsB.claimNext()).toBeUndefined();
    const failed = jobsB.get(job.id);
    expect(failed).toMatchObject({ etat: 'echec', raison: { code: 'TACHE_ECHOUEE' } });
    expect(failed?.raison?.message).toMatch(/interrompue 3 fois/);
  });
});

describe('two `paperasse extract --store` runs started together', () => {
  it('never read the same file twice (each upload claimed once) and report no interrupted reading', async () => {
    const { execFile } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'paperasse-deux-extract-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const root = new URL('../../', import.meta.url).pathname;
    const files = ['fiche-client-remplie.pdf', 'page-de-garde-aplatie.pdf'].map((f) => `${root}samples/renvoyes/${f}`);
    const runOnce = () =>
      new Promise<{ stdout: string; stderr: string }>((resolve) => {
        execFile('node', [`${root}src/cli/paperasse.mjs`, 'extract', ...files, '--store', dir], { cwd: root }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
      });
    const [a, b] = await Promise.all([runOnce(), runOnce()]);
    const store = ok(UploadStore.open(dir));
    cleanups.push(() => store.close());
    const records = store.list();
    expect(records).toHaveLength(2);
    // Each file was claimed, and so read, exactly once.
    expect(records.map((r) => [r.statut === 'en-attente', r.tentatives])).toEqual([
      [false, 1],
      [false, 1],
    ]);
    const both = `${a.stdout}${a.stderr}${b.stdout}${b.stderr}`;
    expect(both).not.toContain('lecture interrompue');
    expect(both).not.toContain('n’a pas pu être conservé');
  }, 300_000);
});
