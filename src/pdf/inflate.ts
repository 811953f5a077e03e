/**
 * The only way Paperasse decompresses a stream taken from a user's PDF: zlib with a bounded output, so a
 * decompression bomb is refused instead of expanded.
 */
import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, type PDFRawStream } from 'pdf-lib';
import { failure, success, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import { damaged, unsupportedFilter } from './errors.ts';

/** Returns the zlib-inflated bytes, 'trop-gros' when they would exceed `maxBytes`, 'corrompu' when the data is not zlib. */
export function inflateWithin(data: Uint8Array, maxBytes: number): Uint8Array | 'trop-gros' | 'corrompu' {
  try {
    // maxOutputLength makes zlib stop (and throw) as soon as the output grows past the cap: nothing bigger is allocated.
    const out = inflateSync(data, { maxOutputLength: Math.max(1, maxBytes), finishFlush: constants.Z_SYNC_FLUSH });
    return out.length > maxBytes ? 'trop-gros' : new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (e) {
    return e instanceof RangeError ? 'trop-gros' : 'corrompu';
  }
}

/**
 * Returns the zlib-inflated bytes, or PDF_ILLISIBLE when they are corrupt or would exceed `maxBytes`; `cap` says how the
 * message names the cap, only when it is needed (`maxBytes` by default; a caller sharing one budget between streams
 * names the whole budget).
 */
export function inflateLimited(data: Uint8Array, maxBytes: number, name: string, cap?: () => string): Result<Uint8Array> {
  const out = inflateWithin(data, maxBytes);
  if (out === 'trop-gros') return tooLarge(name, cap === undefined ? formatBytes(maxBytes) : cap());
  if (out === 'corrompu') return damaged(name, 'illisible : un flux compressé est endommagé');
  return success(out);
}

/** Returns the failure of a stream that decompresses past its cap. */
function tooLarge(name: string, cap: string): Result<Uint8Array> {
  return failure('PDF_ILLISIBLE', name, `${name === '' ? 'le fichier' : name} est refusé : un flux compressé se décompresse en plus de ${cap} (bombe de décompression)`);
}

/** Returns a stream's contents, inflated through `inflateLimited` when its only filter is FlateDecode (other filters: PDF_ILLISIBLE). */
export function inflateIfFlate(stream: PDFRawStream, maxBytes: number, name: string, cap?: () => string): Result<Uint8Array> {
  const filter = onlyFilter(stream.dict);
  if (filter === 'none') return success(stream.contents);
  if (filter === 'FlateDecode') return inflateLimited(stream.contents, maxBytes, name, cap);
  return unsupportedFilter(name);
}

/** Returns the single filter of a stream ('none' without one; 'other' for chains and the rest). */
export function onlyFilter(dict: PDFDict): 'none' | 'FlateDecode' | 'other' {
  let filter = dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFArray && filter.size() <= 1) filter = filter.size() === 0 ? undefined : filter.lookup(0);
  if (filter === undefined) return 'none';
  return filter === PDFName.of('FlateDecode') ? 'FlateDecode' : 'other';
}

/** Returns rows with PNG predictors (filter byte per row) undone, or undefined when a row's filter is unknown. */
export function undoPngPredictor(data: Uint8Array, rowBytes: number, pixelBytes: number): Uint8Array | undefined {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * (rowBytes + 1)] ?? 0;
    if (filter > 4) return undefined;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[r * (rowBytes + 1) + 1 + i] ?? 0;
      const left = i >= pixelBytes ? out[r * rowBytes + i - pixelBytes] ?? 0 : 0;
      const up = r > 0 ? out[(r - 1) * rowBytes + i] ?? 0 : 0;
      const upLeft = r > 0 && i >= pixelBytes ? out[(r - 1) * rowBytes + i - pixelBytes] ?? 0 : 0;
      out[r * rowBytes + i] = (raw + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

/** Returns the PNG predictor's guess for one byte. */
function predict(filter: number, left: number, up: number, upLeft: number): number {
  if (filter === 1) return left;
  if (filter === 2) return up;
  if (filter === 3) return Math.floor((left + up) / 2);
  if (filter === 4) {
    const p = left + up - upLeft;
    const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
    if (pa <= pb && pa <= pc) return left;
    return pb <= pc ? up : upLeft;
  }
  return 0;
}
