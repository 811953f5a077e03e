/**
 * Independent fillers of Paperasse's fillable PDFs, for the extraction tests: pdftk (`fill_form` with an XFDF
 * written here, values typed the way a person types them), pdf.js (`annotationStorage` + `saveDocument`), PDFBox
 * (a small Java program run from source by `java`, with Debian's `libpdfbox2-java`) and MuPDF (`mutool run` with a
 * script written here). PDFBox and MuPDF draw the appearances of the fields they fill with the font the field's /DA
 * names (PDFBox draws every field's again).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldSpec } from '../../src/render/model.ts';

/** A value to type into a field: a text, a box ticked or not, or the option of a radio group. */
export type Typed = { name: string; text: string } | { name: string; ticked: boolean } | { name: string; option: string };

/** Returns what a person types into each field of a rendered document to reproduce its values (one entry per field name). */
export function typedValues(fields: readonly FieldSpec[]): Typed[] {
  const byName = new Map<string, Typed>();
  for (const field of fields) {
    if (field.kind === 'text') byName.set(field.name, { name: field.name, text: field.value });
    else if (field.kind === 'check') byName.set(field.name, { name: field.name, ticked: field.checked });
    else if (field.checked) byName.set(field.name, { name: field.name, option: field.export ?? '' });
  }
  return [...byName.values()];
}

/** Returns an XFDF document setting the fields (boxes `Yes` / `Off`, radio groups their option's export value). */
export function xfdf(values: readonly Typed[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const fields = values.map((v) => {
    const value = 'text' in v ? v.text : 'ticked' in v ? (v.ticked ? 'Yes' : 'Off') : v.option;
    return `<field name="${escape(v.name)}"><value>${escape(value)}</value></field>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve"><fields>\n${fields.join('\n')}\n</fields></xfdf>\n`;
}

/** Returns the bytes of `pdf` filled by `pdftk fill_form` with the values (files written in `dir`). */
export function pdftkFill(dir: string, stem: string, pdf: Uint8Array, values: readonly Typed[]): Uint8Array {
  const input = join(dir, `${stem}-avant.pdf`);
  const data = join(dir, `${stem}.xfdf`);
  const output = join(dir, `${stem}-pdftk.pdf`);
  writeFileSync(input, pdf);
  writeFileSync(data, xfdf(values));
  execFileSync('pdftk', [input, 'fill_form', data, 'output', output], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Uint8Array(readFileSync(output));
}

/**
 * A change typed with pdf.js: a text field's new text, a box ticked or not, or a radio group's new option with
 * the option of each of the group's widgets in document order (what the person sees beside each box).
 */
export type PdfJsChange = { name: string; text: string } | { name: string; ticked: boolean } | { name: string; option: string; exports: readonly string[] };

/** The part of a pdf.js annotation this module reads. */
interface Annotation {
  id: string;
  fieldName?: string;
}

/** Returns the bytes of `pdf` with the changes typed through pdf.js's annotation storage and saved by pdf.js (incrementally). */
export async function pdfjsFill(pdf: Uint8Array, changes: readonly PdfJsChange[]): Promise<Uint8Array> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const annotations: Annotation[] = [];
  for (let p = 1; p <= doc.numPages; p++) annotations.push(...((await (await doc.getPage(p)).getAnnotations()) as Annotation[]));
  for (const change of changes) {
    const widgets = annotations.filter((a) => a.fieldName === change.name);
    if (widgets.length === 0) throw new Error(`pdf.js does not see the field ${change.name}`);
    widgets.forEach((widget, i) => doc.annotationStorage.setValue(widget.id, { value: valueFor(change, i) }));
  }
  const saved = await doc.saveDocument();
  await doc.destroy();
  return saved;
}

/** Returns the storage value pdf.js expects for the i-th widget of a changed field. */
function valueFor(change: PdfJsChange, i: number): string | boolean {
  if ('text' in change) return change.text;
  if ('ticked' in change) return change.ticked;
  return change.exports[i] === change.option;
}

/** Where Debian's packages put the PDFBox 2 jars and their one dependency. */
const JAVA_LIBS = ['/usr/share/java/pdfbox2.jar', '/usr/share/java/fontbox2.jar', '/usr/share/java/commons-logging.jar'];

/**
 * The PDFBox filler, run from source by `java` (JDK 11+): sets each field of a tab-separated list (`text`, `box` or
 * `radio`, the field's full name, the value; `\n`, `\t` and `\\` escaped), has PDFBox draw every field's appearance
 * again (`refreshAppearances`, which fails when a field's font cannot be found or cannot encode its value), and saves.
 */
const PDFBOX_FILLER = `
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.*;

public class PdfBoxFill {
  static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\\\' || i + 1 == s.length()) { out.append(c); continue; }
      char n = s.charAt(++i);
      out.append(n == 'n' ? '\\n' : n == 't' ? '\\t' : n);
    }
    return out.toString();
  }
  public static void main(String[] args) throws Exception {
    try (PDDocument doc = PDDocument.load(new File(args[0]))) {
      PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
      for (String line : Files.readAllLines(new File(args[1]).toPath(), StandardCharsets.UTF_8)) {
        if (line.isEmpty()) continue;
        String[] cols = line.split("\\t", 3);
        PDField field = form.getField(cols[1]);
        if (field == null) throw new IllegalArgumentException("no field " + cols[1]);
        String value = unescape(cols[2]);
        if (cols[0].equals("box")) {
          if (value.equals("Yes")) ((PDCheckBox) field).check(); else ((PDCheckBox) field).unCheck();
        } else {
          field.setValue(value);
        }
      }
      form.refreshAppearances();
      doc.save(new File(args[2]));
    }
  }
}
`;

/** Returns whether PDFBox can be run here (a JDK and Debian's libpdfbox2-java). */
export function hasPdfBox(): boolean {
  return JAVA_LIBS.every((jar) => existsSync(jar)) && commandWorks('java', ['--version']);
}

/** Returns whether MuPDF's `mutool` can be run here. */
export function hasMupdf(): boolean {
  return commandWorks('mutool', ['-v']);
}

/** Returns whether a command runs and exits with 0. */
function commandWorks(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Returns the bytes of `pdf` filled by PDFBox with the values, every appearance drawn again by PDFBox (files written in `dir`). */
export function pdfboxFill(dir: string, stem: string, pdf: Uint8Array, values: readonly Typed[]): Uint8Array {
  const source = join(dir, 'PdfBoxFill.java');
  const input = join(dir, `${stem}-avant.pdf`);
  const list = join(dir, `${stem}.tsv`);
  const output = join(dir, `${stem}-pdfbox.pdf`);
  writeFileSync(source, PDFBOX_FILLER);
  writeFileSync(input, pdf);
  const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  const lines = values.map((v) => ('text' in v ? `text\t${v.name}\t${escape(v.text)}` : 'ticked' in v ? `box\t${v.name}\t${v.ticked ? 'Yes' : 'Off'}` : `radio\t${v.name}\t${escape(v.option)}`));
  writeFileSync(list, lines.join('\n') + '\n');
  execFileSync('java', ['-cp', JAVA_LIBS.join(':'), source, input, list, output], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Uint8Array(readFileSync(output));
}

/**
 * The MuPDF filler (`mutool run`, MuJS): the field of each widget is named from its annotation's /T and /Parent
 * chain (the widgets of a page come in the order of its /Annots); texts are typed with `setTextValue`, a box or a
 * radio button is toggled when its state differs from the one asked (a radio button's own state is its /AP /N
 * name other than Off, or the /Opt entry that name indexes); every widget touched is drawn again (`update`); the
 * document is saved whole.
 */
const MUPDF_FILLER = `
var doc = new PDFDocument(scriptArgs[0]);
var values = JSON.parse(read(scriptArgs[1]));
function fullName(obj) {
  var parts = [];
  for (var depth = 0; depth < 32 && obj !== undefined && obj !== null && obj.isDictionary(); depth++) {
    var t = obj.get('T');
    if (t !== undefined && t !== null && t.isString()) parts.unshift(t.asString());
    obj = obj.get('Parent');
  }
  return parts.join('.');
}
function onState(obj) {
  var found = null;
  obj.get('AP').get('N').forEach(function (key) { if (key !== 'Off') found = key; });
  return found;
}
function optionOf(obj, state) {
  var field = obj.get('Parent');
  var opt = field !== undefined && field !== null && field.isDictionary() ? field.get('Opt') : null;
  return opt !== null && opt !== undefined && opt.isArray() && /^[0-9]+$/.test(state) ? opt.get(Number(state)).asString() : state;
}
var byName = {};
for (var i = 0; i < values.length; i++) byName[values[i].name] = values[i];
var seen = {};
for (var p = 0; p < doc.countPages(); p++) {
  var annots = doc.findPage(p).get('Annots');
  var objects = [];
  if (annots.isArray()) for (var k = 0; k < annots.length; k++) if (annots.get(k).get('Subtype').asName() === 'Widget') objects.push(annots.get(k));
  var widgets = doc.loadPage(p).getWidgets();
  for (var w = 0; w < widgets.length; w++) {
    var name = fullName(objects[w]);
    var wanted = byName[name];
    if (wanted === undefined) continue;
    seen[name] = true;
    var widget = widgets[w];
    if (wanted.text !== undefined) widget.setTextValue(wanted.text);
    else if (wanted.ticked !== undefined) {
      var ticked = widget.getValue() !== 'Off' && widget.getValue() !== '';
      if (ticked !== wanted.ticked) widget.toggle();
    } else {
      var state = onState(objects[w]);
      if (optionOf(objects[w], state) === wanted.option && widget.getValue() !== state) widget.toggle();
    }
    widget.update();
  }
}
for (var n in byName) if (!seen[n]) throw new Error('MuPDF does not see the field ' + n);
doc.save(scriptArgs[2], 'garbage');
`;

/** Returns the bytes of `pdf` filled by MuPDF (`mutool run`) with the values (files written in `dir`). */
export function mupdfFill(dir: string, stem: string, pdf: Uint8Array, values: readonly Typed[]): Uint8Array {
  const script = join(dir, 'mupdf-fill.js');
  const input = join(dir, `${stem}-avant.pdf`);
  const list = join(dir, `${stem}.json`);
  const output = join(dir, `${stem}-mupdf.pdf`);
  writeFileSync(script, MUPDF_FILLER);
  writeFileSync(input, pdf);
  writeFileSync(list, JSON.stringify(values));
  execFileSync('mutool', ['run', script, input, list, output], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Uint8Array(readFileSync(output));
}
