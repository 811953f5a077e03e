/** The page tree of a user's PDF: /Count checked against the limit before any page is walked, then the leaves counted. */
import { PDFArray, PDFDict, type PDFContext, type PDFObject } from 'pdf-lib';
import { pdfName } from './keys.ts';
import { success, type Result } from '../core/issues.ts';
import { damaged, tooManyPages } from './errors.ts';
import { intEntry } from './lexer.ts';
import { resolveRef, walkTree } from './tree.ts';

/** Returns the pages (leaves of the page tree) in order, at most `maxPages`, or why the tree cannot be walked safely. */
export function pageLeaves(context: PDFContext, catalog: PDFDict, name: string, maxPages: number): Result<PDFDict[]> {
  const root = catalog.get(pdfName('Pages'));
  const rootNode = resolveRef(context, root);
  if (!(rootNode instanceof PDFDict)) return damaged(name, 'endommagé : l’arbre des pages est introuvable');
  const announced = intEntry(rootNode, 'Count');
  if (announced !== undefined && announced > maxPages) return tooManyPages(name, announced, maxPages, 'annonce');
  const leaves = walkTree(context, root, { children: pageKids, maxLeaves: maxPages });
  if (leaves === 'cycle') return damaged(name, 'endommagé : l’arbre des pages boucle sur lui-même ou partage une branche');
  if (leaves === 'invalid') return damaged(name, 'endommagé : un nœud de l’arbre des pages n’est pas un dictionnaire');
  if (leaves.length > maxPages) return tooManyPages(name, leaves.length, maxPages, 'a plus de');
  if (leaves.length === 0) return damaged(name, 'vide : il ne contient aucune page');
  return success(leaves);
}

/** Returns the number of pages (see `pageLeaves`). */
export function countPages(context: PDFContext, catalog: PDFDict, name: string, maxPages: number): Result<number> {
  const leaves = pageLeaves(context, catalog, name, maxPages);
  return leaves.ok ? success(leaves.valeur.length) : leaves;
}

/** Returns the kids of a page tree node, or undefined for a page (a leaf). */
function pageKids(node: PDFDict): PDFObject[] | undefined {
  const type = node.get(pdfName('Type'));
  const kids = node.lookup(pdfName('Kids'));
  if (type === pdfName('Page') || !(kids instanceof PDFArray)) return undefined;
  return kids.asArray();
}
