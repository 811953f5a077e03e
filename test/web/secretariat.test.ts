/**
 * Journey 3 of the web interface, in Debian's chromium: a secretariat drops returned PDFs — the signed fiche client
 * of samples/renvoyes/, and the same file with a field changed after signing (an incremental update written by
 * mutool) — sees in the results table the form, the person, the signer, « modifié après signature » and the number
 * of changes, then the detail: the values read beside the PDF (pdf.js) with the changes highlighted; then the
 * export. Every page is scanned by axe-core at 1280 and 390 px.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { startService, type TestService } from '../server/helpers.ts';
import { ensureBuilt, launch, newContext, seriousViolations, shot, signIn, WIDTHS, type TestBrowser } from './browser.ts';

const SIGNED = join(ROOT, 'samples/renvoyes/fiche-client-signee.pdf');

/** A mutool script: sets field `name` (fully qualified) of a PDF to `value` in an incremental update (the signed bytes are kept). */
const SET_FIELD = `
var doc = new PDFDocument(scriptArgs[0]);
function walk(list, prefix) {
  for (var i = 0; i < list.length; i++) {
    var f = list.get(i);
    var name = prefix + (f.get("T") ? f.get("T").asString() : "");
    if (name === scriptArgs[2]) f.put("V", doc.newString(scriptArgs[3]));
    if (f.get("Kids")) walk(f.get("Kids"), name + ".");
  }
}
walk(doc.getTrailer().get("Root").get("AcroForm").get("Fields"), "");
doc.save(scriptArgs[1], "incremental");
`;

let service: TestService;
let browser: TestBrowser;
let context: BrowserContext;
let page: Page;
let work: string;
let changed: string;

beforeAll(async () => {
  ensureBuilt();
  service = await startService();
  work = mkdtempSync(join(tmpdir(), 'paperasse-web-secretariat-'));
  const script = join(work, 'champ.js');
  writeFileSync(script, SET_FIELD);
  changed = join(work, 'fiche-client-modifiee-apres-signature.pdf');
  execFileSync('mutool', ['run', script, SIGNED, changed, 'candidat.prenom', 'Léa']);
  browser = await launch();
  context = await newContext(browser);
  page = await context.newPage();
  // The machine running the tests may be loaded: screenshots and waits get time.
  page.setDefaultTimeout(120_000);
  await signIn(page, service.url, 'ecoleA', '/secretariat/depots');
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** Drops files on the drop zone as a file manager would (a drop event carrying them). */
async function dropFiles(files: string[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.slice(f.lastIndexOf('/') + 1), base64: readFileSync(f).toString('base64') }));
  // A string: the tests are compiled without the DOM library; this runs in the page.
  const transfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    for (const item of ${JSON.stringify(payload)}) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { type: 'application/pdf' }));
    }
    return dt;
  })()`);
  await page.getByTestId('zone-depot').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.getByTestId('zone-depot').dispatchEvent('drop', { dataTransfer: transfer });
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

describe('journey 3: a secretariat’s returned PDFs', () => {
  it('drops two returned PDFs and sees form, person, validity, source, signer, « modifié après signature » and changes', async () => {
    await page.getByRole('heading', { name: 'Formulaires renvoyés' }).waitFor();
    await scanBothWidths('j3-01-vide');
    await dropFiles([SIGNED, changed]);
    await page.getByText(/2 PDF reçus/).waitFor();
    const table = page.getByRole('table', { name: /PDF reçus/ });
    await expect.poll(async () => (await table.getByText('lecture en cours…').count()) === 0 && (await table.getByRole('row').count()) === 3, { timeout: 120_000, interval: 500 }).toBe(true);
    const rows = table.getByRole('row');
    const signedRow = rows.filter({ hasText: 'Inès' });
    const changedRow = rows.filter({ hasText: 'Léa' });
    for (const row of [signedRow, changedRow]) {
      expect(await row.innerText()).toContain('fiche-client');
      expect(await row.innerText()).toContain('champs du PDF');
      expect(await row.getByText('Signé par Julien Lemarchand (certificat de test)').count()).toBe(1);
    }
    expect(await signedRow.getByText('modifié après signature').count()).toBe(0);
    expect(await changedRow.getByText('modifié après signature').count()).toBe(1);
    // The signed sample has one change (the client's name retyped before signing); the other one more, after signing.
    expect((await signedRow.getByRole('cell').nth(6).innerText()).trim()).toBe('1');
    expect((await changedRow.getByRole('cell').nth(6).innerText()).trim()).toBe('2');
    await shot(page, 'j3-02-resultats');
    await scanBothWidths('j3-resultats');

    await changedRow.getByRole('link').click();
    await page.getByRole('heading', { name: /Dépôt n° \d+ — Léa/ }).waitFor();
    const values = page.getByRole('table', { name: /Valeurs lues/ });
    const prenom = values.getByRole('row', { name: /candidat › prenom/ });
    expect(await prenom.innerText()).toMatch(/Léa\s+modifié Paperasse avait écrit : Inès/);
    expect(await values.locator('tr.modifiee').count()).toBe(2);
    expect(await page.getByText('Champs modifiés après la signature : candidat.prenom.').count()).toBe(1);
    await page.getByRole('img', { name: /PDF du dépôt n° \d+, page 1 sur/ }).waitFor();
    await page.getByText(/^\d+ pages?\.$/).waitFor({ timeout: 60_000 });
    // The two changed fields are outlined on the PDF.
    expect(await page.locator('.pdf-modifie').count()).toBe(2);
    await shot(page, 'j3-03-detail');
    await scanBothWidths('j3-detail');
  }, 300_000);

  it('exports the readings of the fiche client as CSV from the results page', async () => {
    await page.getByRole('link', { name: '← Formulaires renvoyés' }).click();
    await page.getByLabel('Formulaire', { exact: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en CSV' }).click()]);
    const csv = readFileSync((await download.path()) ?? '', 'latin1');
    // One row per PDF read: both carry the candidate's name.
    expect(csv.match(/Benali/g)?.length).toBe(2);
  }, 120_000);
});
