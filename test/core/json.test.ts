/** Reading JSON input: located errors for malformed text, encodings, sizes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, parseJsonBytes, readJsonFile } from '../../src/core/json.ts';

describe('parseJson', () => {
  it('parses valid JSON and ignores a byte order mark', () => {
    expect(parseJson('\ufeff{"a": "é"}', 'x.json')).toEqual({ ok: true, valeur: { a: 'é' } });
  });

  it.each([
    ['{"a": 1,}', 'ligne 1, colonne 9', 'x.json:1:9'],
    ['{\n  "a": 1\n  "b": 2\n}', 'ligne 3, colonne 3 : « , » attendue', 'x.json:3:3'],
    ['{"a": "ligne\ncoupée"}', 'ligne 1, colonne', 'x.json:1:'],
    ['[1, 2', '« ] » attendu', 'x.json:1:'],
    ['{"a": 1} {"b": 2}', 'fin du texte attendue', 'x.json:1:10'],
    ['// commentaire\n{}', 'commentaires ne sont pas permis', 'x.json:1:1'],
  ])('locates the error in %j', (text, message, path) => {
    const r = parseJson(text, 'x.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.erreur.code).toBe('JSON_MALFORME');
    expect(r.erreur.message).toContain(message);
    expect(r.erreur.chemin.startsWith(path)).toBe(true);
  });

  it('says an empty document is empty', () => {
    const r = parseJson('  \n', 'vide.json');
    expect(r.ok ? '' : r.erreur.message).toContain('est vide');
  });
});

describe('parseJsonBytes', () => {
  it('refuses bytes that are not UTF-8 and says how to fix it', () => {
    const r = parseJsonBytes(Buffer.from('{"nom": "Andr\xe9"}', 'latin1'), 'a.json');
    expect(r.ok ? '' : r.erreur.code).toBe('FICHIER_ILLISIBLE');
    expect(r.ok ? '' : r.erreur.message).toContain('UTF-8');
  });
});

describe('readJsonFile', () => {
  const dossier = mkdtempSync(join(tmpdir(), 'paperasse-json-'));

  it('refuses a file over the size limit before reading it', async () => {
    const path = join(dossier, 'gros.json');
    writeFileSync(path, JSON.stringify({ x: 'a'.repeat(2000) }));
    const r = await readJsonFile(path, 1000);
    expect(r.ok ? '' : r.erreur.code).toBe('FICHIER_TROP_GROS');
    expect(r.ok ? '' : r.erreur.message).toMatch(/limite est 1 000 octets|limite est 1000 octets/);
  });

  it('names a missing file', async () => {
    const r = await readJsonFile(join(dossier, 'absent.json'));
    expect(r.ok ? null : r.erreur).toMatchObject({ code: 'FICHIER_INTROUVABLE', chemin: join(dossier, 'absent.json') });
  });
});
