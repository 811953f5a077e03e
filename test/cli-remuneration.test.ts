/** `paperasse remuneration` and `--calendrier`, run as a real process, and the README's example of them. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

interface Output { code: number; stdout: string; stderr: string }

/** Returns what `paperasse <args>` prints and its exit code. */
function paperasse(args: string[]): Promise<Output> {
  return new Promise((resolve) => {
    execFile('node', [`${ROOT}src/cli/paperasse.mjs`, ...args], { cwd: ROOT, env: { ...process.env, PAPERASSE_DEBUG: '' } }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'paperasse-remuneration-'));
const SAMPLE = 'samples/fiche-validation-mission.json';

describe('paperasse remuneration', () => {
  it('prints exactly the output the README shows for its example', async () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const block = /```console\n\$ npx paperasse remuneration (\S+)\n([\s\S]*?)\n```/.exec(readme);
    expect(block).not.toBeNull();
    const [, file = '', shown = ''] = block ?? [];
    const s = await paperasse(['remuneration', file]);
    expect(s.code).toBe(0);
    expect(s.stdout).toBe(`${shown}\n`);
  });

  it('gives the JSON of the issue, amounts to the cent, with a given SMIC and SMC', async () => {
    const s = await paperasse(['remuneration', SAMPLE, '--smic', '1823,03', '--smc', '1700', '--json']);
    expect(s.code).toBe(0);
    const grid = JSON.parse(s.stdout) as { periodes: Array<Record<string, unknown>>; explications: string[] };
    expect(grid.periodes).toEqual([
      { du: '2025-09-01', au: '2026-09-02', anneeContrat: 1, trancheAge: '21-25', taux: 53, base: 'SMIC', montantMensuelBrut: 966.21 },
      { du: '2026-09-03', au: '2027-09-30', anneeContrat: 2, trancheAge: '21-25', taux: 61, base: 'SMIC', montantMensuelBrut: 1112.05 },
    ]);
    expect(grid.explications[0]).toContain('plus élevé que le SMC');
  });

  it('refuses a SMIC that is not an amount with a usage error', async () => {
    const s = await paperasse(['remuneration', SAMPLE, '--smic', 'beaucoup']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--smic attend un montant brut mensuel en euros');
  });

  it('says why a fiche that fails its schema has no grid', async () => {
    const file = join(dir, 'vide.json');
    writeFileSync(file, '{}');
    const s = await paperasse(['remuneration', file, '--json']);
    expect(s.code).toBe(2);
    expect((JSON.parse(s.stdout) as { erreur: { code: string } }).erreur.code).toBe('REMUNERATION_INCALCULABLE');
  });
});

describe('--calendrier', () => {
  it('fills the formation dates of another year from the given calendar, and refuses a malformed one', async () => {
    const fiche = JSON.parse(readFileSync(`${ROOT}${SAMPLE}`, 'utf8')) as { dateDemande: string; formation: Record<string, string>; contrat: Record<string, unknown>; mission: Record<string, unknown>; cadreMiage?: unknown };
    fiche.dateDemande = '2026-05-15';
    fiche.formation = { diplome: 'l3i-miage', anneeUniversitaire: '2026/2027', statut: 'FI' };
    fiche.contrat = { ...fiche.contrat, dateDebut: '2026-09-01', dateFin: '2027-07-02', remunerationBruteMensuelle: 1500 };
    delete fiche.mission.parcoursSouhaite;
    delete fiche.cadreMiage;
    const ficheFile = join(dir, 'fiche-2026.json');
    writeFileSync(ficheFile, JSON.stringify(fiche));
    const calendar = {
      anneeUniversitaire: '2026/2027',
      source: 'test',
      debutProcessusValidation: '2026-05-15',
      finProcessusValidation: '2026-10-30',
      proclamationJurysAnneePrecedente: null,
      formations: { 'l3i-miage': { intitule: 'L3I MIAGE 2026/2027', dateDebutFormation: '2026-09-01', dateFinFormation: '2027-07-02', dureeAnnees: 1 } },
    };
    const calendarFile = join(dir, 'calendrier.json');
    writeFileSync(calendarFile, JSON.stringify(calendar));
    const without = await paperasse(['validate', 'fiche-validation-mission', ficheFile, '--json']);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('CALENDRIER_FORMATION_INTROUVABLE');
    const withIt = await paperasse(['validate', 'fiche-validation-mission', ficheFile, '--calendrier', calendarFile]);
    expect(withIt.stdout).toContain('est valide');
    expect(withIt.stdout).toContain('⚠ avertissement : Le contrat / la convention d’alternance — « Date de début du contrat/de la convention (DDC) » : calendrier sans date de proclamation des jurys de l’année précédente : règle non vérifiée');
    expect(withIt.stdout).toContain('[CALENDRIER_SANS_JURYS] /contrat/dateDebut');
    expect(withIt.stdout).not.toContain('CALENDRIER_SANS_FIN_VALIDATION');
    const withItJson = await paperasse(['validate', 'fiche-validation-mission', ficheFile, '--calendrier', calendarFile, '--json']);
    expect((JSON.parse(withItJson.stdout) as { valide: boolean; avertissements: Array<{ code: string }> }).avertissements.map((w) => w.code)).toEqual(['CALENDRIER_SANS_JURYS']);
    const grid = await paperasse(['remuneration', ficheFile, '--calendrier', calendarFile, '--json']);
    expect(grid.code).toBe(0);
    writeFileSync(calendarFile, JSON.stringify({ ...calendar, formations: { 'l3i-miage': { ...calendar.formations['l3i-miage'], dureeAnnees: 4 } } }));
    const bad = await paperasse(['validate', 'fiche-validation-mission', ficheFile, '--calendrier', calendarFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CALENDRIER_INVALIDE');
  });
});
