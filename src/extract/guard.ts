/**
 * Cheap checks on an uploaded file before any PDF parser sees it. The sniffing, the damaged-file errors and the
 * bounded decompression live in `src/pdf/`; they are re-exported here for the extraction modules.
 */
import { failure, success, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import { describeFormat, headerOffset } from '../pdf/sniff.ts';
import type { ExtractLimits } from './limits.ts';

export { damaged, damagedIssue } from '../pdf/errors.ts';
export { HEADER_WINDOW, headerOffset } from '../pdf/sniff.ts';

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
    return failure('PAS_UN_PDF', name, `${name} n’est pas un PDF : il ne commence pas par « %PDF- »${describeFormat(bytes)}`);
  }
  return success(undefined);
}
