/**
 * Hostile PDFs (a selection of test/fixtures/make-hostile.ts's corpus) posted to /api/depots and as a justificatif to
 * /api/dossiers/rendu: each upload is kept and ends `echec` with its expected code, the dossier is refused as
 * problem+json, and the service keeps answering throughout.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHostileCorpus, type CorpusEntry } from '../fixtures/make-hostile.ts';
import { ROOT } from '../helpers.ts';
import { as, eventually, filesForm, startService, type TestService } from './helpers.ts';

const CHOSEN = ['vide.pdf', 'texte.pdf', 'entete-puis-binaire.pdf', 'tronque-50.pdf', 'prev-en-boucle.pdf', 'count-un-million.pdf', 'tableaux-imbriques.pdf', 'bombe-flux-objets.pdf'];

let service: TestService;
let corpus = '';
let entries: CorpusEntry[] = [];
beforeAll(async () => {
  corpus = mkdtempSync(join(tmpdir(), 'paperasse-hostile-service-'));
  entries = (await makeHostileCorpus(corpus)).filter((e) => CHOSEN.includes(e.file) && e.limites === undefined);
  service = await startService();
}, 300_000);
afterAll(async () => {
  await service?.close();
  if (corpus !== '') rmSync(corpus, { recursive: true, force: true });
});

describe('hostile PDFs posted to the service', () => {
  it('keeps each upload and ends it in echec with its code, while /sante keeps answering', async () => {
    expect(entries.map((e) => e.file).sort()).toEqual([...CHOSEN].sort());
    const files = entries.map((e) => ({ name: e.file, bytes: new Uint8Array(readFileSync(join(corpus, e.file))) }));
    const posted = await as(service, 'ecoleA')('/api/depots', { method: 'POST', body: filesForm('fichiers', files) });
    expect(posted.status).toBe(202);
    const ids = ((await posted.json()) as { depots: Array<{ id: number }> }).depots.map((d) => d.id);
    expect(ids).toHaveLength(entries.length);
    const records = await eventually(async () => {
      expect((await fetch(`${service.url}/sante`)).status).toBe(200);
      const list = (await (await as(service, 'ecoleA')('/api/depots')).json()) as { depots: Array<{ id: number; statut: string; resultat: { ok: boolean; erreur?: { code: string } } | null }> };
      return list.depots.some((d) => d.statut === 'en-attente') ? undefined : list.depots;
    }, 600_000);
    const codes = Object.fromEntries(records.map((r) => [r.id, r.resultat?.erreur?.code]));
    expect(entries.map((e, i) => [e.file, codes[ids[i] ?? 0]])).toEqual(entries.map((e) => [e.file, e.attendu]));
  }, 700_000);

  it('refuses a dossier whose justificatif is hostile with a problem+json code, and keeps answering', async () => {
    const dossier = readFileSync(`${ROOT}samples/dossier-professionnel.json`);
    for (const file of ['tronque-50.pdf', 'vide.pdf']) {
      const form = filesForm('justificatifs', [{ name: 'justificatifs/attestation-employeur-berthier-roux.pdf', bytes: new Uint8Array(readFileSync(join(corpus, file))) }]);
      form.append('dossier', new Blob([dossier]), 'dossier.json');
      const r = await as(service, 'candidat1')('/api/dossiers/rendu', { method: 'POST', body: form });
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      const body = (await r.json()) as { code: string; erreurs: Array<{ code: string }> };
      expect(body.erreurs.map((e) => e.code)).toContain('JUSTIFICATIF_ILLISIBLE');
      expect((await fetch(`${service.url}/sante`)).status).toBe(200);
    }
  }, 300_000);
});
