/**
 * Every form renders to a Word document that LibreOffice opens and converts: the converted text holds every
 * label and value, and the document uses named styles and ☐ / ☒ characters.
 */
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperasse } from '../helpers.ts';
import { bodyText, CASES, labelsOf, printsBoxes, resolved, squeeze, valuesOf } from './expected.ts';
import { libreOfficeToPdf, pdfText, save, tempDir } from './tools.ts';

const dir = tempDir('docx');
const converted = new Map<string, string>();
const documents = new Map<string, Uint8Array>();

beforeAll(async () => {
  const files: string[] = [];
  for (const { form, sample } of CASES) {
    for (const [suffix, data] of [['', sample], ['-vierge', undefined]] as const) {
      const outcome = await paperasse().renderDocx(form.id, { donnees: data });
      if (!outcome.ok) throw new Error(`${form.id}: ${outcome.erreur.message}`);
      const name = `${form.id}${suffix}`;
      documents.set(name, outcome.octets);
      files.push(save(dir, `${name}.docx`, outcome.octets));
    }
  }
  for (const [docx, pdf] of libreOfficeToPdf(files, dir)) converted.set(docx.replace(/^.*\//, '').replace(/\.docx$/, ''), pdf);
}, 600_000);

describe.each(CASES)('Word document of $form.id', ({ form, sample }) => {
  it('opens in LibreOffice with every label and value of the sample', () => {
    const pdf = converted.get(form.id);
    expect(pdf).toBeDefined();
    const doc = resolved(form, sample);
    const text = bodyText(pdfText(pdf ?? ''), doc);
    expect([...labelsOf(doc), ...valuesOf(doc)].filter((s) => !text.includes(squeeze(s)))).toEqual([]);
  });

  it('opens blank in LibreOffice with every label', () => {
    const doc = resolved(form, undefined);
    const text = bodyText(pdfText(converted.get(`${form.id}-vierge`) ?? ''), doc);
    expect(labelsOf(doc).filter((s) => !text.includes(squeeze(s)))).toEqual([]);
  });

  it('uses named styles and real box characters where the form prints boxes', () => {
    const xml = unzipEntry(documents.get(form.id) ?? new Uint8Array(), 'word/document.xml');
    expect(xml).toMatch(/w:pStyle w:val="TitreAnnexe"/);
    // The livret prints none: its langue is written, its avis circled.
    if (printsBoxes(resolved(form, sample))) expect(xml).toMatch(/[☐☒]/);
    else expect(xml).not.toMatch(/[☐☒]/);
    expect(xml).not.toMatch(/<w:rFonts [^>]*w:ascii="(?!Segoe UI Symbol)/);
  });
});

/** Returns an entry of a zip file as text (stored or deflated), with no zip library. */
function unzipEntry(zip: Uint8Array, name: string): string {
  const buf = Buffer.from(zip);
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) !== 0x06054b50) continue;
    let at = buf.readUInt32LE(i + 16);
    const count = buf.readUInt16LE(i + 10);
    for (let k = 0; k < count; k++) {
      const method = buf.readUInt16LE(at + 10);
      const size = buf.readUInt32LE(at + 20);
      const nameLength = buf.readUInt16LE(at + 28);
      const extra = buf.readUInt16LE(at + 30);
      const comment = buf.readUInt16LE(at + 32);
      const local = buf.readUInt32LE(at + 42);
      const entry = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      if (entry === name) {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + size);
        return method === 0 ? data.toString('utf8') : inflateRawSync(data).toString('utf8');
      }
      at += 46 + nameLength + extra + comment;
    }
  }
  throw new Error(`${name} not found in zip`);
}

describe('drafts from data of the wrong shape', () => {
  it('renders every form from null, a string or an array as an empty draft instead of crashing', async () => {
    for (const { form } of CASES) {
      for (const donnees of [null, 'texte', [1, 2]]) {
        const outcome = await paperasse().renderDocx(form.id, { donnees, brouillon: true });
        expect(outcome.ok, `${form.id} ${JSON.stringify(donnees)}`).toBe(true);
        if (outcome.ok) expect(outcome.brouillon).toBe(true);
      }
    }
  });

  it('renders every form whose names, établissement and diplôme hold numbers or « constructor » as a draft instead of crashing', async () => {
    const wrong = { candidat: { nom: 42, prenom: 7, prenoms: ['x'] }, etablissement: { nom: 5, ville: 6 }, formation: { diplome: 'constructor' }, alternant: { nom: 1 } };
    for (const { form } of CASES) {
      const outcome = await paperasse().renderDocx(form.id, { donnees: wrong, brouillon: true });
      expect(outcome.ok, form.id).toBe(true);
      if (outcome.ok) expect(outcome.brouillon).toBe(true);
    }
  });
});
