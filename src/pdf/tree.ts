/** The one walker of PDF trees (page tree, name trees, field trees): iterative, cycle-guarded and bounded. */
import { PDFDict, PDFNull, PDFRef, type PDFContext, type PDFName, type PDFObject } from 'pdf-lib';

/** How to walk one kind of tree. */
export interface TreeWalk {
  /** The children of a node, or undefined when the node is a leaf. */
  children: (node: PDFDict) => PDFObject[] | undefined;
  /** The walk stops once it has found more leaves than this. */
  maxLeaves?: number;
}

/**
 * Returns the object a reference designates (the object itself when it is not a reference): what `context.lookup`
 * gives, read from the context's object map directly (pdf-lib's `lookup` builds an array of its optional type
 * arguments on every call, and the walkers call it for every node).
 */
export function resolveRef(context: PDFContext, item: PDFObject | undefined): PDFObject | undefined {
  return item instanceof PDFRef ? (context as unknown as { indirectObjects: Map<PDFRef, PDFObject> }).indirectObjects.get(item) : item;
}

/** Returns the value of `key` in `dict`, a reference resolved: what `dict.lookup(key)` gives, without its per-call array. */
export function lookupKey(context: PDFContext, dict: PDFDict, key: PDFName): PDFObject | undefined {
  const value = resolveRef(context, dict.get(key));
  return value === PDFNull ? undefined : value;
}

/** Returns the leaves of a tree walked without recursion; 'cycle' when a node is met twice, 'invalid' for a non-dictionary. */
export function walkTree(context: PDFContext, root: PDFObject | undefined, walk: TreeWalk): PDFDict[] | 'cycle' | 'invalid' {
  const seen = new Set<PDFObject>();
  const leaves: PDFDict[] = [];
  const stack: Array<PDFObject | undefined> = [root];
  const max = walk.maxLeaves ?? Number.POSITIVE_INFINITY;
  while (stack.length > 0 && leaves.length <= max) {
    const item = stack.pop();
    const node = resolveRef(context, item);
    if (!(node instanceof PDFDict)) return 'invalid';
    const key = item instanceof PDFRef ? item : node;
    if (seen.has(key)) return 'cycle';
    seen.add(key);
    const children = walk.children(node);
    if (children === undefined) leaves.push(node);
    else for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return leaves;
}
