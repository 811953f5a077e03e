/**
 * The README's « API HTTP » section stays true: every `sh` example runs as written, with curl, against a real service
 * (in order, in one shell, stopping at the first failure), and every operation of the OpenAPI document has an example.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { startService, type TestService } from './helpers.ts';

const run = promisify(execFile);
const readme = readFileSync(`${ROOT}README.md`, 'utf8');
const section = readme.slice(readme.indexOf('## API HTTP'), readme.indexOf('\n## ', readme.indexOf('## API HTTP') + 5));
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const script = blocks.join('\n');

let service: TestService;
let work = '';
beforeAll(async () => {
  service = await startService({ admin: { email: 'admin@example.fr', motDePasse: 'changez-ce-mot-de-passe' } });
  work = mkdtempSync(join(tmpdir(), 'paperasse-readme-'));
  symlinkSync(join(ROOT, 'samples'), join(work, 'samples'));
  symlinkSync(join(ROOT, 'templates'), join(work, 'templates'));
}, 60_000);
afterAll(async () => {
  await service?.close();
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the README’s API HTTP section', () => {
  it('has an example for every operation of the OpenAPI document', async () => {
    const doc = (await (await fetch(`${service.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const commands = script.split(/\n(?![ ])/).map((c) => c.replace(/\\\n\s*/g, ' '));
    expect(Object.keys(doc.paths).length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      const pattern = new RegExp(`"\\$PAPERASSE${path.replace(/\{[^}]+\}/g, '[^"/?]+')}(\\?[^"]*)?"`);
      for (const method of Object.keys(operations)) {
        const found = commands.some((c) => {
          if (!pattern.test(c)) return false;
          const explicit = /-X (\w+)/.exec(c)?.[1];
          const implied = explicit ?? (/ (-d|--data-binary|-F) /.test(c) ? 'POST' : 'GET');
          return implied.toLowerCase() === method;
        });
        if (!found) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('runs every example as written, with curl', async () => {
    expect(blocks.length).toBeGreaterThan(5);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: work, env: { ...process.env, PAPERASSE: service.url }, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
    expect(stdout).toContain('"statut": "ok"');
    expect(stdout).toContain('"code": "NON_AUTHENTIFIE"');
    expect(stdout).toContain('event: fin');
    for (const file of ['fiche-client.pdf', 'dossier.zip', 'dossier-tache.zip', 'grilles.zip', 'original.pdf']) {
      expect(readFileSync(join(work, file)).byteLength).toBeGreaterThan(1000);
    }
  }, 700_000);
});
