/** Limits of the document files (justificatifs) inserted into a dossier; kept apart from the PDF code that draws them. */
import { formatBytes } from '../core/json.ts';

/** Largest document file accepted. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Returns the message of a document file over MAX_ATTACHMENT_BYTES, with what to do. */
export function tooBigMessage(name: string, size: number): string {
  return `Le document « ${name} » pèse ${formatBytes(size)}, plus que la limite de ${formatBytes(MAX_ATTACHMENT_BYTES)} : numérisez-le en résolution plus basse (150 à 200 dpi suffisent).`;
}
/** Most pages one document file may insert. */
export const MAX_ATTACHMENT_PAGES = 30;
