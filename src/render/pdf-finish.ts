/**
 * The embedded `paperasse.json` every Paperasse PDF carries (written by the engine, `engine/document.ts`) and the
 * digest of its data, written and checked with the same function.
 */
import { createHash } from 'node:crypto';
import { ATTACHMENT_NAME, type EmbeddedData } from './engine/document.ts';

export { ATTACHMENT_NAME, type EmbeddedData };

/** Returns the SHA-256 (hex) `paperasse.json` records for its data: that of `JSON.stringify(donnees)` in UTF-8. Written and checked with this one function. */
export function dataDigest(donnees: unknown): string {
  return serializedDigest(JSON.stringify(donnees));
}

/** Returns `dataDigest` of data already serialized with `JSON.stringify`. */
export function serializedDigest(serialized: string): string {
  return createHash('sha256').update(serialized, 'utf8').digest('hex');
}
