/**
 * Values read back from a form's text layer by its known labels (those of the resolved document): a one-line
 * value printed after « Label : », a box printed ☒ or ☐ before its label, the session on the title line.
 *
 * Nothing is guessed. A label is used only when it occurs in the text exactly as many times as the form prints it,
 * and the occurrences can stand rank by rank for the printed places: one place, places stacked one under the
 * other, or occurrences all on one line (columns, left to right). A value is not read when it may run over
 * several lines (text just above it in its column), when something else follows the label at a distance, or when
 * the same value is read twice differently. Rows of tables and repeated blocks are not read: without the original
 * data their number is unknown. What is not read is left to the caller to list as unread.
 */
import type { DocNode, FieldSpec, ResolvedDocument } from '../render/model.ts';
import type { Reading } from './rebuild.ts';
import { isUnreadableText, xAt, type TextLine } from './text-layer.ts';
import type { FormSchema } from './values.ts';
import { EMPTY_GLYPH, TICKED_GLYPH } from '../render/format.ts';

/** What the text layer gave: readings, and the data paths they stand for. */
export interface TextReadings {
  readings: Reading[];
  /** Paths read (a value found, or found empty), their segments joined by '/'. */
  read: Set<string>;
  /** Paths whose value is on the page but does not decode to real characters (never a reading), segments joined by '/'. */
  unreadable: Set<string>;
}

/** A one-line value printed after its label. */
interface InlineTarget {
  label: string;
  unit: string;
  field: FieldSpec;
  /** Printed in a column beside other blocks (a row, a grid): its rank in reading order is not its rank in the form. */
  sideBySide: boolean;
}

/** A box printed before its label: a yes/no box, or one option of a choice. */
interface BoxTarget {
  label: string;
  /** The choice the box belongs to (undefined for a yes/no box). */
  choice: ChoiceTarget | undefined;
  field: FieldSpec;
  sideBySide: boolean;
  checked?: boolean;
}

/** The boxes of one choice. */
interface ChoiceTarget {
  boxes: BoxTarget[];
}

/** An occurrence of a label in the text. */
interface Occurrence {
  line: TextLine;
  start: number;
  end: number;
}

/** Largest distance, in points, between the lines of a value that runs over several lines. */
const WRAPPED_LINE = 12.5;
/** A horizontal gap wider than this many font sizes separates two columns (a value starts a few points after its label). */
const COLUMN_GAP = 1.2;
/** The glyphs a print PDF draws for its boxes. */
const TICKED = TICKED_GLYPH;
const EMPTY = EMPTY_GLYPH;

/** The readings gathered, by data path; a path read twice with different values is dropped (it stays unread). */
class Collected {
  readonly #byPath = new Map<string, Reading[]>();
  readonly #conflicting = new Set<string>();
  readonly #unreadable = new Set<string>();

  /** Records a value printed at `parts` whose text is not real characters: it is never read. */
  unreadable(parts: readonly string[]): void {
    const key = parts.join('/');
    this.#unreadable.add(key);
    this.#byPath.delete(key);
  }

  /** Records the readings of the value at `parts`. */
  add(parts: readonly string[], readings: Reading[]): void {
    const key = parts.join('/');
    if (this.#conflicting.has(key) || this.#unreadable.has(key)) return;
    const previous = this.#byPath.get(key);
    if (previous === undefined) this.#byPath.set(key, readings);
    else if (JSON.stringify(previous) !== JSON.stringify(readings)) {
      this.#byPath.delete(key);
      this.#conflicting.add(key);
    }
  }

  /** Returns the readings kept and the paths they stand for. */
  result(): TextReadings {
    return { readings: [...this.#byPath.values()].flat(), read: new Set(this.#byPath.keys()), unreadable: new Set(this.#unreadable) };
  }
}

/** Returns the values the text layer gives for the resolved document's fields (those in array rows excepted). */
export function readText(lines: readonly TextLine[], doc: ResolvedDocument, schema: FormSchema): TextReadings {
  const out = new Collected();
  const inline: InlineTarget[] = [];
  const boxes: BoxTarget[] = [];
  collectTargets(doc.nodes, inline, boxes);
  const inRow = (field: FieldSpec) => isInRow(field, schema);
  readSession(lines, doc, out);
  for (const [target, value] of readInline(lines, inline)) if (!inRow(target.field)) addText(out, target.field, value);
  readBoxes(lines, boxes);
  for (const box of boxes) if (box.choice === undefined && box.checked !== undefined && !inRow(box.field)) addBox(out, box, schema);
  for (const choice of new Set(boxes.flatMap((b) => (b.choice === undefined ? [] : [b.choice])))) {
    const first = choice.boxes[0];
    if (first !== undefined && !inRow(first.field)) addChoice(out, choice, schema);
  }
  return out.result();
}

/** Collects the labelled one-line values and the labelled boxes, in document order. */
function collectTargets(nodes: readonly DocNode[], inline: InlineTarget[], boxes: BoxTarget[], sideBySide = false): void {
  for (const node of nodes) {
    if (node.t === 'value' && node.label.trim() !== '' && node.lines <= 1 && !node.field.multiline) {
      inline.push({ label: node.label.trim(), unit: node.unit, field: node.field, sideBySide });
    }
    // A circled choice or a place to sign prints no box to read.
    if (node.t === 'box' && node.label.trim() !== '' && (node.mark === undefined || node.mark === 'box')) boxes.push({ label: node.label.trim(), choice: undefined, field: node.field, sideBySide });
    if (node.t === 'choice' && (node.mark === undefined || node.mark === 'box')) {
      const choice: ChoiceTarget = { boxes: [] };
      for (const option of node.options) choice.boxes.push({ label: option.label.trim(), choice, field: option.field, sideBySide });
      boxes.push(...choice.boxes);
    }
    if (node.t === 'row') collectTargets(node.children, inline, boxes, sideBySide || node.children.length > 1);
    else if ('children' in node) collectTargets(node.children, inline, boxes, sideBySide);
    if (node.t === 'table') {
      const columns = sideBySide || node.widths.length > 1;
      for (const row of [...node.head, ...node.rows]) for (const cell of row) collectTargets(cell.children, inline, boxes, columns);
    }
  }
}

/**
 * Returns whether the occurrences of a label can stand for its targets rank by rank: as many, and either one target,
 * or targets stacked one under the other, or occurrences all on one line (columns are in the form's order left to
 * right). Targets in columns met on several lines cannot: a column's wrapped value pushes its labels down.
 */
function rankable(targets: ReadonlyArray<{ sideBySide: boolean }>, lines: readonly TextLine[]): boolean {
  if (lines.length !== targets.length) return false;
  return targets.length === 1 || targets.every((t) => !t.sideBySide) || lines.every((l) => l === lines[0]);
}

/** Returns whether a field's value sits in a row of an array (a table or a repeated block). */
function isInRow(field: FieldSpec, schema: FormSchema): boolean {
  const parts = field.name.split('.');
  for (let i = 1; i < parts.length; i++) if (schema.describe(parts.slice(0, i))?.type === 'array') return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// The session on the title line.

/** Reads the session printed at the end of the first title line (« ANNEXE XII Page de garde … Session 2019 »). */
function readSession(lines: readonly TextLine[], doc: ResolvedDocument, out: Collected): void {
  const title = doc.nodes.find((n): n is Extract<DocNode, { t: 'title' }> => n.t === 'title');
  if (title?.sessionField === undefined) return;
  const heading = normalize([title.annexe, title.title].filter(Boolean).join(' '));
  const line = lines.find((l) => l.page === 1 && normalize(l.text).startsWith(heading));
  if (line === undefined) return;
  const rest = normalize(line.text).slice(heading.length).trim();
  const session = /^Session(?:\s+(\S+))?$/.exec(rest);
  if (session !== null) addText(out, title.sessionField, session[1] ?? '');
}

// ---------------------------------------------------------------------------------------------------------------
// One-line values after « Label : ».

/** Returns the value of each inline target whose label is unambiguous and whose value fits on its line. */
function readInline(lines: readonly TextLine[], targets: readonly InlineTarget[]): Array<[InlineTarget, string]> {
  const labels = [...new Set(targets.map((t) => t.label))];
  const occurrences = labelOccurrences(lines, labels);
  const found: Array<[InlineTarget, string]> = [];
  for (const label of labels) {
    const wanted = targets.filter((t) => t.label === label);
    const seen = occurrences.get(label) ?? [];
    if (!rankable(wanted, seen.map((o) => o.line))) continue;
    wanted.forEach((target, rank) => {
      const at = seen[rank];
      const value = at === undefined ? undefined : valueAfter(at, occurrences, lines);
      if (value !== undefined) found.push([target, stripUnit(value, target.unit)]);
    });
  }
  return found;
}

/** Returns every occurrence of each « label : » in reading order; one nested in a longer label's occurrence does not count. */
function labelOccurrences(lines: readonly TextLine[], labels: readonly string[]): Map<string, Occurrence[]> {
  const byLabel = new Map<string, Occurrence[]>();
  // Each pattern is built once; a line without a colon, or without a label's first word, cannot hold that label.
  const patterns = labels.map((label) => ({ label, pattern: labelPattern(label), first: label.split(/\s+/)[0] ?? '' }));
  for (const line of lines) {
    if (!line.text.includes(':')) continue;
    const matches = patterns.flatMap(({ label, pattern, first }) => (line.text.includes(first) ? findAll(line, pattern).map((m) => ({ label, ...m })) : []));
    for (const m of matches) {
      const nested = matches.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start);
      if (!nested) byLabel.set(m.label, [...(byLabel.get(m.label) ?? []), { line, start: m.start, end: m.end }]);
    }
  }
  return byLabel;
}

/** Returns the pattern of « label : ». */
function labelPattern(label: string): RegExp {
  const words = label.split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`${words}\\s*:`, 'gu');
}

/**
 * Returns the [start, end) of every match of a global pattern in a line's text that starts a word: after a space,
 * or where a piece of text starts (a value drawn right against the next label is not glued to it).
 */
function findAll(line: TextLine, pattern: RegExp): Array<{ start: number; end: number }> {
  return [...line.text.matchAll(pattern)]
    .filter((m) => m.index === 0 || /\s/.test(line.text[m.index - 1] ?? '') || line.offsets.includes(m.index))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Returns the value printed after a label: its pieces up to the next label on the line or to a wide gap (the next
 * column); undefined when other text sits just above it (a value wrapped over several lines ends on its label's
 * line, its first lines are above).
 */
function valueAfter(at: Occurrence, occurrences: Map<string, Occurrence[]>, lines: readonly TextLine[]): string | undefined {
  const next = [...occurrences.values()].flat().filter((o) => o.line === at.line && o.start >= at.end).sort((a, b) => a.start - b.start)[0];
  const value = piecesBetween(at.line, at.end, next?.start ?? at.line.text.length);
  // Nothing right after the label but text further on the line: the value may be that text, or empty.
  if (value.text === '' && value.stopped) return undefined;
  const from = xAt(at.line, at.end);
  const to = Math.max(from + 1, value.right);
  const crowded = lines.some(
    (l) =>
      l.page === at.line.page &&
      l.y - at.line.y > 0.5 &&
      l.y - at.line.y <= WRAPPED_LINE &&
      l.pieces.some((p) => p.text.trim() !== '' && p.x + p.width > from + 0.5 && p.x < to - 0.5),
  );
  return crowded ? undefined : value.text;
}

/**
 * Returns the text of a line from a label's end to `end`, stopped at a wide gap (the next column) or a box glyph,
 * where that text ends, and whether it was stopped before `end`.
 */
function piecesBetween(line: TextLine, start: number, end: number): { text: string; right: number; stopped: boolean } {
  let right = xAt(line, start);
  let found = false;
  for (let i = 0; i < line.pieces.length; i++) {
    const piece = line.pieces[i];
    const offset = line.offsets[i] ?? 0;
    if (piece === undefined || piece.text.trim() === '' || offset + piece.text.length <= start) continue;
    if (offset >= end) break;
    if (piece.x - right > COLUMN_GAP * piece.size || /^[☐☒]/.test(piece.text.trim())) {
      return { text: line.text.slice(start, Math.max(start, offset)).trim(), right, stopped: true };
    }
    right = piece.x + piece.width;
    found = true;
  }
  return { text: line.text.slice(start, end).trim(), right: found ? right : xAt(line, start), stopped: false };
}

/** Returns a value without the unit the form prints after it (« 1 234,50 € » → « 1 234,50 »). */
function stripUnit(value: string, unit: string): string {
  return unit !== '' && value.endsWith(unit) ? value.slice(0, -unit.length).trim() : value;
}

// ---------------------------------------------------------------------------------------------------------------
// Boxes: ☒ or ☐ then the label.

/** Sets `checked` on each box whose label occurs, after a box glyph, exactly as many times as the form prints it. */
function readBoxes(lines: readonly TextLine[], boxes: readonly BoxTarget[]): void {
  const labels = [...new Set(boxes.map((b) => b.label))];
  for (const label of labels) {
    const wanted = boxes.filter((b) => b.label === label);
    const pattern = new RegExp(`(?<=^|\\s)([${TICKED}${EMPTY}])\\s*${label.split(/\s+/).map(escapeRegExp).join('\\s+')}(?=$|\\s*[${TICKED}${EMPTY}])`, 'gu');
    const seen = lines.flatMap((line) => [...line.text.matchAll(pattern)].map((m) => ({ line, ticked: m[1] === TICKED })));
    if (rankable(wanted, seen.map((o) => o.line))) wanted.forEach((box, rank) => (box.checked = seen[rank]?.ticked));
  }
}

/** Adds the reading of a yes/no box. */
function addBox(out: Collected, box: BoxTarget, schema: FormSchema): void {
  const parts = box.field.name.split('.');
  if (schema.describe(parts)?.type === 'boolean') out.add(parts, [{ kind: 'box', parts, checked: box.checked === true }]);
}

/** Adds the reading of a choice whose every box was read: one option (or none) for a single choice, the ticked ones for a multiple one. */
function addChoice(out: Collected, choice: ChoiceTarget, schema: FormSchema): void {
  if (choice.boxes.some((b) => b.checked === undefined)) return;
  const ticked = choice.boxes.filter((b) => b.checked === true);
  const first = choice.boxes[0]?.field;
  if (first === undefined) return;
  if (first.kind === 'radio') {
    const parts = first.name.split('.');
    if (ticked.length <= 1) out.add(parts, [{ kind: 'choice', parts, value: ticked[0]?.field.export ?? null }]);
    return;
  }
  const parts = first.name.split('.').slice(0, -1);
  if (schema.describe(parts)?.itemOptions === undefined) return;
  out.add(
    parts,
    choice.boxes.map((box) => ({ kind: 'option', parts, option: box.field.name.split('.').pop() ?? '', checked: box.checked === true })),
  );
}

/** Adds the reading of a text value; a text that is not real characters is recorded as unreadable instead. */
function addText(out: Collected, field: FieldSpec, text: string): void {
  const parts = field.name.split('.');
  if (isUnreadableText(text)) out.unreadable(parts);
  else out.add(parts, [{ kind: 'text', parts, text }]);
}

/** Returns a text with white space collapsed and typographic apostrophes kept as they are. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Returns a string with the regular expression metacharacters escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
