/**
 * Assembly of the dossier professionnel into its two copies, judged with independent tools: pdftk (bookmarks),
 * poppler (text, metadata, attachment, QR raster), qpdf (structure, and the uncompressed bytes searched for the
 * établissement). Justificatifs are the sample's LibreOffice PDF and JPEG / PNG / rotated / two-page /
 * encrypted / truncated variants made from it by poppler and qpdf.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { COPY_FILES, filesBeside, type DossierCopies } from '../../src/api.ts';
import { anonymousData } from '../../src/dossier/assemblage.ts';
import { FORMS } from '../../src/forms/registry.ts';
import { embeddedData } from '../../src/render/renderer.ts';
import { paperasse, sampleCopy, SAMPLES, setAt } from '../helpers.ts';
import { detach, pdfInfo, pdfText, qpdfCheck, readPageQr, save, tempDir } from '../render/tools.ts';

const ID = 'dossier-professionnel';
const FORM = FORMS.find((f) => f.id === ID);
const SAMPLE_ATTESTATION = `${SAMPLES}justificatifs/attestation-employeur-berthier-roux.pdf`;

interface Bookmark {
  title: string;
  level: number;
  page: number;
}

/** Returns the bookmarks pdftk reads, in order. */
function bookmarks(path: string): Bookmark[] {
  const out = execFileSync('pdftk', [path, 'dump_data_utf8'], { encoding: 'utf8' });
  return out
    .split('BookmarkBegin')
    .slice(1)
    .map((block) => ({
      title: (/BookmarkTitle: (.*)/.exec(block)?.[1] ?? '').replace(/&amp;/g, '&').replace(/&#8217;/g, '’'),
      level: Number(/BookmarkLevel: (\d+)/.exec(block)?.[1]),
      page: Number(/BookmarkPageNumber: (\d+)/.exec(block)?.[1]),
    }));
}

function pageText(path: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-raw', path, '-'], { encoding: 'utf8' });
}

/** Returns the file's bytes after qpdf decompressed every stream, as Latin-1 text (one char per byte). */
function uncompressed(path: string, dir: string): string {
  const out = join(dir, `qdf-${Date.now()}-${Math.random()}.pdf`);
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--stream-data=uncompress', path, out]);
  return readFileSync(out).toString('latin1');
}

/** Returns `text` as its bytes in UTF-8, UTF-16BE and PDFDocEncoding-ish Latin-1, each read as Latin-1. */
function encodings(text: string): string[] {
  const utf16 = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) utf16.writeUInt16BE(text.charCodeAt(i), i * 2);
  return [Buffer.from(text, 'utf8').toString('latin1'), utf16.toString('latin1'), Buffer.from(text, 'latin1').toString('latin1'), utf16.toString('hex').toUpperCase(), utf16.toString('hex')];
}

/** Returns a dossier folder holding `data` and the sample attestation, plus the JSON's path. */
function dossierFolder(data: unknown, files: Record<string, Uint8Array | string> = {}): string {
  const dir = tempDir('dossier');
  mkdirSync(join(dir, 'justificatifs'));
  copyFileSync(SAMPLE_ATTESTATION, join(dir, 'justificatifs/attestation-employeur-berthier-roux.pdf'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'dossier.json'), JSON.stringify(data));
  return dir;
}

async function assemble(data: unknown, dir: string) {
  return paperasse().renderDossier(data, { fichiers: filesBeside(dir), date: new Date('2019-03-20T10:00:00Z') });
}

describe('dossier render — the sample, in two copies', () => {
  const out = tempDir('dossier-out');
  let copies: DossierCopies;
  const paths = { etablissement: join(out, COPY_FILES.etablissement), anonyme: join(out, COPY_FILES.anonyme) };
  const establishment = 'CFA de l’Assurance Rhône-Alpes — Lycée Édouard-Herriot';

  beforeAll(async () => {
    const outcome = await assemble(sampleCopy(ID), `${SAMPLES}`);
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    expect(outcome.conformite.conforme).toBe(true);
    copies = outcome.exemplaires;
    save(out, COPY_FILES.etablissement, copies.etablissement);
    save(out, COPY_FILES.anonyme, copies.anonyme);
  });

  it('names the copies without the établissement and writes structurally sound PDFs', () => {
    expect(Object.values(COPY_FILES)).toEqual(['dossier-exemplaire-etablissement.pdf', 'dossier-exemplaire-anonyme.pdf']);
    for (const path of Object.values(paths)) expect(qpdfCheck(path).status).toBe(0);
  });

  it('puts the parts in the circular’s order, with a bookmark for every part, justificatif, fiche and fiche client', () => {
    for (const path of Object.values(paths)) {
      const marks = bookmarks(path);
      expect(marks.map((b) => `${b.level} ${b.title}`)).toEqual([
        '1 Page de garde',
        '1 Attestations et certificats',
        '2 Justificatif n° 1 : Agence Générale Allianz Berthier & Roux, Villeurbanne',
        '1 Fiches contexte',
        '2 Fiche contexte n° 1',
        '2 Fiche contexte n° 2',
        '1 Fiches d’activités E32',
        ...[1, 2, 3, 4, 5].flatMap((n) => [`2 Fiche d’activité n° ${n}`, '3 Fiche client']),
        '1 Fiches d’activités E42',
        ...[6, 7, 8, 9].flatMap((n) => [`2 Fiche d’activité n° ${n}`, '3 Fiche client']),
      ]);
      const pages = marks.map((b) => b.page);
      expect(pages).toEqual([...pages].sort((a, b) => a - b));
      const on = (title: string, nth = 0) => marks.filter((b) => b.title === title)[nth]?.page ?? 0;
      expect(pageText(path, on('Page de garde'))).toContain('Page de garde du dossier professionnel');
      expect(pageText(path, on('Attestations et certificats'))).toContain('Attestations de présence en contrat d’apprentissage');
      expect(pageText(path, on('Justificatif n° 1 : Agence Générale Allianz Berthier & Roux, Villeurbanne'))).toContain('ATTESTATION DE L’EMPLOYEUR');
      expect(pageText(path, on('Fiche contexte n° 2'))).toContain('ANNEXE IV');
      expect(pageText(path, on('Fiche d’activité n° 3'))).toMatch(/ANNEXE V\b/);
      expect(pageText(path, on('Fiche client', 2))).toContain('ANNEXE VI');
      expect(pageText(path, on('Fiche d’activité n° 9'))).toContain('ANNEXE IX');
    }
  });

  it('numbers every page over the whole dossier, inserted pages included', () => {
    for (const path of Object.values(paths)) {
      const total = Number(pdfInfo(path).Pages);
      expect(total).toBeGreaterThan(50);
      for (let p = 1; p <= total; p++) expect(pageText(path, p), `page ${p}`).toContain(`page ${p} / ${total}`);
    }
  });

  it('shows the établissement on the établissement copy (the search below finds it when it is there)', () => {
    const dir = tempDir('qdf');
    expect(pdfText(paths.etablissement).replace(/\s+/g, ' ')).toContain('Lycée Édouard-Herriot');
    expect(pdfInfo(paths.etablissement).Author).toBe(establishment);
    const bytes = uncompressed(paths.etablissement, dir);
    expect(encodings('Herriot').some((e) => bytes.includes(e))).toBe(true);
    expect(JSON.parse(detach(paths.etablissement, 'paperasse.json', dir).toString('utf8'))).toMatchObject({ donnees: { etablissement: { nom: establishment } } });
  });

  it('leaves no trace of the établissement in the anonymous copy: text, metadata, bytes, embedded data, bookmarks, QR codes', () => {
    const dir = tempDir('qdf');
    const path = paths.anonyme;
    // « Rhône-Alpes » alone is not a mention: the sample's fiches name the CARSAT Rhône-Alpes.
    const words = ['Herriot', 'Édouard', 'Edouard', 'CFA de l', 'Assurance Rhône-Alpes'];
    const text = pdfText(path);
    for (const w of words) expect(text, w).not.toContain(w);
    const info = JSON.stringify(pdfInfo(path));
    for (const w of words) expect(info, w).not.toContain(w);
    expect(pdfInfo(path).Author).toBe('Maëlle LEFÈVRE');
    const raw = Buffer.from(copies.anonyme).toString('latin1');
    const flat = uncompressed(path, dir);
    for (const w of words) for (const e of encodings(w)) {
      expect(raw.includes(e), `${w} in the raw bytes`).toBe(false);
      expect(flat.includes(e), `${w} in the uncompressed bytes`).toBe(false);
    }
    const embedded = JSON.parse(detach(path, 'paperasse.json', dir).toString('utf8')) as { documentId: string; donnees: Record<string, unknown> };
    expect(embedded.donnees).not.toHaveProperty('etablissement');
    expect(JSON.stringify(embedded)).not.toMatch(/Herriot|Édouard|CFA de l/);
    expect(bookmarks(path).map((b) => b.title).join('\n')).not.toMatch(/Herriot|CFA/);
    // The QR codes carry the anonymous data's document id, not the établissement copy's.
    const original = JSON.parse(detach(paths.etablissement, 'paperasse.json', dir).toString('utf8')) as { donnees: unknown };
    const anonymousId = FORM ? embeddedData(FORM, anonymousData(original.donnees)).documentId : '';
    expect(embedded.documentId).toBe(anonymousId);
    const total = Number(pdfInfo(path).Pages);
    for (const page of [1, total]) expect(readPageQr(path, page)).toBe(`PAPERASSE;f=dossier-professionnel;v=${FORM?.version ?? ''};d=${anonymousId};p=${page}/${total}`);
    const establishmentQr = readPageQr(paths.etablissement, 1);
    expect(establishmentQr).not.toContain(anonymousId);
  });
});

describe('dossier render — justificatifs', () => {
  const scratch = tempDir('justificatifs');
  const variants: Record<string, string> = {};

  beforeAll(() => {
    execFileSync('pdftoppm', ['-jpeg', '-r', '90', '-singlefile', SAMPLE_ATTESTATION, join(scratch, 'scan')]);
    execFileSync('pdftoppm', ['-png', '-r', '90', '-singlefile', SAMPLE_ATTESTATION, join(scratch, 'scan')]);
    execFileSync('qpdf', ['--empty', '--pages', SAMPLE_ATTESTATION, SAMPLE_ATTESTATION, '--', join(scratch, 'two.pdf')]);
    execFileSync('qpdf', [SAMPLE_ATTESTATION, '--rotate=+90:1', join(scratch, 'rotated.pdf')]);
    execFileSync('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', SAMPLE_ATTESTATION, join(scratch, 'encrypted.pdf')]);
    const bytes = readFileSync(SAMPLE_ATTESTATION);
    writeFileSync(join(scratch, 'truncated.pdf'), bytes.subarray(0, Math.floor(bytes.length * 0.3)));
    writeFileSync(join(scratch, 'notes.pdf'), 'Ceci est un fichier texte renommé en .pdf\n');
    for (const name of ['scan.jpg', 'scan.png', 'two.pdf', 'rotated.pdf', 'encrypted.pdf', 'truncated.pdf', 'notes.pdf']) variants[name] = join(scratch, name);
  });

  /** Returns the sample with its attestations pointing at `files` (copied into the dossier folder). */
  function withFiles(files: string[]) {
    const data = sampleCopy<Record<string, unknown>>(ID);
    const first = (data.attestations as Array<Record<string, unknown>>)[0] ?? {};
    setAt(data, '/attestations', files.map((f, i) => ({ ...first, organisme: `Organisme ${i + 1}`, fichier: `justificatifs/${f}` })));
    const dir = dossierFolder(data, Object.fromEntries(files.map((f) => [`justificatifs/${f}`, readFileSync(variants[f] ?? f)])));
    return { data, dir };
  }

  it('inserts JPEG, PNG and multi-page PDF documents, one dossier page per document page, each bookmarked and captioned', async () => {
    const { data, dir } = withFiles(['scan.jpg', 'scan.png', 'two.pdf', 'rotated.pdf']);
    const outcome = await assemble(data, dir);
    if (!outcome.ok) throw new Error(outcome.erreurs.map((e) => e.message).join('\n'));
    const path = save(dir, 'out.pdf', outcome.exemplaires.anonyme);
    expect(qpdfCheck(path).status).toBe(0);
    const marks = bookmarks(path).filter((b) => b.title.startsWith('Justificatif'));
    expect(marks.map((b) => `${b.title} @${b.page}`)).toEqual(['Justificatif n° 1 : Organisme 1 @3', 'Justificatif n° 2 : Organisme 2 @4', 'Justificatif n° 3 : Organisme 3 @5', 'Justificatif n° 4 : Organisme 4 @7']);
    expect(pageText(path, 5)).toContain('Justificatif n° 3 : Organisme 3 — page 1 / 2');
    expect(pageText(path, 6)).toContain('Justificatif n° 3 : Organisme 3 — page 2 / 2');
    for (const p of [5, 6]) expect(pageText(path, p)).toContain('ATTESTATION DE L’EMPLOYEUR');
    // The page marked /Rotate 90 is shown turned, as a PDF reader shows it: poppler still reads its words.
    expect(pageText(path, 7)).toContain('Berthier');
    expect(pageText(path, 8)).toContain('ANNEXE IV');
    // The images are drawn as images: poppler lists them on their pages.
    const images = execFileSync('pdfimages', ['-list', '-f', '3', '-l', '4', path], { encoding: 'utf8' });
    expect(images.split('\n').filter((l) => /^\s+[34]\s/.test(l)).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a missing document, naming it, and produces no copy', async () => {
    const data = sampleCopy(ID);
    setAt(data, '/attestations/0/fichier', 'justificatifs/absent.pdf');
    const outcome = await assemble(data, dossierFolder(data));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['JUSTIFICATIF_INTROUVABLE /attestations/0/fichier']);
    expect(outcome.erreurs[0]?.message).toContain('« justificatifs/absent.pdf »');
  });

  it('refuses encrypted, truncated and non-PDF documents with JUSTIFICATIF_ILLISIBLE, each named', async () => {
    const { data, dir } = withFiles(['encrypted.pdf', 'truncated.pdf', 'notes.pdf']);
    const outcome = await assemble(data, dir);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual([
      'JUSTIFICATIF_ILLISIBLE /attestations/0/fichier',
      'JUSTIFICATIF_ILLISIBLE /attestations/1/fichier',
      'JUSTIFICATIF_ILLISIBLE /attestations/2/fichier',
    ]);
    const [encrypted, truncated, notes] = outcome.erreurs.map((e) => e.message);
    expect(encrypted).toMatch(/« justificatifs\/encrypted\.pdf » est protégé par un mot de passe/);
    expect(truncated).toMatch(/« justificatifs\/truncated\.pdf » est un PDF endommagé ou incomplet/);
    expect(notes).toMatch(/« justificatifs\/notes\.pdf » n’est ni un PDF, ni une image JPEG ou PNG/);
  });

  it('refuses a path that leaves the dossier’s folder, even in a draft', async () => {
    const data = sampleCopy(ID);
    setAt(data, '/attestations/0/fichier', '../../etc/passwd.pdf');
    const outcome = await paperasse().renderDossier(data, { fichiers: filesBeside(dossierFolder(data)), brouillon: true });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.erreurs.map((e) => e.code)).toContain('JUSTIFICATIF_INTROUVABLE');
  });
});

describe('dossier render — what a justificatif may not be', () => {
  /** Returns the sample whose first attestation names `name`, in a dossier folder. */
  function naming(name: string, files: Record<string, Uint8Array | string> = {}) {
    const data = sampleCopy(ID);
    setAt(data, '/attestations/0/fichier', name);
    return { data, dir: dossierFolder(data, files) };
  }

  it('refuses a FIFO, /dev/zero (through a link) and a folder with JUSTIFICATIF_ILLISIBLE at once, without reading them', async () => {
    const { data, dir } = naming('justificatifs/tube.pdf');
    execFileSync('mkfifo', [join(dir, 'justificatifs/tube.pdf')]);
    const started = Date.now();
    const fifo = await assemble(data, dir);
    expect(!fifo.ok && fifo.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['JUSTIFICATIF_ILLISIBLE /attestations/0/fichier']);
    expect(!fifo.ok && fifo.erreurs[0]?.message).toContain('« justificatifs/tube.pdf »');
    symlinkSync('/dev/zero', join(dir, 'justificatifs/zero.pdf'));
    mkdirSync(join(dir, 'justificatifs/dossier.pdf'));
    for (const name of ['justificatifs/zero.pdf', 'justificatifs/dossier.pdf']) {
      setAt(data, '/attestations/0/fichier', name);
      const outcome = await assemble(data, dir);
      expect(!outcome.ok && outcome.erreurs.map((e) => e.code)).toEqual([name.endsWith('zero.pdf') ? 'JUSTIFICATIF_INTROUVABLE' : 'JUSTIFICATIF_ILLISIBLE']);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a link inside the dossier’s folder that leads outside it, naming the file', async () => {
    const outsideDir = tempDir('dehors');
    copyFileSync(SAMPLE_ATTESTATION, join(outsideDir, 'secret.pdf'));
    const { data, dir } = naming('justificatifs/lien.pdf');
    symlinkSync(join(outsideDir, 'secret.pdf'), join(dir, 'justificatifs/lien.pdf'));
    const outcome = await assemble(data, dir);
    expect(!outcome.ok && outcome.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['JUSTIFICATIF_INTROUVABLE /attestations/0/fichier']);
    expect(!outcome.ok && outcome.erreurs[0]?.message).toMatch(/« justificatifs\/lien\.pdf » est un lien qui mène hors du dossier/);
  });

  it('accepts a link that stays inside the dossier’s folder', async () => {
    const { data, dir } = naming('justificatifs/lien-interne.pdf');
    symlinkSync(join(dir, 'justificatifs/attestation-employeur-berthier-roux.pdf'), join(dir, 'justificatifs/lien-interne.pdf'));
    const outcome = await assemble(data, dir);
    if (!outcome.ok) throw new Error(outcome.erreurs.map((e) => e.message).join('\n'));
  });

  it('writes no JavaScript, /Launch or other action of a justificatif into the copies', async () => {
    const source = await PDFDocument.load(readFileSync(SAMPLE_ATTESTATION));
    const { context } = source;
    source.catalog.set(PDFName.of('OpenAction'), context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("ouvert");') }));
    source.catalog.set(PDFName.of('Names'), context.obj({ JavaScript: { Names: [PDFString.of('x'), { S: 'JavaScript', JS: PDFString.of('this.print();') }] } }));
    const page = source.getPage(0);
    page.node.set(PDFName.of('AA'), context.obj({ O: { S: 'JavaScript', JS: PDFString.of('app.beep(0);') } }));
    page.node.set(PDFName.of('Annots'), context.obj([context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 200, 200], A: { S: 'Launch', F: PDFString.of('calc.exe') } })]));
    const { data, dir } = naming('justificatifs/actif.pdf', { 'justificatifs/actif.pdf': await source.save() });
    const outcome = await assemble(data, dir);
    if (!outcome.ok) throw new Error(outcome.erreurs.map((e) => e.message).join('\n'));
    for (const copy of [outcome.exemplaires.etablissement, outcome.exemplaires.anonyme]) {
      const text = uncompressed(save(dir, `copie-${Math.random()}.pdf`, copy), dir);
      expect(text).toContain('/Type /XObject');
      expect(text).not.toMatch(/\/(JavaScript|JS|Launch|OpenAction|AA)(?![A-Za-z0-9])/);
    }
  });
});

describe('dossier render — refusals and drafts', () => {
  it('refuses the établissement’s name elsewhere in the dossier (the anonymous copy would carry it), naming the field', async () => {
    const data = sampleCopy(ID);
    setAt(data, '/pageDeGarde/visa/nomQualite', 'Mme Françoise Béranger, CFA de l’Assurance Rhône-Alpes — Lycée Édouard-Herriot');
    const outcome = await assemble(data, dossierFolder(data));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['MENTION_ETABLISSEMENT /pageDeGarde/visa/nomQualite']);
  });

  it('refuses invalid data with DONNEES_INVALIDES unless a draft is asked for, which marks both copies', async () => {
    const data = sampleCopy(ID);
    setAt(data, '/session', 1999);
    const dir = dossierFolder(data);
    const refused = await assemble(data, dir);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.erreur.code).toBe('DONNEES_INVALIDES');
    const draft = await paperasse().renderDossier(data, { fichiers: filesBeside(dir), brouillon: true });
    if (!draft.ok) throw new Error(draft.erreur.message);
    expect(draft.brouillon).toBe(true);
    const path = save(dir, 'draft.pdf', draft.exemplaires.anonyme);
    expect(pageText(path, 1)).toContain('BROUILLON');
  });
});
