/**
 * The `paperasse.json` file Paperasse attaches to every PDF it generates: found by walking /Names/EmbeddedFiles,
 * its stream decompressed through `inflateLimited` only, and its SHA-256 checked against its data.
 */
import { PDFDict, PDFRawStream, type PDFDocument } from 'pdf-lib';
import { pdfName } from '../pdf/keys.ts';
import { success, type Issue, type Result } from '../core/issues.ts';
import { isJsonObject } from '../core/json.ts';
import { ATTACHMENT_NAME, dataDigest, type EmbeddedData } from '../render/pdf-finish.ts';
import type { ExtractLimits } from './limits.ts';
import { inflateIfFlate } from '../pdf/inflate.ts';
import { embeddedFiles } from '../pdf/names.ts';

/** The state of the attached data: absent, intact, or present but not to be trusted (altered or malformed). */
export type EmbeddedReading = { etat: 'absent' } | { etat: 'intact'; data: EmbeddedData } | { etat: 'altere'; issue: Issue };

/** Code of an attached data file whose content no longer matches its SHA-256, or that cannot be read. */
export const ALTERED = 'DONNEES_INTEGREES_ALTEREES';

/** Returns the state of the PDF's `paperasse.json`; a stream that cannot be decompressed within the limits is PDF_ILLISIBLE. */
export function readEmbeddedData(doc: PDFDocument, catalog: PDFDict, name: string, limits: ExtractLimits): Result<EmbeddedReading> {
  const files = embeddedFiles(doc.context, catalog, name);
  if (!files.ok) return files;
  const entry = files.valeur.find((file) => file.nom === ATTACHMENT_NAME);
  if (entry === undefined) return success({ etat: 'absent' });
  const stream = fileStream(doc, entry.spec);
  if (stream === undefined) return success(altered(name, 'son contenu est introuvable'));
  // A stream that is corrupt, compressed some other way or a decompression bomb is refused like any other.
  const bytes = inflateIfFlate(stream, limits.maxInflatedBytes, name);
  return bytes.ok ? success(parseEmbedded(bytes.valeur, name)) : bytes;
}

/** Returns the embedded file stream of a file specification (/EF /F, else /EF /UF). */
function fileStream(doc: PDFDocument, spec: PDFDict | undefined): PDFRawStream | undefined {
  const ef = spec?.lookup(pdfName('EF'));
  if (!(ef instanceof PDFDict)) return undefined;
  const stream = ef.lookup(pdfName('F')) ?? ef.lookup(pdfName('UF'));
  const resolved = stream === undefined ? undefined : doc.context.lookup(stream);
  return resolved instanceof PDFRawStream ? resolved : undefined;
}

/** Returns the reading of the attached JSON: intact when well formed and its SHA-256 matches `JSON.stringify(donnees)`. */
function parseEmbedded(bytes: Uint8Array, name: string): EmbeddedReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return altered(name, 'ce n’est pas du JSON lisible');
  }
  if (!isEmbeddedData(parsed)) return altered(name, 'il n’a pas la forme que Paperasse écrit (formulaire, version, sha256, donnees)');
  if (dataDigest(parsed.donnees) !== parsed.sha256.toLowerCase()) return altered(name, 'son empreinte SHA-256 ne correspond plus à ses données : il a été modifié après sa création');
  return { etat: 'intact', data: parsed };
}

/** Returns whether a parsed JSON value has the shape of `paperasse.json`. */
function isEmbeddedData(v: unknown): v is EmbeddedData {
  return isJsonObject(v) && typeof v.formulaire === 'string' && typeof v.version === 'string' && typeof v.sha256 === 'string' && 'donnees' in v;
}

/** Returns the reading of an attached file that cannot be trusted. */
function altered(name: string, why: string): EmbeddedReading {
  const message = `${name} : les données Paperasse jointes au PDF (${ATTACHMENT_NAME}) ne sont pas fiables, ${why} ; elles sont ignorées`;
  return { etat: 'altere', issue: { code: ALTERED, chemin: name, message } };
}
