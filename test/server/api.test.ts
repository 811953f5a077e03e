/**
 * The HTTP service over a real port and a real SQLite file: every route, the walls between accounts, problem+json on
 * every error, security headers, the OpenAPI document (checked by an independent validator) and a log without
 * personal data.
 */
import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/issues.ts';
import { FORMS } from '../../src/forms/registry.ts';
import { readJson, ROOT } from '../helpers.ts';
import { ACCOUNTS, as, eventually, expectProblem, filesForm, jsonPost, startService, type TestService } from './helpers.ts';

let service: TestService;
beforeAll(async () => {
  service = await startService({ loginAttempts: 3 });
}, 60_000);
afterAll(async () => {
  await service?.close();
});

const RETURNED = `${ROOT}samples/renvoyes/fiche-client-remplie.pdf`;
const RETURNED_NAME = 'Benali-Ines-fiche-client.pdf';

async function login(who: keyof typeof ACCOUNTS, extra: Record<string, string> = {}): Promise<string> {
  const { email, motDePasse } = ACCOUNTS[who];
  const r = await fetch(`${service.url}/api/session`, { ...jsonPost({ email, motDePasse }), headers: { 'content-type': 'application/json', ...extra } });
  expect(r.status).toBe(201);
  const cookie = r.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0] ?? '';
}

async function upload(who: 'ecoleA' | 'ecoleA2' | 'ecoleB', bytes: Uint8Array, name = RETURNED_NAME): Promise<number> {
  const r = await as(service, who)('/api/depots', { method: 'POST', body: filesForm('fichiers', [{ name, bytes }]) });
  expect(r.status).toBe(202);
  const { depots } = (await r.json()) as { depots: Array<{ id: number }> };
  return depots[0]?.id ?? 0;
}

describe('the HTTP service: public routes', () => {
  it('answers its health check and lists, describes, and serves the schema and example of forms without authentication', async () => {
    const anonymous = as(service, null);
    expect(await (await anonymous('/sante')).json()).toMatchObject({ statut: 'ok', formulaires: FORMS.length });
    const list = (await (await anonymous('/api/formulaires')).json()) as Array<{ id: string }>;
    expect(list.map((f) => f.id)).toEqual(FORMS.map((f) => f.id));
    const detail = (await (await anonymous('/api/formulaires/page-de-garde')).json()) as { regles: Array<{ code: string }> };
    expect(detail.regles.map((r) => r.code)).toContain('VISA_OU_ATTESTATION');
    expect((await anonymous('/api/formulaires/page-de-garde/schema')).headers.get('content-type')).toContain('application/schema+json');
    expect(await (await anonymous('/api/formulaires/page-de-garde/exemple')).json()).toEqual(readJson('samples/page-de-garde.json'));
    await expectProblem(await anonymous('/api/formulaires/inconnu'), 404, 'FORMULAIRE_INCONNU');
  });

  it('sends helmet’s security headers', async () => {
    const r = await fetch(`${service.url}/api/formulaires`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses every other route without authentication, as problem+json 401', async () => {
    const anonymous = as(service, null);
    await expectProblem(await anonymous('/api/formulaires/page-de-garde/validation', jsonPost({})), 401, 'NON_AUTHENTIFIE');
    await expectProblem(await anonymous('/api/depots'), 401, 'NON_AUTHENTIFIE');
    await expectProblem(await anonymous('/api/session'), 401, 'NON_AUTHENTIFIE');
    await expectProblem(await anonymous('/api/dossiers/controle', jsonPost({})), 401, 'NON_AUTHENTIFIE');
    await expectProblem(await anonymous('/api/taches/00000000-0000-0000-0000-000000000000'), 401, 'NON_AUTHENTIFIE');
    await expectProblem(await anonymous('/nimporte'), 404, 'RESSOURCE_INCONNUE');
  });

  it('serves an OpenAPI 3.1 document that an independent validator accepts, with every form schema, and a local docs page', async () => {
    const doc = (await (await fetch(`${service.url}/api/openapi.json`)).json()) as { openapi: string; components: { schemas: Record<string, unknown> }; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    for (const f of FORMS) expect(Object.keys(doc.components.schemas)).toContain(`formulaire-${f.id}`);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    // The validator does refuse a broken document (the check above is not vacuous).
    const broken = structuredClone(doc) as Record<string, unknown>;
    delete broken.info;
    expect((await validate(broken as never)).valid).toBe(false);
    const page = await fetch(`${service.url}/api/docs/`);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    const bundle = await fetch(`${service.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});

describe('the HTTP service: sessions, accounts and tokens', () => {
  it('logs in with a cookie, tells who is asking, logs out', async () => {
    const cookie = await login('candidat1');
    const me = await fetch(`${service.url}/api/session`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ compte: { role: 'candidat' }, via: 'cookie' });
    const out = await fetch(`${service.url}/api/session`, { method: 'DELETE', headers: { cookie, origin: service.url } });
    expect(out.status).toBe(204);
    await expectProblem(await fetch(`${service.url}/api/session`, { headers: { cookie } }), 401, 'NON_AUTHENTIFIE');
  });

  it('refuses a cookie-authenticated write from another origin, accepts it from the same origin or with a token', async () => {
    const cookie = await login('candidat1');
    const body = JSON.stringify(readJson('samples/page-de-garde.json'));
    const cross = await fetch(`${service.url}/api/formulaires/page-de-garde/validation`, { method: 'POST', body, headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' } });
    await expectProblem(cross, 403, 'ORIGINE_REFUSEE');
    const site = await fetch(`${service.url}/api/formulaires/page-de-garde/validation`, { method: 'POST', body, headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' } });
    await expectProblem(site, 403, 'ORIGINE_REFUSEE');
    const same = await fetch(`${service.url}/api/formulaires/page-de-garde/validation`, { method: 'POST', body, headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' } });
    expect(same.status).toBe(200);
    const bearer = await as(service, 'candidat1')('/api/formulaires/page-de-garde/validation', { method: 'POST', body, headers: { 'content-type': 'application/json', origin: 'https://evil.example' } });
    expect(bearer.status).toBe(200);
  });

  it('issues a token that works on every route, lists it without its secret, and stops it once revoked', async () => {
    const created = await as(service, 'ecoleB')('/api/jetons', jsonPost({ nom: 'intégration' }));
    expect(created.status).toBe(201);
    const { id, jeton } = (await created.json()) as { id: number; jeton: string };
    const use = () => fetch(`${service.url}/api/depots`, { headers: { authorization: `Bearer ${jeton}` } });
    expect((await use()).status).toBe(200);
    const listed = JSON.stringify(await (await as(service, 'ecoleB')('/api/jetons')).json());
    expect(listed).toContain('intégration');
    expect(listed).not.toContain(jeton);
    const stored = service.running.service.store.database.prepare('SELECT empreinte FROM jetons WHERE id = ?').pluck().get(id);
    expect(stored).not.toBe(jeton);
    expect((await as(service, 'ecoleB')(`/api/jetons/${id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await use(), 401, 'NON_AUTHENTIFIE');
    await expectProblem(await as(service, 'ecoleA')(`/api/jetons/${id}`, { method: 'DELETE' }), 404, 'RESSOURCE_INCONNUE');
  });

  it('lets only an admin create accounts, with French errors for a taken e-mail or a short password', async () => {
    const account = { email: 'nouveau@example.fr', motDePasse: 'un-mot-de-passe-long', role: 'candidat' };
    await expectProblem(await as(service, 'ecoleA')('/api/comptes', jsonPost(account)), 403, 'ACCES_REFUSE');
    const created = await as(service, 'admin')('/api/comptes', jsonPost(account));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ compte: { email: 'nouveau@example.fr', role: 'candidat' } });
    await expectProblem(await as(service, 'admin')('/api/comptes', jsonPost(account)), 409, 'COMPTE_EXISTANT');
    const short = await expectProblem(await as(service, 'admin')('/api/comptes', jsonPost({ ...account, email: 'autre@example.fr', motDePasse: 'court' })), 422, 'DONNEES_INVALIDES');
    expect(short.detail).toContain('mot de passe');
    const unknown = await expectProblem(await as(service, 'admin')('/api/comptes', jsonPost({ ...account, role: 'pirate', age: 3 })), 422, 'DONNEES_INVALIDES');
    expect(unknown.erreurs.map((e) => e.code).sort()).toEqual(['CHAMP_INCONNU', 'VALEUR_NON_AUTORISEE']);
    const list = (await (await as(service, 'admin')('/api/comptes')).json()) as { comptes: Array<{ email: string }> };
    expect(JSON.stringify(list)).not.toContain('empreinte');
  });

  it('stores passwords as argon2id hashes only', () => {
    const hashes = service.running.service.store.database.prepare('SELECT empreinte FROM comptes').pluck().all() as string[];
    for (const h of hashes) expect(h).toMatch(/^\$argon2id\$/);
    expect(hashes.join()).not.toContain(ACCOUNTS.ecoleA.motDePasse);
  });

  it('refuses wrong passwords, then rate-limits the address with 429', async () => {
    const wrong = () => fetch(`${service.url}/api/session`, jsonPost({ email: ACCOUNTS.ecoleB.email, motDePasse: 'pas-le-bon-mot-de-passe' }));
    await expectProblem(await wrong(), 401, 'IDENTIFIANTS_INCORRECTS');
    await expectProblem(await wrong(), 401, 'IDENTIFIANTS_INCORRECTS');
    await expectProblem(await wrong(), 401, 'IDENTIFIANTS_INCORRECTS');
    await expectProblem(await wrong(), 429, 'TROP_DE_TENTATIVES');
  });
});

describe('the HTTP service: forms', () => {
  it('validates a document: valid sample, then invalid sample with French errors; malformed JSON, wrong type, too large', async () => {
    const post = as(service, 'candidat1');
    const ok = await post('/api/formulaires/page-de-garde/validation', jsonPost(readJson('samples/page-de-garde.json')));
    expect(await ok.json()).toMatchObject({ valide: true, erreurs: [] });
    const ko = await post('/api/formulaires/page-de-garde/validation', jsonPost(readJson('samples/invalides/page-de-garde-individuel-avec-visa.json')));
    expect(((await ko.json()) as { erreurs: Array<{ code: string }> }).erreurs[0]?.code).toBe('VISA_OU_ATTESTATION');
    const broken = await expectProblem(await post('/api/formulaires/page-de-garde/validation', jsonPost('{\n"session": }')), 400, 'JSON_MALFORME');
    expect(broken.detail).toContain('ligne 2');
    await expectProblem(await post('/api/formulaires/page-de-garde/validation', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), 415, 'TYPE_CONTENU');
    await expectProblem(await post('/api/formulaires/page-de-garde/validation', jsonPost(JSON.stringify({ t: 'x'.repeat(11 * 1024 * 1024) }))), 413, 'FICHIER_TROP_GROS');
  });

  it('validates a large body in a worker while /sante keeps answering', async () => {
    const big = readJson('samples/page-de-garde.json') as Record<string, unknown>;
    const payload = JSON.stringify({ ...big, remplissage: 'x'.repeat(3 * 1024 * 1024) });
    const validation = as(service, 'candidat1')('/api/formulaires/page-de-garde/validation', jsonPost(payload));
    const health = await fetch(`${service.url}/sante`);
    expect(health.status).toBe(200);
    const r = await validation;
    expect(r.status).toBe(200);
    expect(((await r.json()) as { erreurs: Array<{ code: string }> }).erreurs.map((e) => e.code)).toContain('CHAMP_INCONNU');
  }, 120_000);

  it('renders a form to PDF and Word, refuses invalid data unless a draft is asked for', async () => {
    const post = as(service, 'candidat1');
    const pdf = await post('/api/formulaires/fiche-client/rendu?format=pdf&remplissable=true', jsonPost(readJson('samples/fiche-client.json')));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await post('/api/formulaires/fiche-client/rendu?format=docx', jsonPost(readJson('samples/fiche-client.json')));
    expect(Object.keys(unzipSync(new Uint8Array(await docx.arrayBuffer())))).toContain('word/document.xml');
    const invalid = readJson('samples/invalides/page-de-garde-individuel-avec-visa.json');
    const refused = await expectProblem(await post('/api/formulaires/page-de-garde/rendu', jsonPost(invalid)), 422, 'DONNEES_INVALIDES');
    expect(refused.erreurs.map((e) => e.code)).toContain('VISA_OU_ATTESTATION');
    const draft = await post('/api/formulaires/page-de-garde/rendu?brouillon=true', jsonPost(invalid));
    expect(draft.status).toBe(200);
    expect(draft.headers.get('x-paperasse-brouillon')).toBe('oui');
    await expectProblem(await post('/api/formulaires/fiche-client/rendu?format=odt', jsonPost({})), 400, 'REQUETE_INVALIDE');
  }, 180_000);
});

describe('the HTTP service: dossiers', () => {
  const dossier = () => readFileSync(`${ROOT}samples/dossier-professionnel.json`);
  const attestation = () => new Uint8Array(readFileSync(`${ROOT}samples/justificatifs/attestation-employeur-berthier-roux.pdf`));

  it('checks a dossier and renders its two copies and report as a zip, or refuses a missing justificatif', async () => {
    const post = as(service, 'candidat1');
    const report = await post('/api/dossiers/controle', jsonPost(dossier().toString()));
    expect(report.status).toBe(200);
    expect(await report.json()).toHaveProperty('epreuves');
    const form = filesForm('justificatifs', [{ name: 'justificatifs/attestation-employeur-berthier-roux.pdf', bytes: attestation() }]);
    form.append('dossier', new Blob([dossier()], { type: 'application/json' }), 'dossier.json');
    const zip = await post('/api/dossiers/rendu', { method: 'POST', body: form });
    expect(zip.status).toBe(200);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['conformite.json', 'dossier-exemplaire-anonyme.pdf', 'dossier-exemplaire-etablissement.pdf']);
    const missing = new FormData();
    missing.append('dossier', new Blob([dossier()]), 'dossier.json');
    const refused = await post('/api/dossiers/rendu', { method: 'POST', body: missing });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  }, 240_000);

  it('renders the jury grids of a dossier as a zip', async () => {
    const r = await as(service, 'candidat1')('/api/dossiers/grilles?ccf=true', jsonPost(dossier().toString()));
    expect(r.status).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(await r.arrayBuffer()))).length).toBeGreaterThan(0);
  }, 180_000);

  it('runs a dossier as a job: state, events, result; another candidate and an établissement cannot see it', async () => {
    const form = filesForm('justificatifs', [{ name: 'justificatifs/attestation-employeur-berthier-roux.pdf', bytes: attestation() }]);
    form.append('dossier', new Blob([dossier()]), 'dossier.json');
    const started = await as(service, 'candidat1')('/api/dossiers/rendu?asynchrone=true', { method: 'POST', body: form });
    expect(started.status).toBe(202);
    const { tache } = (await started.json()) as { tache: string };
    await expectProblem(await as(service, 'candidat2')(`/api/taches/${tache}`), 404, 'RESSOURCE_INCONNUE');
    await expectProblem(await as(service, 'ecoleA')(`/api/taches/${tache}/resultat`), 404, 'RESSOURCE_INCONNUE');
    await expectProblem(await as(service, 'candidat2')(`/api/taches/${tache}/evenements`), 404, 'RESSOURCE_INCONNUE');
    const events = await (await as(service, 'candidat1')(`/api/taches/${tache}/evenements`)).text();
    expect(events).toContain('event: fin');
    expect(events).toContain('"etat":"terminee"');
    const state = (await (await as(service, 'candidat1')(`/api/taches/${tache}`)).json()) as { etat: string; progression: number };
    expect(state).toMatchObject({ etat: 'terminee', progression: 1 });
    const result = await as(service, 'candidat1')(`/api/taches/${tache}/resultat`);
    expect(result.headers.get('content-type')).toBe('application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(await result.arrayBuffer())))).toContain('dossier-exemplaire-anonyme.pdf');
  }, 240_000);
});

describe('the HTTP service: uploads', () => {
  it('stores an upload, reads it in the background, and shows it to its établissement only', async () => {
    const bytes = new Uint8Array(readFileSync(RETURNED));
    const id = await upload('ecoleA', bytes);
    const record = await eventually(async () => {
      const r = (await (await as(service, 'ecoleA')(`/api/depots/${id}`)).json()) as { statut: string; formulaire: string };
      return r.statut === 'en-attente' ? undefined : r;
    });
    expect(record).toMatchObject({ statut: 'traite', formulaire: 'fiche-client' });
    // The other account of the same établissement sees it; another établissement and candidates do not.
    expect((await as(service, 'ecoleA2')(`/api/depots/${id}`)).status).toBe(200);
    await expectProblem(await as(service, 'ecoleB')(`/api/depots/${id}`), 404, 'RESSOURCE_INCONNUE');
    await expectProblem(await as(service, 'ecoleB')(`/api/depots/${id}/original`), 404, 'RESSOURCE_INCONNUE');
    expect(((await (await as(service, 'ecoleB')('/api/depots')).json()) as { depots: unknown[] }).depots).toEqual([]);
    await expectProblem(await as(service, 'candidat1')(`/api/depots/${id}`), 403, 'ACCES_REFUSE');
    await expectProblem(await as(service, 'candidat1')('/api/depots'), 403, 'ACCES_REFUSE');
    await expectProblem(await as(service, 'candidat1')('/api/depots', { method: 'POST', body: filesForm('fichiers', [{ name: 'x.pdf', bytes }]) }), 403, 'ACCES_REFUSE');
    const original = await as(service, 'ecoleA')(`/api/depots/${id}/original`);
    expect(Buffer.compare(Buffer.from(await original.arrayBuffer()), Buffer.from(bytes))).toBe(0);
    const list = (await (await as(service, 'ecoleA')('/api/depots?formulaire=fiche-client&statut=traite')).json()) as { depots: Array<{ id: number }> };
    expect(list.depots.map((d) => d.id)).toContain(id);
  }, 180_000);

  it('exports an établissement’s readings as CSV or XLSX, never another’s', async () => {
    await eventually(async () => {
      const l = (await (await as(service, 'ecoleA')('/api/depots?statut=traite')).json()) as { depots: unknown[] };
      return l.depots.length > 0 ? true : undefined;
    });
    const csv = await as(service, 'ecoleA')('/api/depots/export?formulaire=fiche-client&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-paperasse-lignes')).toBe('1');
    const xlsx = await as(service, 'ecoleA')('/api/depots/export?formulaire=fiche-client&format=xlsx');
    expect(Object.keys(unzipSync(new Uint8Array(await xlsx.arrayBuffer())))).toContain('xl/workbook.xml');
    const other = await as(service, 'ecoleB')('/api/depots/export?formulaire=fiche-client&format=csv');
    expect(other.headers.get('x-paperasse-lignes')).toBe('0');
    const otherText = await other.text();
    expect(otherText).not.toContain('LEMARCHAND');
    expect(otherText).not.toContain(RETURNED_NAME);
    await expectProblem(await as(service, 'ecoleA')('/api/depots/export?format=csv'), 400, 'REQUETE_INVALIDE');
    await expectProblem(await as(service, 'ecoleA')('/api/depots/export?formulaire=inconnu'), 404, 'FORMULAIRE_INCONNU');
  }, 120_000);

  it('shows the same bytes sent by two établissements to each with its own reception only, in detail and export', async () => {
    const bytes = new Uint8Array(readFileSync(RETURNED));
    const posted = await as(service, 'ecoleB')('/api/depots', { method: 'POST', body: filesForm('fichiers', [{ name: 'copie-cfa-b.pdf', bytes }]) });
    const [depot] = ((await posted.json()) as { depots: Array<{ id: number; nouveau: boolean }> }).depots;
    expect(depot?.nouveau).toBe(false);
    const seen = (await (await as(service, 'ecoleB')(`/api/depots/${depot?.id ?? 0}`)).json()) as { receptions: Array<{ nomFichier: string; expediteur: string }> };
    expect(seen.receptions).toEqual([expect.objectContaining({ nomFichier: 'copie-cfa-b.pdf', expediteur: ACCOUNTS.ecoleB.email })]);
    const csv = await (await as(service, 'ecoleB')('/api/depots/export?formulaire=fiche-client&format=csv')).text();
    expect(csv).toContain('copie-cfa-b.pdf');
    expect(csv).not.toContain(RETURNED_NAME);
    expect(csv).not.toContain(ACCOUNTS.ecoleA.email);
  });

  it('refuses an upload without files, over the file count, or under the wrong field, as problem+json', async () => {
    await expectProblem(await as(service, 'ecoleA')('/api/depots', { method: 'POST', body: new FormData() }), 400, 'REQUETE_INVALIDE');
    const many = filesForm('fichiers', Array.from({ length: 21 }, (_, i) => ({ name: `f${i}.pdf`, bytes: new Uint8Array([37, 80, 68, 70, i]) })));
    await expectProblem(await as(service, 'ecoleA')('/api/depots', { method: 'POST', body: many }), 413, 'TROP_DE_FICHIERS');
    await expectProblem(await as(service, 'ecoleA')('/api/depots', { method: 'POST', body: filesForm('autre', [{ name: 'x.pdf', bytes: new Uint8Array(10) }]) }), 400, 'REQUETE_INVALIDE');
  });
});

describe('the HTTP service: mail merge and errors', () => {
  it('runs a mail merge of the sample spreadsheet as a job: progress events, then a zip with one letter per row and tout-imprimer.pdf', async () => {
    const csv = new Uint8Array(readFileSync(`${ROOT}samples/lettre-tuteur-rentree.csv`));
    const form = filesForm('tableur', [{ name: 'eleves.csv', bytes: csv, type: 'text/csv' }]);
    await expectProblem(await as(service, 'candidat1')('/api/publipostages/lettre-tuteur-rentree', { method: 'POST', body: form }), 403, 'ACCES_REFUSE');
    const started = await as(service, 'ecoleA')('/api/publipostages/lettre-tuteur-rentree', { method: 'POST', body: form });
    expect(started.status).toBe(202);
    const { tache } = (await started.json()) as { tache: string };
    await expectProblem(await as(service, 'ecoleB')(`/api/taches/${tache}`), 404, 'RESSOURCE_INCONNUE');
    const events = await (await as(service, 'ecoleA')(`/api/taches/${tache}/evenements`)).text();
    expect(events).toContain('event: fin');
    expect(events).toContain('"etat":"terminee"');
    const result = await as(service, 'ecoleA')(`/api/taches/${tache}/resultat`);
    expect(result.headers.get('content-type')).toBe('application/zip');
    const names = Object.keys(unzipSync(new Uint8Array(await result.arrayBuffer())));
    expect(names).toContain('tout-imprimer.pdf');
    expect(names).toContain('rapport.csv');
    expect(names.filter((n) => n.endsWith('.pdf') && n !== 'tout-imprimer.pdf')).toHaveLength(10); // the sample's ten rows, all valid
  }, 240_000);

  it('answers only codes of the catalogue (or declared by a rule), each with a title and French detail', async () => {
    const declared = new Set([...Object.keys(ERROR_CODES), ...FORMS.flatMap((f) => f.rules.map((r) => r.code))]);
    const answers = [
      await fetch(`${service.url}/nimporte`),
      await as(service, 'candidat1')('/api/formulaires/page-de-garde/validation', jsonPost('{')),
      await as(service, 'candidat1')('/api/taches/pas-un-id'),
      await as(service, 'ecoleA')('/api/depots/999999'),
      await as(service, 'ecoleA')('/api/depots?statut=perdu'),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const body = (await answer.json()) as { code: string; title: string; status: number };
      expect(declared.has(body.code)).toBe(true);
      expect(body.status).toBe(answer.status);
      expect(body.title.length).toBeGreaterThan(5);
    }
  });

  it('writes no body, name, e-mail, token or upload file name in its log', () => {
    const log = service.log();
    expect(log).toContain('"route":"/api/depots"');
    for (const secret of ['Benali', 'Inès', 'LEMARCHAND', 'Lefèvre', 'Maëlle', RETURNED_NAME, 'Benali-Ines', ...Object.values(ACCOUNTS).flatMap((a) => [a.email, a.motDePasse]), ...Object.values(service.jetons), 'Roux', 'Émilie', 'attestation-employeur']) {
      expect(log).not.toContain(secret);
    }
  });
});
