/**
 * The service's pool of warm workers: one worker serves run after run; a worker that served its runs keeps serving
 * until its replacement, started ahead, is loaded, and no other worker is started meanwhile; a job over its CPU time
 * gets DELAI_DEPASSE, one that exhausts its heap PDF_ILLISIBLE, one that throws ERREUR_INTERNE without its message,
 * and the pool serves the next job after each of them.
 */
import { describe, expect, it } from 'vitest';
import { ServicePool } from '../../server/service-pool.ts';
import type { Result } from '../../src/core/issues.ts';
import type { PoolTaskInput } from './fixtures/pool-task.ts';

const TASK = new URL('./fixtures/pool-task.ts', import.meta.url);

/** Returns the thread id of the worker that ran a `fil` job, failing the test on an error. */
async function threadOf(pool: ServicePool): Promise<number> {
  const r = await pool.run<{ fil: number }>({ faire: 'fil' } satisfies PoolTaskInput);
  if (!r.ok) throw new Error(`${r.erreur.code}: ${r.erreur.message}`);
  return r.valeur.fil;
}

describe('the service pool', () => {
  it('serves runs from one warm worker, then from a replacement started ahead, with no worker in between', async () => {
    const pool = new ServicePool(TASK, { cpuMs: 30_000, memoryMb: 128, maxRuns: 3 }, 1);
    const threads: number[] = [];
    for (let i = 0; i < 3; i++) threads.push(await threadOf(pool));
    expect(new Set(threads).size).toBe(1);
    // The retiring worker keeps serving while its replacement loads, then the replacement serves.
    while (threads.length < 400 && threads.at(-1) === threads[0]) {
      threads.push(await threadOf(pool));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const distinct = [...new Set(threads)];
    expect(distinct).toHaveLength(2);
    // Two workers in all: the first and its replacement, none started in between nor after.
    expect(pool.started).toBe(2);
    const firstOfReplacement = threads.indexOf(distinct[1] ?? -1);
    expect(threads.slice(firstOfReplacement).every((t) => t === distinct[1])).toBe(true);
    expect(threads.slice(0, firstOfReplacement).every((t) => t === distinct[0])).toBe(true);
  }, 60_000);

  it('ends idle workers after their delay but keeps the last one warm', async () => {
    const pool = new ServicePool(TASK, { cpuMs: 30_000, memoryMb: 128, idleMs: 100 }, 2);
    const both = await Promise.all([threadOf(pool), threadOf(pool)]);
    expect(new Set(both).size).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // One of the two ended, the other one serves without a new start.
    const after = await Promise.all([threadOf(pool), threadOf(pool)]);
    expect(both).toContain(after[0]);
    expect(pool.started).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(both.concat(after)).toContain(await threadOf(pool));
    expect(pool.started).toBe(3);
  }, 60_000);

  it('stops a job over its CPU time, one that exhausts its heap and one that throws, and serves the next job', async () => {
    const pool = new ServicePool(TASK, { cpuMs: 500, memoryMb: 64 }, 1);
    const before = await threadOf(pool);
    const spun: Result<unknown> = await pool.run({ faire: 'boucle' } satisfies PoolTaskInput);
    expect(spun.ok ? 'ok' : spun.erreur.code).toBe('DELAI_DEPASSE');
    const after = await threadOf(pool);
    expect(after).not.toBe(before);

    // Its own pool, with time to fill its heap whatever the load of the machine.
    const roomy = new ServicePool(TASK, { cpuMs: 60_000, memoryMb: 64 }, 1);
    const grown: Result<unknown> = await roomy.run({ faire: 'memoire' } satisfies PoolTaskInput);
    expect(grown.ok ? 'ok' : grown.erreur.code).toBe('PDF_ILLISIBLE');
    expect(typeof (await threadOf(roomy))).toBe('number');

    const thrown: Result<unknown> = await pool.run({ faire: 'exception' } satisfies PoolTaskInput);
    expect(thrown.ok ? 'ok' : thrown.erreur.code).toBe('ERREUR_INTERNE');
    expect(thrown.ok ? '' : thrown.erreur.message).not.toContain('secret');
    expect(typeof (await threadOf(pool))).toBe('number');
  }, 60_000);
});
