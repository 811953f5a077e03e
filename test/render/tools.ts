/**
 * Independent tools the rendering tests judge Paperasse's output with: qpdf, poppler (pdftotext, pdfinfo,
 * pdfdetach, pdftoppm), pdftk and LibreOffice, run as subprocesses on files written to a temporary folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqrModule from 'jsqr';

// jsqr is CommonJS: depending on the loader, the decoder is the module itself or its `default`.
type Decode = typeof jsqrModule.default;
const jsQR: Decode = typeof jsqrModule === 'function' ? jsqrModule : jsqrModule.default;

/** Returns a new temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `paperasse-${prefix}-`));
}

/** Writes bytes to `dir/name` and returns the path. */
export function save(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Returns qpdf --check's exit status and output. */
export function qpdfCheck(path: string): { status: number | null; output: string } {
  const r = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

/** Returns the text layer in content-stream order (pdftotext -raw), which follows the engine's drawing order. */
export function pdfText(path: string): string {
  return run('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-']);
}

/** Returns pdfinfo's fields (Title, Author, Pages…). */
export function pdfInfo(path: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', ['-enc', 'UTF-8', path]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) info[m[1]] = m[2];
  }
  return info;
}

/** Returns the bytes of an embedded file, found by name in pdfdetach's list and extracted by it. */
export function detach(path: string, name: string, dir: string): Buffer {
  const line = run('pdfdetach', ['-list', '-enc', 'UTF-8', path])
    .split('\n')
    .find((l) => l.endsWith(`: ${name}`));
  if (!line) throw new Error(`${name} is not attached to ${path}`);
  const out = join(dir, `detached-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  run('pdfdetach', ['-save', line.split(':')[0] ?? '', '-o', out, path]);
  return readFileSync(out);
}

/** A form field as pdftk reports it. */
export interface PdftkField {
  type: string;
  name: string;
  value: string | undefined;
  options: string[];
}

/** Returns the fields pdftk lists (dump_data_fields_utf8). */
export function pdftkFields(path: string): PdftkField[] {
  const decode = (s: string) => s.replace(/&#10;/g, '\n').replace(/&#13;/g, '\r').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const keys = /^(FieldType|FieldName|FieldNameAlt|FieldFlags|FieldValue|FieldValueDefault|FieldJustification|FieldStateOption|FieldMaxLength): ?(.*)$/;
  return run('pdftk', [path, 'dump_data_fields_utf8'])
    .split(/^---$/m)
    .map((block) => {
      const field: PdftkField = { type: '', name: '', value: undefined, options: [] };
      let last = '';
      // A multi-line value goes on over the following lines, up to the next known key.
      for (const line of block.replace(/^\n/, '').replace(/\n$/, '').split('\n')) {
        const m = keys.exec(line);
        if (!m) {
          if (last === 'FieldValue') field.value = `${field.value ?? ''}\n${decode(line)}`;
          continue;
        }
        last = m[1] ?? '';
        if (last === 'FieldType') field.type = m[2] ?? '';
        if (last === 'FieldName') field.name = decode(m[2] ?? '');
        if (last === 'FieldValue') field.value = decode(m[2] ?? '');
        if (last === 'FieldStateOption') field.options.push(m[2] ?? '');
      }
      return field;
    })
    .filter((f) => f.name !== '');
}

/** Converts .docx files to PDF with LibreOffice (one process for all) and returns the PDF paths by input path. */
export function libreOfficeToPdf(files: string[], outDir: string): Map<string, string> {
  const profile = tempDir('lo-profile');
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], { encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  return new Map(files.map((f) => [f, join(outDir, f.replace(/^.*\//, '').replace(/\.docx$/, '.pdf'))]));
}

/** Returns the text of the QR code printed in the bottom-right corner of page `page`, decoded by jsQR from a 150 dpi raster. */
export function readPageQr(path: string, page: number): string | undefined {
  const dpi = 150;
  const info = pdfInfo(path);
  const size = /([\d.]+) x ([\d.]+)/.exec(info['Page size'] ?? '');
  const width = Number(size?.[1] ?? 595.28);
  const height = Number(size?.[2] ?? 841.89);
  const px = (pt: number) => Math.round((pt * dpi) / 72);
  const box = 110;
  const r = spawnSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-x', String(px(width - box)), '-y', String(px(height - box)), '-W', String(px(box)), '-H', String(px(box)), path], { maxBuffer: 64 * 1024 * 1024 });
  const pgm = r.stdout;
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) return undefined;
  const w = Number(header[1]);
  const h = Number(header[2]);
  const pixels = pgm.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const v = pixels[i] ?? 255;
    rgba.set([v, v, v, 255], i * 4);
  }
  return jsQR(rgba, w, h)?.data;
}
