/** The multipart reader of upload routes (multer, in memory): file size, file count and field limits, each with its code. */
import multer from 'multer';
import { MAX_FILES_PER_REQUEST, MAX_FILE_BYTES, MAX_JSON_BODY_BYTES } from './limits.ts';

/** Multer in memory with the service's limits (FICHIER_TROP_GROS, TROP_DE_FICHIERS through the error handler). */
export const multipart = multer({
  storage: multer.memoryStorage(),
  // The dossier names its justificatifs by relative path (justificatifs/attestation.pdf): kept as sent, used as names only.
  preservePath: true,
  limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES_PER_REQUEST, fields: 10, fieldSize: MAX_JSON_BODY_BYTES, parts: MAX_FILES_PER_REQUEST + 10 },
});

/** Returns the files of a multer request under `field` (an empty list when none). */
export function filesOf(files: unknown, field: string): Express.Multer.File[] {
  if (Array.isArray(files)) return (files as Express.Multer.File[]).filter((f) => f.fieldname === field);
  if (files !== null && typeof files === 'object') return ((files as Record<string, Express.Multer.File[]>)[field] ?? []);
  return [];
}

/** Returns a multipart file name as the client sent it (multer reads it as latin1; browsers send UTF-8). */
export function fileName(file: Express.Multer.File): string {
  return Buffer.from(file.originalname, 'latin1').toString('utf8');
}
