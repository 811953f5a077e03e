/**
 * The fonts every output uses: DejaVu Sans Condensed (regular, bold, oblique), shipped in `templates/fonts/`
 * because it covers French (é è à ç œ ’ « » €) and the box glyphs ☐ ☒ that the standard PDF fonts lack.
 */
import { readFileSync } from 'node:fs';
import { Font } from '@react-pdf/renderer';
import { withoutLayoutTables } from './font-tables.ts';
import { projectPath } from '../core/paths.ts';

/** Where the font files live. */
export const FONTS_DIR = `${projectPath('templates', 'fonts')}/`;

/** The family name the PDF layout uses. */
export const FONT_FAMILY = 'DejaVu Sans Condensed';

/** The font files, by style. */
export const FONT_FILES = {
  regular: FONTS_DIR + 'DejaVuSansCondensed.ttf',
  bold: FONTS_DIR + 'DejaVuSansCondensed-Bold.ttf',
  italic: FONTS_DIR + 'DejaVuSansCondensed-Oblique.ttf',
} as const;

/**
 * Registers the family with React-PDF (its font store is process-wide; registering again is harmless) and
 * turns hyphenation off, since a hyphen inserted in a value would change the text a reader extracts.
 */
export function registerPdfFonts(options: FontOptions = {}): void {
  const src = (file: string) => `data:font/ttf;base64,${Buffer.from(readFont(file, options)).toString('base64')}`;
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: src(FONT_FILES.regular) },
      { src: src(FONT_FILES.bold), fontWeight: 'bold' },
      { src: src(FONT_FILES.italic), fontStyle: 'italic' },
    ],
  });
  Font.registerHyphenationCallback((word) => [word]);
}

/** Returns the bytes of the regular font, embedded whole in fillable PDFs so any typed character can be drawn. */
export function readFieldFont(options: FontOptions = {}): Uint8Array {
  return readFont(FONT_FILES.regular, options);
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
