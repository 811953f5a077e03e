/**
 * extractPdf on real returned PDFs, filled and rewritten by independent tools (no mocks):
 * - every registered form, blank and pre-filled, filled by `pdftk fill_form` with values typed the way a person
 *   types them (JJ/MM/AAAA dates, French numbers, radio export values, Yes/Off boxes) → read from the fields;
 * - a few fields changed with pdf.js (incremental save) → exactly those are the modifications;
 * - flattened by `qpdf --flatten-annotations=all` → read from the attached data; the attachment then removed by
 *   `qpdf --remove-attachment` → read from the text layer, every value either read right or listed as unread;
 * - print PDFs, a LibreOffice PDF, a tampered attachment, another form version, a typed « douze », a signed PDF;
 * - the hostile corpus: every refused file gets exactly its code, and this process stays alive.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { segments, valueAt } from '../../src/core/pointer.ts';
import { extractPdf } from '../../src/extract/extract.ts';
import type { Extraction, ExtractionOutcome } from '../../src/extract/types.ts';
import { FORMS } from '../../src/forms/registry.ts';
import type { FormDefinition } from '../../src/layout/form.ts';
import type { FieldSpec } from '../../src/render/model.ts';
import { hostileEntries, makeWholeCorpus, nastyEntries } from '../fixtures/make-hostile.ts';
import { asExtraction } from '../pdf/expected-codes.ts';
import { paperasse, sampleCopy } from '../helpers.ts';
import { fieldsOf, resolved } from '../render/expected.ts';
import { save, tempDir } from '../render/tools.ts';
import { pdfjsFill, pdftkFill, typedValues, type PdfJsChange } from './fillers.ts';

const MIB = 1024 * 1024;
/** Forms whose text layer is also read from their print PDF (not only from a flattened fillable one). */
const PRINTED = ['page-de-garde', 'grille-e42', 'fiche-client', 'carnet-de-bord'];

/** A registered form, its sample (computed values filled in) and its PDFs rendered once. */
interface Case {
  form: FormDefinition;
  sample: unknown;
  /** The sample as validation returns it (computed values filled in). */
  full: unknown;
  blank: Uint8Array;
  filled: Uint8Array;
  print?: Uint8Array;
}

const CASES: Case[] = FORMS.map((form) => {
  const sample = sampleCopy(form.id);
  return { form, sample, full: validated(form.id, sample), blank: new Uint8Array(), filled: new Uint8Array() };
});
let dir = '';
let corpus = '';

// Concurrent tests (the forms' ones) run two at a time: one per core, each reading in its own worker thread.
vi.setConfig({ maxConcurrency: 2 });

beforeAll(async () => {
  dir = tempDir('extract');
  corpus = join(dir, 'corpus');
  for (const c of CASES) {
    c.blank = await rendered(c.form.id, { remplissable: true });
    c.filled = await rendered(c.form.id, { donnees: c.sample, remplissable: true });
    if (PRINTED.includes(c.form.id)) c.print = await rendered(c.form.id, { donnees: c.sample });
  }
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

/** Returns the data as validation returns it (computed values filled in), or the data itself when it does not validate. */
function validated(formId: string, data: unknown): unknown {
  const result = paperasse().validate(formId, data);
  if (!result.ok) throw new Error(result.erreur.message);
  return result.valeur.donnees ?? data;
}

/** Returns the PDF Paperasse renders for the request. */
async function rendered(formId: string, request: { donnees?: unknown; remplissable?: boolean }): Promise<Uint8Array> {
  const outcome = await paperasse().renderPdf(formId, request);
  if (!outcome.ok) throw new Error(outcome.erreur.message);
  return outcome.octets;
}

/** Returns the extraction, failing the test with the error's message when there is none. */
function extraction(outcome: ExtractionOutcome): Extraction {
  if (!outcome.ok) throw new Error(`${outcome.erreur.code}: ${outcome.erreur.message}`);
  return outcome.valeur;
}

/** Runs a command-line tool (its output is not needed). */
function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Returns the bytes of a PDF rewritten by qpdf with the given options. */
function qpdf(stem: string, pdf: Uint8Array, options: string[]): Uint8Array {
  const input = save(dir, `${stem}-qpdf-avant.pdf`, pdf);
  const output = join(dir, `${stem}-qpdf.pdf`);
  run('qpdf', [...options, input, output]);
  return new Uint8Array(readFileSync(output));
}

/** Returns the PDF flattened by qpdf (fields become page content), then without its attachment when asked. */
function flattened(stem: string, pdf: Uint8Array, withoutAttachment = false): Uint8Array {
  const flat = qpdf(`${stem}-aplati`, pdf, ['--flatten-annotations=all']);
  return withoutAttachment ? withoutPaperasseJson(`${stem}-aplati`, flat) : flat;
}

/** Returns the PDF without its `paperasse.json` (qpdf's --remove-attachment). */
function withoutPaperasseJson(stem: string, pdf: Uint8Array): Uint8Array {
  return qpdf(`${stem}-sans-donnees`, pdf, ['--remove-attachment=paperasse.json']);
}

/** Returns the fields of the resolved document of `data` (undefined: blank). */
function fields(form: FormDefinition, data: unknown): FieldSpec[] {
  return fieldsOf(resolved(form, data));
}

/** Returns the data with only the values that have a field among `names` (a blank form has fewer rows than the sample). */
function keepFields(data: unknown, names: ReadonlySet<string>, parts: string[] = []): unknown {
  if (Array.isArray(data) && data.every((x) => x === null || typeof x !== 'object')) {
    // A list of options (one box per option) or a list of values (one field per row).
    const kept = data.filter((x, i) => names.has([...parts, String(x)].join('.')) || names.has([...parts, String(i)].join('.')));
    return kept.length === 0 && data.length > 0 ? undefined : kept;
  }
  if (Array.isArray(data)) {
    const rows = data.map((x, i) => keepFields(x, names, [...parts, String(i)])).filter((x) => x !== undefined);
    return rows.length === 0 ? undefined : rows;
  }
  if (data !== null && typeof data === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      const kept = keepFields(value, names, [...parts, key]);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length === 0 && parts.length > 0 ? undefined : out;
  }
  return names.has(parts.join('.')) ? data : undefined;
}

/**
 * Returns what a blank form filled with the sample holds: the values it has room for, without the unticked boxes
 * the schema does not require (a blank box cannot tell « non » from « not answered »: it is read as absent).
 */
function expectedFromBlank(c: Case): unknown {
  const names = new Set(fields(c.form, undefined).map((f) => f.name));
  const kept = keepFields(c.sample, names) as Record<string, unknown>;
  for (const pointer of falseLeaves(kept)) {
    const parts = segments(pointer);
    const parent = valueAt(kept, parts.slice(0, -1)) as Record<string, unknown>;
    const key = parts[parts.length - 1] ?? '';
    delete parent[key];
    const result = paperasse().validate(c.form.id, kept);
    const required = result.ok && result.valeur.erreurs.some((e) => e.code === 'CHAMP_OBLIGATOIRE' && e.chemin === pointer);
    if (required) parent[key] = false;
  }
  return validated(c.form.id, kept);
}

/** Returns the pointers of the `false` values of the data. */
function falseLeaves(data: unknown, parts: string[] = []): string[] {
  if (data === false) return ['/' + parts.join('/')];
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) => falseLeaves(value, [...parts, key]));
}

/** Returns the leaves of the data by pointer (a list of scalars is one leaf). */
function leaves(data: unknown, parts: string[] = []): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const isScalarList = Array.isArray(data) && data.every((x) => x === null || typeof x !== 'object');
  if (data === null || typeof data !== 'object' || isScalarList) return out.set('/' + parts.join('/'), data);
  for (const [key, value] of Object.entries(data)) for (const [p, v] of leaves(value, [...parts, key])) out.set(p, v);
  return out;
}

/** Returns whether a path matches one of the form's computed paths (`*` for any index). */
function isComputed(form: FormDefinition, pointer: string): boolean {
  const parts = segments(pointer);
  return form.computations.some((c) => {
    const pattern = segments(c.path);
    return pattern.length === parts.length && pattern.every((p, i) => p === '*' || p === parts[i]);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// pdf.js changes: one text, one date, one radio group, one box.

/** The changes typed with pdf.js and the data they must give. */
interface PdfJsPlan {
  changes: PdfJsChange[];
  /** Pointer → value the extraction must give. */
  expected: Map<string, unknown>;
}

/** Returns the pointer of a field holding one value (not a box of a multiple choice). */
function pointerOf(field: FieldSpec): string {
  return '/' + field.name.split('.').join('/');
}

/** Returns one change of each kind the form has (text, date, radio group, box), on values that are not computed. */
function pdfjsPlan(c: Case): PdfJsPlan {
  const all = fields(c.form, c.full).filter((f) => !isComputed(c.form, pointerOf(f)));
  const plan: PdfJsPlan = { changes: [], expected: new Map() };
  const isDate = (f: FieldSpec) => /^\d{2}\/\d{2}\/\d{4}$/.test(f.value);
  const text = all.find((f) => f.kind === 'text' && !f.multiline && f.value !== '' && !isDate(f) && typeof valueAt(c.full, pointerOf(f)) === 'string');
  if (text) {
    plan.changes.push({ name: text.name, text: '  Valeur changée avec pdf.js ' });
    plan.expected.set(pointerOf(text), 'Valeur changée avec pdf.js');
  }
  const date = all.find(isDate);
  if (date) {
    const [typed, iso] = date.value === '01/02/2020' ? ['2/3/2021', '2021-03-02'] : ['01/02/2020', '2020-02-01'];
    plan.changes.push({ name: date.name, text: typed });
    plan.expected.set(pointerOf(date), iso);
  }
  const radio = all.find((f) => f.kind === 'radio' && f.checked && new Set(all.filter((g) => g.name === f.name).map((g) => g.export)).size > 1);
  if (radio) {
    const exports = all.filter((f) => f.name === radio.name).map((f) => f.export ?? '');
    const option = exports.find((e) => e !== radio.export) ?? '';
    const current = valueAt(c.full, pointerOf(radio));
    plan.changes.push({ name: radio.name, option, exports });
    plan.expected.set(pointerOf(radio), typeof current === 'number' ? Number(option) : option);
  }
  const box = all.find((f) => f.kind === 'check' && typeof valueAt(c.full, pointerOf(f)) === 'boolean');
  if (box) {
    const current = valueAt(c.full, pointerOf(box)) === true;
    plan.changes.push({ name: box.name, ticked: !current });
    plan.expected.set(pointerOf(box), !current);
  } else {
    addOptionUnticked(c, all, plan);
  }
  return plan;
}

/** Adds to the plan one ticked box of a multiple choice, unticked (for a form without yes/no boxes). */
function addOptionUnticked(c: Case, all: readonly FieldSpec[], plan: PdfJsPlan): void {
  const listOf = (f: FieldSpec) => '/' + f.name.split('.').slice(0, -1).join('/');
  const option = all.find((f) => f.kind === 'check' && f.checked && Array.isArray(valueAt(c.full, listOf(f))));
  if (option === undefined) return;
  const list = valueAt(c.full, listOf(option)) as unknown[];
  plan.changes.push({ name: option.name, ticked: false });
  plan.expected.set(listOf(option), list.filter((v) => String(v) !== option.name.split('.').pop()));
}

// ---------------------------------------------------------------------------------------------------------------
// Every form.

describe.concurrent.each(CASES)('$form.id', (c) => {
  it('is read from its fields after pdftk filled the blank form with the sample typed by hand', async () => {
    const names = new Set(fields(c.form, undefined).map((f) => f.name));
    const typed = typedValues(fields(c.form, c.full)).filter((t) => names.has(t.name));
    const pdf = pdftkFill(dir, `${c.form.id}-vierge`, c.blank, typed);
    const read = extraction(await extractPdf(pdf, `${c.form.id}.pdf`));
    expect(read).toMatchObject({ formulaire: c.form.id, version: c.form.version, source: 'champs' });
    const expected = expectedFromBlank(c);
    expect(read.donnees).toEqual(expected);
    // The blank form's data is null: every value typed is a change.
    expect(read.modifications.every((m) => m.avant === null)).toBe(true);
    const fitsTheBlank = JSON.stringify(keepFields(c.sample, names)) === JSON.stringify(c.sample) && falseLeaves(c.sample).length === 0;
    if (fitsTheBlank) expect(read.donnees).toEqual(c.full);
  });

  it('is read from its fields, unchanged, after pdftk retyped every value of the pre-filled form', async () => {
    const pdf = pdftkFill(dir, `${c.form.id}-rempli`, c.filled, typedValues(fields(c.form, c.full)));
    const read = extraction(await extractPdf(pdf, `${c.form.id}.pdf`));
    expect(read).toMatchObject({ source: 'champs', valide: true, erreurs: [], modifications: [] });
    expect(read.donnees).toEqual(c.full);
  });

  it('reports exactly the values changed with pdf.js (a text, a date, a radio group, a box)', async () => {
    const plan = pdfjsPlan(c);
    // A text, a date and a radio group everywhere; a box where the form has boxes (the E5 grid has none).
    const hasBoxes = fields(c.form, c.full).some((f) => f.kind === 'check');
    expect(plan.changes).toHaveLength(hasBoxes ? 4 : 3);
    const pdf = await pdfjsFill(c.filled, plan.changes);
    // pdf.js saves incrementally: the original file is a prefix of the new one.
    expect(Buffer.from(pdf.subarray(0, c.filled.length)).equals(Buffer.from(c.filled))).toBe(true);
    const read = extraction(await extractPdf(pdf, `${c.form.id}.pdf`));
    expect(read.source).toBe('champs');
    const changed = new Map(read.modifications.map((m) => [m.chemin, m]));
    expect([...changed.keys()].sort()).toEqual([...plan.expected.keys()].sort());
    for (const [pointer, value] of plan.expected) {
      expect(valueAt(read.donnees, pointer)).toEqual(value);
      expect(changed.get(pointer)).toEqual({ chemin: pointer, avant: valueAt(c.full, pointer) ?? null, apres: value });
    }
  });

  it('reports its signature as intact, broken when one signed byte changes, and fields changed after it with pdf.js', async () => {
    const filled = pdftkFill(dir, `${c.form.id}-a-signer`, c.filled, typedValues(fields(c.form, c.full)));
    const signed = await sign(filled);
    const read = extraction(await extractPdf(signed, `${c.form.id}-signe.pdf`));
    expect(read).toMatchObject({ source: 'champs', valide: true, erreurs: [], modifications: [] });
    expect(read.donnees).toEqual(c.full);
    expect(read.signatures).toEqual([expect.objectContaining({ signataire: 'Paperasse Test', integre: true, couvreToutLeDocument: true, modifieApresSignature: false, champsModifies: [] })]);
    expect(Math.abs(Date.parse(read.signatures[0]?.date ?? '') - Date.now())).toBeLessThan(10 * 60_000);

    const broken = extraction(await extractPdf(tamperedInsideSignedRange(signed), `${c.form.id}-altere.pdf`));
    expect(broken.signatures).toEqual([expect.objectContaining({ signataire: 'Paperasse Test', integre: false, couvreToutLeDocument: true })]);
    expect(broken.donnees).toEqual(c.full);

    const plan = pdfjsPlan(c);
    const changedAfter = extraction(await extractPdf(await pdfjsFill(signed, plan.changes), `${c.form.id}-modifie.pdf`));
    expect(changedAfter.signatures).toEqual([expect.objectContaining({ integre: true, couvreToutLeDocument: false, modifieApresSignature: true })]);
    expect([...new Set(changedAfter.signatures[0]?.champsModifies)].sort()).toEqual([...new Set(plan.changes.map((ch) => ch.name))].sort());
    for (const [pointer, value] of plan.expected) expect(valueAt(changedAfter.donnees, pointer)).toEqual(value);
  });

  it('is read from its attached data once qpdf flattened it', async () => {
    const read = extraction(await extractPdf(flattened(c.form.id, c.filled), `${c.form.id}.pdf`));
    expect(read).toMatchObject({ formulaire: c.form.id, source: 'donnees-integrees', valide: true, erreurs: [], modifications: [] });
    expect(read.donnees).toEqual(c.full);
  });

  it('is read from its text layer once flattened without its attachment: every value read right or listed as unread', async () => {
    const read = extraction(await extractPdf(flattened(`${c.form.id}-texte`, c.filled, true), `${c.form.id}.pdf`));
    expect(read).toMatchObject({ formulaire: c.form.id, source: 'texte', modifications: [] });
    expectTextReading(c, read);
  });
});

/** Asserts both sides of a text-layer reading: nothing read differs from the sample, nothing missing goes unreported. */
function expectTextReading(c: Case, read: Extraction): void {
  const sample = leaves(c.full);
  const got = leaves(read.donnees);
  const unread = read.erreurs.filter((e) => e.code === 'CHAMP_NON_LU').map((e) => e.chemin);
  expect(unread.length).toBeGreaterThan(0);
  const guessed = [...got].filter(([pointer, value]) => !isComputed(c.form, pointer) && JSON.stringify(sample.get(pointer)) !== JSON.stringify(value));
  expect(guessed).toEqual([]);
  const lost = [...sample.keys()].filter((p) => !got.has(p) && !isComputed(c.form, p) && !unread.some((u) => p === u || p.startsWith(`${u}/`)));
  expect(lost).toEqual([]);
  for (const e of read.erreurs.filter((x) => x.code === 'CHAMP_NON_LU')) expect(e.message).toContain(`${c.form.id}.pdf`);
}

// ---------------------------------------------------------------------------------------------------------------
// The text layer, in detail.

describe('the text layer', () => {
  const byId = (id: string): Case => CASES.find((c) => c.form.id === id) as Case;

  it('gives back the candidate’s name, the one-line values and the boxes of a flattened page de garde, and lists the rest', async () => {
    const c = byId('page-de-garde');
    const read = extraction(await extractPdf(flattened('pdg-texte', c.filled, true), 'page-de-garde.pdf'));
    expect(read.donnees).toEqual({
      session: 2019,
      candidat: { nom: 'Lefèvre', prenom: 'Maëlle', statut: 'apprenti' },
      etablissement: { ville: 'Lyon' },
    });
    // Annex XII's visa is a place to sign (no box to read) and its cells have no label; the établissement's long name
    // shares its line with the annex's other words: each is listed as unread, never returned wrong.
    const unread = read.erreurs.filter((e) => e.code === 'CHAMP_NON_LU').map((e) => e.chemin);
    expect(unread).toEqual(expect.arrayContaining(['/etablissement/nom', '/visa/signe', '/visa/nomQualite', '/visa/date']));
    expect(read.valide).toBe(false);
  });

  it('reads the candidate and the date of a flattened E42 grid, and lists its examiners as unread', async () => {
    const c = byId('grille-e42');
    const read = extraction(await extractPdf(flattened('e42-texte', c.filled, true), 'grille-e42.pdf'));
    expect(read).toMatchObject({ formulaire: 'grille-e42', source: 'texte' });
    // Annex X prints « Nom et prénom du candidat » on one line without a « Prénom : » label: the name is read, the
    // first name is listed as unread.
    expect(valueAt(read.donnees, '/candidat/nom')).toBe('Rousseau-Lambert');
    expect(valueAt(read.donnees, '/candidat/prenom')).toBeUndefined();
    expect(read.erreurs.map((e) => e.chemin)).toContain('/candidat/prenom');
    expect(valueAt(read.donnees, '/date')).toBe('2019-06-05');
    expect(read.erreurs.map((e) => e.chemin)).toContain('/interrogateurs');
  });

  it.each(PRINTED)('reads the boxes (☒ / ☐) of the print PDF of %s too, without its attachment', async (id) => {
    const c = byId(id);
    const read = extraction(await extractPdf(withoutPaperasseJson(`${id}-impression`, c.print ?? new Uint8Array()), `${id}.pdf`));
    expect(read).toMatchObject({ formulaire: id, source: 'texte' });
    expectTextReading(c, read);
    if (id === 'page-de-garde') {
      // The statut read (apprenti). Annex XII prints the attestation sur l'honneur on every page de garde; it is for
      // candidats individuels only, so an apprentice's blank attestation is neither read as a value nor listed as unread.
      expect(valueAt(read.donnees, '/candidat/statut')).toBe('apprenti');
      expect(valueAt(read.donnees, '/attestationSurLhonneur')).toBeUndefined();
      expect(read.erreurs.filter((e) => e.chemin.startsWith('/attestationSurLhonneur'))).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Sources, identification and the errors found while reading.

describe('reading returned PDFs', () => {
  const pdg = (): Case => CASES[0] as Case;

  it('reads a print PDF (no fields) from its attached data', async () => {
    const c = CASES.find((x) => x.form.id === 'fiche-client') as Case;
    const read = extraction(await extractPdf(c.print ?? new Uint8Array(), 'fiche-client.pdf'));
    expect(read).toMatchObject({ formulaire: 'fiche-client', source: 'donnees-integrees', valide: true, modifications: [] });
    expect(read.donnees).toEqual(c.full);
  });

  it('recognises a filled form without its attachment by its field names', async () => {
    const c = pdg();
    const pdf = withoutPaperasseJson('pdg-sans-pj', pdftkFill(dir, 'pdg-sans-pj', c.filled, typedValues(fields(c.form, c.full))));
    const read = extraction(await extractPdf(pdf, 'page-de-garde.pdf'));
    expect(read).toMatchObject({ formulaire: 'page-de-garde', source: 'champs', valide: true, modifications: [] });
    expect(read.donnees).toEqual(c.full);
  });

  it('refuses a PDF made by LibreOffice with FORMULAIRE_INCONNU, naming the file', async () => {
    const text = join(dir, 'lettre.txt');
    writeFileSync(text, 'Madame, Monsieur,\nVeuillez trouver ci-joint ma fiche de candidature.\n');
    const profile = tempDir('lo-profil');
    run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, text]);
    const outcome = await extractPdf(new Uint8Array(readFileSync(join(dir, 'lettre.pdf'))), 'lettre.pdf');
    expect(outcome).toMatchObject({ ok: false, erreur: { code: 'FORMULAIRE_INCONNU', chemin: 'lettre.pdf' } });
    expect(outcome.ok ? '' : outcome.erreur.message).toContain('lettre.pdf');
  });

  it('refuses the empty document of qpdf --empty (no page) with PDF_ILLISIBLE', async () => {
    const out = join(dir, 'vide.pdf');
    run('qpdf', ['--empty', out]);
    expect(await extractPdf(new Uint8Array(readFileSync(out)), 'vide.pdf')).toMatchObject({ ok: false, erreur: { code: 'PDF_ILLISIBLE' } });
  });

  it('reports an attachment changed after generation (DONNEES_INTEGREES_ALTEREES) and falls back to the text layer', async () => {
    const c = pdg();
    const pdf = await rewriteAttachment(c.print ?? new Uint8Array(), (json) => {
      setIn(json, ['donnees', 'candidat', 'nom'], 'Usurpateur');
    });
    const read = extraction(await extractPdf(pdf, 'page-de-garde.pdf'));
    expect(read).toMatchObject({ source: 'texte', valide: false });
    expect(read.erreurs[0]).toMatchObject({ code: 'DONNEES_INTEGREES_ALTEREES', chemin: 'page-de-garde.pdf' });
    expect(valueAt(read.donnees, '/candidat/nom')).toBe('Lefèvre');
  });

  it('accepts data made for another version of the form while it validates, and reports the version when it does not', async () => {
    const c = pdg();
    const older = await rewriteAttachment(c.print ?? new Uint8Array(), (json) => setIn(json, ['version'], '0.9.0'));
    expect(extraction(await extractPdf(older, 'ancien.pdf'))).toMatchObject({ source: 'donnees-integrees', valide: true, erreurs: [] });
    // The visa's date is printed in a cell without a label: the page cannot contradict it, the attached data stands.
    const invalid = await rewriteAttachment(c.print ?? new Uint8Array(), (json) => {
      setIn(json, ['version'], '0.9.0');
      setIn(json, ['donnees', 'visa', 'date'], '18 mars 2019');
      setIn(json, ['sha256'], createHash('sha256').update(JSON.stringify(valueAt(json, ['donnees'])), 'utf8').digest('hex'));
    });
    const read = extraction(await extractPdf(invalid, 'ancien.pdf'));
    expect(read).toMatchObject({ source: 'donnees-integrees', valide: false });
    expect(read.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['VERSION_FORMULAIRE_DIFFERENTE ancien.pdf', 'FORMAT_INVALIDE /visa/date']);
  });

  it('keeps what the page of a print PDF shows when its attached data (intact) says otherwise, and says so', async () => {
    const c = pdg();
    const stale = await rewriteAttachment(c.print ?? new Uint8Array(), (json) => {
      setIn(json, ['donnees', 'candidat', 'nom'], 'Ancien-Nom');
      setIn(json, ['sha256'], createHash('sha256').update(JSON.stringify(valueAt(json, ['donnees'])), 'utf8').digest('hex'));
    });
    const read = extraction(await extractPdf(stale, 'perime.pdf'));
    expect(read.source).toBe('texte');
    expect(valueAt(read.donnees, '/candidat/nom')).toBe('Lefèvre');
    expect(read.modifications).toContainEqual({ chemin: '/candidat/nom', avant: 'Ancien-Nom', apres: 'Lefèvre' });
    expect(read.avertissements).toEqual([expect.objectContaining({ code: 'DONNEES_INTEGREES_NON_CONFIRMEES', chemin: 'perime.pdf' })]);
  });

  it('keeps « douze » typed in a number field and « 31/02/2019 » in a date field for validation to report, and reads « 2 450,50 »', async () => {
    const c = CASES.find((x) => x.form.id === 'fiche-client') as Case;
    const pdf = await pdfjsFill(c.filled, [
      { name: 'situationProfessionnelle.entreprise.nombreSalaries', text: 'douze' },
      { name: 'dateNaissance', text: '31/02/2019' },
      { name: 'situationFinanciere.revenusMensuels.revenusImmobiliers.client', text: '2\u202f450,50' },
    ]);
    const read = extraction(await extractPdf(pdf, 'fiche-client.pdf'));
    expect(read.valide).toBe(false);
    expect(valueAt(read.donnees, '/situationProfessionnelle/entreprise/nombreSalaries')).toBe('douze');
    expect(valueAt(read.donnees, '/dateNaissance')).toBe('31/02/2019');
    expect(valueAt(read.donnees, '/situationFinanciere/revenusMensuels/revenusImmobiliers/client')).toBe(2450.5);
    const pointers = read.erreurs.map((e) => `${e.code} ${e.chemin}`);
    expect(pointers).toContain('TYPE_INVALIDE /situationProfessionnelle/entreprise/nombreSalaries');
    expect(pointers).toContain('FORMAT_INVALIDE /dateNaissance');
    expect(read.modifications).toContainEqual({ chemin: '/situationProfessionnelle/entreprise/nombreSalaries', avant: 5, apres: 'douze' });
  });

  it('reports the signature of a signed form and still reads its fields', async () => {
    const c = pdg();
    const signed = await sign(c.filled);
    const read = extraction(await extractPdf(signed, 'signe.pdf'));
    expect(read).toMatchObject({ source: 'champs', valide: true, modifications: [] });
    expect(read.signatures).toHaveLength(1);
    expect(read.signatures[0]).toMatchObject({ signataire: 'Paperasse Test', integre: true, couvreToutLeDocument: true });
  });

  it('stops a reading that takes longer than the time allowed with DELAI_DEPASSE, naming the file', async () => {
    // 2 ms of CPU: far less than starting a worker and reading a page de garde take. The heap cap of its own gives a
    // fresh worker, whose start-up counts: a warm worker's few milliseconds fall below the clock ticks (10 ms) that
    // thread CPU time is counted in.
    const outcome = await extractPdf(pdg().filled, 'lent.pdf', { limits: { timeoutMs: 2, maxMemoryMb: 500 } });
    expect(outcome).toMatchObject({ ok: false, erreur: { code: 'DELAI_DEPASSE', chemin: 'lent.pdf' } });
    expect(outcome.ok ? '' : outcome.erreur.message).toContain('lent.pdf');
  });

  it('never changes the caller’s bytes', async () => {
    const c = pdg();
    const bytes = c.filled.slice();
    await extractPdf(bytes, 'page-de-garde.pdf');
    expect(Buffer.from(bytes).equals(Buffer.from(c.filled))).toBe(true);
  });
});

/** Sets a value inside parsed JSON. */
function setIn(json: unknown, path: string[], value: unknown): void {
  const parent = valueAt(json, path.slice(0, -1)) as Record<string, unknown>;
  parent[path[path.length - 1] ?? ''] = value;
}

/** Returns the PDF with its `paperasse.json` rewritten by `edit` (the SHA-256 left as it was), saved by pdf-lib. */
async function rewriteAttachment(pdf: Uint8Array, edit: (json: unknown) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
  const spec = names.lookup(1, PDFDict);
  const ef = spec.lookup(PDFName.of('EF'), PDFDict);
  const ref = ef.get(PDFName.of('F'));
  if (!(ref instanceof PDFRef)) throw new Error('no embedded file stream');
  const stream = doc.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) throw new Error('no embedded file stream');
  const json = JSON.parse(inflateSync(stream.contents).toString('utf8')) as unknown;
  edit(json);
  const bytes = new TextEncoder().encode(JSON.stringify(json, null, 2));
  doc.context.assign(ref, doc.context.flateStream(bytes, { Type: 'EmbeddedFile', Subtype: 'application/json' }));
  return doc.save();
}

/** Returns the PDF signed with a throw-away certificate (openssl) by @signpdf. */
async function sign(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({ pdfDoc: doc, reason: 'Visa', contactInfo: 'test@paperasse.fr', name: 'Paperasse Test', location: 'Lyon' });
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new Uint8Array(await new SignPdf().sign(withPlaceholder, new P12Signer(signingIdentity(), { passphrase: 'test' })));
}

let p12: Buffer | undefined;

/** Returns the throw-away P12 identity « Paperasse Test » (RSA 2048), made by openssl once per run. */
function signingIdentity(): Buffer {
  if (p12 !== undefined) return p12;
  const key = join(dir, 'cle.pem');
  const cert = join(dir, 'cert.pem');
  const file = join(dir, 'id.p12');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=Paperasse Test']);
  run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', file, '-passout', 'pass:test']);
  p12 = readFileSync(file);
  return p12;
}

/** Returns the signed PDF with one byte inside the signed range changed: a digit of the signature dictionary's /M date. */
function tamperedInsideSignedRange(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const match = /\/M \(D:\d{3}(\d)/.exec(text);
  if (match === null) throw new Error('no /M date in the signed PDF');
  const at = match.index + match[0].length - 1;
  const out = pdf.slice();
  out[at] = match[1] === '0' ? 0x31 : 0x30;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile files.

/** The hostile corpus, written once for the two groups below. */
let corpusWritten: Promise<unknown> | undefined;
const writeCorpus = () => (corpusWritten ??= makeWholeCorpus(corpus));

describe.concurrent('hostile files', () => {
  beforeAll(writeCorpus);

  it.each(hostileEntries())('$file is refused with its code', async (entry) => {
    const outcome = await extractPdf(new Uint8Array(readFileSync(join(corpus, entry.file))), entry.file, { limits: entry.limites });
    expect(outcome.ok ? 'OK' : outcome.erreur.code).toBe(asExtraction(entry));
    if (!outcome.ok) expect(outcome.erreur.message).toContain(entry.file);
    // This process never held what a bomb decompresses to.
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(256 * MIB);
  });

});

// Read one after the other: each is read whole (fields, text layer), and a dozen full readings started together on two
// cores spend longer waiting for a core than the sandbox's clock backstop allows.
describe('the fields Paperasse created', () => {
  it('are listed in paperasse.json, and one a tool removed is reported as gone, from that list or, without it, from the form laid out again', async () => {
    const pdf = await rendered('fiche-client', { donnees: validated('fiche-client', sampleCopy('fiche-client')), remplissable: true });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const names = doc.getForm().getFields().map((f) => f.getName());
    let recorded: unknown;
    await rewriteAttachment(pdf, (json) => {
      recorded = (json as { champs?: unknown }).champs;
    });
    expect(new Set(recorded as string[])).toEqual(new Set(names));
    const victim = names.find((n) => n.endsWith('.nom')) ?? '';
    doc.getForm().removeField(doc.getForm().getField(victim));
    const withoutField = await doc.save();
    const madeBeforeTheList = await rewriteAttachment(withoutField, (json) => {
      delete (json as { champs?: unknown }).champs;
    });
    for (const file of [withoutField, madeBeforeTheList]) {
      const read = extraction(await extractPdf(file, 'fiche-client.pdf'));
      const gone = read.erreurs.filter((e) => e.code === 'CHAMP_NON_LU');
      expect(gone.map((e) => e.chemin)).toEqual([`/${victim.split('.').join('/')}`]);
      expect(gone[0]?.message).toContain(`le champ « ${victim} » a disparu de fiche-client.pdf`);
    }
  });
});

describe('valid but nasty files', () => {
  beforeAll(writeCorpus);

  it.each(nastyEntries())('$file (valid but nasty) gives an error value, never a crash', async (entry) => {
    const outcome = await extractPdf(new Uint8Array(readFileSync(join(corpus, entry.file))), entry.file);
    // Not Paperasse PDFs: unknown, or refused when reading their page text would decompress a bomb.
    expect(outcome.ok ? 'OK' : outcome.erreur.code).toBe(entry.file === 'bombe-flux-contenu.pdf' ? 'PDF_ILLISIBLE' : 'FORMULAIRE_INCONNU');
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(256 * MIB);
  });
});
