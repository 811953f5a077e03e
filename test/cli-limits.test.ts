/** Limits a user can run into on the command line: error lists, drafts of huge values, outputs that cannot be written. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ERRORS } from '../src/core/validation.ts';
import { MAX_DRAFT_TEXT, boundDraft } from '../src/render/draft-limits.ts';
import { ROOT, paperasse as library, readJson } from './helpers.ts';

interface Output { code: number; stdout: string; stderr: string }

function paperasse(args: string[], env: Record<string, string> = {}): Promise<Output> {
  return new Promise((resolve) => {
    const child = execFile('node', [`${ROOT}src/cli/paperasse.mjs`, ...args], { cwd: ROOT, env: { ...process.env, PAPERASSE_DEBUG: '', ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end();
  });
}

const dir = mkdtempSync(join(tmpdir(), 'paperasse-limits-'));

/** Returns the path of a fiche client sample with `n` keys the form does not have. */
function withUnknownKeys(n: number): string {
  const data = readJson('samples/fiche-client.json') as Record<string, unknown>;
  for (let i = 0; i < n; i++) data[`cleInconnue${i}`] = 'x';
  const path = join(dir, `inconnues-${n}.json`);
  writeFileSync(path, JSON.stringify(data));
  return path;
}

describe('validation error lists', () => {
  it('lists the first 100 of 200,000 unknown keys and counts the others', () => {
    const data = JSON.parse(readFileSync(withUnknownKeys(200_000), 'utf8')) as unknown;
    const r = library().validate('fiche-client', data);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.valeur.valide).toBe(false);
    expect(r.valeur.erreurs).toHaveLength(MAX_ERRORS);
    expect(r.valeur.erreursNonListees).toBe(200_000 - MAX_ERRORS);
    expect(new Set(r.valeur.erreurs.map((e) => e.code))).toEqual(new Set(['CHAMP_INCONNU']));
  });

  it('says on the command line how many errors were not listed', async () => {
    const s = await paperasse(['validate', 'fiche-client', withUnknownKeys(150)]);
    expect(s.code).toBe(1);
    expect(s.stdout).toContain('n’est pas valide (Fiche client) : 150 erreurs.');
    expect(s.stdout).toContain('… et 50 autres erreurs non listées (les 100 premières dans l’ordre du formulaire sont affichées).');
    expect(s.stdout.match(/\[CHAMP_INCONNU\]/g)).toHaveLength(100);
    const json = await paperasse(['validate', 'fiche-client', withUnknownKeys(150), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ valide: false, erreursNonListees: 50 });
  });

  it('lists every error when there are no more than 100', () => {
    const data = JSON.parse(readFileSync(withUnknownKeys(3), 'utf8')) as unknown;
    const r = library().validate('fiche-client', data);
    expect(r.ok && r.valeur.erreurs.length).toBe(3);
    expect(r.ok && 'erreursNonListees' in r.valeur).toBe(false);
  });
});

describe('drafts of huge values', () => {
  it('cuts a text past the draft bound and says how much was left out', () => {
    const bounded = boundDraft({ nom: 'a'.repeat(MAX_DRAFT_TEXT + 1234), prenom: 'Léa', enfants: Array.from({ length: 500 }, (_, i) => ({ prenom: `E${i}` })) }) as {
      nom: string;
      prenom: string;
      enfants: unknown[];
    };
    expect(bounded.nom.startsWith('a'.repeat(MAX_DRAFT_TEXT))).toBe(true);
    expect(bounded.nom.slice(MAX_DRAFT_TEXT)).toMatch(/^ \[…\] \(brouillon : 1\s234 caractères non imprimés\)$/u);
    expect(bounded.prenom).toBe('Léa');
    expect(bounded.enfants).toHaveLength(100);
  });

  it('cuts a text to its own field’s maximum length when the schema gives one', () => {
    const bounded = boundDraft({ nom: 'b'.repeat(1000), recit: 'c'.repeat(1000) }, (parts) => (parts[0] === 'nom' ? 300 : undefined)) as { nom: string; recit: string };
    expect(bounded.nom.slice(0, 301)).toBe(`${'b'.repeat(300)} `);
    expect(bounded.nom).toMatch(/\(brouillon : 700 caractères non imprimés\)$/u);
    expect(bounded.recit).toBe('c'.repeat(1000));
  });

  it('renders a draft of a fiche client whose name is 9 MB long', async () => {
    const data = readJson('samples/fiche-client.json') as Record<string, unknown>;
    data.nom = 'Lorem ipsum dolor '.repeat(520_000);
    const input = join(dir, 'nom-geant.json');
    writeFileSync(input, JSON.stringify(data));
    const output = join(dir, 'nom-geant.pdf');
    const s = await paperasse(['render', 'fiche-client', input, '-o', output, '--force']);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('[TEXTE_TROP_LONG] /nom');
    expect(s.stdout).toContain('BROUILLON');
    expect(statSync(output).size).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('outputs checked before any work', () => {
  it('refuses a rendering into a folder that does not exist, before reading the data', async () => {
    const s = await paperasse(['render', 'fiche-client', 'samples/fiche-client.json', '-o', join(dir, 'absent', 'x.pdf')]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('ECRITURE_IMPOSSIBLE');
    expect(s.stderr).toContain('n’existe pas');
  });

  it('refuses a dossier output below a file, before laying out the dossier', async () => {
    const file = join(dir, 'un-fichier');
    writeFileSync(file, 'x');
    const s = await paperasse(['dossier', 'render', 'samples/dossier-professionnel.json', '-o', join(file, 'sortie')]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('ECRITURE_IMPOSSIBLE');
    expect(s.stderr).toContain('un élément du chemin est un fichier');
  });

  it('creates the output folder of the dossier’s two copies when it does not exist', async () => {
    const out = join(dir, 'nouveau', 'dossier', 'exemplaires');
    const s = await paperasse(['dossier', 'render', 'samples/dossier-professionnel.json', '-o', out]);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    for (const name of ['dossier-exemplaire-etablissement.pdf', 'dossier-exemplaire-anonyme.pdf']) expect(readFileSync(join(out, name)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('creates the output folder of the jury grids when it does not exist', async () => {
    const out = join(dir, 'nouveau', 'grilles');
    const s = await paperasse(['dossier', 'grilles', 'samples/dossier-professionnel.json', '-o', out]);
    expect(s.code).toBe(0);
    expect(existsSync(join(out, 'grille-e42.pdf'))).toBe(true);
  });
});

describe('the compiled command line', () => {
  it('gives the same answers as the TypeScript sources', async () => {
    const args = ['validate', 'fiche-client', 'samples/invalides/fiche-client-incoherences.json', '--json'];
    const compiled = await paperasse(args);
    const sources = await paperasse(args, { PAPERASSE_SOURCES: '1' });
    expect(compiled.code).toBe(1);
    expect(compiled).toEqual(sources);
  });
});
