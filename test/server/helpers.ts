/** Shared helpers of the HTTP service tests: a service on a real port over a real SQLite file in a temporary folder, its accounts and tokens. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.ts';
import { paperasse } from '../helpers.ts';

/** The accounts every service test has, by role and établissement. */
export const ACCOUNTS = {
  admin: { email: 'admin@example.fr', motDePasse: 'admin-mot-de-passe-1', role: 'admin' },
  ecoleA: { email: 'secretariat@lycee-a.example.fr', motDePasse: 'ecole-a-mot-de-passe', role: 'etablissement', etablissement: 'Lycée A' },
  ecoleA2: { email: 'direction@lycee-a.example.fr', motDePasse: 'ecole-a2-mot-de-passe', role: 'etablissement', etablissement: 'Lycée A' },
  ecoleB: { email: 'secretariat@cfa-b.example.fr', motDePasse: 'ecole-b-mot-de-passe', role: 'etablissement', etablissement: 'CFA B' },
  candidat1: { email: 'ines.benali@example.fr', motDePasse: 'candidat-1-mot-de-passe', role: 'candidat' },
  candidat2: { email: 'julien.lemarchand@example.fr', motDePasse: 'candidat-2-mot-de-passe', role: 'candidat' },
} as const;

/** A name of the accounts above. */
export type Who = keyof typeof ACCOUNTS;

/** A service under test: its URL, data folder, log file, a token per account, and how to stop it. */
export interface TestService {
  running: RunningServer;
  url: string;
  dir: string;
  logFile: string;
  jetons: Record<Who, string>;
  /** Returns the log lines written so far. */
  log(): string;
  close(): Promise<void>;
}

/** Returns a running service with the test accounts and a token for each. */
export async function startService(options: Partial<ServerOptions> = {}): Promise<TestService> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'paperasse-service-'));
  const logFile = join(dir, 'service.log');
  const destination = pino.destination({ dest: logFile, sync: true, mkdir: true });
  const running = await startServer({ port: 0, host: '127.0.0.1', paperasse: paperasse(), dataDir: dir, log: destination, bailMs: 2000, cookieInsecure: true, ...options });
  const jetons = {} as Record<Who, string>;
  for (const [who, account] of Object.entries(ACCOUNTS) as Array<[Who, (typeof ACCOUNTS)[Who]]>) {
    let id = running.service.accounts.list().find((a) => a.email === account.email)?.id;
    if (id === undefined) {
      const created = await running.service.accounts.create(account);
      if (!created.ok) throw new Error(created.erreur.message);
      id = created.valeur.id;
    }
    jetons[who] = running.service.accounts.issueToken(id, 'tests').jeton;
  }
  return {
    running,
    url: running.url,
    dir,
    logFile,
    jetons,
    log: () => readFileSync(logFile, 'utf8'),
    close: async () => {
      await running.close();
      if (options.dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Returns the fetch of `path` on the service as `who` (a Bearer token), or anonymously. */
export function as(service: TestService, who: Who | null) {
  return (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (who !== null) headers.set('authorization', `Bearer ${service.jetons[who]}`);
    return fetch(service.url + path, { ...init, headers });
  };
}

/** Returns a JSON POST's init. */
export function jsonPost(body: unknown, method = 'POST'): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** Asserts a problem+json answer with this status and code, and returns its body. */
export async function expectProblem(r: Response, status: number, code: string): Promise<{ code: string; detail: string; erreurs: Array<{ code: string; chemin: string }>; title: string; type: string; status: number }> {
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  const body = (await r.json()) as { code: string; detail: string; erreurs: Array<{ code: string; chemin: string }>; title: string; type: string; status: number };
  expect({ status: r.status, code: body.code }).toEqual({ status, code });
  expect(body.status).toBe(status);
  expect(body.type).toContain(code);
  expect(body.detail.length).toBeGreaterThan(10);
  expect(body.erreurs.length).toBeGreaterThan(0);
  return body;
}

/** Returns the multipart body of files under `field`. */
export function filesForm(field: string, files: Array<{ name: string; bytes: Uint8Array; type?: string }>): FormData {
  const form = new FormData();
  for (const f of files) form.append(field, new Blob([f.bytes], { type: f.type ?? 'application/pdf' }), f.name);
  return form;
}

/** Returns the value `probe` gives once it is not undefined, polling every 200 ms up to `ms`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
