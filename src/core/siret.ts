/**
 * SIRET numbers (14 digits: the 9-digit SIREN of the company, then the establishment's number): their key check,
 * and the SIRET_INVALIDE error shared by the forms that ask for one (fiche de validation de mission, bordereau
 * de rupture).
 */
import type { RuleContext } from './forms.ts';
import type { Issue } from './issues.ts';

/**
 * Returns true when a SIRET's key is right: the Luhn algorithm, or, for La Poste's establishments (SIREN
 * 356000000) whose numbers do not follow it, a sum of digits that is a multiple of 5.
 */
export function isValidSiret(siret: string): boolean {
  if (!/^[0-9]{14}$/.test(siret)) return false;
  const digits = [...siret].map(Number);
  const luhn = [...digits]
    .reverse()
    .map((d, i) => (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d))
    .reduce((a, b) => a + b, 0);
  if (luhn % 10 === 0) return true;
  return siret.startsWith('356000000') && digits.reduce((a, b) => a + b, 0) % 5 === 0;
}

/** Returns the SIRET_INVALIDE error for the SIRET at `path`, if its key is wrong. */
export function checkSiret(siret: string, path: string, ctx: RuleContext): Issue[] {
  return isValidSiret(siret)
    ? []
    : [
        ctx.error(
          'SIRET_INVALIDE',
          path,
          `n’est pas un numéro SIRET existant (sa clé de contrôle est fausse) : recopiez les 14 chiffres depuis un document officiel de l’organisme (Kbis, fiche de paie, annuaire des entreprises)`,
        ),
      ];
}
