/**
 * One document written by the engine, in one pass: pages (content laid out by `layout.ts`, the draft watermark,
 * the footer, « page x / n » and the QR code), the fonts (their prepared bytes reused), in fillable mode the
 * AcroForm fields with their appearances, the outline, the metadata and the embedded `paperasse.json`. It also
 * returns the document's parts (pages' compressed content and the fonts they use), a plain structured-cloneable
 * object that `CombinedPdfWriter` puts into a multi-document PDF without parsing anything.
 */
import { deflateSync } from 'node:zlib';
import type { FieldSpec, OutlineEntry, ResolvedDocument } from '../model.ts';
import { EMPTY_GLYPH, TICKED_GLYPH } from '../format.ts';
import { QR_MARGIN, QR_SIZE, qrPayload } from '../qr.ts';
import { FIELDS, FONT_RESOURCE, FONT_STYLES, newFontUse, type FontStyle, type FontUse, type PreparedFont } from './fonts.ts';
import { Layout, MARGIN, type LaidOutDocument, type PlacedField } from './layout.ts';
import { qrMatrix } from './qr-matrix.ts';
import { num, PdfObjectWriter, pdfDate, pdfHexText, pdfName, pdfText } from './pdf-writer.ts';
import type { PreparedResources } from './prepared.ts';

import { ATTACHMENT_NAME, type EmbeddedData } from '../pdf-finish.ts';

export { ATTACHMENT_NAME, type EmbeddedData };

/** One page of a document's parts. */
export interface PageParts {
  width: number;
  height: number;
  /** The page's content stream, deflated. */
  content: Uint8Array;
}

/** A font a document's pages use, and what it needs beyond the French repertoire. */
export interface FontParts {
  style: FontStyle;
  level: number;
  glyphs: Array<[number, string]>;
  missing: Array<[string, number]>;
}

/** A rendered document's pages and fonts, for `CombinedPdfWriter` (structured-cloneable: plain data only). */
export interface DocumentParts {
  /** The document's bookmark in a combined PDF (person and form, as in its footer). */
  title: string;
  pages: PageParts[];
  fonts: FontParts[];
}

/** What a document is written with. */
export interface DocumentOptions {
  fillable: boolean;
  draft: boolean;
  /** Line printed in the footer beside the page number (person and form). */
  footer: string;
  metadata: { title: string; author: string; subject: string; keywords: string[]; creator: string; date: Date };
  embedded: EmbeddedData;
}

/** A written document: its bytes, its parts, and where the layout put inserted pages. */
export interface WrittenDocument {
  pdf: Uint8Array;
  parts: DocumentParts;
  laidOut: LaidOutDocument;
}

/**
 * zlib level of page content streams: level 1 deflates a fiche's five pages (68 kB of operators) in 0.4 ms where
 * level 4 takes 0.6 to 0.9 ms and the default (6) twice that, for 2 kB more (14 % more content bytes, 2 % of the
 * 96 kB file; measured on this machine). The service renders one fiche per request, so the time counts more than
 * the bytes; the fonts, deflated once per process, keep the default.
 */
const CONTENT_DEFLATE_LEVEL = 1;

const FOOTER_STYLE = { font: 'regular' as const, size: 7.5, grey: 0.2 };
const PAGE_STYLE = { font: 'regular' as const, size: 8 };
const FIELD_FONT_SIZE = 8.5;

/** Returns the PDF of a resolved document and its parts. */
export async function writeDocument(res: PreparedResources, doc: ResolvedDocument, options: DocumentOptions): Promise<WrittenDocument> {
  const uses: Record<FontStyle, FontUse> = { regular: newFontUse(), bold: newFontUse(), italic: newFontUse() };
  const layout = new Layout(res, options.fillable, uses);
  const laidOut = layout.layout(doc);
  const pageCount = laidOut.pages.length;
  const contents = laidOut.pages.map((ops, i) => {
    const all: string[] = [];
    if (options.draft) all.push(watermark(layout, laidOut.width, laidOut.height, doc.landscape));
    all.push(...footer(layout, options.footer));
    // The page's operators joined once (not spread into this list: a page has thousands).
    if (ops.length > 0) all.push(ops.join('\n'));
    all.push(layout.text(PAGE_STYLE, 400, 34 + res.fonts.regular.descent * 8, `page ${i + 1} / ${pageCount}`));
    all.push(qrCode(qrPayload({ form: options.embedded.formulaire, version: options.embedded.version, documentId: options.embedded.documentId, page: i + 1, pages: pageCount }), laidOut.width));
    return deflateSync(Buffer.from(all.join('\n'), 'latin1'), { level: CONTENT_DEFLATE_LEVEL });
  });
  const chunks: Uint8Array[] = [];
  const w = new PdfObjectWriter((chunk) => {
    chunks.push(chunk);
  });
  const catalog = w.alloc();
  const pagesRef = w.alloc();
  const info = w.alloc();
  const pageRefs = contents.map(() => w.alloc());
  // Fields' appearances are encoded before the fonts are written: typed values may need more of a font.
  const form = options.fillable ? new FormWriter(w, res.fonts.regular, uses.regular, pageRefs) : undefined;
  const forms = form?.prepare(laidOut.fields);
  const fontRefs = writeFonts(w, res, uses, options.fillable);
  const fontResources = `/Font <<${FONT_STYLES.map((s) => (fontRefs[s] ? ` /${FONT_RESOURCE[s]} ${fontRefs[s]} 0 R` : '')).join('')}>>`;
  contents.forEach((content, i) => {
    const contentRef = w.alloc();
    w.stream(contentRef, ' /Filter /FlateDecode', content);
    const annots = forms?.annots.get(i);
    w.object(pageRefs[i] ?? 0, `<</Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${num(laidOut.width)} ${num(laidOut.height)}] /Resources <<${fontResources} /ProcSet [/PDF /Text]>> /Contents ${contentRef} 0 R${annots ? ` /Annots [${annots.map((r) => `${r} 0 R`).join(' ')}]` : ''}>>`);
  });
  w.object(pagesRef, `<</Type /Pages /Kids [${pageRefs.map((r) => `${r} 0 R`).join(' ')}] /Count ${pageRefs.length}>>`);
  const acroForm = form && fontRefs.regular ? form.finish(fontRefs.regular) : undefined;
  const outline = writeOutline(w, doc.outline, laidOut, pageRefs);
  const embedded = options.fillable ? { ...options.embedded, champs: [...new Set(laidOut.fields.map((f) => f.spec.name))] } : options.embedded;
  const fileSpec = writeEmbedded(w, embedded, options.metadata.date);
  const m = options.metadata;
  w.object(info, `<</Title ${pdfText(m.title)} /Author ${pdfText(m.author)} /Subject ${pdfText(m.subject)} /Keywords ${pdfText(m.keywords.join(' '))} /Creator ${pdfText(m.creator)} /Producer ${pdfText(`${m.creator} (moteur Paperasse)`)} /CreationDate ${pdfDate(m.date)} /ModDate ${pdfDate(m.date)}>>`);
  w.object(
    catalog,
    `<</Type /Catalog /Pages ${pagesRef} 0 R /Lang (fr-FR) /ViewerPreferences <</DisplayDocTitle true>> /Names <</EmbeddedFiles <</Names [${pdfText(ATTACHMENT_NAME)} ${fileSpec} 0 R]>>>> /AF [${fileSpec} 0 R]${outline ? ` /Outlines ${outline} 0 R /PageMode /UseOutlines` : ''}${acroForm ? ` /AcroForm ${acroForm} 0 R` : ''}>>`,
  );
  await w.finish(catalog, info, `${options.embedded.documentId}${m.date.toISOString()}`);
  // A plain Uint8Array, not a Buffer (pdf.js, among others, refuses Buffers).
  const joined = Buffer.concat(chunks);
  const pdf = new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
  const parts: DocumentParts = {
    title: options.footer || m.title,
    pages: contents.map((content) => ({ width: laidOut.width, height: laidOut.height, content })),
    fonts: FONT_STYLES.filter((s) => uses[s].used || (s === 'regular' && options.fillable)).map((style) => ({ style, level: uses[style].level, glyphs: [...uses[style].glyphs], missing: [...uses[style].missing] })),
  };
  return { pdf, parts, laidOut };
}

/** Writes the fonts a document uses (the regular one always in fillable mode) and returns their refs by style. */
function writeFonts(w: PdfObjectWriter, res: PreparedResources, uses: Record<FontStyle, FontUse>, fillable: boolean): Partial<Record<FontStyle, number>> {
  const refs: Partial<Record<FontStyle, number>> = {};
  for (const style of FONT_STYLES) {
    const use = uses[style];
    if (!use.used && !(fillable && style === 'regular')) continue;
    refs[style] = writeFont(w, res.fonts[style], use);
  }
  return refs;
}

/** Writes one font's objects (Type0, CIDFontType2, descriptor, file, Unicode map) and returns the Type0's ref. */
export function writeFont(w: PdfObjectWriter, font: PreparedFont, use: Pick<FontUse, 'level' | 'glyphs' | 'missing'>): number {
  const o = font.objects({ ...use, used: true });
  const type0 = w.alloc();
  const cid = w.alloc();
  const descriptor = w.alloc();
  const file = w.alloc();
  const toUnicode = w.alloc();
  const cidToGid = o.cidToGid ? w.alloc() : 0;
  w.stream(file, ` /Length1 ${o.fileLength} /Filter /FlateDecode`, o.file);
  w.stream(toUnicode, ' /Filter /FlateDecode', o.toUnicode);
  if (o.cidToGid) w.stream(cidToGid, ' /Filter /FlateDecode', o.cidToGid);
  w.object(descriptor, `<<${font.descriptor} /FontFile2 ${file} 0 R>>`);
  w.object(cid, `<</Type /Font /Subtype /CIDFontType2 /BaseFont /${font.name} /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor ${descriptor} 0 R /DW 0 /W ${o.widths} /CIDToGIDMap ${o.cidToGid ? `${cidToGid} 0 R` : '/Identity'}>>`);
  w.object(type0, `<</Type /Font /Subtype /Type0 /BaseFont /${font.name} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${toUnicode} 0 R>>`);
  return type0;
}

/** Returns the footer's lines (person and form), bottom line 34 pt above the page's foot. */
function footer(layout: Layout, text: string): string[] {
  if (!text) return [];
  const lines = layout.lines(FOOTER_STYLE, text, 330);
  const lh = layout.lineHeight(FOOTER_STYLE);
  const top = 34 + lines.length * lh;
  const ascent = lh - 7.5 * 0.236;
  return lines.map((line, i) => layout.text(FOOTER_STYLE, MARGIN, top - i * lh - ascent, line));
}

/** Returns the « BROUILLON » watermark, drawn across the page. */
function watermark(layout: Layout, width: number, height: number, landscape: boolean): string {
  const style = { font: 'bold' as const, size: 38, grey: 0.784 };
  const text = 'BROUILLON — données incomplètes';
  const w = layout.width(style, text);
  // CSS rotate(-38deg) of the former layout: rising to the right (counter-clockwise in PDF space).
  const angle = (38 * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = landscape ? width / 2 : 310;
  const cy = landscape ? height / 2 : height - 402;
  const x = cx - (w / 2) * cos + 11 * sin;
  const y = cy - (w / 2) * sin - 11 * cos;
  const show = layout.text(style, 0, 0, text).replace(/1 0 0 1 0 0 Tm/, `${num(cos)} ${num(sin)} ${num(-sin)} ${num(cos)} ${num(x)} ${num(y)} Tm`);
  return show;
}

/** Returns the operators drawing the QR code of `payload` in the bottom-right corner of a page `width` wide. */
function qrCode(payload: string, width: number): string {
  // One byte-mode segment: the same code as the automatic choice for this ASCII payload, without its search.
  const qr = qrMatrix(payload);
  const n = qr.size;
  const dark = (r: number, c: number): boolean => qr.data[r * n + c] === 1;
  const m = QR_SIZE / (n + 8);
  const left = width - QR_MARGIN - QR_SIZE;
  // Drawn in module units (integers: short operators), the quiet zone four modules wide.
  const ops = [`q 1 g ${num(left)} ${num(QR_MARGIN)} ${num(QR_SIZE)} ${num(QR_SIZE)} re f 0 g ${num(m)} 0 0 ${num(m)} ${num(left)} ${num(QR_MARGIN)} cm`];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && dark(r, c)) c++;
      ops.push(`${start + 4} ${n + 3 - r} ${c - start} 1 re`);
    }
  }
  ops.push('f Q');
  return ops.join('\n');
}

/** Writes the outline (every entry open, pointing at the top of its page); returns its root's ref, if any. */
function writeOutline(w: PdfObjectWriter, entries: readonly OutlineEntry[], laidOut: LaidOutDocument, pageRefs: number[]): number | undefined {
  if (entries.length === 0) return undefined;
  const root = w.alloc();
  const refs = entries.map(() => w.alloc());
  const childrenOf = (parent: number | null) => entries.flatMap((e, i) => (e.parent === parent ? [i] : []));
  const descendants = (i: number): number => childrenOf(i).reduce((sum, c) => sum + 1 + descendants(c), 0);
  const link = (children: number[]) => (children.length > 0 ? ` /First ${refs[children[0] ?? 0]} 0 R /Last ${refs[children[children.length - 1] ?? 0]} 0 R` : '');
  entries.forEach((e, i) => {
    const page = pageRefs[Math.min(Math.max(laidOut.bookmarkPages.get(i) ?? 0, 0), pageRefs.length - 1)];
    const siblings = childrenOf(e.parent);
    const position = siblings.indexOf(i);
    const prev = siblings[position - 1];
    const next = siblings[position + 1];
    const children = childrenOf(i);
    w.object(
      refs[i] ?? 0,
      `<</Title ${pdfText(e.title)} /Parent ${e.parent === null ? root : refs[e.parent]} 0 R /Dest [${page} 0 R /XYZ null ${num(laidOut.height)} null]${prev !== undefined ? ` /Prev ${refs[prev]} 0 R` : ''}${next !== undefined ? ` /Next ${refs[next]} 0 R` : ''}${link(children)}${children.length > 0 ? ` /Count ${descendants(i)}` : ''}>>`,
    );
  });
  w.object(root, `<</Type /Outlines /Count ${entries.length}${link(childrenOf(null))}>>`);
  return root;
}

/** Writes `paperasse.json` as an embedded file (relationship: Source) and returns its file specification's ref. */
function writeEmbedded(w: PdfObjectWriter, embedded: EmbeddedData, date: Date): number {
  const json = Buffer.from(JSON.stringify(embedded, null, 2), 'utf8');
  const file = w.alloc();
  const spec = w.alloc();
  w.deflated(file, ` /Type /EmbeddedFile /Subtype /application#2Fjson /Params <</Size ${json.length} /CreationDate ${pdfDate(date)} /ModDate ${pdfDate(date)}>>`, json);
  w.object(spec, `<</Type /Filespec /F ${pdfText(ATTACHMENT_NAME)} /UF ${pdfText(ATTACHMENT_NAME)} /EF <</F ${file} 0 R>> /Desc ${pdfText(`Données Paperasse : ${embedded.formulaire} ${embedded.version}`)} /AFRelationship /Source>>`);
  return spec;
}

/** A terminal or intermediate field of the AcroForm tree (names split at their dots). */
interface FieldNode {
  part: string;
  ref: number;
  parent: FieldNode | undefined;
  kids: Map<string, FieldNode>;
  spec?: FieldSpec;
  widgets: Array<{ ref: number; field: PlacedField; text?: { ops: string; size: number } }>;
}

/**
 * The AcroForm of a fillable document: one field per name (a value printed in two places is one field with two
 * widgets), named hierarchically at its dots, each widget with its appearances drawn in the regular font, whose
 * file in a fillable document is the fields' repertoire (so a person can type any European name); boxes and radio
 * buttons also carry an invisible ☒ or ☐ so a flattened form still says which box is ticked.
 */
class FormWriter {
  readonly #w: PdfObjectWriter;
  readonly #font: PreparedFont;
  readonly #use: FontUse;
  readonly #pageRefs: number[];
  readonly #roots = new Map<string, FieldNode>();
  /** Appearance streams to write once the font's ref is known. */
  readonly #appearances: Array<{ ref: number; bbox: [number, number]; ops: string }> = [];
  readonly #terminals: FieldNode[] = [];

  constructor(w: PdfObjectWriter, font: PreparedFont, use: FontUse, pageRefs: number[]) {
    this.#w = w;
    this.#font = font;
    this.#use = use;
    this.#pageRefs = pageRefs;
    if (use.level < FIELDS) use.level = FIELDS;
    use.used = true;
  }

  /** Allocates the fields and widgets and draws their appearances; returns each page's widget refs. */
  prepare(fields: readonly PlacedField[]): { annots: Map<number, number[]> } {
    const annots = new Map<number, number[]>();
    for (const placed of fields) {
      const node = this.#node(placed.spec.name);
      node.spec ??= placed.spec;
      const ref = this.#w.alloc();
      node.widgets.push({ ref, field: placed });
      if (node.widgets.length === 1) this.#terminals.push(node);
      const list = annots.get(placed.page) ?? [];
      list.push(ref);
      annots.set(placed.page, list);
    }
    // Values are encoded now: what they need of the font must be known before the fonts are written.
    for (const node of this.#terminals) {
      if (node.spec?.kind === 'text') for (const x of node.widgets) x.text = this.#textOps(x.field);
    }
    return { annots };
  }

  #node(name: string): FieldNode {
    let level = this.#roots;
    let parent: FieldNode | undefined;
    let node: FieldNode | undefined;
    for (const part of name.split('.')) {
      node = level.get(part);
      if (!node) {
        node = { part, ref: this.#w.alloc(), parent, kids: new Map(), widgets: [] };
        level.set(part, node);
      }
      parent = node;
      level = node.kids;
    }
    if (!node) throw new Error('a field has an empty name');
    return node;
  }

  /** Writes the fields, widgets, appearances and the AcroForm; returns the AcroForm's ref. */
  finish(fontRef: number): number {
    const w = this.#w;
    const zadb = w.alloc();
    w.object(zadb, '<</Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats>>');
    const fontName = this.#font.name;
    const writeNode = (node: FieldNode) => {
      const parent = node.parent ? ` /Parent ${node.parent.ref} 0 R` : '';
      const spec = node.spec;
      if (!spec || node.kids.size > 0) {
        w.object(node.ref, `<</T ${pdfText(node.part)}${parent} /Kids [${[...node.kids.values()].map((k) => `${k.ref} 0 R`).join(' ')}]>>`);
        for (const kid of node.kids.values()) writeNode(kid);
        return;
      }
      const kids = `/Kids [${node.widgets.map((x) => `${x.ref} 0 R`).join(' ')}]`;
      if (spec.kind === 'text') {
        const sizes = node.widgets.map((x) => this.#textWidget(x.ref, x.field, x.text ?? this.#textOps(x.field), node.ref, fontName));
        const auto = sizes.some((s) => s !== FIELD_FONT_SIZE);
        w.object(node.ref, `<</FT /Tx /T ${pdfText(node.part)}${parent} /Ff ${spec.multiline ? 4096 : 0} /DA (/${fontName} ${auto ? 0 : FIELD_FONT_SIZE} Tf 0 g)${spec.value ? ` /V ${pdfHexText(spec.value)}` : ''} ${kids}>>`);
      } else if (spec.kind === 'check') {
        for (const x of node.widgets) this.#boxAppearance(x.ref, x.field, 'Yes', spec.checked, false, node.ref);
        w.object(node.ref, `<</FT /Btn /T ${pdfText(node.part)}${parent} /V /${spec.checked ? 'Yes' : 'Off'} /DA (/ZaDb 0 Tf 0 g) ${kids}>>`);
      } else {
        let selected: string | undefined;
        for (const x of node.widgets) {
          const on = x.field.spec.export ?? '';
          if (x.field.spec.checked) selected = on;
          this.#boxAppearance(x.ref, x.field, on, x.field.spec.checked, true, node.ref);
        }
        // Radio (bit 16) with RadiosInUnison (bit 26): the same option printed twice shares one state; ticked off again by a click.
        w.object(node.ref, `<</FT /Btn /T ${pdfText(node.part)}${parent} /Ff ${(1 << 15) | (1 << 25)} /V ${selected !== undefined ? pdfName(selected) : '/Off'} /DA (/ZaDb 0 Tf 0 g) ${kids}>>`);
      }
    };
    for (const root of this.#roots.values()) writeNode(root);
    for (const a of this.#appearances) {
      w.stream(a.ref, ` /Type /XObject /Subtype /Form /BBox [0 0 ${num(a.bbox[0])} ${num(a.bbox[1])}] /Resources <</Font <</${fontName} ${fontRef} 0 R /ZaDb ${zadb} 0 R>>>>`, Buffer.from(a.ops, 'latin1'));
    }
    const acroForm = w.alloc();
    w.object(acroForm, `<</Fields [${[...this.#roots.values()].map((r) => `${r.ref} 0 R`).join(' ')}] /DR <</Font <</${fontName} ${fontRef} 0 R /ZaDb ${zadb} 0 R>>>> /DA (/${fontName} 0 Tf 0 g) /NeedAppearances false>>`);
    return acroForm;
  }

  #rect(field: PlacedField): string {
    const r = field.rect;
    return `[${num(r.x)} ${num(r.y)} ${num(r.x + r.width)} ${num(r.y + r.height)}]`;
  }

  /** Returns the appearance operators of a text widget and the font size they use (smaller when the value would not fit). */
  #textOps(field: PlacedField): { ops: string; size: number } {
    const { width, height } = field.rect;
    const spec = field.spec;
    const usable = Math.max(1, width - 4);
    let size = FIELD_FONT_SIZE;
    const linesAt = (s: number): string[] => (spec.multiline ? this.#wrap(spec.value, s, usable) : [spec.value]);
    if (spec.value) {
      if (!spec.multiline) {
        const w = this.#font.width(spec.value, size);
        if (w > usable) size = Math.max(2, Math.floor((size * usable * 10) / w) / 10);
      } else {
        while (size > 4 && linesAt(size).length * size * 1.2 > height - 2) size -= 0.5;
      }
    }
    const lines = spec.value ? linesAt(size) : [];
    const lh = size * 1.2;
    const fontName = this.#font.name;
    const ops: string[] = ['/Tx BMC', 'q', 'BT', `/${fontName} ${num(size)} Tf`, '0 g'];
    const ascent = this.#font.ascent * size;
    lines.forEach((line, i) => {
      const y = spec.multiline ? height - 2 - ascent - i * lh : (height - size * (this.#font.ascent + this.#font.descent)) / 2 + this.#font.descent * size;
      ops.push(`1 0 0 1 2 ${num(y)} Tm <${this.#font.encode(line, this.#use)}> Tj`);
    });
    ops.push('ET', 'Q', 'EMC');
    return { ops: ops.join('\n'), size };
  }

  /** Writes a text widget and queues its appearance; returns the font size it was drawn at. */
  #textWidget(ref: number, field: PlacedField, text: { ops: string; size: number }, parentRef: number, fontName: string): number {
    const ap = this.#w.alloc();
    this.#appearances.push({ ref: ap, bbox: [field.rect.width, field.rect.height], ops: text.ops });
    this.#w.object(ref, `<</Type /Annot /Subtype /Widget /Parent ${parentRef} 0 R /Rect ${this.#rect(field)} /P ${this.#pageRefs[field.page]} 0 R /F 4 /DA (/${fontName} ${text.size === FIELD_FONT_SIZE ? FIELD_FONT_SIZE : 0} Tf 0 g) /BS <</W 0>> /MK <<>> /AP <</N ${ap} 0 R>>>>`);
    return text.size;
  }

  /** Returns `text` broken into the lines a multi-line field shows at `size`. */
  #wrap(text: string, size: number, width: number): string[] {
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(/(?<= )/)) {
        if (line !== '' && this.#font.width((line + word).trimEnd(), size) > width) {
          out.push(line.trimEnd());
          line = '';
        }
        line += word;
      }
      out.push(line.trimEnd());
    }
    return out;
  }

  /** Writes a box or radio widget with its on and off appearances (border, mark, invisible ☒ / ☐). */
  #boxAppearance(ref: number, field: PlacedField, on: string, checked: boolean, round: boolean, parentRef: number): void {
    const { width: w, height: h } = field.rect;
    const onRef = this.#w.alloc();
    const offRef = this.#w.alloc();
    const size = Math.max(1, h * 0.8);
    const glyph = (text: string) => `q BT 3 Tr /${this.#font.name} ${num(size)} Tf 0 ${num(Math.max(0, (h - size) / 2))} Td <${this.#font.encode(text, this.#use)}> Tj ET Q`;
    const border = round ? `0 G 0.8 w ${circle(w / 2, h / 2, Math.min(w, h) / 2 - 0.4)} S` : `0 G 0.8 w 0.4 0.4 ${num(w - 0.8)} ${num(h - 0.8)} re S`;
    const mark = round ? `0 g ${circle(w / 2, h / 2, Math.min(w, h) / 4)} f` : `0 G 1 w ${num(w * 0.22)} ${num(h * 0.52)} m ${num(w * 0.42)} ${num(h * 0.28)} l ${num(w * 0.8)} ${num(h * 0.76)} l S`;
    this.#appearances.push({ ref: onRef, bbox: [w, h], ops: `${border}\n${mark}\n${glyph(TICKED_GLYPH)}` });
    this.#appearances.push({ ref: offRef, bbox: [w, h], ops: `${border}\n${glyph(EMPTY_GLYPH)}` });
    const state = pdfName(on);
    this.#w.object(ref, `<</Type /Annot /Subtype /Widget /Parent ${parentRef} 0 R /Rect ${this.#rect(field)} /P ${this.#pageRefs[field.page]} 0 R /F 4 /DA (/ZaDb 0 Tf 0 g) /BS <</W 0.8>> /MK <</BC [0 0 0]>> /AS ${checked ? state : '/Off'} /AP <</N <<${state} ${onRef} 0 R /Off ${offRef} 0 R>>>>>>`);
  }
}

/** Returns a circle path (four Bézier curves) centred at (x, y). */
function circle(x: number, y: number, r: number): string {
  const k = 0.5523 * r;
  return `${num(x + r)} ${num(y)} m ${num(x + r)} ${num(y + k)} ${num(x + k)} ${num(y + r)} ${num(x)} ${num(y + r)} c ${num(x - k)} ${num(y + r)} ${num(x - r)} ${num(y + k)} ${num(x - r)} ${num(y)} c ${num(x - r)} ${num(y - k)} ${num(x - k)} ${num(y - r)} ${num(x)} ${num(y - r)} c ${num(x + k)} ${num(y - r)} ${num(x + r)} ${num(y - k)} ${num(x + r)} ${num(y)} c`;
}
