/**
 * The sandbox task that checks a document before Paperasse embeds it into a PDF it writes (a dossier's
 * justificatif): a PDF is opened by the guarded path (`openPdf`), its page contents decoded within the
 * decompression budget, then the whole file parsed as the painter parses it (`loadDocument`) and its pages
 * embedded into a scratch document, which finds broken content before any layout; an image is embedded the same way. Call it through `runInWorker` (see `render/attachments.ts`).
 */
import { PDFDocument } from 'pdf-lib';
import { success, type Result } from '../core/issues.ts';
import { checkPageContents } from './contents.ts';
import type { PdfLimits } from './limits.ts';
import { loadDocument } from './load.ts';
import { openPdf } from './open.ts';
import type { SniffedFormat } from './sniff.ts';

/** The input of the task. */
export interface EmbedCheckInput {
  bytes: Uint8Array;
  name: string;
  format: SniffedFormat;
  limits: PdfLimits;
  /** Most pages the caller embeds: a longer PDF is only counted, its contents are not decoded. */
  maxEmbeddedPages: number;
}

/** What the task learns: the page count, and whether the page contents decode within the budget and embed. */
export interface EmbedCheck {
  pages: number;
  contenus: 'ok' | 'trop-gros' | 'illisible';
}

/** Returns the check of a document to embed (the sandbox task); a PDF that cannot be opened safely is its failure. */
export async function run(input: EmbedCheckInput): Promise<Result<EmbedCheck>> {
  if (input.format !== 'pdf') return success({ pages: 1, contenus: (await embedsImage(input.bytes, input.format)) ? 'ok' : 'illisible' });
  const opened = await openPdf(input.bytes, input.name, input.limits);
  if (!opened.ok) return opened;
  const { doc, pages } = opened.valeur;
  if (pages.length > input.maxEmbeddedPages) return success({ pages: pages.length, contenus: 'ok' });
  const contents = checkPageContents(doc.context, pages, input.limits.maxInflatedBytes);
  if (contents.etat !== 'ok') return success({ pages: pages.length, contenus: contents.etat });
  // The painter parses the whole file (render/attachments.ts, `loadDocument`), not lazily as `openPdf` does: what it
  // would refuse (an object stream no page uses that decompresses past the budget, a header without a version…) is
  // refused here, before any layout, rather than failing the painter afterwards.
  const loaded = await loadDocument(input.bytes, input.name, input.limits);
  if (!loaded.ok) return loaded;
  return success({ pages: pages.length, contenus: (await embedsPages(loaded.valeur)) ? 'ok' : 'illisible' });
}

/** Returns whether every page of the document embeds into a scratch PDF that saves. */
async function embedsPages(doc: PDFDocument): Promise<boolean> {
  try {
    const scratch = await PDFDocument.create();
    await scratch.embedPages(doc.getPages());
    await scratch.save();
    return true;
  } catch {
    return false;
  }
}

/** Returns whether the image embeds into a scratch PDF. */
async function embedsImage(bytes: Uint8Array, format: 'png' | 'jpg'): Promise<boolean> {
  try {
    const scratch = await PDFDocument.create();
    if (format === 'png') await scratch.embedPng(bytes);
    else await scratch.embedJpg(bytes);
    return true;
  } catch {
    return false;
  }
}
