/**
 * A TrueType font without its OpenType layout tables. Shaping Latin text through DejaVu's large GSUB/GPOS tables
 * took most of the rendering time (fontkit applies every lookup to every string); forms need no ligatures,
 * contextual forms or kerning, so the fonts are loaded without those tables, once per process.
 */

/** Tables dropped by `withoutLayoutTables`. */
export const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'kern', 'morx', 'JSTF', 'BASE'];

/** Returns a copy of a TrueType/OpenType font file without the given tables (checksum adjustment recomputed). */
export function withoutLayoutTables(font: Uint8Array, drop: readonly string[] = LAYOUT_TABLES): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  const records: Array<{ tag: string; checksum: number; offset: number; length: number }> = [];
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(font[at] ?? 0, font[at + 1] ?? 0, font[at + 2] ?? 0, font[at + 3] ?? 0);
    records.push({ tag, checksum: view.getUint32(at + 4), offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const kept = records.filter((r) => !drop.includes(r.tag));
  const headerSize = 12 + 16 * kept.length;
  let size = headerSize;
  for (const r of kept) size += align4(r.length);
  const out = new Uint8Array(size);
  const w = new DataView(out.buffer);
  w.setUint32(0, view.getUint32(0));
  w.setUint16(4, kept.length);
  const entrySelector = Math.floor(Math.log2(kept.length));
  w.setUint16(6, 16 * 2 ** entrySelector);
  w.setUint16(8, entrySelector);
  w.setUint16(10, 16 * kept.length - 16 * 2 ** entrySelector);
  let offset = headerSize;
  let headOffset = -1;
  kept.forEach((r, i) => {
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = r.tag.charCodeAt(k);
    w.setUint32(at + 4, r.checksum);
    w.setUint32(at + 8, offset);
    w.setUint32(at + 12, r.length);
    out.set(font.subarray(r.offset, r.offset + r.length), offset);
    if (r.tag === 'head') headOffset = offset;
    offset += align4(r.length);
  });
  if (headOffset >= 0) {
    w.setUint32(headOffset + 8, 0);
    let sum = 0;
    for (let i = 0; i < out.length; i += 4) sum = (sum + w.getUint32(i)) >>> 0;
    w.setUint32(headOffset + 8, (0xb1b0afba - sum) >>> 0);
  }
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
