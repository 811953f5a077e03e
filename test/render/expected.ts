/**
 * What a rendered document must contain, read from the resolved document (the renderer's step 1): every
 * printed label and static text, every value, every field. The tests then look for them in what independent
 * tools extract from the PDF and Word files.
 */
import { readFileSync } from 'node:fs';
import { createSchemaCatalog } from '../../src/core/schemas.ts';
import { FORMS } from '../../src/forms/registry.ts';
import type { FormDefinition } from '../../src/layout/form.ts';
import type { DocNode, ResolvedDocument } from '../../src/render/model.ts';
import { Renderer } from '../../src/render/renderer.ts';
import { SAMPLES } from '../helpers.ts';

/** Every field of a resolved document, as the extraction enumerates them (a name may occur several times). */
export { fieldsOf } from '../../src/extract/identify.ts';

/** The registered forms with their sample data. */
export const CASES: Array<{ form: FormDefinition; sample: unknown }> = FORMS.map((form) => ({
  form,
  sample: JSON.parse(readFileSync(`${SAMPLES}${form.id}.json`, 'utf8')) as unknown,
}));

let renderer: Renderer | undefined;

/** Returns the resolved document of `data` (undefined: blank) for `form`. */
export function resolved(form: FormDefinition, data: unknown): ResolvedDocument {
  renderer ??= new Renderer(createSchemaCatalog());
  return renderer.resolve(form, data);
}

/** Returns every printed text of a resolved document: labels, headings, static texts, option labels, table headers. */
export function labelsOf(doc: ResolvedDocument): string[] {
  const out: string[] = [];
  walk(doc.nodes, (n) => {
    if (n.t === 'title') out.push(n.annexe, n.title);
    if (n.t === 'heading' || n.t === 'text') out.push(n.text);
    if (n.t === 'value' || n.t === 'choice' || n.t === 'box') out.push(n.label);
    // A choice printed as a value (mark `text`) prints only the chosen option, as a value.
    if (n.t === 'choice' && n.mark !== 'text') out.push(...n.options.map((o) => o.label));
    if (n.t === 'section' || n.t === 'group' || n.t === 'table') out.push(n.title);
  });
  return [...new Set(out.filter((s) => s.trim() !== ''))];
}

/** Returns every non-empty value printed in a resolved document (formatted as printed). */
export function valuesOf(doc: ResolvedDocument): string[] {
  const out: string[] = [];
  walk(doc.nodes, (n) => {
    if (n.t === 'value' && n.text) out.push(n.text);
    if (n.t === 'choice' && n.mark === 'text') out.push(...n.options.filter((o) => o.checked).map((o) => o.label));
    if (n.t === 'title' && n.session && n.sessionField?.value) out.push(n.session);
  });
  return [...new Set(out)];
}

/** Returns the JSON Pointers of the data's leaves (strings, numbers, booleans) with their values. */
export function leavesOf(data: unknown, parts: string[] = []): Array<{ parts: string[]; value: unknown }> {
  if (Array.isArray(data)) return data.flatMap((x, i) => leavesOf(x, [...parts, String(i)]));
  if (data && typeof data === 'object') return Object.entries(data).flatMap(([k, x]) => leavesOf(x, [...parts, k]));
  return [{ parts, value: data }];
}

/**
 * Returns a text without white space (line breaks and wrapping differ between tools) nor box glyphs (LibreOffice
 * draws ☐ ☒ with a substitute font whose text mapping varies; the boxes are checked in the document itself).
 */
export function squeeze(text: string): string {
  return text.replace(/[\s\u00a0\u202f\u2009☐☒]+/g, '');
}

/**
 * Returns the squeezed text of a document without the lines a page break adds (the footer, "page x / n", a
 * table's repeated header row), which a text extractor puts in the middle of a value that runs over the break.
 */
export function bodyText(raw: string, doc: ResolvedDocument): string {
  const footer = [doc.person, doc.fullTitle].filter(Boolean).join(' — ');
  const headers = new Set<string>();
  walk(doc.nodes, (n) => {
    if (n.t === 'table') for (const row of n.head) headers.add(squeeze(row.flatMap((c) => c.children.map((x) => (x.t === 'text' ? x.text : ''))).join('')));
  });
  const added = (line: string) => {
    const l = line.trim();
    const withoutPage = l.replace(/^(.*?)(\s*—\s*)?page\s+\d+\s*\/\s*\d+$/, '$1').trim();
    // Without a person (blank form) the footer is the title itself, whose line must stay.
    const isFooter = doc.person !== '' && (withoutPage === footer || (l !== withoutPage && footer.startsWith(withoutPage)));
    return withoutPage === '' || isFooter || headers.has(squeeze(l));
  };
  let seenHeaders = new Set<string>();
  const kept = raw.split('\n').filter((line) => {
    if (!added(line)) return true;
    // The first occurrence of a table header is the table's own: keep it.
    const key = squeeze(line);
    if (headers.has(key) && !seenHeaders.has(key)) {
      seenHeaders = new Set([...seenHeaders, key]);
      return true;
    }
    return false;
  });
  return squeeze(kept.join('\n'));
}

/** Returns whether a resolved document prints a box ☐ / ☒ (a choice or yes/no value not circled, written or signed). */
export function printsBoxes(doc: ResolvedDocument): boolean {
  let boxes = false;
  walk(doc.nodes, (n) => {
    if ((n.t === 'choice' || n.t === 'box') && (n.mark === undefined || n.mark === 'box')) boxes = true;
  });
  return boxes;
}

function walk(nodes: readonly DocNode[], visit: (n: DocNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if ('children' in n) walk(n.children, visit);
    if (n.t === 'table') for (const row of [...n.head, ...n.rows]) for (const c of row) walk(c.children, visit);
  }
}
