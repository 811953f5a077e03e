/**
 * Blank fillable forms filled by PDFBox and by MuPDF, which draw the appearance of what they type with the font the
 * field's /DA names (found in the AcroForm's /DR): every typed value, accents and ligatures included, comes back
 * exactly through extractPdf, as the same values typed with pdftk do; PDFBox draws every field's appearance again
 * without an error, on a blank form and on a returned sample.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/extract/extract.ts';
import type { Extraction, ExtractionOutcome } from '../../src/extract/types.ts';
import { FORMS } from '../../src/forms/registry.ts';
import type { FormDefinition } from '../../src/layout/form.ts';
import { paperasse, ROOT, sampleCopy } from '../helpers.ts';
import { fieldsOf, resolved } from '../render/expected.ts';
import { tempDir } from '../render/tools.ts';
import { hasMupdf, hasPdfBox, mupdfFill, pdfboxFill, pdftkFill, typedValues, type Typed } from './fillers.ts';

/** A name with the letters a French or European name may hold. */
const NAME = 'Léa Bérénice Œstergaard-Nuñez';
/** Forms filled here: their candidate's or client's name is a text field. */
const FORM_IDS = ['page-de-garde', 'fiche-client'];

let dir = '';
const blanks = new Map<string, Uint8Array>();

beforeAll(async () => {
  dir = tempDir('fillers');
  for (const id of FORM_IDS) {
    const outcome = await paperasse().renderPdf(id, { remplissable: true });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    blanks.set(id, outcome.octets);
  }
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Returns the registered form. */
function formOf(id: string): FormDefinition {
  const form = FORMS.find((f) => f.id === id);
  if (form === undefined) throw new Error(`${id} is not registered`);
  return form;
}

/** Returns what a person types into the blank form's fields to reproduce the sample, the candidate's name replaced by NAME. */
function typedIntoBlank(id: string): Typed[] {
  const form = formOf(id);
  const validation = paperasse().validate(id, sampleCopy(id));
  if (!validation.ok) throw new Error(validation.erreur.message);
  const names = new Set(fieldsOf(resolved(form, undefined)).map((f) => f.name));
  return typedValues(fieldsOf(resolved(form, validation.valeur.donnees)))
    .filter((t) => names.has(t.name))
    .map((t) => ('text' in t && t.name === 'candidat.nom' ? { ...t, text: NAME } : t));
}

/** Returns the extraction, failing the test with the error's message when there is none. */
function extraction(outcome: ExtractionOutcome): Extraction {
  if (!outcome.ok) throw new Error(`${outcome.erreur.code}: ${outcome.erreur.message}`);
  return outcome.valeur;
}

/** The fillers compared with pdftk, each with whether it can run on this machine. */
const FILLERS = [
  { filler: 'PDFBox', available: hasPdfBox(), fill: pdfboxFill },
  { filler: 'MuPDF', available: hasMupdf(), fill: mupdfFill },
];

describe.each(FILLERS)('a blank form filled with $filler', ({ filler, available, fill }) => {
  it.each(FORM_IDS)('%s: every typed value comes back exactly, as typed with pdftk', async (id) => {
    // The tools are installed by .ci/run; say so plainly when they are not, rather than passing silently.
    expect(available, `${filler} is not installed`).toBe(true);
    const blank = blanks.get(id) ?? new Uint8Array();
    const typed = typedIntoBlank(id);
    const read = extraction(await extractPdf(fill(dir, `${id}-${filler}`, blank, typed), `${id}-${filler}.pdf`));
    const reference = extraction(await extractPdf(pdftkFill(dir, `${id}-${filler}-ref`, blank, typed), `${id}-pdftk.pdf`));
    expect(read).toMatchObject({ formulaire: id, source: 'champs' });
    expect(read.donnees).toMatchObject({ candidat: { nom: NAME } });
    expect(read.donnees).toEqual(reference.donnees);
    expect(read.modifications).toEqual(reference.modifications);
  });
});

describe('PDFBox drawing appearances again', () => {
  it('finds the font every field’s /DA names on a returned sample and draws every field with it', async () => {
    expect(hasPdfBox(), 'PDFBox is not installed').toBe(true);
    const sample = new Uint8Array(readFileSync(`${ROOT}samples/renvoyes/fiche-client-remplie.pdf`));
    const redrawn = pdfboxFill(dir, 'renvoye', sample, [{ name: 'candidat.nom', text: NAME }]);
    const read = extraction(await extractPdf(redrawn, 'renvoye.pdf'));
    expect(read.donnees).toMatchObject({ candidat: { nom: NAME }, nom: 'LE MARCHAND' });
  });
});
