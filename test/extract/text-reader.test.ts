/**
 * Paperasse's own text-layer reader (src/pdf/content-text.ts behind src/extract/text-layer.ts) on real PDFs: the
 * flattened sample and its reprints by pdftocairo and Ghostscript, a LibreOffice export, pdf-lib's standard fonts;
 * then hand-written content streams for what those tools do not exercise (escapes, inline images, TJ gaps, form
 * XObjects, CMaps with ranges and surrogates, codes without a Unicode map) and the bounds of a hostile stream.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString, StandardFonts, type PDFDict, type PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, withLimits, type ExtractLimits } from '../../src/extract/limits.ts';
import { isUnreadableText, TextLayer, type TextLine } from '../../src/extract/text-layer.ts';
import { OP, readOperators, scanOperators } from '../../src/pdf/content-lexer.ts';
import { openPdf } from '../../src/pdf/open.ts';
import type { Result } from '../../src/core/issues.ts';
import { ROOT, sampleCopy } from '../helpers.ts';
import { tempDir } from '../render/tools.ts';

/** The values the flattened sample was made from (samples/page-de-garde.json). */
interface PageDeGarde {
  candidat: { nom: string; prenom: string };
  etablissement: { nom: string; ville: string };
  visa: { nomQualite: string };
}

/** Returns the text lines of every page of a PDF, read the way extraction reads them. */
async function linesOf(pdf: Uint8Array, limits: ExtractLimits = DEFAULT_LIMITS): Promise<{ result: Result<TextLine[]>; layer: TextLayer }> {
  const opened = await openPdf(pdf, 'lu.pdf', limits);
  if (!opened.ok) throw new Error(opened.erreur.message);
  const layer = new TextLayer(pdf, opened.valeur.doc, 'lu.pdf', limits);
  const result = await layer.lines(100);
  await layer.close();
  return { result, layer };
}

/** Returns the texts of the lines of a PDF (failing the test when they cannot be read). */
async function texts(pdf: Uint8Array): Promise<string[]> {
  const { result } = await linesOf(pdf);
  if (!result.ok) throw new Error(result.erreur.message);
  return result.valeur.map((line) => line.text);
}

/** Returns a one-page PDF whose page draws `content` with the given font resources (and extra objects made by `extra`). */
async function pageWith(content: string, fonts: (doc: PDFDocument) => Record<string, PDFRef | PDFDict>, extra?: (doc: PDFDocument, resources: PDFDict) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([600, 800]);
  const fontDict = doc.context.obj({});
  for (const [name, font] of Object.entries(fonts(doc))) fontDict.set(PDFName.of(name), font);
  const resources = doc.context.obj({ Font: fontDict });
  extra?.(doc, resources);
  page.node.set(PDFName.of('Resources'), resources);
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)));
  return doc.save({ useObjectStreams: false });
}

/** A standard 14 font dictionary, WinAnsi-encoded, without /Widths (as pdf-lib writes them). */
function helvetica(doc: PDFDocument): PDFRef {
  return doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
}

/** A Type0 font, Identity-H, whose /ToUnicode is `cmap` (none when undefined). */
function type0(doc: PDFDocument, cmap: string | undefined): PDFRef {
  const descendant = doc.context.obj({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: 'Essai',
    CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
    DW: 500,
    W: [1, [600, 700], 10, 20, 250],
  });
  const font = doc.context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'Essai', Encoding: 'Identity-H', DescendantFonts: [doc.context.register(descendant)] });
  if (cmap !== undefined) font.set(PDFName.of('ToUnicode'), doc.context.register(doc.context.flateStream(cmap)));
  return doc.context.register(font);
}

let dir = '';
let flattened: Uint8Array = new Uint8Array();

beforeAll(() => {
  dir = tempDir('lecteur-texte');
  flattened = readFileSync(join(ROOT, 'samples/renvoyes/page-de-garde-aplatie.pdf'));
});

/** Returns the PDF rewritten by a command line tool taking `input output`. */
function through(name: string, pdf: Uint8Array, command: (input: string, output: string) => [string, string[]]): Uint8Array {
  const input = join(dir, `${name}-entree.pdf`);
  const output = join(dir, `${name}.pdf`);
  writeFileSync(input, pdf);
  const [program, args] = command(input, output);
  execFileSync(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return readFileSync(output);
}

describe('the text reader on real PDFs', () => {
  const sample = sampleCopy<PageDeGarde>('page-de-garde');

  /** Asserts the lines of a print of the flattened page de garde show its labels next to the sample's values. */
  function expectPageDeGarde(lines: string[], boxes: string): void {
    expect(lines).toContain(`NOM : ${sample.candidat.nom} Prénom : ${sample.candidat.prenom}`);
    expect(lines).toContain(`Nom de l’établissement : ${sample.etablissement.nom} Ville : ${sample.etablissement.ville}`);
    expect(lines).toContain(boxes);
    expect(lines.some((line) => line.startsWith(sample.visa.nomQualite.split(', coordinatrice')[0] ?? '?'))).toBe(true);
    expect(lines.filter(isUnreadableText)).toEqual([]);
  }

  it('reads the flattened page de garde (qpdf): each label on the line of its value, the invisible boxes included', async () => {
    expectPageDeGarde(await texts(flattened), '☐ Candidat scolaire (stagiaire) ☒ Apprenti (contrat d’apprentissage)');
  });

  it('reads the same page redrawn by pdftocairo (poppler) and printed by Ghostscript with its Unicode maps', async () => {
    // pdftocairo drops invisible text (render mode 3): the boxes' ☒ / ☐ are gone, their labels stay.
    expectPageDeGarde(await texts(through('cairo', flattened, (i, o) => ['pdftocairo', ['-pdf', i, o]])), 'Candidat scolaire (stagiaire) Apprenti (contrat d’apprentissage)');
    const printed = await texts(through('gs', flattened, (i, o) => ['gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${o}`, i]]));
    expect(printed).toContain('DOSSIER PROFESSIONNEL');
    expect(printed).toContain('Nom et qualité du signataire Date Signature');
  });

  it('reads a LibreOffice export: accents, guillemets, euro, and a ligature read as its letters', async () => {
    const text = join(dir, 'saisie.txt');
    writeFileSync(text, 'Nom : Dupont\nPrénom : Élodie « œuvre » 12,50 € fin\n');
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profil')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, text], { stdio: 'ignore' });
    const lines = await texts(readFileSync(join(dir, 'saisie.pdf')));
    expect(lines).toEqual(['Nom : Dupont', 'Prénom : Élodie « œuvre » 12,50 € fin']);
  });

  it('measures pdf-lib’s standard fonts with their AFM widths (they carry no /Widths)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([600, 800]);
    const font = await doc.embedFont(StandardFonts.TimesRomanBold);
    page.drawText('Maëlle “ok” œ €', { x: 50, y: 700, size: 12, font });
    const { result } = await linesOf(await doc.save());
    const line = result.ok ? result.valeur[0] : undefined;
    expect(line?.text).toBe('Maëlle “ok” œ €');
    expect(line?.pieces[0]?.x).toBeCloseTo(50, 3);
    expect(line?.pieces[0]?.width).toBeCloseTo(font.widthOfTextAtSize('Maëlle “ok” œ €', 12), 3);
  });
});

describe('the text reader on hand-written content streams', () => {
  it('reads literal strings with escapes, hex strings, and skips comments and inline images', async () => {
    const content = [
      '% un commentaire (Faux) Tj',
      'BT /F1 10 Tf 1 0 0 1 50 700 Tm (Nom \\(1\\) : \\351t\\351\\\n) Tj ET',
      'BI /W 4 /H 1 /BPC 8 /CS /G ID \x00EI)\xff EI',
      'BT /F1 10 Tf 50 680 Td <56696C6C65203A204C796F6E> Tj ET',
    ].join('\n');
    expect(await texts(await pageWith(content, (doc) => ({ F1: helvetica(doc) })))).toEqual(['Nom (1) : été', 'Ville : Lyon']);
  });

  it('places text through cm, Tm, TL and T*, splits TJ at word gaps, and scales the size by Tz and the matrices', async () => {
    const content = '2 0 0 2 0 0 cm BT /F1 5 Tf 12 TL 25 350 Td (Un) Tj T* [(de) -400 (ux)] TJ 50 Tz 0 -12 Td (trois) Tj ET';
    const { result } = await linesOf(await pageWith(content, (doc) => ({ F1: helvetica(doc) })));
    const lines = result.ok ? result.valeur : [];
    expect(lines.map((l) => [l.text, l.y])).toEqual([['Un', 700], ['de ux', 676], ['trois', 652]]);
    expect(lines[1]?.pieces.map((p) => p.x)).toEqual([50, expect.closeTo(50 + 2 * 5 * (0.556 + 0.556 + 0.4), 6) as number]);
    expect(lines[0]?.pieces[0]?.size).toBe(10);
    expect(lines[2]?.pieces[0]?.size).toBe(5);
  });

  it('reads form XObjects with their matrix and own resources, and stops at a form that draws itself', async () => {
    const pdf = await pageWith('q 1 0 0 1 100 0 cm /Fx Do Q', (doc) => ({ F1: helvetica(doc) }), (doc, resources) => {
      const form = doc.context.flateStream('BT /G 10 Tf 0 500 Td (Dans le formulaire) Tj ET /Fx Do', {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, 600, 800],
        Matrix: [1, 0, 0, 1, 10, 0],
        Resources: { Font: { G: helvetica(doc) } },
      });
      const ref = doc.context.register(form);
      form.dict.set(PDFName.of('Resources'), doc.context.obj({ Font: { G: helvetica(doc) }, XObject: { Fx: ref } }));
      resources.set(PDFName.of('XObject'), doc.context.obj({ Fx: ref }));
    });
    const { result } = await linesOf(pdf);
    const lines = result.ok ? result.valeur : [];
    // The form draws itself once inside itself: the cycle guard reads it once.
    expect(lines.map((l) => l.text)).toEqual(['Dans le formulaire']);
    expect(lines[0]?.pieces[0]?.x).toBe(110);
  });

  it('decodes a Type0 font through its ToUnicode map (bfchar, bfrange with an array, a surrogate pair) and its /W widths', async () => {
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      '2 beginbfchar <0001> <00E9> <0002> <D83DDE00> endbfchar',
      '2 beginbfrange <000A> <000C> <0041> <0014> <0015> [<006F> <0153>] endbfrange',
      'endcmap end end',
    ].join('\n');
    const { result } = await linesOf(await pageWith('BT /T 10 Tf 50 700 Td <0001000A000B000C00140015> Tj 0 -20 Td <0002> Tj ET', (doc) => ({ T: type0(doc, cmap) })));
    const lines = result.ok ? result.valeur : [];
    expect(lines.map((l) => l.text)).toEqual(['éABCoœ', '😀']);
    // Widths: CID 1 → 600, 10 to 12 and 20 → 250 each (a /W range), 21 → /DW 500: 2,100 thousandths of 10 pt; CID 2 → 700.
    expect(lines[0]?.pieces[0]?.width).toBeCloseTo(21, 6);
    expect(lines[1]?.pieces[0]?.width).toBeCloseTo(7, 6);
  });

  it('turns codes no map reads into private-use characters, so the text is flagged unreadable, never guessed', async () => {
    const differences = (doc: PDFDocument): PDFRef =>
      doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'ABCDEF+Sub', Encoding: { Type: 'Encoding', Differences: [65, 'g36', 'g37'] } }));
    const lines = await texts(await pageWith('BT /T 10 Tf 50 700 Td <00270028> Tj ET BT /D 10 Tf 50 650 Td (AB) Tj ET', (doc) => ({ T: type0(doc, undefined), D: differences(doc) })));
    expect(lines).toHaveLength(2);
    expect(lines.every(isUnreadableText)).toBe(true);
    expect(lines.join('')).not.toMatch(/[A-Za-z]/);
  });

  it('refuses a page whose content stream uses a compression Paperasse does not decode, or draws more than its cap of operators', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream('garbage', { Filter: 'LZWDecode' })));
    const lzw = await linesOf(await doc.save());
    expect(lzw.result.ok ? '' : lzw.result.erreur.message).toContain('compression que Paperasse ne décode pas');
    expect(lzw.result.ok || lzw.layer.refused(lzw.result.erreur)).toBe(true);

    const many = await pageWith('q Q '.repeat(1_100_000), () => ({}));
    const flood = await linesOf(many);
    expect(flood.result.ok ? '' : flood.result.erreur.message).toContain('trop d’opérations');
    expect(flood.result.ok || flood.layer.refused(flood.result.erreur)).toBe(true);
  });

  it('refuses a content stream that decompresses past the document’s budget, naming the whole budget', async () => {
    const pdf = await pageWith(`BT /F1 10 Tf 50 700 Td (${'x'.repeat(200_000)}) Tj ET`, (doc) => ({ F1: helvetica(doc) }));
    const { result, layer } = await linesOf(pdf, withLimits({ maxInflatedBytes: 100_000 }));
    expect(result.ok ? '' : result.erreur.message).toContain('bombe de décompression');
    expect(result.ok || layer.refused(result.erreur)).toBe(true);
  });
});

describe('the text reader on what its fast path skips', () => {
  /** Returns the lines of a one-page PDF drawing `content` with Helvetica as /F1, as [text, x of each piece, y]. */
  async function placed(content: string, extra?: (doc: PDFDocument, resources: PDFDict) => void): Promise<Array<[string, number[], number]>> {
    const { result } = await linesOf(await pageWith(content, (doc) => ({ F1: helvetica(doc) }), extra));
    if (!result.ok) throw new Error(result.erreur.message);
    return result.valeur.map((line) => [line.text, line.pieces.map((p) => Math.round(p.x * 1000) / 1000), line.y]);
  }

  it('ignores path and painting operators whatever their operands: strings, arrays, dictionaries, names, booleans', async () => {
    const content = [
      '1 2 m 3 4 l [1 2] 0 d /GS0 gs (Faux) 5 6 l <</A [1 (x)] /B true>> 7 8 c null false 10 w 1 2 3 4 re f* W n',
      '0 0 0 RG /Pattern cs /P1 scn 1 0 0 1 0 0 -5 5 5 y h S B* b',
      'BT /F1 10 Tf 50 700 Td (Nom) Tj ET',
    ].join('\n');
    expect(await placed(content)).toEqual([['Nom', [50], 700]]);
  });

  it('reads operators written inside strings and dictionaries as text, never as operators', async () => {
    const content = [
      'BT /F1 10 Tf 50 700 Td (a \\) Tj 9 9 Td (b) Tj) Tj ET',
      // A marked-content dictionary holding a string with « ET BT » and an escaped parenthesis: no text object restarts.
      'BT /F1 10 Tf 50 650 Td /Span <</ActualText (\\) ET BT 0 0 Td)>> BDC (x) Tj EMC ET',
      'BT /F1 10 Tf 50 600 Td <29204554> Tj ET',
    ].join('\n');
    expect(await placed(content)).toEqual([
      ['a ) Tj 9 9 Td (b) Tj', [50], 700],
      ['x', [50], 650],
      [') ET', [50], 600],
    ]);
  });

  it('skips inline images whose data holds EI glued to other bytes, parentheses and operators', async () => {
    const content = [
      'BT /F1 10 Tf 50 700 Td (avant) Tj ET',
      'BI /W 8 /H 1 /BPC 8 /CS /G ID EIx(BT /F1 10 Tf 0 0 Td (Faux) Tj ET\x00EI\xff EI',
      'BT /F1 10 Tf 50 650 Td (apres) Tj ET',
    ].join('\n');
    expect(await placed(content)).toEqual([
      ['avant', [50], 700],
      ['apres', [50], 650],
    ]);
  });

  it('skips comments anywhere, ended by CR or LF, even between an operator’s operands', async () => {
    const content = 'BT /F1 10 Tf 50 % 0 0 Td (commentaire) Tj\r600 Td % (Faux) Tj ET\n(vrai) Tj ET';
    expect(await placed(content)).toEqual([['vrai', [50], 600]]);
  });

  it('restores the matrix at each Q of nested q/Q, and keeps the text state across them', async () => {
    const content = [
      'q 2 0 0 2 0 0 cm q 1 0 0 1 10 10 cm 0 0 m 5 5 l S Q BT /F1 5 Tf 25 300 Td (double) Tj ET Q',
      'BT /F1 10 Tf 50 500 Td (simple) Tj ET',
    ].join('\n');
    const { result } = await linesOf(await pageWith(content, (doc) => ({ F1: helvetica(doc) })));
    const lines = result.ok ? result.valeur : [];
    expect(lines.map((l) => [l.text, l.pieces[0]?.x, l.y, l.pieces[0]?.size])).toEqual([
      ['double', 50, 600, 10],
      ['simple', 50, 500, 10],
    ]);
  });

  it('reads a form drawn by Do inside a text object, and goes on where the text was before it', async () => {
    const content = 'BT /F1 10 Tf 50 400 Td (avant) Tj /Fx Do (apres) Tj ET';
    const lines = await placed(content, (doc, resources) => {
      // No /Resources: the form uses the page's.
      const form = doc.context.flateStream('BT /F1 10 Tf 0 0 Td (forme) Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100], Matrix: [1, 0, 0, 1, 300, 100] });
      resources.set(PDFName.of('XObject'), doc.context.obj({ Fx: doc.context.register(form) }));
    });
    // Helvetica « avant »: a 556 + v 500 + a 556 + n 556 + t 278 = 2,446 thousandths of 10 pt.
    expect(lines).toEqual([
      ['avantapres', [50, 74.46], 400],
      ['forme', [300], 100],
    ]);
  });

  it('reads numbers as PDF writers mangle them, and counts a missing or wrong operand as 0', async () => {
    const content = [
      'BT /F1 10 Tf 1 0 0 1 --50 700- Tm (a) Tj ET',
      'BT /F1 10 Tf 1 0 0 1 +50.0 600 Tm /Nom 0 Td (b) Tj ET',
      'BT /F1 10 Tf 50 500 Td [(c) [(Faux)] <</X (Faux)>> -500 (d)] TJ ET',
    ].join('\n');
    // c (500 thousandths of 10 pt) then a 500 adjustment: d starts 5 + 5 pt after c.
    expect(await placed(content)).toEqual([
      ['a', [50], 700],
      ['b', [50], 600],
      ['c d', [50, 60], 500],
    ]);
  });

  it('keeps the first operands of an operator preceded by more than its cap of operands', async () => {
    const content = `BT /F1 10 Tf 1 0 0 1 50 300 Tm (plafond) ${'0 '.repeat(5_000)}Tj ET`;
    expect(await placed(content)).toEqual([['plafond', [50], 300]]);
  });
});

describe('the content-stream lexer', () => {
  it('gives operators with their operands: numbers, names with #xx, nested arrays and dictionaries, booleans', () => {
    const seen: unknown[] = [];
    const count = readOperators(new TextEncoder().encode('/Tag <</MCID 3 /A [1 -2.5 .5 (x)]>> BDC /N#20a 1 true null op EMC'), (op, args) => {
      seen.push([op, args]);
    });
    expect(count).toBe(3);
    expect(JSON.stringify(seen, (_k, v: unknown): unknown => (v instanceof Map ? (Object.fromEntries(v) as unknown) : v instanceof Uint8Array ? [...v] : v))).toBe(
      JSON.stringify([['BDC', [{ name: 'Tag' }, { MCID: 3, A: [1, -2.5, 0.5, [120]] }]], ['op', [{ name: 'N a' }, 1, true, null]], ['EMC', []]]),
    );
  });

  it('names the operators a text reader uses by code, every other one OTHER, and reads an operand only as the kind asked', () => {
    const seen: unknown[] = [];
    scanOperators(new TextEncoder().encode("q Q 1 2 3 4 5 6 cm BT /F1 9 Tf T* (a) ' 1 2 (b) \" [(c)] TJ /Fx Do Tjx TJJ re l ET"), (code, operands) => {
      seen.push([code, operands.operator(), operands.length, operands.number(0), operands.name(0) ?? '-', operands.bytes(operands.length - 1)?.length ?? '-', operands.array(0)?.length ?? '-']);
    });
    expect(seen).toEqual([
      [OP.q, 'q', 0, 0, '-', '-', '-'],
      [OP.Q, 'Q', 0, 0, '-', '-', '-'],
      [OP.cm, 'cm', 6, 1, '-', '-', '-'],
      [OP.BT, 'BT', 0, 0, '-', '-', '-'],
      [OP.Tf, 'Tf', 2, 0, 'F1', '-', '-'],
      [OP.TStar, 'T*', 0, 0, '-', '-', '-'],
      [OP.Quote, "'", 1, 0, '-', 1, '-'],
      [OP.DoubleQuote, '"', 3, 1, '-', 1, '-'],
      [OP.TJ, 'TJ', 1, 0, '-', '-', 1],
      [OP.Do, 'Do', 1, 0, 'Fx', '-', '-'],
      [OP.OTHER, 'Tjx', 0, 0, '-', '-', '-'],
      [OP.OTHER, 'TJJ', 0, 0, '-', '-', '-'],
      [OP.OTHER, 're', 0, 0, '-', '-', '-'],
      [OP.OTHER, 'l', 0, 0, '-', '-', '-'],
      [OP.OTHER, 'ET', 0, 0, '-', '-', '-'],
    ]);
  });

  it('with textOnly, reports only the operators that have a code (OTHER ones are skipped), each with the count of every operator seen so far', () => {
    const reported: Array<[string, number]> = [];
    const total = scanOperators(
      new TextEncoder().encode('1 2 m 3 4 l S BT /F1 9 Tf 0 0 m (a) Tj h n ET BI /W 1 ID x EI q'),
      (_code, operands) => {
        reported.push([operands.operator(), operands.seen]);
      },
      true,
    );
    expect(reported).toEqual([['BT', 4], ['Tf', 5], ['Tj', 7], ['BI', 11], ['q', 12]]);
    expect(total).toBe(12);
  });

  it('keeps at most 4,096 operands of any kind before an operator, the first ones', () => {
    let kept: unknown[] = [];
    readOperators(new TextEncoder().encode(`(premier) ${'true null [] '.repeat(2_000)}op`), (_op, args) => {
      kept = args;
    });
    expect(kept).toHaveLength(4_096);
    expect(kept.slice(0, 4)).toEqual([Uint8Array.from(new TextEncoder().encode('premier')), true, null, []]);
  });

  it('keeps a bounded depth: 100,000 nested arrays cost one pass and keep nothing deep', () => {
    let operands: unknown[] = [];
    readOperators(new TextEncoder().encode(`${'['.repeat(100_000)}1${']'.repeat(100_000)} Tj`), (_op, args) => {
      operands = args;
    });
    let depth = 0;
    for (let v: unknown = operands[0]; Array.isArray(v); v = (v as unknown[])[0]) depth++;
    expect(depth).toBeLessThanOrEqual(32);
  });
});
