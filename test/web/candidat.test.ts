/**
 * Journey 1 of the web interface in Debian's chromium: a candidate signs in, imports a dossier, breaks and fixes a
 * conformity motif from the panel's link, fills a fiche with live validation next to the field, downloads its
 * fillable PDF, and that file extracts back to what was typed; then every candidate page is scanned by axe-core at
 * 1280 and 390 px. Screenshots in test-output/web/.
 */
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paperasse } from '../../src/api.ts';
import { SAMPLES } from '../helpers.ts';
import { startService, type TestService } from '../server/helpers.ts';
import { ensureBuilt, launch, newContext, seriousViolations, shot, signIn, WIDTHS, type TestBrowser } from './browser.ts';

/** The save status once the dossier is saved (to the server when it keeps dossiers, else to the browser). */
const SAVED = /Enregistré (dans ce navigateur|sur le service)/;

let service: TestService;
let browser: TestBrowser;

beforeAll(async () => {
  ensureBuilt();
  service = await startService();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

/** Returns once the dossier at `file` is imported through the documents page. */
async function importDossier(page: Page, file: string): Promise<void> {
  await page.getByRole('link', { name: 'Documents et sauvegarde' }).first().click();
  await page.getByLabel('Importer un dossier (JSON)').setInputFiles(file);
  await page.getByText('est importé').waitFor();
}

/** Returns once the editor shows part `titre`. */
async function openPart(page: Page, titre: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Parties du dossier' }).getByRole('link', { name: titre }).click();
  await page.getByRole('heading', { level: 1, name: titre }).waitFor();
}

describe('the candidate in the browser', () => {
  it('fills a fiche, sees a conformity motif, fixes it, downloads the fillable PDF that extracts back to what was typed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await signIn(page, service.url, 'candidat1', '/candidat/dossier');
    expect(new URL(page.url()).pathname).toBe('/candidat/dossier');
    await shot(page, 'candidat-01-connecte');

    await importDossier(page, `${SAMPLES}dossier-professionnel.json`);
    await page.getByText(SAVED).waitFor();
    await shot(page, 'candidat-02-importe');

    // The sample is conforming: remove the visa's signature, the panel says E32 « non valide » with the motif.
    await page.getByRole('link', { name: 'Remplir le dossier' }).first().click();
    await openPart(page, 'Page de garde');
    const panel = page.getByRole('complementary', { name: 'Conformité du dossier' });
    await expect.poll(() => panel.getByRole('heading', { name: /^E32/ }).textContent()).toBe('E32 : conforme');
    await page.locator('#champ_visa_signe').uncheck();
    const motif = panel.locator('li[data-code="VISA_MANQUANT"] a').first();
    await motif.waitFor();
    expect(await panel.getByRole('heading', { name: /^E32/ }).textContent()).toBe('E32 : non valide');
    await shot(page, 'candidat-03-motif-visa');

    // The motif's link leads to the visa's fields; sign, and the motif is gone.
    await motif.click();
    await expect.poll(() => page.evaluate('document.activeElement?.closest("#champ_visa") !== null')).toBe(true);
    await page.locator('#champ_visa_signe').check();
    await expect.poll(() => panel.getByRole('heading', { name: /^E32/ }).textContent()).toBe('E32 : conforme');
    expect(await panel.locator('li[data-code="VISA_MANQUANT"]').count()).toBe(0);
    await shot(page, 'candidat-04-motif-corrige');

    // Live validation in French next to the field: a required field emptied, then filled.
    await openPart(page, 'Fiche E32 n° 1');
    const entreprise = page.getByLabel(/^NOM DE L’ENTREPRISE/);
    await entreprise.fill('');
    await entreprise.blur();
    const fieldError = page.locator('#champ_nomEntreprise').locator('xpath=ancestor::div[contains(@class, "form-group")][1]').locator('.error-detail');
    await expect.poll(() => fieldError.textContent(), { timeout: 15_000 }).toContain('est obligatoire');
    await shot(page, 'candidat-05-erreur-en-direct');
    await entreprise.fill('Cabinet Delmas Assurances');
    const typed = 'Présenter la garantie accidents de la vie et recueillir les besoins de la famille (saisi dans le navigateur).';
    await page.getByLabel(/^OBJECTIFS DE L’ENTRETIEN/).fill(typed);
    await page.getByLabel(/^OBJECTIFS DE L’ENTRETIEN/).blur();
    await expect.poll(() => fieldError.count(), { timeout: 15_000 }).toBe(0);
    await page.getByText(SAVED).waitFor();

    // The fillable PDF of the fiche, downloaded, extracts back to what was typed.
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'PDF remplissable' }).first().click();
    const refused = page.locator('.telechargement .etat-ko').first();
    const file = await Promise.race([download, refused.waitFor({ timeout: 120_000 }).then(async () => Promise.reject(new Error(`download refused: ${await refused.textContent()}`)))]);
    expect(file.suggestedFilename()).toBe('fiche-activite-e32.pdf');
    const bytes = new Uint8Array(readFileSync(await file.path()));
    await shot(page, 'candidat-06-telecharge');
    const read = await new Paperasse().extract(bytes, 'fiche-activite-e32.pdf');
    if (!read.ok) throw new Error(read.erreur.message);
    expect(read.valeur.formulaire).toBe('fiche-activite-e32');
    const donnees = read.valeur.donnees as Record<string, unknown>;
    expect({ objectifs: donnees.objectifs, nomEntreprise: donnees.nomEntreprise, numero: donnees.numero }).toEqual({ objectifs: typed, nomEntreprise: 'Cabinet Delmas Assurances', numero: 1 });

    // Autosaved: a reload shows what was typed.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Fiche E32 n° 1' }).waitFor();
    expect(await page.getByLabel(/^OBJECTIFS DE L’ENTRETIEN/).inputValue()).toBe(typed);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('joins the justificatif the dossier cites and downloads the two copies', async () => {
    const context = await newContext(browser, WIDTHS[1]);
    const page = await context.newPage();
    await signIn(page, service.url, 'candidat1', '/candidat/documents');
    await importDossier(page, `${SAMPLES}dossier-professionnel.json`);
    const cited = page.locator('.fichiers li').filter({ hasText: 'attestation-employeur-berthier-roux.pdf' });
    expect(await cited.textContent()).toContain('à joindre');
    await page.getByLabel('Fichiers justificatifs (PDF)').setInputFiles(`${SAMPLES}justificatifs/attestation-employeur-berthier-roux.pdf`);
    await expect.poll(() => cited.textContent()).toContain('joint');
    const download = page.waitForEvent('download', { timeout: 170_000 });
    await page.getByRole('button', { name: 'Télécharger les deux exemplaires (zip)' }).click();
    const refused = page.locator('.telechargement .etat-ko').first();
    const file = await Promise.race([download, refused.waitFor({ timeout: 170_000 }).then(async () => Promise.reject(new Error(`download refused: ${await refused.textContent()}`)))]);
    await shot(page, 'candidat-07-exemplaires-390');
    const entries = Object.keys(unzipSync(new Uint8Array(readFileSync(await file.path()))));
    expect(entries).toEqual(expect.arrayContaining(['dossier-exemplaire-etablissement.pdf', 'dossier-exemplaire-anonyme.pdf']));
    await context.close();
  });

  it('passes the accessibility scan on every candidate page at 1280 and 390 px', async () => {
    const pages = [
      '/candidat', '/candidat/dossier', '/candidat/dossier/page-de-garde', '/candidat/dossier/attestations', '/candidat/dossier/fiches-contexte', '/candidat/dossier/e32-1', '/candidat/dossier/e42-6', '/candidat/documents'];
    const found: Record<string, unknown> = {};
    // A filled dossier (the sample), so that every part shows its fields, lists and downloads.
    const context = await newContext(browser);
    const first = await context.newPage();
    await signIn(first, service.url, 'candidat1', '/candidat/documents');
    await importDossier(first, `${SAMPLES}dossier-professionnel.json`);
    await first.getByText(SAVED).waitFor();
    await first.close();
    for (const width of WIDTHS) {
      const page = await context.newPage();
      await page.setViewportSize({ width: width.width, height: width.height });
      for (const path of pages) {
        await page.goto(service.url + path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.locator('.panneau h3, .liste-pages, .telechargements').first().waitFor();
        const name = `candidat-page${path.replaceAll('/', '-')}-${width.nom}`;
        // What the window shows first (a whole fiche is several screens long; the journey's screenshots are whole pages).
        await shot(page, name, false);
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[name] = violations;
        // No horizontal scrolling at this width.
        expect({ name, overflow: await page.evaluate('document.documentElement.scrollWidth > window.innerWidth') }).toEqual({ name, overflow: false });
      }
      await page.close();
      // A new candidate's empty dossier: the error summary of a part, shown on demand.
      const fresh = await newContext(browser, width);
      const empty = await fresh.newPage();
      await signIn(empty, service.url, 'candidat2', '/candidat/dossier/identite');
      await empty.getByRole('button', { name: 'Vérifier cette partie' }).click();
      await empty.getByRole('alert').filter({ hasText: 'à corriger' }).waitFor();
      await shot(empty, `candidat-resume-erreurs-${width.nom}`);
      const violations = await seriousViolations(empty);
      if (violations.length > 0) found[`resume-${width.nom}`] = violations;
      await fresh.close();
    }
    await context.close();
    expect(found).toEqual({});
  });
});
