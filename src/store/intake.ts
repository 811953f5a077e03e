/**
 * Receiving returned PDFs into the upload store: the original is stored (and committed `en-attente`) before it is
 * read, the same bytes received again give back the stored result, and uploads a killed process left pending are
 * read by `UploadStore.processPending` at the next start. The CLI (`paperasse extract --store`) and, later, the server call these.
 */
import { internalError } from '../core/incident.ts';
import { success, type Result } from '../core/issues.ts';
import type { ExtractOptions } from '../extract/extract.ts';
import type { ExtractionOutcome } from '../extract/types.ts';
import { newReader, type Extractor, type ReceiveInput, type UploadRecord, type UploadStore } from './upload-store.ts';

/** What receiving one file gives: its record, whether these bytes were new to the store, and what they hold. */
export interface Intake {
  record: UploadRecord;
  nouveau: boolean;
  resultat: ExtractionOutcome;
}

/** What `receiveAndExtract` is given: what the store receives. */
export type IntakeInput = ReceiveInput;

/** Returns the extractor the store runs: `extractPdf` in its sandbox, messages naming the file as it was received. */
export function storeExtractor(options: ExtractOptions = {}): Extractor {
  // Loaded on first use, so that listing or exporting a store does not load the PDF code.
  return async (bytes, record) => (await import('../extract/extract.ts')).extractPdf(bytes, record.nomFichier, options);
}

/**
 * Returns the record of a received file with its extraction: the original is written and its row committed first,
 * then read if it is new (or still pending); a file already read returns the stored result without reading it again.
 * Returns ECRITURE_IMPOSSIBLE when the store cannot keep the file (it is then not read), LECTURE_EN_COURS when the
 * same bytes, received by another process, are being read by it.
 */
export async function receiveAndExtract(store: UploadStore, input: IntakeInput, extract: Extractor = storeExtractor()): Promise<Result<Intake>> {
  const lecteur = input.lecteur ?? newReader();
  const received = store.receive({ ...input, lecteur });
  if (!received.ok) return received;
  const { record, nouveau } = received.valeur;
  const processed = record.statut === 'en-attente' ? await store.process(record.id, extract, lecteur) : success(record);
  if (!processed.ok) return processed;
  const done = processed.valeur;
  if (done.resultat === null) return { ok: false, erreur: internalError('intake', new Error(`upload ${done.id} has no result after processing`)) };
  return success({ record: done, nouveau, resultat: done.resultat });
}
