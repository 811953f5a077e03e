/**
 * The engine's fonts, prepared once per process: DejaVu Sans Condensed (regular, bold, oblique) parsed once with
 * fontkit, reduced once to fixed repertoires with their glyph ids unchanged (French, and the wider one of the
 * fillable fields: European names), compressed once; their PDF objects' bytes (font file, widths, Unicode map) are
 * reused verbatim by every document. A document with a character beyond the French repertoire gets the fields'
 * file of that font; one with a character beyond that gets the font whole (same glyph ids, so its text is encoded the same way), and a character DejaVu
 * lacks is drawn as the empty glyph but keeps its own code, mapped to the character itself, so the text read back
 * is the value as given, never a substitute.
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { subsetKeepingGlyphIds, withoutLayoutTables } from '../font-tables.ts';
import { fieldCodePoints, FONT_FILES } from '../fonts.ts';

/** The three styles the layout uses. */
export type FontStyle = 'regular' | 'bold' | 'italic';

/** Each style's resource name in page content streams (short: it is written before every line). */
export const FONT_RESOURCE: Readonly<Record<FontStyle, string>> = { regular: 'F1', bold: 'F2', italic: 'F3' };

/** The styles, in resource order. */
export const FONT_STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic'];

/** One reduced file of a font: the code points it draws and its objects' shared bytes. */
interface Variant {
  /** 1: the BMP code point is drawn by this file. */
  has: Uint8Array;
  file: Uint8Array;
  length: number;
  /** The /W array of its glyphs. */
  widths: string;
  unicode: Map<number, string>;
  /** The deflated ToUnicode CMap. */
  toUnicode: Uint8Array;
}

/** Encoded lines kept per font before the cache starts afresh. */
const MAX_ENCODED = 20_000;

/** Levels of a font's files: the French repertoire, the fields' repertoire, the whole font. */
export const FRENCH = 0;
export const FIELDS = 1;
export const WHOLE = 2;

/** A font prepared once: metrics, encodings and the compressed bytes of its reduced files. */
export class PreparedFont {
  readonly style: FontStyle;
  /** PostScript name, also the font's resource name in pages and in the AcroForm's /DR. */
  readonly name: string;
  readonly numGlyphs: number;
  /** Ascent and descent per unit of font size. */
  readonly ascent: number;
  readonly descent: number;
  readonly descriptor: string;
  /** Glyph id by BMP code point (-1: not in the font). */
  readonly #gid: Int32Array;
  /** Advance widths in thousandths of the font size, by glyph id. */
  readonly advance: Float64Array;
  readonly #hex: string[];
  readonly #variants: [Variant, Variant];
  readonly #wholeFile: Uint8Array;
  #wholeDeflated: Uint8Array | undefined;
  readonly #astral: Map<number, number>;
  /** Encoded lines that need nothing beyond the French repertoire. */
  readonly #encoded = new Map<string, string>();

  constructor(style: FontStyle, file: string, french: readonly number[], fields: readonly number[]) {
    this.style = style;
    const bytes = readFileSync(file);
    const font = fontkit.create(bytes);
    this.name = font.postscriptName ?? `DejaVu-${style}`;
    this.numGlyphs = font.numGlyphs;
    const upm = font.unitsPerEm;
    this.ascent = font.ascent / upm;
    this.descent = -font.descent / upm;
    this.#gid = new Int32Array(0x10000).fill(-1);
    this.#astral = new Map();
    for (const cp of font.characterSet) {
      const id = font.glyphForCodePoint(cp).id;
      if (cp < 0x10000) this.#gid[cp] = id;
      else this.#astral.set(cp, id);
    }
    this.advance = new Float64Array(font.numGlyphs);
    const metrics = font as unknown as { hmtx: { metrics: { get(i: number): { advance: number } } }; hhea: { numberOfMetrics: number } };
    const last = metrics.hhea.numberOfMetrics - 1;
    for (let i = 0; i < font.numGlyphs; i++) this.advance[i] = (metrics.hmtx.metrics.get(Math.min(i, last)).advance * 1000) / upm;
    this.#hex = Array.from({ length: font.numGlyphs + 0x1000 }, (_, i) => i.toString(16).padStart(4, '0'));
    this.#variants = [this.#variant(bytes, french), this.#variant(bytes, [...french, ...fields])];
    this.#wholeFile = withoutLayoutTables(bytes);
    const bbox = font.bbox;
    const k = 1000 / upm;
    const italic = style === 'italic';
    this.descriptor = `/Type /FontDescriptor /FontName /${this.name} /Flags ${italic ? 96 : 32} /FontBBox [${[bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * k)).join(' ')}] /ItalicAngle ${italic ? -11 : 0} /Ascent ${Math.round(font.ascent * k)} /Descent ${Math.round(font.descent * k)} /CapHeight ${Math.round((font.capHeight || font.ascent * 0.76) * k)} /StemV ${style === 'bold' ? 120 : 80}`;
  }

  #variant(bytes: Uint8Array, codes: readonly number[]): Variant {
    const has = new Uint8Array(0x10000);
    const unicode = new Map<number, string>();
    for (const cp of codes) {
      const id = cp < 0x10000 ? (this.#gid[cp] ?? -1) : -1;
      if (id <= 0) continue;
      has[cp] = 1;
      if (!unicode.has(id)) unicode.set(id, String.fromCodePoint(cp));
    }
    const subset = subsetKeepingGlyphIds(bytes, codes);
    return { has, unicode, file: deflateSync(subset), length: subset.length, widths: `[${widthsArray([...unicode.keys()], this.advance)}]`, toUnicode: deflateSync(Buffer.from(toUnicodeCMap(unicode), 'latin1')) };
  }

  /** Returns the whole font file (layout tables dropped), deflated, made on first use. */
  wholeFile(): Uint8Array {
    this.#wholeDeflated ??= deflateSync(this.#wholeFile);
    return this.#wholeDeflated;
  }

  /** Returns the width of `text` at `size` points. */
  width(text: string, size: number): number {
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const cp = text.codePointAt(i) ?? 0;
        i++;
        w += this.advance[this.#astral.get(cp) ?? 0] ?? 0;
        continue;
      }
      const id = this.#gid[c] ?? -1;
      w += this.advance[id < 0 ? 0 : id] ?? 0;
    }
    return (w * size) / 1000;
  }

  /** Returns the hex string (Identity-H codes) of `text`, recording in `use` what it needs beyond the French repertoire. */
  encode(text: string, use: FontUse): string {
    use.used = true;
    const cached = this.#encoded.get(text);
    if (cached !== undefined) return cached;
    let out = '';
    let french = true;
    const frenchSet = this.#variants[0].has;
    const fields = this.#variants[1].has;
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x10000 && frenchSet[cp] === 1) {
        out += this.#hex[this.#gid[cp] ?? 0];
        continue;
      }
      french = false;
      if (cp === 0x0a || cp === 0x0d || cp === 0x09) {
        out += this.#hex[this.#gid[0x20] ?? 0];
        continue;
      }
      if (cp < 0x10000 && fields[cp] === 1) {
        if (use.level < FIELDS) use.level = FIELDS;
        out += this.#hex[this.#gid[cp] ?? 0];
        continue;
      }
      const id = cp < 0x10000 ? (this.#gid[cp] ?? -1) : (this.#astral.get(cp) ?? -1);
      if (id > 0) {
        use.level = WHOLE;
        if (!this.#variants[1].unicode.has(id) && !use.glyphs.has(id)) use.glyphs.set(id, ch);
        out += this.#hex[id];
        continue;
      }
      // A character DejaVu lacks: a code of its own past the glyphs, drawn as the empty glyph, mapped to itself.
      let code = use.missing.get(ch);
      if (code === undefined) {
        code = this.numGlyphs + use.missing.size;
        use.missing.set(ch, code);
      }
      out += code.toString(16).padStart(4, '0');
    }
    // Lines of the French repertoire only (nearly all) are kept encoded: the static text of a batch is encoded once.
    if (french) {
      if (this.#encoded.size >= MAX_ENCODED) this.#encoded.clear();
      this.#encoded.set(text, out);
    }
    return out;
  }

  /** Returns the font objects' variable parts for a document's use of this font. */
  objects(use: FontUse): FontObjects {
    if (use.level < WHOLE && use.missing.size === 0) {
      const v = this.#variants[use.level === FIELDS ? 1 : 0];
      return { file: v.file, fileLength: v.length, widths: v.widths, toUnicode: v.toUnicode, cidToGid: undefined };
    }
    const base = this.#variants[1];
    const unicode = new Map(base.unicode);
    for (const [id, ch] of use.glyphs) unicode.set(id, ch);
    const notdef = Math.round(this.advance[0] ?? 0);
    const extra = [...use.missing.values()];
    for (const [ch, code] of use.missing) unicode.set(code, ch);
    const widths = widthsArray([...unicode.keys()].filter((id) => id < this.numGlyphs), this.advance) + (extra.length > 0 ? ` ${extra[0]} [${extra.map(() => notdef).join(' ')}]` : '');
    let cidToGid: Uint8Array | undefined;
    if (extra.length > 0) {
      const map = new Uint8Array(2 * (Math.max(...extra) + 1));
      for (let i = 0; i < this.numGlyphs; i++) {
        map[2 * i] = i >> 8;
        map[2 * i + 1] = i & 0xff;
      }
      cidToGid = deflateSync(map);
    }
    const whole = use.level === WHOLE;
    return {
      file: whole ? this.wholeFile() : base.file,
      fileLength: whole ? this.#wholeFile.length : base.length,
      widths: `[${widths}]`,
      toUnicode: deflateSync(Buffer.from(toUnicodeCMap(unicode), 'latin1')),
      cidToGid,
    };
  }
}

/** What one document needs of a font beyond its repertoire (filled while its text is encoded). */
export interface FontUse {
  /** The file needed: FRENCH, FIELDS (a character of the fields' repertoire) or WHOLE (any other character DejaVu has). */
  level: number;
  /** Glyphs outside the repertoire, with the character each stands for. */
  glyphs: Map<number, string>;
  /** Characters DejaVu lacks, with the code each was given. */
  missing: Map<string, number>;
  /** The font was drawn with at least once. */
  used: boolean;
}

/** Returns a fresh, empty use. */
export function newFontUse(): FontUse {
  return { level: FRENCH, glyphs: new Map(), missing: new Map(), used: false };
}

/** The variable parts of a font's PDF objects. */
export interface FontObjects {
  file: Uint8Array;
  fileLength: number;
  widths: string;
  toUnicode: Uint8Array;
  cidToGid: Uint8Array | undefined;
}

/** Returns the inside of a /W array for the given glyph ids. */
function widthsArray(ids: number[], advance: Float64Array): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  let out = '';
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] ?? 0;
    const run: number[] = [];
    while (i < sorted.length && sorted[i] === start + run.length) {
      run.push(Math.round(advance[sorted[i] ?? 0] ?? 0));
      i++;
    }
    out += `${start} [${run.join(' ')}] `;
  }
  return out.trimEnd();
}

/** Returns a ToUnicode CMap from codes to text. */
function toUnicodeCMap(map: ReadonlyMap<number, string>): string {
  const hex16 = (s: string) => {
    let h = '';
    for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).padStart(4, '0');
    return h;
  };
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  const lines: string[] = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
  ];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    lines.push(`${chunk.length} beginbfchar`);
    for (const [code, text] of chunk) lines.push(`<${code.toString(16).padStart(4, '0')}> <${hex16(text)}>`);
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return lines.join('\n');
}

/** The French repertoire: Basic Latin, Latin-1, Latin Extended-A (œ Œ Ÿ), typographic spaces, dashes, quotes and ellipsis, €, № ™ and the box glyphs ☐ ☑ ☒. */
export function frenchRepertoire(): number[] {
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  return [...range(0x20, 0x7e), ...range(0xa0, 0x17f), 0x2009, ...range(0x2010, 0x2027), 0x202f, ...range(0x2030, 0x203a), 0x20ac, 0x2116, 0x2122, ...range(0x2610, 0x2612)];
}

/** The three fonts, prepared. */
export type PreparedFonts = Record<FontStyle, PreparedFont>;

/** Returns the three fonts prepared (parse, subset, compress: done once per call; keep the result). */
export function prepareFonts(): PreparedFonts {
  const french = frenchRepertoire();
  const fields = fieldCodePoints();
  return {
    regular: new PreparedFont('regular', FONT_FILES.regular, french, fields),
    bold: new PreparedFont('bold', FONT_FILES.bold, french, fields),
    italic: new PreparedFont('italic', FONT_FILES.italic, french, fields),
  };
}
