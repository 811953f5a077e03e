/** Reading JSON input (files or text) into values, with French errors that say where the problem is. */
import { readFile, stat } from 'node:fs/promises';
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

/** Returns the bytes of a file, or FICHIER_INTROUVABLE / FICHIER_ILLISIBLE / FICHIER_TROP_GROS (the size is checked before reading). */
export async function readFileLimited(path: string, maxSize: number): Promise<Result<Uint8Array>> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return failure('FICHIER_ILLISIBLE', path, `${path} est un dossier, pas un fichier.`);
    size = info.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return failure('FICHIER_INTROUVABLE', path, `Le fichier ${path} est introuvable.`);
    return failure('FICHIER_ILLISIBLE', path, `Le fichier ${path} ne peut pas être lu (${code ?? 'erreur inconnue'}).`);
  }
  if (size > maxSize) {
    return failure('FICHIER_TROP_GROS', path, `Le fichier ${path} fait ${formatBytes(size)} : la limite est ${formatBytes(maxSize)}.`);
  }
  try {
    return success(new Uint8Array(await readFile(path)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return failure('FICHIER_ILLISIBLE', path, `Le fichier ${path} ne peut pas être lu (${code ?? 'erreur inconnue'}).`);
  }
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
