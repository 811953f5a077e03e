/**
 * The few parts of a CMS SignedData (RFC 5652) a PDF signature check needs, read with a minimal DER reader: the
 * signer's identifier, algorithms, signed attributes and signature value, and the certificates it carries (their
 * issuer, serial number, subject and public key). BER indefinite lengths, which CMS allows outside the signed
 * attributes, are followed to their end-of-contents marker; the signed attributes must be DER (they are verified as
 * encoded). Nothing here judges a signature: `signatures.ts` does, with node:crypto.
 */

/** A malformed or unexpected structure: the caller reports the CMS as unreadable. */
export class CmsError extends Error {}

/** One BER/DER element: its identifier byte(s) and where its header, contents and end lie in `buf`. */
export interface Der {
  /** The first identifier byte (class, constructed bit, tag number or 0x1f for a long tag). */
  tag: number;
  /** The tag number (long tags decoded). */
  number: number;
  buf: Uint8Array;
  start: number;
  contentStart: number;
  /** End of the contents (before the end-of-contents marker of an indefinite length). */
  contentEnd: number;
  end: number;
}

/** Deepest nesting followed while looking for the end of indefinite lengths. */
const MAX_NESTING = 64;

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
const OID = 0x06;
const CONTEXT_0 = 0xa0;
const CONTEXT_0_PRIMITIVE = 0x80;
const CONTEXT_1 = 0xa1;

/** Returns the element starting at `pos` (within `limit`); throws `CmsError` when it does not fit or is malformed. */
export function readDer(buf: Uint8Array, pos: number, limit = buf.length, nesting = 0): Der {
  if (nesting > MAX_NESTING) throw new CmsError('nested too deep');
  const start = pos;
  const tag = byteAt(buf, pos++, limit);
  let number = tag & 0x1f;
  if (number === 0x1f) {
    number = 0;
    for (let b = 0x80, n = 0; b & 0x80; n++) {
      if (n >= 4) throw new CmsError('tag too long');
      b = byteAt(buf, pos++, limit);
      number = number * 128 + (b & 0x7f);
    }
  }
  const first = byteAt(buf, pos++, limit);
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new CmsError('indefinite length on a primitive element');
    const contentStart = pos;
    for (;;) {
      if (byteAt(buf, pos, limit) === 0 && byteAt(buf, pos + 1, limit) === 0) {
        return { tag, number, buf, start, contentStart, contentEnd: pos, end: pos + 2 };
      }
      pos = readDer(buf, pos, limit, nesting + 1).end;
    }
  }
  let length = first;
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new CmsError('length too long');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + byteAt(buf, pos++, limit);
  }
  const end = pos + length;
  if (end > limit) throw new CmsError('element longer than its container');
  return { tag, number, buf, start, contentStart: pos, contentEnd: end, end };
}

function byteAt(buf: Uint8Array, pos: number, limit: number): number {
  if (pos >= limit) throw new CmsError('truncated');
  return buf[pos] as number;
}

/** Returns the elements inside a constructed element. */
export function children(node: Der): Der[] {
  if ((node.tag & 0x20) === 0) throw new CmsError('not a constructed element');
  const list: Der[] = [];
  for (let pos = node.contentStart; pos < node.contentEnd; ) {
    const child = readDer(node.buf, pos, node.contentEnd);
    list.push(child);
    pos = child.end;
  }
  return list;
}

/** Returns the element's contents. */
export function contentOf(node: Der): Uint8Array {
  return node.buf.subarray(node.contentStart, node.contentEnd);
}

/** Returns the element's whole encoding (header and contents). */
export function encodingOf(node: Der): Uint8Array {
  return node.buf.subarray(node.start, node.end);
}

/** Returns the element after checking its tag. */
function expectTag(node: Der | undefined, tag: number): Der {
  if (node === undefined || node.tag !== tag) throw new CmsError(`expected tag ${tag.toString(16)}`);
  return node;
}

/** Returns an OBJECT IDENTIFIER's dotted form. */
export function oidOf(node: Der | undefined): string {
  const bytes = contentOf(expectTag(node, OID));
  if (bytes.length === 0) throw new CmsError('empty OID');
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new CmsError('OID arc too large');
    if ((b & 0x80) === 0) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  if ((bytes[bytes.length - 1] as number) & 0x80) throw new CmsError('truncated OID');
  return parts.join('.');
}

/** An AlgorithmIdentifier: its OID and its parameters, when present. */
export interface Algorithm {
  oid: string;
  parameters: Der | undefined;
}

function algorithmOf(node: Der | undefined): Algorithm {
  const [oid, parameters] = children(expectTag(node, SEQUENCE));
  return { oid: oidOf(oid), parameters };
}

/** The signed attributes: their encoding re-tagged as a SET (what the signature covers), and each attribute's first value. */
export interface SignedAttributes {
  signedBytes: Uint8Array;
  values: Map<string, Der | undefined>;
}

/** A SignerInfo's parts. */
export interface CmsSigner {
  sid: { issuer: Uint8Array; serialNumber: Uint8Array } | { keyId: Uint8Array };
  digestAlgorithm: Algorithm;
  signedAttributes: SignedAttributes | undefined;
  signatureAlgorithm: Algorithm;
  signature: Uint8Array;
}

/** What a PDF signature check reads of a SignedData. */
export interface SignedData {
  certificates: Uint8Array[];
  signers: CmsSigner[];
}

/** Returns the length of the element at the start of `bytes` (the CMS without /Contents' zero padding), or null. */
export function elementLength(bytes: Uint8Array): number | null {
  try {
    return readDer(bytes, 0).end;
  } catch {
    return null;
  }
}

/** Returns the ContentInfo's content type and its content ([0] EXPLICIT). */
export function readContentInfo(bytes: Uint8Array): { contentType: string; content: Der | undefined } {
  const info = readDer(bytes, 0);
  if (info.end !== bytes.length) throw new CmsError('bytes after the ContentInfo');
  const [type, wrapped] = children(expectTag(info, SEQUENCE));
  const contentType = oidOf(type);
  const content = wrapped === undefined ? undefined : children(expectTag(wrapped, CONTEXT_0))[0];
  return { contentType, content };
}

/** Returns the certificates and signers of a SignedData. */
export function readSignedData(node: Der | undefined): SignedData {
  const parts = children(expectTag(node, SEQUENCE));
  expectTag(parts[0], INTEGER);
  expectTag(parts[1], SET);
  expectTag(parts[2], SEQUENCE);
  let index = 3;
  const certificates: Uint8Array[] = [];
  if (parts[index]?.tag === CONTEXT_0) {
    for (const choice of children(parts[index] as Der)) if (choice.tag === SEQUENCE) certificates.push(encodingOf(choice));
    index++;
  }
  if (parts[index]?.tag === CONTEXT_1) index++;
  const signers = children(expectTag(parts[index], SET)).map(readSigner);
  return { certificates, signers };
}

function readSigner(node: Der): CmsSigner {
  const parts = children(expectTag(node, SEQUENCE));
  expectTag(parts[0], INTEGER);
  const sid = readSignerIdentifier(parts[1]);
  const digestAlgorithm = algorithmOf(parts[2]);
  let index = 3;
  let signedAttributes: SignedAttributes | undefined;
  if (parts[index]?.tag === CONTEXT_0) {
    signedAttributes = readSignedAttributes(parts[index] as Der);
    index++;
  }
  const signatureAlgorithm = algorithmOf(parts[index]);
  const signature = contentOf(expectTag(parts[index + 1], OCTET_STRING));
  return { sid, digestAlgorithm, signedAttributes, signatureAlgorithm, signature };
}

function readSignerIdentifier(node: Der | undefined): CmsSigner['sid'] {
  if (node?.tag === SEQUENCE) {
    const [issuer, serialNumber] = children(node);
    return { issuer: encodingOf(expectTag(issuer, SEQUENCE)), serialNumber: contentOf(expectTag(serialNumber, INTEGER)) };
  }
  if (node?.tag === CONTEXT_0_PRIMITIVE) return { keyId: contentOf(node) };
  if (node?.tag === CONTEXT_0) return { keyId: contentOf(expectTag(children(node)[0], OCTET_STRING)) };
  throw new CmsError('unknown signer identifier');
}

function readSignedAttributes(node: Der): SignedAttributes {
  if (node.end - node.contentEnd !== 0) throw new CmsError('signed attributes not DER');
  const values = new Map<string, Der | undefined>();
  for (const attribute of children(node)) {
    const [type, set] = children(expectTag(attribute, SEQUENCE));
    const oid = oidOf(type);
    if (!values.has(oid)) values.set(oid, children(expectTag(set, SET))[0]);
  }
  const signedBytes = Uint8Array.from(encodingOf(node));
  signedBytes[0] = SET;
  return { signedBytes, values };
}

/** What a certificate gives the check: its issuer (encoded), serial number, subject's common name, public key. */
export interface CertificateParts {
  der: Uint8Array;
  issuer: Uint8Array;
  serialNumber: Uint8Array;
  commonName: string;
  /** The SubjectPublicKeyInfo, encoded. */
  publicKeyInfo: Uint8Array;
  /** The subjectPublicKey BIT STRING's bits (without its unused-bits byte). */
  publicKeyBits: Uint8Array;
}

const OID_COMMON_NAME = '2.5.4.3';

/** Returns the parts of an X.509 certificate. */
export function readCertificate(der: Uint8Array): CertificateParts {
  const certificate = readDer(der, 0);
  const [tbs] = children(expectTag(certificate, SEQUENCE));
  const fields = children(expectTag(tbs, SEQUENCE));
  const offset = fields[0]?.tag === CONTEXT_0 ? 1 : 0;
  const serialNumber = contentOf(expectTag(fields[offset], INTEGER));
  const issuer = encodingOf(expectTag(fields[offset + 2], SEQUENCE));
  const subject = expectTag(fields[offset + 4], SEQUENCE);
  const spki = expectTag(fields[offset + 5], SEQUENCE);
  const bits = contentOf(expectTag(children(spki)[1], BIT_STRING));
  return { der, issuer, serialNumber, commonName: commonNameOf(subject), publicKeyInfo: encodingOf(spki), publicKeyBits: bits.subarray(1) };
}

/** Returns the first common name (CN) of a Name, '' when it has none. */
function commonNameOf(name: Der): string {
  for (const rdn of children(name)) {
    for (const pair of children(expectTag(rdn, SET))) {
      const [type, value] = children(expectTag(pair, SEQUENCE));
      if (oidOf(type) === OID_COMMON_NAME && value !== undefined) return directoryString(value);
    }
  }
  return '';
}

/** Returns the text of an ASN.1 string (UTF8String, BMPString, UniversalString, or a one-byte-per-character string). */
export function directoryString(node: Der): string {
  const bytes = contentOf(node);
  switch (node.tag) {
    case 0x0c:
      return Buffer.from(bytes).toString('utf8');
    case 0x1e: {
      let text = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
      return text;
    }
    case 0x1c: {
      let text = '';
      for (let i = 0; i + 3 < bytes.length; i += 4) {
        text += String.fromCodePoint((((bytes[i] as number) << 24) | ((bytes[i + 1] as number) << 16) | ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number)) >>> 0);
      }
      return text;
    }
    case 0x13:
    case 0x14:
    case 0x16:
    case 0x1a:
      return Buffer.from(bytes).toString('latin1');
    default:
      return '';
  }
}

/** Returns a UTCTime or GeneralizedTime as a date, or undefined when it is neither or not a valid time. */
export function timeOf(node: Der | undefined): Date | undefined {
  if (node === undefined || (node.tag !== 0x17 && node.tag !== 0x18)) return undefined;
  const text = Buffer.from(contentOf(node)).toString('latin1');
  const match =
    node.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,3})\d*)?(Z|[+-]\d{4})$/.exec(text);
  if (match === null) return undefined;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '0'] = match;
  const fraction = node.tag === 0x18 ? (match[7] ?? '0').padEnd(3, '0') : '0';
  const zone = (node.tag === 0x18 ? match[8] : match[7]) ?? 'Z';
  let year = Number(y);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  let time = Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction));
  if (zone !== 'Z') {
    const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
    time -= (zone.startsWith('+') ? 1 : -1) * minutes * 60_000;
  }
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The RSASSA-PSS parameters (RFC 4055): hash, mask generation hash and salt length, defaults applied. */
export interface PssParameters {
  hash: string;
  mgfHash: string;
  saltLength: number;
}

const OID_SHA1 = '1.3.14.3.2.26';
const OID_MGF1 = '1.2.840.113549.1.1.8';

/** Returns RSASSA-PSS parameters (hash OIDs, salt length); throws `CmsError` on a mask generation other than MGF1. */
export function pssParameters(parameters: Der | undefined): PssParameters {
  const result: PssParameters = { hash: OID_SHA1, mgfHash: OID_SHA1, saltLength: 20 };
  if (parameters === undefined || parameters.tag === 0x05) return result;
  for (const field of children(expectTag(parameters, SEQUENCE))) {
    const [inner] = children(field);
    if (field.tag === CONTEXT_0) result.hash = algorithmOf(inner).oid;
    else if (field.tag === CONTEXT_1) {
      const mgf = algorithmOf(inner);
      if (mgf.oid !== OID_MGF1) throw new CmsError('mask generation other than MGF1');
      result.mgfHash = algorithmOf(mgf.parameters).oid;
    } else if (field.tag === 0xa2) result.saltLength = integerOf(inner);
  }
  return result;
}

/** Returns a small non-negative INTEGER's value. */
function integerOf(node: Der | undefined): number {
  const bytes = contentOf(expectTag(node, INTEGER));
  if (bytes.length === 0 || bytes.length > 4 || (bytes[0] as number) & 0x80) throw new CmsError('unexpected integer');
  let value = 0;
  for (const b of bytes) value = value * 256 + b;
  return value;
}
