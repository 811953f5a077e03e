/**
 * Journey 2 of the web interface, in Debian's chromium: an établissement gives a 50-row spreadsheet with 2 bad rows
 * (and a misspelt header it fixes in the column mapping), watches the progress reach 100 %, downloads the zip with
 * 48 letters and a report naming the 2 rows, and sees those rows listed. Then its template editor (an error at its
 * line, the preview of the first row) and its candidates (list, read-only dossier). Every page is scanned by
 * axe-core at 1280 and 390 px.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../helpers.ts';
import { startService, type TestService } from '../server/helpers.ts';
import { rentreeCsv } from '../server/spreadsheet.ts';
import { ensureBuilt, launch, newContext, seriousViolations, shot, signIn, WIDTHS, type TestBrowser } from './browser.ts';

let service: TestService;
let browser: TestBrowser;
let context: BrowserContext;
let page: Page;
let work: string;
let candidatId = 0;

beforeAll(async () => {
  ensureBuilt();
  service = await startService();
  // A candidate of Lycée A with a saved dossier, for the candidates' pages.
  const created = await service.running.service.accounts.create({ email: 'camille.roux@example.fr', motDePasse: 'candidat-3-mot-de-passe', role: 'candidat', etablissement: 'Lycée A' });
  if (!created.ok) throw new Error(created.erreur.message);
  candidatId = created.valeur.id;
  const jeton = service.running.service.accounts.issueToken(candidatId, 'tests').jeton;
  const saved = await fetch(`${service.url}/api/dossiers/courant`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${jeton}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: 0, dossier: readJson('samples/dossier-professionnel.json') }),
  });
  if (!saved.ok) throw new Error(await saved.text());
  work = mkdtempSync(join(tmpdir(), 'paperasse-web-etablissement-'));
  browser = await launch();
  context = await newContext(browser);
  page = await context.newPage();
  // The machine running the tests may be loaded: screenshots and waits get time.
  page.setDefaultTimeout(120_000);
  await signIn(page, service.url, 'ecoleA', '/etablissement/lettres');
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** Returns the spreadsheet of the journey: 50 rows, rows 12 and 37 with a tutor e-mail that is not one, the « Tuteur – Nom » header misspelt. */
function journeySpreadsheet(): string {
  const text = Buffer.from(rentreeCsv(50, [12, 37])).toString('latin1').replace('Tuteur \u0096 Nom;', 'Tuteur \u0096 Nomm;');
  const file = join(work, 'rentree-2026.csv');
  writeFileSync(file, Buffer.from(text, 'latin1'));
  return file;
}

/** Asserts that axe-core finds no serious or critical violation on the current page at both widths. */
async function scanBothWidths(name: string): Promise<void> {
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await shot(page, `${name}-${w.nom}`);
    expect(await seriousViolations(page), `${name} at ${w.nom} px`).toEqual([]);
  }
  await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
}

describe('journey 2: an établissement’s rentrée letters', () => {
  it('maps the columns, fixes the misspelt one, runs the mail merge to 100 % and downloads 48 letters and a report naming the 2 bad rows', async () => {
    await page.getByRole('heading', { name: 'Lettres de rentrée' }).waitFor();
    await page.getByLabel('Lettre', { exact: true }).selectOption('lettre-tuteur-rentree');
    await page.getByLabel(/Tableur des alternants/).setInputFiles(journeySpreadsheet());
    // The misspelt header is shown as unknown with the closest field.
    const unknown = page.getByRole('row', { name: /Tuteur – Nomm/ });
    await unknown.getByText('inconnue').waitFor();
    // Only the columns to check are listed at first; all of them on demand.
    expect(await page.getByRole('table', { name: /Où va chaque colonne/ }).getByRole('row').count()).toBe(2);
    await expect.poll(() => page.getByText('50 lignes de données').count()).toBe(1);
    await shot(page, 'j2-01-colonnes-inconnue');
    await unknown.getByRole('button', { name: 'Utiliser « Tuteur – Nom »' }).click();
    await page.getByText('Chaque colonne a sa place').waitFor();
    expect(await page.getByLabel('Champ de la colonne « Tuteur – Nomm »').inputValue()).toBe('/tuteur/nom');
    await shot(page, 'j2-02-colonnes-corrigees');

    await page.getByRole('button', { name: 'Lancer le publipostage' }).click();
    // The bar moves before the end (events of the job's progress).
    await expect.poll(async () => Number(await page.locator('#progression-lettres').getAttribute('value')), { timeout: 300_000, interval: 500 }).toBeGreaterThan(0);
    await shot(page, 'j2-03-progression');
    await page.getByText('Terminé : 100 %.').waitFor({ timeout: 600_000 });
    expect(await page.locator('#progression-lettres').getAttribute('value')).toBe('100');
    await page.getByRole('heading', { name: 'Compte rendu' }).waitFor();
    await page.getByText('48 lettres produites sur 50 lignes').waitFor();
    const refused = page.getByRole('table', { name: 'Lignes refusées' });
    expect(await refused.getByRole('row').allInnerTexts()).toEqual([expect.stringMatching(/^Ligne/), expect.stringMatching(/^12\s+Tuteur – Courriel\s+/), expect.stringMatching(/^37\s+Tuteur – Courriel\s+/)]);
    await shot(page, 'j2-04-termine');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le zip des lettres' }).click()]);
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path()) ?? '')));
    const letters = Object.keys(zip).filter((n) => n.endsWith('.pdf') && n !== 'tout-imprimer.pdf');
    expect(letters).toHaveLength(48);
    const report = strFromU8(zip['rapport.csv'] ?? new Uint8Array());
    const rows = report.split(/\r?\n/).slice(1).filter((l) => l !== '').map((l) => /^"?(\d+)/.exec(l)?.[1]);
    expect(rows).toEqual(['12', '37']);
    await scanBothWidths('j2-lettres');
  }, 1_000_000);

  it('shows a template error at its line, goes to it, and previews the first row with the school’s template', async () => {
    await page.getByRole('link', { name: 'Modèle de lettre' }).click();
    await page.getByRole('heading', { name: 'Modèle de lettre', level: 1 }).waitFor();
    await page.getByLabel('Lettre', { exact: true }).selectOption('lettre-tuteur-rentree');
    await page.getByText('Le modèle est valide.').waitFor();
    const editor = page.getByLabel('Texte du modèle (Handlebars)');
    const standard = await editor.inputValue();
    expect(standard).toContain('{{#enTete}}');
    await editor.fill(standard.replace('{{#destinataire}}', 'Madame, Monsieur {{tuteur.nomm}},\n{{#destinataire}}'));
    const error = page.getByRole('button', { name: /^Ligne \d+, colonne \d+$/ });
    await error.first().waitFor();
    const line = Number(/Ligne (\d+)/.exec(await error.first().innerText())?.[1]);
    expect(standard.split('\n').findIndex((l) => l.includes('{{#destinataire}}')) + 1).toBe(line);
    await expect.poll(() => page.locator('.gouttiere .ligne-erreur').innerText()).toBe(String(line));
    await error.first().click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('modele-texte');
    await shot(page, 'j2-05-modele-erreur');

    await editor.fill(standard.replace('{{#destinataire}}', 'Lettre de l’ESMA pour {{tuteur.nom}}\n{{#destinataire}}'));
    await page.getByText('Le modèle est valide.').waitFor();
    const sample = join(work, 'apercu.csv');
    writeFileSync(sample, rentreeCsv(3, [2]));
    await page.getByLabel(/Tableur \(la première ligne valide/).setInputFiles(sample);
    await page.getByRole('button', { name: 'Voir l’aperçu' }).click();
    await page.getByText('Aperçu de la ligne 3 du tableur.').waitFor({ timeout: 60_000 });
    await page.getByRole('img', { name: /^Aperçu de la lettre, page 1 sur \d+$/ }).waitFor();
    await page.getByText(/^\d+ pages?\.$/).waitFor();
    await shot(page, 'j2-06-modele-apercu');
    await scanBothWidths('j2-modele');
  }, 180_000);

  it('lists its candidates with their conformity and opens a dossier read-only', async () => {
    await page.getByRole('link', { name: 'Mes candidats' }).click();
    const row = page.getByRole('row', { name: /Maëlle Lefèvre/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/camille\.roux@example\.fr/);
    await scanBothWidths('j2-candidats');
    await row.getByRole('link', { name: 'Maëlle Lefèvre' }).click();
    await page.getByRole('heading', { name: 'Dossier de Maëlle Lefèvre' }).waitFor();
    await page.getByRole('heading', { name: /^Conformité/ }).waitFor();
    expect(await page.getByRole('row', { name: /candidat › nom/ }).innerText()).toContain('Lefèvre');
    expect(await page.locator('input, textarea, select').count()).toBe(0);
    expect(page.url()).toBe(`${service.url}/etablissement/candidats/${candidatId}`);
    await scanBothWidths('j2-dossier-candidat');
  }, 120_000);
});
