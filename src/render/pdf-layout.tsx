/**
 * Step 2 of PDF rendering: a resolved document laid out with React-PDF. In fillable mode every value and box
 * is drawn as a placeholder widget named `m<n>`; `pdf-finish.ts` replaces the placeholders with real AcroForm
 * fields at the same rectangles (React-PDF's own fields lack appearances, radio groups and proper names).
 */
import type { ReactElement, ReactNode } from 'react';
import type { DocumentProps } from '@react-pdf/renderer';
import { Document, Page, StyleSheet, Text, TextInput, View } from '@react-pdf/renderer';
import type { Style } from '@react-pdf/stylesheet';
import { FONT_FAMILY } from './fonts.ts';
import type { DocCell, DocNode, FieldSpec, ResolvedDocument } from './model.ts';
import { EMPTY_GLYPH, TICKED_GLYPH } from './format.ts';

/** Space kept free at the bottom of every page for the footer and the QR code. */
const FOOTER_HEIGHT = 92;
/** Page margin, in points. */
const MARGIN = 34;

const LINE = 11.5;
const CHECKED = TICKED_GLYPH;
const UNCHECKED = EMPTY_GLYPH;

const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 9, paddingTop: MARGIN, paddingHorizontal: MARGIN, paddingBottom: FOOTER_HEIGHT, color: '#000' },
  title: { flexDirection: 'row', justifyContent: 'space-between', borderWidth: 1.2, borderColor: '#000', paddingVertical: 5, paddingHorizontal: 8, marginBottom: 8 },
  titleText: { fontSize: 11.5, fontWeight: 'bold' },
  heading1: { marginTop: 7, marginBottom: 3, paddingVertical: 2, paddingHorizontal: 4, backgroundColor: '#e6e6e6', borderWidth: 0.75, borderColor: '#000', fontWeight: 'bold', fontSize: 9.5 },
  heading2: { marginTop: 5, marginBottom: 2, fontWeight: 'bold' },
  note: { fontStyle: 'italic', fontSize: 8, color: '#222', marginBottom: 2 },
  small: { fontSize: 7.5, marginBottom: 1 },
  strong: { fontWeight: 'bold', marginBottom: 1 },
  normal: { marginBottom: 2 },
  center: { textAlign: 'center', marginBottom: 2 },
  inline: { flexDirection: 'row', alignItems: 'flex-end', marginBottom: 3 },
  label: { fontWeight: 'bold', flexShrink: 0, maxWidth: '62%' },
  inlineValue: { flexGrow: 1, flexShrink: 1, flexBasis: 0, borderBottomWidth: 0.5, borderBottomColor: '#666', borderBottomStyle: 'dotted', minHeight: LINE, paddingLeft: 3 },
  blockLabel: { fontWeight: 'bold', marginTop: 3, marginBottom: 1 },
  box: { borderWidth: 0.75, borderColor: '#000', padding: 3, marginBottom: 4 },
  choiceLabel: { fontWeight: 'bold', marginTop: 2, marginBottom: 1 },
  option: { flexDirection: 'row', alignItems: 'center', marginRight: 10, marginBottom: 1 },
  glyph: { fontSize: 10, marginRight: 3, lineHeight: 1 },
  section: { borderWidth: 0.75, borderColor: '#000', padding: 4, marginBottom: 6 },
  sectionTitle: { fontWeight: 'bold', fontSize: 9.5, marginBottom: 3 },
  groupTitle: { fontWeight: 'bold', fontSize: 10, marginTop: 6, marginBottom: 3, borderBottomWidth: 0.75, borderBottomColor: '#000' },
  tableTitle: { fontWeight: 'bold', marginTop: 3, marginBottom: 2 },
  table: { borderTopWidth: 0.75, borderLeftWidth: 0.75, borderColor: '#000', marginBottom: 6 },
  tr: { flexDirection: 'row' },
  td: { borderRightWidth: 0.75, borderBottomWidth: 0.75, borderColor: '#000', padding: 2, minHeight: LINE + 4 },
  th: { backgroundColor: '#e6e6e6' },
  footerLeft: { position: 'absolute', left: MARGIN, width: 330, bottom: 34, fontSize: 7.5, color: '#333' },
  footerPage: { position: 'absolute', left: 400, bottom: 34, fontSize: 8 },
  watermark: { position: 'absolute', top: 380, left: -40, width: 700, textAlign: 'center', fontSize: 38, color: '#c8c8c8', fontWeight: 'bold', transform: 'rotate(-38deg)' },
  marker: { borderWidth: 0 },
  bookmarkMarker: { fontSize: 1, height: 0, margin: 0, padding: 0 },
  attachmentCaption: { fontWeight: 'bold', fontSize: 9, borderBottomWidth: 0.75, borderBottomColor: '#000', paddingBottom: 3 },
  body: {},
});

/** A4 in points, portrait. */
const A4 = { width: 595.28, height: 841.89 };
/** Height kept at the top of an inserted document's page for its caption. */
const CAPTION_HEIGHT = 24;

/** Returns the rectangle (PDF coordinates, origin bottom-left) where an inserted document's page is drawn. */
export function attachmentBox(landscape: boolean): { x: number; y: number; width: number; height: number } {
  const width = landscape ? A4.height : A4.width;
  const height = landscape ? A4.width : A4.height;
  return { x: MARGIN, y: FOOTER_HEIGHT, width: width - 2 * MARGIN, height: height - FOOTER_HEIGHT - MARGIN - CAPTION_HEIGHT };
}

/** What the layout needs besides the document. */
export interface LayoutOptions {
  fillable: boolean;
  /** Print the "BROUILLON" watermark on every page. */
  draft: boolean;
  /** Line printed in the footer beside the page number (person and form). */
  footer: string;
  metadata: { title: string; author: string; subject: string };
}

/** An inserted document page's place in the layout: the file, its page, and the physical page it got (1-based). */
export interface AttachmentSlot {
  key: string;
  index: number;
  page?: number;
}

/**
 * Collects what the layout learns while React-PDF paginates: the placeholders of a fillable layout, in creation
 * order (`m0`, `m1`, …), the page each bookmark landed on, and the page of each inserted document page.
 */
export class LayoutCollector {
  readonly fields: FieldSpec[] = [];
  /** Physical page number (1-based) of each outline entry, by its index. */
  readonly bookmarkPages = new Map<number, number>();
  readonly attachmentSlots: AttachmentSlot[] = [];

  /** Returns the placeholder name for `spec`. */
  add(spec: FieldSpec): string {
    this.fields.push(spec);
    return `m${this.fields.length - 1}`;
  }
}

/** Returns the React-PDF element of a resolved document. */
export function pdfDocument(doc: ResolvedDocument, options: LayoutOptions, collector: LayoutCollector): ReactElement<DocumentProps> {
  // Landscape pages are about 1.45 times as wide as portrait ones.
  const ctx: Ctx = { fillable: options.fillable, collector, width: doc.landscape ? 1.45 : 1 };
  return (
    <Document title={options.metadata.title} author={options.metadata.author} subject={options.metadata.subject} language="fr-FR" creator="Paperasse" producer="Paperasse">
      {splitPages(doc.nodes).map(({ nodes, attachment }, p) => (
      <Page key={p} size="A4" orientation={doc.landscape ? 'landscape' : 'portrait'} style={styles.page} wrap>
        {options.draft ? (
          <Text fixed style={doc.landscape ? { ...styles.watermark, top: 260, left: 71 } : styles.watermark}>
            BROUILLON — données incomplètes
          </Text>
        ) : null}
        <Text fixed style={styles.footerLeft}>
          {options.footer}
        </Text>
        {/* No lineHeight on the page: React-PDF then drops render-prop texts (and a lineHeight on a text without its own fontSize is scaled by 18 pt). */}
        {attachment ? attachmentCaption(attachment, collector) : nodes.map((n, i) => node(n, ctx, i))}
        <Text fixed style={styles.footerPage} render={({ pageNumber, totalPages }) => `page ${pageNumber} / ${totalPages}`} />
      </Page>
      ))}
    </Document>
  );
}

/**
 * Returns the document cut at its forced page breaks, one React-PDF `Page` each. React-PDF's pagination cost
 * grows much faster than the content of a single `Page` (a 60-page dossier in one `Page` did not finish in 15
 * minutes); cut at every part and fiche, it lays out each part on its own. "page x / n" still counts the whole
 * document.
 */
function splitPages(nodes: readonly DocNode[]): PagePlan[] {
  const pages: PagePlan[] = [{ nodes: [] }];
  const current = () => pages[pages.length - 1]?.nodes ?? [];
  const visit = (n: DocNode) => {
    if (n.t === 'attachment') {
      // Every page of an inserted document is a page of its own; what follows starts on a new page.
      for (let index = 0; index < n.pages; index++) pages.push({ nodes: [], attachment: { node: n, index } });
      pages.push({ nodes: [] });
      return;
    }
    const breaks = n.t === 'pageBreak' || ((n.t === 'group' || n.t === 'section') && n.newPage);
    // A page holding only bookmark markers is not left behind empty: the break happens before them instead.
    if (breaks && current().some((x) => !isMarkerOnly(x))) pages.push({ nodes: [] });
    if (n.t === 'pageBreak') return;
    if (n.t === 'group' && n.children.some(hasBreak)) {
      // The group's title (and bookmark) stays on the page it starts; its children go on, cut at their own breaks.
      // A group whose first part starts a new page starts it itself, so that its bookmark lands with that part.
      if (n.bookmark !== null && !breaks && startsWithBreak(n) && current().some((x) => !isMarkerOnly(x))) pages.push({ nodes: [] });
      if (n.title || n.bookmark !== null) current().push({ ...n, newPage: false, children: [] });
      n.children.forEach(visit);
      return;
    }
    current().push(breaks ? { ...n, newPage: false } : n);
  };
  nodes.forEach(visit);
  return pages.filter((p) => p.attachment || p.nodes.length > 0);
}

/** One React-PDF `Page`: blocks, or one page of an inserted document. */
interface PagePlan {
  nodes: DocNode[];
  attachment?: { node: Extract<DocNode, { t: 'attachment' }>; index: number };
}

/** Returns true for the stub a cut group leaves behind to carry its bookmark, which prints nothing. */
function isMarkerOnly(n: DocNode): boolean {
  return n.t === 'group' && !n.title && n.children.length === 0;
}

function startsWithBreak(n: DocNode): boolean {
  if (n.t === 'pageBreak' || n.t === 'attachment') return true;
  if (n.t === 'section') return n.newPage;
  if (n.t !== 'group') return false;
  const first = n.children[0];
  return n.newPage || (!n.title && first !== undefined && startsWithBreak(first));
}

function hasBreak(n: DocNode): boolean {
  if (n.t === 'pageBreak' || n.t === 'attachment') return true;
  if (n.t === 'group') return n.newPage || n.children.some(hasBreak);
  return n.t === 'section' && n.newPage;
}

/**
 * Returns the caption of an inserted document's page; the finishing step draws the page itself below it. The
 * caption records the physical page it lands on (React-PDF calls render props once the pages are numbered).
 */
function attachmentCaption(a: NonNullable<PagePlan['attachment']>, collector: LayoutCollector): ReactNode {
  const slot: AttachmentSlot = { key: a.node.key, index: a.index };
  collector.attachmentSlots.push(slot);
  const pages = a.node.pages > 1 ? ` — page ${a.index + 1} / ${a.node.pages}` : '';
  return (
    <View>
      {a.index === 0 ? bookmarkMarker(a.node.bookmark, collector) : null}
      <Text
        style={styles.attachmentCaption}
        render={({ pageNumber }) => {
          slot.page = pageNumber;
          return `${a.node.caption}${pages}`;
        }}
      />
    </View>
  );
}

/** Returns an invisible text that records the page a bookmark lands on. */
function bookmarkMarker(bookmark: number, collector: LayoutCollector): ReactNode {
  return (
    <Text
      style={styles.bookmarkMarker}
      minPresenceAhead={40}
      render={({ pageNumber }) => {
        collector.bookmarkPages.set(bookmark, pageNumber);
        return '';
      }}
    />
  );
}

interface Ctx {
  fillable: boolean;
  collector: LayoutCollector;
  /** Share of the content width the current block gets (for the height of fillable text boxes). */
  width: number;
}

function node(n: DocNode, ctx: Ctx, key: number): ReactNode {
  switch (n.t) {
    case 'title':
      return (
        <View key={key} style={styles.title} wrap={false}>
          <Text style={styles.titleText}>{n.annexe}</Text>
          <Text style={styles.titleText}>{n.title}</Text>
          {ctx.fillable && n.sessionField ? (
            <View style={{ flexDirection: 'row', alignItems: 'flex-end' }}>
              <Text style={styles.titleText}>Session </Text>
              <TextInput name={ctx.collector.add(n.sessionField)} style={{ ...styles.marker, width: 40, height: 14 }} />
            </View>
          ) : (
            <Text style={styles.titleText}>{n.session ? `Session ${n.session}` : ''}</Text>
          )}
        </View>
      );
    case 'heading':
      return (
        <Text key={key} style={n.level === 1 ? styles.heading1 : styles.heading2} minPresenceAhead={40}>
          {n.text}
        </Text>
      );
    case 'text':
      return (
        <Text key={key} style={styles[n.style]}>
          {n.text}
        </Text>
      );
    case 'value':
      return value(n, ctx, key);
    case 'choice':
      return (
        <View key={key} style={{ marginBottom: 3 }} wrap={false}>
          {n.label ? <Text style={styles.choiceLabel}>{n.label}</Text> : null}
          <View style={n.direction === 'row' ? { flexDirection: 'row', flexWrap: 'wrap' } : {}}>
            {n.options.map((o, i) => (
              <View key={i} style={styles.option}>
                {box(o.checked, o.field, ctx)}
                <Text style={styles.body}>{o.label}</Text>
              </View>
            ))}
          </View>
        </View>
      );
    case 'box':
      return (
        <View key={key} style={n.label ? styles.option : { alignItems: 'center' }} wrap={false}>
          {box(n.checked, n.field, ctx)}
          {n.label ? <Text style={styles.body}>{n.label}</Text> : null}
        </View>
      );
    case 'row': {
      const total = n.widths.reduce((a, b) => a + b, 0);
      return (
        // Side-by-side blocks move to the next page together, unless they hold long texts that must flow.
        <View key={key} style={{ flexDirection: 'row' }} wrap={textLength(n.children) > 1200}>
          {n.children.map((c, i) => (
            <View key={i} style={{ width: `${(100 * (n.widths[i] ?? 1)) / total}%`, paddingRight: i < n.children.length - 1 ? 8 : 0 }}>
              {node(c, { ...ctx, width: (ctx.width * (n.widths[i] ?? 1)) / total }, 0)}
            </View>
          ))}
        </View>
      );
    }
    case 'section':
      return (
        <View key={key} style={styles.section} break={n.newPage}>
          {n.title ? (
            <Text style={styles.sectionTitle} minPresenceAhead={40}>
              {n.title}
            </Text>
          ) : null}
          {n.children.map((c, i) => node(c, ctx, i))}
        </View>
      );
    case 'table':
      return table(n, ctx, key);
    case 'group':
      return (
        <View key={key} break={n.newPage}>
          {n.bookmark === null ? null : bookmarkMarker(n.bookmark, ctx.collector)}
          {n.title ? (
            <Text style={styles.groupTitle} minPresenceAhead={60}>
              {n.title}
            </Text>
          ) : null}
          {n.children.map((c, i) => node(c, ctx, i))}
        </View>
      );
    case 'attachment':
      // Placed on pages of their own by splitPages.
      return null;
    case 'pageBreak':
      return <View key={key} break />;
  }
}

function value(n: Extract<DocNode, { t: 'value' }>, ctx: Ctx, key: number): ReactNode {
  const shown = n.text + (n.text && n.unit ? ` ${n.unit}` : '');
  if (n.lines <= 1 && !n.field.multiline) {
    return (
      <View key={key} style={styles.inline} wrap={false}>
        {n.label ? <Text style={styles.label}>{n.label} : </Text> : null}
        {ctx.fillable ? (
          <View style={{ flexGrow: 1, flexDirection: 'row', alignItems: 'flex-end' }}>
            {/* The same dotted line as on paper, so the field can be seen before it is clicked. */}
            <TextInput name={ctx.collector.add(n.field)} style={{ ...styles.marker, flexGrow: 1, height: LINE + 2, borderBottomWidth: 0.5, borderBottomColor: '#666', borderBottomStyle: 'dotted' }} />
            {n.unit ? <Text style={styles.body}> {n.unit}</Text> : null}
          </View>
        ) : (
          <>
            <Text style={{ ...styles.inlineValue, fontSize: fittingSize(n.text, ctx.width) }}>{n.text}</Text>
            {n.unit ? <Text style={styles.body}> {n.unit}</Text> : null}
          </>
        )}
      </View>
    );
  }
  const minHeight = n.lines * LINE + 6;
  if (ctx.fillable) {
    const estimate = estimateLines(n.text, ctx.width) * LINE + 8;
    const height = Math.min(Math.max(minHeight, estimate), 560);
    return (
      <View key={key} wrap={false}>
        {n.label ? <Text style={styles.blockLabel}>{n.label}</Text> : null}
        <View style={{ ...styles.box, padding: 0 }}>
          <TextInput name={ctx.collector.add({ ...n.field, lines: Math.round(height / LINE) })} style={{ ...styles.marker, height }} />
        </View>
      </View>
    );
  }
  return (
    <View key={key}>
      {n.label ? (
        <Text style={styles.blockLabel} minPresenceAhead={30}>
          {n.label}
        </Text>
      ) : null}
      <View style={{ ...styles.box, minHeight }}>
        <Text style={{ ...styles.body, fontSize: fittingSize(shown, ctx.width) }}>{shown}</Text>
      </View>
    </View>
  );
}

/**
 * Returns the font size at which the longest unbreakable word of `text` (a file name, an e-mail address) fits
 * the block's width: words are never hyphenated (a hyphen would change the value), so a word wider than its
 * cell would otherwise be cut.
 */
function fittingSize(text: string, width: number): number {
  const longest = text.split(/\s+/).reduce((m, w) => Math.max(m, w.length), 0);
  const available = width * 527 - 8;
  const needed = longest * 4.4;
  return needed <= available ? 9 : Math.max(5, Math.floor((9 * available * 10) / needed) / 10);
}

/** Returns an estimate of the lines a text takes across the page width (for the height of a fillable box). */
function estimateLines(text: string, width: number): number {
  const perLine = Math.max(8, Math.floor(105 * width));
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

function box(checked: boolean, field: FieldSpec, ctx: Ctx): ReactNode {
  if (ctx.fillable) return <TextInput name={ctx.collector.add(field)} style={{ ...styles.marker, width: 9, height: 9, marginRight: 3 }} />;
  return <Text style={styles.glyph}>{checked ? CHECKED : UNCHECKED}</Text>;
}

function table(n: Extract<DocNode, { t: 'table' }>, ctx: Ctx, key: number): ReactNode {
  const total = n.widths.reduce((a, b) => a + b, 0);
  const line = (cells: DocCell[], i: number, head: boolean) => {
    let col = 0;
    const long = cells.some((c) => textLength(c.children) > 1200);
    return (
      // `fixed={false}` is not the same as no `fixed` for React-PDF's page breaking: pass it only on header rows.
      <View key={i} style={styles.tr} wrap={long} fixed={head || undefined} minPresenceAhead={head ? 30 : undefined}>
        {cells.map((c, j) => {
          const width = n.widths.slice(col, col + c.span).reduce((a, b) => a + b, 0);
          col += c.span;
          const style: Style = { ...styles.td, width: `${(100 * width) / total}%`, ...(c.header || head ? styles.th : {}) };
          return (
            <View key={j} style={style}>
              {c.children.map((x, k) => node(x, { ...ctx, width: (ctx.width * width) / total }, k))}
            </View>
          );
        })}
      </View>
    );
  };
  return (
    <View key={key} style={{ marginBottom: 2 }}>
      {n.title ? (
        <Text style={styles.tableTitle} minPresenceAhead={40}>
          {n.title}
        </Text>
      ) : null}
      <View style={styles.table}>
        {n.head.map((r, i) => line(r, i, true))}
        {n.rows.map((r, i) => line(r, i + n.head.length, false))}
      </View>
    </View>
  );
}

function textLength(nodes: DocNode[]): number {
  let sum = 0;
  for (const n of nodes) {
    if (n.t === 'value' || n.t === 'text') sum += n.text.length;
    else if ('children' in n) sum += textLength(n.children);
  }
  return sum;
}
