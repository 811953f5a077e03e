/** The school's own template being written in the template editor, kept in this browser tab for the letters page. */

const KEY = 'paperasse.modele.';

/** Returns the template the editor kept for letter `lettre`, or undefined. */
export function modeleEnregistre(lettre: string): string | undefined {
  return window.sessionStorage.getItem(KEY + lettre) ?? undefined;
}

/** Keeps `source` as the template of letter `lettre` for this tab. */
export function enregistrerModele(lettre: string, source: string): void {
  window.sessionStorage.setItem(KEY + lettre, source);
}
