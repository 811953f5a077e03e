/**
 * The values of a PDF's AcroForm fields, read from pdf-lib's low-level objects: each terminal field's full name
 * and its `/V` (inherited from its parents when absent), never its appearance. Radio values written as an index
 * into `/Opt` (pdf.js, pdftk on pdf-lib's radio groups) are mapped back to the option they stand for.
 */
import { PDFArray, PDFName, type PDFObject } from 'pdf-lib';
import { pdfName } from '../pdf/keys.ts';
import type { FieldLeaf } from '../pdf/fields.ts';
import { pdfText as text } from '../pdf/names.ts';

/** The value of one terminal field. */
export type PdfFieldValue =
  | { kind: 'text'; value: string }
  | { kind: 'check'; checked: boolean }
  /** The chosen option's export value; null when none is chosen. */
  | { kind: 'radio'; value: string | null };

const RADIO_FLAG = 1 << 15;
const PUSHBUTTON_FLAG = 1 << 16;

/**
 * Returns the terminal fields' values by full name, in the field tree's order (signature and push-button fields left
 * out), from the fields `walkFields` found when the PDF was opened (`OpenedPdf.fields`).
 */
export function readFormFields(leaves: readonly FieldLeaf[]): Map<string, PdfFieldValue> {
  const fields = new Map<string, PdfFieldValue>();
  for (const field of leaves) {
    const value = fieldValue(field);
    if (value !== undefined && field.name !== '') fields.set(field.name, value);
  }
  return fields;
}

/** Returns the value of a terminal field, or undefined for the kinds Paperasse does not make (signatures, push buttons). */
function fieldValue(field: FieldLeaf): PdfFieldValue | undefined {
  if (field.type === pdfName('Tx') || field.type === pdfName('Ch')) return { kind: 'text', value: text(field.value) ?? '' };
  if (field.type !== pdfName('Btn') || (field.flags & PUSHBUTTON_FLAG) !== 0) return undefined;
  const state = stateOf(field.value);
  if ((field.flags & RADIO_FLAG) === 0) return { kind: 'check', checked: state !== undefined && state !== 'Off' };
  return { kind: 'radio', value: state === undefined || state === 'Off' ? null : optionOf(state, field.opt) };
}

/** Returns the state a button's /V names (a name, or a string written by some tools). */
function stateOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFName) return value.decodeText();
  return text(value);
}

/** Returns the option a radio state stands for: the /Opt entry when the state is an index into it, else the state itself. */
function optionOf(state: string, opt: PDFObject | undefined): string {
  if (!(opt instanceof PDFArray) || !/^(0|[1-9]\d*)$/.test(state)) return state;
  const index = Number(state);
  if (index >= opt.size()) return state;
  const entry = opt.lookup(index);
  // An /Opt entry may be [export, label]: the export value is the first.
  const exported = entry instanceof PDFArray ? entry.lookup(0) : entry;
  return text(exported) ?? state;
}
