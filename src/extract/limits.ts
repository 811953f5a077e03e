/**
 * Limits applied when reading a returned PDF: the caps of `src/pdf/limits.ts`, under the name extraction uses.
 */
import type { PdfLimits } from '../pdf/limits.ts';

export { DEFAULT_LIMITS, withLimits } from '../pdf/limits.ts';

/** The caps applied to one uploaded PDF (see `PdfLimits`). */
export type ExtractLimits = PdfLimits;
