/** Reading JSON input (files or text) into values, with French errors that say where the problem is. */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { failure, success, type Result } from './issues.ts';

/** Returns whether `v` is a JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Largest JSON document accepted, in bytes (a full dossier professionnel is well under 1 MiB). */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;

const PARSE_ERROR_DESCRIPTIONS: Record<string, string> = {
  InvalidSymbol: 'caractère inattendu',
  InvalidNumberFormat: 'nombre mal écrit',
  PropertyNameExpected: 'nom de propriété attendu (entre guillemets)',
  ValueExpected: 'valeur attendue',
  ColonExpected: '« : » attendu après le nom de propriété',
  CommaExpected: '« , » attendue entre deux éléments',
  CloseBraceExpected: '« } » attendue pour fermer l’objet',
  CloseBracketExpected: '« ] » attendu pour fermer la liste',
  EndOfFileExpected: 'fin du texte attendue (contenu en trop après la valeur)',
  InvalidCommentToken: 'les commentaires ne sont pas permis en JSON',
  UnexpectedEndOfComment: 'commentaire non terminé',
  UnexpectedEndOfString: 'texte entre guillemets non terminé',
  UnexpectedEndOfNumber: 'nombre non terminé',
  InvalidUnicode: 'séquence Unicode invalide',
  InvalidEscapeCharacter: 'caractère d’échappement invalide',
  InvalidCharacter: 'caractère invalide dans un texte (un retour à la ligne doit s’écrire \\n)',
};

function lineAndColumn(text: string, offset: number): { ligne: number; colonne: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { ligne: line, colonne: offset - lineStart + 1 };
}

/** Returns the parsed value of a JSON text, or a JSON_MALFORME error naming the line and column. */
export function parseJson(text: string, sourceName: string): Result<unknown> {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.trim() === '') return failure('JSON_MALFORME', sourceName, `${sourceName} est vide : un document JSON est attendu.`);
  try {
    return success(JSON.parse(withoutBom) as unknown);
  } catch {
    // JSON.parse only says "at position N" (sometimes not even that): ask a tolerant parser where and why.
    const errors: ParseError[] = [];
    parseTolerant(withoutBom, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (!first) return failure('JSON_MALFORME', sourceName, `${sourceName} n’est pas du JSON valide.`);
    const { ligne: line, colonne: column } = lineAndColumn(withoutBom, first.offset);
    const code = printParseErrorCode(first.error);
    const reason = PARSE_ERROR_DESCRIPTIONS[code] ?? 'erreur de syntaxe';
    return failure(
      'JSON_MALFORME',
      `${sourceName}:${line}:${column}`,
      `${sourceName} n’est pas du JSON valide, ligne ${line}, colonne ${column} : ${reason}.`,
    );
  }
}

/** Returns the parsed JSON content of a file, or an error naming the file (missing, unreadable, too big, malformed). */
export async function readJsonFile(path: string, maxSize = MAX_JSON_BYTES): Promise<Result<unknown>> {
  const bytes = await readFileLimited(path, maxSize);
  return bytes.ok ? parseJsonBytes(bytes.valeur, path) : bytes;
}

/**
 * Returns the bytes of a regular file, or FICHIER_INTROUVABLE / FICHIER_ILLISIBLE / FICHIER_TROP_GROS. The file is
 * opened without blocking (a FIFO never waits for a writer), checked with fstat (a directory, FIFO or device is
 * refused, the size is checked before reading), then read up to the limit only.
 */
export async function readFileLimited(path: string, maxSize: number): Promise<Result<Uint8Array>> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return openFailure(path, (e as NodeJS.ErrnoException).code);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return failure('FICHIER_ILLISIBLE', path, `${path} est un dossier, pas un fichier.`);
    if (!info.isFile()) return failure('FICHIER_ILLISIBLE', path, `${path} n’est pas un fichier ordinaire (tube, périphérique ou socket) : il n’est pas lu.`);
    if (info.size > maxSize) return tooBig(path, info.size, maxSize);
    const bytes = await readUpTo(handle, maxSize + 1, info.size);
    // A file that grew since fstat is measured by what was read.
    return bytes.length > maxSize ? tooBig(path, bytes.length, maxSize) : success(bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return failure('FICHIER_ILLISIBLE', path, `Le fichier ${path} ne peut pas être lu (${code ?? 'erreur inconnue'}).`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Returns the failure of a file that cannot be opened. */
function openFailure(path: string, code: string | undefined): Result<Uint8Array> {
  if (code === 'ENOENT' || code === 'ENOTDIR') return failure('FICHIER_INTROUVABLE', path, `Le fichier ${path} est introuvable.`);
  if (code === 'EISDIR') return failure('FICHIER_ILLISIBLE', path, `${path} est un dossier, pas un fichier.`);
  return failure('FICHIER_ILLISIBLE', path, `Le fichier ${path} ne peut pas être lu (${code ?? 'erreur inconnue'}).`);
}

/** Returns the FICHIER_TROP_GROS failure. */
function tooBig(path: string, size: number, maxSize: number): Result<Uint8Array> {
  return failure('FICHIER_TROP_GROS', path, `Le fichier ${path} fait ${formatBytes(size)} : la limite est ${formatBytes(maxSize)}.`);
}

/** Returns at most `limit` bytes read from the start of an open file (fewer at its end), in chunks sized by its `expected` size. */
async function readUpTo(handle: FileHandle, limit: number, expected: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = new Uint8Array(Math.min(limit - total, Math.max(expected - total, 0) + 1, 1024 * 1024));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : new Uint8Array(Buffer.concat(chunks));
}

/** Returns the parsed JSON content of UTF-8 bytes, refusing other encodings with a clear message. */
export function parseJsonBytes(bytes: Uint8Array, sourceName: string): Result<unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure(
      'FICHIER_ILLISIBLE',
      sourceName,
      `${sourceName} n’est pas encodé en UTF-8 (enregistrez-le en « UTF-8 » depuis votre éditeur).`,
    );
  }
  return parseJson(text, sourceName);
}

/** Returns a byte count written for a French reader ("1,5 Mio"). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} octets`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Kio`;
  return `${(n / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mio`;
}
