/**
 * The bridge between a letter's Handlebars output and the layout language: the block helpers of a letter
 * template (paragraphe, titre, tableau…) wrap their content in invisible markers; once the template has run,
 * `parseMarkup` reads the marked text back as layout blocks (text, heading, grid, row, page break), which the
 * renderer resolves like any template's blocks — so one letter template prints the same to PDF and to Word.
 *
 * Markers are Unicode private-use characters; `stripMarkers` removes them from the data beforehand, so a value
 * can never open or close a block.
 */
import { cell, grid, heading, pageBreak, row, stack, text, type Block, type GridCell, type TextStyle } from '../layout/layout.ts';

const OPEN = '\uE000';
const MIDDLE = '\uE001';
const CLOSE = '\uE002';
const MARKERS = /[\uE000-\uE002]/g;

/** What a marker stands for. */
export type Tag =
  | { k: 'p'; style: TextStyle }
  | { k: 'lines'; style: TextStyle; firstStrong: boolean }
  | { k: 'h'; level: 1 | 2 }
  | { k: 'list' }
  | { k: 'item' }
  | { k: 'table'; widths: number[] }
  | { k: 'tr'; header: boolean }
  | { k: 'td'; span: number; header: boolean }
  | { k: 'cols'; widths: number[] }
  | { k: 'col' }
  | { k: 'break' }
  | { k: 'gap' };

/** Returns `inner` wrapped in the markers of `tag`. */
export function wrap(tag: Tag, inner: string): string {
  return `${OPEN}${JSON.stringify(tag)}${MIDDLE}${inner}${CLOSE}`;
}

/** Returns `value` without marker characters. */
export function stripMarkers(value: string): string {
  return value.replace(MARKERS, '');
}

interface Node {
  tag: Tag | null;
  children: Array<string | Node>;
}

/** Returns the tree of the marked text `source`. */
function tree(source: string): Node {
  const root: Node = { tag: null, children: [] };
  const open: Node[] = [root];
  const markers = new RegExp(MARKERS.source, 'g');
  let i = 0;
  for (let m = markers.exec(source); m !== null; m = markers.exec(source)) {
    const top = open[open.length - 1] ?? root;
    if (m.index > i) top.children.push(source.slice(i, m.index));
    if (m[0] === OPEN) {
      const end = source.indexOf(MIDDLE, m.index);
      if (end === -1) throw new Error('letter markup: an opening marker has no end');
      const node: Node = { tag: JSON.parse(source.slice(m.index + 1, end)) as Tag, children: [] };
      top.children.push(node);
      open.push(node);
      i = end + 1;
      markers.lastIndex = i;
    } else if (m[0] === CLOSE) {
      if (open.length === 1) throw new Error('letter markup: a closing marker has no opening');
      open.pop();
      i = m.index + 1;
    } else {
      throw new Error('letter markup: a middle marker out of place');
    }
  }
  if (i < source.length) (open[open.length - 1] ?? root).children.push(source.slice(i));
  if (open.length !== 1) throw new Error('letter markup: an opening marker is never closed');
  return root;
}

/** Returns the plain text of a node (nested markers dropped). */
function plain(node: Node): string {
  return node.children.map((c) => (typeof c === 'string' ? c : plain(c))).join('');
}

/** Returns a text with its runs of white space (line breaks included) made single spaces, trimmed. */
function collapse(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** Returns the non-empty lines of a text, each trimmed. */
function linesOf(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '');
}

/** Free text between blocks: paragraphs separated by blank lines (`lines`: a cell's text, its line breaks kept). */
function looseText(value: string, keepLines: boolean): Block[] {
  if (keepLines) {
    const lines = linesOf(value);
    return lines.length > 0 ? [text(lines.join('\n'))] : [];
  }
  return value
    .split(/\r?\n[ \t]*\r?\n/)
    .map(collapse)
    .filter((p) => p !== '')
    .map((p) => text(p));
}

/** Returns the blocks of a node's children. */
function blocksOf(node: Node, keepLines: boolean): Block[] {
  return node.children.flatMap((c) => (typeof c === 'string' ? looseText(c, keepLines) : blocksOfTag(c)));
}

/** Returns the lines of a `lines` node as text blocks (its first line apart when it is bold). */
function lineBlocks(node: Node, tag: Extract<Tag, { k: 'lines' }>): Block[] {
  const lines = linesOf(plain(node));
  if (lines.length === 0) return [];
  if (!tag.firstStrong) return [text(lines.join('\n'), tag.style)];
  const [first = '', ...rest] = lines;
  return rest.length > 0 ? [text(first, 'strong'), text(rest.join('\n'), tag.style)] : [text(first, 'strong')];
}

/** Returns the cells of a table row node. */
function cellsOf(node: Node): GridCell[] {
  return node.children.flatMap((c) => {
    if (typeof c === 'string' || c.tag?.k !== 'td') return [];
    const content = blocksOf(c, true);
    return [cell(content.length > 0 ? content : [text('')], { span: c.tag.span, header: c.tag.header })];
  });
}

function blocksOfTag(node: Node): Block[] {
  const tag = node.tag;
  if (tag === null) return blocksOf(node, false);
  switch (tag.k) {
    case 'p': {
      const value = collapse(plain(node));
      return value === '' ? [] : [text(value, tag.style)];
    }
    case 'lines':
      return lineBlocks(node, tag);
    case 'h': {
      const value = collapse(plain(node));
      return value === '' ? [] : [heading(value, tag.level)];
    }
    case 'list': {
      const items = node.children.flatMap((c) => {
        if (typeof c === 'string' || c.tag?.k !== 'item') return [];
        const value = collapse(plain(c));
        return value === '' ? [] : [text(`–\u00a0${value}`)];
      });
      return items.length === 0 ? [] : [stack(items)];
    }
    case 'item':
      return [text(`–\u00a0${collapse(plain(node))}`)];
    case 'table': {
      const rows = node.children.filter((c): c is Node => typeof c !== 'string' && c.tag?.k === 'tr');
      const head = rows.filter((r) => r.tag?.k === 'tr' && r.tag.header).map(cellsOf);
      const body = rows.filter((r) => r.tag?.k === 'tr' && !r.tag.header).map(cellsOf);
      const count = Math.max(1, ...[...head, ...body].map((r) => r.reduce((n, c) => n + (c.span ?? 1), 0)));
      const widths = tag.widths.length === count ? tag.widths : Array.from({ length: count }, (_, i) => tag.widths[i] ?? 1);
      return body.length + head.length === 0 ? [] : [grid(widths, body, head.length > 0 ? { head } : {})];
    }
    case 'tr':
      return [];
    case 'td':
      return blocksOf(node, true);
    case 'cols': {
      const columns = node.children.filter((c): c is Node => typeof c !== 'string' && c.tag?.k === 'col');
      const widths = columns.map((_, i) => tag.widths[i] ?? 1);
      return columns.length === 0 ? [] : [row(columns.map((c) => stack(blocksOf(c, true))), widths)];
    }
    case 'col':
      return [stack(blocksOf(node, true))];
    case 'break':
      return [pageBreak()];
    case 'gap':
      return [gap()];
  }
}

/** Returns a blank half line between the parts of a letter. */
function gap(): Block {
  return text('\u00a0', 'small');
}

/** Returns the top-level blocks with a half line between paragraphs (not around headings, page breaks and gaps). */
function spaced(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  const bare = (b: Block | undefined) => b === undefined || b.kind === 'heading' || b.kind === 'pageBreak' || (b.kind === 'text' && b.text === '\u00a0');
  for (const b of blocks) {
    const previous = out[out.length - 1];
    if (!bare(previous) && !bare(b)) out.push(gap());
    out.push(b);
  }
  return out;
}

/** Returns the layout blocks of a letter template's output (see the module comment). */
export function parseMarkup(output: string): Block[] {
  return spaced(blocksOf(tree(output), false));
}
