/**
 * The QR code printed on every page, so that a printed, signed and scanned page can be identified: form id,
 * version, document id and page number, drawn as vector squares (sharp at any scan resolution).
 */
import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

/** Side of the code including its quiet zone, in points (25 mm, the size that decodes reliably from scans). */
export const QR_SIZE = 70.9;
/** Distance of the code from the right and bottom page edges, in points. */
export const QR_MARGIN = 14;

/** What a page's QR code identifies. */
export interface PageIdentity {
  form: string;
  version: string;
  documentId: string;
  page: number;
  pages: number;
}

/** Returns the text encoded in a page's QR code: `PAPERASSE;f=<form>;v=<version>;d=<document id>;p=<page>/<pages>`. */
export function qrPayload(id: PageIdentity): string {
  return `PAPERASSE;f=${id.form};v=${id.version};d=${id.documentId};p=${id.page}/${id.pages}`;
}

/** Returns the identity read from a QR payload, or undefined when it is not a Paperasse code. */
export function parseQrPayload(text: string): PageIdentity | undefined {
  const m = /^PAPERASSE;f=([a-z0-9-]+);v=([^;]+);d=([0-9a-f]+);p=(\d+)\/(\d+)$/.exec(text);
  if (!m) return undefined;
  return { form: m[1] ?? '', version: m[2] ?? '', documentId: m[3] ?? '', page: Number(m[4]), pages: Number(m[5]) };
}

/** Draws the QR code of `payload` in the bottom-right corner of `page`. */
export function drawQrCode(page: PDFPage, payload: string): void {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const module = QR_SIZE / (n + 8);
  const { width } = page.getSize();
  const left = width - QR_MARGIN - QR_SIZE;
  const bottom = QR_MARGIN;
  page.drawRectangle({ x: left, y: bottom, width: QR_SIZE, height: QR_SIZE, color: rgb(1, 1, 1) });
  let path = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) path += `M${c + 4} ${r + 4}h1v1h-1z`;
    }
  }
  // drawSvgPath puts the path's origin at (x, y) with y growing downwards, as in SVG.
  page.drawSvgPath(path, { x: left, y: bottom + QR_SIZE, scale: module, color: rgb(0, 0, 0), borderWidth: 0 });
}
