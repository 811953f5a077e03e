/** The login limit lives in the database: two instances on one data folder share it, and it keeps no address in clear. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, expectProblem, jsonPost, startService, type TestService } from './helpers.ts';

let dir: string;
let first: TestService;
let second: TestService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paperasse-limite-'));
  first = await startService({ dataDir: dir, loginAttempts: 2 });
  second = await startService({ dataDir: dir, loginAttempts: 2 });
}, 60_000);

afterAll(async () => {
  await first.close();
  await second.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the login limit', () => {
  it('counts failed logins made on one instance against the same address on another instance sharing the database', async () => {
    const wrong = (service: TestService) => fetch(`${service.url}/api/session`, jsonPost({ email: ACCOUNTS.ecoleA.email, motDePasse: 'pas-le-bon-mot-de-passe' }));
    await expectProblem(await wrong(first), 401, 'IDENTIFIANTS_INCORRECTS');
    await expectProblem(await wrong(second), 401, 'IDENTIFIANTS_INCORRECTS');
    await expectProblem(await wrong(first), 429, 'TROP_DE_TENTATIVES');
    await expectProblem(await wrong(second), 429, 'TROP_DE_TENTATIVES');
    const right = await fetch(`${second.url}/api/session`, jsonPost({ email: ACCOUNTS.ecoleA.email, motDePasse: ACCOUNTS.ecoleA.motDePasse }));
    await expectProblem(right, 429, 'TROP_DE_TENTATIVES');
  });

  it('keeps only a digest of the client address, never the address itself', () => {
    const rows = first.running.service.store.database.prepare('SELECT cle, nombre FROM tentatives').all() as Array<{ cle: string; nombre: number }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.cle).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.nombre).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain('127.0.0.1');
  });
});
