/**
 * PDF names by their text, each made once: `PDFName.of` decodes its text (a regular expression for `#xx` escapes)
 * on every call, and the walkers of a returned form ask for the same few keys on every field and widget.
 */
import { PDFName } from 'pdf-lib';

const made = new Map<string, PDFName>();

/** Returns the PDF name of `text` (the same object `PDFName.of` gives), made on first use. */
export function pdfName(text: string): PDFName {
  let name = made.get(text);
  if (name === undefined) made.set(text, (name = PDFName.of(text)));
  return name;
}
