/**
 * A TrueType font without its OpenType layout tables. Shaping Latin text through DejaVu's large GSUB/GPOS tables
 * took most of the rendering time (fontkit applies every lookup to every string); forms need no ligatures,
 * contextual forms or kerning, so the fonts are loaded without those tables, once per process.
 */

/** Tables dropped by `withoutLayoutTables`. */
export const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'kern', 'morx', 'JSTF', 'BASE'];

/** Returns a copy of a TrueType/OpenType font file without the given tables (checksum adjustment recomputed). */
export function withoutLayoutTables(font: Uint8Array, drop: readonly string[] = LAYOUT_TABLES): Uint8Array {
  const tables = readTables(font);
  for (const tag of drop) tables.delete(tag);
  return writeTables(new DataView(font.buffer, font.byteOffset, font.byteLength).getUint32(0), tables);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Tables that hold one entry per glyph and are only hints for some rasterizers: dropped by `subsetKeepingGlyphIds`. */
const PER_GLYPH_HINT_TABLES = ['hdmx', 'LTSH', 'VDMX', 'FFTM', 'MATH'];

/**
 * Returns a copy of a TrueType font that draws only the given code points (and `.notdef`): the outlines and widths
 * of every other glyph are emptied, the character map lists only the kept code points, the glyph names are dropped
 * (`post` format 3) and so are the layout tables. Glyph ids are unchanged (the glyphs a kept composite glyph is made
 * of are kept too), so the result is a complete font with a working `cmap`, not a PDF-only subset: any program that
 * draws a field's text with it (a viewer, PDFBox, MuPDF) finds every kept character. Code points the font lacks are
 * ignored. Only BMP code points are kept (the `cmap` written is format 4).
 */
export function subsetKeepingGlyphIds(font: Uint8Array, codePoints: Iterable<number>): Uint8Array {
  const tables = readTables(font);
  const table = (tag: string): Uint8Array => {
    const data = tables.get(tag);
    if (data === undefined) throw new Error(`the font has no ${tag} table`);
    return data;
  };
  const head = table('head');
  const maxp = table('maxp');
  const hhea = table('hhea');
  const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numGlyphs = view(maxp).getUint16(4);
  const longLoca = view(head).getInt16(50) === 1;
  const loca = view(table('loca'));
  const glyf = table('glyf');
  const offsetOf = (gid: number): number => (longLoca ? loca.getUint32(4 * gid) : 2 * loca.getUint16(2 * gid));

  const map = readUnicodeMap(table('cmap'));
  const kept = new Map<number, number>();
  for (const cp of codePoints) {
    const gid = map.get(cp);
    if (cp <= 0xffff && gid !== undefined && gid !== 0) kept.set(cp, gid);
  }
  const glyphs = new Set<number>([0, ...kept.values()]);
  for (const gid of [...glyphs]) for (const part of componentsOf(glyf, offsetOf(gid), offsetOf(gid + 1))) glyphs.add(part);
  for (let grown = true; grown; ) {
    grown = false;
    for (const gid of [...glyphs]) {
      for (const part of componentsOf(glyf, offsetOf(gid), offsetOf(gid + 1))) {
        if (!glyphs.has(part)) {
          glyphs.add(part);
          grown = true;
        }
      }
    }
  }

  // glyf and loca (long offsets), kept glyphs only.
  const newLoca = new Uint8Array(4 * (numGlyphs + 1));
  const locaOut = view(newLoca);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (let gid = 0; gid < numGlyphs; gid++) {
    locaOut.setUint32(4 * gid, at);
    if (!glyphs.has(gid)) continue;
    const outline = glyf.subarray(offsetOf(gid), offsetOf(gid + 1));
    parts.push(outline, new Uint8Array(align4(outline.length) - outline.length));
    at += align4(outline.length);
  }
  locaOut.setUint32(4 * numGlyphs, at);
  const newGlyf = concat(parts);
  const newHead = head.slice();
  view(newHead).setInt16(50, 1);

  // hmtx: the metrics of dropped glyphs zeroed (same layout, so numberOfHMetrics is unchanged).
  const newHmtx = table('hmtx').slice();
  const numberOfHMetrics = view(hhea).getUint16(34);
  const hmtx = view(newHmtx);
  for (let gid = 0; gid < numGlyphs; gid++) {
    if (glyphs.has(gid)) continue;
    if (gid < numberOfHMetrics) hmtx.setUint32(4 * gid, 0);
    else hmtx.setInt16(4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics), 0);
  }

  const post = table('post').slice(0, 32);
  view(post).setUint32(0, 0x00030000);

  const out = new Map<string, Uint8Array>();
  for (const [tag, data] of tables) {
    if (LAYOUT_TABLES.includes(tag) || PER_GLYPH_HINT_TABLES.includes(tag)) continue;
    out.set(tag, data);
  }
  out.set('head', newHead);
  out.set('loca', newLoca);
  out.set('glyf', newGlyf);
  out.set('hmtx', newHmtx);
  out.set('post', post);
  out.set('cmap', format4Cmap(kept));
  return writeTables(view(font).getUint32(0), out);
}

/** Returns the font's tables by tag. */
function readTables(font: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(font[at] ?? 0, font[at + 1] ?? 0, font[at + 2] ?? 0, font[at + 3] ?? 0);
    const offset = view.getUint32(at + 8);
    tables.set(tag, font.subarray(offset, offset + view.getUint32(at + 12)));
  }
  return tables;
}

/** Returns a font file made of the tables (in tag order, with their checksums and the head's checksum adjustment). */
function writeTables(sfntVersion: number, tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const headerSize = 12 + 16 * tags.length;
  let size = headerSize;
  for (const tag of tags) size += align4(tables.get(tag)?.length ?? 0);
  const out = new Uint8Array(size);
  const w = new DataView(out.buffer);
  w.setUint32(0, sfntVersion);
  w.setUint16(4, tags.length);
  const entrySelector = Math.floor(Math.log2(tags.length));
  w.setUint16(6, 16 * 2 ** entrySelector);
  w.setUint16(8, entrySelector);
  w.setUint16(10, 16 * tags.length - 16 * 2 ** entrySelector);
  let offset = headerSize;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) ?? new Uint8Array(0);
    out.set(data, offset);
    if (tag === 'head') {
      headOffset = offset;
      w.setUint32(offset + 8, 0);
    }
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = tag.charCodeAt(k);
    let sum = 0;
    for (let j = offset; j < offset + align4(data.length); j += 4) sum = (sum + w.getUint32(j)) >>> 0;
    w.setUint32(at + 4, sum);
    w.setUint32(at + 8, offset);
    w.setUint32(at + 12, data.length);
    offset += align4(data.length);
  });
  if (headOffset >= 0) {
    let sum = 0;
    for (let i = 0; i < out.length; i += 4) sum = (sum + w.getUint32(i)) >>> 0;
    w.setUint32(headOffset + 8, (0xb1b0afba - sum) >>> 0);
  }
  return out;
}

/** Returns the Unicode → glyph id map of a `cmap` table (its format 4 or format 12 Unicode subtable). */
function readUnicodeMap(cmap: Uint8Array): Map<number, number> {
  const v = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  const map = new Map<number, number>();
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < v.getUint16(2); i++) {
    const platform = v.getUint16(4 + 8 * i);
    const encoding = v.getUint16(6 + 8 * i);
    const offset = v.getUint32(8 + 8 * i);
    const format = v.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && (format === 4 || format === 12) && (best === undefined || format > best.format)) best = { offset, format };
  }
  if (best === undefined) throw new Error('the font has no Unicode cmap');
  const o = best.offset;
  if (best.format === 12) {
    for (let g = 0; g < v.getUint32(o + 12); g++) {
      const at = o + 16 + 12 * g;
      const [start, end, glyph] = [v.getUint32(at), v.getUint32(at + 4), v.getUint32(at + 8)];
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + cp - start);
    }
    return map;
  }
  const segments = v.getUint16(o + 6) / 2;
  const ends = o + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const ranges = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const start = v.getUint16(starts + 2 * s);
    const end = v.getUint16(ends + 2 * s);
    const delta = v.getInt16(deltas + 2 * s);
    const rangeOffset = v.getUint16(ranges + 2 * s);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const raw = v.getUint16(ranges + 2 * s + rangeOffset + 2 * (cp - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(cp, glyph);
    }
  }
  return map;
}

/** Returns the glyph ids a composite glyph's outline is made of (none for a simple or empty glyph). */
function componentsOf(glyf: Uint8Array, start: number, end: number): number[] {
  if (end - start < 10) return [];
  const v = new DataView(glyf.buffer, glyf.byteOffset, glyf.byteLength);
  if (v.getInt16(start) >= 0) return [];
  const found: number[] = [];
  let at = start + 10;
  for (;;) {
    const flags = v.getUint16(at);
    found.push(v.getUint16(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020)) return found;
  }
}

/** Returns a `cmap` table with one Unicode BMP subtable (format 4) for the given code point → glyph id pairs. */
function format4Cmap(map: ReadonlyMap<number, number>): Uint8Array {
  const points = [...map.keys()].filter((cp) => cp < 0xffff).sort((a, b) => a - b);
  // Consecutive code points with consecutive glyph ids share a segment (delta coding, no glyph id array).
  const segments: Array<{ start: number; end: number; delta: number }> = [];
  for (const cp of points) {
    const gid = map.get(cp) ?? 0;
    const last = segments[segments.length - 1];
    if (last !== undefined && last.end === cp - 1 && ((cp + last.delta) & 0xffff) === gid) last.end = cp;
    else segments.push({ start: cp, end: cp, delta: (gid - cp) & 0xffff });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segments.length;
  const subtableLength = 16 + 8 * n;
  const out = new Uint8Array(12 + subtableLength);
  const w = new DataView(out.buffer);
  w.setUint16(0, 0);
  w.setUint16(2, 1);
  w.setUint16(4, 3);
  w.setUint16(6, 1);
  w.setUint32(8, 12);
  const o = 12;
  w.setUint16(o, 4);
  w.setUint16(o + 2, subtableLength);
  w.setUint16(o + 4, 0);
  w.setUint16(o + 6, 2 * n);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(n));
  w.setUint16(o + 8, searchRange);
  w.setUint16(o + 10, Math.floor(Math.log2(n)));
  w.setUint16(o + 12, 2 * n - searchRange);
  segments.forEach((s, i) => {
    w.setUint16(o + 14 + 2 * i, s.end);
    w.setUint16(o + 16 + 2 * n + 2 * i, s.start);
    w.setUint16(o + 16 + 4 * n + 2 * i, s.delta);
    w.setUint16(o + 16 + 6 * n + 2 * i, 0);
  });
  return out;
}

/** Returns the byte arrays one after the other. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
