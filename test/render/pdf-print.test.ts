/**
 * Every form renders to a print PDF from its sample and blank, judged by qpdf, poppler and jsQR: the file is
 * sound, its text layer holds every label and value, it carries its data, metadata and a QR code per page.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { parseQrPayload } from '../../src/render/qr.ts';
import { readFileSync } from 'node:fs';
import { FORMS } from '../../src/forms/registry.ts';
import { INVALID_SAMPLES, invalidSamples, paperasse } from '../helpers.ts';
import { bodyText, CASES, labelsOf, resolved, squeeze, valuesOf } from './expected.ts';
import { detach, pdfInfo, pdfText, qpdfCheck, readPageQr, save, tempDir } from './tools.ts';

const dir = tempDir('print');

/** The print PDF of each sample, rendered once and judged by several tests. */
const samplePdfs = new Map<string, Promise<{ path: string; bytes: Uint8Array }>>();
function samplePdf(id: string, sample: unknown): Promise<{ path: string; bytes: Uint8Array }> {
  let pending = samplePdfs.get(id);
  if (!pending) {
    pending = paperasse()
      .renderPdf(id, { donnees: sample })
      .then((outcome) => {
        if (!outcome.ok) throw new Error(`${id}: ${outcome.erreur.message} ${JSON.stringify(outcome.erreurs)}`);
        return { path: save(dir, `${id}.pdf`, outcome.octets), bytes: outcome.octets };
      });
    samplePdfs.set(id, pending);
  }
  return pending;
}

describe.each(CASES)('print PDF of $form.id', ({ form, sample }) => {
  it('renders the sample: sound for qpdf, every label and value in the text layer with its accents', async () => {
    const { path } = await samplePdf(form.id, sample);
    expect(qpdfCheck(path).status).toBe(0);
    const raw = pdfText(path);
    const doc = resolved(form, sample);
    const body = bodyText(raw, doc);
    const missing = [...labelsOf(doc), ...valuesOf(doc)].filter((s) => !body.includes(squeeze(s)));
    expect(missing).toEqual([]);
    // "page x / n" and the person on every page.
    const text = squeeze(raw);
    const pages = Number(pdfInfo(path).Pages);
    for (let p = 1; p <= pages; p++) expect(text).toContain(squeeze(`page ${p} / ${pages}`));
    if (doc.person) expect(text.split(squeeze(doc.person)).length - 1).toBeGreaterThanOrEqual(pages);
  });

  it('carries paperasse.json (data, form, version, SHA-256), metadata in French and a QR code on every page', async () => {
    const { path, bytes } = await samplePdf(form.id, sample);
    const embedded = JSON.parse(detach(path, 'paperasse.json', dir).toString('utf8')) as { formulaire: string; version: string; sha256: string; documentId: string; donnees: unknown };
    expect(embedded.formulaire).toBe(form.id);
    expect(embedded.version).toBe(form.version);
    expect(embedded.sha256).toBe(createHash('sha256').update(JSON.stringify(embedded.donnees)).digest('hex'));
    // The data as rendered: the sample with its computed values filled in.
    const validation = paperasse().validate(form.id, sample);
    expect(embedded.donnees).toEqual(validation.ok ? validation.valeur.donnees : undefined);
    const info = pdfInfo(path);
    expect(info.Title).toBe(resolved(form, sample).fullTitle);
    expect(info.Subject).toBe(form.title);
    expect(info.Author).toBe(resolved(form, sample).author || 'Paperasse');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(fr-FR)');
    const pages = pdf.getPageCount();
    for (const p of [1, pages]) {
      const qr = parseQrPayload(readPageQr(path, p) ?? '');
      expect(qr).toEqual({ form: form.id, version: form.version, documentId: embedded.documentId, page: p, pages });
    }
  });

  it('renders the blank form with every label and no value', async () => {
    const outcome = await paperasse().renderPdf(form.id);
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    const path = save(dir, `${form.id}-vierge.pdf`, outcome.octets);
    expect(qpdfCheck(path).status).toBe(0);
    const doc = resolved(form, undefined);
    const text = bodyText(pdfText(path), doc);
    expect(valuesOf(doc)).toEqual([]);
    expect(labelsOf(doc).filter((s) => !text.includes(squeeze(s)))).toEqual([]);
    const embedded = JSON.parse(detach(path, 'paperasse.json', dir).toString('utf8')) as { donnees: unknown };
    expect(embedded.donnees).toBeNull();
  });
});

describe('drafts', () => {
  it('renders an invalid sample of every form as a draft marked BROUILLON, without crashing', async () => {
    const firstPerForm = invalidSamples().filter((x, i, all) => all.findIndex((y) => y.formulaire === x.formulaire) === i);
    // Every registered form has invalid samples (test/formulaires.test.ts), so one draft per form.
    expect(firstPerForm.map((x) => x.formulaire).sort()).toEqual(FORMS.map((f) => f.id).sort());
    for (const { file, formulaire } of firstPerForm) {
      const data = JSON.parse(readFileSync(INVALID_SAMPLES + file, 'utf8')) as unknown;
      const refused = await paperasse().renderPdf(formulaire, { donnees: data });
      expect(refused.ok, file).toBe(false);
      const outcome = await paperasse().renderPdf(formulaire, { donnees: data, brouillon: true });
      if (!outcome.ok) throw new Error(`${file}: ${outcome.erreur.message}`);
      expect(outcome.brouillon).toBe(true);
      expect(outcome.erreurs.length).toBeGreaterThan(0);
      expect(squeeze(pdfText(save(dir, `brouillon-${file}.pdf`, outcome.octets)))).toContain(squeeze('BROUILLON — données incomplètes'));
    }
  });
});
