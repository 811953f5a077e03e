/**
 * A service process killed with SIGKILL loses nothing: an upload answered 202 is on disk and in the database, and is
 * read when the service starts again; a job killed while running is run again from its stored inputs (or, after
 * MAX_ATTEMPTS interruptions, ends `echec` with a French reason) — never left « en-cours ».
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/store/upload-store.ts';
import { ROOT } from '../helpers.ts';
import { eventually, filesForm, jsonPost } from './helpers.ts';

const ADMIN = { email: 'admin@example.fr', motDePasse: 'admin-mot-de-passe-1' };
const SCHOOL = { email: 'ecole@example.fr', motDePasse: 'ecole-mot-de-passe-1', role: 'etablissement', etablissement: 'Lycée A' };

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** Returns a service process on a free port over `dir`, and its URL once it listens. */
async function serve(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('node', [`${ROOT}src/cli/paperasse.mjs`, 'serve', '--port', '0'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PAPERASSE_DATA_DIR: dir, PAPERASSE_ADMIN_EMAIL: ADMIN.email, PAPERASSE_ADMIN_MOT_DE_PASSE: ADMIN.motDePasse, PAPERASSE_LOG_LEVEL: 'warn' },
  });
  cleanups.push(() => kill(child));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the service did not start: ${out}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /écoute sur (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  });
  return { child, url };
}

/** Kills the service's whole process group with SIGKILL (no chance to clean up). */
function kill(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

async function killAndWait(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  kill(child);
  await exited;
}

/** Returns a token of the établissement account (created by the admin on the first run). */
async function schoolToken(url: string, create: boolean): Promise<string> {
  const admin = await fetch(`${url}/api/session`, jsonPost(ADMIN));
  const cookie = (admin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (create) {
    const created = await fetch(`${url}/api/comptes`, { ...jsonPost(SCHOOL), headers: { 'content-type': 'application/json', cookie } });
    expect(created.status).toBe(201);
  }
  const login = await fetch(`${url}/api/session`, jsonPost({ email: SCHOOL.email, motDePasse: SCHOOL.motDePasse }));
  const schoolCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const token = await fetch(`${url}/api/jetons`, { method: 'POST', headers: { cookie: schoolCookie } });
  return ((await token.json()) as { jeton: string }).jeton;
}

function row(dir: string, sql: string, ...params: unknown[]): Record<string, unknown> | undefined {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as Record<string, unknown> | undefined;
  } finally {
    db.close();
  }
}

describe('a service killed with SIGKILL', () => {
  it('keeps an upload it answered and reads it at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperasse-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await serve(dir);
    const token = await schoolToken(first.url, true);
    const bytes = new Uint8Array(readFileSync(`${ROOT}samples/renvoyes/fiche-client-remplie.pdf`));
    const posted = await fetch(`${first.url}/api/depots`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: filesForm('fichiers', [{ name: 'fiche.pdf', bytes }]) });
    expect(posted.status).toBe(202);
    const id = ((await posted.json()) as { depots: Array<{ id: number }> }).depots[0]?.id;
    await killAndWait(first.child);
    // Killed while its reading had not ended: the upload is stored, pending.
    expect(row(dir, 'SELECT statut FROM uploads WHERE id = ?', id)).toEqual({ statut: 'en-attente' });

    const second = await serve(dir);
    const again = await schoolToken(second.url, false);
    const done = await eventually(async () => {
      const r = (await (await fetch(`${second.url}/api/depots/${id}`, { headers: { authorization: `Bearer ${again}` } })).json()) as { statut: string; formulaire: string };
      return r.statut === 'en-attente' ? undefined : r;
    }, 120_000);
    expect(done).toMatchObject({ statut: 'traite', formulaire: 'fiche-client' });
    const original = await fetch(`${second.url}/api/depots/${id}/original`, { headers: { authorization: `Bearer ${again}` } });
    expect(Buffer.compare(Buffer.from(await original.arrayBuffer()), Buffer.from(bytes))).toBe(0);
  }, 300_000);

  it('runs a job it was running again from its stored inputs at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperasse-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await serve(dir);
    const token = await schoolToken(first.url, true);
    const form = filesForm('justificatifs', [{ name: 'justificatifs/attestation-employeur-berthier-roux.pdf', bytes: new Uint8Array(readFileSync(`${ROOT}samples/justificatifs/attestation-employeur-berthier-roux.pdf`)) }]);
    form.append('dossier', new Blob([readFileSync(`${ROOT}samples/dossier-professionnel.json`)]), 'dossier.json');
    const started = await fetch(`${first.url}/api/dossiers/rendu?asynchrone=true`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(started.status).toBe(202);
    const { tache } = (await started.json()) as { tache: string };
    await eventually(() => Promise.resolve(row(dir, "SELECT etat FROM taches WHERE id = ? AND etat = 'en-cours'", tache) === undefined ? undefined : true), 60_000);
    await killAndWait(first.child);
    expect(row(dir, 'SELECT etat, tentatives FROM taches WHERE id = ?', tache)).toEqual({ etat: 'en-cours', tentatives: 1 });

    const second = await serve(dir);
    const again = await schoolToken(second.url, false);
    const job = await eventually(async () => {
      const r = (await (await fetch(`${second.url}/api/taches/${tache}`, { headers: { authorization: `Bearer ${again}` } })).json()) as { etat: string; tentatives: number };
      return r.etat === 'terminee' || r.etat === 'echec' ? r : undefined;
    }, 240_000);
    expect(job).toMatchObject({ etat: 'terminee', tentatives: 2 });
    const result = await fetch(`${second.url}/api/taches/${tache}/resultat`, { headers: { authorization: `Bearer ${again}` } });
    expect(result.headers.get('content-type')).toBe('application/zip');
  }, 400_000);
});
