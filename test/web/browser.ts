/**
 * Shared helpers of the browser tests: Debian's chromium driven by playwright-core (never a downloaded browser), a
 * fresh profile per launch, the built interface (dist/web, built once if missing), sign-in, screenshots into
 * test-output/web/, and the axe-core scan of a page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../helpers.ts';
import { ACCOUNTS, type Who } from '../server/helpers.ts';

/** Where the browser tests write their screenshots (git-ignored). */
export const OUTPUT = join(ROOT, 'test-output', 'web');

/** The two widths every page is looked at and scanned in. */
export const WIDTHS = [
  { nom: '1280', width: 1280, height: 900 },
  { nom: '390', width: 390, height: 844 },
] as const;

/** Returns once dist/web holds a built interface (building it when absent). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'web', 'index.html'))) return;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/** A launched chromium. */
export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Returns Debian's chromium, headless, with no network of its own (playwright gives each launch a fresh temporary profile, removed on close). */
export async function launch(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { browser, close: () => browser.close() };
}

/** Returns a new browser context (its own cookies) of this width, accepting downloads. */
export function newContext(b: TestBrowser, width: { width: number; height: number } = WIDTHS[0]): Promise<BrowserContext> {
  return b.browser.newContext({ viewport: { width: width.width, height: width.height }, acceptDownloads: true, locale: 'fr-FR' });
}

/** Returns once `who` is signed in through the login page at `url` (a page path to open first, default /). */
export async function signIn(page: Page, base: string, who: Who, path = '/'): Promise<void> {
  await page.goto(base + path);
  await page.getByLabel('Adresse électronique').fill(ACCOUNTS[who].email);
  await page.getByLabel('Mot de passe').fill(ACCOUNTS[who].motDePasse);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/** Returns the path of a full-page screenshot of `page` saved as test-output/web/<name>.png. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT, { recursive: true });
  const path = join(OUTPUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One violation axe-core reports: rule, impact, and the elements concerned. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  cibles: string[];
}

/** Returns the serious and critical accessibility violations axe-core finds on the page as it is. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (no inline script) stays as served.
  await page.evaluate(AXE);
  const found = await page.evaluate<Violation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, cibles: v.nodes.map((n) => n.target.join(' ')) })))`);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
