/** Spreadsheets for the mail merge tests, built from samples/lettre-tuteur-rentree.json's shape. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellText, columnsOf, type Column } from '../../src/batch/columns.ts';
import { createSchemaCatalog } from '../../src/core/schemas.ts';
import { SAMPLES } from '../helpers.ts';

/** The letter every batch test merges. */
export const LETTRE = 'lettre-tuteur-rentree';

/** The parts of the letter's data the tests change or read. */
export interface Letter {
  [key: string]: unknown;
  tuteur: { nom: string; prenom: string; courriel: string; civilite: string; adresse: { codePostal: string } };
  alternant: { nom: string; prenom: string; annee: string };
  premiereReunionTuteurs: { lieu: string; date: string };
  calendrierCours: unknown[];
  dateCourrier: string;
  carnetDeBordJoint: boolean;
}

/** Returns the sample letter's data (a fresh copy). */
export function sampleData(): Letter {
  return JSON.parse(readFileSync(`${SAMPLES}${LETTRE}.json`, 'utf8')) as Letter;
}

/** The columns of the letter's spreadsheet, with the sample's twelve periods. */
export const COLUMNS: Column[] = columnsOf(createSchemaCatalog(), LETTRE, (p) => (p[0] === 'calendrierCours' ? 12 : 1)).modele;

/** Returns a CSV line of `cells` with `separator`, quoted as RFC 4180 says. */
export function csvLine(cells: readonly string[], separator: string): string {
  return cells.map((c) => (c.includes(separator) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(separator);
}

/** Returns the CSV text (header row, then one row per data object, as an office types it). */
export function csvText(rows: readonly unknown[], separator = ';'): string {
  return [csvLine(COLUMNS.map((c) => c.entete), separator), ...rows.map((r) => csvLine(COLUMNS.map((c) => cellText(r, c)), separator))].join('\r\n') + '\r\n';
}

/** Returns the data of a tutor's letter: the sample with another tutor and apprentice. */
export function letterFor(i: number, tutor = `Tuteur${i}`, apprentice = `Alternant${i}`): Letter {
  const d = sampleData();
  d.tuteur.nom = tutor;
  d.tuteur.prenom = 'Élodie';
  d.tuteur.courriel = `tuteur${i}@exemple.fr`;
  d.alternant.nom = apprentice;
  d.alternant.prenom = 'Jérôme';
  return d;
}

/** Returns a new temporary folder and the function that removes it. */
export function tempFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-batch-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
