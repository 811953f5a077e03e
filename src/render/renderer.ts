/**
 * The rendering pipeline: template + data → resolved document → PDF (React-PDF layout, then pdf-lib finishing)
 * or Word (docx). One Renderer per process or worker: it registers the fonts and keeps the compiled text
 * templates; rendering itself keeps no state between documents, so calls may run concurrently.
 */
import { createHash } from 'node:crypto';
import { renderToBuffer } from '@react-pdf/renderer';
import type { PDFDocument } from 'pdf-lib';
import type { SchemaCatalog } from '../core/schemas.ts';
import type { FormDefinition } from '../layout/form.ts';
import { VERSION } from '../version.ts';
import { readFieldFont, registerPdfFonts, type FontOptions } from './fonts.ts';
import { Resolver, type ResolvedDocument } from './model.ts';
import { attachmentBox, LayoutCollector, pdfDocument } from './pdf-layout.tsx';
import { AttachmentPainter, type AttachmentSource } from './attachments.ts';
import { finishPdf, serializedDigest, type EmbeddedData } from './pdf-finish.ts';
import { docxDocument } from './docx-writer.ts';

/** How to render. */
export interface RenderOptions {
  /** PDF only: AcroForm fields instead of printed values. */
  fillable?: boolean;
  /** Print "BROUILLON — données incomplètes" on every page (data that did not validate, rendered anyway). */
  draft?: boolean;
  /** Creation date written in the metadata (default: now). */
  date?: Date;
  /** PDF only: the document files the data names (attachment blocks), by the file name as written in the data. */
  attachments?: ReadonlyMap<string, AttachmentSource>;
}

/** Renders registered forms; see the module comment. */
export class Renderer {
  readonly #resolver: Resolver;
  readonly #fieldFont: Uint8Array;

  constructor(schemas: SchemaCatalog, fonts: FontOptions = {}) {
    registerPdfFonts(fonts);
    this.#resolver = new Resolver(schemas);
    this.#fieldFont = readFieldFont(fonts);
  }

  /** Returns the resolved document of `data` (undefined: a blank form) for `form`. */
  resolve(form: FormDefinition, data: unknown, attachments?: ReadonlyMap<string, AttachmentSource>): ResolvedDocument {
    const pages = attachments ? new Map([...attachments].map(([name, source]) => [name, source.pages])) : undefined;
    return this.#resolver.resolve(form.template, data, { attachments: pages });
  }

  /** Returns the PDF bytes of `data` (undefined: a blank form) for `form`. */
  async renderPdf(form: FormDefinition, data: unknown, options: RenderOptions = {}): Promise<Uint8Array> {
    const doc = this.resolve(form, data, options.attachments);
    const collector = new LayoutCollector();
    const metadata = { title: doc.fullTitle, author: doc.author || 'Paperasse', subject: form.title };
    const footer = [doc.person, doc.fullTitle].filter(Boolean).join(' — ');
    const element = pdfDocument(doc, { fillable: options.fillable ?? false, draft: options.draft ?? false, footer, metadata }, collector);
    const laidOut = await renderToBuffer(element);
    const embedded = embeddedData(form, data);
    const outline = doc.outline.map((entry, i) => ({ ...entry, page: (collector.bookmarkPages.get(i) ?? 1) - 1 }));
    const attachments = options.attachments;
    const decorate = attachments
      ? async (pdf: PDFDocument) => {
          const painter = new AttachmentPainter(pdf);
          for (const slot of collector.attachmentSlots) {
            const source = attachments.get(slot.key);
            const page = slot.page === undefined ? undefined : pdf.getPage(slot.page - 1);
            if (!source || !page) throw new Error(`inserted page ${slot.index + 1} of ${slot.key} was not laid out`);
            await painter.draw(page, source, slot.index, attachmentBox(doc.landscape));
          }
        }
      : undefined;
    return finishPdf(laidOut, {
      outline,
      decorate,
      fields: collector.fields,
      fieldFont: this.#fieldFont,
      embedded,
      metadata: { ...metadata, keywords: [form.id, form.version, embedded.documentId], creator: `Paperasse ${VERSION}`, date: options.date ?? new Date() },
    });
  }

  /** Returns the .docx bytes of `data` (undefined: a blank form) for `form`. */
  async renderDocx(form: FormDefinition, data: unknown, options: RenderOptions = {}): Promise<Uint8Array> {
    const doc = this.resolve(form, data);
    const embedded = embeddedData(form, data);
    return docxDocument(doc, {
      draft: options.draft ?? false,
      metadata: { title: doc.fullTitle, author: doc.author || 'Paperasse', subject: form.title, keywords: [form.id, form.version, embedded.documentId].join(' '), date: options.date ?? new Date() },
    });
  }
}

/** Returns the `paperasse.json` content of a rendering: form, version, data, its SHA-256 and a document id. */
export function embeddedData(form: FormDefinition, data: unknown): EmbeddedData {
  const donnees = data === undefined ? null : data;
  const serialized = JSON.stringify(donnees);
  const sha256 = serializedDigest(serialized);
  const documentId = createHash('sha256').update(`${form.id}\n${form.version}\n${serialized}`, 'utf8').digest('hex').slice(0, 16);
  return { formulaire: form.id, version: form.version, documentId, sha256, donnees };
}
