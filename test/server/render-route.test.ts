/**
 * POST /api/formulaires/:id/rendu hands the request's raw JSON bytes to its worker thread, which parses them: a
 * malformed body still gets JSON_MALFORME with its line, a wrong content type TYPE_CONTENU, a blank form needs no
 * body, and the PDF served is the one Paperasse renders in-process from the same data (same text on every page).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperasse, readJson } from '../helpers.ts';
import { as, expectProblem, jsonPost, startService, type TestService } from './helpers.ts';

let service: TestService;
const dir = mkdtempSync(join(tmpdir(), 'paperasse-rendu-'));
beforeAll(async () => {
  service = await startService();
}, 60_000);
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Returns the text pdftotext reads in a PDF, page by page, in layout order. */
function textOf(bytes: Uint8Array, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('rendering a form over HTTP', () => {
  it('serves the PDF Paperasse renders from the same data, and a blank form without a body', async () => {
    const post = as(service, 'ecoleA');
    const data = readJson('samples/fiche-client.json');
    const served = await post('/api/formulaires/fiche-client/rendu?format=pdf', jsonPost(data));
    expect(served.status).toBe(200);
    expect(served.headers.get('x-paperasse-brouillon')).toBe('non');
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(Number(served.headers.get('content-length'))).toBe(bytes.byteLength);
    const local = await paperasse().renderPdf('fiche-client', { donnees: data });
    if (!local.ok) throw new Error(local.erreur.message);
    const text = textOf(bytes, 'servi.pdf');
    expect(text).toContain('Benali');
    expect(text).toBe(textOf(local.octets, 'local.pdf'));

    const blank = await post('/api/formulaires/fiche-client/rendu?vierge=true', { method: 'POST' });
    expect(blank.status).toBe(200);
    expect(textOf(new Uint8Array(await blank.arrayBuffer()), 'vierge.pdf')).not.toContain('Benali');
  }, 120_000);

  it('refuses a malformed body with its line, and a body that is not JSON, as before the worker parsed it', async () => {
    const post = as(service, 'ecoleA');
    const broken = await expectProblem(await post('/api/formulaires/fiche-client/rendu', jsonPost('{\n"client": }')), 400, 'JSON_MALFORME');
    expect(broken.detail).toContain('ligne 2');
    await expectProblem(await post('/api/formulaires/fiche-client/rendu', jsonPost('')), 400, 'JSON_MALFORME');
    await expectProblem(await post('/api/formulaires/fiche-client/rendu', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }), 415, 'TYPE_CONTENU');
    // A refused body is an answer of the warm worker, which serves the next rendering.
    expect((await post('/api/formulaires/fiche-client/rendu', jsonPost(readJson('samples/fiche-client.json')))).status).toBe(200);
  }, 120_000);
});
