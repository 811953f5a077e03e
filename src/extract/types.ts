/**
 * What reading a returned PDF produces (issue 5). Shared by the extraction steps, the upload store, the CLI
 * and the server; its keys are the public JSON output of `paperasse extract`.
 */
import type { Issue, Result } from '../core/issues.ts';

/** Where the data came from, in the order extraction tries them. */
export type ExtractionSource = 'champs' | 'donnees-integrees' | 'texte';

/** A value that differs between the PDF as Paperasse generated it and as it came back. */
export interface Modification {
  /** JSON Pointer of the value in the form's data. */
  chemin: string;
  avant: unknown;
  apres: unknown;
}

/** One digital signature found in the PDF. */
export interface SignatureReport {
  /** Common name (CN) of the signing certificate; '' when the signature cannot be decoded. */
  signataire: string;
  /** Signing time (ISO 8601), from the signed attributes, else from the signature dictionary's /M; null when absent. */
  date: string | null;
  /** The digest of the signed byte ranges matches the signature, and the signature verifies with the certificate's key. */
  integre: boolean;
  /** The signed byte ranges cover the whole file (no bytes appended after signing). */
  couvreToutLeDocument: boolean;
  /** Form fields (or pages) were changed by an incremental update after this signature. */
  modifieApresSignature: boolean;
  /** Names of the fields whose value changed after this signature. */
  champsModifies: string[];
  /** Name of the signature field, when there is one. */
  champ?: string;
  /** Why the signature could not be checked, in French, when `integre` is false for a reason other than a digest mismatch. */
  detail?: string;
}

/** The successful reading of a PDF: data that may still be invalid (`valide` false, `erreurs` listing why). */
export interface Extraction {
  formulaire: string;
  version: string;
  source: ExtractionSource;
  donnees: unknown;
  valide: boolean;
  erreurs: Issue[];
  modifications: Modification[];
  signatures: SignatureReport[];
  /** What the secretariat should know but that does not make the data invalid (for example a PDF carrying JavaScript or a /Launch action). */
  avertissements: Issue[];
}

/** The outcome of reading a file: an extraction, or the error that kept anything from being read (the project's one `Result`). */
export type ExtractionOutcome = Result<Extraction>;
