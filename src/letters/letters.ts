/**
 * Letters whose body is a Handlebars template a school can replace (templates/letters/*.hbs): loading and
 * compiling the templates (once per source text), running them on a letter's data, and turning the output into
 * layout blocks (`parseMarkup`), which the renderer resolves for the PDF and the Word outputs alike.
 */
import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import { projectPath } from '../core/paths.ts';
import type { Block, LetterBodyBlock, Template } from '../layout/layout.ts';
import { HELPERS, letterHandlebars } from './helpers.ts';
import { parseMarkup, stripMarkers } from './markup.ts';

export { letterTemplateIssues, MAX_TEMPLATE_LENGTH } from './check.ts';
export { BLANK, civility, frenchAmount, frenchList, frenchPeriod, HELPERS, longDate } from './helpers.ts';

/** The folder of the standard letter templates. */
export const LETTERS_DIR = projectPath('templates', 'letters');

/** How many distinct template texts stay compiled (the standard ones and the schools' latest). */
const CACHE_SIZE = 32;

/** The Handlebars environment of the letters, with their helpers. */
const handlebars = letterHandlebars();
const compiled = new Map<string, Handlebars.TemplateDelegate>();
const standard = new Map<string, string>();

/** Returns the text of the standard template templates/letters/<name>.hbs (read once). */
export function standardLetterSource(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`letter template name "${name}" is not a plain file name`);
  let source = standard.get(name);
  if (source === undefined) {
    source = readFileSync(`${LETTERS_DIR}/${name}.hbs`, 'utf8');
    standard.set(name, source);
  }
  return source;
}

/** Value expressions (not blocks, comments, `@` variables, `else` nor the page break) of a template text. */
const VALUE_EXPRESSION = /\{\{(?![#/^!@>]|else\b|~?\s*(?:sautDePage|espace)\b)[^}]*\}\}/g;

/** Returns the compiled template of `source` (`blank`: every value expression printing a dotted placeholder). */
export function compileLetter(source: string, blank = false): Handlebars.TemplateDelegate {
  const effective = blank ? source.replace(VALUE_EXPRESSION, '……………') : source;
  let template = compiled.get(effective);
  if (template === undefined) {
    template = handlebars.compile(effective, { noEscape: true, knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])), knownHelpersOnly: true });
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value ?? '');
    compiled.set(effective, template);
  } else {
    // Most recently used last, so that the batch's template is never the one evicted.
    compiled.delete(effective);
    compiled.set(effective, template);
  }
  return template;
}

/** Returns a copy of `data` whose strings hold no layout marker, so that a value never opens or closes a block. */
function clean(data: unknown): unknown {
  if (typeof data === 'string') return stripMarkers(data);
  if (Array.isArray(data)) return data.map(clean);
  if (data && typeof data === 'object') return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, clean(v)]));
  return data;
}

/** Returns the layout blocks of a letter body for the document's data (`blank`: the blank letter). */
export function letterBlocks(block: LetterBodyBlock, data: unknown, blank: boolean): Block[] {
  const source = block.source ?? standardLetterSource(block.name);
  const root = blank || data === null || typeof data !== 'object' ? {} : clean(data);
  const output = compileLetter(source, blank)(root, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  return parseMarkup(output);
}

/** Returns the name of the letter body of a template (the first `letterBody` block), or undefined for a form that is not a letter. */
export function letterBodyName(template: Template): string | undefined {
  const find = (blocks: readonly Block[]): string | undefined => {
    for (const b of blocks) {
      if (b.kind === 'letterBody') return b.name;
      if ('blocks' in b) {
        const inner = find(b.blocks);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };
  return find(template.blocks);
}

/** Returns `template` with its letter body written by `source` (a school's own template, checked beforehand). */
export function withLetterSource(template: Template, source: string): Template {
  const replace = (blocks: readonly Block[]): Block[] =>
    blocks.map((b): Block => {
      if (b.kind === 'letterBody') return { ...b, source };
      if (b.kind === 'row' || b.kind === 'section' || b.kind === 'when' || b.kind === 'stack' || b.kind === 'each') return { ...b, blocks: replace(b.blocks) };
      return b;
    });
  return { ...template, blocks: replace(template.blocks) };
}
