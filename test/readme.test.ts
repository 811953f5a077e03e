/** The README stays true: generated sections up to date, documented commands matching the CLI and package.json. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regenerateReadme } from '../src/docs/readme.ts';
import { ROOT } from './helpers.ts';

const readme = readFileSync(`${ROOT}README.md`, 'utf8');

describe('the README', () => {
  it('has its form list and error codes up to date (run `npm run docs` after changing a form)', () => {
    expect(readme).toBe(regenerateReadme(readme));
  });

  it('documents the install-and-start and the test commands that package.json defines', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> };
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(pkg.scripts.start).toContain('serve');
    expect(pkg.scripts.test).toContain('vitest run');
  });

  it('has a usage section for every CLI command', () => {
    for (const c of [
      'forms [--json]',
      'schema <id>',
      'validate <id> <fichier.json|-> [--json]',
      'render <id> <fichier.json|-> -o <sortie.pdf|sortie.docx> [--fillable] [--force]` ou `paperasse render <id> --blank -o <sortie> [--fillable]',
      'dossier check <dossier.json|-> [--json]',
      'dossier render <dossier.json> -o <dossier> [--force]',
      'dossier grilles <dossier.json|-> -o <dossier> [--ccf]',
      'extract <fichier.pdf>… [--json] [--store <dossier>] [--expediteur <nom>] [--calendrier <fichier.json>]',
      'export <formulaire> --store <dossier> -o <sortie.csv|sortie.xlsx>',
      'uploads --store <dossier> [--formulaire <id>] [--statut en-attente|traite|echec] [--json]',
      'serve [--port 3000] [--host 127.0.0.1]',
    ]) {
      expect(readme).toContain(`### \`paperasse ${c}\``);
    }
  });

  it('shows the output that `paperasse validate` really prints for its example', () => {
    const bloc = /```console\n\$ npx paperasse validate (\S+) (\S+)\n([\s\S]*?)\n {2}…\n```/.exec(readme);
    expect(bloc).not.toBeNull();
    const [, id = '', file = '', shown = ''] = bloc ?? [];
    let output = '';
    try {
      execFileSync('node', [`${ROOT}src/cli/paperasse.mjs`, 'validate', id, file], { cwd: ROOT, encoding: 'utf8' });
    } catch (e) {
      output = (e as { stdout: string }).stdout; // exit code 1: the example is invalid on purpose
    }
    expect(output.startsWith(`${shown}\n`)).toBe(true);
  });

  it('shows the output that `paperasse extract` really prints for its returned sample', () => {
    const bloc = /```console\n\$ npx paperasse extract (\S+)\n([\s\S]*?)\n {2}…\n```/.exec(readme);
    expect(bloc).not.toBeNull();
    const [, file = '', shown = ''] = bloc ?? [];
    const output = execFileSync('node', [`${ROOT}src/cli/paperasse.mjs`, 'extract', file], { cwd: ROOT, encoding: 'utf8' });
    expect(output.startsWith(`${shown}\n`)).toBe(true);
  });

  it('is the command that CI runs', () => {
    const ci = readFileSync(`${ROOT}.ci/run`, 'utf8');
    expect(ci).toContain('npm ci');
    expect(ci).toContain('npm test');
  });
});
