/**
 * Cheap checks on an uploaded file before any PDF parser sees it, and the only way Paperasse decompresses a
 * Flate stream taken from an upload (bounded output, so a zip bomb is refused instead of expanded).
 */
import { constants, inflateSync } from 'node:zlib';
import { failure, success, type Issue, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import type { ExtractLimits } from './limits.ts';

/** How far into the file the `%PDF-` header may start (what Acrobat tolerates). */
export const HEADER_WINDOW = 1024;

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Returns the offset of the first `%PDF-` within the first HEADER_WINDOW bytes, or -1. */
export function headerOffset(bytes: Uint8Array): number {
  const last = Math.min(bytes.length, HEADER_WINDOW) - PDF_HEADER.length;
  for (let i = 0; i <= last; i++) {
    if (PDF_HEADER.every((b, k) => bytes[i + k] === b)) return i;
  }
  return -1;
}

/** Returns what the file looks like when it is a common non-PDF format (" : c’est une image PNG"), else ''. */
function sniffKind(bytes: Uint8Array): string {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return ' (c’est une image PNG)';
  if (starts(0xff, 0xd8, 0xff)) return ' (c’est une image JPEG)';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return ' (c’est une archive ZIP, peut-être un document Word ou Excel)';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return ' (c’est un texte en UTF-16)';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return ' (c’est une page HTML)';
  return '';
}

/** Returns success when the upload is not empty, not over `maxBytes` and has `%PDF-` in its first 1024 bytes. */
export function checkUpload(bytes: Uint8Array, name: string, limits: Pick<ExtractLimits, 'maxBytes'>): Result<void> {
  if (bytes.length === 0) return failure('PAS_UN_PDF', name, `${name} est vide : ce n’est pas un PDF`);
  if (bytes.length > limits.maxBytes) {
    return failure(
      'FICHIER_TROP_GROS',
      name,
      `${name} pèse ${formatBytes(bytes.length)} : la taille maximale acceptée est ${formatBytes(limits.maxBytes)}`,
    );
  }
  if (headerOffset(bytes) < 0) {
    return failure('PAS_UN_PDF', name, `${name} n’est pas un PDF : il ne commence pas par « %PDF- »${sniffKind(bytes)}`);
  }
  return success(undefined);
}

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

/**
 * Returns the zlib-inflated bytes, or PDF_ILLISIBLE when they are corrupt or would exceed `maxBytes`; `cap` is how the
 * message names the cap (`maxBytes` by default; a caller sharing one budget between streams names the whole budget).
 */
export function inflateLimited(data: Uint8Array, maxBytes: number, name: string, cap = formatBytes(maxBytes)): Result<Uint8Array> {
  try {
    // maxOutputLength makes zlib stop (and throw) as soon as the output grows past the cap: nothing bigger is allocated.
    const out = inflateSync(data, { maxOutputLength: Math.max(1, maxBytes), finishFlush: constants.Z_SYNC_FLUSH });
    if (out.length > maxBytes) return tooLarge(name, cap);
    return success(new Uint8Array(out.buffer, out.byteOffset, out.length));
  } catch (e) {
    if (e instanceof RangeError) return tooLarge(name, cap);
    return damaged(name, 'illisible : un flux compressé est endommagé');
  }
}

/** Returns the failure of a stream that decompresses past its cap. */
function tooLarge(name: string, cap: string): Result<Uint8Array> {
  return failure('PDF_ILLISIBLE', name, `${name === '' ? 'le fichier' : name} est refusé : un flux compressé se décompresse en plus de ${cap} (bombe de décompression)`);
}
