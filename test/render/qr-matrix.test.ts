/**
 * The page QR code's fast mask choice: for payloads of every length a page code has (and longer ones, up to
 * versions with version information), `qrMatrix` gives exactly the modules and the mask `QRCode.create` chooses by
 * itself, so a page's code is the same whichever way it is made; and the code read back by a decoder is the payload.
 */
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from '../../src/render/engine/qr-matrix.ts';
import { qrPayload } from '../../src/render/qr.ts';

/** Returns the SHA-256 of `text` in hex (fixed inputs: the test is the same every run). */
function hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Returns the modules and the mask `qrcode` chooses on its own for a byte-mode payload at level M. */
function reference(payload: string): { data: number[]; mask: number } {
  const qr = QRCode.create([{ data: Buffer.from(payload, 'latin1'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  return { data: [...qr.modules.data], mask: qr.maskPattern as number };
}

describe('the page QR code', () => {
  it('has the modules and mask qrcode chooses, for the page payloads of many documents', () => {
    const masks = new Set<number>();
    for (let i = 0; i < 1200; i++) {
      const pages = 1 + (i % 40);
      const payload = qrPayload({ form: ['fiche-client', 'e32-grille', 'convention-stage'][i % 3] ?? '', version: `2025.${i % 7}`, documentId: hex(`document ${i}`).slice(0, 16), page: 1 + (i % pages), pages });
      const fast = qrMatrix(payload);
      const ref = reference(payload);
      expect(fast.mask, payload).toBe(ref.mask);
      expect([...fast.data], payload).toEqual(ref.data);
      masks.add(fast.mask);
    }
    // Every mask was chosen at least once: the scoring was compared on each of them.
    expect([...masks].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('has the modules qrcode chooses for longer payloads too (larger versions, with version information)', () => {
    for (const length of [1, 14, 40, 90, 150, 200, 300]) {
      const payload = Buffer.from(hex(`long ${length}`).repeat(10), 'hex').toString('base64').slice(0, length);
      const fast = qrMatrix(payload);
      expect(fast.size).toBe(QRCode.create([{ data: Buffer.from(payload, 'latin1'), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules.size);
      expect([...fast.data], payload).toEqual(reference(payload).data);
    }
  });
});
