/**
 * What each file of the hostile corpus (test/fixtures/make-hostile.ts) must end with at each entry point that accepts a
 * user's PDF, shared by the in-process test (test/pdf/entry-points.test.ts) and the HTTP one (test/server/hostile.test.ts).
 */
import type { CorpusEntry, NastyEntry } from '../fixtures/make-hostile.ts';

/** Returns the code a corpus file must end with as a dossier justificatif ('OK' when it is inserted). */
export function asJustificatif(entry: CorpusEntry | NastyEntry): string {
  if (entry.file === 'bombe-flux-contenu.pdf') return 'JUSTIFICATIF_TROP_GROS';
  // Its page's /Contents is not a stream: pdf-lib cannot write the page it embeds (as before the guarded path).
  if (entry.file === 'longueur-enorme-sans-endstream.pdf') return 'JUSTIFICATIF_ILLISIBLE';
  if (entry.attendu === 'OK') return 'OK';
  // Images are justificatifs too; the files refused for a 1 KiB cap are far under a justificatif's 20 MiB.
  if (entry.file === 'image-png.pdf' || entry.file === 'image-jpeg.pdf' || entry.attendu === 'FICHIER_TROP_GROS') return 'OK';
  return entry.attendu === 'TROP_DE_PAGES' ? 'JUSTIFICATIF_TROP_GROS' : 'JUSTIFICATIF_ILLISIBLE';
}

/** Returns the code a corpus file must end with when probed by the lazy reading ('OK' when it is read). */
export function asProbe(entry: CorpusEntry | NastyEntry): string {
  return 'lecture' in entry && entry.lecture !== undefined ? entry.lecture : entry.attendu;
}

/**
 * Returns the code a corpus file must end with through extraction ('OK' when read): a file the lazy reading reads is
 * a PDF without a Paperasse form.
 */
export function asExtraction(entry: CorpusEntry | NastyEntry): string {
  return asProbe(entry) === 'OK' && entry.attendu !== 'OK' ? 'FORMULAIRE_INCONNU' : entry.attendu;
}
