/**
 * Limits applied when reading a PDF someone gave us. Uploads are hostile input: every resource a file can make the
 * reader spend (bytes, pages, time, memory, decompressed bytes) is capped, and going over a cap is an error value.
 */

/** The caps applied to one PDF. */
export interface PdfLimits {
  /** Largest accepted file, in bytes (over it: `FICHIER_TROP_GROS`). */
  maxBytes: number;
  /** Most pages accepted, checked on the page tree's /Count before any page is walked (over it: `TROP_DE_PAGES`). */
  maxPages: number;
  /** CPU time of the worker reading one file, its start-up included, in milliseconds (over it, or over 5 times it by the clock: `DELAI_DEPASSE`). */
  timeoutMs: number;
  /** JavaScript heap of the worker that reads the file, in MiB (over it the worker dies: `PDF_ILLISIBLE`). */
  maxMemoryMb: number;
  /** Largest size one compressed stream may decompress to, in bytes (over it: `PDF_ILLISIBLE`, a zip bomb). */
  maxInflatedBytes: number;
  /** Most objects the file may hold, counted in its cross-reference sections and after parsing (over it: `PDF_ILLISIBLE`). */
  maxObjects: number;
}

const MIB = 1024 * 1024;

/** Default caps: 20 MiB per file, 300 pages, 20 s, a 512 MiB heap, 50 MiB per decompressed stream, 200,000 objects. */
export const DEFAULT_LIMITS: Readonly<PdfLimits> = Object.freeze({
  maxBytes: 20 * MIB,
  maxPages: 300,
  timeoutMs: 20_000,
  maxMemoryMb: 512,
  maxInflatedBytes: 50 * MIB,
  maxObjects: 200_000,
});

/** Returns the default limits with the given ones replacing them. */
export function withLimits(overrides: Partial<PdfLimits> = {}): PdfLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
