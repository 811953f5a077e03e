/** What every CLI command shares: the streams, argument parsing, error printing and atomic output files. */
import { parseArgs } from 'node:util';
import { writeFileDurably } from '../core/durable.ts';
import { internalError } from '../core/incident.ts';
import { failure, success, type Issue, type Result } from '../core/issues.ts';

/** The streams the CLI talks to (injected so tests can run it in-process). */
export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** A command line that does not match the command's usage (exit code 2, code USAGE). */
export class ArgumentError extends Error {}

/** Returns the parsed options and positionals, or throws ArgumentError naming the bad option or the count expected. */
export function parseArguments(args: string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>, positionalCount: number | 'au-moins-un', usage: string) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message;
    const option = /'(-[^']+)'/.exec(message)?.[1];
    throw new ArgumentError(option ? `Option inconnue ou incomplète « ${option} ». Utilisation : ${usage}` : `Arguments invalides. Utilisation : ${usage}`);
  }
  if (positionalCount === 'au-moins-un') {
    if (parsed.positionals.length === 0) throw new ArgumentError(`Au moins un argument attendu. Utilisation : ${usage}`);
  } else if (parsed.positionals.length !== positionalCount) {
    throw new ArgumentError(`${positionalCount} argument(s) attendu(s), ${parsed.positionals.length} reçu(s). Utilisation : ${usage}`);
  }
  return parsed;
}

/** Returns exit code 2 after printing a usage error. */
export function usageError(streams: Streams, message: string): number {
  streams.stderr.write(`${message}\n(code USAGE — « paperasse help » pour l’aide)\n`);
  return 2;
}

/** Returns exit code 2 after printing an input error (as `{ erreur }` with --json). */
export function writeInputError(streams: Streams, error: Issue, json: boolean): number {
  if (json) streams.stdout.write(`${JSON.stringify({ erreur: error }, null, 2)}\n`);
  else streams.stderr.write(`${error.message}\n(code ${error.code})\n`);
  return 2;
}

/** Prints issues as a bulleted list with their codes and locations. */
export function writeIssues(out: NodeJS.WritableStream, issues: readonly Issue[], indent = '  '): void {
  for (const e of issues) out.write(`${indent}• ${e.message}\n${indent}  [${e.code}] ${e.chemin || '/'}\n`);
}

/** Writes `bytes` durably (temporary file, fsync, rename, fsync of the directory): a reader never sees half a document. Returns the success, or ECRITURE_IMPOSSIBLE. */
export function writeAtomically(path: string, bytes: Uint8Array): Promise<Result<void>> {
  try {
    writeFileDurably(path, bytes);
    return Promise.resolve(success(undefined));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') return Promise.resolve({ ok: false, erreur: internalError('cli.writeAtomically', e, path) });
    const reason = code === 'ENOENT' ? 'le dossier n’existe pas' : code === 'EISDIR' ? 'c’est un dossier' : 'écriture refusée';
    return Promise.resolve(failure('ECRITURE_IMPOSSIBLE', path, `Impossible d’écrire « ${path} » : ${reason}.`));
  }
}
