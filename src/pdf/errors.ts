/** The error values of a PDF that cannot be read safely, shared by every module of `src/pdf/`. */
import { failure, type Issue, type Result } from '../core/issues.ts';

/** What a secretariat can do about a damaged file. */
const RESEND = 'demandez à l’expéditeur de l’enregistrer à nouveau depuis son lecteur PDF et de le renvoyer';

/** Returns the PDF_ILLISIBLE error of a damaged file: `<name> est <what>`, and what the secretariat can do about it. */
export function damagedIssue(name: string, what: string): Issue {
  return { code: 'PDF_ILLISIBLE', chemin: name, message: `${name === '' ? 'le fichier' : name} est ${what} ; ${RESEND}` };
}

/** Returns the failure of a damaged file (see `damagedIssue`). */
export function damaged<T>(name: string, what: string): Result<T> {
  return { ok: false, erreur: damagedIssue(name, what) };
}

/** Returns the PDF_CHIFFRE failure. */
export function encrypted<T>(name: string): Result<T> {
  return failure(
    'PDF_CHIFFRE',
    name,
    `${name} est chiffré (mot de passe ou restrictions) : Paperasse ne lit pas les PDF chiffrés ; enregistrez-en une copie sans protection`,
  );
}

/** Returns the TROP_DE_PAGES failure. */
export function tooManyPages<T>(name: string, pages: number, max: number, verb: 'annonce' | 'a plus de'): Result<T> {
  const shown = verb === 'annonce' ? pages : max;
  return failure(
    'TROP_DE_PAGES',
    name,
    `${name} ${verb} ${shown.toLocaleString('fr-FR')} pages : le maximum accepté est ${max.toLocaleString('fr-FR')}`,
  );
}

/** Returns the failure of a cross-reference or object stream compressed in a way Paperasse does not decode. */
export function unsupportedFilter<T>(name: string): Result<T> {
  return damaged(name, 'illisible : un flux de structure utilise une compression que Paperasse ne décode pas');
}

/** Returns the failure of a file holding more objects than the limit. */
export function tooManyObjects<T>(name: string, max: number): Result<T> {
  return damaged(name, `trop complexe : il compte plus de ${max.toLocaleString('fr-FR')} objets`);
}
