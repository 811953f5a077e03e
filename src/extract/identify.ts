/**
 * Which registered form a returned PDF is, when its attached data does not say: by its field names (those
 * Paperasse gives, array indices aside) or by the title line printed at the top of its first page.
 */
import type { FormDefinition } from '../layout/form.ts';
import type { DocNode, FieldSpec, ResolvedDocument } from '../render/model.ts';
import type { TextLine } from './text-layer.ts';

/** Returns every field of a resolved document in document order (a name printed twice occurs twice). */
export function fieldsOf(doc: ResolvedDocument): FieldSpec[] {
  const out: FieldSpec[] = [];
  walk(doc.nodes, (n) => {
    if (n.t === 'value' || n.t === 'box') out.push(n.field);
    if (n.t === 'choice') out.push(...n.options.map((o) => o.field));
    if (n.t === 'title' && n.sessionField) out.push(n.sessionField);
  });
  return out;
}

/** Returns a field name with its array indices replaced by `*` (`fiches.3.nom` → `fiches.*.nom`). */
export function fieldPattern(name: string): string {
  return name
    .split('.')
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? '*' : s))
    .join('.');
}

/** Returns the one form whose blank field names (indices aside) include all the PDF's, or have exactly its set; else undefined. */
export function formByFieldNames(names: readonly string[], blanks: ReadonlyMap<FormDefinition, ResolvedDocument>): FormDefinition | undefined {
  if (names.length === 0) return undefined;
  const wanted = new Set(names.map(fieldPattern));
  const including: Array<{ form: FormDefinition; patterns: Set<string> }> = [];
  for (const [form, doc] of blanks) {
    const patterns = new Set(fieldsOf(doc).map((f) => fieldPattern(f.name)));
    if ([...wanted].every((p) => patterns.has(p))) including.push({ form, patterns });
  }
  if (including.length === 1) return including[0]?.form;
  const same = including.filter((c) => c.patterns.size === wanted.size);
  return same.length === 1 ? same[0]?.form : undefined;
}

/** Returns the one form whose title (« ANNEXE X Grille d’évaluation E42 … ») starts the first page's topmost title line, else undefined. */
export function formByTitle(lines: readonly TextLine[], forms: readonly FormDefinition[]): FormDefinition | undefined {
  const headings = forms.map((form) => ({ form, heading: collapse([form.template.annexe, form.template.title].filter(Boolean).join(' ')) }));
  for (const line of lines.filter((l) => l.page === 1)) {
    const text = collapse(line.text);
    const found = headings.filter(({ heading }) => text.startsWith(heading) && /^( |$)/.test(text.slice(heading.length)));
    if (found.length > 0) return found.length === 1 ? found[0]?.form : undefined;
  }
  return undefined;
}

/** Returns the one letter whose title band (alone on its line, heading the recap sheet after the letter) is on one of the pages, else undefined. */
export function letterByTitle(lines: readonly TextLine[], forms: readonly FormDefinition[]): FormDefinition | undefined {
  const letters = forms.filter((form) => form.template.letter === true);
  const found = letters.filter((form) => lines.some((line) => collapse(line.text) === collapse(form.template.title)));
  return found.length === 1 ? found[0] : undefined;
}

/** Returns a text with its white space collapsed. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Calls `visit` on every node of a tree, table cells included. */
function walk(nodes: readonly DocNode[], visit: (n: DocNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if ('children' in n) walk(n.children, visit);
    if (n.t === 'table') for (const row of [...n.head, ...n.rows]) for (const c of row) walk(c.children, visit);
  }
}
