/**
 * Output checks made before any work: a command that lays out a dossier for seconds must not find out only at
 * the end that it cannot write where it was told to.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { failure, success, type Result } from '../core/issues.ts';

/** Returns success when a file can be written at `path` (its folder exists and is writable, it is not a folder). */
export function checkOutputFile(path: string): Result<void> {
  const folder = dirname(resolve(path));
  const existing = statOrUndefined(path);
  if (existing?.isDirectory()) return failure('ECRITURE_IMPOSSIBLE', path, `Impossible d’écrire « ${path} » : c’est un dossier. Donnez un nom de fichier.`);
  const parent = statOrUndefined(folder);
  if (parent === undefined) return failure('ECRITURE_IMPOSSIBLE', path, `Impossible d’écrire « ${path} » : le dossier « ${folder} » n’existe pas.`);
  if (!parent.isDirectory()) return failure('ECRITURE_IMPOSSIBLE', path, `Impossible d’écrire « ${path} » : « ${folder} » n’est pas un dossier.`);
  return writable(folder, path);
}

/** Returns success when files can be written in `folder`, creating it (and its parents) when it does not exist. */
export function prepareOutputFolder(folder: string): Result<void> {
  const existing = statOrUndefined(folder);
  if (existing !== undefined && !existing.isDirectory()) {
    return failure('ECRITURE_IMPOSSIBLE', folder, `Impossible d’écrire dans « ${folder} » : c’est un fichier, pas un dossier.`);
  }
  if (existing === undefined) {
    try {
      mkdirSync(folder, { recursive: true });
    } catch (e) {
      return failure('ECRITURE_IMPOSSIBLE', folder, `Impossible de créer le dossier « ${folder} » : ${reason(e)}.`);
    }
  }
  return writable(folder, folder);
}

function writable(folder: string, shown: string): Result<void> {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    return success(undefined);
  } catch (e) {
    return failure('ECRITURE_IMPOSSIBLE', shown, `Impossible d’écrire dans « ${folder} » : ${reason(e)}.`);
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'droits insuffisants';
  if (code === 'EROFS') return 'le disque est en lecture seule';
  if (code === 'ENOSPC') return 'le disque est plein';
  if (code === 'ENOTDIR') return 'un élément du chemin est un fichier';
  return 'écriture refusée';
}
