/**
 * Every form renders to a fillable PDF whose AcroForm fields, as pdftk reads them, hold exactly the sample's
 * values under names derived from the data paths, with every sample value present as a field.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFBool } from 'pdf-lib';
import { fieldName } from '../../src/render/format.ts';
import { paperasse } from '../helpers.ts';
import { CASES, fieldsOf, leavesOf, resolved } from './expected.ts';
import { pdftkFields, qpdfCheck, save, tempDir } from './tools.ts';

const dir = tempDir('fillable');

describe.each(CASES)('fillable PDF of $form.id', ({ form, sample }) => {
  it('has one field per value, named after its data path, pre-filled with the sample as pdftk reads it', async () => {
    const outcome = await paperasse().renderPdf(form.id, { donnees: sample, remplissable: true });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    const path = save(dir, `${form.id}.pdf`, outcome.octets);
    expect(qpdfCheck(path).status).toBe(0);
    const read = new Map(pdftkFields(path).map((f) => [f.name, f]));
    // The data as rendered: the sample with its computed values filled in.
    const validation = paperasse().validate(form.id, sample);
    const expected = fieldsOf(resolved(form, validation.ok ? validation.valeur.donnees : sample));
    const wrong: string[] = [];
    for (const spec of expected) {
      const got = read.get(spec.name);
      if (!got) {
        wrong.push(`${spec.name}: absent`);
        continue;
      }
      if (spec.kind === 'text' && (got.value ?? '') !== spec.value) wrong.push(`${spec.name}: ${JSON.stringify(got.value)} ≠ ${JSON.stringify(spec.value)}`);
      if (spec.kind === 'check' && (got.value === 'Yes') !== spec.checked) wrong.push(`${spec.name}: ${String(got.value)} (coché attendu : ${String(spec.checked)})`);
      if (spec.kind === 'radio' && spec.checked && got.value !== spec.export) wrong.push(`${spec.name}: ${String(got.value)} ≠ ${String(spec.export)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('shows every value of the sample in a field (so a filled PDF maps back to the whole data)', () => {
    const names = new Set(fieldsOf(resolved(form, sample)).map((f) => f.name));
    const hidden = leavesOf(sample)
      .filter(({ parts, value }) => !names.has(fieldName(parts)) && !names.has(fieldName(parts.slice(0, -1), String(value))))
      .map(({ parts }) => '/' + parts.join('/'));
    expect(hidden).toEqual([]);
  });

  it('renders the blank form with empty fields, appearance streams and no NeedAppearances', async () => {
    const outcome = await paperasse().renderPdf(form.id, { remplissable: true });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    const path = save(dir, `${form.id}-vierge.pdf`, outcome.octets);
    expect(qpdfCheck(path).status).toBe(0);
    const fields = pdftkFields(path);
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((f) => f.type !== '' && f.value !== undefined && f.value !== '' && f.value !== 'Off')).toEqual([]);
    const pdf = await PDFDocument.load(outcome.octets);
    const form_ = pdf.getForm();
    expect(form_.acroForm.dict.get(PDFName.of('NeedAppearances'))).toBe(PDFBool.False);
    for (const field of form_.getFields()) {
      for (const widget of field.acroField.getWidgets()) expect(widget.getNormalAppearance()).toBeDefined();
    }
  });
});
