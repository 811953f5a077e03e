/**
 * Detection and verification of the digital signatures of a PDF, read-only. Every signature dictionary is found
 * through pdf-lib's object model (AcroForm signature fields, nested /Kids, and widgets outside the AcroForm), its
 * CMS (adbe.pkcs7.detached, ETSI.CAdES.detached) is read by `cms.ts`, the signed byte ranges are digested and
 * compared with the messageDigest attribute, and the signature over the signed attributes is verified with the
 * certificate's public key by node:crypto (RSA PKCS #1 v1.5, RSA-PSS, ECDSA). Trust is not judged (a self-signed certificate is fine): this reports integrity.
 * When bytes follow a signature (incremental updates), its signed revision is compared with the whole file to tell
 * which fields changed after signing. The document is only ever loaded, never saved.
 *
 * Library notes: node-forge double-encodes non-ASCII names when it re-encodes a certificate (forge#847), so it is
 * not used here; pdf-lib's PDFHexString.asBytes() silently turns non-hex characters into zero bytes, so /Contents
 * is decoded here, strictly.
 */
import { constants, createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { pdfName } from '../pdf/keys.ts';
import { DEFAULT_LIMITS, type ExtractLimits } from './limits.ts';
import { walkFields, type FieldLeaf } from '../pdf/fields.ts';
import { loadDocument } from '../pdf/load.ts';
import type { SignatureReport } from './types.ts';
import { CmsError, elementLength, pssParameters, readCertificate, readContentInfo, readSignedData, timeOf, type CertificateParts, type CmsSigner, type SignedData } from './cms.ts';

/** A check that failed for a reason other than a digest mismatch; its message is the report's French `detail`. */
class SignatureFailure extends Error {}

/** A signature dictionary and the full name of its field, when it has one. */
interface FoundSignature {
  dict: PDFDict;
  champ: string | undefined;
}

/** /ByteRange: [start, length, start, length] of the two signed ranges. */
type ByteRange = readonly [number, number, number, number];

/** What the cryptographic check of one signature gives. */
export interface Verification {
  signataire: string;
  signingTime: string | null;
  integre: boolean;
  detail?: string;
}

/** The signer of a CMS SignedData: its SignerInfo and, when the CMS carries it, its certificate. */
interface Signer {
  info: CmsSigner;
  certificate: CertificateParts | undefined;
}

/** What changed in the file after a signature. */
interface Changes {
  modifie: boolean;
  champs: string[];
}

/** Loads (once) the document made of the file's first `end` bytes. */
type RevisionLoader = (end: number) => Promise<PDFDocument | null>;

const SUPPORTED_SUBFILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);
/** Digest algorithms (OID → node:crypto name) accepted (those WebCrypto supports, which the pkijs check accepted). */
const HASHES: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_RSA_PSS = '1.2.840.113549.1.1.10';
/** Signature algorithms verified: how, and with which digest (undefined: the SignerInfo's digestAlgorithm). */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, { kind: 'rsa' | 'ecdsa'; hash?: string }>> = {
  '1.2.840.113549.1.1.1': { kind: 'rsa' },
  '1.2.840.113549.1.1.5': { kind: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  '1.2.840.10045.2.1': { kind: 'ecdsa' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
};
/** Deepest field tree or object graph walked: deeper structures are hostile or broken. */
const MAX_DEPTH = 64;

const UNREADABLE_CMS = 'La valeur /Contents n’est pas une structure CMS (PKCS #7) lisible.';
const UNVERIFIABLE = 'La signature n’a pas pu être vérifiée avec la clé du certificat : algorithme non pris en charge ou données corrompues.';


/** What `readSignatures` may reuse: the document already parsed from the whole file, its name and the limits. */
export interface SignatureSource {
  /** The whole file as already parsed (guarded) by the caller; parsed here when absent. */
  document?: PDFDocument;
  /** The terminal fields of `document`, as the caller's walk found them (walked here when absent). */
  fields?: readonly FieldLeaf[];
  /** The page dictionaries of `document`, in order, as the caller's walk found them (pdf-lib's pages when absent). */
  pages?: readonly PDFDict[];
  name?: string;
  limits?: ExtractLimits;
}

/** Returns one report per digital signature of the PDF, in signing order; [] when it has none or cannot be parsed. */
export async function readSignatures(bytes: Uint8Array, source: SignatureSource = {}): Promise<SignatureReport[]> {
  const name = source.name ?? '';
  const limits = source.limits ?? DEFAULT_LIMITS;
  const revisions = new Map<number, Promise<PDFDocument | null>>();
  if (source.document !== undefined) revisions.set(bytes.length, Promise.resolve(source.document));
  const revision: RevisionLoader = (end) => {
    let doc = revisions.get(end);
    if (!doc) revisions.set(end, (doc = loadRevision(bytes, end, name, limits)));
    return doc;
  };
  const current = await revision(bytes.length);
  if (!current) return [];
  const reports: Array<{ end: number; report: SignatureReport }> = [];
  const signatures = current === source.document ? findSignatures(current, source.fields, source.pages) : findSignatures(current);
  for (const found of signatures) {
    const range = readByteRange(found.dict);
    reports.push({ end: range ? range[2] + range[3] : Number.MAX_SAFE_INTEGER, report: await reportOf(bytes, found, range, revision) });
  }
  return reports.sort((a, b) => a.end - b.end).map((r) => r.report);
}

/** Returns the document made of the file's first `end` bytes (parsed from a copy, streams bounded), or null when it cannot be parsed. */
async function loadRevision(bytes: Uint8Array, end: number, name: string, limits: ExtractLimits): Promise<PDFDocument | null> {
  const loaded = await loadDocument(bytes.slice(0, end), name, limits, true);
  return loaded.ok ? loaded.valeur : null;
}

/** Returns the report of one signature: its cryptographic check, then what changed in the file after it. */
async function reportOf(bytes: Uint8Array, found: FoundSignature, range: ByteRange | null, revision: RevisionLoader): Promise<SignatureReport> {
  const verification = verify(bytes, found.dict, range);
  const end = range ? range[2] + range[3] : 0;
  const followed = range !== null && range[0] === 0 && end < bytes.length;
  const changes = followed ? await changesAfter(revision, end, bytes.length) : { modifie: false, champs: [] };
  const report: SignatureReport = {
    signataire: verification.signataire,
    date: verification.signingTime ?? dictionaryDate(found.dict),
    integre: verification.integre,
    couvreToutLeDocument: range !== null && range[0] === 0 && end === bytes.length,
    modifieApresSignature: changes.modifie,
    champsModifies: changes.champs,
  };
  if (found.champ !== undefined) report.champ = found.champ;
  if (verification.detail !== undefined) report.detail = verification.detail;
  return report;
}

// ---------------------------------------------------------------------------------------------------------------
// Finding the signature dictionaries
// ---------------------------------------------------------------------------------------------------------------

/** A terminal form field: its full name, type and value (both inherited when absent), and its widgets. */
interface FieldNode {
  name: string;
  type: string | undefined;
  value: PDFObject | undefined;
  widgets: PDFDict[];
}

/** Returns every signature dictionary of the document: those of the AcroForm's signature fields, then those of widgets outside it. */
function findSignatures(doc: PDFDocument, fields?: readonly FieldLeaf[], pages?: readonly PDFDict[]): FoundSignature[] {
  const found = new Map<PDFDict, string | undefined>();
  for (const field of orEmpty(() => fields ?? walkFields(doc.context, doc.catalog).fields)) {
    const dict = field.type === pdfName('Sig') ? signatureDictionary(field.value) : undefined;
    if (dict && !found.has(dict)) found.set(dict, field.name);
  }
  for (const annotation of orEmpty(() => pageAnnotations(doc, pages).flat())) {
    const dict = signatureDictionary(annotation.lookup(pdfName('V')));
    if (dict && !found.has(dict)) found.set(dict, fullName(annotation));
  }
  return [...found].map(([dict, champ]) => ({ dict, champ }));
}

/** Returns the object when it is a signature dictionary (a dictionary with /ByteRange and /Contents), else undefined. */
function signatureDictionary(object: PDFObject | undefined): PDFDict | undefined {
  return object instanceof PDFDict && object.has(pdfName('ByteRange')) && object.has(pdfName('Contents')) ? object : undefined;
}

/** Returns the terminal fields of the AcroForm (the one field walker, or what it found already), with their fully qualified names ("parent.child"). */
function formFields(doc: PDFDocument, walked?: readonly FieldLeaf[]): FieldNode[] {
  return (walked ?? walkFields(doc.context, doc.catalog).fields).map((field) => ({
    name: field.name,
    type: nameOf(field.type),
    value: field.value,
    widgets: field.widgets,
  }));
}

/** Returns the fully qualified name of a field or widget from its /Parent chain, or undefined when no level has a /T. */
function fullName(dict: PDFDict): string | undefined {
  const parts: string[] = [];
  const seen = new Set<PDFDict>();
  for (let node: PDFDict | undefined = dict; node && !seen.has(node) && seen.size < MAX_DEPTH; node = asDict(node.lookup(pdfName('Parent')))) {
    seen.add(node);
    const partial = textOf(node.lookup(pdfName('T')));
    if (partial !== undefined) parts.unshift(partial);
  }
  return parts.length > 0 ? parts.join('.') : undefined;
}

/** Returns the field type of a widget or field, looked up through its /Parent chain. */
function inheritedType(dict: PDFDict): string | undefined {
  const seen = new Set<PDFDict>();
  for (let node: PDFDict | undefined = dict; node && !seen.has(node) && seen.size < MAX_DEPTH; node = asDict(node.lookup(pdfName('Parent')))) {
    seen.add(node);
    const type = nameOf(node.lookup(pdfName('FT')));
    if (type !== undefined) return type;
  }
  return undefined;
}

/** Returns the annotation dictionaries of each page, in page order. */
function pageAnnotations(doc: PDFDocument, pages?: readonly PDFDict[]): PDFDict[][] {
  return (pages ?? doc.getPages().map((page) => page.node)).map((page) => dictsOf(page.lookup(pdfName('Annots'))));
}

// ---------------------------------------------------------------------------------------------------------------
// Cryptographic check
// ---------------------------------------------------------------------------------------------------------------

/** Returns the /ByteRange as four integers, or null when it is not an array of four non-negative integers. */
function readByteRange(dict: PDFDict): ByteRange | null {
  const array = dict.lookup(pdfName('ByteRange'));
  if (!(array instanceof PDFArray) || array.size() !== 4) return null;
  const numbers = array.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN));
  if (!numbers.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = numbers;
  return [a, b, c, d];
}

/** Returns the check of one signature (signer, signing time, integrity); never throws: a failure is `integre: false` with a French detail. */
function verify(bytes: Uint8Array, dict: PDFDict, range: ByteRange | null): Verification {
  let contents: Uint8Array;
  try {
    const subFilter = nameOf(dict.lookup(pdfName('SubFilter')));
    if (subFilter !== undefined && !SUPPORTED_SUBFILTERS.has(subFilter)) {
      throw new SignatureFailure(`Le format de signature ${subFilter} n’est pas pris en charge : seuls adbe.pkcs7.detached et ETSI.CAdES.detached sont vérifiés.`);
    }
    contents = contentsOf(dict);
  } catch (error) {
    return { signataire: '', signingTime: null, integre: false, detail: error instanceof SignatureFailure ? error.message : UNVERIFIABLE };
  }
  return verifyDetachedCms(contents, () => signedBytes(bytes, range, dict));
}

/**
 * Returns the check of a detached CMS signature (signer, signing time, integrity) over the bytes `signed` returns
 * (asked for once the CMS is read; it may throw a `SignatureFailure`); never throws: a failure is `integre: false`
 * with a French detail.
 */
export function verifyDetachedCms(contents: Uint8Array, signed: () => Uint8Array): Verification {
  const result: Verification = { signataire: '', signingTime: null, integre: false };
  try {
    const cms = parseCms(contents);
    const signer = signerOf(cms);
    result.signataire = signer.certificate?.commonName ?? '';
    result.signingTime = signingTime(signer.info);
    result.integre = checkIntegrity(signer, signed());
  } catch (error) {
    result.detail = error instanceof SignatureFailure ? error.message : UNVERIFIABLE;
  }
  return result;
}

/** Returns the bytes of /Contents, decoded strictly from hexadecimal. */
function contentsOf(dict: PDFDict): Uint8Array {
  const contents = dict.lookup(pdfName('Contents'));
  if (contents instanceof PDFString) return contents.asBytes();
  if (!(contents instanceof PDFHexString)) throw new SignatureFailure('La signature n’a pas de valeur /Contents.');
  const hex = contents.asString().replace(/[\0\t\n\f\r ]/g, '');
  if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new SignatureFailure('La valeur /Contents de la signature n’est pas une chaîne hexadécimale.');
  return Uint8Array.from(Buffer.from(hex.length % 2 === 1 ? `${hex}0` : hex, 'hex'));
}

/** Returns the CMS SignedData of the signature, trimmed to its ASN.1 length (/Contents is padded with zeros). */
function parseCms(contents: Uint8Array): SignedData {
  const length = contents[0] === 0x30 ? elementLength(contents) : null;
  if (length === null) throw new SignatureFailure(UNREADABLE_CMS);
  let info: ReturnType<typeof readContentInfo>;
  try {
    info = readContentInfo(contents.subarray(0, length));
  } catch (error) {
    throw unreadable(error);
  }
  if (info.contentType !== OID_SIGNED_DATA) throw new SignatureFailure('La structure CMS de la signature n’est pas de type SignedData.');
  try {
    return readSignedData(info.content);
  } catch (error) {
    throw unreadable(error);
  }
}

/** Returns the failure of a CMS structure that could not be read (an unexpected error of ours is rethrown as is). */
function unreadable(error: unknown): unknown {
  return error instanceof CmsError ? new SignatureFailure(UNREADABLE_CMS) : error;
}

/** Returns the first signer of the CMS and its certificate, found by issuer and serial number or by key identifier. */
function signerOf(cms: SignedData): Signer {
  const info = cms.signers[0];
  if (!info) throw new SignatureFailure('La structure CMS de la signature ne contient aucun signataire.');
  const certificates = cms.certificates.flatMap((der) => {
    try {
      return [readCertificate(der)];
    } catch {
      return [];
    }
  });
  const sid = info.sid;
  if ('issuer' in sid) {
    return { info, certificate: certificates.find((c) => equalBytes(c.issuer, sid.issuer) && equalBytes(c.serialNumber, sid.serialNumber)) };
  }
  const sha1 = (c: CertificateParts): Buffer => createHash('sha1').update(c.publicKeyBits).digest();
  return { info, certificate: certificates.find((c) => sha1(c).equals(sid.keyId)) };
}

/** Returns whether two byte arrays hold the same bytes. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** Returns the signingTime signed attribute as ISO 8601, or null when absent. */
function signingTime(info: CmsSigner): string | null {
  return timeOf(info.signedAttributes?.values.get(OID_SIGNING_TIME))?.toISOString() ?? null;
}

/** Returns the signed byte ranges, concatenated, after checking they lie in the file and leave out exactly /Contents. */
function signedBytes(bytes: Uint8Array, range: ByteRange | null, dict: PDFDict): Uint8Array {
  if (!range) throw new SignatureFailure('Le /ByteRange de la signature est mal formé : quatre entiers positifs sont attendus.');
  const [a, b, c, d] = range;
  if (a + b > bytes.length || c + d > bytes.length) {
    throw new SignatureFailure('Le /ByteRange de la signature désigne des octets au-delà de la fin du fichier.');
  }
  if (a + b > c) throw new SignatureFailure('Les deux plages du /ByteRange de la signature se chevauchent.');
  checkGap(bytes.subarray(a + b, c), dict);
  const signed = new Uint8Array(b + d);
  signed.set(bytes.subarray(a, a + b), 0);
  signed.set(bytes.subarray(c, c + d), b);
  return signed;
}

/** Throws when the bytes left out of the signed ranges are not the /Contents string itself (a file rewritten after signing). */
function checkGap(gap: Uint8Array, dict: PDFDict): void {
  const text = Buffer.from(gap).toString('latin1');
  const contents = dict.lookup(pdfName('Contents'));
  const hexMatches = contents instanceof PDFHexString && text === `<${contents.asString()}>`;
  const literalMatches = contents instanceof PDFString && text.startsWith('(') && text.endsWith(')');
  if (!hexMatches && !literalMatches) {
    throw new SignatureFailure('Les octets laissés hors de la signature ne sont pas sa valeur /Contents : le fichier a été réécrit après la signature.');
  }
}

/** Returns whether the signed bytes match the messageDigest attribute and the signature verifies with the certificate's key; throws on any other failure. */
function checkIntegrity(signer: Signer, signed: Uint8Array): boolean {
  const oid = signer.info.digestAlgorithm.oid;
  const hash = HASHES[oid];
  if (!hash) throw new SignatureFailure(`L’algorithme d’empreinte ${oid} de la signature n’est pas pris en charge.`);
  const attributes = signer.info.signedAttributes;
  if (attributes !== undefined) {
    const expected = attributes.values.get(OID_MESSAGE_DIGEST);
    if (expected?.tag !== 0x04) throw new SignatureFailure('L’attribut signé messageDigest est absent de la signature.');
    if (!createHash(hash).update(signed).digest().equals(expected.buf.subarray(expected.contentStart, expected.contentEnd))) return false;
  }
  if (!signer.certificate) throw new SignatureFailure('Le certificat du signataire est absent de la signature.');
  if (attributes !== undefined && !attributes.values.has(OID_CONTENT_TYPE)) {
    throw new SignatureFailure('L’attribut signé contentType est absent de la signature.');
  }
  const verified = signatureVerifies(signer.info, signer.certificate, attributes?.signedBytes ?? signed, hash);
  // Without signed attributes the signature covers the content's digest itself: failing is a digest mismatch.
  if (!verified && attributes) throw new SignatureFailure('La valeur de la signature ne correspond pas à la clé publique du certificat du signataire.');
  return verified;
}

/**
 * Returns whether the signer's signature over `data` (its signed attributes re-tagged as a SET, or the signed bytes
 * themselves) verifies with the certificate's public key (no chain or trust check); throws on an unsupported
 * algorithm or a key that does not fit it.
 */
function signatureVerifies(info: CmsSigner, certificate: CertificateParts, data: Uint8Array, digest: string): boolean {
  try {
    const publicKey = publicKeyOf(certificate);
    const algorithm = info.signatureAlgorithm;
    if (algorithm.oid === OID_RSA_PSS) {
      const pss = pssParameters(algorithm.parameters);
      const hash = HASHES[pss.hash];
      if (hash === undefined || pss.mgfHash !== pss.hash) throw new SignatureFailure(UNVERIFIABLE);
      return verifySignature(hash, data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, info.signature);
    }
    const known = SIGNATURE_ALGORITHMS[algorithm.oid];
    if (known === undefined || publicKey.asymmetricKeyType !== (known.kind === 'rsa' ? 'rsa' : 'ec')) throw new SignatureFailure(UNVERIFIABLE);
    const options = known.kind === 'rsa' ? { key: publicKey, padding: constants.RSA_PKCS1_PADDING } : { key: publicKey, dsaEncoding: 'der' as const };
    return verifySignature(known.hash ?? digest, data, options, info.signature);
  } catch (error) {
    if (error instanceof SignatureFailure) throw error;
    throw new SignatureFailure(UNVERIFIABLE);
  }
}

/** Most public keys kept imported (the oldest is dropped first), and the largest kept (an RSA-8192 key is about 1 KB). */
const MAX_IMPORTED_KEYS = 256;
const MAX_KEPT_KEY_BYTES = 4096;
/** Public keys already imported, by their SubjectPublicKeyInfo (base64 of the DER): OpenSSL's import costs more than the check. */
const importedKeys = new Map<string, KeyObject>();

/**
 * Returns the certificate's public key, imported from its SubjectPublicKeyInfo (measured: 0.33 ms for an RSA key,
 * against 0.47 ms through node:crypto's X509Certificate, which parses the whole certificate to give the same key),
 * or the same key imported before.
 */
function publicKeyOf(certificate: CertificateParts): KeyObject {
  const der = Buffer.from(certificate.publicKeyInfo);
  if (der.length > MAX_KEPT_KEY_BYTES) return createPublicKey({ key: der, format: 'der', type: 'spki' });
  // The same signers come back again and again (a tutor, a school's head): a key is imported once per worker.
  const id = der.toString('base64');
  let key = importedKeys.get(id);
  if (key === undefined) {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.delete(importedKeys.keys().next().value as string);
    importedKeys.set(id, key);
  }
  return key;
}

// ---------------------------------------------------------------------------------------------------------------
// Changes after signing
// ---------------------------------------------------------------------------------------------------------------

/** The state of one field name in a revision: whether it is a signature field, and its values (one per field of that name). */
interface FieldState {
  signature: boolean;
  states: string[];
}

/** Keys left out of every fingerprint: back links that would pull the page tree or the field tree in. */
const BACK_LINKS: ReadonlySet<string> = new Set(['Parent', 'P']);
/** Page keys left out of a page's own fingerprint: its annotations are compared one by one. */
const PAGE_SKIPPED: ReadonlySet<string> = new Set(['Annots', ...BACK_LINKS]);
/** Widget keys left out of an annotation's fingerprint: a field's value and looks, compared as field values. */
const WIDGET_SKIPPED: ReadonlySet<string> = new Set(['V', 'AS', 'AP', ...BACK_LINKS]);
/**
 * Catalog keys left out of its fingerprint: what a later signature or validation data may legitimately change
 * (the form, compared field by field; the pages, compared one by one; DSS, metadata, permissions, extensions, structure).
 * What stays in (embedded files, JavaScript, open action…) must not change after signing.
 */
const CATALOG_SKIPPED: ReadonlySet<string> = new Set(['AcroForm', 'Pages', 'DSS', 'Metadata', 'Perms', 'Extensions', 'StructTreeRoot', 'Version', ...BACK_LINKS]);

/** Returns what changed between the signed revision (`end` bytes) and the whole file: changed field names, changed pages, annotations or document-level objects. */
async function changesAfter(revision: RevisionLoader, end: number, total: number): Promise<Changes> {
  const [signedDoc, currentDoc] = await Promise.all([revision(end), revision(total)]);
  // A signed revision that cannot be read cannot be shown unchanged.
  if (!signedDoc || !currentDoc) return { modifie: true, champs: [] };
  try {
    const champs = changedFields(fieldStates(signedDoc), fieldStates(currentDoc));
    const before = documentFingerprints(signedDoc);
    const after = documentFingerprints(currentDoc);
    const documentChanged = before.length !== after.length || before.some((p, i) => p !== after[i]);
    return { modifie: champs.length > 0 || documentChanged, champs };
  } catch {
    return { modifie: true, champs: [] };
  }
}

/** Returns the state of every field of the document, by fully qualified name. */
function fieldStates(doc: PDFDocument): Map<string, FieldState> {
  const fingerprints = new Fingerprints(doc.context);
  const states = new Map<string, FieldState>();
  for (const field of formFields(doc)) {
    const signature = field.type === 'Sig';
    const state = signature ? signatureState(field.value) : `${fingerprints.of(field.value)}|${field.widgets.map((w) => fingerprints.of(w.get(pdfName('AS')))).join(',')}`;
    const entry = states.get(field.name) ?? { signature, states: [] };
    entry.states.push(state);
    states.set(field.name, entry);
  }
  return states;
}

/** Returns a signature field's value as its /ByteRange, '' when the field is not signed. */
function signatureState(value: PDFObject | undefined): string {
  return signatureDictionary(value)?.lookup(pdfName('ByteRange'))?.toString() ?? '';
}

/** Returns the names of the fields whose value changed; signing a blank signature field or adding a signature field is not a change. */
function changedFields(before: Map<string, FieldState>, after: Map<string, FieldState>): string[] {
  const changed: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(name);
    const now = after.get(name);
    if (old?.signature || (!old && now?.signature)) {
      if (old && old.states.some((s) => s !== '' && !now?.states.includes(s))) changed.push(name);
    } else if (old?.states.join('\n') !== now?.states.join('\n')) {
      changed.push(name);
    }
  }
  return changed.sort();
}

/** Returns the fingerprint of the catalog (embedded files, actions…), then one per page: its dictionary (content, resources, boxes) and its annotations other than signature widgets. */
function documentFingerprints(doc: PDFDocument): string[] {
  const fingerprints = new Fingerprints(doc.context);
  const annotations = pageAnnotations(doc);
  const catalog = fingerprints.of(doc.catalog, CATALOG_SKIPPED);
  return [catalog, ...doc.getPages().map((page, i) => {
    const others = (annotations[i] ?? [])
      .filter((a) => !isSignatureWidget(a))
      .map((a) => fingerprints.of(a, nameOf(a.lookup(pdfName('Subtype'))) === 'Widget' ? WIDGET_SKIPPED : BACK_LINKS))
      .sort();
    return `${fingerprints.of(page.node, PAGE_SKIPPED)}|${others.join(',')}`;
  })];
}

/** Returns whether an annotation is the widget of a signature field. */
function isSignatureWidget(annotation: PDFDict): boolean {
  return inheritedType(annotation) === 'Sig' || signatureDictionary(annotation.lookup(pdfName('V'))) !== undefined;
}

/** Content fingerprints of PDF objects, following references (each indirect object hashed once) and stopping at cycles. */
class Fingerprints {
  readonly #memo = new Map<string, string>();
  readonly #active = new Set<string>();
  readonly #context: PDFContext;

  constructor(context: PDFContext) {
    this.#context = context;
  }

  /** Returns a string that changes when the object's content changes, `skip` keys of a dictionary left out. */
  of(object: PDFObject | undefined, skip: ReadonlySet<string> = BACK_LINKS, depth = 0): string {
    if (object === undefined) return '';
    if (depth > MAX_DEPTH) return '…';
    if (object instanceof PDFRef) return this.#ofReference(object, depth);
    if (object instanceof PDFDict) return this.#ofDict(object, skip, depth);
    if (object instanceof PDFArray) return `[${object.asArray().map((item) => this.of(item, BACK_LINKS, depth + 1)).join(' ')}]`;
    if (object instanceof PDFStream) return `${this.#ofDict(object.dict, BACK_LINKS, depth)}stream:${sha256(object.getContents())}`;
    if (object instanceof PDFString || object instanceof PDFHexString) return `(${object.decodeText()})`;
    return object.toString();
  }

  #ofReference(ref: PDFRef, depth: number): string {
    const tag = ref.tag;
    const known = this.#memo.get(tag);
    if (known !== undefined) return known;
    if (this.#active.has(tag)) return 'cycle';
    this.#active.add(tag);
    const digest = sha256(Buffer.from(this.of(this.#context.lookup(ref), BACK_LINKS, depth + 1), 'utf8'));
    this.#active.delete(tag);
    this.#memo.set(tag, digest);
    return digest;
  }

  #ofDict(dict: PDFDict, skip: ReadonlySet<string>, depth: number): string {
    const entries = dict
      .entries()
      .map(([name, value]) => [name.decodeText(), value] as const)
      .filter(([name]) => !skip.has(name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `<<${entries.map(([name, value]) => `/${name} ${this.of(value, BACK_LINKS, depth + 1)}`).join(' ')}>>`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small readers
// ---------------------------------------------------------------------------------------------------------------

/** Returns the SHA-256 of the bytes, in hexadecimal. */
function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Returns the signature dictionary's /M as ISO 8601, or null when absent or not a PDF date. */
function dictionaryDate(dict: PDFDict): string | null {
  const m = dict.lookup(pdfName('M'));
  if (!(m instanceof PDFString) && !(m instanceof PDFHexString)) return null;
  try {
    const date = m.decodeDate();
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  } catch {
    return null;
  }
}

/** Returns what `list` returns, or [] when it throws (a broken page tree, a /Pages that is not a dictionary…). */
function orEmpty<T>(list: () => readonly T[]): readonly T[] {
  try {
    return list();
  } catch {
    return [];
  }
}

/** Returns the object when it is a dictionary, else undefined. */
function asDict(object: PDFObject | undefined): PDFDict | undefined {
  return object instanceof PDFDict ? object : undefined;
}

/** Returns the dictionaries of an array (references resolved), [] when it is not an array. */
function dictsOf(object: PDFObject | undefined): PDFDict[] {
  if (!(object instanceof PDFArray)) return [];
  return object
    .asArray()
    .map((_, i) => object.lookup(i))
    .filter((item): item is PDFDict => item instanceof PDFDict);
}

/** Returns the decoded text of a PDF string, or undefined when the object is not a string. */
function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/** Returns the decoded name without its slash, or undefined when the object is not a name. */
function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}
