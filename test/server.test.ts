/** The HTTP service, started on a real port and called over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demarrerServeur, type Serveur } from '../server/index.ts';
import { FORMULAIRES } from '../src/forms/registry.ts';
import { lireJson, paperasse } from './helpers.ts';

let serveur: Serveur;
beforeAll(async () => {
  serveur = await demarrerServeur({ port: 0, host: '127.0.0.1', paperasse: paperasse() });
});
afterAll(async () => {
  await serveur.fermer();
});

function poster(chemin: string, corps: string, type = 'application/json') {
  return fetch(serveur.url + chemin, { method: 'POST', headers: { 'content-type': type }, body: corps });
}

describe('the HTTP service', () => {
  it('answers its health check', async () => {
    const r = await fetch(`${serveur.url}/sante`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ statut: 'ok', formulaires: FORMULAIRES.length });
  });

  it('lists the forms and describes one with its rules', async () => {
    const liste = (await (await fetch(`${serveur.url}/formulaires`)).json()) as Array<{ id: string }>;
    expect(liste.map((f) => f.id)).toEqual(FORMULAIRES.map((f) => f.id));
    const detail = (await (await fetch(`${serveur.url}/formulaires/page-de-garde`)).json()) as { regles: Array<{ code: string }> };
    expect(detail.regles.map((r) => r.code)).toContain('VISA_OU_ATTESTATION');
  });

  it('serves the schema and the sample of a form', async () => {
    const schema = await fetch(`${serveur.url}/formulaires/page-de-garde/schema`);
    expect(schema.headers.get('content-type')).toContain('application/schema+json');
    const exemple = await fetch(`${serveur.url}/formulaires/page-de-garde/exemple`);
    expect(await exemple.json()).toEqual(lireJson('samples/page-de-garde.json'));
  });

  it('validates a document: valid sample, then invalid sample with French errors', async () => {
    const ok = await poster('/formulaires/page-de-garde/validation', JSON.stringify(lireJson('samples/page-de-garde.json')));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ valide: true, erreurs: [] });
    const ko = await poster('/formulaires/page-de-garde/validation', JSON.stringify(lireJson('samples/invalides/page-de-garde-individuel-avec-visa.json')));
    const corps = (await ko.json()) as { valide: boolean; erreurs: Array<{ code: string; message: string }> };
    expect(corps.valide).toBe(false);
    expect(corps.erreurs[0]?.code).toBe('VISA_OU_ATTESTATION');
  });

  it('refuses malformed JSON with 400 and the line, a wrong content type with 415, an unknown form with 404', async () => {
    const casse = await poster('/formulaires/page-de-garde/validation', '{\n"session": }');
    expect(casse.status).toBe(400);
    expect(((await casse.json()) as { erreur: { code: string; message: string } }).erreur).toMatchObject({ code: 'JSON_MALFORME', message: expect.stringContaining('ligne 2') as unknown });
    const texte = await poster('/formulaires/page-de-garde/validation', 'nom=Roux', 'application/x-www-form-urlencoded');
    expect(texte.status).toBe(415);
    const inconnu = await poster('/formulaires/inconnu/validation', '{}');
    expect(inconnu.status).toBe(404);
    expect(((await inconnu.json()) as { erreur: { code: string } }).erreur.code).toBe('FORMULAIRE_INCONNU');
  });

  it('refuses a body over the size limit with 413', async () => {
    const enorme = JSON.stringify({ texte: 'x'.repeat(11 * 1024 * 1024) });
    const r = await poster('/formulaires/page-de-garde/validation', enorme);
    expect(r.status).toBe(413);
    expect(((await r.json()) as { erreur: { code: string } }).erreur.code).toBe('FICHIER_TROP_GROS');
  });

  it('answers unknown routes with a French 404', async () => {
    const r = await fetch(`${serveur.url}/nimporte`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { erreur: { message: string } }).erreur.message).toContain('Aucune ressource');
  });
});
