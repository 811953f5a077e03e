/**
 * Annex XII prints the visa block and the attestation sur l'honneur on every page de garde; only one of them concerns
 * a given candidate (§1.4.2: the visa, « cette disposition ne s'applique pas aux candidats individuels »; the
 * attestation, « pour les candidats individuels »). A page de garde printed by Paperasse, its attached data removed
 * (qpdf), is read back from its text layer: the block left blank on purpose is not reported unread, the one that
 * concerns the candidate still is when its places cannot be read (a place to sign has no text).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/extract/extract.ts';
import type { Extraction } from '../../src/extract/types.ts';
import { paperasse, sampleCopy } from '../helpers.ts';
import { save, tempDir } from '../render/tools.ts';

const dir = tempDir('pdg-relue');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Returns the extraction of the print PDF of `data` once qpdf removed its attached data (text layer only). */
async function readBack(stem: string, data: unknown): Promise<Extraction> {
  const rendered = await paperasse().renderPdf('page-de-garde', { donnees: data });
  if (!rendered.ok) throw new Error(`${rendered.erreur.code}: ${rendered.erreur.message}`);
  const input = save(dir, `${stem}.pdf`, rendered.octets);
  const output = join(dir, `${stem}-sans-donnees.pdf`);
  execFileSync('qpdf', ['--remove-attachment=paperasse.json', input, output]);
  const outcome = await extractPdf(new Uint8Array(readFileSync(output)), `${stem}.pdf`);
  if (!outcome.ok) throw new Error(`${outcome.erreur.code}: ${outcome.erreur.message}`);
  expect(outcome.valeur).toMatchObject({ formulaire: 'page-de-garde', source: 'texte' });
  return outcome.valeur;
}

/** Returns the paths reported CHAMP_NON_LU under `prefix`. */
function unreadUnder(read: Extraction, prefix: string): string[] {
  return read.erreurs.filter((e) => e.code === 'CHAMP_NON_LU' && e.chemin.startsWith(prefix)).map((e) => e.chemin);
}

/** The sample's candidate made a candidat individuel: no établissement, no visa, the attestation as given. */
function individual(attestation?: object): unknown {
  const data = sampleCopy<Record<string, unknown>>('page-de-garde');
  (data.candidat as Record<string, unknown>).statut = 'individuel';
  delete data.etablissement;
  delete data.visa;
  if (attestation) data.attestationSurLhonneur = attestation;
  return data;
}

describe('a page de garde read back from its text layer', () => {
  it('does not report the blank attestation sur l’honneur of an apprentice (it concerns candidats individuels only)', async () => {
    const read = await readBack('apprenti', sampleCopy('page-de-garde'));
    expect(read.donnees).toMatchObject({ candidat: { statut: 'apprenti' } });
    expect(unreadUnder(read, '/attestationSurLhonneur')).toEqual([]);
    expect(read.erreurs.filter((e) => e.chemin.startsWith('/attestationSurLhonneur'))).toEqual([]);
    // The visa concerns the apprentice: its places, which the text cannot give back, are still listed.
    expect(unreadUnder(read, '/visa')).toEqual(expect.arrayContaining(['/visa/signe']));
  });

  it('reports the blank attestation of a candidat individuel, and not the visa nor the établissement, which do not concern them', async () => {
    const read = await readBack('individuel-vierge', individual());
    expect(read.donnees).toMatchObject({ candidat: { statut: 'individuel' } });
    expect(unreadUnder(read, '/attestationSurLhonneur')).toEqual(expect.arrayContaining(['/attestationSurLhonneur/lieu', '/attestationSurLhonneur/signe']));
    expect(unreadUnder(read, '/visa')).toEqual([]);
    expect(unreadUnder(read, '/etablissement')).toEqual([]);
  });

  it('reads a candidat individuel’s attestation back or lists its places as unread, never the visa', async () => {
    const read = await readBack('individuel-signe', individual({ lieu: 'Montpellier', date: '2019-03-20', signe: true }));
    expect(read.donnees).toMatchObject({ candidat: { statut: 'individuel' }, attestationSurLhonneur: { date: '2019-03-20' } });
    const unread = unreadUnder(read, '/attestationSurLhonneur');
    // The place to sign has no text; « Fait à » is read right or listed, never guessed.
    expect(unread).toContain('/attestationSurLhonneur/signe');
    const lieu = (read.donnees as { attestationSurLhonneur?: { lieu?: string } }).attestationSurLhonneur?.lieu;
    expect(lieu === 'Montpellier' || (lieu === undefined && unread.includes('/attestationSurLhonneur/lieu'))).toBe(true);
    expect(unreadUnder(read, '/visa')).toEqual([]);
    expect(unreadUnder(read, '/etablissement')).toEqual([]);
  });
});
