/**
 * Assembly of the dossier professionnel as the académie expects it (circulaire 2019, §1.4.2 A): two copies in
 * the circular's order, one with the établissement and one with no mention of it anywhere (text, metadata,
 * embedded data, QR codes, bookmarks), the scanned attestations inserted after their table, bookmarks for every
 * part and fiche, and page numbers over the whole dossier.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { failure, type Issue, type Result } from '../core/issues.ts';
import { isJsonObject, readFileLimited } from '../core/json.ts';
import type { FormDefinition } from '../layout/form.ts';
import { MAX_ATTACHMENT_BYTES, readAttachment, tooBigMessage, type AttachmentSource } from '../render/attachments.ts';
import type { Renderer } from '../render/renderer.ts';
import { establishmentMentions } from './conformite.ts';

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

/** Returns every document file the dossier names, read and checked, or the errors naming those that cannot be inserted. */
export async function readJustificatifs(data: unknown, read: DossierFileReader): Promise<{ sources: Map<string, AttachmentSource>; erreurs: Issue[] }> {
  const sources = new Map<string, AttachmentSource>();
  const erreurs: Issue[] = [];
  const attestations = isJsonObject(data) && Array.isArray(data.attestations) ? data.attestations : [];
  for (const [i, a] of attestations.entries()) {
    const name = isJsonObject(a) && typeof a.fichier === 'string' ? a.fichier : undefined;
    if (name === undefined || sources.has(name)) continue;
    const bytes = await read(name);
    const source = bytes.ok ? await readAttachment(bytes.valeur, name) : bytes;
    if (source.ok) sources.set(name, source.valeur);
    else erreurs.push({ ...source.erreur, chemin: `/attestations/${i}/fichier` });
  }
  return { sources, erreurs };
}

/** Returns the dossier's data as printed on the anonymous copy: without its établissement. */
export function anonymousData(data: unknown): unknown {
  if (!isJsonObject(data)) return data;
  const copy = { ...data };
  delete copy.etablissement;
  return copy;
}

/**
 * Returns the two copies of `data` (a dossier professionnel), or the errors that keep them from being produced:
 * a document file that cannot be inserted, or the établissement's name written elsewhere in the dossier.
 */
export async function assembleDossier(
  renderer: Renderer,
  form: FormDefinition,
  data: unknown,
  read: DossierFileReader,
  options: { draft?: boolean; date?: Date } = {},
): Promise<{ ok: true; copies: DossierCopies } | { ok: false; erreurs: Issue[] }> {
  const mentions = establishmentMentions(data);
  const { sources, erreurs } = await readJustificatifs(data, read);
  if (mentions.length > 0 || erreurs.length > 0) return { ok: false, erreurs: [...erreurs, ...mentions] };
  const render = (d: unknown) => renderer.renderPdf(form, d, { attachments: sources, draft: options.draft ?? false, date: options.date });
  const etablissement = await render(data);
  const anonyme = await render(anonymousData(data));
  return { ok: true, copies: { etablissement, anonyme } };
}
