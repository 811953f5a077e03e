/**
 * Hostile uploads: every file of the generated corpus gets exactly its expected code from probePdf (or is read,
 * for the valid-but-nasty ones), the test process stays alive and responsive, and the sandbox turns endless or
 * memory-hungry tasks into error values. Also the boundaries of checkUpload and inflateLimited.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type Result } from '../../src/core/issues.ts';
import { checkUpload, HEADER_WINDOW } from '../../src/extract/guard.ts';
import { inflateLimited } from '../../src/pdf/inflate.ts';
import { DEFAULT_LIMITS, withLimits } from '../../src/extract/limits.ts';
import { probePdf } from '../pdf/fixtures/probe-task.ts';
import { runInWorker, workersStarted } from '../../src/pdf/sandbox.ts';
import { hostileEntries, makeWholeCorpus, nastyEntries } from '../fixtures/make-hostile.ts';
import { asProbe } from '../pdf/expected-codes.ts';
import type { EchoInput } from './fixtures/echo-task.ts';
import type { ThreadInput } from './fixtures/thread-task.ts';

const MIB = 1024 * 1024;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paperasse-hostile-'));
  await makeWholeCorpus(dir);
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Returns the file's bytes from the generated corpus. */
function corpusFile(file: string): Buffer {
  return readFileSync(join(dir, file));
}

/** Returns the code of a Result ('OK' for a success). */
function codeOf<T>(result: Result<T>): string {
  return result.ok ? 'OK' : result.erreur.code;
}

/** Asserts that this process never held what a decompression bomb expands to (the reading happened elsewhere, bounded). */
function expectResponsive(): void {
  expect(process.memoryUsage().arrayBuffers).toBeLessThan(256 * MIB);
}

/** Returns bytes of `size` that pass the header check: `%PDF-` then padding. */
function pdfLike(size: number, headerAt = 0): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(Buffer.from('%PDF-', 'latin1'), headerAt);
  return bytes;
}

describe('the hostile corpus', () => {
  it('has at least 30 hostile files, each with a code from the catalogue, and a list of valid but nasty ones', () => {
    const hostiles = hostileEntries();
    expect(hostiles.length).toBeGreaterThanOrEqual(30);
    for (const entry of hostiles) expect(Object.keys(ERROR_CODES)).toContain(entry.attendu);
    expect(new Set([...hostiles, ...nastyEntries()].map((e) => e.file)).size).toBe(hostiles.length + nastyEntries().length);
    expect(nastyEntries().length).toBeGreaterThan(0);
  });

  it.each(hostileEntries())('$file is refused with $attendu, or read without parsing its hostile part ($description)', async (entry) => {
    const result = await probePdf(corpusFile(entry.file), entry.file, withLimits(entry.limites), { transfer: true });
    expect(codeOf(result)).toBe(asProbe(entry));
    if (!result.ok) {
      expect(result.erreur.chemin).toBe(entry.file);
      expect(result.erreur.message).toContain(entry.file);
    }
    expectResponsive();
  });

  it.each(nastyEntries())('$file is read ($description)', async (entry) => {
    const result = await probePdf(corpusFile(entry.file), entry.file, DEFAULT_LIMITS, { transfer: true });
    expect(result).toMatchObject({ ok: true, valeur: { chiffre: false, ...entry.sonde } });
    expectResponsive();
  });

  it('keeps the caller’s bytes unless asked to move them', async () => {
    const kept = corpusFile('formulaire.pdf');
    const size = kept.length;
    expect(codeOf(await probePdf(kept, 'formulaire.pdf', DEFAULT_LIMITS))).toBe('OK');
    expect(kept.length).toBe(size);
    const moved = new Uint8Array(corpusFile('formulaire.pdf'));
    expect(codeOf(await probePdf(moved, 'formulaire.pdf', DEFAULT_LIMITS, { transfer: true }))).toBe('OK');
    expect(moved.length).toBe(0);
  });

  it('never expands the 1 GiB Flate stream of a page: inflateLimited refuses it', () => {
    const file = corpusFile('bombe-flux-contenu.pdf');
    const start = file.indexOf('/FlateDecode');
    const data = file.subarray(file.indexOf('stream\n', start) + 'stream\n'.length, file.indexOf('\nendstream', start));
    const result = inflateLimited(data, DEFAULT_LIMITS.maxInflatedBytes, 'bombe-flux-contenu.pdf');
    expect(codeOf(result)).toBe('PDF_ILLISIBLE');
    expect(result.ok ? '' : result.erreur.message).toContain('bombe de décompression');
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(256 * MIB);
  });
});

describe('the sandbox', () => {
  const task = (file: string): URL => new URL(`./fixtures/${file}`, import.meta.url);

  it('stops a task that never ends with DELAI_DEPASSE', async () => {
    const result = await runInWorker<null, never>(task('slow-task.ts'), null, { timeoutMs: 1500, maxMemoryMb: 64 }, { nom: 'lent.pdf' });
    expect(result).toMatchObject({ ok: false, erreur: { code: 'DELAI_DEPASSE', chemin: 'lent.pdf' } });
    expectResponsive();
  });

  it('turns a worker killed by its heap cap into PDF_ILLISIBLE, saying resources were exceeded', async () => {
    const result = await runInWorker<null, never>(task('memory-task.ts'), null, { timeoutMs: 120_000, maxMemoryMb: 64 }, { nom: 'gourmand.pdf' });
    expect(result).toMatchObject({ ok: false, erreur: { code: 'PDF_ILLISIBLE', chemin: 'gourmand.pdf' } });
    expect(result.ok ? '' : result.erreur.message).toContain('ressources');
    expectResponsive();
  });

  it('passes the task’s failures through unchanged and moves transferred buffers', async () => {
    const bytes = new Uint8Array(4096);
    const limits = { timeoutMs: 60_000, maxMemoryMb: 128 };
    const moved = await runInWorker<EchoInput, number>(task('echo-task.ts'), { bytes }, limits, { transfer: [bytes.buffer] });
    expect(moved).toEqual({ ok: true, valeur: 4096 });
    expect(bytes.length).toBe(0);
    const failed = await runInWorker<EchoInput, number>(task('echo-task.ts'), { bytes: new Uint8Array(1), fail: true }, limits);
    expect(failed).toEqual({ ok: false, erreur: { code: 'PDF_CHIFFRE', chemin: 'echo.pdf', message: 'echo.pdf est chiffré (échec demandé)' } });
  });

  it('reuses a warm worker after a clean run, never after a timeout, an exception or a refused file, and runs concurrent tasks in separate workers', async () => {
    const limits = { timeoutMs: 60_000, maxMemoryMb: 96 };
    const thread = async (mode: ThreadInput['mode'], timeoutMs = limits.timeoutMs): Promise<Result<number>> =>
      runInWorker<ThreadInput, number>(task('thread-task.ts'), { mode }, { ...limits, timeoutMs });
    const first = await thread('id');
    const second = await thread('id');
    expect(first.ok && second.ok && first.valeur === second.valeur).toBe(true);

    expect(codeOf(await thread('spin', 1500))).toBe('DELAI_DEPASSE');
    const afterTimeout = await thread('id');
    expect(afterTimeout.ok).toBe(true);
    // The warm worker was taken by the run that timed out and terminated with it: a fresh one answers.
    expect(afterTimeout.ok && first.ok && afterTimeout.valeur !== first.valeur).toBe(true);

    expect(codeOf(await thread('throw'))).toBe('ERREUR_INTERNE');
    const afterThrow = await thread('id');
    expect(afterThrow.ok && afterTimeout.ok && afterThrow.valeur !== afterTimeout.valeur).toBe(true);

    // A worker that refused its file is not given the next one: what a hostile file left behind stays with it.
    expect(codeOf(await thread('refuse'))).toBe('PDF_ILLISIBLE');
    const afterRefusal = await thread('id');
    expect(afterRefusal.ok && afterThrow.ok && afterRefusal.valeur !== afterThrow.valeur).toBe(true);

    const [a, b] = await Promise.all([thread('id'), thread('id')]);
    expect(a?.ok && b?.ok && a.valeur !== b.valeur).toBe(true);
    expectResponsive();
  });

  it('retires a worker after its clean runs: it serves until its replacement, started ahead, is ready, and no other worker starts', async () => {
    const limits = { timeoutMs: 60_000, maxMemoryMb: 80 };
    const thread = async (): Promise<number> => {
      const r = await runInWorker<ThreadInput, number>(task('thread-task.ts'), { mode: 'id' }, limits, { maxRuns: 3 });
      if (!r.ok) throw new Error(r.erreur.code);
      return r.valeur;
    };
    const before = workersStarted();
    const threads = [await thread(), await thread(), await thread()];
    expect(new Set(threads).size).toBe(1);
    // The retiring worker answers while its replacement loads, then the replacement answers.
    while (threads.length < 600 && threads.at(-1) === threads[0]) {
      threads.push(await thread());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [first, second] = [...new Set(threads)];
    expect(second).toBeDefined();
    const switched = threads.indexOf(second ?? -1);
    expect(threads.slice(0, switched).every((t) => t === first)).toBe(true);
    expect(threads.slice(switched).every((t) => t === second)).toBe(true);
    expect(workersStarted() - before).toBe(2);
  }, 120_000);

});

describe('checkUpload', () => {
  it('accepts exactly maxBytes and refuses one byte more with FICHIER_TROP_GROS', () => {
    expect(checkUpload(pdfLike(2048), 'a.pdf', { maxBytes: 2048 })).toEqual({ ok: true, valeur: undefined });
    const over = checkUpload(pdfLike(2049), 'a.pdf', { maxBytes: 2048 });
    expect(over).toMatchObject({ ok: false, erreur: { code: 'FICHIER_TROP_GROS', chemin: 'a.pdf' } });
  });

  it('refuses an empty file and a file without %PDF- in its first 1024 bytes with PAS_UN_PDF', () => {
    expect(codeOf(checkUpload(new Uint8Array(0), 'vide.pdf', DEFAULT_LIMITS))).toBe('PAS_UN_PDF');
    expect(codeOf(checkUpload(pdfLike(4096, HEADER_WINDOW - 5), 'tard.pdf', DEFAULT_LIMITS))).toBe('OK');
    expect(codeOf(checkUpload(pdfLike(4096, HEADER_WINDOW - 4), 'trop-tard.pdf', DEFAULT_LIMITS))).toBe('PAS_UN_PDF');
    const text = checkUpload(Buffer.from('facture'), 'facture.pdf', DEFAULT_LIMITS);
    expect(text).toEqual({
      ok: false,
      erreur: { code: 'PAS_UN_PDF', chemin: 'facture.pdf', message: 'facture.pdf n’est pas un PDF : il ne commence pas par « %PDF- »' },
    });
  });
});

describe('inflateLimited', () => {
  const data = deflateSync(Buffer.alloc(10_000, 0x41));

  it('accepts output of exactly maxBytes and refuses one byte less of room', () => {
    const exact = inflateLimited(data, 10_000, 'a.pdf');
    expect(exact.ok && exact.valeur.length).toBe(10_000);
    expect(inflateLimited(data, 9_999, 'a.pdf')).toMatchObject({ ok: false, erreur: { code: 'PDF_ILLISIBLE', chemin: 'a.pdf' } });
  });

  it('refuses corrupt data with PDF_ILLISIBLE', () => {
    expect(codeOf(inflateLimited(Buffer.from('pas du zlib'), MIB, 'a.pdf'))).toBe('PDF_ILLISIBLE');
  });
});
