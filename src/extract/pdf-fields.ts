/**
 * The values of a PDF's AcroForm fields, read from pdf-lib's low-level objects: each terminal field's full name
 * and its `/V` (inherited from its parents when absent), never its appearance. Radio values written as an index
 * into `/Opt` (pdf.js, pdftk on pdf-lib's radio groups) are mapped back to the option they stand for.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';

/** The value of one terminal field. */
export type PdfFieldValue =
  | { kind: 'text'; value: string }
  | { kind: 'check'; checked: boolean }
  /** The chosen option's export value; null when none is chosen. */
  | { kind: 'radio'; value: string | null };

/** Most field dictionaries visited (the probe already refused cyclic field trees). */
const MAX_NODES = 100_000;
const RADIO_FLAG = 1 << 15;
const PUSHBUTTON_FLAG = 1 << 16;

/** What a field inherits from its ancestors. */
interface Inherited {
  name: string;
  type: PDFObject | undefined;
  flags: number;
  value: PDFObject | undefined;
  opt: PDFObject | undefined;
}

/** Returns the terminal fields' values by full name, in the field tree's order (signature and push-button fields left out). */
export function readFormFields(context: PDFContext, catalog: PDFDict): Map<string, PdfFieldValue> {
  const fields = new Map<string, PdfFieldValue>();
  const form = catalog.lookup(PDFName.of('AcroForm'));
  const roots = form instanceof PDFDict ? form.lookup(PDFName.of('Fields')) : undefined;
  if (!(roots instanceof PDFArray)) return fields;
  const seen = new Set<PDFObject>();
  const stack: Array<{ item: PDFObject; parent: Inherited }> = [];
  const top: Inherited = { name: '', type: undefined, flags: 0, value: undefined, opt: undefined };
  for (let i = roots.size() - 1; i >= 0; i--) stack.push({ item: roots.get(i), parent: top });
  while (stack.length > 0 && seen.size < MAX_NODES) {
    const next = stack.pop();
    if (next === undefined) break;
    const node = next.item instanceof PDFRef ? context.lookup(next.item) : next.item;
    if (!(node instanceof PDFDict) || seen.has(next.item)) continue;
    seen.add(next.item);
    const own = inherit(node, next.parent);
    const kids = fieldKids(context, node);
    if (kids.length === 0) {
      const value = fieldValue(own);
      if (value !== undefined && own.name !== '') fields.set(own.name, value);
    } else {
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ item: kids[i] as PDFObject, parent: own });
    }
  }
  return fields;
}

/** Returns what a field node has, its own entries replacing the inherited ones. */
function inherit(node: PDFDict, parent: Inherited): Inherited {
  const partial = text(node.lookup(PDFName.of('T')));
  const flags = node.lookup(PDFName.of('Ff'));
  return {
    name: partial === undefined ? parent.name : parent.name === '' ? partial : `${parent.name}.${partial}`,
    type: node.lookup(PDFName.of('FT')) ?? parent.type,
    flags: flags instanceof PDFNumber ? flags.asNumber() : parent.flags,
    value: node.lookup(PDFName.of('V')) ?? parent.value,
    opt: node.lookup(PDFName.of('Opt')) ?? parent.opt,
  };
}

/** Returns the kids of a field that are fields themselves (they have /T); widgets are not. */
function fieldKids(context: PDFContext, node: PDFDict): PDFObject[] {
  const kids = node.lookup(PDFName.of('Kids'));
  if (!(kids instanceof PDFArray)) return [];
  return kids.asArray().filter((kid) => {
    const dict = kid instanceof PDFRef ? context.lookup(kid) : kid;
    return dict instanceof PDFDict && dict.has(PDFName.of('T'));
  });
}

/** Returns the value of a terminal field, or undefined for the kinds Paperasse does not make (signatures, push buttons). */
function fieldValue(field: Inherited): PdfFieldValue | undefined {
  if (field.type === PDFName.of('Tx') || field.type === PDFName.of('Ch')) return { kind: 'text', value: text(field.value) ?? '' };
  if (field.type !== PDFName.of('Btn') || (field.flags & PUSHBUTTON_FLAG) !== 0) return undefined;
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

/** Returns the text of a PDF string, or undefined for anything else. */
function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}
