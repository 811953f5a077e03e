/**
 * The guarded opening of a user's PDF, the only way Paperasse opens one. Order of the checks, each one ending with
 * an error value:
 * 1. the file's skeleton, read by hand (`skeleton.ts`): end marker, cross-reference sections (and how many
 *    objects they list), /Encrypt;
 * 2. a lazy pdf-lib document over the skeleton's table (`lazy.ts`): an object is parsed when first looked up, an
 *    object stream decoded within the decompression budget;
 * 3. the page tree: /Count over the limit (`TROP_DE_PAGES`) before any page is walked, then an iterative walk
 *    where a node met twice (a cycle, or a branch shared to fake a huge tree) is `PDF_ILLISIBLE`;
 * 4. the AcroForm field tree and the /Names/EmbeddedFiles name tree, walked the same way;
 * 5. the active content (JavaScript, /Launch…), found and described, never run.
 * Page contents and attached files are never decoded here. Call it inside a sandbox task (`runInWorker`).
 */
import { PDFDict, type PDFDocument, type PDFRef } from 'pdf-lib';
import { success, type Result } from '../core/issues.ts';
import { findActiveContent, type ActiveContent } from './active.ts';
import { damaged } from './errors.ts';
import { walkFields, type FieldLeaf } from './fields.ts';
import type { PdfLimits } from './limits.ts';
import { lazyDocument } from './lazy.ts';
import { attachmentNames } from './names.ts';
import { pageLeaves } from './pages.ts';
import { checkSkeleton } from './skeleton.ts';

/** What the probe learns about a readable PDF. */
export interface PdfProbe {
  /** Number of pages (leaves of the page tree). */
  pages: number;
  /** Always false: an encrypted PDF is refused with `PDF_CHIFFRE`. */
  chiffre: false;
  /** Number of terminal AcroForm fields. */
  champs: number;
  /** Names of the attached files (/Names/EmbeddedFiles), from each file specification's /UF or /F, else its key. */
  piecesJointes: string[];
  /** The JavaScript and risky actions the file carries (reported, never run). */
  actif: ActiveContent[];
}

/** A PDF that passed every structural check: pdf-lib's parse, its catalog (the newest trailer's /Root), its pages, fields and probe. */
export interface OpenedPdf {
  doc: PDFDocument;
  catalog: PDFDict;
  /** The page dictionaries, in order. */
  pages: PDFDict[];
  /** The terminal form fields (see `walkFields`). */
  fields: FieldLeaf[];
  probe: PdfProbe;
}

/** Returns the parsed document, its catalog and its probe once checks 1 to 5 pass (to be called inside a sandbox task). */
export function openPdf(bytes: Uint8Array, name: string, limits: PdfLimits): Promise<Result<OpenedPdf>> {
  return new Promise((resolve) => resolve(openSync(bytes, name, limits)));
}

/** Returns what `openPdf` resolves to (the lazy opening does all its work synchronously). */
function openSync(bytes: Uint8Array, name: string, limits: PdfLimits): Result<OpenedPdf> {
  const skeleton = checkSkeleton(bytes, name, limits);
  if (!skeleton.ok) return skeleton;
  const { doc, objects } = lazyDocument(bytes, skeleton.valeur, name, limits);
  const described = describe(doc, skeleton.valeur.root, name, limits);
  // An object stream the walk needed and the budget refused refuses the file, whatever the walk made of its absence.
  return objects.refusal === undefined ? described : { ok: false, erreur: objects.refusal };
}

/** Returns the opened document whose catalog is `root` (pdf-lib's own guess, when /Root is broken, is not used). */
function describe(doc: PDFDocument, root: PDFRef, name: string, limits: PdfLimits): Result<OpenedPdf> {
  const catalog = doc.context.lookup(root);
  if (!(catalog instanceof PDFDict)) return damaged(name, 'endommagé : le catalogue du document est introuvable');
  const pages = pageLeaves(doc.context, catalog, name, limits.maxPages);
  if (!pages.ok) return pages;
  const fields = walkFields(doc.context, catalog);
  if (fields.cycle) return damaged(name, 'endommagé : l’arborescence des champs de formulaire boucle sur elle-même');
  const piecesJointes = attachmentNames(doc.context, catalog, name);
  if (!piecesJointes.ok) return piecesJointes;
  const actif = findActiveContent(doc.context, catalog, pages.valeur, fields.fields.map((f) => f.dict));
  const probe: PdfProbe = { pages: pages.valeur.length, chiffre: false, champs: fields.fields.length, piecesJointes: piecesJointes.valeur, actif };
  return success({ doc, catalog, pages: pages.valeur, fields: fields.fields, probe });
}

