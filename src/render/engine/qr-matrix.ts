/**
 * The modules of a page's QR code, the same ones `qrcode` makes, found about ten times faster. `QRCode.create`
 * chooses the mask by applying each of the eight to a BitMatrix and scoring it through per-module method calls,
 * which cost most of a rendering's QR time. Here the code is made once with mask 0, unmasked, and the eight masks
 * are scored on a plain byte array with the same rules (ISO/IEC 18004 N1 to N4 as `qrcode` counts them, the format
 * bits of each mask in place, the first best mask kept on a tie); the chosen mask and its format bits are then
 * applied as `qrcode` does, so the modules are exactly those `QRCode.create` gives when it chooses the mask itself
 * (checked in test/render/qr-matrix.test.ts).
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

/** The eight masks of each symbol size, as bytes (1: flip the module), made once per size. */
const MASKS = new Map<number, Uint8Array[]>();

/** Returns the eight masks of a symbol `size` modules wide. */
function masksOf(size: number): Uint8Array[] {
  let masks = MASKS.get(size);
  if (masks === undefined) {
    masks = Array.from({ length: 8 }, (_, p) => {
      const mask = new Uint8Array(size * size);
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) mask[i * size + j] = maskAt(p, i, j) ? 1 : 0;
      return mask;
    });
    MASKS.set(size, masks);
  }
  return masks;
}

/** XORs `mask` onto the modules that are not reserved. */
function applyMask(data: Uint8Array, reserved: Uint8Array, mask: Uint8Array): void {
  for (let at = 0; at < data.length; at++) if (reserved[at] === 0) data[at] = (data[at] ?? 0) ^ (mask[at] ?? 0);
}

/** N1 points of a run of `n` modules of one colour (5 or more: N1 + n - 5), for every run a symbol can hold. */
const RUN_POINTS = Int32Array.from({ length: 178 }, (_, n) => (n >= 5 ? N1 + n - 5 : 0));
/** N3 points of the last 11 modules of a line: the 1:1:3:1:1 finder-like pattern with four light modules on a side. */
const FINDER_POINTS = Int32Array.from({ length: 0x800 }, (_, bits) => (bits === 0x5d0 || bits === 0x05d ? N3 : 0));
/** N2 points of a 2 × 2 block by its number of dark modules (all light or all dark). */
const BLOCK_POINTS = Int32Array.of(N2, 0, 0, 0, N2);

/**
 * Returns the penalty `qrcode` gives these modules (N1 runs, N2 blocks, N3 finder-like patterns, N4 balance). Written
 * without branches on module values (lookup tables): the modules are noise, so a branch on them mispredicts often.
 */
export function penalty(data: Uint8Array, size: number): number {
  let points = 0;
  let dark = 0;
  for (let a = 0; a < size; a++) {
    const rowStart = a * size;
    let runRow = 0;
    let runCol = 0;
    // The colour before the first module is the opposite of the first module's, so the first module starts a run.
    let lastRow = 1 - (data[rowStart] ?? 0);
    let lastCol = 1 - (data[a] ?? 0);
    let bitsRow = 0;
    let bitsCol = 0;
    for (let b = 0; b < size; b++) {
      const inRow = data[rowStart + b] ?? 0;
      const inCol = data[b * size + a] ?? 0;
      dark += inRow;
      // A run ends when the colour changes: its points are counted, a new run starts at 1. Modules are 0 or 1, so
      // "same colour" is 1 - (a XOR b): arithmetic, not a comparison V8 would compile to a mispredicted branch.
      const sameRow = 1 - (inRow ^ lastRow);
      points += (1 - sameRow) * (RUN_POINTS[runRow] ?? 0);
      runRow = runRow * sameRow + 1;
      lastRow = inRow;
      const sameCol = 1 - (inCol ^ lastCol);
      points += (1 - sameCol) * (RUN_POINTS[runCol] ?? 0);
      runCol = runCol * sameCol + 1;
      lastCol = inCol;
      bitsRow = ((bitsRow << 1) & 0x7ff) | inRow;
      bitsCol = ((bitsCol << 1) & 0x7ff) | inCol;
      // The 11-module window is complete from the 11th module on (it shifts in zeros before).
      if (b >= 10) points += (FINDER_POINTS[bitsRow] ?? 0) + (FINDER_POINTS[bitsCol] ?? 0);
    }
    points += (RUN_POINTS[runRow] ?? 0) + (RUN_POINTS[runCol] ?? 0);
  }
  for (let a = 0; a < size - 1; a++) {
    const top = a * size;
    const bottom = top + size;
    for (let b = 0; b < size - 1; b++) {
      points += BLOCK_POINTS[(data[top + b] ?? 0) + (data[top + b + 1] ?? 0) + (data[bottom + b] ?? 0) + (data[bottom + b + 1] ?? 0)] ?? 0;
    }
  }
  const total = size * size;
  return points + Math.abs(Math.ceil((dark * 100) / total / 5) - 10) * N4;
}

/** Returns the modules of the QR code of `payload` (bytes mode, error correction M), as `QRCode.create` makes them. */
export function qrMatrix(payload: string): QrMatrix {
  const first = QRCode.create([{ data: Buffer.from(payload, 'latin1'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size, reservedBit } = first.modules;
  const masks = masksOf(size);
  const data = Uint8Array.from(first.modules.data);
  applyMask(data, reservedBit, masks[0] ?? new Uint8Array());
  let best = 0;
  let lowest = Infinity;
  for (let p = 0; p < 8; p++) {
    const mask = masks[p] ?? new Uint8Array();
    placeFormat(data, size, p);
    applyMask(data, reservedBit, mask);
    const score = penalty(data, size);
    applyMask(data, reservedBit, mask);
    if (score < lowest) {
      lowest = score;
      best = p;
    }
  }
  // What QRCode.create does with the mask it chose: mask the data modules, then write that mask's format bits.
  applyMask(data, reservedBit, masks[best] ?? new Uint8Array());
  placeFormat(data, size, best);
  return { size, data, mask: best };
}
