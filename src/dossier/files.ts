/**
 * The files of a dossier professionnel: the names of its two copies, and the reader of the document files
 * (justificatifs) named in its data, never outside the dossier's folder.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { failure, type Result } from '../core/issues.ts';
import { readFileLimited } from '../core/json.ts';
import { MAX_ATTACHMENT_BYTES, tooBigMessage } from '../render/attachment-limits.ts';

/** File names of the two copies, the same for every candidate (they carry no name of the établissement). */
export const COPY_FILES = { etablissement: 'dossier-exemplaire-etablissement.pdf', anonyme: 'dossier-exemplaire-anonyme.pdf' } as const;

/** The two copies of an assembled dossier. */
export interface DossierCopies {
  etablissement: Uint8Array;
  anonyme: Uint8Array;
}

/** Reads a document file named in the dossier; returns its bytes or an error naming it. */
export type DossierFileReader = (name: string) => Promise<Result<Uint8Array>>;

/**
 * Returns a reader of the files named in a dossier, relative to `directory` (the dossier file's folder), never outside
 * it: the name is checked as text, then the file's real path (symbolic links resolved) must lie in the folder's.
 */
export function filesBeside(directory: string): DossierFileReader {
  const base = resolve(directory);
  return async (name) => {
    const path = resolve(base, name);
    if (isAbsolute(name) || !isInside(base, path)) return outside(name);
    const real = await realPaths(base, path);
    if (real === 'absent') return missing(name, directory);
    if (real !== undefined && !isInside(real.base, real.path)) {
      return failure('JUSTIFICATIF_INTROUVABLE', name, `Le document « ${name} » est un lien qui mène hors du dossier du fichier JSON : il n’est pas lu ; copiez le document lui-même dans ce dossier.`);
    }
    const read = await readFileLimited(real?.path ?? path, MAX_ATTACHMENT_BYTES);
    if (read.ok) return read;
    switch (read.erreur.code) {
      case 'FICHIER_INTROUVABLE':
        return missing(name, directory);
      case 'FICHIER_TROP_GROS':
        return failure('JUSTIFICATIF_TROP_GROS', name, tooBigMessage(name, (await stat(path)).size));
      default:
        return failure('JUSTIFICATIF_ILLISIBLE', name, `Le document « ${name} » ne peut pas être lu (c’est un dossier ou un fichier spécial, ou ses droits l’interdisent) : indiquez le document numérisé lui-même.`);
    }
  };
}

/** Returns whether `path` lies inside the folder `base` (both absolute). */
function isInside(base: string, path: string): boolean {
  const inside = relative(base, path);
  return !(inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside));
}

/** Returns the real paths of the folder and the file, 'absent' when the file does not exist, undefined when they cannot be resolved otherwise. */
async function realPaths(base: string, path: string): Promise<{ base: string; path: string } | 'absent' | undefined> {
  try {
    return { base: await realpath(base), path: await realpath(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : undefined;
  }
}

/** Returns the failure of a name that leaves the dossier's folder. */
function outside(name: string): Result<Uint8Array> {
  return failure('JUSTIFICATIF_INTROUVABLE', name, `Le document « ${name} » est hors du dossier du fichier JSON : indiquez un chemin relatif à ce dossier, sans « .. ».`);
}

/** Returns the failure of a document file that does not exist. */
function missing(name: string, directory: string): Result<Uint8Array> {
  return failure('JUSTIFICATIF_INTROUVABLE', name, `Le document « ${name} » nommé dans le tableau des attestations est introuvable (cherché dans ${directory}) : vérifiez son nom et son dossier.`);
}
