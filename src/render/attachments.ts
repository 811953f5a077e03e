/**
 * Documents inserted as pages of a rendered PDF (the scanned attestations of a dossier professionnel): read and
 * checked before rendering, so a missing, corrupt or protected file is an error naming it, then drawn with
 * pdf-lib into the box the layout left under each inserted page's caption.
 */
import { degrees, PDFDocument, rgb, type PDFEmbeddedPage, type PDFImage, type PDFPage } from 'pdf-lib';
import { failure, success, type Issue, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_PAGES, tooBigMessage } from './attachment-limits.ts';
import { runInWorker } from '../pdf/sandbox.ts';
import type { EmbedCheck, EmbedCheckInput } from '../pdf/embed-check-task.ts';
import { DEFAULT_LIMITS, type PdfLimits } from '../pdf/limits.ts';
import { loadDocument } from '../pdf/load.ts';
import { sniffFormat } from '../pdf/sniff.ts';
import { siblingModule } from '../core/paths.ts';

export { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_PAGES, tooBigMessage };


/** A document file ready to be inserted. */
export type AttachmentSource = { kind: 'pdf'; name: string; bytes: Uint8Array; pages: number } | { kind: 'png' | 'jpg'; name: string; bytes: Uint8Array; pages: 1 };

/** The sandbox task that checks a document file before it is embedded. */
const CHECK_TASK = siblingModule(import.meta.url, '../pdf/embed-check-task');

/** The caps of the check: the upload limits, the document file's own size cap. */
const CHECK_LIMITS: Readonly<PdfLimits> = Object.freeze({ ...DEFAULT_LIMITS, maxBytes: MAX_ATTACHMENT_BYTES });

/**
 * Returns the document file `bytes` (called `name` in messages) checked for insertion, or why it cannot be inserted.
 * A PDF is opened only by the guarded path, in the sandbox (size, structure, pages, decompression budget of its
 * page contents, time and memory); an image is decoded there too.
 */
export async function readAttachment(bytes: Uint8Array, name: string): Promise<Result<AttachmentSource>> {
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    return failure('JUSTIFICATIF_TROP_GROS', name, tooBigMessage(name, bytes.length));
  }
  const kind = sniffFormat(bytes);
  if (!kind) return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » n’est ni un PDF, ni une image JPEG ou PNG (son contenu ne commence pas comme tel) : enregistrez-le dans l’un de ces formats.`);
  const input: EmbedCheckInput = { bytes, name, format: kind, limits: CHECK_LIMITS, maxEmbeddedPages: MAX_ATTACHMENT_PAGES };
  const checked = await runInWorker<EmbedCheckInput, EmbedCheck>(CHECK_TASK, input, CHECK_LIMITS, { nom: name });
  if (!checked.ok) return refusal(checked.erreur, name, kind);
  const { pages, contenus } = checked.valeur;
  if (contenus === 'illisible') return damagedAttachment(name, kind);
  if (kind !== 'pdf') return success({ kind, name, bytes, pages: 1 });
  if (pages > MAX_ATTACHMENT_PAGES) return tooManyPages(name, String(pages));
  if (contenus === 'trop-gros') {
    return failure('JUSTIFICATIF_TROP_GROS', name, `Le contenu des pages du document « ${name} » se décompresse en plus de ${formatBytes(CHECK_LIMITS.maxInflatedBytes)} : il n’est pas inséré ; imprimez-le en PDF ou numérisez-le à nouveau.`);
  }
  return success({ kind, name, bytes, pages });
}

/** Returns the failure of a document file the guarded opening refused, in the words of a justificatif. */
function refusal(issue: Issue, name: string, kind: 'pdf' | 'png' | 'jpg'): Result<AttachmentSource> {
  if (issue.code === 'PDF_CHIFFRE') return encrypted(name);
  if (issue.code === 'TROP_DE_PAGES') return tooManyPages(name, `plus de ${MAX_ATTACHMENT_PAGES}`);
  if (issue.code === 'FICHIER_TROP_GROS') return failure('JUSTIFICATIF_TROP_GROS', name, tooBigMessage(name, MAX_ATTACHMENT_BYTES + 1));
  if (issue.code === 'DELAI_DEPASSE') {
    return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » n’a pas pu être vérifié en ${CHECK_LIMITS.timeoutMs / 1000} s : il est trop complexe pour être inséré ; imprimez-le en PDF ou numérisez-le à nouveau.`);
  }
  return damagedAttachment(name, kind);
}

/** Returns the failure of a document with too many pages (`count` says how many). */
function tooManyPages(name: string, count: string): Result<AttachmentSource> {
  return failure('JUSTIFICATIF_TROP_GROS', name, `Le document « ${name} » compte ${count} pages, plus que les ${MAX_ATTACHMENT_PAGES} acceptées pour un justificatif : n’en gardez que les pages utiles.`);
}

/** Returns the failure of a damaged or incomplete document. */
function damagedAttachment(name: string, kind: 'pdf' | 'png' | 'jpg'): Result<AttachmentSource> {
  const what = kind === 'pdf' ? 'PDF' : `image ${kind.toUpperCase()}`;
  return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » est un ${what} endommagé ou incomplet, qui ne peut pas être inséré : enregistrez-le ou numérisez-le à nouveau.`);
}

/** Returns the failure of a password-protected document. */
function encrypted(name: string): Result<AttachmentSource> {
  return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » est protégé par un mot de passe : enregistrez-en une copie sans protection (ou imprimez-le en PDF) et joignez celle-ci.`);
}

/** The parsed PDF of each checked source, shared by every copy drawn in this process (each file is parsed once here). */
const parsed = new WeakMap<AttachmentSource, Promise<PDFDocument>>();

/** Returns the guarded parse of a checked PDF source (already accepted by `readAttachment`). */
function parsedSource(source: AttachmentSource): Promise<PDFDocument> {
  let doc = parsed.get(source);
  if (!doc) {
    doc = loadDocument(source.bytes, source.name, CHECK_LIMITS).then((loaded) => {
      if (!loaded.ok) throw new Error(`${source.name} no longer loads after its check`);
      return loaded.valeur;
    });
    parsed.set(source, doc);
  }
  return doc;
}

/** Draws pages of inserted documents into a PDF, embedding each source file once. */
export class AttachmentPainter {
  readonly #pdf: PDFDocument;
  readonly #pages = new Map<AttachmentSource, Promise<Array<{ page: PDFEmbeddedPage; rotation: number }>>>();
  readonly #images = new Map<AttachmentSource, Promise<PDFImage>>();

  constructor(pdf: PDFDocument) {
    this.#pdf = pdf;
  }

  /** Draws page `index` of `source` centred in `box` of `page`, as large as fits, upright, with a thin frame. */
  async draw(page: PDFPage, source: AttachmentSource, index: number, box: { x: number; y: number; width: number; height: number }): Promise<void> {
    if (source.kind === 'pdf') {
      const loaded = (await this.#embeddedPages(source))[index];
      if (!loaded) throw new Error(`${source.name} has no page ${index + 1}`);
      const { page: embedded, rotation } = loaded;
      const quarter = rotation === 90 || rotation === 270;
      const shown = { width: quarter ? embedded.height : embedded.width, height: quarter ? embedded.width : embedded.height };
      const place = fit(shown, box);
      // A page's /Rotate turns it clockwise when viewed: draw it turned the same way (pdf-lib rotates counter-clockwise about the origin).
      const scaled = { width: embedded.width * place.scale, height: embedded.height * place.scale };
      const origin = {
        0: { x: place.x, y: place.y },
        90: { x: place.x, y: place.y + place.height },
        180: { x: place.x + place.width, y: place.y + place.height },
        270: { x: place.x + place.width, y: place.y },
      }[rotation as 0 | 90 | 180 | 270] ?? { x: place.x, y: place.y };
      page.drawPage(embedded, { ...origin, ...scaled, rotate: degrees(-rotation) });
      frame(page, place);
      return;
    }
    let image = this.#images.get(source);
    if (!image) {
      image = source.kind === 'png' ? this.#pdf.embedPng(source.bytes) : this.#pdf.embedJpg(source.bytes);
      this.#images.set(source, image);
    }
    const img = await image;
    const place = fit({ width: img.width, height: img.height }, box);
    page.drawImage(img, { x: place.x, y: place.y, width: place.width, height: place.height });
    frame(page, place);
  }

  #embeddedPages(source: AttachmentSource): Promise<Array<{ page: PDFEmbeddedPage; rotation: number }>> {
    let pages = this.#pages.get(source);
    if (!pages) {
      pages = parsedSource(source).then(async (doc) => {
        const embedded = await this.#pdf.embedPages(doc.getPages());
        return embedded.map((page, i) => ({ page, rotation: (((doc.getPage(i).getRotation().angle % 360) + 360) % 360) }));
      });
      this.#pages.set(source, pages);
    }
    return pages;
  }
}

/** Returns where a `size` rectangle goes to fill `box` without distortion, centred, and its scale. */
function fit(size: { width: number; height: number }, box: { x: number; y: number; width: number; height: number }) {
  const scale = Math.min(box.width / size.width, box.height / size.height);
  const width = size.width * scale;
  const height = size.height * scale;
  return { scale, width, height, x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2 };
}

function frame(page: PDFPage, r: { x: number; y: number; width: number; height: number }): void {
  page.drawRectangle({ x: r.x, y: r.y, width: r.width, height: r.height, borderWidth: 0.5, borderColor: rgb(0.45, 0.45, 0.45) });
}
