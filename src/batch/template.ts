/**
 * A school's own letter template for a batch (`--template`). The one place the batch hands a template's source to
 * the letters' template compiler; this version has no such compiler, so a template is refused, never ignored.
 */
import { failure, type Result } from '../core/issues.ts';

/** A template ready for the workers: its source, checked against the letter. */
export interface BatchTemplate {
  source: string;
}

/** Returns the template `source` read from `file`, checked for letter `lettre`, or why it cannot be used (MODELE_NON_DISPONIBLE). */
export function prepareBatchTemplate(lettre: string, file: string, source: string): Result<BatchTemplate> {
  void source;
  return failure(
    'MODELE_NON_DISPONIBLE',
    file,
    `Le modèle de courrier « ${file} » n’est pas utilisé : cette version de Paperasse ne sait pas encore remplacer le texte du courrier « ${lettre} » par un modèle d’établissement. Aucun courrier n’est produit ; relancez sans --template pour le texte standard.`,
  );
}
