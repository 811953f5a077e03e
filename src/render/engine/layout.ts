/**
 * The engine's layout: a resolved document (`DocNode` tree) becomes pages of content-stream operators, with the
 * rectangles of its fields, the page of each bookmark and of each inserted document page. Blocks are measured
 * with the prepared fonts' widths and broken into lines (a word wider than its box is set smaller until it fits,
 * down to 5 pt, then cut between characters: never a hyphen, the value is never changed), then flowed down the
 * pages: keep-with-next headings, rows kept together, long boxes and side-by-side blocks split, table headers
 * repeated on each page, section frames drawn around each page's part.
 */
import type { DocCell, DocNode, FieldSpec, ResolvedDocument } from '../model.ts';
import { EMPTY_GLYPH, TICKED_GLYPH } from '../format.ts';
import { FONT_RESOURCE, type FontStyle, type FontUse } from './fonts.ts';
import { num } from './pdf-writer.ts';
import type { PreparedResources } from './prepared.ts';
import type { Mark } from '../../layout/layout.ts';

/** Page margin, in points. */
export const MARGIN = 34;
/** Space kept free at the bottom of every page for the footer and the QR code. */
export const FOOTER_HEIGHT = 92;
/** A4 in points, portrait. */
export const A4 = { width: 595.28, height: 841.89 };
/** Height kept at the top of an inserted document's page for its caption. */
const CAPTION_HEIGHT = 24;
const LINE = 11.5;

/** Returns the rectangle (PDF coordinates, origin bottom-left) where an inserted document's page is drawn. */
export function attachmentBox(landscape: boolean): { x: number; y: number; width: number; height: number } {
  const width = landscape ? A4.height : A4.width;
  const height = landscape ? A4.width : A4.height;
  return { x: MARGIN, y: FOOTER_HEIGHT, width: width - 2 * MARGIN, height: height - FOOTER_HEIGHT - MARGIN - CAPTION_HEIGHT };
}

/** A text style: font, size, colour (grey level), space after. */
interface Style {
  font: FontStyle;
  size: number;
  grey?: number;
  align?: 'left' | 'center';
}

const BODY: Style = { font: 'regular', size: 9 };
const BOLD: Style = { font: 'bold', size: 9 };
const TEXT_STYLES: Record<string, Style & { after: number }> = {
  normal: { ...BODY, after: 2 },
  strong: { ...BOLD, after: 1 },
  note: { font: 'italic', size: 8, grey: 0.133, after: 2 },
  small: { font: 'regular', size: 7.5, after: 1 },
  center: { ...BODY, align: 'center', after: 2 },
  point: { ...BOLD, align: 'center', after: 0 },
};

/** A field placed on a page: its spec and rectangle (PDF coordinates). */
export interface PlacedField {
  spec: FieldSpec;
  page: number;
  rect: { x: number; y: number; width: number; height: number };
}

/** An inserted document page's place: the file, its page, the physical page it got (0-based). */
export interface AttachmentSlot {
  key: string;
  index: number;
  page: number;
}

/** A laid-out document. */
export interface LaidOutDocument {
  width: number;
  height: number;
  /** Content-stream operators of each page (footer, page number and QR code not yet added). */
  pages: string[][];
  fields: PlacedField[];
  /** Page (0-based) of each outline entry, by index. */
  bookmarkPages: Map<number, number>;
  attachmentSlots: AttachmentSlot[];
}

/** What drawing needs: the page being drawn and the document's font uses. */
interface Canvas {
  ops: string[];
  page: number;
  pageHeight: number;
  fields: PlacedField[];
  /** The centres of the graph points drawn on the page (text style `point`), joined once the page is drawn. */
  points: Array<{ x: number; y: number }>;
}

/** A frame drawn around the part of a section on each page. */
interface Frame {
  x: number;
  width: number;
}

/** A piece of the vertical flow. */
interface Item {
  h: number;
  /** Draws the item, its top `top` points below the top margin. */
  draw?: (c: Canvas, top: number) => void;
  /** Vertical space, dropped at the top of a page. */
  space?: boolean;
  /** Space the following content must find on the same page (a heading is not left alone at a page's foot). */
  keep?: number;
  breakBefore?: boolean;
  frames?: Frame[];
  /** Header rows to repeat when a table's rows go on to a new page. */
  head?: Item[];
  isHead?: boolean;
  bookmark?: number;
  attachment?: { key: string; index: number };
  /** Splits the item so that its first part fits `avail` points (null: it cannot). */
  split?: (avail: number) => [Item, Item] | null;
}

/** Lays out documents with prepared fonts; one per document (it records the fonts the document uses). */
export class Layout {
  readonly #res: PreparedResources;
  readonly #fillable: boolean;
  /** How many table cells the node being laid out sits in: a cell's borders already frame its values. */
  #inCell = 0;
  readonly uses: Record<FontStyle, FontUse>;

  constructor(res: PreparedResources, fillable: boolean, uses: Record<FontStyle, FontUse>) {
    this.#res = res;
    this.#fillable = fillable;
    this.uses = uses;
  }

  /** Returns the laid-out pages of `doc`. */
  layout(doc: ResolvedDocument): LaidOutDocument {
    const width = doc.landscape ? A4.height : A4.width;
    const height = doc.landscape ? A4.width : A4.height;
    const items = this.#nodes(doc.nodes, MARGIN, width - 2 * MARGIN, []);
    return paginate(items, width, height);
  }

  /** Returns a text show operator sequence for one line at (x, baseline) in PDF coordinates. */
  text(style: Style, x: number, y: number, line: string): string {
    const font = this.#res.fonts[style.font];
    const hex = font.encode(line, this.uses[style.font]);
    const colour = style.grey ? `${num(style.grey)} g ` : '';
    return `BT ${colour}/${FONT_RESOURCE[style.font]} ${num(style.size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm <${hex}> Tj ET${style.grey ? ' 0 g' : ''}`;
  }

  /** Returns the width of `text` in `style`. */
  width(style: Style, text: string): number {
    return this.#res.fonts[style.font].width(text, style.size);
  }

  /** Returns the lines of `text` broken to `width` (cached per batch: static texts are measured once). */
  lines(style: Style, text: string, width: number): string[] {
    const key = `${style.font}|${style.size}|${Math.round(width * 100)}|${text}`;
    const cached = this.#res.lineCache.get(key);
    if (cached) return cached;
    const font = this.#res.fonts[style.font];
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      const words = paragraph.split(/(?<= )/);
      let line = '';
      let lineWidth = 0;
      for (const word of words) {
        const w = font.width(word, style.size);
        const bare = font.width(word.trimEnd(), style.size);
        if (line !== '' && lineWidth + bare > width) {
          out.push(line.trimEnd());
          line = '';
          lineWidth = 0;
        }
        if (bare > width) {
          // A word wider than the box: cut between characters (no hyphen: the text stays the value).
          let piece = '';
          for (const ch of word) {
            if (piece !== '' && font.width(piece + ch, style.size) > width) {
              out.push(piece);
              piece = '';
            }
            piece += ch;
          }
          line = piece;
          lineWidth = font.width(piece, style.size);
          continue;
        }
        line += word;
        lineWidth += w;
      }
      out.push(line.trimEnd());
    }
    this.#res.remember(key, out);
    return out;
  }

  /** Returns the line height of a style. */
  lineHeight(style: Style): number {
    const f = this.#res.fonts[style.font];
    return style.size * (f.ascent + f.descent);
  }

  /** Returns the items of a text block: one per line. */
  #paragraph(text: string, style: Style, x: number, width: number): Item[] {
    const lh = this.lineHeight(style);
    const ascent = this.#res.fonts[style.font].ascent * style.size;
    return this.lines(style, text, width).map((line) => ({
      h: lh,
      draw: (c: Canvas, top: number) => {
        if (line === '') return;
        const lx = style.align === 'center' ? x + (width - this.width(style, line)) / 2 : x;
        c.ops.push(this.text(style, lx, c.pageHeight - MARGIN - top - ascent, line));
      },
    }));
  }

  /** Returns one atomic block of text lines: its height and a drawer at (x, top). */
  #block(text: string, style: Style, width: number): { h: number; w: number; draw: (c: Canvas, x: number, top: number) => void } {
    const lines = this.lines(style, text, width);
    const lh = this.lineHeight(style);
    const ascent = this.#res.fonts[style.font].ascent * style.size;
    const w = Math.max(0, ...lines.map((l) => this.width(style, l)));
    return {
      h: lines.length * lh,
      w,
      draw: (c, x, top) => {
        lines.forEach((line, i) => {
          if (line === '') return;
          const lx = style.align === 'center' ? x + (width - this.width(style, line)) / 2 : x;
          c.ops.push(this.text(style, lx, c.pageHeight - MARGIN - top - i * lh - ascent, line));
        });
      },
    };
  }

  /** Returns the font size at which the longest word of `text` fits `width` (9 pt when it does, not below 5 pt). */
  #fittingSize(text: string, width: number): number {
    let longest = 0;
    for (const word of text.split(/\s+/)) longest = Math.max(longest, this.width(BODY, word));
    if (longest <= width) return 9;
    return Math.max(5, Math.floor((9 * width * 10) / longest) / 10);
  }

  #nodes(nodes: readonly DocNode[], x: number, width: number, frames: Frame[]): Item[] {
    const out: Item[] = [];
    for (const n of nodes) for (const item of this.#node(n, x, width, frames)) out.push(item);
    return out;
  }

  #node(n: DocNode, x: number, width: number, frames: Frame[]): Item[] {
    const framed = (items: Item[]) => {
      if (frames.length > 0) for (const it of items) it.frames ??= frames;
      return items;
    };
    switch (n.t) {
      case 'title':
        return framed([this.#title(n, x, width), { h: 8, space: true }]);
      case 'heading': {
        if (n.level === 2) return framed([{ h: 5, space: true }, ...keepFirst(this.#paragraph(n.text, BOLD, x, width), 40), { h: 2, space: true }]);
        const style: Style = { font: 'bold', size: 9.5 };
        const block = this.#block(n.text, style, width - 9.5);
        const h = block.h + 5.5;
        return framed([
          { h: 7, space: true },
          {
            h,
            keep: 40,
            draw: (c, top) => {
              const y = c.pageHeight - MARGIN - top - h;
              c.ops.push(`q 0.902 g ${num(x + 0.375)} ${num(y + 0.375)} ${num(width - 0.75)} ${num(h - 0.75)} re f Q`);
              c.ops.push(`0.75 w ${num(x + 0.375)} ${num(y + 0.375)} ${num(width - 0.75)} ${num(h - 0.75)} re S`);
              block.draw(c, x + 4.75, top + 2.75);
            },
          },
          { h: 3, space: true },
        ]);
      }
      case 'text': {
        const style = TEXT_STYLES[n.style] ?? TEXT_STYLES.normal;
        if (!style) return [];
        if (n.style === 'point' && n.text.trim() !== '') {
          const block = this.#block(n.text, style, width);
          return framed([
            {
              h: block.h,
              draw: (c, top) => {
                block.draw(c, x, top);
                c.points.push({ x: x + width / 2, y: c.pageHeight - MARGIN - top - block.h / 2 });
              },
            },
          ]);
        }
        return framed([...this.#paragraph(n.text, style, x, width), { h: style.after, space: true }]);
      }
      case 'value':
        return framed(this.#value(n, x, width));
      case 'choice':
        if (n.mark === 'text' && !this.#fillable) {
          // The chosen option's label, printed as a one-line value after the choice's label.
          const chosen = n.options.filter((o) => o.checked).map((o) => o.label).join(', ');
          const first = n.options[0];
          if (first) return framed(this.#value({ t: 'value', label: n.label, text: chosen, unit: '', lines: 1, field: { ...first.field, kind: 'text', value: chosen } }, x, width));
        }
        return framed([this.#choice(n, x, width), { h: 3, space: true }]);
      case 'box':
        return framed([this.#boxNode(n, x, width)]);
      case 'row':
        return framed(this.#row(n, x, width, frames));
      case 'section': {
        const frame: Frame = { x, width };
        const inner = [...frames, frame];
        const content: Item[] = [{ h: 4.75, space: false, frames: inner }];
        if (n.title) content.push(...keepFirst(this.#paragraph(n.title, { font: 'bold', size: 9.5 }, x + 4.75, width - 9.5), 40).map((it) => ({ ...it, frames: inner })), { h: 3, space: true, frames: inner });
        content.push(...this.#nodes(n.children, x + 4.75, width - 9.5, inner));
        content.push({ h: 4.75, frames: inner });
        if (n.newPage && content[0]) content[0].breakBefore = true;
        return [...content, { h: 6, space: true, frames }];
      }
      case 'table':
        return framed(this.#table(n, x, width, frames));
      case 'group': {
        const items: Item[] = [];
        if (n.bookmark !== null) items.push({ h: 0, bookmark: n.bookmark, keep: 40 });
        if (n.title) {
          const style: Style = { font: 'bold', size: 10 };
          const block = this.#block(n.title, style, width);
          const h = block.h + 0.75;
          items.push({ h: 6, space: true }, {
            h,
            keep: 60,
            draw: (c, top) => {
              block.draw(c, x, top);
              const y = c.pageHeight - MARGIN - top - h + 0.375;
              c.ops.push(`0.75 w ${num(x)} ${num(y)} m ${num(x + width)} ${num(y)} l S`);
            },
          }, { h: 3, space: true });
        }
        items.push(...this.#nodes(n.children, x, width, frames));
        if (n.newPage && items[0]) items[0].breakBefore = true;
        return framed(items);
      }
      case 'attachment': {
        const pages: Item[] = [];
        for (let index = 0; index < n.pages; index++) {
          const caption = `${n.caption}${n.pages > 1 ? ` — page ${index + 1} / ${n.pages}` : ''}`;
          const style: Style = { font: 'bold', size: 9 };
          const block = this.#block(caption, style, width);
          pages.push({
            h: 1,
            breakBefore: true,
            attachment: { key: n.key, index },
            ...(index === 0 ? { bookmark: n.bookmark } : {}),
            draw: (c, top) => {
              block.draw(c, x, top);
              const y = c.pageHeight - MARGIN - top - block.h - 3.375;
              c.ops.push(`0.75 w ${num(x)} ${num(y)} m ${num(x + width)} ${num(y)} l S`);
            },
          });
        }
        // What follows starts on a new page.
        pages.push({ h: 0, breakBefore: true });
        return pages;
      }
      case 'pageBreak':
        return [{ h: 0, breakBefore: true }];
    }
  }

  #title(n: Extract<DocNode, { t: 'title' }>, x: number, width: number): Item {
    const style: Style = { font: 'bold', size: 11.5 };
    const inner = width - 2.4 - 16;
    const session = this.#fillable && n.sessionField ? 'Session ' : n.session ? `Session ${n.session}` : '';
    const sessionExtra = this.#fillable && n.sessionField ? 40 : 0;
    const natural = [n.annexe, n.title, session].map((t) => (t ? this.width(style, t) : 0));
    natural[2] = (natural[2] ?? 0) + sessionExtra;
    const total = natural.reduce((a, b) => a + b, 0);
    let widths = natural;
    if (total > inner) {
      const side = inner * 0.28;
      const a = Math.min(natural[0] ?? 0, side);
      const s = Math.min(natural[2] ?? 0, side);
      widths = [a, inner - a - s - 8, s];
    }
    const blocks = [n.annexe, n.title, session].map((t, i) => this.#block(t, style, Math.max(20, (widths[i] ?? 0) - (i === 2 ? sessionExtra : 0) + 0.01)));
    const used = widths.reduce((a, b) => a + b, 0);
    // Three slots spread out (empty ones too): the title sits between the annex and the session.
    const gap = (inner - used) / 2;
    const contentH = Math.max(...blocks.map((b) => b.h), sessionExtra ? 14 : 0);
    const h = contentH + 10 + 2.4;
    return {
      h,
      draw: (c, top) => {
        const y = c.pageHeight - MARGIN - top - h;
        c.ops.push(`1.2 w ${num(x + 0.6)} ${num(y + 0.6)} ${num(width - 1.2)} ${num(h - 1.2)} re S`);
        let cx = x + 1.2 + 8;
        const textTop = top + 1.2 + 5;
        blocks.forEach((b, i) => {
          const t = [n.annexe, n.title, session][i];
          const w = widths[i] ?? 0;
          if (!t) {
            cx += w + gap;
            return;
          }
          b.draw(c, cx, textTop + contentH - b.h);
          if (i === 2 && sessionExtra && n.sessionField) {
            const fy = c.pageHeight - MARGIN - textTop - contentH;
            c.fields.push({ spec: n.sessionField, page: c.page, rect: { x: cx + this.width(style, session), y: fy, width: 40, height: 14 } });
          }
          cx += w + gap;
        });
      },
    };
  }

  #value(n: Extract<DocNode, { t: 'value' }>, x: number, width: number): Item[] {
    const shown = n.text + (n.text && n.unit ? ` ${n.unit}` : '');
    // Outside a table a value has its own line or frame to write on; in a cell, the cell's borders are that place.
    const ruled = this.#inCell === 0;
    if (n.lines <= 1 && !n.field.multiline) {
      const labelText = n.label ? `${n.label} : ` : '';
      const labelW = labelText ? Math.min(this.width(BOLD, labelText), width * 0.62) : 0;
      const label = this.#block(labelText, BOLD, labelW + 0.01);
      const unit = n.unit ? ` ${n.unit}` : '';
      const unitW = unit ? this.width(BODY, unit) : 0;
      const valueX = x + labelW;
      const valueW = Math.max(10, width - labelW - unitW);
      if (this.#fillable) {
        const h = Math.max(label.h, LINE + 2);
        return [
          {
            h,
            draw: (c, top) => {
              label.draw(c, x, top + h - label.h);
              const bottom = c.pageHeight - MARGIN - top - h;
              if (ruled) c.ops.push(dotted(valueX, bottom + 0.25, valueX + valueW));
              c.fields.push({ spec: n.field, page: c.page, rect: { x: valueX, y: bottom, width: valueW, height: LINE + 2 } });
              if (unit) c.ops.push(this.text(BODY, valueX + valueW, bottom + 2.6, unit));
            },
          },
          { h: 3, space: true },
        ];
      }
      const size = this.#fittingSize(n.text, valueW - 3);
      const style: Style = { font: 'regular', size };
      const value = this.#block(n.text, style, valueW - 3);
      // The value's last line on the label's last baseline, whatever its size (« Label : value » reads as one line;
      // a value wrapped over several lines has its first lines above, as extraction expects).
      const valueLh = this.lineHeight(style);
      const valueLines = Math.max(1, Math.round(value.h / valueLh));
      const labelLast = Math.max(0, label.h - this.lineHeight(BOLD)) + this.#res.fonts.bold.ascent * 9;
      const valueLast = (valueLines - 1) * valueLh + this.#res.fonts.regular.ascent * size;
      const shift = Math.max(0, valueLast - labelLast);
      const labelTop = shift;
      const valueTop = labelLast + shift - valueLast;
      const labelBaseline = labelLast + shift;
      const h = Math.max(labelTop + label.h, valueTop + value.h, LINE);
      return [
        {
          h,
          draw: (c, top) => {
            label.draw(c, x, top + labelTop);
            value.draw(c, valueX + 3, top + valueTop);
            const bottom = c.pageHeight - MARGIN - top - h;
            if (ruled) c.ops.push(dotted(valueX, bottom + 0.25, valueX + valueW));
            if (unit) c.ops.push(this.text(BODY, valueX + valueW, c.pageHeight - MARGIN - top - labelBaseline, unit));
          },
        },
        { h: 3, space: true },
      ];
    }
    const items: Item[] = [];
    const minHeight = n.lines * LINE + 6;
    // The label goes to the next page with its box when the box's first page worth does not fit under it.
    if (n.label) items.push({ h: 3, space: true }, ...keepFirst(this.#paragraph(n.label, BOLD, x, width), Math.min(Math.max(30, minHeight + 2), 200)), { h: 1, space: true });
    if (this.#fillable) {
      const estimate = this.lines(BODY, n.text, width - 8).length * LINE + 8;
      const h = Math.min(Math.max(minHeight, estimate), 560);
      items.push({
        h: h + 1.5,
        draw: (c, top) => {
          const y = c.pageHeight - MARGIN - top - h - 1.5;
          if (ruled) c.ops.push(`0.75 w ${num(x + 0.375)} ${num(y + 0.375)} ${num(width - 0.75)} ${num(h + 0.75)} re S`);
          c.fields.push({ spec: { ...n.field, lines: Math.round(h / LINE) }, page: c.page, rect: { x: x + 0.75, y: y + 0.75, width: width - 1.5, height: h } });
        },
      }, { h: 4, space: true });
      return items;
    }
    const size = this.#fittingSize(shown, width - 8);
    items.push(this.#textBox(shown, { font: 'regular', size }, x, width, minHeight, ruled), { h: 4, space: true });
    return items;
  }

  /** Returns a box of text lines (padding 3; framed when `framed`), at least `minHeight` high, split across pages when long. */
  #textBox(text: string, style: Style, x: number, width: number, minHeight: number, framed: boolean, from = 0, first = true): Item {
    const all = this.lines(style, text, width - 7.5);
    const lines = all.slice(from);
    const lh = this.lineHeight(style);
    const ascent = this.#res.fonts[style.font].ascent * style.size;
    const h = Math.max(first ? minHeight : 0, lines.length * lh + 7.5);
    return {
      h,
      draw: (c, top) => {
        const y = c.pageHeight - MARGIN - top - h;
        if (framed) c.ops.push(`0.75 w ${num(x + 0.375)} ${num(y + 0.375)} ${num(width - 0.75)} ${num(h - 0.75)} re S`);
        lines.forEach((line, i) => {
          if (line) c.ops.push(this.text(style, x + 3.75, c.pageHeight - MARGIN - top - 3.75 - i * lh - ascent, line));
        });
      },
      split: (avail) => {
        const fit = Math.floor((avail - 7.5) / lh);
        if (fit < 1 || fit >= lines.length) return null;
        const head = this.#textBoxLines(all, from, from + fit, style, x, width, framed);
        return [head, this.#textBox(text, style, x, width, minHeight, framed, from + fit, false)];
      },
    };
  }

  #textBoxLines(all: string[], from: number, to: number, style: Style, x: number, width: number, framed: boolean): Item {
    const lines = all.slice(from, to);
    const lh = this.lineHeight(style);
    const ascent = this.#res.fonts[style.font].ascent * style.size;
    const h = lines.length * lh + 7.5;
    return {
      h,
      draw: (c, top) => {
        const y = c.pageHeight - MARGIN - top - h;
        if (framed) c.ops.push(`0.75 w ${num(x + 0.375)} ${num(y + 0.375)} ${num(width - 0.75)} ${num(h - 0.75)} re S`);
        lines.forEach((line, i) => {
          if (line) c.ops.push(this.text(style, x + 3.75, c.pageHeight - MARGIN - top - 3.75 - i * lh - ascent, line));
        });
      },
    };
  }

  /** Returns one box and its label, as a drawer of given width (a box alone is centred). */
  #option(checked: boolean, field: FieldSpec, label: string, width: number, mark: Mark = 'box'): { h: number; w: number; draw: (c: Canvas, x: number, top: number) => void } {
    if (mark === 'circle' && !this.#fillable) return this.#circled(checked, label, width);
    if (mark === 'signature' && !this.#fillable) return this.#signaturePlace(label, width);
    const glyphStyle: Style = { font: 'regular', size: 10 };
    const glyph = checked ? TICKED_GLYPH : EMPTY_GLYPH;
    const glyphW = this.#fillable ? 9 : this.width(glyphStyle, glyph);
    const text = label ? this.#block(label, BODY, Math.max(10, width - glyphW - 3 - 10)) : undefined;
    const h = Math.max(10, text?.h ?? 0);
    const w = glyphW + 3 + (text?.w ?? 0) + (label ? 10 : 0);
    return {
      h,
      w,
      draw: (c, x, top) => {
        const gx = label ? x : x + (width - glyphW) / 2;
        const mid = top + h / 2;
        if (this.#fillable) {
          const y = c.pageHeight - MARGIN - mid - 4.5;
          c.fields.push({ spec: field, page: c.page, rect: { x: gx, y, width: 9, height: 9 } });
        } else {
          const baseline = c.pageHeight - MARGIN - mid - 3.2;
          c.ops.push(this.text(glyphStyle, gx, baseline, glyph));
        }
        if (text) text.draw(c, x + glyphW + 3, mid - text.h / 2);
      },
    };
  }

  /** Returns an option printed as its word, circled by an ellipse when chosen (the annex's « entourer »). */
  #circled(checked: boolean, label: string, width: number): { h: number; w: number; draw: (c: Canvas, x: number, top: number) => void } {
    const text = this.#block(label, BODY, Math.max(10, width - 12));
    const h = Math.max(12, text.h + 4);
    const w = text.w + 14;
    return {
      h,
      w,
      draw: (c, x, top) => {
        text.draw(c, x + 5, top + (h - text.h) / 2);
        if (!checked) return;
        const cx = x + 5 + text.w / 2;
        const cy = c.pageHeight - MARGIN - top - h / 2;
        c.ops.push(ellipse(cx, cy, text.w / 2 + 4.5, h / 2 + 0.5));
      },
    };
  }

  /** Returns a place to sign: its label over an empty framed area (a yes/no « signé » is not printed as a box). */
  #signaturePlace(label: string, width: number): { h: number; w: number; draw: (c: Canvas, x: number, top: number) => void } {
    const text = label ? this.#block(label, BOLD, width) : undefined;
    const labelH = text ? text.h + 2 : 0;
    // Without a label (a table's SIGNATURES column) the cell's own borders frame the place.
    if (!text) return { h: 28, w: width, draw: () => undefined };
    const area = 34;
    const w = Math.min(width, 150);
    return {
      h: labelH + area,
      w,
      draw: (c, x, top) => {
        if (text) text.draw(c, x, top);
        const y = c.pageHeight - MARGIN - top - labelH - area;
        c.ops.push(`0.5 w ${num(x + 0.25)} ${num(y + 0.25)} ${num(w - 0.5)} ${num(area - 0.5)} re S`);
      },
    };
  }

  #boxNode(n: Extract<DocNode, { t: 'box' }>, x: number, width: number): Item {
    const o = this.#option(n.checked, n.field, n.label, width, n.mark);
    return { h: o.h + (n.label ? 1 : 0), draw: (c, top) => o.draw(c, x, top) };
  }

  #choice(n: Extract<DocNode, { t: 'choice' }>, x: number, width: number): Item {
    const label = n.label ? this.#block(n.label, BOLD, width) : undefined;
    const labelH = label ? label.h + 3 : 0;
    const options = n.options.map((o) => this.#option(o.checked, o.field, o.label, n.direction === 'row' ? width * 0.9 : width, n.mark));
    const placed: Array<{ dx: number; dy: number; o: (typeof options)[number] }> = [];
    let dx = 0;
    let dy = 0;
    let rowH = 0;
    for (const o of options) {
      if (n.direction === 'row') {
        if (dx > 0 && dx + o.w > width) {
          dx = 0;
          dy += rowH + 1;
          rowH = 0;
        }
        placed.push({ dx, dy, o });
        dx += o.w;
        rowH = Math.max(rowH, o.h);
      } else {
        placed.push({ dx: 0, dy, o });
        dy += o.h + 1;
      }
    }
    const h = labelH + (n.direction === 'row' ? dy + rowH + 1 : dy);
    return {
      h,
      draw: (c, top) => {
        if (label) label.draw(c, x, top + 2);
        for (const p of placed) p.o.draw(c, x + p.dx, top + labelH + p.dy);
      },
    };
  }

  #row(n: Extract<DocNode, { t: 'row' }>, x: number, width: number, frames: Frame[]): Item[] {
    const total = n.widths.reduce((a, b) => a + b, 0) || 1;
    let cx = x;
    const columns = n.children.map((child, i) => {
      const w = (width * (n.widths[i] ?? 1)) / total;
      const pad = i < n.children.length - 1 ? 8 : 0;
      const items = this.#node(child, cx, w - pad, []);
      cx += w;
      return items;
    });
    const long = textLength(n.children) > 1200;
    return [columnsItem(columns, long, frames)];
  }

  #table(n: Extract<DocNode, { t: 'table' }>, x: number, width: number, frames: Frame[]): Item[] {
    const total = n.widths.reduce((a, b) => a + b, 0) || 1;
    const items: Item[] = [];
    items.push({ h: 0, space: true });
    if (n.title) items.push({ h: 3, space: true }, ...keepFirst(this.#paragraph(n.title, BOLD, x, width), 40), { h: 2, space: true });
    const line = (cells: DocCell[], head: boolean): Item => {
      let col = 0;
      let cx = x;
      const laid = cells.map((cell) => {
        const w = (width * n.widths.slice(col, col + cell.span).reduce((a, b) => a + b, 0)) / total;
        col += cell.span;
        const cellX = cx;
        cx += w;
        const grey = cell.header || head;
        this.#inCell += 1;
        let content: Item[];
        try {
          content = this.#nodes(cell.children, cellX + 2, w - 4.75, []);
        } finally {
          this.#inCell -= 1;
        }
        return { x: cellX, w, grey, content };
      });
      const long = cells.some((c) => textLength(c.children) > 1200);
      return cellsItem(laid, long, head);
    };
    const head = n.head.map((r) => line(r, true));
    for (const h of head) {
      h.isHead = true;
      h.keep = 30;
    }
    items.push(...head);
    for (const r of n.rows) {
      const item = line(r, false);
      if (head.length > 0) item.head = head;
      items.push(item);
    }
    items.push({ h: 8, space: true });
    if (frames.length > 0) for (const it of items) it.frames = frames;
    return items;
  }
}

/** Returns the path operators stroking an ellipse centred on (cx, cy) with radii rx, ry (four Bézier quarters). */
function ellipse(cx: number, cy: number, rx: number, ry: number): string {
  const k = 0.5523;
  const ox = rx * k;
  const oy = ry * k;
  return [
    `0.8 w ${num(cx - rx)} ${num(cy)} m`,
    `${num(cx - rx)} ${num(cy + oy)} ${num(cx - ox)} ${num(cy + ry)} ${num(cx)} ${num(cy + ry)} c`,
    `${num(cx + ox)} ${num(cy + ry)} ${num(cx + rx)} ${num(cy + oy)} ${num(cx + rx)} ${num(cy)} c`,
    `${num(cx + rx)} ${num(cy - oy)} ${num(cx + ox)} ${num(cy - ry)} ${num(cx)} ${num(cy - ry)} c`,
    `${num(cx - ox)} ${num(cy - ry)} ${num(cx - rx)} ${num(cy - oy)} ${num(cx - rx)} ${num(cy)} c S`,
  ].join(' ');
}

/** Marks the first item as kept with what follows. */
function keepFirst(items: Item[], keep: number): Item[] {
  const first = items[0];
  if (first) first.keep = keep;
  return items;
}

/** Returns a dotted grey line from x1 to x2 at y. */
function dotted(x1: number, y: number, x2: number): string {
  return `q 0.4 G 0.5 w [0.5 1] 0 d ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S Q`;
}

/** Returns the total height of a column of items (spaces included, trailing space too). */
function heightOf(items: readonly Item[]): number {
  let h = 0;
  for (const it of items) h += it.h;
  return h;
}

/** Draws a column of items from `top`. */
function drawColumn(items: readonly Item[], c: Canvas, top: number): void {
  let y = top;
  for (const it of items) {
    it.draw?.(c, y);
    y += it.h;
  }
}

/** Returns the items of a column that fit `avail` and the rest (an item split if it allows), or null if none fits. */
function splitColumn(items: readonly Item[], avail: number): [Item[], Item[]] {
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!it) continue;
    if (used + it.h <= avail) {
      used += it.h;
      continue;
    }
    const parts = it.split?.(avail - used);
    if (parts) return [[...items.slice(0, i), parts[0]], [parts[1], ...items.slice(i + 1)]];
    return [items.slice(0, i), items.slice(i)];
  }
  return [[...items], []];
}

/** Returns one item holding side-by-side columns, kept together unless `splittable`. */
function columnsItem(columns: Item[][], splittable: boolean, frames: Frame[]): Item {
  const h = Math.max(0, ...columns.map(heightOf));
  return {
    h,
    ...(frames.length > 0 ? { frames } : {}),
    draw: (c, top) => {
      for (const col of columns) drawColumn(col, c, top);
    },
    ...(splittable && {
      split: (avail: number): [Item, Item] | null => {
        const parts = columns.map((col) => splitColumn(col, avail));
        if (parts.every(([a]) => heightOf(a) === 0)) return null;
        return [columnsItem(parts.map(([a]) => a), false, frames), columnsItem(parts.map(([, b]) => b), true, frames)];
      },
    }),
  };
}

/** Returns one table row: framed cells side by side (grey when headers), kept together unless `splittable`. */
function cellsItem(cells: Array<{ x: number; w: number; grey: boolean; content: Item[] }>, splittable: boolean, head: boolean): Item {
  const h = Math.max(LINE + 4, ...cells.map((c) => heightOf(c.content) + 5.5));
  return {
    h,
    draw: (c, top) => {
      const y = c.pageHeight - MARGIN - top - h;
      for (const cell of cells) {
        if (cell.grey) c.ops.push(`q 0.902 g ${num(cell.x)} ${num(y)} ${num(cell.w)} ${num(h)} re f Q`);
        c.ops.push(`0.75 w ${num(cell.x + 0.375)} ${num(y + 0.375)} ${num(cell.w - 0.75)} ${num(h - 0.75)} re S`);
      }
      for (const cell of cells) drawColumn(cell.content, c, top + 2.75);
    },
    ...(splittable && {
      split: (avail: number): [Item, Item] | null => {
        const parts = cells.map((cell) => splitColumn(cell.content, avail - 5.5));
        if (parts.every(([a]) => heightOf(a) === 0)) return null;
        return [
          cellsItem(cells.map((cell, i) => ({ ...cell, content: parts[i]?.[0] ?? [] })), false, head),
          cellsItem(cells.map((cell, i) => ({ ...cell, content: parts[i]?.[1] ?? [] })), true, head),
        ];
      },
    }),
  };
}

function textLength(nodes: DocNode[]): number {
  let sum = 0;
  for (const n of nodes) {
    if (n.t === 'value' || n.t === 'text') sum += n.text.length;
    else if ('children' in n) sum += textLength(n.children);
  }
  return sum;
}

/** A page being filled: its items with their tops. */
interface PagePlan {
  placed: Array<{ item: Item; top: number }>;
  hasContent: boolean;
}

/** Returns the pages of a flow of items. */
function paginate(items: Item[], width: number, height: number): LaidOutDocument {
  const avail = height - MARGIN - FOOTER_HEIGHT;
  const pages: PagePlan[] = [{ placed: [], hasContent: false }];
  let y = 0;
  const bookmarkPages = new Map<number, number>();
  const attachmentSlots: AttachmentSlot[] = [];
  let pendingBookmarks: number[] = [];
  const current = () => pages[pages.length - 1] as PagePlan;
  const newPage = () => {
    pages.push({ placed: [], hasContent: false });
    y = 0;
  };
  const place = (item: Item) => {
    const page = current();
    page.placed.push({ item, top: y });
    y += item.h;
    if (item.h > 0 && !item.space) {
      page.hasContent = true;
      for (const b of pendingBookmarks) bookmarkPages.set(b, pages.length - 1);
      pendingBookmarks = [];
    }
    if (item.attachment) {
      attachmentSlots.push({ ...item.attachment, page: pages.length - 1 });
      // An inserted page fills its page.
      y = avail;
    }
  };
  const queue = [...items];
  const queueHead = (item: Item) => {
    if (!item.head || item.isHead) return;
    for (let i = item.head.length - 1; i >= 0; i--) {
      const h = item.head[i];
      if (h) queue.unshift(h);
    }
  };
  while (queue.length > 0) {
    const item = queue.shift() as Item;
    if (item.bookmark !== undefined) pendingBookmarks.push(item.bookmark);
    if (item.breakBefore && current().hasContent) newPage();
    if (item.space && y === 0) continue;
    if (item.h === 0 && !item.draw) continue;
    const following = item.keep ? Math.min(item.keep, heightOf(queue.slice(0, 3).filter((q) => !q.space))) : 0;
    const overflows = y + item.h > avail + 0.01 || (item.keep !== undefined && y + item.h + following > avail);
    if (overflows) {
      // Split what can be split (long boxes, long rows); otherwise go on to a new page with it whole.
      const room = y > 0 ? avail - y : avail;
      const parts = !item.keep || y === 0 ? item.split?.(room) : null;
      if (parts) {
        place(parts[0]);
        queue.unshift(parts[1]);
        queueHead(item);
        newPage();
        continue;
      }
      if (y > 0) {
        newPage();
        if (item.head && !item.isHead) for (const h of item.head) place(h);
      }
    }
    place(item);
  }
  for (const b of pendingBookmarks) bookmarkPages.set(b, pages.length - 1);
  const keptIndex: number[] = [];
  const kept: PagePlan[] = [];
  pages.forEach((p, i) => {
    if (p.hasContent || i === 0 || p.placed.some((x) => x.item.attachment)) kept.push(p);
    keptIndex[i] = kept.length - 1;
  });
  // A bookmark left on a dropped empty page points at the page before it.
  for (const [b, p] of bookmarkPages) bookmarkPages.set(b, Math.max(0, keptIndex[p] ?? 0));
  for (const s of attachmentSlots) s.page = keptIndex[s.page] ?? s.page;
  const fields: PlacedField[] = [];
  const out = kept.map((p, i) => {
    const c: Canvas = { ops: [], page: i, pageHeight: height, fields, points: [] };
    drawFrames(p, c, avail);
    for (const { item, top } of p.placed) item.draw?.(c, top);
    joinPoints(c);
    return c.ops;
  });
  return { width, height, pages: out, fields, bookmarkPages, attachmentSlots };
}

/** Joins the graph points of a page by straight lines, from left to right (the livret's profile). */
function joinPoints(c: Canvas): void {
  if (c.points.length < 2) return;
  const sorted = [...c.points].sort((a, b) => a.x - b.x);
  const path = sorted.map((p, i) => `${num(p.x)} ${num(p.y)} ${i === 0 ? 'm' : 'l'}`).join(' ');
  c.ops.push(`q 0.9 w ${path} S Q`);
}

/** Draws the frames of the sections on a page around their items. */
function drawFrames(p: PagePlan, c: Canvas, avail: number): void {
  const extent = new Map<Frame, { top: number; bottom: number }>();
  for (const { item, top } of p.placed) {
    if (item.space && item.h === 0) continue;
    for (const f of item.frames ?? []) {
      const e = extent.get(f);
      const bottom = Math.min(avail, top + item.h);
      if (!e) extent.set(f, { top, bottom });
      else e.bottom = Math.max(e.bottom, bottom);
    }
  }
  for (const [f, e] of extent) {
    const y = c.pageHeight - MARGIN - e.bottom;
    c.ops.push(`0.75 w ${num(f.x + 0.375)} ${num(y + 0.375)} ${num(f.width - 0.75)} ${num(e.bottom - e.top - 0.75)} re S`);
  }
}
