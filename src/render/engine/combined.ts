/**
 * One PDF holding the pages of many documents (the mail merge's `tout-imprimer.pdf`), written to a sink as the
 * documents are added: each document starts on an odd page (a blank page pads the one before, for duplex
 * printing), each font is written once for the whole file and shared by every document that uses it in the same
 * form, each document's page contents (already compressed by the renderer) are copied verbatim, and only page
 * numbers are kept until the end (the page tree, one bookmark per document and the cross-reference table), so
 * memory stays flat whatever the number of documents.
 */
import type { DocumentParts, FontParts } from './document.ts';
import { writeFont } from './document.ts';
import { FONT_RESOURCE } from './fonts.ts';
import { A4 } from './layout.ts';
import { num, PdfObjectWriter, pdfDate, pdfText, type Sink } from './pdf-writer.ts';
import { preparedResources, type PreparedResources } from './prepared.ts';

/** What a combined PDF is written with. */
export interface CombinedOptions {
  /** The file's title (metadata). */
  title: string;
  /** Creation date written in the metadata (default: now). */
  date?: Date;
  /** The prepared fonts (default: this process's). */
  resources?: PreparedResources;
}

/** Writes many documents' parts into one PDF; see the module comment. */
export class CombinedPdfWriter {
  readonly #w: PdfObjectWriter;
  readonly #res: PreparedResources;
  #title: string;
  readonly #date: Date;
  readonly #catalog: number;
  readonly #pages: number;
  readonly #info: number;
  readonly #outline: number;
  readonly #kids: number[] = [];
  readonly #fonts = new Map<string, number>();
  /** The bookmark of the last document added, written once the next one's is known. */
  #pendingBookmark: { ref: number; title: string; page: number; height: number; prev: number | undefined } | undefined;
  #firstBookmark: number | undefined;
  #bookmarks = 0;
  #last: { width: number; height: number } = A4;
  #finished = false;

  constructor(sink: Sink, options: CombinedOptions) {
    this.#w = new PdfObjectWriter(sink);
    this.#res = options.resources ?? preparedResources();
    this.#title = options.title;
    this.#date = options.date ?? new Date();
    this.#catalog = this.#w.alloc();
    this.#pages = this.#w.alloc();
    this.#info = this.#w.alloc();
    this.#outline = this.#w.alloc();
  }

  /** The number of pages written so far (blank padding pages included). */
  get pageCount(): number {
    return this.#kids.length;
  }

  /** Adds a document's pages, starting on an odd page; its objects are written (and flushed) at once. */
  async add(parts: DocumentParts): Promise<void> {
    if (this.#finished) throw new Error('the combined PDF is already finished');
    if (parts.pages.length === 0) return;
    if (this.#kids.length % 2 === 1) this.#blankPage();
    const w = this.#w;
    const fonts = parts.fonts.map((f) => `/${FONT_RESOURCE[f.style]} ${this.#font(f)} 0 R`).join(' ');
    const resources = `<</Font <<${fonts}>> /ProcSet [/PDF /Text]>>`;
    const first = this.#kids.length;
    for (const page of parts.pages) {
      const content = w.alloc();
      const ref = w.alloc();
      w.stream(content, ' /Filter /FlateDecode', page.content);
      w.object(ref, `<</Type /Page /Parent ${this.#pages} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources ${resources} /Contents ${content} 0 R>>`);
      this.#kids.push(ref);
      this.#last = page;
    }
    this.#bookmark(parts.title, first, parts.pages[0]?.height ?? A4.height);
    await w.flush();
  }

  /** Pads to an even page count, writes the page tree, bookmarks, metadata (`title` replaces the one given first: a count known at the end) and cross-reference table. */
  async finish(options: { title?: string } = {}): Promise<void> {
    if (this.#finished) return;
    if (options.title !== undefined) this.#title = options.title;
    this.#finished = true;
    const w = this.#w;
    if (this.#kids.length % 2 === 1) this.#blankPage();
    if (this.#kids.length === 0) this.#blankPage();
    this.#writePendingBookmark(undefined);
    w.object(this.#pages, `<</Type /Pages /Kids [${this.#kids.map((r) => `${r} 0 R`).join(' ')}] /Count ${this.#kids.length}>>`);
    w.object(this.#outline, `<</Type /Outlines /Count ${this.#bookmarks}${this.#firstBookmark !== undefined ? ` /First ${this.#firstBookmark} 0 R /Last ${this.#lastBookmark} 0 R` : ''}>>`);
    w.object(this.#info, `<</Title ${pdfText(this.#title)} /Creator (Paperasse) /Producer (Paperasse) /CreationDate ${pdfDate(this.#date)} /ModDate ${pdfDate(this.#date)}>>`);
    w.object(this.#catalog, `<</Type /Catalog /Pages ${this.#pages} 0 R /Lang (fr-FR) /Outlines ${this.#outline} 0 R /ViewerPreferences <</DisplayDocTitle true>>>>`);
    await w.finish(this.#catalog, this.#info, `${this.#title}${this.#date.toISOString()}${this.#kids.length}`);
  }

  #lastBookmark = 0;

  /** Returns the ref of a font as a document uses it: shared when it needs only a prepared file, its own otherwise. */
  #font(f: FontParts): number {
    const own = f.glyphs.length > 0 || f.missing.length > 0;
    const key = `${f.style}|${f.level}`;
    const known = own ? undefined : this.#fonts.get(key);
    if (known !== undefined) return known;
    const ref = writeFont(this.#w, this.#res.fonts[f.style], { level: f.level, glyphs: new Map(f.glyphs), missing: new Map(f.missing) });
    if (!own) this.#fonts.set(key, ref);
    return ref;
  }

  #blankPage(): void {
    const ref = this.#w.alloc();
    this.#w.object(ref, `<</Type /Page /Parent ${this.#pages} 0 R /MediaBox [0 0 ${num(this.#last.width)} ${num(this.#last.height)}] /Resources <<>>>>`);
    this.#kids.push(ref);
  }

  #bookmark(title: string, page: number, height: number): void {
    const ref = this.#w.alloc();
    this.#writePendingBookmark(ref);
    this.#firstBookmark ??= ref;
    this.#pendingBookmark = { ref, title, page, height, prev: this.#bookmarks > 0 ? this.#lastBookmark : undefined };
    this.#lastBookmark = ref;
    this.#bookmarks++;
  }

  #writePendingBookmark(next: number | undefined): void {
    const b = this.#pendingBookmark;
    if (!b) return;
    this.#pendingBookmark = undefined;
    const link = `${b.prev !== undefined ? ` /Prev ${b.prev} 0 R` : ''}${next !== undefined ? ` /Next ${next} 0 R` : ''}`;
    this.#w.object(b.ref, `<</Title ${pdfText(b.title)} /Parent ${this.#outline} 0 R /Dest [${this.#kids[b.page]} 0 R /XYZ null ${num(b.height)} null]${link}>>`);
  }
}
