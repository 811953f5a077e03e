/**
 * Independent fillers of Paperasse's fillable PDFs, for the extraction tests: pdftk (`fill_form` with an XFDF
 * written here, values typed the way a person types them) and pdf.js (`annotationStorage` + `saveDocument`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldSpec } from '../../src/render/model.ts';

/** A value to type into a field: a text, a box ticked or not, or the option of a radio group. */
export type Typed = { name: string; text: string } | { name: string; ticked: boolean } | { name: string; option: string };

/** Returns what a person types into each field of a rendered document to reproduce its values (one entry per field name). */
export function typedValues(fields: readonly FieldSpec[]): Typed[] {
  const byName = new Map<string, Typed>();
  for (const field of fields) {
    if (field.kind === 'text') byName.set(field.name, { name: field.name, text: field.value });
    else if (field.kind === 'check') byName.set(field.name, { name: field.name, ticked: field.checked });
    else if (field.checked) byName.set(field.name, { name: field.name, option: field.export ?? '' });
  }
  return [...byName.values()];
}

/** Returns an XFDF document setting the fields (boxes `Yes` / `Off`, radio groups their option's export value). */
export function xfdf(values: readonly Typed[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const fields = values.map((v) => {
    const value = 'text' in v ? v.text : 'ticked' in v ? (v.ticked ? 'Yes' : 'Off') : v.option;
    return `<field name="${escape(v.name)}"><value>${escape(value)}</value></field>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve"><fields>\n${fields.join('\n')}\n</fields></xfdf>\n`;
}

/** Returns the bytes of `pdf` filled by `pdftk fill_form` with the values (files written in `dir`). */
export function pdftkFill(dir: string, stem: string, pdf: Uint8Array, values: readonly Typed[]): Uint8Array {
  const input = join(dir, `${stem}-avant.pdf`);
  const data = join(dir, `${stem}.xfdf`);
  const output = join(dir, `${stem}-pdftk.pdf`);
  writeFileSync(input, pdf);
  writeFileSync(data, xfdf(values));
  execFileSync('pdftk', [input, 'fill_form', data, 'output', output], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Uint8Array(readFileSync(output));
}

/**
 * A change typed with pdf.js: a text field's new text, a box ticked or not, or a radio group's new option with
 * the option of each of the group's widgets in document order (what the person sees beside each box).
 */
export type PdfJsChange = { name: string; text: string } | { name: string; ticked: boolean } | { name: string; option: string; exports: readonly string[] };

/** The part of a pdf.js annotation this module reads. */
interface Annotation {
  id: string;
  fieldName?: string;
}

/** Returns the bytes of `pdf` with the changes typed through pdf.js's annotation storage and saved by pdf.js (incrementally). */
export async function pdfjsFill(pdf: Uint8Array, changes: readonly PdfJsChange[]): Promise<Uint8Array> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const annotations: Annotation[] = [];
  for (let p = 1; p <= doc.numPages; p++) annotations.push(...((await (await doc.getPage(p)).getAnnotations()) as Annotation[]));
  for (const change of changes) {
    const widgets = annotations.filter((a) => a.fieldName === change.name);
    if (widgets.length === 0) throw new Error(`pdf.js does not see the field ${change.name}`);
    widgets.forEach((widget, i) => doc.annotationStorage.setValue(widget.id, { value: valueFor(change, i) }));
  }
  const saved = await doc.saveDocument();
  await doc.destroy();
  return saved;
}

/** Returns the storage value pdf.js expects for the i-th widget of a changed field. */
function valueFor(change: PdfJsChange, i: number): string | boolean {
  if ('text' in change) return change.text;
  if ('ticked' in change) return change.ticked;
  return change.exports[i] === change.option;
}
