/**
 * The routes the web interface needs beyond the service's first ones, over a real port and a real SQLite file: the
 * candidate's stored dossier (optimistic concurrency), an établissement's candidates (and no other's), the mail-merge
 * helpers (column mapping, template check with line and column, preview of the first valid row), the refused rows of
 * a finished mail merge, and the secretariat's summary of a returned PDF (person, signer, changes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, ROOT } from '../helpers.ts';
import { as, eventually, expectProblem, filesForm, jsonPost, startService, type TestService } from './helpers.ts';
import { rentreeCsv } from './spreadsheet.ts';

let service: TestService;
let candidat3: string;
beforeAll(async () => {
  service = await startService();
  const created = await service.running.service.accounts.create({ email: 'camille.roux@example.fr', motDePasse: 'candidat-3-mot-de-passe', role: 'candidat', etablissement: 'Lycée A' });
  if (!created.ok) throw new Error(created.erreur.message);
  candidat3 = service.running.service.accounts.issueToken(created.valeur.id, 'tests').jeton;
}, 60_000);
afterAll(async () => {
  await service?.close();
});

/** Returns the fetch of `path` with candidat3's token. */
function asCandidat3(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${candidat3}`);
  return fetch(service.url + path, { ...init, headers });
}

const put = (body: unknown) => jsonPost(body, 'PUT');
const LETTER = '/api/publipostages/lettre-tuteur-rentree';
const TEMPLATE = readFileSync(`${ROOT}templates/letters/lettre-tuteur-rentree.hbs`, 'utf8');

/** Returns a multipart body with the spreadsheet, and a template and mapping when given. */
function batchForm(csv: Uint8Array, extra: { modele?: string; correspondance?: unknown } = {}): FormData {
  const form = filesForm('tableur', [{ name: 'rentree.csv', bytes: csv, type: 'text/csv' }]);
  if (extra.modele !== undefined) form.append('modele', new Blob([extra.modele], { type: 'text/plain' }), 'modele.hbs');
  if (extra.correspondance !== undefined) form.append('correspondance', JSON.stringify(extra.correspondance));
  return form;
}

describe('the candidate’s stored dossier', () => {
  it('starts empty, saves version after version, and refuses a save from a stale version with 409', async () => {
    const first = (await (await as(service, 'candidat1')('/api/dossiers/courant')).json()) as { dossier: unknown; version: number };
    expect(first).toEqual({ dossier: null, version: 0, majLe: null });
    const dossier = readJson('samples/dossier-professionnel.json') as Record<string, unknown>;
    const saved = await as(service, 'candidat1')('/api/dossiers/courant', put({ version: 0, dossier }));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ version: 1 });
    // Another tab still holding version 0 cannot overwrite version 1.
    const stale = await expectProblem(await as(service, 'candidat1')('/api/dossiers/courant', put({ version: 0, dossier: { session: 2030 } })), 409, 'DOSSIER_MODIFIE_AILLEURS');
    expect(stale.detail).toContain('version 1');
    const edited = { ...dossier, session: 2028 };
    expect(await (await as(service, 'candidat1')('/api/dossiers/courant', put({ version: 1, dossier: edited }))).json()).toMatchObject({ version: 2 });
    const read = (await (await as(service, 'candidat1')('/api/dossiers/courant')).json()) as { dossier: unknown; version: number; majLe: string };
    expect(read.dossier).toEqual(edited);
    expect(read.version).toBe(2);
    expect(Number.isNaN(Date.parse(read.majLe))).toBe(false);
    // Each candidate has its own.
    expect(((await (await as(service, 'candidat2')('/api/dossiers/courant')).json()) as { version: number }).version).toBe(0);
  });

  it('refuses a body without version or dossier, a body over 2 MiB, and accounts that are not candidates', async () => {
    await expectProblem(await as(service, 'candidat2')('/api/dossiers/courant', put({ dossier: {} })), 422, 'DONNEES_INVALIDES');
    await expectProblem(await as(service, 'candidat2')('/api/dossiers/courant', put({ version: 0, dossier: [] })), 422, 'DONNEES_INVALIDES');
    await expectProblem(await as(service, 'candidat2')('/api/dossiers/courant', put({ version: 0, dossier: { notes: 'x'.repeat(2 * 1024 * 1024) } })), 413, 'FICHIER_TROP_GROS');
    await expectProblem(await as(service, 'candidat2')('/api/dossiers/courant', { method: 'PUT', body: '{}', headers: { 'content-type': 'text/plain' } }), 415, 'TYPE_CONTENU');
    await expectProblem(await as(service, 'ecoleA')('/api/dossiers/courant'), 403, 'ACCES_REFUSE');
    await expectProblem(await as(service, null)('/api/dossiers/courant'), 401, 'NON_AUTHENTIFIE');
  });
});

describe('an établissement’s candidates', () => {
  it('lists the candidates of its établissement with the conformity of their dossiers, and opens one read-only', async () => {
    const dossier = readJson('samples/dossier-professionnel.json');
    expect((await asCandidat3('/api/dossiers/courant', put({ version: 0, dossier }))).status).toBe(200);
    const list = (await (await as(service, 'ecoleA2')('/api/etablissement/candidats')).json()) as { candidats: Array<{ id: number; nom: string; prenom: string; version: number; conformite: { conforme: boolean; epreuves: Record<string, { conforme: boolean; motifs: number }> } | null; url: string }> };
    // candidat1 and candidat2 belong to no établissement: only Camille is listed.
    expect(list.candidats).toHaveLength(1);
    const [one] = list.candidats;
    expect(one).toMatchObject({ nom: 'Lefèvre', prenom: 'Maëlle', version: 1 });
    const report = service.running.service.paperasse.checkDossier(dossier);
    expect(one?.conformite?.conforme).toBe(report.conforme);
    expect(Object.keys(one?.conformite?.epreuves ?? {})).toEqual(Object.keys(report.epreuves));
    const detail = (await (await as(service, 'ecoleA')(one?.url ?? '')).json()) as { dossier: unknown; conformite: unknown; candidat: { nom: string } };
    expect(detail.dossier).toEqual(dossier);
    expect(detail.conformite).toEqual(report);
    expect(detail.candidat.nom).toBe('Lefèvre');
  });

  it('does not reveal another établissement’s candidate, nor any candidate to a candidate', async () => {
    const list = (await (await as(service, 'ecoleB')('/api/etablissement/candidats')).json()) as { candidats: unknown[] };
    expect(list.candidats).toEqual([]);
    const mine = (await (await as(service, 'ecoleA')('/api/etablissement/candidats')).json()) as { candidats: Array<{ id: number }> };
    const id = mine.candidats[0]?.id ?? 0;
    await expectProblem(await as(service, 'ecoleB')(`/api/etablissement/candidats/${id}/dossier`), 404, 'RESSOURCE_INCONNUE');
    const candidat1 = service.running.service.accounts.list().find((a) => a.email === 'ines.benali@example.fr')?.id ?? 0;
    await expectProblem(await as(service, 'ecoleA')(`/api/etablissement/candidats/${candidat1}/dossier`), 404, 'RESSOURCE_INCONNUE');
    await expectProblem(await as(service, 'ecoleA')('/api/etablissement/candidats/abc/dossier'), 404, 'RESSOURCE_INCONNUE');
    await expectProblem(await asCandidat3('/api/etablissement/candidats'), 403, 'ACCES_REFUSE');
  });

  it('lets an admin create a candidate of an établissement', async () => {
    const r = await as(service, 'admin')('/api/comptes', jsonPost({ email: 'lou.martin@example.fr', motDePasse: 'candidat-4-mot-de-passe', role: 'candidat', etablissement: 'CFA B' }));
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ compte: { role: 'candidat', etablissement: 'CFA B' } });
    const list = (await (await as(service, 'ecoleB')('/api/etablissement/candidats')).json()) as { candidats: Array<{ email: string; conformite: unknown }> };
    expect(list.candidats).toEqual([expect.objectContaining({ email: 'lou.martin@example.fr', conformite: null })]);
  });
});

describe('the mail-merge helpers', () => {
  it('maps every column of the sample spreadsheet to a field of the letter', async () => {
    const r = await as(service, 'ecoleA')(`${LETTER}/colonnes`, { method: 'POST', body: batchForm(rentreeCsv(10)) });
    expect(r.status).toBe(200);
    const report = (await r.json()) as { format: string; lignes: number; pret: boolean; inconnues: string[]; colonnes: Array<{ statut: string; chemin: string | null; champ: string | null }>; champs: Array<{ chemin: string }> };
    expect(report).toMatchObject({ lignes: 10, pret: true, inconnues: [] });
    expect(report.format).toContain('CSV');
    expect(report.colonnes.every((c) => c.statut === 'reconnue')).toBe(true);
    expect(report.colonnes[16]).toMatchObject({ chemin: '/tuteur/nom', champ: 'Tuteur – Nom' });
    expect(report.champs.map((c) => c.chemin)).toContain('/tuteur/courriel');
  });

  it('names an unknown column with a suggestion, then accepts the mapping that fixes it', async () => {
    const text = Buffer.from(rentreeCsv(3)).toString('latin1').replace('Tuteur \u0096 Courriel', 'Mail du tuteur').replace('Tuteur \u0096 Nom', 'Tuteur \u0096 Nomm');
    const csv = new Uint8Array(Buffer.from(text, 'latin1'));
    const report = (await (await as(service, 'ecoleA')(`${LETTER}/colonnes`, { method: 'POST', body: batchForm(csv) })).json()) as { pret: boolean; inconnues: string[]; erreur: { code: string }; colonnes: Array<{ entete: string; statut: string; suggestion?: string }> };
    expect(report.pret).toBe(false);
    expect(report.erreur.code).toBe('COLONNE_INCONNUE');
    expect(report.inconnues).toEqual(['Tuteur – Nomm', 'Mail du tuteur']);
    expect(report.colonnes.find((c) => c.entete === 'Tuteur – Nomm')?.suggestion).toBe('Tuteur – Nom');
    const fixed = (await (await as(service, 'ecoleA')(`${LETTER}/colonnes`, { method: 'POST', body: batchForm(csv, { correspondance: { 'Mail du tuteur': '/tuteur/courriel', 'Tuteur – Nomm': '/tuteur/nom' } }) })).json()) as { pret: boolean; colonnes: Array<{ entete: string; statut: string; chemin: string }> };
    expect(fixed.pret).toBe(true);
    expect(fixed.colonnes.find((c) => c.entete === 'Mail du tuteur')).toMatchObject({ statut: 'reconnue', chemin: '/tuteur/courriel' });
    const ignored = (await (await as(service, 'ecoleA')(`${LETTER}/colonnes`, { method: 'POST', body: batchForm(csv, { correspondance: { 'Mail du tuteur': null, 'Tuteur – Nomm': '/tuteur/nom' } }) })).json()) as { colonnes: Array<{ entete: string; statut: string }> };
    expect(ignored.colonnes.find((c) => c.entete === 'Mail du tuteur')?.statut).toBe('ignoree');
    await expectProblem(await as(service, 'ecoleA')(`${LETTER}/colonnes`, { method: 'POST', body: batchForm(csv, { correspondance: { 'Mail du tuteur': '/tuteur/inexistant' } }) }), 422, 'CORRESPONDANCE_INVALIDE');
    await expectProblem(await as(service, 'candidat1')(`${LETTER}/colonnes`, { method: 'POST', body: batchForm(csv) }), 403, 'ACCES_REFUSE');
    await expectProblem(await as(service, 'ecoleA')('/api/publipostages/lettre-inconnue/colonnes', { method: 'POST', body: batchForm(csv) }), 404, 'FORMULAIRE_INCONNU');
  });

  it('checks a template: the standard one is valid, a wrong placeholder is reported at its line and column', async () => {
    const check = async (modele: string) => {
      const form = new FormData();
      form.append('modele', modele);
      return (await (await as(service, 'ecoleA')(`${LETTER}/modele/verification`, { method: 'POST', body: form })).json()) as { valide: boolean; erreurs: Array<{ code: string; ligne: number; colonne: number; message: string }> };
    };
    expect(await check(TEMPLATE)).toEqual({ valide: true, erreurs: [] });
    const broken = await check('{{#enTete}}\n{{ecole.nom}}\n{{/enTete}}\nBonjour {{tuteur.nomm}},\n');
    expect(broken.valide).toBe(false);
    expect(broken.erreurs[0]).toMatchObject({ code: 'MODELE_CHAMP_INCONNU', ligne: 4, colonne: 11 });
    expect(broken.erreurs[0]?.message).toContain('tuteur.nom');
    await expectProblem(await as(service, 'ecoleA')(`${LETTER}/modele/verification`, { method: 'POST', body: new FormData() }), 400, 'REQUETE_INVALIDE');
  });

  it('previews the letter of the first valid row with the school’s template, or says why it cannot', async () => {
    const custom = TEMPLATE.replace('{{#destinataire}}', 'APERÇU DE L’ÉCOLE\n{{#destinataire}}');
    const r = await as(service, 'ecoleA')(`${LETTER}/modele/apercu`, { method: 'POST', body: batchForm(rentreeCsv(4, [2]), { modele: custom }) });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('x-paperasse-ligne')).toBe('3'); // row 2 is broken: row 3 is the first valid one
    const dir = mkdtempSync(join(tmpdir(), 'paperasse-apercu-'));
    try {
      writeFileSync(join(dir, 'a.pdf'), new Uint8Array(await r.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('APERÇU DE L’ÉCOLE');
      expect(text).toContain('Lefèvre'); // the tutor of the sample's second row
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const invalid = await expectProblem(await as(service, 'ecoleA')(`${LETTER}/modele/apercu`, { method: 'POST', body: batchForm(rentreeCsv(2), { modele: 'Bonjour {{tuteur.nomm}}' }) }), 422, 'MODELE_INVALIDE');
    expect(invalid.erreurs[0]).toMatchObject({ code: 'MODELE_CHAMP_INCONNU', ligne: 1 });
    await expectProblem(await as(service, 'ecoleA')(`${LETTER}/modele/apercu`, { method: 'POST', body: batchForm(rentreeCsv(2, [2, 3])) }), 422, 'AUCUNE_LIGNE_VALIDE');
  }, 60_000);

  it('keeps the refused rows of a finished mail merge for the interface', async () => {
    const started = await as(service, 'ecoleA')(LETTER, { method: 'POST', body: batchForm(rentreeCsv(6, [3, 6])) });
    expect(started.status).toBe(202);
    const { tache } = (await started.json()) as { tache: string };
    await expectProblem(await as(service, 'ecoleA')(`/api/taches/${tache}/rapport`), 409, 'TACHE_NON_TERMINEE');
    const events = await (await as(service, 'ecoleA')(`/api/taches/${tache}/evenements`)).text();
    expect(events).toContain('"etat":"terminee"');
    const report = (await (await as(service, 'ecoleA2')(`/api/taches/${tache}/rapport`)).json()) as { total: number; produites: number; lignesRefusees: number[]; rapport: Array<{ ligne: number; colonne: string; code: string }> };
    expect(report).toMatchObject({ total: 6, produites: 4, lignesRefusees: [3, 6] });
    expect(report.rapport.map((l) => [l.ligne, l.colonne])).toEqual([
      [3, 'Tuteur – Courriel'],
      [6, 'Tuteur – Courriel'],
    ]);
    await expectProblem(await as(service, 'ecoleB')(`/api/taches/${tache}/rapport`), 404, 'RESSOURCE_INCONNUE');
  }, 240_000);
});

describe('the secretariat’s view of a returned PDF', () => {
  it('gives the person, the signer, « modifié après signature » and the number of changes', async () => {
    const bytes = new Uint8Array(readFileSync(`${ROOT}samples/renvoyes/fiche-client-signee.pdf`));
    const sent = await as(service, 'ecoleA')('/api/depots', { method: 'POST', body: filesForm('fichiers', [{ name: 'signee.pdf', bytes }]) });
    const { depots } = (await sent.json()) as { depots: Array<{ id: number }> };
    const id = depots[0]?.id ?? 0;
    const record = await eventually(async () => {
      const r = (await (await as(service, 'ecoleA')(`/api/depots/${id}`)).json()) as Record<string, unknown>;
      return r.statut === 'en-attente' ? undefined : r;
    });
    const extraction = (record.resultat as { valeur: { modifications: unknown[]; donnees: { candidat: { nom: string; prenom: string } } } }).valeur;
    expect(record).toMatchObject({
      statut: 'traite',
      formulaire: 'fiche-client',
      source: 'champs',
      personne: `${extraction.donnees.candidat.prenom} ${extraction.donnees.candidat.nom}`,
      modifieApresSignature: false,
      nombreModifications: extraction.modifications.length,
    });
    expect(record.signatures).toEqual([expect.objectContaining({ signataire: 'Julien Lemarchand (certificat de test)', integre: true, modifieApresSignature: false })]);
    expect(extraction.modifications.length).toBeGreaterThan(0);
  }, 180_000);
});

describe('the letters of a mail merge', () => {
  it('lists the letters and serves the standard template of one, for établissements only', async () => {
    const { lettres } = (await (await as(service, 'ecoleA')('/api/publipostages')).json()) as { lettres: Array<{ id: string; titre: string }> };
    expect(lettres.map((l) => l.id)).toEqual(expect.arrayContaining(['lettre-tuteur-rentree', 'confirmation-mission']));
    expect(lettres.map((l) => l.id)).not.toContain('fiche-client');
    const standard = await as(service, 'ecoleA')('/api/publipostages/lettre-tuteur-rentree/modele');
    expect(standard.headers.get('content-type')).toContain('text/plain');
    expect(await standard.text()).toBe(TEMPLATE);
    await expectProblem(await as(service, 'ecoleA')('/api/publipostages/fiche-client/modele'), 422, 'PAS_UNE_LETTRE');
    await expectProblem(await as(service, 'candidat1')('/api/publipostages'), 403, 'ACCES_REFUSE');
  });
});
