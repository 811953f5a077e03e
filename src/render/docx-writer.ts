/**
 * A resolved document written as a Word file with the docx package: named paragraph and character styles
 * (no direct formatting), real tables for grids, ☐ / ☒ characters for boxes, a footer with the person, the
 * form and "page x / n".
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
  type ICharacterStyleOptions,
} from 'docx';
import type { DocCell, DocNode, ResolvedDocument } from './model.ts';
import { EMPTY_GLYPH, TICKED_GLYPH } from './format.ts';
import type { Mark } from '../layout/layout.ts';

/** What the Word writer needs besides the document. */
export interface DocxOptions {
  draft: boolean;
  metadata: { title: string; author: string; subject: string; keywords: string; date: Date };
}

const FONT = 'Arial';
const BOX_FONT = 'Segoe UI Symbol';
const CHECKED = TICKED_GLYPH;
const UNCHECKED = EMPTY_GLYPH;
/** A blank one-line value: dots as long as a third of its width (one « … » is about 180 twips), 2 to 20 of them. */
function dots(width: number): string {
  return '…'.repeat(Math.max(2, Math.min(20, Math.floor(width / 540))));
}

type Child = Paragraph | Table;

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  { id: 'TitreAnnexe', name: 'Titre annexe', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 24 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 160 }, border: { top: line(8), bottom: line(8), left: line(8), right: line(8) } } },
  { id: 'TitreSection', name: 'Titre de section', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 19 }, paragraph: { keepNext: true, spacing: { before: 160, after: 60 }, shading: { type: ShadingType.CLEAR, fill: 'E6E6E6', color: 'auto' }, border: { top: line(4), bottom: line(4), left: line(4), right: line(4) } } },
  { id: 'SousTitre', name: 'Sous-titre', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { keepNext: true, spacing: { before: 100, after: 40 } } },
  { id: 'TitrePartie', name: 'Titre de partie', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 21 }, paragraph: { keepNext: true, spacing: { before: 200, after: 80 }, border: { bottom: line(6) } } },
  { id: 'Texte', name: 'Texte du formulaire', basedOn: 'Normal', run: {}, paragraph: { spacing: { after: 40 } } },
  { id: 'Consigne', name: 'Consigne', basedOn: 'Normal', run: { italics: true, size: 16 }, paragraph: { spacing: { after: 40 } } },
  { id: 'Petit', name: 'Petit texte', basedOn: 'Normal', run: { size: 15 }, paragraph: { spacing: { after: 20 } } },
  { id: 'TexteGras', name: 'Texte en gras', basedOn: 'Normal', run: { bold: true }, paragraph: { spacing: { after: 40 } } },
  { id: 'TexteCentre', name: 'Texte centré', basedOn: 'Normal', run: {}, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 40 } } },
  { id: 'Champ', name: 'Champ', basedOn: 'Normal', run: {}, paragraph: { spacing: { after: 60 } } },
  { id: 'LibelleBloc', name: 'Libellé de bloc', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { keepNext: true, spacing: { before: 80, after: 20 } } },
  { id: 'Case', name: 'Case à cocher', basedOn: 'Normal', run: {}, paragraph: { spacing: { after: 20 }, indent: { left: 120 } } },
  { id: 'Cellule', name: 'Cellule', basedOn: 'Normal', run: { size: 17 }, paragraph: { spacing: { after: 0 } } },
  { id: 'CelluleGras', name: 'Cellule en gras', basedOn: 'Cellule', run: { bold: true, size: 17 }, paragraph: { spacing: { after: 0 } } },
  { id: 'CelluleCentre', name: 'Cellule centrée', basedOn: 'Cellule', run: { size: 17 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } } },
  { id: 'CelluleConsigne', name: 'Consigne de cellule', basedOn: 'Cellule', run: { italics: true, size: 16 }, paragraph: { spacing: { after: 0 } } },
  { id: 'PiedDePage', name: 'Pied de page Paperasse', basedOn: 'Normal', run: { size: 14, color: '444444' } },
  { id: 'Brouillon', name: 'Brouillon', basedOn: 'Normal', run: { bold: true, size: 28, color: 'B0B0B0' }, paragraph: { alignment: AlignmentType.CENTER } },
];

const CHARACTER_STYLES: ICharacterStyleOptions[] = [
  { id: 'Libelle', name: 'Libellé', basedOn: 'DefaultParagraphFont', run: { bold: true } },
  { id: 'Valeur', name: 'Valeur saisie', basedOn: 'DefaultParagraphFont', run: { color: '1F3864' } },
  { id: 'CaseCar', name: 'Case', basedOn: 'DefaultParagraphFont', run: { font: BOX_FONT, size: 20 } },
];

const TEXT_STYLE: Record<string, string> = { normal: 'Texte', note: 'Consigne', strong: 'TexteGras', center: 'TexteCentre', small: 'Petit', point: 'TexteCentre' };

/** Returns the .docx bytes of a resolved document. */
export async function docxDocument(doc: ResolvedDocument, options: DocxOptions): Promise<Uint8Array> {
  const footerText = [doc.person, doc.fullTitle].filter(Boolean).join(' — ');
  const document = new Document({
    creator: options.metadata.author,
    title: options.metadata.title,
    subject: options.metadata.subject,
    keywords: options.metadata.keywords,
    description: 'Document produit par Paperasse',
    lastModifiedBy: 'Paperasse',
    styles: {
      default: { document: { run: { font: FONT, size: 18, language: { value: 'fr-FR' } } } },
      paragraphStyles: PARAGRAPH_STYLES,
      characterStyles: CHARACTER_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for landscape: always give the portrait A4 size.
            size: doc.landscape ? { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 } : { width: 11906, height: 16838 },
            margin: { top: 680, bottom: 900, left: 680, right: 680 },
          },
        },
        headers: options.draft ? { default: new Header({ children: [new Paragraph({ style: 'Brouillon', children: [new TextRun('BROUILLON — données incomplètes')] })] }) } : {},
        footers: {
          default: new Footer({
            children: [new Paragraph({ style: 'PiedDePage', children: [new TextRun({ children: [footerText ? `${footerText} — page ` : 'page ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children: nodes(doc.nodes, { inCell: false, width: doc.landscape ? 16838 - 1360 : 11906 - 1360 }),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** Where a node is written: inside a table cell or not, and the page's text width in twips. */
interface Place {
  inCell: boolean;
  width: number;
}

function nodes(list: readonly DocNode[], place: Place): Child[] {
  return list.flatMap((n) => node(n, place));
}

function node(n: DocNode, place: Place): Child[] {
  switch (n.t) {
    case 'title':
      return [new Paragraph({ style: 'TitreAnnexe', children: [new TextRun([n.annexe, n.title, n.session ? `Session ${n.session}` : ''].filter(Boolean).join('   '))] })];
    case 'heading':
      return [new Paragraph({ style: n.level === 1 ? 'TitreSection' : 'SousTitre', children: [new TextRun(n.text)] })];
    case 'text':
      return [new Paragraph({ style: TEXT_STYLE[n.style] ?? 'Texte', children: lines(n.text) })];
    case 'value': {
      const shown = n.text ? n.text + (n.unit ? ` ${n.unit}` : '') : '';
      if (n.lines <= 1 && !n.field.multiline) {
        const label = n.label ? [new TextRun({ text: `${n.label} : `, style: 'Libelle' })] : [];
        const placeholder = (place.inCell ? '……' : dots(place.width)) + (n.unit ? ` ${n.unit}` : '');
        return [new Paragraph({ style: 'Champ', children: [...label, new TextRun({ text: shown || placeholder, style: 'Valeur' })] })];
      }
      const out: Child[] = [];
      if (n.label) out.push(new Paragraph({ style: 'LibelleBloc', children: [new TextRun(n.label)] }));
      const paragraphs = (shown || '').split('\n').map((l) => new Paragraph({ style: 'Champ', children: [new TextRun({ text: l, style: 'Valeur' })] }));
      while (!shown && paragraphs.length < n.lines) paragraphs.push(new Paragraph({ style: 'Champ', children: [] }));
      // In a table cell, the cell's borders frame the text: no second frame inside it.
      out.push(...(place.inCell ? paragraphs : [framed(paragraphs)]));
      return out;
    }
    case 'choice': {
      if (n.mark === 'text') {
        const chosen = n.options.filter((o) => o.checked).map((o) => o.label).join(', ');
        // A choice printed as a value: its label (when it has one), then the chosen option, or dots on a blank form.
        const label = n.label ? [new TextRun({ text: `${n.label} : `, bold: true })] : [];
        return [new Paragraph({ style: 'Case', children: [...label, new TextRun({ text: chosen || (place.inCell ? '……' : dots(place.width)), style: 'Valeur' })] })];
      }
      const out: Child[] = [];
      if (n.label) out.push(new Paragraph({ style: 'LibelleBloc', children: [new TextRun(n.label)] }));
      if (n.direction === 'row') {
        out.push(new Paragraph({ style: 'Case', children: n.options.flatMap((o, i) => [...(i > 0 ? [new TextRun('     ')] : []), ...optionRuns(o.checked, o.label, n.mark)]) }));
      } else {
        for (const o of n.options) out.push(new Paragraph({ style: 'Case', children: optionRuns(o.checked, o.label, n.mark) }));
      }
      return out;
    }
    case 'box':
      if (n.mark === 'signature') {
        // A place to sign: the label over an empty framed area.
        const area = [new Paragraph({ children: [] }), new Paragraph({ children: [] })];
        // In a table cell (a SIGNATURE column), the cell's borders frame the place.
        return [...(n.label ? [new Paragraph({ style: 'LibelleBloc', children: [new TextRun(n.label)] })] : []), ...(place.inCell ? area : [framed(area)])];
      }
      return [new Paragraph({ style: n.label ? 'Case' : 'Cellule', alignment: n.label ? undefined : AlignmentType.CENTER, children: boxRuns(n.checked, n.label) })];
    case 'row': {
      const total = n.widths.reduce((a, b) => a + b, 0);
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          columnWidths: n.widths.map((w) => Math.round((place.width * w) / total)),
          borders: noBorders(),
          rows: [
            new TableRow({
              children: n.children.map((c, i) => {
                const share = (n.widths[i] ?? 1) / total;
                // Each block gets its share of the width: a blank value's dots fit its column.
                return new TableCell({ width: { size: 100 * share, type: WidthType.PERCENTAGE }, children: ensure(node(c, { ...place, width: place.width * share })) });
              }),
            }),
          ],
        }),
        spacer(),
      ];
    }
    case 'section': {
      const inner = [...(n.title ? [new Paragraph({ style: 'SousTitre', children: [new TextRun(n.title)] })] : []), ...nodes(n.children, place)];
      return [...(n.newPage ? [pageBreak()] : []), framed(inner), spacer()];
    }
    case 'table':
      return table(n, place);
    case 'group':
      return [...(n.newPage ? [pageBreak()] : []), ...(n.title ? [new Paragraph({ style: 'TitrePartie', children: [new TextRun(n.title)] })] : []), ...nodes(n.children, place)];
    case 'attachment':
      // Word output does not embed the scanned documents: it names them where the PDF inserts their pages.
      return [new Paragraph({ style: 'TitrePartie', children: [new TextRun(`${n.caption} (document joint, ${n.pages} page${n.pages > 1 ? 's' : ''})`)] })];
    case 'pageBreak':
      return [pageBreak()];
  }
}

function table(n: Extract<DocNode, { t: 'table' }>, place: Place): Child[] {
  const total = n.widths.reduce((a, b) => a + b, 0);
  const row = (cells: DocCell[], head: boolean) => {
    let col = 0;
    return new TableRow({
      tableHeader: head,
      // A short row stays on one page; a long one (a phase described at length) may split, else Word and
      // LibreOffice lose what does not fit on the page.
      cantSplit: !head && cells.reduce((sum, c) => sum + textLength(c.children), 0) < 400,
      children: cells.map((c) => {
        const width = n.widths.slice(col, col + c.span).reduce((a, b) => a + b, 0);
        col += c.span;
        return new TableCell({
          width: { size: (100 * width) / total, type: WidthType.PERCENTAGE },
          columnSpan: c.span > 1 ? c.span : undefined,
          shading: c.header || head ? { type: ShadingType.CLEAR, fill: 'E6E6E6', color: 'auto' } : undefined,
          children: ensure(cellNodes(c.children, place)),
        });
      }),
    });
  };
  const rows = [...n.head.map((r) => row(r, true)), ...n.rows.map((r) => row(r, false))];
  const out: Child[] = [];
  if (n.title) out.push(new Paragraph({ style: 'LibelleBloc', children: [new TextRun(n.title)] }));
  if (rows.length > 0) out.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: n.widths.map((w) => Math.round((place.width * w) / total)), rows }));
  out.push(spacer());
  return out;
}

/** Returns the number of characters of text and values in nodes. */
function textLength(list: readonly DocNode[]): number {
  let sum = 0;
  for (const n of list) {
    if (n.t === 'text' || n.t === 'value') sum += n.text.length;
    else if (n.t === 'table') for (const r of [...n.head, ...n.rows]) for (const c of r) sum += textLength(c.children);
    else if ('children' in n) sum += textLength(n.children);
  }
  return sum;
}

/** The cell styles of static texts: the smaller size of the cells, in the text's weight and alignment. */
const CELL_STYLE: Record<string, string> = { normal: 'Cellule', note: 'CelluleConsigne', strong: 'CelluleGras', center: 'CelluleCentre', small: 'Cellule', point: 'CelluleCentre' };

/** Table cells use the smaller cell styles for their texts (a graph's point centred in its cell). */
function cellNodes(list: readonly DocNode[], place: Place): Child[] {
  return list.flatMap((c) => (c.t === 'text' ? [new Paragraph({ style: CELL_STYLE[c.style] ?? 'Cellule', children: lines(c.text) })] : node(c, { ...place, inCell: true })));
}

/** Returns the runs of one option: its box and label, or (`circle`) its word, the chosen one framed by a border. */
function optionRuns(checked: boolean, label: string, mark: Mark | undefined): TextRun[] {
  if (mark !== 'circle') return boxRuns(checked, label);
  return [new TextRun(checked ? { text: ` ${label} `, border: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 } } : { text: ` ${label} ` })];
}

function boxRuns(checked: boolean, label: string): TextRun[] {
  const runs = [new TextRun({ text: checked ? CHECKED : UNCHECKED, style: 'CaseCar' })];
  if (label) runs.push(new TextRun(` ${label}`));
  return runs;
}

function lines(text: string): TextRun[] {
  return text.split('\n').map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : undefined }));
}

function framed(children: Child[]): Table {
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: [new TableCell({ children: ensure(children) })] })] });
}

function ensure(children: Child[]): Child[] {
  // A Word table cell must end with a paragraph.
  const last = children[children.length - 1];
  return last instanceof Paragraph ? children : [...children, new Paragraph({ style: 'Cellule', children: [] })];
}

function spacer(): Paragraph {
  return new Paragraph({ style: 'Petit', children: [] });
}

function pageBreak(): Paragraph {
  return new Paragraph({ style: 'Texte', pageBreakBefore: true, children: [] });
}

function line(size: number) {
  return { style: BorderStyle.SINGLE, size, color: '000000', space: 2 };
}

function noBorders() {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
}
