/**
 * Fonts as a text reader needs them: how a string's bytes split into codes, each code's Unicode text and advance
 * width. Simple fonts (Type1, TrueType, Type3) through /Widths, the standard 14 fonts' metrics, their /Encoding and
 * /Differences; composite fonts (Type0) through their CMap's codespace, /W and /DW; /ToUnicode maps first. A code
 * nothing turns into a character becomes a private-use character (U+E000 + code), recognisably not text.
 */
import { Encodings, Font } from '@pdf-lib/standard-fonts';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFObject } from 'pdf-lib';
import { pdfName } from './keys.ts';
import { ContentName } from './content-lexer.ts';

/** One code of a shown string: its text, its advance in text space units (before the font size), whether it is a one-byte 32. */
export interface Glyph {
  text: string;
  width: number;
  space: boolean;
}

/** A font that turns shown strings into glyphs. */
export interface TextFont {
  /** Returns the glyphs of a shown string. */
  glyphs(bytes: Uint8Array): Glyph[];
}

/** Reads the bytes of a stream of the document (decompressed within the reader's budget). */
export type StreamReader = (stream: PDFRawStream) => Uint8Array;

/** Most entries kept from one CMap or /W array. */
const MAX_MAP_ENTRIES = 100_000;

/** Returns the font of a font dictionary, reading its /ToUnicode and embedded CMap through `read`. */
export function loadFont(font: PDFDict, read: StreamReader): TextFont {
  const subtype = nameOf(font.lookup(pdfName('Subtype')));
  const toUnicode = streamOf(font.lookup(pdfName('ToUnicode')));
  const unicode = toUnicode === undefined ? undefined : parseCMap(read(toUnicode));
  if (subtype === 'Type0') return compositeFont(font, unicode, read);
  return simpleFont(font, subtype, unicode);
}

// ---------------------------------------------------------------------------------------------------------------
// Simple fonts.

/** Returns a simple font: one byte per code. */
function simpleFont(font: PDFDict, subtype: string | undefined, unicode: CMap | undefined): TextFont {
  const base = standardName(nameOf(font.lookup(pdfName('BaseFont'))) ?? '');
  const names = encodingNames(font, base);
  const scale = subtype === 'Type3' ? fontMatrixScale(font) : 0.001;
  const widths = numbers(font.lookup(pdfName('Widths')));
  const first = numberOf(font.lookup(pdfName('FirstChar'))) ?? 0;
  const descriptor = font.lookup(pdfName('FontDescriptor'));
  const missing = descriptor instanceof PDFDict ? (numberOf(descriptor.lookup(pdfName('MissingWidth'))) ?? 0) : 0;
  const metrics = widths === undefined ? standardMetrics(base ?? 'Helvetica') : undefined;
  const table: Glyph[] = [];
  for (let code = 0; code < 256; code++) {
    const name = names[code];
    const mapped = unicode?.lookup(code);
    const text = withoutLigatures(mapped ?? (name === undefined ? undefined : glyphText(name)) ?? privateUse(code));
    let width = widths === undefined ? (name === undefined ? undefined : metrics?.getWidthOfGlyph(name)) : widths[code - first];
    if (typeof width !== 'number') width = widths === undefined ? 0 : missing;
    table.push({ text, width: width * scale, space: code === 32 });
  }
  return { glyphs: (bytes) => Array.from(bytes, (b) => table[b] as Glyph) };
}

/** Returns a Type 3 font's horizontal scale from glyph space to text space (its /FontMatrix's a). */
function fontMatrixScale(font: PDFDict): number {
  const matrix = numbers(font.lookup(pdfName('FontMatrix')));
  return matrix?.[0] ?? 0.001;
}

/** Returns the glyph name of each one-byte code: the base encoding with the /Differences applied. */
function encodingNames(font: PDFDict, base: string | undefined): Array<string | undefined> {
  const encoding = font.lookup(pdfName('Encoding'));
  const symbolic = base === 'Symbol' || base === 'ZapfDingbats';
  const builtIn = base === 'Symbol' ? SYMBOL : base === 'ZapfDingbats' ? DINGBATS : STANDARD;
  let names = builtIn;
  const baseName = encoding instanceof PDFDict ? nameOf(encoding.lookup(pdfName('BaseEncoding'))) : nameOf(encoding);
  if (baseName !== undefined && !symbolic) names = BASE_ENCODINGS[baseName] ?? builtIn;
  else if (baseName === undefined && !symbolic && nameOf(font.lookup(pdfName('Subtype'))) === 'TrueType') names = WIN_ANSI;
  const differences = encoding instanceof PDFDict ? encoding.lookup(pdfName('Differences')) : undefined;
  if (!(differences instanceof PDFArray)) return names;
  const out = [...names];
  let code = 0;
  for (const item of differences.asArray()) {
    if (item instanceof PDFNumber) code = item.asNumber();
    else if (item instanceof PDFName && code >= 0 && code < 256) out[code++] = item.decodeText();
  }
  return out;
}

/** Returns the standard 14 font a /BaseFont names (subset prefix and common aliases removed), or undefined. */
function standardName(baseFont: string): string | undefined {
  const name = baseFont.replace(/^[A-Z]{6}\+/, '');
  if (STANDARD_FONTS.has(name)) return name;
  const [family = '', style = ''] = name.split(/[-,]/);
  const bold = /bold/i.test(style);
  const italic = /italic|oblique/i.test(style);
  if (/^(arial|helvetica)/i.test(family)) return `Helvetica${bold || italic ? '-' : ''}${bold ? 'Bold' : ''}${italic ? 'Oblique' : ''}`;
  if (/^times/i.test(family)) return bold && italic ? 'Times-BoldItalic' : bold ? 'Times-Bold' : italic ? 'Times-Italic' : 'Times-Roman';
  if (/^courier/i.test(family)) return `Courier${bold || italic ? '-' : ''}${bold ? 'Bold' : ''}${italic ? 'Oblique' : ''}`;
  if (/^symbol/i.test(family)) return 'Symbol';
  if (/^zapfdingbats/i.test(family)) return 'ZapfDingbats';
  return undefined;
}

const STANDARD_FONTS = new Set([
  'Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique', 'Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique',
  'Helvetica-BoldOblique', 'Times-Roman', 'Times-Bold', 'Times-Italic', 'Times-BoldItalic', 'Symbol', 'ZapfDingbats',
]);

/** The standard 14 fonts' metrics loaded so far (pdf-lib's AFM data). */
const metricsCache = new Map<string, Font>();

/** Returns the metrics of a standard 14 font (Helvetica's for any other font without widths). */
function standardMetrics(name: string): Font {
  const known = STANDARD_FONTS.has(name) ? name : 'Helvetica';
  let font = metricsCache.get(known);
  if (font === undefined) metricsCache.set(known, (font = Font.load(known as Parameters<typeof Font.load>[0])));
  return font;
}

// ---------------------------------------------------------------------------------------------------------------
// Composite fonts.

/** Returns a Type0 font: codes split by its CMap's codespace, widths by CID from /W and /DW. */
function compositeFont(font: PDFDict, unicode: CMap | undefined, read: StreamReader): TextFont {
  const encoding = font.lookup(pdfName('Encoding'));
  const embedded = streamOf(encoding);
  const cmap = embedded === undefined ? undefined : parseCMap(read(embedded));
  const descendants = font.lookup(pdfName('DescendantFonts'));
  const cid = descendants instanceof PDFArray ? descendants.lookup(0) : undefined;
  const dict = cid instanceof PDFDict ? cid : undefined;
  const defaultWidth = (dict === undefined ? undefined : numberOf(dict.lookup(pdfName('DW')))) ?? 1000;
  const widths = dict === undefined ? new CidWidths(undefined) : new CidWidths(dict.lookup(pdfName('W')));
  const spaces = cmap?.codespaces.length ? cmap.codespaces : unicode?.codespaces.length ? unicode.codespaces : TWO_BYTES;
  const cache = new Map<number, Glyph>();
  return {
    glyphs(bytes) {
      const out: Glyph[] = [];
      for (let i = 0; i < bytes.length; ) {
        const length = codeLength(bytes, i, spaces);
        let code = 0;
        for (let k = 0; k < length; k++) code = code * 256 + (bytes[i + k] ?? 0);
        i += length;
        let glyph = cache.get(code * 8 + length);
        if (glyph === undefined) {
          const cidOf = cmap === undefined ? code : (cmap.lookupCid(code) ?? 0);
          const width = (widths.get(cidOf) ?? defaultWidth) / 1000;
          glyph = { text: withoutLigatures(unicode?.lookup(code) ?? privateUse(code)), width, space: length === 1 && code === 32 };
          if (cache.size < MAX_MAP_ENTRIES) cache.set(code * 8 + length, glyph);
        }
        out.push(glyph);
      }
      return out;
    },
  };
}

/** A composite font's widths by CID (its /W array). */
class CidWidths {
  readonly #single = new Map<number, number>();
  readonly #ranges: Array<[number, number, number]> = [];

  constructor(w: PDFObject | undefined) {
    const items = w instanceof PDFArray ? w.asArray() : [];
    for (let i = 0; i < items.length && this.#single.size + this.#ranges.length < MAX_MAP_ENTRIES; ) {
      const first = numberOf(items[i]);
      const next = items[i + 1];
      if (first === undefined) break;
      if (next instanceof PDFArray) {
        next.asArray().forEach((value, k) => {
          const width = numberOf(value);
          if (width !== undefined && k < MAX_MAP_ENTRIES) this.#single.set(first + k, width);
        });
        i += 2;
      } else {
        const last = numberOf(next);
        const width = numberOf(items[i + 2]);
        if (last !== undefined && width !== undefined) this.#ranges.push([first, last, width]);
        i += 3;
      }
    }
  }

  /** Returns the width of a CID, when /W gives one. */
  get(cid: number): number | undefined {
    const single = this.#single.get(cid);
    if (single !== undefined) return single;
    for (const [from, to, width] of this.#ranges) if (cid >= from && cid <= to) return width;
    return undefined;
  }
}

/** A codespace range: code length in bytes, and each byte's bounds. */
interface Codespace {
  length: number;
  low: Uint8Array;
  high: Uint8Array;
}

const TWO_BYTES: Codespace[] = [{ length: 2, low: Uint8Array.of(0, 0), high: Uint8Array.of(255, 255) }];

/** Returns the byte length of the code starting at `at`: the first codespace range it falls in (else the shortest length). */
function codeLength(bytes: Uint8Array, at: number, spaces: readonly Codespace[]): number {
  for (const space of spaces) {
    if (at + space.length > bytes.length) continue;
    let inside = true;
    for (let k = 0; k < space.length && inside; k++) {
      const b = bytes[at + k] as number;
      inside = b >= (space.low[k] as number) && b <= (space.high[k] as number);
    }
    if (inside) return space.length;
  }
  const shortest = Math.min(...spaces.map((s) => s.length));
  return Math.max(1, Math.min(shortest, bytes.length - at));
}

// ---------------------------------------------------------------------------------------------------------------
// CMaps (ToUnicode and embedded encodings).

/** A parsed CMap: codespace ranges, code → Unicode (bfchar, bfrange) and code → CID (cidchar, cidrange). */
export class CMap {
  readonly codespaces: Codespace[] = [];
  /** bfchar destinations as read (hex digits or a glyph name), turned into text when looked up. */
  readonly #chars = new Map<number, CMapItem>();
  readonly #ranges: Array<{ from: number; to: number; start: string | string[] }> = [];
  readonly #cids = new Map<number, number>();
  readonly #cidRanges: Array<[number, number, number]> = [];
  #entries = 0;

  /** Returns the Unicode text of a code, when the map has one. */
  lookup(code: number): string | undefined {
    const destination = this.#chars.get(code);
    if (destination !== undefined) return dstText(destination);
    for (const range of this.#ranges) {
      if (code < range.from || code > range.to) continue;
      const offset = code - range.from;
      if (Array.isArray(range.start)) return range.start[offset];
      const last = range.start.charCodeAt(range.start.length - 1);
      return range.start.slice(0, -1) + String.fromCharCode(last + offset);
    }
    return undefined;
  }

  /** Returns the CID of a code, when the map has one. */
  lookupCid(code: number): number | undefined {
    const cid = this.#cids.get(code);
    if (cid !== undefined) return cid;
    for (const [from, to, start] of this.#cidRanges) if (code >= from && code <= to) return start + code - from;
    return undefined;
  }

  /** Adds the entries of one section (`begincodespacerange` … `endcodespacerange` and the like) from its items. */
  add(section: string, items: readonly CMapItem[]): void {
    if (this.#entries > MAX_MAP_ENTRIES) return;
    this.#entries += items.length;
    if (section === 'codespacerange') {
      for (let i = 0; i + 1 < items.length; i += 2) {
        const [low, high] = [items[i], items[i + 1]];
        if (typeof low === 'string' && typeof high === 'string' && low.length === high.length && low.length >= 2 && low.length <= 8)
          this.codespaces.push({ length: low.length / 2, low: hexBytes(low), high: hexBytes(high) });
      }
      this.codespaces.sort((x, y) => x.length - y.length);
    } else if (section === 'bfchar') {
      for (let i = 0; i + 1 < items.length; i += 2) {
        const src = items[i];
        if (typeof src === 'string') this.#chars.set(codeOf(src), items[i + 1] as CMapItem);
      }
    } else if (section === 'bfrange') {
      for (let i = 0; i + 2 < items.length; i += 3) {
        const [from, to, dst] = [items[i], items[i + 1], items[i + 2]];
        if (typeof from !== 'string' || typeof to !== 'string') continue;
        this.#ranges.push({ from: codeOf(from), to: codeOf(to), start: Array.isArray(dst) ? dst.map(dstText) : dstText(dst) });
      }
    } else if (section === 'cidchar') {
      for (let i = 0; i + 1 < items.length; i += 2) {
        const [src, cid] = [items[i], items[i + 1]];
        if (typeof src === 'string' && typeof cid === 'number') this.#cids.set(codeOf(src), cid);
      }
    } else if (section === 'cidrange') {
      for (let i = 0; i + 2 < items.length; i += 3) {
        const [from, to, cid] = [items[i], items[i + 1], items[i + 2]];
        if (typeof from === 'string' && typeof to === 'string' && typeof cid === 'number') this.#cidRanges.push([codeOf(from), codeOf(to), cid]);
      }
    }
  }
}

/** An item of a CMap section: hex digits of a `<…>` string, a number, a glyph name, or an array of them. */
type CMapItem = string | number | ContentName | CMapItem[];

/** The kinds of CMap sections read (`begin<kind>` … `end<kind>`). */
const SECTIONS = ['codespacerange', 'bfchar', 'bfrange', 'cidchar', 'cidrange'] as const;

/** Returns the CMap of a stream's bytes (read as Latin-1 text: its syntax is ASCII). */
export function parseCMap(data: Uint8Array): CMap {
  const cmap = new CMap();
  const text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
  // Each section is `begin<kind>`, a word boundary, then the shortest body before an `end<kind>` that starts a word.
  for (let begin = text.indexOf('begin'); begin >= 0; ) {
    const start = begin + 'begin'.length;
    const kind = SECTIONS.find((k) => text.startsWith(k, start) && !isWordChar(text.charCodeAt(start + k.length)));
    const body = kind === undefined ? -1 : start + kind.length;
    let end = kind === undefined ? -1 : text.indexOf(`end${kind}`, body);
    while (end >= 0 && (end === body || isWordChar(text.charCodeAt(end - 1)))) end = text.indexOf(`end${kind}`, end + 1);
    if (kind === undefined || end < 0) {
      begin = text.indexOf('begin', begin + 1);
      continue;
    }
    cmap.add(kind, cmapItems(text, body, end));
    begin = text.indexOf('begin', end + 'end'.length + kind.length);
  }
  return cmap;
}

/** Returns whether a character code is a word character of a regular expression (`\w`: ASCII letters, digits, _); NaN is not. */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** Returns the items of a section's body, `text[start..end)` (arrays one level deep, as CMaps use them), scanned character by character. */
function cmapItems(text: string, start: number, end: number): CMapItem[] {
  const out: CMapItem[] = [];
  let array: CMapItem[] | undefined;
  const push = (item: CMapItem): void => {
    if (array === undefined) out.push(item);
    else array.push(item);
  };
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) {
      const close = text.indexOf('>', i + 1);
      if (close < 0 || close >= end) break;
      push(hexDigits(text, i + 1, close));
      i = close + 1;
    } else if (c === 0x5b) {
      array = [];
      i++;
    } else if (c === 0x5d) {
      if (array !== undefined) out.push(array);
      array = undefined;
      i++;
    } else if (c === 0x2f || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b) {
      let stop = i + 1;
      while (stop < end && !CMAP_DELIMITER.has(text.charCodeAt(stop))) stop++;
      const word = text.slice(c === 0x2f ? i + 1 : i, stop);
      push(c === 0x2f ? new ContentName(word) : Number.parseInt(word, 10) || 0);
      i = stop;
    } else i++;
  }
  return out;
}

/** Returns the hex digits of `text[start..end)`, other characters left out. */
function hexDigits(text: string, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if (hexValue(text.charCodeAt(i)) < 0) {
      let digits = '';
      for (let k = start; k < end; k++) if (hexValue(text.charCodeAt(k)) >= 0) digits += text.charAt(k);
      return digits;
    }
  }
  return text.slice(start, end);
}

/** Returns the value of a hex digit's character code, -1 for other characters. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** The characters that end a name or number in a CMap: white space (as a regular expression's \s reads Latin-1) and delimiters. */
const CMAP_DELIMITER = new Set([...' \t\n\r\f\v\u00a0/[]<>(){}%'].map((c) => c.charCodeAt(0)));

/** Returns the code of hex digits (big-endian, at most 4 bytes; none is 0). */
function codeOf(hex: string): number {
  let code = 0;
  for (let i = 0; i < Math.min(8, hex.length); i++) code = code * 16 + hexValue(hex.charCodeAt(i));
  return code;
}

/** Returns the bytes of hex digits. */
function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Returns the text of a bfchar/bfrange destination: UTF-16BE hex digits, or a glyph name. */
function dstText(dst: CMapItem | undefined): string {
  if (dst instanceof ContentName) return glyphText(dst.name) ?? '';
  if (typeof dst !== 'string') return '';
  let text = '';
  for (let i = 0; i + 3 < dst.length; i += 4) text += String.fromCharCode(codeOf(dst.slice(i, i + 4)));
  if (dst.length % 4 === 2) text += String.fromCharCode(codeOf(dst.slice(-2)));
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Glyph names and encodings.

/** Latin typographic ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), read as their letters, as text extractors do. */
const LIGATURES = /[\ufb00-\ufb06]/g;

/** Returns a glyph's text with Latin ligatures spelled out. */
function withoutLigatures(text: string): string {
  return text.replace(LIGATURES, (l) => l.normalize('NFKC'));
}

/** Returns the private-use character standing for a code no map turns into text. */
function privateUse(code: number): string {
  return String.fromCodePoint(code <= 0x18ff ? 0xe000 + code : 0xf0000 + (code & 0xffff));
}

/** Glyph name → Unicode text: the names of pdf-lib's WinAnsi, Symbol and ZapfDingbats encodings, and a few more. */
const GLYPHS = new Map<string, string>();
/** Unicode code point → glyph name, for encodings given as characters (MacRoman). */
const NAME_OF = new Map<number, string>();

/** Returns the code → glyph name table of one of pdf-lib's encodings, registering its names. */
function fromPdfLib(encoding: (typeof Encodings)[keyof typeof Encodings]): Array<string | undefined> {
  const names: Array<string | undefined> = new Array<string | undefined>(256).fill(undefined);
  for (const point of encoding.supportedCodePoints) {
    const { code, name } = encoding.encodeUnicodeCodePoint(point);
    if (code < 256) names[code] = name;
    if (!GLYPHS.has(name)) GLYPHS.set(name, String.fromCodePoint(point));
    if (!NAME_OF.has(point)) NAME_OF.set(point, name);
  }
  return names;
}

const WIN_ANSI = fromPdfLib(Encodings.WinAnsi);
const SYMBOL = fromPdfLib(Encodings.Symbol);
const DINGBATS = fromPdfLib(Encodings.ZapfDingbats);

const EXTRA_GLYPHS: Record<string, string> = {
  fi: 'ﬁ', fl: 'ﬂ', ff: 'ﬀ', ffi: 'ﬃ', ffl: 'ﬄ', dotlessi: 'ı', Lslash: 'Ł', lslash: 'ł', fraction: '⁄', hungarumlaut: '˝',
  ogonek: '˛', caron: 'ˇ', breve: '˘', dotaccent: '˙', ring: '˚', minus: '−', nbspace: '\u00a0', nonbreakingspace: '\u00a0',
  Euro: '€', apostrophe: '\'', quotesingle: '\'', hyphen: '-', sfthyphen: '\u00ad', softhyphen: '\u00ad', middot: '·',
  Omega: 'Ω', mu: 'µ', Delta: '∆', uni00A0: '\u00a0', ellipsis: '…', trademark: '™', afii61352: '№', checkbox: '☐',
};
for (const [name, text] of Object.entries(EXTRA_GLYPHS)) if (!GLYPHS.has(name)) GLYPHS.set(name, text);

/** Returns the Unicode text of a glyph name (`eacute`, `uni00E9`, `u1F600`, `f_i`, `a.sc`), or undefined for names that say nothing. */
export function glyphText(name: string): string | undefined {
  const known = GLYPHS.get(name);
  if (known !== undefined) return known;
  const uni = /^uni((?:[0-9A-F]{4})+)$/.exec(name);
  if (uni?.[1] !== undefined) return String.fromCharCode(...(uni[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  const u = /^u([0-9A-F]{4,6})$/.exec(name);
  if (u?.[1] !== undefined) {
    const point = parseInt(u[1], 16);
    return point <= 0x10ffff ? String.fromCodePoint(point) : undefined;
  }
  const dot = name.indexOf('.');
  if (dot > 0) return glyphText(name.slice(0, dot));
  if (name.includes('_')) {
    const parts = name.split('_').map(glyphText);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  return undefined;
}

/** Adobe's StandardEncoding (the built-in encoding of Type 1 text fonts): ASCII with curly quotes, and its upper half. */
const STANDARD: Array<string | undefined> = (() => {
  const names = [...WIN_ANSI.slice(0, 128)];
  names[39] = 'quoteright';
  names[96] = 'quoteleft';
  names[127] = undefined;
  const upper: Record<number, string> = {
    161: 'exclamdown', 162: 'cent', 163: 'sterling', 164: 'fraction', 165: 'yen', 166: 'florin', 167: 'section', 168: 'currency',
    169: 'quotesingle', 170: 'quotedblleft', 171: 'guillemotleft', 172: 'guilsinglleft', 173: 'guilsinglright', 174: 'fi', 175: 'fl',
    177: 'endash', 178: 'dagger', 179: 'daggerdbl', 180: 'periodcentered', 182: 'paragraph', 183: 'bullet', 184: 'quotesinglbase',
    185: 'quotedblbase', 186: 'quotedblright', 187: 'guillemotright', 188: 'ellipsis', 189: 'perthousand', 191: 'questiondown',
    193: 'grave', 194: 'acute', 195: 'circumflex', 196: 'tilde', 197: 'macron', 198: 'breve', 199: 'dotaccent', 200: 'dieresis',
    202: 'ring', 203: 'cedilla', 205: 'hungarumlaut', 206: 'ogonek', 207: 'caron', 208: 'emdash', 225: 'AE', 227: 'ordfeminine',
    232: 'Lslash', 233: 'Oslash', 234: 'OE', 235: 'ordmasculine', 241: 'ae', 245: 'dotlessi', 248: 'lslash', 249: 'oslash',
    250: 'oe', 251: 'germandbls',
  };
  for (let code = 128; code < 256; code++) names[code] = upper[code];
  return names;
})();

/** MacRomanEncoding's upper half, as characters (0x80 to 0xFF). */
const MAC_ROMAN_UPPER =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const MAC_ROMAN: Array<string | undefined> = (() => {
  const names = [...STANDARD.slice(0, 128)];
  names[39] = 'quotesingle';
  names[96] = 'grave';
  for (const [i, char] of [...MAC_ROMAN_UPPER].entries()) {
    const point = char.codePointAt(0) ?? 0;
    let name = NAME_OF.get(point) ?? [...GLYPHS.entries()].find(([, text]) => text === char)?.[0];
    if (name === undefined) {
      name = `uni${point.toString(16).toUpperCase().padStart(4, '0')}`;
    }
    names[0x80 + i] = name;
  }
  return names;
})();

const BASE_ENCODINGS: Record<string, Array<string | undefined>> = {
  WinAnsiEncoding: WIN_ANSI,
  MacRomanEncoding: MAC_ROMAN,
  StandardEncoding: STANDARD,
  MacExpertEncoding: STANDARD,
};

// ---------------------------------------------------------------------------------------------------------------
// Small readers of pdf-lib objects.

/** Returns a name's text, or undefined. */
function nameOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFName ? value.decodeText() : undefined;
}

/** Returns a number's value, or undefined. */
function numberOf(value: PDFObject | undefined): number | undefined {
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

/** Returns an array of numbers (non-numbers as 0), or undefined when the value is not an array. */
function numbers(value: PDFObject | undefined): number[] | undefined {
  if (!(value instanceof PDFArray)) return undefined;
  return value.asArray().map((_, i) => numberOf(value.lookup(i)) ?? 0);
}

/** Returns the stream a value is (resolved), or undefined. */
function streamOf(value: PDFObject | undefined): PDFRawStream | undefined {
  return value instanceof PDFRawStream ? value : undefined;
}
