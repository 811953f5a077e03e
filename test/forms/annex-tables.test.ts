/**
 * The annexes' tables are printed as one table each, with its borders: annex V's « DESCRIPTION ET ANALYSE DU
 * DÉROULEMENT DE L'ENTRETIEN COMMERCIAL » is a table whose header (PHASES | DESCRIPTION ET ANALYSE) and instructions
 * are followed by the candidate's phases, one row each, in the print PDF and in the Word document (where a long text
 * in a cell is framed by the cell, not by a second table inside it). Annex XI's members and their qualités are
 * printed in Word without a label the annex does not have.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMS } from '../../src/forms/registry.ts';
import type { DocNode } from '../../src/render/model.ts';
import { paperasse, sampleCopy } from '../helpers.ts';
import { resolved } from '../render/expected.ts';
import { save, tempDir } from '../render/tools.ts';

const dir = tempDir('annex-tables');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const E32 = FORMS.find((f) => f.id === 'fiche-activite-e32');
const INSTRUCTION = 'Au fil de la description, mettre en évidence notamment';

/** The sample fiche's phases. */
const sample = sampleCopy<{ deroulement: Array<{ phase: string; description: string }> }>('fiche-activite-e32');

/** Returns the texts and values printed in nodes, in order. */
function texts(nodes: readonly DocNode[]): string[] {
  return nodes.flatMap((n) => (n.t === 'text' || n.t === 'value' ? [n.text] : 'children' in n ? texts(n.children) : []));
}

/** Returns every table of a resolved document. */
function tables(nodes: readonly DocNode[]): Array<Extract<DocNode, { t: 'table' }>> {
  return nodes.flatMap((n) => [...(n.t === 'table' ? [n] : []), ...('children' in n ? tables(n.children) : [])]);
}

describe('annex V’s PHASES table', () => {
  if (!E32) throw new Error('fiche-activite-e32 is not registered');

  it.each([
    ['blank', undefined, 5],
    ['filled', sample, sample.deroulement.length],
  ])('is one table on the %s fiche: its header, the annex’s instructions, then one row per phase', (_name, data, phases) => {
    const found = tables(resolved(E32, data).nodes).filter((t) => t.head.some((r) => r.some((c) => texts(c.children).includes('PHASES'))));
    expect(found).toHaveLength(1);
    const [table] = found;
    expect(table?.head.map((r) => r.map((c) => texts(c.children).join(' ')))).toEqual([['PHASES', 'DESCRIPTION ET ANALYSE']]);
    expect(table?.rows).toHaveLength(1 + phases);
    expect(texts(table?.rows[0]?.flatMap((c) => c.children) ?? []).join(' ')).toContain(INSTRUCTION);
    if (data) expect(table?.rows.slice(1).map((r) => texts(r.flatMap((c) => c.children)))).toEqual(sample.deroulement.map((p) => [p.phase, p.description]));
  });

  it('is one Word table: the phases follow the header in it, their texts framed by their cells only', async () => {
    const outcome = await paperasse().renderDocx('fiche-activite-e32', { donnees: sample });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    const path = save(dir, 'fiche-e32.docx', outcome.octets);
    const xml = execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const start = xml.indexOf('>PHASES<');
    const end = xml.indexOf('DOCUMENTS PROFESSIONNELS UTILISÉS LORS DE L’ENTRETIEN');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const part = xml.slice(start, end);
    // No table starts between the header and the next heading: neither a second table nor a frame inside a cell.
    expect(part.match(/<w:tbl>/g) ?? []).toEqual([]);
    for (const p of sample.deroulement) expect(part).toContain(`>${p.phase}<`);
    expect(part.match(/<w:tr>|<w:tr /g)?.length).toBe(1 + sample.deroulement.length);
  });
});

describe('annex XI’s « Noms et qualités des membres de la commission d’évaluation » in Word', () => {
  it('prints each member’s qualité as a value to write, with no label of Paperasse’s before it', async () => {
    for (const [name, data] of [['vierge', undefined], ['remplie', sampleCopy('grille-e5-ccf')]] as const) {
      const outcome = await paperasse().renderDocx('grille-e5-ccf', data === undefined ? {} : { donnees: data });
      if (!outcome.ok) throw new Error(outcome.erreur.message);
      const path = save(dir, `grille-e5-${name}.docx`, outcome.octets);
      const xml = execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const members = xml.slice(xml.indexOf('Noms et qualités des membres de la commission d’évaluation'));
      // A label-less value starts with its value (or dots), never with a lone « : ».
      expect(members).not.toMatch(/<w:t[^>]*> : <\/w:t>/);
      if (data) for (const m of (data as { membresCommission: Array<{ nom: string }> }).membresCommission) expect(members).toContain(m.nom);
    }
  });
});
