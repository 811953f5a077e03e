/**
 * readSignatures on real signed Paperasse PDFs: throw-away keys and certificates made with the openssl CLI,
 * placeholders added with @signpdf/placeholder-pdf-lib, signatures made by @signpdf (node-forge) and by
 * `openssl cms`, incremental updates written by hand, and poppler's pdfsig as the independent judge.
 *
 * Findings about the libraries:
 * - @signpdf/signer-p12 (node-forge 1.3.3) reads a P12 made with OpenSSL 3's defaults (AES-256-CBC, PBKDF2,
 *   SHA-256 MAC): the legacy `-keypbe PBE-SHA1-3DES` options are not needed.
 * - node-forge double-encodes non-ASCII names (forge#847): the certificate it embeds keeps its original bytes, but
 *   the SignerInfo's issuerAndSerialNumber carries the issuer re-encoded ("Ã‰lodie"), so neither pkijs nor pdfsig
 *   can match the signer to its certificate. Signatures with a non-ASCII name are made with `openssl cms` here.
 * - @signpdf/placeholder-pdf-lib always names the field "Signature1" and pdf-lib cannot save incrementally, so a
 *   second signature needs a hand-written incremental update (and a renamed field).
 * - pdf-lib's PDFHexString.asBytes() turns non-hex characters into zero bytes without error.
 * - poppler 22.12's pdfsig reports "Unknown Validation Failure." for a valid CMS whose signer is named by subject
 *   key identifier (`openssl cms -keyid`); `openssl cms -verify` judges that case instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignatures } from '../../src/extract/signatures.ts';
import type { SignatureReport } from '../../src/extract/types.ts';
import { paperasse, readJson } from '../helpers.ts';
import { save, tempDir } from '../render/tools.ts';

let dir = '';
let unsigned: Uint8Array;
let withPlaceholder: Buffer;
let signed: Buffer;
let signedAt: number;
let rsa: Identity;
let rsaP12: Buffer;

/** A certificate and its key, as PEM files. */
interface Identity {
  cert: string;
  key: string;
}

/** Runs the openssl CLI and returns its standard output. */
function openssl(args: string[]): Buffer {
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Returns a new self-signed certificate for `subject` (`-newkey` argument: rsa:2048, ec:<params file>…). */
function makeIdentity(name: string, subject: string, newKey: string): Identity {
  const cert = join(dir, `${name}.crt.pem`);
  const key = join(dir, `${name}.key.pem`);
  openssl(['req', '-x509', '-newkey', newKey, '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-utf8', '-subj', subject]);
  return { cert, key };
}

/** Returns a P12 (password `test`) of the identity, with OpenSSL 3's default encryption. */
function makeP12(identity: Identity): Buffer {
  const p12 = `${identity.cert}.p12`;
  openssl(['pkcs12', '-export', '-inkey', identity.key, '-in', identity.cert, '-out', p12, '-passout', 'pass:test']);
  return readFileSync(p12);
}

/** A @signpdf signer that makes the detached CMS with `openssl cms` instead of node-forge. */
class OpensslSigner extends Signer {
  readonly #identity: Identity;
  readonly #extra: string[];

  constructor(identity: Identity, extra: string[] = ['-md', 'sha256']) {
    super();
    this.#identity = identity;
    this.#extra = extra;
  }

  override sign(pdfBuffer: Buffer): Promise<Buffer> {
    const data = join(dir, `cms-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    writeFileSync(`${data}.in`, pdfBuffer);
    openssl(['cms', '-sign', '-binary', '-in', `${data}.in`, '-signer', this.#identity.cert, '-inkey', this.#identity.key, '-outform', 'DER', '-out', `${data}.der`, ...this.#extra]);
    return Promise.resolve(readFileSync(`${data}.der`));
  }
}

/** Returns the PDF with a signature placeholder, saved without object streams; `edit` may change the document first. */
async function addPlaceholder(pdf: Uint8Array, options: { subFilter?: string; edit?: (doc: PDFDocument, widget: PDFRef) => void } = {}): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({ pdfDoc: doc, reason: 'Validation de la grille', contactInfo: 'jean.dupont@example.fr', name: 'Jean Dupont', location: 'Lyon', signingTime: DICTIONARY_DATE, subFilter: options.subFilter });
  options.edit?.(doc, newestField(doc));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Returns the last field of the AcroForm: the widget pdflibAddPlaceholder has just added. */
function newestField(doc: PDFDocument): PDFRef {
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
  const ref = fields.get(fields.size() - 1);
  if (!(ref instanceof PDFRef)) throw new Error('the signature field is not an indirect object');
  return ref;
}

/** Returns the PDF signed by @signpdf with the P12 signer. */
async function signWithP12(pdf: Buffer, p12: Buffer): Promise<Buffer> {
  return new SignPdf().sign(pdf, new P12Signer(p12, { passphrase: 'test' }));
}

/** Returns the bytes of every indirect object of the document, by reference tag. */
function objectBytes(doc: PDFDocument): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) out.set(ref.tag, serialize(object));
  return out;
}

/** Returns the serialized bytes of a PDF object. */
function serialize(object: PDFObject): Uint8Array {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return buffer;
}

/**
 * Returns `base` followed by an incremental update written by hand: the objects `edit` changed or added, a classic
 * xref section listing them, and a trailer whose /Prev points to the previous xref. `base` itself is unchanged.
 */
async function appendRevision(base: Uint8Array, edit: (doc: PDFDocument) => void): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const before = objectBytes(doc);
  edit(doc);
  const chunks: Buffer[] = [Buffer.from('\n')];
  let offset = base.length + 1;
  const entries: string[] = [];
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    const bytes = serialize(object);
    const old = before.get(ref.tag);
    if (old && Buffer.from(old).equals(bytes)) continue;
    const chunk = Buffer.concat([Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`), bytes, Buffer.from('\nendobj\n')]);
    entries.push(`${ref.objectNumber} 1\n${String(offset).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n\r\n`);
    chunks.push(chunk);
    offset += chunk.length;
  }
  const prev = [...Buffer.from(base).toString('latin1').matchAll(/startxref\s+(\d+)/g)].at(-1)?.[1];
  const trailer = doc.context.trailerInfo;
  const info = trailer.Info instanceof PDFRef ? ` /Info ${trailer.Info.toString()}` : '';
  chunks.push(
    Buffer.from(
      `xref\n${entries.join('')}trailer\n<< /Size ${doc.context.largestObjectNumber + 1} /Root ${String(trailer.Root)}${info} /Prev ${prev} >>\nstartxref\n${offset}\n%%EOF\n`,
    ),
  );
  return Buffer.concat([Buffer.from(base), ...chunks]);
}

/** Returns the dictionary of the text field `name`, found with pdf-lib's form API. */
function textFieldDict(doc: PDFDocument, name: string): PDFDict {
  return doc.getForm().getTextField(name).acroField.dict;
}

/** One signature as pdfsig reports it. */
interface PdfsigSignature {
  field: string;
  commonName: string;
  validation: string;
  totalDocumentSigned: boolean;
}

/** Returns pdfsig's report of every signature of the file. */
function pdfsig(pdf: Uint8Array, name: string): PdfsigSignature[] {
  const r = spawnSync('pdfsig', [save(dir, name, pdf)], { encoding: 'utf8' });
  return r.stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      field: /Signature Field Name: (.*)$/m.exec(block)?.[1] ?? '',
      commonName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1] ?? '',
      validation: /Signature Validation: (.*)$/m.exec(block)?.[1] ?? '',
      totalDocumentSigned: /^\s*- Total document signed$/m.test(block),
    }));
}

/** Returns whether `openssl cms -verify` (no chain check) accepts the only signature of the PDF over its byte ranges. */
function opensslVerifies(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  const [, b = '', c = '', d = ''] = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text) ?? [];
  const contents = Buffer.from(text.slice(Number(b) + 1, Number(c) - 1), 'hex');
  const length = contents.readUInt16BE(2) + 4; // 30 82 LL LL
  const data = save(dir, 'verify.data', Buffer.concat([pdf.subarray(0, Number(b)), pdf.subarray(Number(c), Number(c) + Number(d))]));
  const cms = save(dir, 'verify.der', contents.subarray(0, length));
  return spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', data, '-noverify', '-out', '/dev/null']).status === 0;
}

/** Returns the only signature report of the PDF, failing when there is not exactly one. */
async function onlySignature(pdf: Uint8Array): Promise<SignatureReport> {
  const reports = await readSignatures(pdf);
  expect(reports).toHaveLength(1);
  return reports[0] as SignatureReport;
}

/** Returns a copy of `pdf` with `from` (latin1 text, found once) replaced by `to`, of the same length. */
function replaceOnce(pdf: Uint8Array, from: string | RegExp, to: (found: string) => string): Buffer {
  const text = Buffer.from(pdf).toString('latin1');
  const match = typeof from === 'string' ? { index: text.indexOf(from), 0: from } : from.exec(text);
  if (!match || match.index < 0) throw new Error(`${String(from)} is not in the PDF`);
  const replacement = to(match[0]);
  expect(replacement).toHaveLength(match[0].length);
  return Buffer.from(text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length), 'latin1');
}

/** The /M every placeholder gets: far from the CMS' signingTime, so a test tells which one a report uses. */
const DICTIONARY_DATE = new Date('2024-09-02T08:00:00Z');

/** The signature's /Contents: the hex string right after its /ByteRange (signpdf writes lowercase hex). */
const SIGNATURE_CONTENTS = /\/ByteRange \[0 \d+ \d+ \d+\] *\n\/Contents <[0-9a-f]+>/;

/** Returns a replacer for `replaceOnce` that edits the hex digits of the matched /Contents. */
function withHex(edit: (hex: string) => string): (found: string) => string {
  return (found) => found.replace(/<([0-9a-f]+)>/, (_, hex: string) => `<${edit(hex)}>`);
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  dir = tempDir('signatures');
  rsa = makeIdentity('rsa', '/CN=Jean Dupont Test/O=Paperasse Test', 'rsa:2048');
  rsaP12 = makeP12(rsa);
  const r = await paperasse().renderPdf('grille-e42', { donnees: readJson('samples/grille-e42.json'), remplissable: true });
  if (!r.ok) throw new Error(r.erreur.message);
  unsigned = r.octets;
  withPlaceholder = await addPlaceholder(unsigned);
  signedAt = Date.now();
  signed = await signWithP12(withPlaceholder, rsaP12);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readSignatures on a signed Paperasse PDF', () => {
  it('reports the signer, the signing time and an intact signature over the whole document, as pdfsig does', async () => {
    const report = await onlySignature(signed);
    expect(report).toMatchObject({ signataire: 'Jean Dupont Test', integre: true, couvreToutLeDocument: true, modifieApresSignature: false, champsModifies: [], champ: 'Signature1' });
    expect(report.detail).toBeUndefined();
    // The CMS' signingTime, not the dictionary's /M (DICTIONARY_DATE).
    expect(Math.abs(Date.parse(report.date ?? '') - signedAt)).toBeLessThan(60_000);
    expect(pdfsig(signed, 'signed.pdf')).toEqual([{ field: 'Signature1', commonName: 'Jean Dupont Test', validation: 'Signature is Valid.', totalDocumentSigned: true }]);
  });

  it('reports one byte changed inside the signed range (a field value) as a broken signature, as pdfsig does', async () => {
    // "Rousseau-Lambert" as pdf-lib writes it (UTF-16BE hex): its "R" (0052) becomes "S" (0053).
    const value = PDFHexString.fromText('Rousseau-Lambert').toString();
    const tampered = replaceOnce(signed, value, (found) => found.replace('FEFF0052', 'FEFF0053'));
    const report = await onlySignature(tampered);
    expect(report).toMatchObject({ signataire: 'Jean Dupont Test', integre: false, couvreToutLeDocument: true });
    expect(report.detail).toBeUndefined(); // a digest mismatch needs no explanation
    expect(pdfsig(tampered, 'tampered.pdf').map((s) => s.validation)).toEqual(['Digest Mismatch.']);
  });

  it('reports a signature value that does not verify with the certificate’s key, the digest still matching, as pdfsig does', async () => {
    // forge writes the RSA signature (256 bytes) last in the CMS: one of its bytes, outside the signed ranges, is changed.
    const forged = replaceOnce(signed, SIGNATURE_CONTENTS, withHex((hex) => {
      const end = (parseInt(hex.slice(4, 8), 16) + 4) * 2; // 30 82 LL LL: the CMS' DER length
      const at = end - 20;
      return `${hex.slice(0, at)}${hex[at] === '0' ? '1' : '0'}${hex.slice(at + 1)}`;
    }));
    const report = await onlySignature(forged);
    expect(report).toMatchObject({ signataire: 'Jean Dupont Test', integre: false, detail: 'La valeur de la signature ne correspond pas à la clé publique du certificat du signataire.' });
    expect(pdfsig(forged, 'forged.pdf').map((s) => s.validation)).toEqual(['Signature is Invalid.']);
  });

  it('reports a field changed by an incremental update after signing, the signed range itself still intact', async () => {
    const updated = await appendRevision(signed, (doc) => textFieldDict(doc, 'candidat.nom').set(PDFName.of('V'), PDFHexString.fromText('Martin')));
    const report = await onlySignature(updated);
    expect(report).toMatchObject({ integre: true, couvreToutLeDocument: false, modifieApresSignature: true, champsModifies: ['candidat.nom'] });
    // Boxes: pdf-lib's form API sets the field's /V and its widgets' /AS.
    const ticked = await appendRevision(signed, (doc) => {
      const form = doc.getForm();
      const level = form.getRadioGroup('competences.C25.niveau');
      level.select(level.getOptions().find((o) => o !== level.getSelected()) ?? '');
      form.getCheckBox('visaCommission').uncheck();
    });
    expect(await onlySignature(ticked)).toMatchObject({ integre: true, modifieApresSignature: true, champsModifies: ['competences.C25.niveau', 'visaCommission'] });
    // The file really holds the new value (pdf-lib reads the latest revision), and pdfsig finds the signature valid but partial.
    const latest = await PDFDocument.load(updated, { updateMetadata: false });
    expect(latest.getForm().getTextField('candidat.nom').getText()).toBe('Martin');
    expect(pdfsig(updated, 'updated.pdf')).toMatchObject([{ validation: 'Signature is Valid.', totalDocumentSigned: false }]);
  });

  it('reports an annotation added, a page content or the embedded data replaced after signing as a modification without field names', async () => {
    const withComment = await appendRevision(signed, (doc) => {
      const note = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [50, 50, 70, 70], Contents: PDFString.of('Note ajoutée') }));
      doc.getPages()[0]?.node.addAnnot(note);
    });
    expect(await onlySignature(withComment)).toMatchObject({ integre: true, modifieApresSignature: true, champsModifies: [] });
    const newContent = await appendRevision(signed, (doc) => {
      const page = doc.getPages()[1];
      page?.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream('BT /F1 12 Tf 72 720 Td (Remplacé) Tj ET')));
    });
    expect(await onlySignature(newContent)).toMatchObject({ integre: true, modifieApresSignature: true, champsModifies: [] });
    // The embedded paperasse.json, which extraction reads back, replaced by other data.
    const newData = await appendRevision(signed, (doc) => {
      const files = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
      const ef = files.lookup(1, PDFDict).lookup(PDFName.of('EF'), PDFDict);
      ef.set(PDFName.of('F'), doc.context.register(doc.context.flateStream('{"donnees":{}}', { Type: 'EmbeddedFile' })));
    });
    expect(await onlySignature(newData)).toMatchObject({ integre: true, modifieApresSignature: true, champsModifies: [] });
  });

  it('reports two signatures in signing order, the counter-signature alone not modifying the first one', async () => {
    const second = await appendRevision(signed, (doc) => {
      pdflibAddPlaceholder({ pdfDoc: doc, reason: 'Contre-signature', contactInfo: '', name: 'Élodie Lefèvre', location: 'Paris' });
      doc.context.lookup(newestField(doc), PDFDict).set(PDFName.of('T'), PDFString.of('Signature2'));
    });
    const twice = await new SignPdf().sign(second, new OpensslSigner(makeIdentity('counter', '/CN=Élodie Lefèvre Test', 'rsa:2048')));
    const [first, counter] = await readSignatures(twice);
    expect(first).toMatchObject({ champ: 'Signature1', signataire: 'Jean Dupont Test', integre: true, couvreToutLeDocument: false, modifieApresSignature: false, champsModifies: [] });
    expect(counter).toMatchObject({ champ: 'Signature2', signataire: 'Élodie Lefèvre Test', integre: true, couvreToutLeDocument: true, modifieApresSignature: false });
    expect(pdfsig(twice, 'twice.pdf')).toEqual([
      { field: 'Signature1', commonName: 'Jean Dupont Test', validation: 'Signature is Valid.', totalDocumentSigned: false },
      { field: 'Signature2', commonName: 'Élodie Lefèvre Test', validation: 'Signature is Valid.', totalDocumentSigned: true },
    ]);
    // A DSS (validation data) appended later modifies neither.
    const withDss = await appendRevision(twice, (doc) => {
      const cert = doc.context.register(doc.context.stream(readFileSync(rsa.cert)));
      doc.catalog.set(PDFName.of('DSS'), doc.context.obj({ Certs: [cert] }));
    });
    expect((await readSignatures(withDss)).map((r) => [r.integre, r.modifieApresSignature])).toEqual([[true, false], [true, false]]);
    // A field changed after both signatures modifies both.
    const changed = await appendRevision(twice, (doc) => textFieldDict(doc, 'session').set(PDFName.of('V'), PDFHexString.fromText('2031')));
    expect((await readSignatures(changed)).map((r) => r.champsModifies)).toEqual([['session'], ['session']]);
  });
});

describe('readSignatures on other signers and layouts', () => {
  it('decodes a UTF-8 common name and verifies ECDSA P-256 and RSA-PSS SHA-384 signatures made by openssl cms, as pdfsig does', async () => {
    const params = join(dir, 'p256.pem');
    openssl(['ecparam', '-name', 'prime256v1', '-out', params]);
    const ec = makeIdentity('ec', '/CN=Élodie Lefèvre Test/O=Établissement d’essai', `ec:${params}`);
    const pdf = await new SignPdf().sign(withPlaceholder, new OpensslSigner(ec));
    expect(await onlySignature(pdf)).toMatchObject({ signataire: 'Élodie Lefèvre Test', integre: true, couvreToutLeDocument: true });
    expect(pdfsig(pdf, 'ecdsa.pdf')).toMatchObject([{ commonName: 'Élodie Lefèvre Test', validation: 'Signature is Valid.' }]);
    const pss = await new SignPdf().sign(withPlaceholder, new OpensslSigner(rsa, ['-md', 'sha384', '-keyopt', 'rsa_padding_mode:pss']));
    expect(await onlySignature(pss)).toMatchObject({ signataire: 'Jean Dupont Test', integre: true });
    expect(pdfsig(pss, 'pss.pdf')).toMatchObject([{ validation: 'Signature is Valid.' }]);
  });

  it('finds the certificate of a signer named by its subject key identifier, as openssl cms -verify does', async () => {
    const pdf = await new SignPdf().sign(withPlaceholder, new OpensslSigner(rsa, ['-md', 'sha256', '-keyid']));
    expect(await onlySignature(pdf)).toMatchObject({ signataire: 'Jean Dupont Test', integre: true });
    // openssl is the judge here: poppler 22.12's pdfsig reports "Unknown Validation Failure." for such a signer.
    expect(opensslVerifies(pdf)).toBe(true);
  });

  it('verifies a CMS without signed attributes and takes the date from the dictionary’s /M', async () => {
    const pdf = await new SignPdf().sign(withPlaceholder, new OpensslSigner(rsa, ['-md', 'sha256', '-noattr']));
    const report = await onlySignature(pdf);
    expect(report).toMatchObject({ signataire: 'Jean Dupont Test', integre: true });
    expect(report.date).toBe(DICTIONARY_DATE.toISOString());
    expect(pdfsig(pdf, 'noattr.pdf')).toMatchObject([{ validation: 'Signature is Valid.' }]);
    const broken = replaceOnce(pdf, PDFHexString.fromText('Rousseau-Lambert').toString(), (found) => found.replace('FEFF0052', 'FEFF0053'));
    const brokenReport = await onlySignature(broken);
    expect(brokenReport.integre).toBe(false);
    expect(brokenReport.detail).toBeUndefined(); // without signed attributes, a digest mismatch fails the signature itself
  });

  it('finds a signature in a nested field by its full name, and one whose widget is missing from the AcroForm', async () => {
    const nested = await addPlaceholder(unsigned, {
      edit: (doc, widget) => {
        const parent = doc.context.register(doc.context.obj({ FT: 'Sig', T: PDFString.of('visas'), Kids: [widget] }));
        doc.context.lookup(widget, PDFDict).set(PDFName.of('Parent'), parent);
        doc.context.lookup(widget, PDFDict).delete(PDFName.of('FT'));
        replaceField(doc, widget, parent);
      },
    });
    expect(await onlySignature(await signWithP12(nested, rsaP12))).toMatchObject({ champ: 'visas.Signature1', integre: true });
    const orphan = await addPlaceholder(unsigned, { edit: (doc, widget) => replaceField(doc, widget, undefined) });
    expect(await onlySignature(await signWithP12(orphan, rsaP12))).toMatchObject({ champ: 'Signature1', signataire: 'Jean Dupont Test', integre: true });
  });

  it('finds a signature dictionary moved into a compressed object stream, and reports the rewritten file as not intact', async () => {
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const rewritten = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(rewritten).toString('latin1')).not.toContain('/ByteRange');
    const report = await onlySignature(rewritten);
    expect(report).toMatchObject({ signataire: 'Jean Dupont Test', integre: false, champ: 'Signature1' });
    expect(report.detail).toMatch(/réécrit|au-delà/);
  });
});

describe('readSignatures on malformed or unsigned input', () => {
  it('returns no signature for an unsigned PDF, nor for bytes that are not a PDF', async () => {
    expect(await readSignatures(unsigned)).toEqual([]);
    expect(await readSignatures(new TextEncoder().encode('pas un PDF'))).toEqual([]);
  });

  it('reports a /Contents that is not a CMS, or not hexadecimal, as not intact with a French detail, without throwing', async () => {
    const garbage = replaceOnce(signed, SIGNATURE_CONTENTS, withHex((hex) => `deadbeef${hex.slice(8)}`));
    expect(await onlySignature(garbage)).toMatchObject({ signataire: '', integre: false, detail: 'La valeur /Contents n’est pas une structure CMS (PKCS #7) lisible.' });
    const notHex = replaceOnce(signed, SIGNATURE_CONTENTS, withHex((hex) => `zz${hex.slice(2)}`));
    expect(await onlySignature(notHex)).toMatchObject({ integre: false, detail: 'La valeur /Contents de la signature n’est pas une chaîne hexadécimale.' });
    // The DER header announces the whole CMS but only its first 20 bytes are left: no ASN.1 parse, no throw.
    const truncated = replaceOnce(signed, SIGNATURE_CONTENTS, withHex((hex) => hex.slice(0, 40).padEnd(hex.length, '0')));
    expect(await onlySignature(truncated)).toMatchObject({ integre: false, detail: 'La valeur /Contents n’est pas une structure CMS (PKCS #7) lisible.' });
  });

  it('reports a /ByteRange beyond the end of the file or malformed as not intact with a French detail, without throwing', async () => {
    const byteRange = /\/ByteRange \[0 \d+ \d+ \d+\] */;
    const beyond = replaceOnce(signed, byteRange, (found) => {
      const [, b, c] = /\[0 (\d+) (\d+)/.exec(found) ?? [];
      return `/ByteRange [0 ${b} ${c} 99999999]`.padEnd(found.length, ' ');
    });
    expect(await onlySignature(beyond)).toMatchObject({
      signataire: 'Jean Dupont Test',
      integre: false,
      couvreToutLeDocument: false,
      detail: 'Le /ByteRange de la signature désigne des octets au-delà de la fin du fichier.',
    });
    const malformed = replaceOnce(signed, byteRange, (found) => '/ByteRange [0 -1 (x) 2]'.padEnd(found.length, ' '));
    expect(await onlySignature(malformed)).toMatchObject({ integre: false, detail: 'Le /ByteRange de la signature est mal formé : quatre entiers positifs sont attendus.' });
  });

  it('reports an unsupported subfilter (adbe.x509.rsa_sha1) as not intact with a French detail', async () => {
    const pdf = await signWithP12(await addPlaceholder(unsigned, { subFilter: 'adbe.x509.rsa_sha1' }), rsaP12);
    const report = await onlySignature(pdf);
    expect(report.integre).toBe(false);
    expect(report.detail).toBe('Le format de signature adbe.x509.rsa_sha1 n’est pas pris en charge : seuls adbe.pkcs7.detached et ETSI.CAdES.detached sont vérifiés.');
  });

  it('cannot match a node-forge signer with a non-ASCII name to its certificate (forge#847), and neither can pdfsig', async () => {
    const forgeP12 = makeP12(makeIdentity('forge-utf8', '/CN=Élodie Lefèvre Test', 'rsa:2048'));
    const pdf = await signWithP12(withPlaceholder, forgeP12);
    expect(await onlySignature(pdf)).toMatchObject({ signataire: '', integre: false, detail: 'Le certificat du signataire est absent de la signature.' });
    expect(pdfsig(pdf, 'forge-utf8.pdf').map((s) => s.validation)).not.toContain('Signature is Valid.');
  });

  it('never changes the bytes it reads', async () => {
    const updated = await appendRevision(signed, (doc) => textFieldDict(doc, 'candidat.prenom').set(PDFName.of('V'), PDFHexString.fromText('Léa')));
    for (const pdf of [signed, updated, withPlaceholder]) {
      const before = sha256(pdf);
      const copy = Buffer.from(pdf);
      await readSignatures(pdf);
      expect(sha256(pdf)).toBe(before);
      expect(copy.equals(pdf)).toBe(true);
    }
  });
});

/** Puts `replacement` in the AcroForm's /Fields where `widget` is, or just removes `widget` when there is no replacement. */
function replaceField(doc: PDFDocument, widget: PDFRef, replacement: PDFRef | undefined): void {
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
  const index = fields.asArray().findIndex((f) => f === widget);
  if (replacement) fields.set(index, replacement);
  else fields.remove(index);
}
