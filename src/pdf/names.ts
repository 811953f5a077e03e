/** Name trees of a user's PDF (walked by the one tree walker) and the attached files of /Names/EmbeddedFiles. */
import { PDFArray, PDFDict, PDFHexString, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { pdfName } from './keys.ts';
import { success, type Result } from '../core/issues.ts';
import { damaged } from './errors.ts';
import { walkTree } from './tree.ts';

/** One entry of a name tree: its key and its value (references resolved). */
export interface NameTreeEntry {
  key: PDFObject | undefined;
  value: PDFObject | undefined;
}

/** Returns the entries of a name tree in order, or 'cycle' / 'invalid' when its nodes loop or are not dictionaries. */
export function nameTreeEntries(context: PDFContext, tree: PDFObject | undefined): NameTreeEntry[] | 'cycle' | 'invalid' {
  const leaves = walkTree(context, tree, { children: nameTreeKids });
  if (typeof leaves === 'string') return leaves;
  const entries: NameTreeEntry[] = [];
  for (const leaf of leaves) {
    const pairs = leaf.lookup(pdfName('Names'));
    if (!(pairs instanceof PDFArray)) continue;
    for (let i = 0; i + 1 < pairs.size(); i += 2) entries.push({ key: pairs.lookup(i), value: context.lookup(pairs.get(i + 1)) });
  }
  return entries;
}

/** Returns the /Kids of a name tree node, or undefined for a leaf (a node with /Names). */
function nameTreeKids(node: PDFDict): PDFObject[] | undefined {
  const kids = node.lookup(pdfName('Kids'));
  return kids instanceof PDFArray ? kids.asArray() : undefined;
}

/** One entry of the /Names/EmbeddedFiles name tree. */
export interface EmbeddedFileEntry {
  /** The file specification's /UF or /F, else its key in the name tree. */
  nom: string;
  /** The file specification (undefined when the tree's value is not a dictionary). */
  spec: PDFDict | undefined;
}

/** Returns the entries of /Names/EmbeddedFiles in name tree order, walked without recursion (a cycle is PDF_ILLISIBLE). */
export function embeddedFiles(context: PDFContext, catalog: PDFDict, name: string): Result<EmbeddedFileEntry[]> {
  const names = catalog.lookup(pdfName('Names'));
  const tree = names instanceof PDFDict ? names.get(pdfName('EmbeddedFiles')) : undefined;
  if (tree === undefined) return success([]);
  const entries = nameTreeEntries(context, tree);
  if (entries === 'cycle') return damaged(name, 'endommagé : l’arbre des pièces jointes boucle sur lui-même');
  if (entries === 'invalid') return damaged(name, 'endommagé : un nœud de l’arbre des pièces jointes n’est pas un dictionnaire');
  return success(entries.flatMap(fileOf));
}

/** Returns the file of a name tree entry, named by its file specification's /UF or /F, else by its key ([] without a name). */
function fileOf(entry: NameTreeEntry): EmbeddedFileEntry[] {
  const spec = entry.value instanceof PDFDict ? entry.value : undefined;
  const fromSpec = spec === undefined ? undefined : pdfText(spec.lookup(pdfName('UF'))) ?? pdfText(spec.lookup(pdfName('F')));
  const fileName = fromSpec ?? pdfText(entry.key);
  return fileName === undefined ? [] : [{ nom: fileName, spec }];
}

/** Returns the names of the files in /Names/EmbeddedFiles, in name tree order. */
export function attachmentNames(context: PDFContext, catalog: PDFDict, name: string): Result<string[]> {
  const files = embeddedFiles(context, catalog, name);
  return files.ok ? success(files.valeur.map((file) => file.nom)) : files;
}

/** Returns the text of a PDF string, or undefined for anything else. */
export function pdfText(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}
