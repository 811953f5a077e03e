/** Spreadsheets for the mail-merge tests of the service and the web interface: the sample CSV grown to many rows, some of them broken. */
import { readFileSync } from 'node:fs';
import { ROOT } from '../helpers.ts';

/** Index of the « Tuteur – Courriel » column of samples/lettre-tuteur-rentree.csv. */
const TUTOR_EMAIL = 23;

/**
 * Returns the sample CSV (Windows-1252, `;`) with `rows` data rows (the sample's ten rows repeated), the rows whose
 * spreadsheet numbers are in `broken` (the header is row 1) given a tutor e-mail that is not one.
 */
export function rentreeCsv(rows: number, broken: readonly number[] = []): Uint8Array {
  // latin1 keeps every byte as it is: the Windows-1252 text comes back unchanged.
  const [header = '', ...sample] = readFileSync(`${ROOT}samples/lettre-tuteur-rentree.csv`, 'latin1').split(/\r?\n/).filter((l) => l !== '');
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const cells = (sample[i % sample.length] ?? '').split(';');
    if (broken.includes(i + 2)) cells[TUTOR_EMAIL] = 'pas-une-adresse';
    lines.push(cells.join(';'));
  }
  return new Uint8Array(Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
}
