/**
 * The page content streams of a user's PDF, decoded within one budget: pdf-lib decodes them whole and uncapped
 * when it embeds a page into another PDF, so a document is embedded only once this check passed.
 */
import { PDFArray, PDFName, PDFRawStream, type PDFContext, type PDFDict } from 'pdf-lib';
import { inflateWithin, onlyFilter } from './inflate.ts';
import { resolveRef } from './tree.ts';

/**
 * What decoding a document's page contents gives: their total size; 'trop-gros' past the budget; 'illisible' for a
 * corrupt stream or a compression other than Flate (which pdf-lib would decode uncapped).
 */
export type ContentsCheck = { etat: 'ok'; octets: number } | { etat: 'trop-gros' } | { etat: 'illisible' };

/** Returns the total decoded size of the pages' content streams once each is decoded within what remains of `budget`. */
export function checkPageContents(context: PDFContext, pages: readonly PDFDict[], budget: number): ContentsCheck {
  let used = 0;
  for (const page of pages) {
    for (const stream of contentStreams(context, page)) {
      const size = decodedSize(stream, budget - used);
      if (size === 'trop-gros') return { etat: 'trop-gros' };
      if (size === 'corrompu') return { etat: 'illisible' };
      used += size;
    }
  }
  return { etat: 'ok', octets: used };
}

/** Returns the content streams of a page (an entry that is not a stream is left to pdf-lib, which does not decode it). */
function contentStreams(context: PDFContext, page: PDFDict): PDFRawStream[] {
  const contents = resolveRef(context, page.get(PDFName.of('Contents')));
  if (contents === undefined) return [];
  const items = contents instanceof PDFArray ? contents.asArray().map((item) => resolveRef(context, item)) : [contents];
  return items.filter((item): item is PDFRawStream => item instanceof PDFRawStream);
}

/** Returns the decoded size of one stream (Flate or no filter) when it fits in `remaining` bytes. */
function decodedSize(stream: PDFRawStream, remaining: number): number | 'trop-gros' | 'corrompu' {
  const filter = onlyFilter(stream.dict);
  if (filter === 'other') return 'corrompu';
  if (filter === 'none') return stream.contents.length > remaining ? 'trop-gros' : stream.contents.length;
  const out = inflateWithin(stream.contents, Math.max(0, remaining));
  return typeof out === 'string' ? out : out.length;
}
