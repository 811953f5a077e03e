/** What kind of file some bytes are, from their first bytes only: the one sniffer of uploads and justificatifs. */

/** How far into the file the `%PDF-` header may start (what Acrobat tolerates). */
export const HEADER_WINDOW = 1024;

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** The formats Paperasse accepts from a user, as found by `sniffFormat`. */
export type SniffedFormat = 'pdf' | 'png' | 'jpg';

/** Returns the offset of the first `%PDF-` within the first HEADER_WINDOW bytes, or -1. */
export function headerOffset(bytes: Uint8Array): number {
  const last = Math.min(bytes.length, HEADER_WINDOW) - PDF_HEADER.length;
  for (let i = 0; i <= last; i++) {
    if (PDF_HEADER.every((b, k) => bytes[i + k] === b)) return i;
  }
  return -1;
}

/** Returns whether the bytes start with the signature. */
function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Returns the format of the bytes (PNG and JPEG by their signature, PDF by `%PDF-` in the first KiB), or undefined. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  return headerOffset(bytes) >= 0 ? 'pdf' : undefined;
}

/** Returns what a non-PDF file looks like when it is a common format (" (c’est une image PNG)"), else ''. */
export function describeFormat(bytes: Uint8Array): string {
  const format = sniffFormat(bytes);
  if (format === 'png') return ' (c’est une image PNG)';
  if (format === 'jpg') return ' (c’est une image JPEG)';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return ' (c’est une archive ZIP, peut-être un document Word ou Excel)';
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return ' (c’est un texte en UTF-16)';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return ' (c’est une page HTML)';
  return '';
}
