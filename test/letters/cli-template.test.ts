/** `paperasse render <lettre> … --template modele.hbs`, run as a real process: checked first, then rendered. */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { pdfText, tempDir } from '../render/tools.ts';

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the paperasse command with `args` and returns its exit code and output. */
function paperasse(args: string[]): Promise<Output> {
  return new Promise((resolve) => {
    execFile('node', [`${ROOT}src/cli/paperasse.mjs`, ...args], { cwd: ROOT, env: { ...process.env, PAPERASSE_DEBUG: '' } }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const dir = tempDir('cli-template');
const SAMPLE = `${ROOT}samples/lettre-tuteur-rentree.json`;
const STANDARD = readFileSync(`${ROOT}templates/letters/lettre-tuteur-rentree.hbs`, 'utf8');

describe('paperasse render --template', () => {
  it('refuses a school template with a typo, naming its line, column and the closest field, and writes nothing', { timeout: 120_000 }, async () => {
    const modele = join(dir, 'mon-modele.hbs');
    writeFileSync(modele, STANDARD.replace('{{tuteur.fonction}}', '{{tuteur.fonctoin}}'));
    const line = STANDARD.split('\n').findIndex((l) => l.includes('{{tuteur.fonction}}')) + 1;
    const output = join(dir, 'refusee.pdf');
    const r = await paperasse(['render', 'lettre-tuteur-rentree', SAMPLE, '--template', modele, '-o', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Champ inconnu « tuteur.fonctoin » ligne ${String(line)}, colonne 3 : vouliez-vous dire « tuteur.fonction » ?`);
    expect(r.stderr).toContain('(code MODELE_CHAMP_INCONNU)');
    expect(existsSync(output)).toBe(false);
  });

  it('renders the letter with the school’s own wording to PDF and to Word', { timeout: 120_000 }, async () => {
    const modele = join(dir, 'notre-modele.hbs');
    writeFileSync(modele, STANDARD.replace('Un rappel vous sera adressé', 'Notre secrétariat vous adressera un rappel'));
    for (const output of [join(dir, 'lettre.pdf'), join(dir, 'lettre.docx')]) {
      const r = await paperasse(['render', 'lettre-tuteur-rentree', SAMPLE, '--template', modele, '-o', output]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(existsSync(output)).toBe(true);
    }
    expect(pdfText(join(dir, 'lettre.pdf')).replace(/\s+/g, ' ')).toContain('Notre secrétariat vous adressera un rappel');
  });
});
