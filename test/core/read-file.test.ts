/**
 * readFileLimited reads regular files only, their size checked before reading: a FIFO, /dev/zero and a folder are
 * refused at once (none of them hangs), a file over the limit is refused without being read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileLimited } from '../../src/core/json.ts';

const dir = mkdtempSync(join(tmpdir(), 'paperasse-lecture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readFileLimited', () => {
  it('reads a regular file up to exactly the limit, and refuses one byte more with FICHIER_TROP_GROS', async () => {
    const path = join(dir, 'dix.txt');
    writeFileSync(path, '0123456789');
    expect(await readFileLimited(path, 10)).toEqual({ ok: true, valeur: new Uint8Array(Buffer.from('0123456789')) });
    expect(await readFileLimited(path, 9)).toMatchObject({ ok: false, erreur: { code: 'FICHIER_TROP_GROS', chemin: path } });
    expect(await readFileLimited(join(dir, 'vide.txt'), 10)).toMatchObject({ ok: false, erreur: { code: 'FICHIER_INTROUVABLE' } });
  });

  it('refuses a FIFO nobody writes to, /dev/zero and a folder with FICHIER_ILLISIBLE, without waiting', async () => {
    const fifo = join(dir, 'tube');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const refused = await Promise.all([readFileLimited(fifo, 1024), readFileLimited('/dev/zero', 1024), readFileLimited(dir, 1024)]);
    expect(refused.map((r) => (r.ok ? 'OK' : r.erreur.code))).toEqual(['FICHIER_ILLISIBLE', 'FICHIER_ILLISIBLE', 'FICHIER_ILLISIBLE']);
    expect(refused[0]?.ok === false && refused[0].erreur.message).toContain('n’est pas un fichier ordinaire');
    expect(refused[2]?.ok === false && refused[2].erreur.message).toContain('est un dossier');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
