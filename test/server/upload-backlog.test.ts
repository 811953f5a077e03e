/**
 * The backlog of uploads lives in the store, not in the server's memory: many uploads received faster than they are
 * read are claimed only as reading slots free up (never more than the reader's concurrency at once), the others wait
 * `en-attente` with no lease, so another instance sharing the store can take some of them; every one is read in the end.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadStore } from '../../src/store/upload-store.ts';
import { ROOT } from '../helpers.ts';
import { as, eventually, filesForm, startService, type TestService } from './helpers.ts';

let service: TestService;
beforeAll(async () => {
  service = await startService();
}, 60_000);
afterAll(async () => {
  await service?.close();
});

const RETURNED = readFileSync(`${ROOT}samples/renvoyes/fiche-client-remplie.pdf`);

/** Returns a returned PDF made distinct by a comment after %%EOF (the store keeps one copy of identical bytes). */
function variant(n: number): Uint8Array {
  return Buffer.concat([RETURNED, Buffer.from(`\n% envoi ${n}\n`)]);
}

/** Returns how many pending uploads hold a reader's lease. */
function claimedPending(): number {
  return (service.running.service.store.database.prepare("SELECT count(*) AS n FROM uploads WHERE statut = 'en-attente' AND bail_par IS NOT NULL").get() as { n: number }).n;
}

describe('a burst of uploads', () => {
  it('leaves the backlog in the store: at most one claimed upload per reading slot, the rest free for any instance, all read in the end', async () => {
    const slots = Math.max(1, availableParallelism());
    const claims: number[] = [];
    let sent = 0;
    for (let request = 0; request < 4; request++) {
      const files = Array.from({ length: 8 }, () => ({ name: `renvoi-${sent}.pdf`, bytes: variant(sent++) }));
      const r = await as(service, 'ecoleA')('/api/depots', { method: 'POST', body: filesForm('fichiers', files) });
      expect(r.status).toBe(202);
      claims.push(claimedPending());
    }
    expect(Math.max(...claims)).toBeLessThanOrEqual(slots);
    // Another instance on the same store takes a pending upload this server has not claimed, and gives it back.
    const other = UploadStore.open(service.dir);
    if (!other.ok) throw new Error(other.erreur.message);
    try {
      const taken = other.valeur.claimNext('autre-instance|1|essai');
      expect(taken).toBeTypeOf('number');
      other.valeur.release(taken ?? 0, 'autre-instance|1|essai');
    } finally {
      other.valeur.close();
    }
    const records = await eventually(async () => {
      const r = (await (await as(service, 'ecoleA')('/api/depots')).json()) as { depots: Array<{ statut: string; formulaire: string | null }> };
      return r.depots.length === sent && r.depots.every((d) => d.statut !== 'en-attente') ? r.depots : undefined;
    }, 240_000);
    expect(records.map((d) => [d.statut, d.formulaire])).toEqual(Array.from({ length: sent }, () => ['traite', 'fiche-client']));
    expect(claimedPending()).toBe(0);
  }, 300_000);
});
