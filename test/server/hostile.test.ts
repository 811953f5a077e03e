/**
 * The whole hostile corpus (test/fixtures/make-hostile.ts), hostile and valid-but-nasty files, through the HTTP entry
 * points that accept a user's PDF: each file posted alone to /api/depots (kept, then read by the background reader:
 * it ends `echec` with its code, or is read), and each file as the justificatif of a dossier posted to
 * /api/dossiers/rendu (refused as problem+json with its code, or assembled into a zip). The service keeps answering
 * after every file. Time and peak resident memory of the service's process are measured per file and printed, not
 * asserted (the files made for a tighter limit than the service's, `limites`, are left out: HTTP cannot set them).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/issues.ts';
import { makeWholeCorpus, type CorpusEntry, type NastyEntry } from '../fixtures/make-hostile.ts';
import { ROOT } from '../helpers.ts';
import { asExtraction, asJustificatif } from '../pdf/expected-codes.ts';
import { as, filesForm, startService, type TestService } from './helpers.ts';
import { measurer } from '../pdf/measure.ts';

const MIB = 1024 * 1024;

let service: TestService;
let corpus = '';
let entries: Array<CorpusEntry | NastyEntry> = [];
const measures: string[] = [];

beforeAll(async () => {
  corpus = mkdtempSync(join(tmpdir(), 'paperasse-hostile-service-'));
  const { hostiles, valides } = await makeWholeCorpus(corpus);
  entries = [...hostiles.filter((e) => e.limites === undefined), ...valides];
  service = await startService();
}, 300_000);
afterAll(async () => {
  await service?.close();
  if (corpus !== '') rmSync(corpus, { recursive: true, force: true });
  console.log(['route                   fichier                                   code                      durée   RSS max', ...measures].join('\n'));
});

/** Records each file's time and peak memory at its entry point (printed after the tests). */
const measured = measurer(measures, 23);

/** Asserts the service answers /sante and this process never held what a bomb expands to. */
async function expectAnswering(): Promise<void> {
  expect((await fetch(`${service.url}/sante`)).status).toBe(200);
  expect(process.memoryUsage().arrayBuffers).toBeLessThan(256 * MIB);
}

/** An upload as GET /api/depots/:id shows it. */
interface Upload {
  statut: string;
  resultat: { ok: boolean; erreur?: { code: string } } | null;
}

/** Returns the upload once it is no longer pending, polling every 50 ms. */
async function settled(id: number): Promise<Upload> {
  for (;;) {
    const upload = (await (await as(service, 'ecoleA')(`/api/depots/${id}`)).json()) as Upload;
    if (upload.statut !== 'en-attente') return upload;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Returns the code an upload ended with ('OK' when it was read). */
function uploadCode(upload: Upload): string {
  return upload.resultat?.ok === true ? 'OK' : (upload.resultat?.erreur?.code ?? `sans résultat (${upload.statut})`);
}

describe('the hostile corpus through the HTTP service', () => {
  it('has every file of the corpus but those made for a tighter limit', () => {
    expect(entries.length).toBeGreaterThanOrEqual(55);
  });

  it('POST /api/depots: each file is kept and its reading ends with its code (or is read), while /sante keeps answering', async () => {
    const got: Array<[string, string]> = [];
    for (const entry of entries) {
      const bytes = new Uint8Array(readFileSync(join(corpus, entry.file)));
      const upload = await measured('POST /api/depots', entry.file, async () => {
        const posted = await as(service, 'ecoleA')('/api/depots', { method: 'POST', body: filesForm('fichiers', [{ name: entry.file, bytes }]) });
        expect(posted.status).toBe(202);
        const [answer] = ((await posted.json()) as { depots: Array<{ id: number; nouveau: boolean }> }).depots;
        expect(answer?.nouveau).toBe(true);
        return settled(answer?.id ?? 0);
      }, uploadCode);
      const code = uploadCode(upload);
      if (entry.attendu === 'OK') {
        // A valid PDF that is not a Paperasse form ends with a catalogue code, never a time-out nor a defect of ours.
        if (code !== 'OK') expect(Object.keys(ERROR_CODES)).toContain(code);
        got.push([entry.file, ['ERREUR_INTERNE', 'DELAI_DEPASSE'].includes(code) ? code : 'OK']);
      } else {
        expect(upload.statut).toBe('echec');
        got.push([entry.file, code]);
      }
      await expectAnswering();
    }
    expect(got).toEqual(entries.map((e) => [e.file, asExtraction(e)]));
  }, 1_800_000);

  it('POST /api/dossiers/rendu: a dossier with each file as its justificatif is refused with its code (or assembled), while /sante keeps answering', async () => {
    const dossier = readFileSync(`${ROOT}samples/dossier-professionnel.json`);
    const got: Array<[string, string]> = [];
    for (const entry of entries) {
      const form = filesForm('justificatifs', [{ name: 'justificatifs/attestation-employeur-berthier-roux.pdf', bytes: new Uint8Array(readFileSync(join(corpus, entry.file))) }]);
      form.append('dossier', new Blob([dossier]), 'dossier.json');
      const code = await measured('POST /api/dossiers/rendu', entry.file, async () => {
        const r = await as(service, 'candidat1')('/api/dossiers/rendu', { method: 'POST', body: form });
        if (r.status === 200) {
          expect(r.headers.get('content-type')).toContain('application/zip');
          expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(0);
          return 'OK';
        }
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        const body = (await r.json()) as { code: string; erreurs: Array<{ code: string; chemin: string }> };
        return body.erreurs.map((e) => `${e.code} ${e.chemin}`).join(', ');
      }, (c) => c.split(' ')[0] ?? '');
      const expected = asJustificatif(entry);
      got.push([entry.file, code]);
      expect([entry.file, code]).toEqual([entry.file, expected === 'OK' ? 'OK' : `${expected} /attestations/0/fichier`]);
      await expectAnswering();
    }
    expect(got.length).toBe(entries.length);
  }, 1_800_000);
});
