/** The explicit limits of the HTTP service, each with the error code a request over it gets (listed in the README). */

const MIB = 1024 * 1024;

/** Largest JSON body (a form's data, a dossier), in bytes: FICHIER_TROP_GROS (413). */
export const MAX_JSON_BODY_BYTES = 10 * MIB;
/** A JSON body larger than this is validated in a worker thread, off the event loop. */
export const INLINE_VALIDATION_BYTES = 256 * 1024;
/** Largest uploaded file (a returned PDF, a justificatif, a spreadsheet), in bytes: FICHIER_TROP_GROS (413). */
export const MAX_FILE_BYTES = 20 * MIB;
/** Most files in one multipart request: TROP_DE_FICHIERS (413). */
export const MAX_FILES_PER_REQUEST = 20;
/** Most pages of an uploaded PDF: TROP_DE_PAGES (the upload is kept, its reading ends `echec`). */
export const MAX_PDF_PAGES = 300;
/** Longest time a request may take before the service answers DELAI_REQUETE (503), in ms. */
export const REQUEST_TIMEOUT_MS = 120_000;
/** CPU time a rendering or a validation may take in its worker, in ms: DELAI_DEPASSE. */
export const WORKER_CPU_MS = 60_000;
/** Heap of a rendering or validation worker, in MiB. */
export const WORKER_MEMORY_MB = 768;
/**
 * Clean runs a worker of the JSON jobs (a form rendered, a large body validated) serves before it is replaced: they
 * never open a user's PDF, and at the rendering rate the sandbox's default (1,000) meant a new worker every few seconds.
 */
export const JSON_JOB_RUNS_PER_WORKER = 100_000;
/** Login attempts per address and window: TROP_DE_TENTATIVES (429). */
export const LOGIN_ATTEMPTS = 10;
/** The login rate limit's window, in ms. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
