/**
 * The one walker of a PDF's AcroForm field tree: terminal fields with their full name and what they inherit from
 * their parents (/FT, /Ff, /V, /Opt), and their widgets. Iterative, each node visited once, bounded; a node met
 * again under the same root field (a cycle, or a branch shared to fake a huge tree) is reported.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { pdfName } from './keys.ts';
import { pdfText } from './names.ts';
import { lookupKey, resolveRef } from './tree.ts';

/** A terminal field: its full name ("parent.child"), its inherited entries, its dictionary and its widgets. */
export interface FieldLeaf {
  name: string;
  /** /FT, inherited (undefined when no level has one). */
  type: PDFName | undefined;
  /** /Ff, inherited (0 when no level has one). */
  flags: number;
  /** /V, inherited. */
  value: PDFObject | undefined;
  /** /Opt, inherited. */
  opt: PDFObject | undefined;
  dict: PDFDict;
  /** Its widget annotations: its kids without /T, or the field itself when it has none. */
  widgets: PDFDict[];
}

/** What the walk found: the terminal fields in tree order, and whether a node was met twice under one root. */
export interface FieldWalk {
  fields: FieldLeaf[];
  cycle: boolean;
}

/** Most field dictionaries visited. */
const MAX_NODES = 100_000;

/** What a field inherits from its ancestors. */
type Inherited = Omit<FieldLeaf, 'dict' | 'widgets'>;

const ACRO_FORM = pdfName('AcroForm');
const FIELDS = pdfName('Fields');
const KIDS = pdfName('Kids');
const T = pdfName('T');
const FT = pdfName('FT');
const FF = pdfName('Ff');
const V = pdfName('V');
const OPT = pdfName('Opt');

/** Returns the terminal fields of the AcroForm of `catalog` (none without a form). */
export function walkFields(context: PDFContext, catalog: PDFDict): FieldWalk {
  const walk: FieldWalk = { fields: [], cycle: false };
  const form = lookupKey(context, catalog, ACRO_FORM);
  const roots = form instanceof PDFDict ? lookupKey(context, form, FIELDS) : undefined;
  if (!(roots instanceof PDFArray)) return walk;
  // Each node visited, with the index of the root field it was first met under.
  const visited = new Map<PDFObject, number>();
  const top: Inherited = { name: '', type: undefined, flags: 0, value: undefined, opt: undefined };
  const stack: Walking = { items: [], parents: [] };
  for (let i = 0; i < roots.size(); i++) {
    if (visited.size >= MAX_NODES) break;
    walkRoot(context, roots.get(i), i, top, visited, stack, walk);
  }
  return walk;
}

/** The walk's stack: the nodes still to visit and what each inherits (two arrays, one entry per node). */
interface Walking {
  items: PDFObject[];
  parents: Inherited[];
}

/** Adds the terminal fields under root field number `rootIndex` to `walk`, visiting each node once. */
function walkRoot(context: PDFContext, root: PDFObject, rootIndex: number, top: Inherited, visited: Map<PDFObject, number>, stack: Walking, walk: FieldWalk): void {
  const { items, parents } = stack;
  items.length = 0;
  parents.length = 0;
  items.push(root);
  parents.push(top);
  while (items.length > 0 && visited.size < MAX_NODES) {
    const item = items.pop() as PDFObject;
    const parent = parents.pop() as Inherited;
    const node = resolveRef(context, item);
    if (!(node instanceof PDFDict)) continue;
    const key = item instanceof PDFRef ? item : node;
    const metUnder = visited.get(key);
    if (metUnder === rootIndex) walk.cycle = true;
    if (metUnder !== undefined) continue;
    visited.set(key, rootIndex);
    const own = inherit(context, node, parent);
    const kids = lookupKey(context, node, KIDS);
    const size = kids instanceof PDFArray ? kids.size() : 0;
    // The kids that are fields (with /T) are walked; when there is none, the kids are the field's widgets.
    const widgets: PDFDict[] = [];
    const fieldKids: PDFObject[] = [];
    for (let i = 0; i < size; i++) {
      const kidItem = (kids as PDFArray).get(i);
      const kid = resolveRef(context, kidItem);
      if (!(kid instanceof PDFDict)) continue;
      widgets.push(kid);
      if (kid.has(T)) fieldKids.push(kidItem);
    }
    if (fieldKids.length === 0) {
      walk.fields.push({ name: own.name, type: own.type, flags: own.flags, value: own.value, opt: own.opt, dict: node, widgets: widgets.length > 0 ? widgets : [node] });
      continue;
    }
    for (let i = fieldKids.length - 1; i >= 0; i--) {
      items.push(fieldKids[i] as PDFObject);
      parents.push(own);
    }
  }
}

/** Returns what a field node has, its own entries replacing the inherited ones. */
function inherit(context: PDFContext, node: PDFDict, parent: Inherited): Inherited {
  const partial = pdfText(lookupKey(context, node, T));
  const type = lookupKey(context, node, FT);
  const flags = lookupKey(context, node, FF);
  return {
    name: partial === undefined ? parent.name : parent.name === '' ? partial : `${parent.name}.${partial}`,
    type: type instanceof PDFName ? type : parent.type,
    flags: flags instanceof PDFNumber ? flags.asNumber() : parent.flags,
    value: lookupKey(context, node, V) ?? parent.value,
    opt: lookupKey(context, node, OPT) ?? parent.opt,
  };
}
