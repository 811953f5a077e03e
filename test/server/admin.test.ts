/** `paperasse admin create`: the first admin of a data folder, its password read from standard input and stored as an argon2id hash. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/store/upload-store.ts';
import { ROOT } from '../helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function adminCreate(dir: string, email: string, input: string) {
  const env = { ...process.env };
  delete env.PAPERASSE_ADMIN_MOT_DE_PASSE;
  return spawnSync('node', [`${ROOT}src/cli/paperasse.mjs`, 'admin', 'create', email, '--donnees', dir], { input, encoding: 'utf8', env, cwd: ROOT });
}

describe('paperasse admin create', () => {
  it('creates an admin from the password on standard input, then refuses the same e-mail and a short password', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperasse-admin-'));
    dirs.push(dir);
    const created = adminCreate(dir, 'direction@example.fr', 'un-mot-de-passe-solide\n');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Compte admin n° 1 créé');
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const row = db.prepare('SELECT role, empreinte FROM comptes WHERE email = ?').get('direction@example.fr') as { role: string; empreinte: string };
    db.close();
    expect(row.role).toBe('admin');
    expect(row.empreinte).toMatch(/^\$argon2id\$/);
    const again = adminCreate(dir, 'direction@example.fr', 'un-mot-de-passe-solide\n');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('COMPTE_EXISTANT');
    const short = adminCreate(dir, 'autre@example.fr', 'court\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('12');
  }, 120_000);
});
