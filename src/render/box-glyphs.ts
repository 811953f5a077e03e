/**
 * Boxes that stay readable once a form is flattened. pdf-lib draws a ticked box or radio as lines and curves, so a
 * fillable PDF flattened by a reader (or « printed to PDF ») loses which boxes were ticked from its text. Each box's
 * « on » appearance also carries an invisible ☒ and its « off » appearance an invisible ☐ (text rendering mode 3:
 * nothing is painted), the glyphs the print PDFs show, so the text layer of a flattened form says which box is
 * ticked, as a print PDF's does, and `paperasse extract` reads it back.
 */
import {
  beginText,
  defaultCheckBoxAppearanceProvider,
  defaultRadioGroupAppearanceProvider,
  endText,
  moveText,
  PDFDict,
  PDFName,
  PDFRef,
  PDFStream,
  popGraphicsState,
  pushGraphicsState,
  setFontAndSize,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
  type AppearanceMapping,
  type PDFCheckBox,
  type PDFFont,
  type PDFOperator,
  type PDFRadioGroup,
  type PDFWidgetAnnotation,
} from 'pdf-lib';

import { EMPTY_GLYPH, TICKED_GLYPH } from './format.ts';

/** The resource name of the font inside a box's appearance streams. */
const FONT = 'PaperasseCase';

type OnOff = { on: PDFOperator[]; off: PDFOperator[] };

/** Adds the invisible glyphs to the appearances of every box and radio button (call after the fields' values are set). */
export function addBoxGlyphs(checks: readonly PDFCheckBox[], radios: readonly PDFRadioGroup[], font: PDFFont): void {
  for (const box of checks) {
    box.updateAppearances((field, widget) => withGlyphs(defaultCheckBoxAppearanceProvider(field, widget), widget, font));
    for (const widget of box.acroField.getWidgets()) addFontResource(widget, font);
  }
  for (const group of radios) {
    group.updateAppearances((field, widget) => withGlyphs(defaultRadioGroupAppearanceProvider(field, widget), widget, font));
    for (const widget of group.acroField.getWidgets()) addFontResource(widget, font);
  }
}

/** Returns the appearances with the invisible ☒ added to each « on » state and ☐ to each « off » state. */
function withGlyphs(appearances: AppearanceMapping<OnOff> | OnOff, widget: PDFWidgetAnnotation, font: PDFFont): AppearanceMapping<OnOff> {
  const mapping: AppearanceMapping<OnOff> = 'normal' in appearances ? appearances : { normal: appearances };
  const { height } = widget.getRectangle();
  const size = Math.max(1, height * 0.8);
  const glyph = (text: string): PDFOperator[] => [
    pushGraphicsState(),
    beginText(),
    setFontAndSize(FONT, size),
    setTextRenderingMode(TextRenderingMode.Invisible),
    moveText(0, Math.max(0, (height - size) / 2)),
    showText(font.encodeText(text)),
    endText(),
    popGraphicsState(),
  ];
  const add = (state: OnOff): OnOff => ({ on: [...state.on, ...glyph(TICKED_GLYPH)], off: [...state.off, ...glyph(EMPTY_GLYPH)] });
  return {
    normal: add(mapping.normal),
    ...(mapping.rollover !== undefined && { rollover: add(mapping.rollover) }),
    ...(mapping.down !== undefined && { down: add(mapping.down) }),
  };
}

/** Gives every appearance stream of a widget the font its glyphs are shown in (pdf-lib gives boxes no font). */
function addFontResource(widget: PDFWidgetAnnotation, font: PDFFont): void {
  const context = widget.dict.context;
  const appearances = widget.dict.lookupMaybe(PDFName.of('AP'), PDFDict);
  if (appearances === undefined) return;
  for (const kind of appearances.values()) {
    const states = kind instanceof PDFRef ? context.lookup(kind) : kind;
    if (!(states instanceof PDFDict)) continue;
    for (const ref of states.values()) {
      const stream = ref instanceof PDFRef ? context.lookup(ref) : ref;
      if (stream instanceof PDFStream) stream.dict.set(PDFName.of('Resources'), context.obj({ Font: { [FONT]: font.ref } }));
    }
  }
}
