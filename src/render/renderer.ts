/**
 * The rendering pipeline: template + data → resolved document → PDF (Paperasse's own layout engine, written in
 * one pass, `engine/`) or Word (docx). One Renderer per process or worker: it keeps the compiled text templates
 * and uses the prepared resources (fonts parsed, reduced and compressed once, the cache of broken lines) it is
 * given, by default this process's; rendering keeps no other state between documents, so calls may run
 * concurrently.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { SchemaCatalog } from '../core/schemas.ts';
import type { FormDefinition } from '../layout/form.ts';
import { VERSION } from '../version.ts';
import { Resolver, type ResolvedDocument } from './model.ts';
import { AttachmentPainter, type AttachmentSource } from './attachments.ts';
import { serializedDigest, type EmbeddedData } from './pdf-finish.ts';
import { docxDocument } from './docx-writer.ts';
import { writeDocument, type DocumentParts } from './engine/document.ts';
import { attachmentBox } from './engine/layout.ts';
import { preparedResources, type PreparedResources } from './engine/prepared.ts';

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
  /** Print the hors-annexe page of the form and of its parts (default true); the dossier's copies leave it out. */
  horsAnnexe?: boolean;
}

/** What a Renderer is made with. */
export interface RendererOptions {
  /** The prepared fonts and caches (default: this process's, made on first use). */
  resources?: PreparedResources;
}

/** Renders registered forms; see the module comment. */
export class Renderer {
  readonly #resolver: Resolver;
  readonly #resources: PreparedResources;

  constructor(schemas: SchemaCatalog, options: RendererOptions = {}) {
    this.#resolver = new Resolver(schemas);
    this.#resources = options.resources ?? preparedResources();
  }

  /** Returns the resolved document of `data` (undefined: a blank form) for `form`. */
  resolve(form: FormDefinition, data: unknown, attachments?: ReadonlyMap<string, AttachmentSource>, horsAnnexe = true): ResolvedDocument {
    const pages = attachments ? new Map([...attachments].map(([name, source]) => [name, source.pages])) : undefined;
    return this.#resolver.resolve(form.template, data, { attachments: pages, horsAnnexe });
  }

  /** Returns the PDF bytes of `data` (undefined: a blank form) for `form`. */
  async renderPdf(form: FormDefinition, data: unknown, options: RenderOptions = {}): Promise<Uint8Array> {
    const doc = this.resolve(form, data, options.attachments, options.horsAnnexe ?? true);
    const written = await this.#write(form, data, doc, options);
    const attachments = options.attachments;
    if (!attachments || written.laidOut.attachmentSlots.length === 0) return written.pdf;
    // Inserted documents' pages are copied with pdf-lib: the only case where the engine's output is read back.
    const pdf = await PDFDocument.load(written.pdf, { updateMetadata: false });
    const painter = new AttachmentPainter(pdf);
    for (const slot of written.laidOut.attachmentSlots) {
      const source = attachments.get(slot.key);
      const page = pdf.getPage(slot.page);
      if (!source) throw new Error(`inserted page ${slot.index + 1} of ${slot.key} has no source`);
      await painter.draw(page, source, slot.index, attachmentBox(doc.landscape));
    }
    return pdf.save({ useObjectStreams: true });
  }

  /**
   * Returns the PDF of `data` and its parts (pages and fonts, structured-cloneable, so a worker thread can post
   * them) for `CombinedPdfWriter`, from one layout. The parts hold the printed pages: render print PDFs for a
   * combined file (a fillable rendering's parts lack its fields). Documents with inserted files (dossier
   * justificatifs) are not supported here.
   */
  async renderPdfParts(form: FormDefinition, data: unknown, options: RenderOptions = {}): Promise<{ pdf: Uint8Array; parts: DocumentParts }> {
    if (options.attachments && options.attachments.size > 0) throw new Error('renderPdfParts does not insert document files');
    const written = await this.#write(form, data, this.resolve(form, data), options);
    return { pdf: written.pdf, parts: written.parts };
  }

  #write(form: FormDefinition, data: unknown, doc: ResolvedDocument, options: RenderOptions) {
    const embedded = embeddedData(form, data);
    const footer = [doc.person, doc.fullTitle].filter(Boolean).join(' — ');
    return writeDocument(this.#resources, doc, {
      fillable: options.fillable ?? false,
      draft: options.draft ?? false,
      footer,
      embedded,
      metadata: { title: doc.fullTitle, author: doc.author || 'Paperasse', subject: form.title, keywords: [form.id, form.version, embedded.documentId], creator: `Paperasse ${VERSION}`, date: options.date ?? new Date() },
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
