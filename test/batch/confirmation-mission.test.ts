/**
 * The second letter's sample spreadsheet (samples/confirmation-mission.csv, Windows-1252 with `;`, as a school office
 * exports it, with the header row of `paperasse batch-modele confirmation-mission`): ten letters, to each tutor and
 * each HR contact, named after the apprentice and the addressee, in PDF and .docx.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { Paperasse } from '../../src/api.ts';
import { SAMPLES } from '../helpers.ts';
import { tempFolder } from './rows.ts';

const temp = tempFolder();
afterAll(() => temp.remove());

describe('the confirmation-mission sample spreadsheet', () => {
  it('gives ten letters (tutor and HR contact of five apprentices) as PDF and .docx, and a print file', async () => {
    const paperasse = new Paperasse();
    const headers = paperasse.batchHeaders('confirmation-mission', JSON.parse(readFileSync(`${SAMPLES}confirmation-mission.json`, 'utf8')));
    const firstLine = iconv.decode(readFileSync(`${SAMPLES}confirmation-mission.csv`), 'win1252').split('\r\n')[0];
    expect(firstLine).toBe(headers.ok ? headers.valeur.join(';') : '');
    const zip = join(temp.dir, 'confirmations.zip');
    const outcome = await paperasse.batch('confirmation-mission', { donnees: `${SAMPLES}confirmation-mission.csv`, sortie: zip, docx: true });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    expect(outcome.valeur).toMatchObject({ total: 10, produites: 10, lignesRefusees: [], source: 'CSV (séparateur ;, Windows-1252)' });
    execFileSync('unzip', ['-tq', zip]);
    const entries = unzipSync(readFileSync(zip));
    const names = Object.keys(entries).sort();
    expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(11);
    expect(names.filter((n) => n.endsWith('.docx'))).toHaveLength(10);
    expect(names).toContain('BELKACEM_Ines_tuteur-FERRACCI.pdf');
    expect(names).toContain('BELKACEM_Ines_contactrh-COULOMB.docx');
    const letter = join(temp.dir, 'rh.pdf');
    writeFileSync(letter, entries['ROUX_Baptiste_contactrh-CHABERT.pdf'] ?? new Uint8Array());
    execFileSync('qpdf', ['--check', letter]);
    const text = execFileSync('pdftotext', [letter, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Madame Émilie CHABERT');
    expect(text).toContain('Mutuelle Provençale d’Assurances');
    const printed = join(temp.dir, 'tout-imprimer.pdf');
    writeFileSync(printed, entries['tout-imprimer.pdf'] ?? new Uint8Array());
    execFileSync('qpdf', ['--check', printed]);
    expect(execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' }).match(/Objet : confirmation de la mission/g)).toHaveLength(10);
  });
});
