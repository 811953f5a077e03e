/** SIRET key check shared by the fiche de validation de mission and the bordereau de rupture. */
import { describe, expect, it } from 'vitest';
import { isValidSiret } from '../../src/core/siret.ts';

describe('isValidSiret', () => {
  it('accepts a SIRET whose Luhn key is right', () => {
    expect(isValidSiret('84215307400021')).toBe(true);
  });

  it('accepts La Poste’s establishments by their sum of digits, and only theirs', () => {
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000000019')).toBe(false);
  });

  it('refuses a wrong key, a wrong length or other characters', () => {
    expect(isValidSiret('84215307400022')).toBe(false);
    expect(isValidSiret('8421530740002')).toBe(false);
    expect(isValidSiret('8421530740002A')).toBe(false);
  });
});
