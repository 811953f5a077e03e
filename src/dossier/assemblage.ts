/**
 * Assembly of the dossier professionnel as the académie expects it (circulaire 2019, §1.4.2 A): two copies in
 * the circular's order, one with the établissement and one with no mention of it anywhere (text, metadata,
 * embedded data, QR codes, bookmarks), the scanned attestations inserted after their table, bookmarks for every
 * part and fiche, and page numbers over the whole dossier.
 */
import type { Issue } from '../core/issues.ts';
import { isJsonObject } from '../core/json.ts';
import type { FormDefinition } from '../layout/form.ts';
import { readAttachment, type AttachmentSource } from '../render/attachments.ts';
import type { Renderer } from '../render/renderer.ts';
import { establishmentMentions } from './conformite.ts';
import type { DossierCopies, DossierFileReader } from './files.ts';

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
  // The copies are the annexes only: the parts' hors-annexe page (Paperasse's own) is left out.
  const render = (d: unknown) => renderer.renderPdf(form, d, { attachments: sources, draft: options.draft ?? false, date: options.date, horsAnnexe: false });
  const etablissement = await render(data);
  const anonyme = await render(anonymousData(data));
  return { ok: true, copies: { etablissement, anonyme } };
}
