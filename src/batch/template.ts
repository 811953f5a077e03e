/**
 * A school's own letter template for a batch (`--template`): read, then checked by the letters' check
 * (`Paperasse.prepareLetter`: parse errors, unknown helpers and placeholders, each with its line, column and closest
 * known name) before any row is read or any letter made. The workers get the checked source in their setup and
 * compile it once each (see render-task.ts).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { failure, success, type Result } from '../core/issues.ts';
import type { PreparedLetter } from '../api.ts';

/** Prepares a letter: its template (the school's when `source` is given) checked and compiled once. */
export type LetterPreparer = (source: string | undefined, nomModele: string) => Result<PreparedLetter>;

/** A template ready for the workers: its checked source (undefined: Paperasse's standard template). */
export interface BatchTemplate {
  source: string | undefined;
}

/** Returns the checked template of `file` (none given: the letter's standard one), or its first problem with line and column. */
export async function prepareBatchTemplate(prepare: LetterPreparer, file: string | undefined): Promise<Result<BatchTemplate>> {
  if (file === undefined) return success({ source: undefined });
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    return failure('FICHIER_INTROUVABLE', file, `Le modèle « ${file} » ne peut pas être lu (absent ou droits insuffisants).`);
  }
  const prepared = prepare(source, basename(file));
  return prepared.ok ? success({ source }) : prepared;
}
