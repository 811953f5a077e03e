/** The HTTP service, started on a real port and called over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paperasse } from '../src/api.ts';
import { setIncidentSink } from '../src/core/incident.ts';
import { ERROR_CODES } from '../src/core/issues.ts';
import { FORMS } from '../src/forms/registry.ts';
import { readJson } from './helpers.ts';
import { startService, type TestService } from './server/helpers.ts';

let server: TestService;
beforeAll(async () => {
  server = await startService();
}, 60_000);
afterAll(async () => {
  await server.close();
});

/** Posts to the API as a signed-in candidate (Bearer token). */
function post(path: string, body: string, type = 'application/json', target: TestService = server) {
  return fetch(`${target.url}/api${path}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${target.jetons.candidat1}` }, body: body });
}

describe('the HTTP service', () => {
  it('answers its health check', async () => {
    const r = await fetch(`${server.url}/sante`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ statut: 'ok', formulaires: FORMS.length });
  });

  it('lists the forms and describes one with its rules', async () => {
    const list = (await (await fetch(`${server.url}/api/formulaires`)).json()) as Array<{ id: string }>;
    expect(list.map((f) => f.id)).toEqual(FORMS.map((f) => f.id));
    const detail = (await (await fetch(`${server.url}/api/formulaires/page-de-garde`)).json()) as { regles: Array<{ code: string }> };
    expect(detail.regles.map((r) => r.code)).toContain('VISA_OU_ATTESTATION');
  });

  it('serves the schema and the sample of a form', async () => {
    const schema = await fetch(`${server.url}/api/formulaires/page-de-garde/schema`);
    expect(schema.headers.get('content-type')).toContain('application/schema+json');
    const example = await fetch(`${server.url}/api/formulaires/page-de-garde/exemple`);
    expect(await example.json()).toEqual(readJson('samples/page-de-garde.json'));
  });

  it('validates a document: valid sample, then invalid sample with French errors', async () => {
    const ok = await post('/formulaires/page-de-garde/validation', JSON.stringify(readJson('samples/page-de-garde.json')));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ valide: true, erreurs: [] });
    const ko = await post('/formulaires/page-de-garde/validation', JSON.stringify(readJson('samples/invalides/page-de-garde-individuel-avec-visa.json')));
    const body = (await ko.json()) as { valide: boolean; erreurs: Array<{ code: string; message: string }> };
    expect(body.valide).toBe(false);
    expect(body.erreurs[0]?.code).toBe('VISA_OU_ATTESTATION');
  });

  it('refuses malformed JSON with 400 and the line, a wrong content type with 415, an unknown form with 404', async () => {
    const broken = await post('/formulaires/page-de-garde/validation', '{\n"session": }');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { erreur: { code: string; message: string } }).erreur).toMatchObject({ code: 'JSON_MALFORME', message: expect.stringContaining('ligne 2') as unknown });
    const text = await post('/formulaires/page-de-garde/validation', 'nom=Roux', 'application/x-www-form-urlencoded');
    expect(text.status).toBe(415);
    const unknown = await post('/formulaires/inconnu/validation', '{}');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { erreur: { code: string } }).erreur.code).toBe('FORMULAIRE_INCONNU');
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = JSON.stringify({ texte: 'x'.repeat(11 * 1024 * 1024) });
    const r = await post('/formulaires/page-de-garde/validation', huge);
    expect(r.status).toBe(413);
    expect(((await r.json()) as { erreur: { code: string } }).erreur.code).toBe('FICHIER_TROP_GROS');
  });

  it('answers unknown routes with a French 404', async () => {
    const r = await fetch(`${server.url}/nimporte`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { erreur: { message: string } }).erreur.message).toContain('Aucune ressource');
  });

  it('answers a bug of ours with ERREUR_INTERNE and an incident id, logged without the error message', async () => {
    const pageDeGarde = FORMS.find((f) => f.id === 'page-de-garde');
    if (pageDeGarde === undefined) throw new Error('page-de-garde is not registered');
    const failing = { code: 'PANNE', description: 'une règle en panne', check: () => { throw new Error('Roux Émilie, née le 12/03/2001'); } };
    const broken = new Paperasse(undefined, [{ ...pageDeGarde, rules: [failing] }]);
    const lines: string[] = [];
    const previous = setIncidentSink((line) => lines.push(line));
    const running = await startService({ paperasse: broken });
    setIncidentSink((line) => lines.push(line));
    try {
      const r = await post('/formulaires/page-de-garde/validation', JSON.stringify(readJson('samples/page-de-garde.json')), 'application/json', running);
      expect(r.status).toBe(500);
      const { erreur } = (await r.json()) as { erreur: { code: string; message: string } };
      expect(erreur.code).toBe('ERREUR_INTERNE');
      const id = /incident ([0-9a-f]{12})/.exec(erreur.message)?.[1];
      expect(id).toBeDefined();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`incident ${id ?? ''}`);
      expect(lines[0]).not.toContain('Roux');
    } finally {
      setIncidentSink(previous);
      await running.close();
    }
  });

  it('answers only with codes of the catalogue or declared by a rule', async () => {
    const declared = new Set([...Object.keys(ERROR_CODES), ...FORMS.flatMap((f) => f.rules.map((r) => r.code))]);
    const answers = [
      await fetch(`${server.url}/nimporte`),
      await post('/formulaires/page-de-garde/validation', 'nom=Roux', 'application/x-www-form-urlencoded'),
      await post('/formulaires/page-de-garde/validation', '{'),
      await post('/formulaires/inconnu/validation', '{}'),
    ];
    for (const answer of answers) {
      const { erreur } = (await answer.json()) as { erreur: { code: string } };
      expect(declared.has(erreur.code)).toBe(true);
    }
  });
});
