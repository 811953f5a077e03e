/**
 * `POST /api/remuneration` over a real port: the JSON of `paperasse remuneration --json` for the same fiche and
 * amounts, signed in only, SMIC and SMC from the address or an envelope body, problem+json for every refusal, and
 * its place in the OpenAPI document.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { as, expectProblem, jsonPost, startService, type TestService } from './helpers.ts';

const run = promisify(execFile);
const SAMPLE = 'samples/fiche-validation-mission.json';
const fiche = JSON.parse(readFileSync(`${ROOT}${SAMPLE}`, 'utf8')) as Record<string, unknown>;

let service: TestService;
beforeAll(async () => {
  service = await startService();
}, 60_000);
afterAll(async () => {
  await service?.close();
});

/** Returns the JSON `paperasse remuneration <sample> --json <args>` prints. */
async function cli(...args: string[]): Promise<unknown> {
  const { stdout } = await run('node', [`${ROOT}src/cli/paperasse.mjs`, 'remuneration', SAMPLE, '--json', ...args], { cwd: ROOT });
  return JSON.parse(stdout) as unknown;
}

describe('POST /api/remuneration', () => {
  it('answers the same JSON as « paperasse remuneration --json », with the default SMIC and with the SMIC and SMC of the address', async () => {
    const school = as(service, 'ecoleA');
    const plain = await school('/api/remuneration', jsonPost(fiche));
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await plain.json()).toEqual(await cli());
    const given = await school('/api/remuneration?smic=1823,03&smc=1700', jsonPost(fiche));
    expect(given.status).toBe(200);
    const grid = (await given.json()) as { periodes: Array<{ montantMensuelBrut: number }> };
    expect(grid).toEqual(await cli('--smic', '1823.03', '--smc', '1700'));
    expect(grid.periodes.map((p) => p.montantMensuelBrut)).toEqual([966.21, 1112.05]);
  });

  it('takes the SMIC, the SMC and a calendar from an envelope body', async () => {
    const r = await as(service, 'candidat1')('/api/remuneration', jsonPost({ fiche, smic: 1823.03, smc: 1700 }));
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual(await cli('--smic', '1823.03', '--smc', '1700'));
    const d = structuredClone(fiche) as { dateDemande: string; formation: Record<string, unknown>; contrat: Record<string, unknown>; mission: Record<string, unknown>; cadreMiage?: unknown };
    d.dateDemande = '2026-05-15';
    d.formation = { diplome: 'l3i-miage', anneeUniversitaire: '2026/2027', statut: 'FI' };
    d.contrat = { ...d.contrat, dateDebut: '2026-09-01', dateFin: '2027-07-02', remunerationBruteMensuelle: 1500 };
    delete d.mission.parcoursSouhaite;
    delete d.cadreMiage;
    const calendrier = {
      anneeUniversitaire: '2026/2027',
      source: 'test',
      debutProcessusValidation: '2026-05-15',
      finProcessusValidation: null,
      proclamationJurysAnneePrecedente: null,
      formations: { 'l3i-miage': { intitule: 'L3I MIAGE 2026/2027', dateDebutFormation: '2026-09-01', dateFinFormation: '2027-07-02', dureeAnnees: 1 } },
    };
    await expectProblem(await as(service, 'candidat1')('/api/remuneration', jsonPost({ fiche: d })), 422, 'REMUNERATION_INCALCULABLE');
    const withCalendar = await as(service, 'candidat1')('/api/remuneration', jsonPost({ fiche: d, calendrier }));
    expect(withCalendar.status).toBe(200);
    const grid = (await withCalendar.json()) as { periodes: Array<{ du: string; au: string; anneeContrat: number }> };
    expect(grid.periodes[0]).toMatchObject({ du: '2026-09-01', anneeContrat: 3 });
    const bad = await expectProblem(await as(service, 'candidat1')('/api/remuneration', jsonPost({ fiche: d, calendrier: { ...calendrier, anneeUniversitaire: '2026' } })), 422, 'CALENDRIER_INVALIDE');
    expect(bad.detail).toContain('Le champ « calendrier »');
  });

  it('asks to be signed in', async () => {
    await expectProblem(await as(service, null)('/api/remuneration', jsonPost(fiche)), 401, 'NON_AUTHENTIFIE');
  });

  it('refuses, as problem+json, amounts that are not positive euros, an amount given twice, unknown parameters, a fiche that fails its schema, a body that is not JSON', async () => {
    const school = as(service, 'ecoleA');
    const negative = await expectProblem(await school('/api/remuneration?smic=-5', jsonPost(fiche)), 400, 'REQUETE_INVALIDE');
    expect(negative.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['VALEUR_HORS_LIMITES smic']);
    const words = await expectProblem(await school('/api/remuneration', jsonPost({ fiche, smc: 'beaucoup' })), 400, 'REQUETE_INVALIDE');
    expect(words.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['VALEUR_HORS_LIMITES /smc']);
    const twice = await expectProblem(await school('/api/remuneration?smic=1800', jsonPost({ fiche, smic: 1823.03 })), 400, 'REQUETE_INVALIDE');
    expect(twice.detail).toContain('donné deux fois');
    const unknown = await expectProblem(await school('/api/remuneration?smig=1800', jsonPost({ fiche, bonus: 1 })), 400, 'REQUETE_INVALIDE');
    expect(unknown.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['CHAMP_INCONNU smig', 'CHAMP_INCONNU /bonus']);
    const invalid = await expectProblem(await school('/api/remuneration', jsonPost({ ...fiche, contrat: {} })), 422, 'REMUNERATION_INCALCULABLE');
    expect(invalid.detail).toContain('ne respecte pas son schéma');
    await expectProblem(await school('/api/remuneration', jsonPost('{"fiche": ')), 400, 'JSON_MALFORME');
    await expectProblem(await school('/api/remuneration', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), 415, 'TYPE_CONTENU');
  });

  it('is described in the OpenAPI document, its answer by the GrilleRemuneration schema', async () => {
    const doc = (await (await fetch(`${service.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { post?: { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> } }>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(doc.paths['/api/remuneration']?.post?.responses['200']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/GrilleRemuneration');
    expect(doc.components.schemas.GrilleRemuneration?.required).toEqual(['periodes', 'explications']);
  });
});

describe('POST /api/formulaires/fiche-validation-mission/validation', () => {
  it('lets the validation route list the calendar warnings of a fiche beside its errors', async () => {
    const r = await as(service, 'ecoleA')('/api/formulaires/fiche-validation-mission/validation', jsonPost(fiche));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { valide: boolean; avertissements: Array<{ code: string }> };
    expect(body.valide).toBe(true);
    expect(body.avertissements.map((w) => w.code)).toEqual(['CALENDRIER_SANS_FIN_VALIDATION', 'CALENDRIER_SANS_JURYS']);
  });
});
