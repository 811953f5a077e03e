/**
 * The sandbox's time limit counts the worker thread's CPU time, not waiting; an exception of the task is Paperasse's
 * defect (ERREUR_INTERNE, its message never logged), while a stack overflow stays the file's problem; a finished CLI
 * run exits at once instead of waiting for its idle warm worker.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { setIncidentSink } from '../../src/core/incident.ts';
import type { Result } from '../../src/core/issues.ts';
import { IDLE_WORKER_MS, runInWorker, threadCpuMs, WALL_CLOCK_FACTOR, workersStarted } from '../../src/pdf/sandbox.ts';
import type { EchoInput } from './fixtures/echo-task.ts';
import type { FailingInput } from './fixtures/failing-task.ts';
import type { SleepInput } from './fixtures/sleep-task.ts';

const task = (file: string): URL => new URL(`./fixtures/${file}`, import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Returns the code of a Result ('OK' for a success). */
function codeOf<T>(result: Result<T>): string {
  return result.ok ? 'OK' : result.erreur.code;
}

let restoreSink: (() => void) | undefined;
afterEach(() => restoreSink?.());

/** Returns the incident lines logged while `work` runs. */
async function logged<T>(work: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const previous = setIncidentSink((line) => lines.push(line));
  restoreSink = () => setIncidentSink(previous);
  const value = await work();
  return { value, lines };
}

describe('the sandbox time limit', () => {
  it('reads the CPU time of a thread of this process on Linux', () => {
    const tid = process.pid; // the main thread's id is the process id
    const used = threadCpuMs(tid);
    expect(used).toBeGreaterThan(0);
  });

  it('stops a task that burns CPU past its limit with DELAI_DEPASSE, long before the wall-clock backstop', async () => {
    const start = Date.now();
    const result = await runInWorker<null, never>(task('slow-task.ts'), null, { timeoutMs: 1500, maxMemoryMb: 64 }, { nom: 'lent.pdf' });
    const elapsed = Date.now() - start;
    expect(result).toMatchObject({ ok: false, erreur: { code: 'DELAI_DEPASSE', chemin: 'lent.pdf' } });
    expect(result.ok ? '' : result.erreur.message).toContain('de calcul');
    expect(elapsed).toBeLessThan(1500 * WALL_CLOCK_FACTOR);
  });

  it('lets a task wait longer than its CPU limit (under the backstop) and answer', async () => {
    const result = await runInWorker<SleepInput, number>(task('sleep-task.ts'), { ms: 3000 }, { timeoutMs: 1500, maxMemoryMb: 64 }, { nom: 'patient.pdf' });
    expect(codeOf(result)).toBe('OK');
    expect(result.ok && result.valeur).toBeGreaterThanOrEqual(3000);
  });

  it('stops a task stuck off-CPU at the wall-clock backstop', async () => {
    const result = await runInWorker<SleepInput, number>(task('sleep-task.ts'), { ms: 60_000 }, { timeoutMs: 400, maxMemoryMb: 64 }, { nom: 'bloque.pdf' });
    expect(result).toMatchObject({ ok: false, erreur: { code: 'DELAI_DEPASSE', chemin: 'bloque.pdf' } });
  });
});

describe('a worker that watches for its next run', () => {
  it('serves the runs sent while it watches and those sent once it slept, each its own answer, with one worker', async () => {
    const limits = { timeoutMs: 5000, maxMemoryMb: 64 };
    const before = workersStarted();
    const answers: number[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await runInWorker<EchoInput, number>(task('echo-task.ts'), { bytes: new Uint8Array(i) }, limits, { nom: `suivant-${i}.pdf`, spinMs: 50 });
      if (!result.ok) throw new Error(result.erreur.message);
      answers.push(result.valeur);
    }
    // Past its watch the worker sleeps; the next run wakes it.
    await new Promise((resolve) => setTimeout(resolve, 120));
    const late = await runInWorker<EchoInput, number>(task('echo-task.ts'), { bytes: new Uint8Array(77) }, limits, { nom: 'tard.pdf', spinMs: 50 });
    expect(late).toEqual({ ok: true, valeur: 77 });
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(workersStarted() - before).toBe(1);
  });
});

describe('exceptions in the sandbox', () => {
  it('reports an exception thrown by the task as ERREUR_INTERNE, logging its class and frames but not its message', async () => {
    const input: FailingInput = { mode: 'bug', secret: 'Léa Bérénice' };
    const { value, lines } = await logged(() => runInWorker<FailingInput, number>(task('failing-task.ts'), input, { timeoutMs: 60_000, maxMemoryMb: 64 }, { nom: 'a.pdf' }));
    expect(value).toMatchObject({ ok: false, erreur: { code: 'ERREUR_INTERNE', chemin: 'a.pdf' } });
    expect(value.ok ? '' : value.erreur.message).not.toContain('renvoyer');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TypeError');
    expect(lines[0]).toContain('failing-task.ts');
    expect(lines[0]).not.toContain('Léa');
  });

  it('keeps a stack overflow, which a hostile file can cause, the file’s problem (PDF_ILLISIBLE, resources exceeded)', async () => {
    const input: FailingInput = { mode: 'recursion', secret: '' };
    const { value, lines } = await logged(() => runInWorker<FailingInput, number>(task('failing-task.ts'), input, { timeoutMs: 60_000, maxMemoryMb: 64 }, { nom: 'b.pdf' }));
    expect(value).toMatchObject({ ok: false, erreur: { code: 'PDF_ILLISIBLE', chemin: 'b.pdf' } });
    expect(value.ok ? '' : value.erreur.message).toContain('pile');
    expect(lines).toHaveLength(0);
  });

  it('reports a task module that cannot be loaded as ERREUR_INTERNE', async () => {
    const { value } = await logged(() => runInWorker(task('absent-task.ts'), null, { timeoutMs: 60_000, maxMemoryMb: 64 }, { nom: 'x.pdf' }));
    expect(codeOf(value)).toBe('ERREUR_INTERNE');
  });
});

describe('a one-file CLI extraction', () => {
  it('exits as soon as it has printed its result, without waiting for the idle warm worker', () => {
    const start = Date.now();
    const run = spawnSync(process.execPath, ['src/cli/paperasse.mjs', 'extract', 'samples/renvoyes/fiche-client-remplie.pdf', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: IDLE_WORKER_MS * 2,
    });
    const elapsed = Date.now() - start;
    expect(run.signal).toBeNull();
    expect(JSON.parse(run.stdout)).toMatchObject({ formulaire: 'fiche-client' });
    // Measured, not a tight bound: the point is that the process does not stay for the idle worker's 30 s.
    expect(elapsed).toBeLessThan(IDLE_WORKER_MS);
  }, IDLE_WORKER_MS * 3);
});
