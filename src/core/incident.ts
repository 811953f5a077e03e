/**
 * Unexpected failures of Paperasse itself become `ERREUR_INTERNE` values with an incident id. The log line carries
 * the id, where it happened and the error's class and stack frames, never its message (which may quote user data).
 */
import { randomBytes } from 'node:crypto';
import type { Issue } from './issues.ts';

/** Where incident lines go; replaced in tests and by a server's structured logger. */
export type IncidentSink = (line: string) => void;

let sink: IncidentSink = (line) => process.stderr.write(`${line}\n`);

/** Sets where incident lines are written and returns the previous sink. */
export function setIncidentSink(next: IncidentSink): IncidentSink {
  const previous = sink;
  sink = next;
  return previous;
}

/** Returns a new incident id: 12 hexadecimal characters, printed to the user and in the log. */
export function newIncidentId(): string {
  return randomBytes(6).toString('hex');
}

/** Returns the stack frames of an error without its message (the message may quote a user's data). */
export function framesOf(error: unknown): string {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return '';
  return error.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .map((line) => line.trim())
    .join(' | ');
}

/** Logs an unexpected error under a new incident id and returns the `ERREUR_INTERNE` issue to report to the user. */
export function internalError(where: string, error: unknown, chemin = ''): Issue {
  const id = newIncidentId();
  const kind = error instanceof Error ? error.name : typeof error;
  sink(`[paperasse] incident ${id} (${where}) : ${kind}${framesOf(error) ? ` | ${framesOf(error)}` : ''}`);
  return {
    code: 'ERREUR_INTERNE',
    chemin,
    message: `Erreur interne de Paperasse (incident ${id}) : ce n’est pas un défaut de votre fichier ni de vos données. Réessayez ; si l’erreur persiste, signalez ce numéro d’incident.`,
  };
}
