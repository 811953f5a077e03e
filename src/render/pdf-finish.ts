/**
 * The embedded `paperasse.json` every Paperasse PDF carries (written by the engine, `engine/document.ts`; read by
 * extraction, which therefore imports this module and not the engine) and the digest of its data, written and checked
 * with the same function.
 */
import { createHash } from 'node:crypto';

/** The embedded data file of every Paperasse PDF. */
export interface EmbeddedData {
  formulaire: string;
  version: string;
  documentId: string;
  /** SHA-256 (hex) of `JSON.stringify(donnees)` in UTF-8. */
  sha256: string;
  /** The rendered data; null for a blank form. */
  donnees: unknown;
  /**
   * Fillable PDFs only: the names of the form fields Paperasse created, in their order. Reading the PDF back checks
   * that each is still there without laying the form out again (not covered by `sha256`: a file whose list was
   * changed can only hide a field that disappeared, whose value is then missing from the data it gives).
   */
  champs?: string[];
}

/** Name of the attachment every Paperasse PDF carries. */
export const ATTACHMENT_NAME = 'paperasse.json';

/** Returns the SHA-256 (hex) `paperasse.json` records for its data: that of `JSON.stringify(donnees)` in UTF-8. Written and checked with this one function. */
export function dataDigest(donnees: unknown): string {
  return serializedDigest(JSON.stringify(donnees));
}

/** Returns `dataDigest` of data already serialized with `JSON.stringify`. */
export function serializedDigest(serialized: string): string {
  return createHash('sha256').update(serialized, 'utf8').digest('hex');
}
