/**
 * Documents inserted as pages of a rendered PDF (the scanned attestations of a dossier professionnel): read and
 * checked before rendering, so a missing, corrupt or protected file is an error naming it, then drawn with
 * pdf-lib into the box the layout left under each inserted page's caption.
 */
import { degrees, EncryptedPDFError, PDFDocument, rgb, type PDFEmbeddedPage, type PDFImage, type PDFPage } from 'pdf-lib';
import { failure, success, type Result } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';

/** Largest document file accepted. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Returns the message of a document file over MAX_ATTACHMENT_BYTES, with what to do. */
export function tooBigMessage(name: string, size: number): string {
  return `Le document « ${name} » pèse ${formatBytes(size)}, plus que la limite de ${formatBytes(MAX_ATTACHMENT_BYTES)} : numérisez-le en résolution plus basse (150 à 200 dpi suffisent).`;
}
/** Most pages one document file may insert. */
export const MAX_ATTACHMENT_PAGES = 30;

/** A document file ready to be inserted. */
export type AttachmentSource = { kind: 'pdf'; name: string; bytes: Uint8Array; pages: number } | { kind: 'png' | 'jpg'; name: string; bytes: Uint8Array; pages: 1 };

/** Returns the document file `bytes` (called `name` in messages) checked for insertion, or why it cannot be inserted. */
export async function readAttachment(bytes: Uint8Array, name: string): Promise<Result<AttachmentSource>> {
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    return failure('JUSTIFICATIF_TROP_GROS', name, tooBigMessage(name, bytes.length));
  }
  const kind = kindOf(bytes);
  if (!kind) return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » n’est ni un PDF, ni une image JPEG ou PNG (son contenu ne commence pas comme tel) : enregistrez-le dans l’un de ces formats.`);
  const scratch = await PDFDocument.create();
  try {
    if (kind === 'pdf') {
      const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
      if (doc.isEncrypted) return encrypted(name);
      const pages = doc.getPageCount();
      if (pages === 0) return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » ne contient aucune page.`);
      if (pages > MAX_ATTACHMENT_PAGES) {
        return failure('JUSTIFICATIF_TROP_GROS', name, `Le document « ${name} » compte ${pages} pages, plus que les ${MAX_ATTACHMENT_PAGES} acceptées pour un justificatif : n’en gardez que les pages utiles.`);
      }
      // Embedding every page now finds broken content streams before the dossier is laid out.
      await scratch.embedPages(doc.getPages());
      await scratch.save();
      return success({ kind, name, bytes, pages });
    }
    if (kind === 'png') await scratch.embedPng(bytes);
    else await scratch.embedJpg(bytes);
    return success({ kind, name, bytes, pages: 1 });
  } catch (e) {
    if (e instanceof EncryptedPDFError) return encrypted(name);
    const what = kind === 'pdf' ? 'PDF' : `image ${kind.toUpperCase()}`;
    return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » est un ${what} endommagé ou incomplet, qui ne peut pas être inséré : enregistrez-le ou numérisez-le à nouveau.`);
  }
}

function encrypted(name: string): Result<AttachmentSource> {
  return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » est protégé par un mot de passe : enregistrez-en une copie sans protection (ou imprimez-le en PDF) et joignez celle-ci.`);
}

function kindOf(bytes: Uint8Array): 'pdf' | 'png' | 'jpg' | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-') ? 'pdf' : undefined;
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
      pages = PDFDocument.load(source.bytes, { updateMetadata: false }).then(async (doc) => {
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
