/**
 * Step 3 of PDF rendering, with pdf-lib: real AcroForm fields in place of the layout's placeholders (fillable
 * mode), a QR code on every page, the metadata, and the embedded `paperasse.json` that lets Paperasse read its
 * own PDFs back exactly.
 */
import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { AFRelationship, StandardFonts, PDFBool, PDFCheckBox, PDFRadioGroup, PDFTextField, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, type PDFFont, PDFRef, type PDFPage } from 'pdf-lib';
import { addBoxGlyphs } from './box-glyphs.ts';
import type { FieldSpec } from './model.ts';
import { drawQrCode, qrPayload } from './qr.ts';

/** The embedded data file of every Paperasse PDF. */
export interface EmbeddedData {
  formulaire: string;
  version: string;
  documentId: string;
  /** SHA-256 (hex) of `JSON.stringify(donnees)` in UTF-8. */
  sha256: string;
  /** The rendered data; null for a blank form. */
  donnees: unknown;
}

/** Name of the attachment every Paperasse PDF carries. */
export const ATTACHMENT_NAME = 'paperasse.json';

/** Returns the SHA-256 (hex) `paperasse.json` records for its data: that of `JSON.stringify(donnees)` in UTF-8. Written and checked with this one function. */
export function dataDigest(donnees: unknown): string {
  return serializedDigest(JSON.stringify(donnees));
}

/** Returns `dataDigest` of data already serialized with `JSON.stringify`. */
export function serializedDigest(serialized: string): string {
  return createHash('sha256').update(serialized, 'utf8').digest('hex');
}

/** What the finishing step writes. */
export interface FinishOptions {
  /** The placeholders' specs, by index (`m<n>`); empty when not fillable. */
  fields: readonly FieldSpec[];
  fieldFont?: Uint8Array;
  embedded: EmbeddedData;
  metadata: { title: string; author: string; subject: string; keywords: string[]; creator: string; date: Date };
  /** Bookmarks, in document order, each with its parent's index and its page (0-based). */
  outline?: ReadonlyArray<{ title: string; parent: number | null; page: number }>;
  /** Draws on the laid-out pages (inserted documents) before the QR codes are added. */
  decorate?: (pdf: PDFDocument) => Promise<void>;
}

/** Returns the finished PDF bytes. */
export async function finishPdf(bytes: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  if (options.fields.length > 0) {
    if (!options.fieldFont) throw new Error('a fillable PDF needs the field font');
    pdf.registerFontkit(fontkit);
    const font = await pdf.embedFont(options.fieldFont, { subset: false });
    replacePlaceholders(pdf, options.fields, font);
  }
  if (options.decorate) await options.decorate(pdf);
  if (options.outline && options.outline.length > 0) writeOutline(pdf, options.outline);
  const pages = pdf.getPages();
  pages.forEach((page, i) => {
    drawQrCode(page, qrPayload({ form: options.embedded.formulaire, version: options.embedded.version, documentId: options.embedded.documentId, page: i + 1, pages: pages.length }));
  });
  const m = options.metadata;
  pdf.setTitle(m.title, { showInWindowTitleBar: true });
  pdf.setAuthor(m.author);
  pdf.setSubject(m.subject);
  pdf.setKeywords(m.keywords);
  pdf.setCreator(m.creator);
  pdf.setProducer(`${m.creator} (React-PDF, pdf-lib)`);
  pdf.setLanguage('fr-FR');
  pdf.setCreationDate(m.date);
  pdf.setModificationDate(m.date);
  const json = new TextEncoder().encode(JSON.stringify(options.embedded, null, 2));
  await pdf.attach(json, ATTACHMENT_NAME, {
    mimeType: 'application/json',
    description: `Données Paperasse : ${options.embedded.formulaire} ${options.embedded.version}`,
    creationDate: m.date,
    modificationDate: m.date,
    afRelationship: AFRelationship.Source,
  });
  return pdf.save({ useObjectStreams: true });
}

/**
 * Writes the document outline (PDF bookmarks): every entry open, pointing at the top of its page, and sets the
 * viewer to show the bookmarks panel.
 */
function writeOutline(pdf: PDFDocument, entries: NonNullable<FinishOptions['outline']>): void {
  const context = pdf.context;
  const pages = pdf.getPages();
  const root = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  const childrenOf = (parent: number | null) => entries.flatMap((e, i) => (e.parent === parent ? [i] : []));
  const descendants = (i: number): number => childrenOf(i).reduce((sum, c) => sum + 1 + descendants(c), 0);
  const link = (dict: PDFDict, children: number[]) => {
    const first = refs[children[0] ?? -1];
    const last = refs[children[children.length - 1] ?? -1];
    if (first && last) {
      dict.set(PDFName.of('First'), first);
      dict.set(PDFName.of('Last'), last);
    }
  };
  entries.forEach((e, i) => {
    const page = pages[Math.min(Math.max(e.page, 0), pages.length - 1)];
    const ref = refs[i];
    if (!page || !ref) return;
    const siblings = childrenOf(e.parent);
    const position = siblings.indexOf(i);
    const dict = context.obj({
      Title: PDFHexString.fromText(e.title),
      Parent: e.parent === null ? root : refs[e.parent],
      Dest: [page.ref, 'XYZ', null, page.getHeight(), null],
    });
    const prev = refs[siblings[position - 1] ?? -1];
    const next = refs[siblings[position + 1] ?? -1];
    if (prev) dict.set(PDFName.of('Prev'), prev);
    if (next) dict.set(PDFName.of('Next'), next);
    const children = childrenOf(i);
    link(dict, children);
    if (children.length > 0) dict.set(PDFName.of('Count'), context.obj(descendants(i)));
    context.assign(ref, dict);
  });
  const outlines = context.obj({ Type: 'Outlines', Count: entries.length });
  link(outlines, childrenOf(null));
  context.assign(root, outlines);
  pdf.catalog.set(PDFName.of('Outlines'), root);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

interface Placeholder {
  spec: FieldSpec;
  page: PDFPage;
  rect: { x: number; y: number; width: number; height: number };
}

/** Replaces the `m<n>` placeholder widgets by named fields with appearance streams drawn in `font`. */
function replacePlaceholders(pdf: PDFDocument, specs: readonly FieldSpec[], font: PDFFont): void {
  const form = pdf.getForm();
  const found: Placeholder[] = [];
  for (const page of pdf.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    const markers: PDFRef[] = [];
    for (let i = 0; i < annots.size(); i++) {
      const dict = annots.lookup(i);
      if (!(dict instanceof PDFDict)) continue;
      const name = fieldTitle(dict);
      const match = name ? /^m(\d+)$/.exec(name) : null;
      const spec = match ? specs[Number(match[1])] : undefined;
      if (!spec) continue;
      const r = dict.lookup(PDFName.of('Rect'));
      const nums = r && 'asArray' in r ? (r as { asArray(): Array<{ asNumber?: () => number }> }).asArray().map((x) => x.asNumber?.() ?? 0) : [];
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = nums;
      found.push({ spec, page, rect: { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) } });
      const ref = annots.get(i);
      if (ref instanceof PDFRef) markers.push(ref);
    }
    // The placeholders have no appearance stream, which pdf-lib's removeField needs: drop them by hand.
    for (const ref of markers) page.node.removeAnnot(ref);
  }
  if (found.length !== specs.length) throw new Error(`layout produced ${found.length} placeholders for ${specs.length} fields`);
  form.acroForm.dict.set(PDFName.of('Fields'), pdf.context.obj([]));

  // A value shown in several places (a fiche number repeated on its fiche client) is one field with several widgets.
  const texts = new Map<string, PDFTextField>();
  const checks = new Map<string, PDFCheckBox>();
  const radios = new Map<string, PDFRadioGroup>();
  for (const { spec, page, rect } of found) {
    if (spec.kind === 'text') {
      let tf = texts.get(spec.name);
      if (!tf) {
        tf = form.createTextField(spec.name);
        if (spec.multiline) tf.enableMultiline();
        tf.enableScrolling();
        if (spec.value) tf.setText(spec.value);
        texts.set(spec.name, tf);
      }
      tf.addToPage(page, { ...rect, font, borderWidth: 0 });
      // Auto-size (0) only a value that would not fit at the normal size.
      tf.setFontSize(overflows(spec, rect, font) ? 0 : 8.5);
    } else if (spec.kind === 'check') {
      let cb = checks.get(spec.name);
      if (!cb) {
        cb = form.createCheckBox(spec.name);
        checks.set(spec.name, cb);
      }
      cb.addToPage(page, { ...rect, borderWidth: 0.8 });
      if (spec.checked) cb.check();
    } else {
      let rg = radios.get(spec.name);
      if (!rg) {
        rg = form.createRadioGroup(spec.name);
        rg.enableOffToggling();
        // The same option may be printed twice (a situation box on two pages): its widgets share one state.
        rg.disableMutualExclusion(); // pdf-lib's name for setting the RadiosInUnison flag
        radios.set(spec.name, rg);
      }
      rg.addOptionToPage(spec.export ?? '', page, { ...rect, borderWidth: 0.8 });
      if (spec.checked) rg.select(spec.export ?? '');
    }
  }
  form.updateFieldAppearances(font);
  addBoxGlyphs([...checks.values()], [...radios.values()], font);
  registerFieldFonts(pdf, font, [...checks.values(), ...radios.values()]);
  form.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.False);
}

/** The /DA of every box and radio button: ZapfDingbats, the font viewers draw a box's check mark with. */
const BOX_DA = '/ZaDb 0 Tf 0 g';

/**
 * Makes every field's /DA name a font of the AcroForm's default resources (/DR), so a reader that draws a new
 * appearance for a typed value (PDFBox, MuPDF, Acrobat) finds it: the text fields' font (the embedded font the
 * appearances drawn here use) under the name their /DA gives it, also the AcroForm's default /DA; ZapfDingbats as
 * /ZaDb for the boxes and radio buttons, in place of the placeholder font name pdf-lib leaves in theirs.
 */
function registerFieldFonts(pdf: PDFDocument, font: PDFFont, boxes: ReadonlyArray<PDFCheckBox | PDFRadioGroup>): void {
  const acroForm = pdf.getForm().acroForm.dict;
  let resources = acroForm.lookup(PDFName.of('DR'));
  if (!(resources instanceof PDFDict)) {
    resources = pdf.context.obj({});
    acroForm.set(PDFName.of('DR'), resources);
  }
  const dr = resources as PDFDict;
  let fonts = dr.lookup(PDFName.of('Font'));
  if (!(fonts instanceof PDFDict)) {
    fonts = pdf.context.obj({});
    dr.set(PDFName.of('Font'), fonts);
  }
  (fonts as PDFDict).set(PDFName.of(font.name), font.ref);
  (fonts as PDFDict).set(PDFName.of('ZaDb'), pdf.embedStandardFont(StandardFonts.ZapfDingbats).ref);
  acroForm.set(PDFName.of('DA'), PDFString.of(`/${font.name} 0 Tf 0 g`));
  for (const box of boxes) {
    box.acroField.setDefaultAppearance(BOX_DA);
    for (const widget of box.acroField.getWidgets()) widget.setDefaultAppearance(BOX_DA);
  }
}

function fieldTitle(dict: PDFDict): string | undefined {
  const t = dict.lookup(PDFName.of('T'));
  if (t instanceof PDFString || t instanceof PDFHexString) return t.decodeText();
  return undefined;
}

function overflows(spec: FieldSpec, rect: { width: number; height: number }, font: PDFFont): boolean {
  if (!spec.value) return false;
  const usable = Math.max(1, rect.width - 4);
  if (!spec.multiline) return font.widthOfTextAtSize(spec.value, 8.5) > usable;
  const lines = spec.value.split('\n').reduce((sum, l) => sum + Math.max(1, Math.ceil(font.widthOfTextAtSize(l, 8.5) / usable)), 0);
  return lines * 10.5 > rect.height - 2;
}
