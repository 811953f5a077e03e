/**
 * The one walker of a PDF's AcroForm field tree: terminal fields with their full name and what they inherit from
 * their parents (/FT, /Ff, /V, /Opt), and their widgets. Iterative, each node visited once, bounded; a node met
 * again under the same root field (a cycle, or a branch shared to fake a huge tree) is reported.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { pdfName } from './keys.ts';
import { pdfText } from './names.ts';
import { resolveRef } from './tree.ts';

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

/** Returns the terminal fields of the AcroForm of `catalog` (none without a form). */
export function walkFields(context: PDFContext, catalog: PDFDict): FieldWalk {
  const walk: FieldWalk = { fields: [], cycle: false };
  const form = catalog.lookup(pdfName('AcroForm'));
  const roots = form instanceof PDFDict ? form.lookup(pdfName('Fields')) : undefined;
  if (!(roots instanceof PDFArray)) return walk;
  const visited = new Set<PDFObject>();
  const top: Inherited = { name: '', type: undefined, flags: 0, value: undefined, opt: undefined };
  for (const root of roots.asArray()) {
    if (visited.size >= MAX_NODES) break;
    walkRoot(context, root, top, visited, walk);
  }
  return walk;
}

/** Adds the terminal fields under one root field to `walk`, visiting each node once. */
function walkRoot(context: PDFContext, root: PDFObject, top: Inherited, visited: Set<PDFObject>, walk: FieldWalk): void {
  const underRoot = new Set<PDFObject>();
  const stack: Array<{ item: PDFObject; parent: Inherited }> = [{ item: root, parent: top }];
  while (stack.length > 0 && visited.size < MAX_NODES) {
    const next = stack.pop();
    if (next === undefined) break;
    const node = resolveRef(context, next.item);
    if (!(node instanceof PDFDict)) continue;
    const key = next.item instanceof PDFRef ? next.item : node;
    if (underRoot.has(key)) walk.cycle = true;
    if (visited.has(key)) continue;
    visited.add(key);
    underRoot.add(key);
    const own = inherit(node, next.parent);
    const kids = kidDicts(context, node);
    const fieldKids = kids.filter((kid) => kid.dict.has(pdfName('T')));
    if (fieldKids.length === 0) walk.fields.push({ ...own, dict: node, widgets: kids.length > 0 ? kids.map((k) => k.dict) : [node] });
    else for (let i = fieldKids.length - 1; i >= 0; i--) stack.push({ item: fieldKids[i]?.item as PDFObject, parent: own });
  }
}

/** Returns what a field node has, its own entries replacing the inherited ones. */
function inherit(node: PDFDict, parent: Inherited): Inherited {
  const partial = pdfText(node.lookup(pdfName('T')));
  const type = node.lookup(pdfName('FT'));
  const flags = node.lookup(pdfName('Ff'));
  return {
    name: partial === undefined ? parent.name : parent.name === '' ? partial : `${parent.name}.${partial}`,
    type: type instanceof PDFName ? type : parent.type,
    flags: flags instanceof PDFNumber ? flags.asNumber() : parent.flags,
    value: node.lookup(pdfName('V')) ?? parent.value,
    opt: node.lookup(pdfName('Opt')) ?? parent.opt,
  };
}

/** Returns the kids of a node that are dictionaries, each with the item (reference or object) that names it. */
function kidDicts(context: PDFContext, node: PDFDict): Array<{ item: PDFObject; dict: PDFDict }> {
  const kids = node.lookup(pdfName('Kids'));
  if (!(kids instanceof PDFArray)) return [];
  const found: Array<{ item: PDFObject; dict: PDFDict }> = [];
  for (const item of kids.asArray()) {
    const dict = resolveRef(context, item);
    if (dict instanceof PDFDict) found.push({ item, dict });
  }
  return found;
}
