/** Name trees of a user's PDF (walked by the one tree walker) and the attached files of /Names/EmbeddedFiles. */
import { hasUtf16BOM, PDFArray, PDFDict, PDFHexString, PDFString, pdfDocEncodingDecode, utf16Decode, type PDFContext, type PDFObject } from 'pdf-lib';
import { pdfName } from './keys.ts';
import { success, type Result } from '../core/issues.ts';
import { damaged } from './errors.ts';
import { walkTree } from './tree.ts';

/** One entry of a name tree: its key and its value (references resolved). */
export interface NameTreeEntry {
  key: PDFObject | undefined;
  value: PDFObject | undefined;
}

/** Returns the entries of a name tree in order, or 'cycle' / 'invalid' when its nodes loop or are not dictionaries. */
export function nameTreeEntries(context: PDFContext, tree: PDFObject | undefined): NameTreeEntry[] | 'cycle' | 'invalid' {
  const leaves = walkTree(context, tree, { children: nameTreeKids });
  if (typeof leaves === 'string') return leaves;
  const entries: NameTreeEntry[] = [];
  for (const leaf of leaves) {
    const pairs = leaf.lookup(pdfName('Names'));
    if (!(pairs instanceof PDFArray)) continue;
    for (let i = 0; i + 1 < pairs.size(); i += 2) entries.push({ key: pairs.lookup(i), value: context.lookup(pairs.get(i + 1)) });
  }
  return entries;
}

/** Returns the /Kids of a name tree node, or undefined for a leaf (a node with /Names). */
function nameTreeKids(node: PDFDict): PDFObject[] | undefined {
  const kids = node.lookup(pdfName('Kids'));
  return kids instanceof PDFArray ? kids.asArray() : undefined;
}

/** One entry of the /Names/EmbeddedFiles name tree. */
export interface EmbeddedFileEntry {
  /** The file specification's /UF or /F, else its key in the name tree. */
  nom: string;
  /** The file specification (undefined when the tree's value is not a dictionary). */
  spec: PDFDict | undefined;
}

/** Returns the entries of /Names/EmbeddedFiles in name tree order, walked without recursion (a cycle is PDF_ILLISIBLE). */
export function embeddedFiles(context: PDFContext, catalog: PDFDict, name: string): Result<EmbeddedFileEntry[]> {
  const names = catalog.lookup(pdfName('Names'));
  const tree = names instanceof PDFDict ? names.get(pdfName('EmbeddedFiles')) : undefined;
  if (tree === undefined) return success([]);
  const entries = nameTreeEntries(context, tree);
  if (entries === 'cycle') return damaged(name, 'endommagé : l’arbre des pièces jointes boucle sur lui-même');
  if (entries === 'invalid') return damaged(name, 'endommagé : un nœud de l’arbre des pièces jointes n’est pas un dictionnaire');
  return success(entries.flatMap(fileOf));
}

/** Returns the file of a name tree entry, named by its file specification's /UF or /F, else by its key ([] without a name). */
function fileOf(entry: NameTreeEntry): EmbeddedFileEntry[] {
  const spec = entry.value instanceof PDFDict ? entry.value : undefined;
  const fromSpec = spec === undefined ? undefined : pdfText(spec.lookup(pdfName('UF'))) ?? pdfText(spec.lookup(pdfName('F')));
  const fileName = fromSpec ?? pdfText(entry.key);
  return fileName === undefined ? [] : [{ nom: fileName, spec }];
}

/** Returns the names of the files in /Names/EmbeddedFiles, in name tree order. */
export function attachmentNames(context: PDFContext, catalog: PDFDict, name: string): Result<string[]> {
  const files = embeddedFiles(context, catalog, name);
  return files.ok ? success(files.valeur.map((file) => file.nom)) : files;
}

/**
 * Returns the text of a PDF string, or undefined for anything else (what pdf-lib's `decodeText` gives, read without
 * its per-character arrays). A literal string with no escape whose characters PDFDocEncoding leaves as they are is the
 * string itself; UTF-16BE (field names and values) is decoded from a hex string's digits or from a literal's bytes
 * (escapes resolved into a reused buffer), without intermediate arrays.
 */
export function pdfText(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString) {
    const text = value.asString();
    if (isPlainPdfDoc(text)) return text;
    const bytes = literalBytes(text);
    return utf16FromBytes(bytes) ?? (hasUtf16BOM(bytes) ? utf16Decode(bytes) : pdfDocEncodingDecode(bytes));
  }
  if (!(value instanceof PDFHexString)) return undefined;
  const hex = value.asString();
  const utf16 = utf16FromHex(hex);
  if (utf16 !== undefined) return utf16;
  const bytes = hexBytes(value);
  return hasUtf16BOM(bytes) ? utf16Decode(bytes) : pdfDocEncodingDecode(bytes);
}

/** Whether PDFDocEncoding decodes each byte to the character of the same code (0 when it maps it elsewhere). */
const SAME_IN_PDFDOC = Uint8Array.from({ length: 256 }, (_, b) => (pdfDocEncodingDecode(Uint8Array.of(b)) === String.fromCharCode(b) ? 1 : 0));

/** Returns whether a literal string's raw text decodes to itself: no escape, no byte order mark, only bytes PDFDocEncoding keeps. */
function isPlainPdfDoc(text: string): boolean {
  if (text.length >= 2) {
    const first = text.charCodeAt(0);
    const second = text.charCodeAt(1);
    if ((first === 0xfe && second === 0xff) || (first === 0xff && second === 0xfe)) return false;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c || code > 0xff || SAME_IN_PDFDOC[code] === 0) return false;
  }
  return true;
}

/** Code units of the UTF-16 text being decoded (grown when needed, never returned). */
let units = new Uint16Array(64);

/**
 * Returns the text of a hex string holding UTF-16BE with its byte order mark (`FEFF…`, whole code units, hex digits
 * only), decoded as pdf-lib's `utf16Decode` does (an unpaired surrogate becomes U+FFFD; a low surrogate first also
 * swallows the unit after it, as there); undefined for any other hex string.
 */
function utf16FromHex(hex: string): string | undefined {
  if (hex.length < 4 || hex.length % 4 !== 0) return undefined;
  const count = hex.length / 4;
  if (unitAt(hex, 0) !== 0xfeff) return undefined;
  if (units.length < count) units = new Uint16Array(Math.max(count, units.length * 2));
  for (let i = 1; i < count; i++) {
    const unit = unitAt(hex, i * 4);
    if (unit < 0) return undefined;
    units[i] = unit;
  }
  return unitsText(count);
}

/** Returns the text of the code units `units[1..count)` (after the byte order mark), surrogates checked as pdf-lib's `utf16Decode` does. */
function unitsText(count: number): string {
  let out = 0;
  for (let i = 1; i < count; ) {
    const first = units[i++] as number;
    if (first >= 0xd800 && first <= 0xdbff) {
      if (i >= count) units[out++] = 0xfffd;
      else {
        const second = units[i++] as number;
        if (second >= 0xdc00 && second <= 0xdfff) {
          units[out++] = first;
          units[out++] = second;
        } else units[out++] = 0xfffd;
      }
    } else if (first >= 0xdc00 && first <= 0xdfff) {
      i++;
      units[out++] = 0xfffd;
    } else units[out++] = first;
  }
  let text = '';
  // In slices: a call's arguments are bounded (a hostile field name can be megabytes long).
  for (let start = 0; start < out; start += 8192) text += String.fromCharCode.apply(null, units.subarray(start, Math.min(out, start + 8192)) as unknown as number[]);
  return text;
}

/** Returns the code unit of the 4 hex digits at `at`, or -1 when one is not a hex digit. */
function unitAt(hex: string, at: number): number {
  let unit = 0;
  for (let i = at; i < at + 4; i++) {
    const digit = HEX_DIGIT[hex.charCodeAt(i)] ?? -1;
    if (digit < 0) return -1;
    unit = (unit << 4) | digit;
  }
  return unit;
}

/** Value of each hexadecimal digit by character code, -1 for other characters. */
const HEX_DIGIT = Int8Array.from({ length: 128 }, (_, code) => {
  const digit = parseInt(String.fromCharCode(code), 16);
  return Number.isNaN(digit) ? -1 : digit;
});

/** Returns the bytes of a hex string (an odd last digit followed by 0); one with other characters is read by pdf-lib's `asBytes`. */
function hexBytes(value: PDFHexString): Uint8Array {
  const hex = value.asString();
  const bytes = new Uint8Array((hex.length + 1) >> 1);
  for (let i = 0; i < hex.length; i++) {
    const digit = HEX_DIGIT[hex.charCodeAt(i)] ?? -1;
    if (digit < 0) return value.asBytes();
    bytes[i >> 1] = (bytes[i >> 1] ?? 0) | (i % 2 === 0 ? digit << 4 : digit);
  }
  return bytes;
}

/** Escaped characters of a literal string and the byte each stands for (a line break after `\\` stands for none). */
const ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };

/** Bytes of the literal string being decoded (grown when needed; what `literalBytes` returns is a view of it, used at once). */
let scratch = new Uint8Array(256);

/** Returns the bytes of a literal string's raw text (its escapes resolved as pdf-lib's `asBytes` does), as a view of `scratch`. */
function literalBytes(text: string): Uint8Array {
  if (scratch.length < text.length) scratch = new Uint8Array(Math.max(text.length, scratch.length * 2));
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x5c) {
      scratch[n++] = code;
      continue;
    }
    const next = text[++i];
    if (next === undefined || next === '\n' || next === '\r') continue;
    const escaped = ESCAPES[next];
    if (escaped !== undefined) scratch[n++] = escaped;
    else if (next >= '0' && next <= '7') {
      let octal = next.charCodeAt(0) - 0x30;
      for (let digits = 1; digits < 3 && (text[i + 1] ?? '') >= '0' && (text[i + 1] ?? '') <= '7'; digits++) octal = octal * 8 + (text.charCodeAt(++i) - 0x30);
      scratch[n++] = octal & 0xff;
    } else scratch[n++] = text.charCodeAt(i);
  }
  return scratch.subarray(0, n);
}

/** Returns the text of UTF-16BE bytes with their byte order mark and whole code units, decoded as `utf16FromHex` does; undefined otherwise. */
function utf16FromBytes(bytes: Uint8Array): string | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0 || bytes[0] !== 0xfe || bytes[1] !== 0xff) return undefined;
  const count = bytes.length / 2;
  if (units.length < count) units = new Uint16Array(Math.max(count, units.length * 2));
  for (let i = 1; i < count; i++) units[i] = ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number);
  return unitsText(count);
}
