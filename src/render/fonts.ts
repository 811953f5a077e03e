/**
 * The fonts every output uses: DejaVu Sans Condensed (regular, bold, oblique), shipped in `templates/fonts/`
 * because it covers French (é è à ç œ ’ « » €) and the box glyphs ☐ ☒ that the standard PDF fonts lack.
 */
import { readFileSync } from 'node:fs';
import { subsetKeepingGlyphIds, withoutLayoutTables } from './font-tables.ts';
import { projectPath } from '../core/paths.ts';

/** Where the font files live. */
export const FONTS_DIR = `${projectPath('templates', 'fonts')}/`;

/** The font files, by style. */
export const FONT_FILES = {
  regular: FONTS_DIR + 'DejaVuSansCondensed.ttf',
  bold: FONTS_DIR + 'DejaVuSansCondensed-Bold.ttf',
  italic: FONTS_DIR + 'DejaVuSansCondensed-Oblique.ttf',
} as const;

/**
 * The characters the fields of a fillable PDF can draw: what the names, addresses and amounts people type in Europe
 * need (Basic Latin, Latin-1, Latin Extended-A and -B, Latin Extended Additional, combining accents, Greek and
 * Cyrillic), the punctuation of French typing (’ « » – — … and the narrow no-break space), currency signs (€), № and ™,
 * the ligatures a pasted text may hold (ﬁ ﬂ), and the box glyphs ☐ ☑ ☒.
 */
export const FIELD_CHARACTER_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0020, 0x007e],
  [0x00a0, 0x024f],
  [0x0300, 0x036f],
  [0x0370, 0x03ff],
  [0x0400, 0x045f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20a0, 0x20bf],
  [0x2116, 0x2116],
  [0x2122, 0x2122],
  [0x2610, 0x2612],
  [0xfb00, 0xfb06],
];

/** Returns the code points of FIELD_CHARACTER_RANGES. */
export function fieldCodePoints(): number[] {
  return FIELD_CHARACTER_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

let fieldFont: Uint8Array | undefined;

/**
 * Returns the bytes of the font of the fields of fillable PDFs: the regular font reduced to FIELD_CHARACTER_RANGES
 * (about a tenth of the whole font), embedded once in each fillable PDF, named in the AcroForm's /DR and used by
 * every field's appearance, so a person can type any of those characters in any viewer. Made once per process.
 * With `keepLayoutTables` (the benchmark's baseline), the whole font as it was embedded before.
 */
export function readFieldFont(options: FontOptions = {}): Uint8Array {
  if (options.keepLayoutTables) return readFont(FONT_FILES.regular, options);
  fieldFont ??= subsetKeepingGlyphIds(readFileSync(FONT_FILES.regular), fieldCodePoints());
  return fieldFont;
}

/** How the fonts are loaded. */
export interface FontOptions {
  /** Keep the OpenType layout tables (kerning, ligatures): slower by far, used as the benchmark's baseline. */
  keepLayoutTables?: boolean;
}

/** Returns a font file's bytes, by default without its OpenType layout tables (see `font-tables.ts`). */
function readFont(file: string, options: FontOptions): Uint8Array {
  const bytes = readFileSync(file);
  return options.keepLayoutTables ? bytes : withoutLayoutTables(bytes);
}
