/** The shared writing of values and field names, and the font loading that keeps rendering fast. */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { formatFrenchDate as formatDate } from '../../src/core/dates.ts';
import { fieldName, formatAmount, formatNumber } from '../../src/render/format.ts';
import { FONT_FILES } from '../../src/render/fonts.ts';
import { LAYOUT_TABLES, withoutLayoutTables } from '../../src/render/font-tables.ts';
import { parseQrPayload, qrPayload } from '../../src/render/qr.ts';

describe('value formatting', () => {
  it('writes dates as JJ/MM/AAAA and numbers the French way', () => {
    expect(formatDate('2019-03-05')).toBe('05/03/2019');
    expect(formatDate('mars 2019')).toBe('mars 2019');
    expect(formatAmount(1234.5)).toBe('1 234,50');
    expect(formatAmount(1234567)).toBe('1 234 567,00');
    expect(formatNumber(12.5)).toBe('12,5');
    expect(formatNumber(-1500)).toBe('-1 500');
  });
});

describe('field names', () => {
  it('joins the data path with dots, and adds the option value for one box of a multiple choice', () => {
    expect(fieldName(['fichesActiviteE32', '0', 'ficheClient', 'nom'])).toBe('fichesActiviteE32.0.ficheClient.nom');
    expect(fieldName(['domaines'], 'epargne')).toBe('domaines.epargne');
  });

  it('refuses a segment that would make the name ambiguous', () => {
    expect(() => fieldName(['a.b'])).toThrow(/dot/);
    expect(() => fieldName([''])).toThrow(/empty/);
  });
});

describe('fonts without OpenType layout tables', () => {
  it('still load in fontkit with every French glyph and the box glyphs, without GSUB/GPOS', () => {
    const stripped = withoutLayoutTables(readFileSync(FONT_FILES.regular));
    const font = fontkit.create(Buffer.from(stripped)) as unknown as { hasGlyphForCodePoint(c: number): boolean; availableFeatures: string[]; directory: { tables: Record<string, unknown> } };
    for (const ch of 'éèêàçœÉÀ’«»€☐☒') expect(font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0), ch).toBe(true);
    for (const tag of LAYOUT_TABLES) expect(font.directory.tables[tag]).toBeUndefined();
  });
});

describe('page QR codes', () => {
  it('round-trips the page identity and refuses anything else', () => {
    const id = { form: 'grille-e42', version: '1.0.0', documentId: '0123456789abcdef', page: 2, pages: 3 };
    expect(parseQrPayload(qrPayload(id))).toEqual(id);
    expect(parseQrPayload('https://exemple.fr')).toBeUndefined();
  });
});
