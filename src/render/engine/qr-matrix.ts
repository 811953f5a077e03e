/**
 * The modules of a page's QR code, the same ones `qrcode` makes, found about ten times faster. `QRCode.create`
 * chooses the mask by applying each of the eight to a BitMatrix and scoring it through per-module method calls,
 * which cost most of a rendering's QR time. Here the code is made once with mask 0, unmasked, and the eight masks
 * are scored on a plain byte array with the same rules (ISO/IEC 18004 N1 to N4 as `qrcode` counts them, the format
 * bits of each mask in place, the first best mask kept on a tie); the code is then made with the chosen mask, so
 * the modules are exactly those `QRCode.create` gives without a mask (checked in test/render/qr-matrix.test.ts).
 */
import QRCode from 'qrcode';

/** The modules of a QR code: `size` × `size`, row by row, 1 for a dark module. */
export interface QrMatrix {
  size: number;
  data: Uint8Array;
  /** The mask pattern used (0 to 7). */
  mask: number;
}

/** Error correction M: its two format bits (ISO/IEC 18004 table 12). */
const LEVEL_M_BITS = 0;
/** Penalty weights of `qrcode` (N1 to N4). */
const N1 = 3;
const N2 = 3;
const N3 = 40;
const N4 = 10;

/** Returns the 15 format bits of error correction M with `mask`: BCH(15, 5) then XOR 101010000010010. */
function formatBits(mask: number): number {
  const data = (LEVEL_M_BITS << 3) | mask;
  let d = data << 10;
  const G15 = 0b10100110111;
  for (let bit = 14; bit >= 10; bit--) if ((d >> bit) & 1) d ^= G15 << (bit - 10);
  return ((data << 10) | d) ^ 0b101010000010010;
}

/** Writes the format bits of `mask` where `qrcode` puts them (both copies and the fixed dark module). */
function placeFormat(data: Uint8Array, size: number, mask: number): void {
  const bits = formatBits(mask);
  for (let i = 0; i < 15; i++) {
    const mod = (bits >> i) & 1;
    const vertical = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    data[vertical * size + 8] = mod;
    const horizontal = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    data[8 * size + horizontal] = mod;
  }
  data[(size - 8) * size + 8] = 1;
}

/** Returns whether mask `p` darkens (flips) the module at row `i`, column `j`. */
function maskAt(p: number, i: number, j: number): boolean {
  switch (p) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

/** XORs mask `p` onto the modules that are not reserved. */
function applyMask(data: Uint8Array, reserved: Uint8Array, size: number, p: number): void {
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const at = i * size + j;
      if (reserved[at] === 0 && maskAt(p, i, j)) data[at] = (data[at] ?? 0) ^ 1;
    }
  }
}

/** Returns the penalty `qrcode` gives these modules (N1 runs, N2 blocks, N3 finder-like patterns, N4 balance). */
export function penalty(data: Uint8Array, size: number): number {
  let points = 0;
  let dark = 0;
  for (let a = 0; a < size; a++) {
    let runRow = 0;
    let runCol = 0;
    let lastRow = -1;
    let lastCol = -1;
    let bitsRow = 0;
    let bitsCol = 0;
    for (let b = 0; b < size; b++) {
      const inRow = data[a * size + b] ?? 0;
      const inCol = data[b * size + a] ?? 0;
      dark += inRow;
      if (inRow === lastRow) runRow++;
      else {
        if (runRow >= 5) points += N1 + runRow - 5;
        lastRow = inRow;
        runRow = 1;
      }
      if (inCol === lastCol) runCol++;
      else {
        if (runCol >= 5) points += N1 + runCol - 5;
        lastCol = inCol;
        runCol = 1;
      }
      bitsRow = ((bitsRow << 1) & 0x7ff) | inRow;
      bitsCol = ((bitsCol << 1) & 0x7ff) | inCol;
      if (b >= 10) {
        if (bitsRow === 0x5d0 || bitsRow === 0x05d) points += N3;
        if (bitsCol === 0x5d0 || bitsCol === 0x05d) points += N3;
      }
      if (a < size - 1 && b < size - 1) {
        const block = inRow + (data[a * size + b + 1] ?? 0) + (data[(a + 1) * size + b] ?? 0) + (data[(a + 1) * size + b + 1] ?? 0);
        if (block === 0 || block === 4) points += N2;
      }
    }
    if (runRow >= 5) points += N1 + runRow - 5;
    if (runCol >= 5) points += N1 + runCol - 5;
  }
  const total = size * size;
  return points + Math.abs(Math.ceil((dark * 100) / total / 5) - 10) * N4;
}

/** Returns the modules of the QR code of `payload` (bytes mode, error correction M), as `QRCode.create` makes them. */
export function qrMatrix(payload: string): QrMatrix {
  const segments = [{ data: Buffer.from(payload, 'latin1'), mode: 'byte' as const }];
  const first = QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size, reservedBit } = first.modules;
  const work = Uint8Array.from(first.modules.data);
  applyMask(work, reservedBit, size, 0);
  let best = 0;
  let lowest = Infinity;
  for (let p = 0; p < 8; p++) {
    placeFormat(work, size, p);
    applyMask(work, reservedBit, size, p);
    const score = penalty(work, size);
    applyMask(work, reservedBit, size, p);
    if (score < lowest) {
      lowest = score;
      best = p;
    }
  }
  const chosen = best === 0 ? first : QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: best as QRCode.QRCodeMaskPattern });
  return { size, data: chosen.modules.data, mask: best };
}
