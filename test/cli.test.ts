/** The `paperasse` command, run as a real process through its bin entry, as a user would run it. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMS } from '../src/forms/registry.ts';
import { ROOT } from './helpers.ts';

interface Output { code: number; stdout: string; stderr: string }

function paperasse(args: string[], input?: string): Promise<Output> {
  return new Promise((resolve) => {
    const child = execFile('node', [`${ROOT}src/cli/paperasse.mjs`, ...args], { cwd: ROOT, env: { ...process.env, PAPERASSE_DEBUG: '' } }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

const tmpDir = mkdtempSync(join(tmpdir(), 'paperasse-cli-'));
function writeTmpFile(name: string, content: string | Buffer): string {
  const path = join(tmpDir, name);
  writeFileSync(path, content);
  return path;
}

describe('paperasse forms', () => {
  it('lists every registered form with its title and source', async () => {
    const s = await paperasse(['forms']);
    expect(s.code).toBe(0);
    for (const f of FORMS) expect(s.stdout).toContain(f.id);
    expect(s.stdout).toContain('Page de garde du dossier professionnel');
  });

  it('prints [{id, titre, source}] with --json', async () => {
    const s = await paperasse(['forms', '--json']);
    expect(s.code).toBe(0);
    const list = JSON.parse(s.stdout) as Array<Record<string, string>>;
    expect(list.map((f) => f.id)).toEqual(FORMS.map((f) => f.id));
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['id', 'source', 'titre']);
  });
});

describe('paperasse schema', () => {
  it('prints the JSON Schema of a form', async () => {
    const s = await paperasse(['schema', 'page-de-garde']);
    expect(s.code).toBe(0);
    expect((JSON.parse(s.stdout) as { $id: string }).$id).toMatch(/page-de-garde\.schema\.json$/);
  });

  it('exits 2 with a suggestion for an unknown form id', async () => {
    const s = await paperasse(['schema', 'page-de-gard']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('Vouliez-vous dire « page-de-garde »');
    expect(s.stderr).toContain('FORMULAIRE_INCONNU');
  });
});

describe('paperasse validate', () => {
  it('exits 0 on every valid sample', async () => {
    for (const f of FORMS) {
      const s = await paperasse(['validate', f.id, `samples/${f.id}.json`]);
      expect(s.code, `${f.id}: ${s.stdout}${s.stderr}`).toBe(0);
      expect(s.stdout).toContain('est valide');
    }
  });

  it('exits 1 and prints French messages with codes and JSON pointers for invalid data', async () => {
    const s = await paperasse(['validate', 'page-de-garde', 'samples/invalides/page-de-garde-champs-manquants.json']);
    expect(s.code).toBe(1);
    expect(s.stdout).toContain('Candidat — « Prénom » est obligatoire');
    expect(s.stdout).toContain('[CHAMP_OBLIGATOIRE] /candidat/prenom');
  });

  it('prints {formulaire, valide, erreurs} with --json', async () => {
    const s = await paperasse(['validate', 'page-de-garde', 'samples/invalides/page-de-garde-individuel-avec-visa.json', '--json']);
    expect(s.code).toBe(1);
    const r = JSON.parse(s.stdout) as { formulaire: string; valide: boolean; erreurs: Array<{ code: string; chemin: string }> };
    expect(r).toMatchObject({ formulaire: 'page-de-garde', valide: false });
    expect(r.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['VISA_OU_ATTESTATION /visa']);
  });

  it('reads the document from standard input with "-"', async () => {
    const s = await paperasse(['validate', 'page-de-garde', '-'], JSON.stringify({ session: 2019, candidat: { nom: 'Roux', prenom: 'Élise', statut: 'scolaire' } }));
    expect(s.code).toBe(0);
  });

  it('exits 2 naming line and column for malformed JSON, without a stack trace', async () => {
    const path = writeTmpFile('casse.json', '{\n  "session": 2019\n  "candidat": { "nom": "Roux" }\n}');
    const s = await paperasse(['validate', 'page-de-garde', path]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('ligne 3, colonne 3 : « , » attendue');
    expect(s.stderr).toContain('JSON_MALFORME');
    expect(s.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a missing file, a directory, and a file that is not UTF-8', async () => {
    const absent = await paperasse(['validate', 'page-de-garde', join(tmpDir, 'absent.json')]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('FICHIER_INTROUVABLE');
    const dossier = await paperasse(['validate', 'page-de-garde', tmpDir]);
    expect(dossier.code).toBe(2);
    expect(dossier.stderr).toContain('est un dossier');
    const latin1 = await paperasse(['validate', 'page-de-garde', writeTmpFile('latin1.json', Buffer.from('{"nom": "Ch\xe9rie"}', 'latin1'))]);
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toContain('UTF-8');
  });

  it('accepts a file saved with a UTF-8 byte order mark', async () => {
    const path = writeTmpFile('bom.json', '\ufeff' + JSON.stringify({ session: 2019, candidat: { nom: 'Roux', prenom: 'Élise', statut: 'scolaire' } }));
    const s = await paperasse(['validate', 'page-de-garde', path]);
    expect(s.code).toBe(0);
  });

  it('exits 2 with usage help for wrong arguments and unknown options', async () => {
    const missing = await paperasse(['validate', 'page-de-garde']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Utilisation : paperasse validate');
    const option = await paperasse(['validate', 'page-de-garde', 'x.json', '--jsn']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('« --jsn »');
    const command = await paperasse(['valider']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Commande inconnue');
  });
});

describe('paperasse render', () => {
  it('writes the PDF, the fillable PDF and the Word document of a sample (format from the extension)', async () => {
    for (const [name, extra, magic] of [['e32.pdf', [], '%PDF-'], ['e32-remplissable.pdf', ['--fillable'], '%PDF-'], ['e32.docx', [], 'PK']] as const) {
      const out = join(tmpDir, name);
      const s = await paperasse(['render', 'fiche-activite-e32', 'samples/fiche-activite-e32.json', '-o', out, ...extra]);
      expect(s.code, s.stderr).toBe(0);
      expect(s.stdout).toContain(`✓ ${out} écrit`);
      expect(readFileSync(out).subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
  });

  it('writes the blank form with --blank and no data file', async () => {
    const out = join(tmpDir, 'vierge.docx');
    const s = await paperasse(['render', 'grille-e42', '--blank', '-o', out]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('formulaire vierge');
    expect(existsSync(out)).toBe(true);
  });

  it('refuses invalid data with its validation errors (exit 1) and writes nothing', async () => {
    const out = join(tmpDir, 'refuse.pdf');
    const s = await paperasse(['render', 'fiche-client', 'samples/invalides/fiche-client-champs-invalides.json', '-o', out]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('DONNEES_INVALIDES');
    expect(s.stderr).toContain('[CHAMP_INCONNU] /telephone');
    expect(existsSync(out)).toBe(false);
  });

  it('writes a draft of invalid data with --force, still exiting 1', async () => {
    const out = join(tmpDir, 'brouillon.pdf');
    const s = await paperasse(['render', 'fiche-client', 'samples/invalides/fiche-client-champs-invalides.json', '-o', out, '--force']);
    expect(s.code).toBe(1);
    expect(s.stdout).toContain('BROUILLON');
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('exits 2 for an unknown extension, --fillable on Word, a missing -o and a missing output folder', async () => {
    const cases: Array<[string[], string]> = [
      [['render', 'fiche-client', 'samples/fiche-client.json', '-o', join(tmpDir, 'x.odt')], 'doit finir par .pdf ou .docx'],
      [['render', 'fiche-client', 'samples/fiche-client.json', '-o', join(tmpDir, 'x.docx'), '--fillable'], '--fillable ne vaut que pour un PDF'],
      [['render', 'fiche-client', 'samples/fiche-client.json'], 'Le fichier de sortie manque'],
      [['render', 'fiche-client', 'samples/fiche-client.json', '-o', join(tmpDir, 'absent', 'x.pdf')], 'ECRITURE_IMPOSSIBLE'],
      [['render', 'fiche-clien', 'samples/fiche-client.json', '-o', join(tmpDir, 'x.pdf')], 'Vouliez-vous dire « fiche-client »'],
    ];
    for (const [args, message] of cases) {
      const s = await paperasse(args);
      expect(s.code, args.join(' ')).toBe(2);
      expect(s.stderr).toContain(message);
      expect(s.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});

describe('paperasse dossier', () => {
  it('check: exit 0 and « conforme » for the sample dossier', async () => {
    const s = await paperasse(['dossier', 'check', 'samples/dossier-professionnel.json']);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('✓ samples/dossier-professionnel.json est conforme.');
    expect(s.stdout).toContain('  E32 : conforme\n  E42 : conforme');
  });

  it('check --json: exit 1 and the report of a non-conforming dossier, motifs per épreuve', async () => {
    const s = await paperasse(['dossier', 'check', 'samples/non-conformes/dossier-scolaire-stage-court.json', '--json']);
    expect(s.code).toBe(1);
    const report = JSON.parse(s.stdout) as { conforme: boolean; epreuves: Record<string, { conforme: boolean; motifs: Array<{ code: string }> }> };
    expect(report.conforme).toBe(false);
    expect(report.epreuves.E32?.motifs.map((m) => m.code)).toEqual(['VISA_MANQUANT', 'DUREE_STAGE_INSUFFISANTE', 'FICHE_CONTEXTE_ENTREPRISE_MANQUANTE']);
  });

  it('check: exit 2 on a file that cannot be read, and on a missing sub-command', async () => {
    const missing = await paperasse(['dossier', 'check', 'nulle-part.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('FICHIER_INTROUVABLE');
    const usage = await paperasse(['dossier']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Sous-commande manquante');
  });

  it('render: writes the two copies into the folder given, exit 0 for a conforming dossier', async () => {
    const out = mkdtempSync(join(tmpdir(), 'paperasse-dossier-'));
    const s = await paperasse(['dossier', 'render', 'samples/dossier-professionnel.json', '-o', out]);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    for (const name of ['dossier-exemplaire-etablissement.pdf', 'dossier-exemplaire-anonyme.pdf']) {
      expect(s.stdout).toContain(`✓ ${join(out, name)} écrit`);
      expect(readFileSync(join(out, name)).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('render: exit 2 and no file when a justificatif is missing, naming it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'paperasse-dossier-'));
    const s = await paperasse(['dossier', 'render', 'samples/non-conformes/dossier-scolaire-stage-court.json', '-o', out]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('« justificatifs/certificat-stage-mma.pdf »');
    expect(s.stderr).toContain('[JUSTIFICATIF_INTROUVABLE] /attestations/0/fichier');
    expect(existsSync(join(out, 'dossier-exemplaire-anonyme.pdf'))).toBe(false);
  });

  it('grilles: writes the pre-filled E32 CCF and E42 grids', async () => {
    const out = mkdtempSync(join(tmpdir(), 'paperasse-grilles-'));
    const s = await paperasse(['dossier', 'grilles', 'samples/dossier-professionnel.json', '-o', out, '--ccf']);
    expect(s.code).toBe(0);
    expect(existsSync(join(out, 'grille-e32-ccf.pdf'))).toBe(true);
    expect(existsSync(join(out, 'grille-e42.pdf'))).toBe(true);
  });
});

describe('npx paperasse', () => {
  it('runs from the repository root through the package bin entry, as the README says', async () => {
    const s = await new Promise<Output>((resolve) => {
      execFile('npx', ['--no-install', 'paperasse', '--version'], { cwd: ROOT }, (err, stdout, stderr) => {
        resolve({ code: err ? 1 : 0, stdout, stderr });
      });
    });
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('a closed pipe', () => {
  it('ends quietly when the reader stops early, as `| head -n 1` does', async () => {
    const s = await new Promise<Output>((resolve) => {
      execFile('bash', ['-c', `node ${ROOT}src/cli/paperasse.mjs validate dossier-professionnel samples/invalides/dossier-professionnel-champs-invalides.json | head -n 1`], { cwd: ROOT }, (err, stdout, stderr) => {
        resolve({ code: err ? 1 : 0, stdout, stderr });
      });
    });
    expect(s.stderr).not.toContain('EPIPE');
    expect(s.stdout).toMatch(/^✗ .* n’est pas valide/);
  });
});

describe('paperasse help and --version', () => {
  it('prints the usage of every command and the package version', async () => {
    const hint = await paperasse(['help']);
    expect(hint.code).toBe(0);
    for (const c of ['forms', 'schema', 'validate', 'render', 'serve']) expect(hint.stdout).toContain(`paperasse ${c}`);
    const version = await paperasse(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
