/**
 * Journey 4 of the web interface in Debian's chromium: each role is refused the others' pages (an « Accès refusé »
 * page announced by role=alert, and the API refuses the data anyway); an anonymous visitor gets the login page and
 * lands on the page asked for once signed in. Every page met is scanned by axe-core at 1280 and 390 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type TestService, type Who } from '../server/helpers.ts';
import { ensureBuilt, launch, newContext, seriousViolations, shot, signIn, WIDTHS, type TestBrowser, type Violation } from './browser.ts';

/** Each area of the interface (src/web/routes.tsx) and the roles it is reserved to. */
const AREAS = [
  { path: '/candidat', roles: ['candidat'] },
  { path: '/etablissement', roles: ['etablissement'] },
  { path: '/secretariat', roles: ['etablissement'] },
  { path: '/admin', roles: ['admin'] },
] as const;

/** One account per role, and an API route reserved to another role that it is refused. */
const PEOPLE: Array<{ who: Who; role: string; refusedApi: string }> = [
  { who: 'candidat1', role: 'candidat', refusedApi: '/api/depots' },
  { who: 'ecoleA', role: 'etablissement', refusedApi: '/api/comptes' },
  { who: 'admin', role: 'admin', refusedApi: '/api/depots' },
];

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

/** Returns the serious violations of the page, keyed by `name`, after its screenshot. */
async function look(page: Page, name: string, found: Record<string, Violation[]>): Promise<void> {
  await shot(page, name);
  const v = await seriousViolations(page);
  if (v.length > 0) found[name] = v;
}

describe('roles in the browser', () => {
  it('shows the login page to an anonymous visitor, then the page asked for', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const found: Record<string, Violation[]> = {};
    await page.goto(`${service.url}/candidat/documents`);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await look(page, 'roles-connexion-1280', found);
    // A wrong password: the service's French message in an announced summary.
    await page.getByLabel('Adresse électronique').fill('ines.benali@example.fr');
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Adresse électronique ou mot de passe incorrect');
    await page.setViewportSize({ width: WIDTHS[1].width, height: WIDTHS[1].height });
    await look(page, 'roles-connexion-erreur-390', found);
    await signIn(page, service.url, 'candidat1', '/candidat/documents');
    expect(new URL(page.url()).pathname).toBe('/candidat/documents');
    await page.getByRole('heading', { level: 1, name: 'Documents et sauvegarde' }).waitFor();
    // Signing out returns to the login page; the area is no longer shown.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await page.goto(`${service.url}/candidat/dossier`);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await context.close();
    expect(found).toEqual({});
  });

  it('refuses each role the pages of the others, in the interface and in the API', async () => {
    const found: Record<string, Violation[]> = {};
    const seen: Record<string, Record<string, string>> = {};
    for (const person of PEOPLE) {
      for (const width of WIDTHS) {
        const context = await newContext(browser, width);
        const page = await context.newPage();
        await signIn(page, service.url, person.who);
        const mine = (seen[person.role] ??= {});
        for (const area of AREAS) {
          await page.goto(service.url + area.path);
          const heading = page.getByRole('heading', { level: 1 });
          await heading.waitFor();
          const allowed = (area.roles as readonly string[]).includes(person.role);
          const text = (await heading.textContent()) ?? '';
          if (width.nom === '1280') mine[area.path] = allowed ? 'ouverte' : text;
          if (!allowed) {
            expect(text).toBe('Accès refusé');
            expect(await page.getByRole('alert').textContent()).toContain(`vous êtes connecté avec un compte « ${person.role} »`);
          } else {
            expect(text).not.toBe('Accès refusé');
          }
          await look(page, `roles-${person.role}${area.path.replaceAll('/', '-')}-${width.nom}`, found);
        }
        // The wall is the API's: the same session cookie gets 403 on another role's route.
        const status = await page.evaluate(`fetch(${JSON.stringify(person.refusedApi)}).then((r) => r.status)`);
        expect(status).toBe(403);
        await context.close();
      }
    }
    expect(seen).toEqual({
      candidat: { '/candidat': 'ouverte', '/etablissement': 'Accès refusé', '/secretariat': 'Accès refusé', '/admin': 'Accès refusé' },
      etablissement: { '/candidat': 'Accès refusé', '/etablissement': 'ouverte', '/secretariat': 'ouverte', '/admin': 'Accès refusé' },
      admin: { '/candidat': 'Accès refusé', '/etablissement': 'Accès refusé', '/secretariat': 'Accès refusé', '/admin': 'ouverte' },
    });
    expect(found).toEqual({});
  });
});
