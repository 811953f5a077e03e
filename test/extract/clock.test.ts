/** The date rules of a reading done in the extraction worker use the clock of the Paperasse that asked for it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixedClock, Paperasse } from '../../src/api.ts';
import { SAMPLES } from '../helpers.ts';

const FILE = 'fiche-client-remplie.pdf';
const bytes = () => new Uint8Array(readFileSync(`${SAMPLES}renvoyes/${FILE}`));

describe('the clock of an extraction', () => {
  it('finds the client born in the future when the caller’s clock says 1980, and not with the real date', async () => {
    const in1980 = await new Paperasse(undefined, undefined, { clock: fixedClock('1980-01-01') }).extract(bytes(), FILE);
    expect(in1980.ok).toBe(true);
    if (!in1980.ok) return;
    expect(in1980.valeur.valide).toBe(false);
    expect(in1980.valeur.erreurs.map((e) => `${e.code} ${e.chemin}`)).toContain('DATE_FUTURE /dateNaissance');

    const today = await new Paperasse().extract(bytes(), FILE);
    expect(today.ok && today.valeur.valide).toBe(true);
  });
});
