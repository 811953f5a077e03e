/**
 * pdf-lib's parse of a user's PDF with every stream it decodes bounded. pdf-lib inflates object and
 * cross-reference streams whole, in JavaScript, with no cap: during a guarded load its two stream parsers are
 * wrapped so those streams go through `inflateLimited` first (a decompression bomb is refused, not expanded).
 * The wrapping is installed when the first guarded load starts and removed when the last one ends, and it only
 * acts on parses started inside a guarded load: every other caller of pdf-lib sees pdf-lib unchanged.
 * The lazy opening (`lazy.ts`, `openPdf`) does not go through it: it never calls pdf-lib's stream parsers, decoding
 * object streams itself within the same budget. Whole-file loads (an earlier signed revision, an attachment checked
 * before the painter embeds it) still do.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EncryptedPDFError, ParseSpeeds, PDFDocument, PDFName, PDFObjectStreamParser, PDFRawStream, PDFXRefStreamParser } from 'pdf-lib';
import { success, type Issue, type Result } from '../core/issues.ts';
import { damaged, encrypted } from './errors.ts';
import { inflateIfFlate, onlyFilter } from './inflate.ts';
import type { PdfLimits } from './limits.ts';

/** The decompression budget of the load running in this async context, and the first refusal it met. */
interface DecodeGuard {
  maxBytes: number;
  name: string;
  refusal?: Issue;
}

const decodeGuard = new AsyncLocalStorage<DecodeGuard>();
// pdf-lib's own parsers (static arrow properties, which use no `this`), given back when no guarded load is in progress.
const originalObjectStream = PDFObjectStreamParser.forStream;
const originalXrefStream = PDFXRefStreamParser.forStream;
/** Guarded loads in progress (the parsers stay wrapped while there is one). */
let activeLoads = 0;

/** Wraps pdf-lib's object and cross-reference stream parsers (on the first guarded load in progress). */
function enterGuardedLoad(): void {
  if (activeLoads++ > 0) return;
  PDFObjectStreamParser.forStream = (raw, shouldWaitForTick) => originalObjectStream(guardedStream(raw), shouldWaitForTick);
  PDFXRefStreamParser.forStream = (raw) => originalXrefStream(guardedStream(raw));
}

/** Gives pdf-lib its own parsers back once no guarded load is in progress. */
function leaveGuardedLoad(): void {
  if (--activeLoads > 0) return;
  PDFObjectStreamParser.forStream = originalObjectStream;
  PDFXRefStreamParser.forStream = originalXrefStream;
}

/** Returns the stream pdf-lib may decode: already inflated within the budget, or a throw recording the refusal. */
function guardedStream(raw: PDFRawStream): PDFRawStream {
  const guard = decodeGuard.getStore();
  if (guard === undefined) return raw;
  const inflated = inflateIfFlate(raw, guard.maxBytes, guard.name);
  if (!inflated.ok) {
    guard.refusal ??= inflated.erreur;
    throw new Error('stream refused by the guarded load');
  }
  if (onlyFilter(raw.dict) === 'none' || raw.dict.has(PDFName.of('DecodeParms'))) return raw;
  const dict = raw.dict.clone();
  dict.delete(PDFName.of('Filter'));
  return PDFRawStream.of(dict, inflated.valeur);
}

/** Returns whether a guarded load is in progress (pdf-lib's parsers are wrapped only then). */
export function guardedLoadActive(): boolean {
  return activeLoads > 0;
}

/**
 * Returns the document parsed by pdf-lib with every stream it decodes bounded (a decompression bomb is refused), or why
 * it could not be parsed. `lenient` ignores /Encrypt (an earlier revision of a signed file, whose newest revision was already checked).
 */
export async function loadDocument(bytes: Uint8Array, name: string, limits: Pick<PdfLimits, 'maxInflatedBytes'>, lenient = false): Promise<Result<PDFDocument>> {
  const guard: DecodeGuard = { maxBytes: limits.maxInflatedBytes, name };
  enterGuardedLoad();
  try {
    const doc = await decodeGuard.run(guard, () =>
      PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: lenient, parseSpeed: ParseSpeeds.Fastest }),
    );
    return guard.refusal === undefined ? success(doc) : { ok: false, erreur: guard.refusal };
  } catch (e) {
    if (e instanceof EncryptedPDFError) return encrypted(name);
    if (guard.refusal !== undefined) return { ok: false, erreur: guard.refusal };
    return damaged(name, 'illisible : sa structure n’a pas pu être analysée');
  } finally {
    leaveGuardedLoad();
  }
}
