/** A school's own letter template is checked before any letter is made: each problem with its line and column. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paperasse, ROOT } from '../helpers.ts';

const LETTER = 'lettre-tuteur-rentree';

/** Returns the standard template of a letter, as a school would copy it. */
function standard(name: string): string {
  return readFileSync(`${ROOT}templates/letters/${name}.hbs`, 'utf8');
}

/** Returns `source` with `from` replaced by `to` on line `line` (1-based), failing when it is not there. */
function edit(source: string, line: number, from: string, to: string): string {
  const lines = source.split('\n');
  const text = lines[line - 1] ?? '';
  if (!text.includes(from)) throw new Error(`line ${String(line)} does not hold ${from}`);
  lines[line - 1] = text.replace(from, to);
  return lines.join('\n');
}

describe('letter template check', () => {
  it('accepts the standard templates of both letters', () => {
    expect(paperasse().letterTemplateIssues(LETTER, standard(LETTER))).toEqual([]);
    expect(paperasse().letterTemplateIssues('confirmation-mission', standard('confirmation-mission'))).toEqual([]);
  });

  it('refuses a typo in a placeholder with its line, column and the closest field', () => {
    const source = edit(standard(LETTER), 16, 'tuteur.nom}}', 'tuteur.nmo}}');
    const column = (source.split('\n')[15] ?? '').indexOf('tuteur.nmo') + 1;
    const issues = paperasse().letterTemplateIssues(LETTER, source, 'mon-modele.hbs');
    expect(issues).toEqual([
      {
        code: 'MODELE_CHAMP_INCONNU',
        chemin: `mon-modele.hbs:16:${String(column)}`,
        message: `Champ inconnu « tuteur.nmo » ligne 16, colonne ${String(column)} : vouliez-vous dire « tuteur.nom » ?`,
      },
    ]);
  });

  it('refuses a field unknown inside #each, resolved against the array’s elements, and accepts this, ../ and @index there', () => {
    const source = ['{{#each calendrierCours}}', '{{@index}} {{this.du}} {{../anneeUniversitaire}} {{libele}}', '{{/each}}'].join('\n');
    const issues = paperasse().letterTemplateIssues(LETTER, source);
    expect(issues.map((i) => [i.code, i.chemin])).toEqual([['MODELE_CHAMP_INCONNU', 'modele.hbs:2:52']]);
    expect(issues[0]?.message).toContain('vouliez-vous dire « libelle » ?');
  });

  it('refuses a field of the document written inside #each without ../', () => {
    const issues = paperasse().letterTemplateIssues(LETTER, '{{#each calendrierCours}}{{anneeUniversitaire}}{{/each}}');
    expect(issues.map((i) => [i.code, i.chemin])).toEqual([['MODELE_CHAMP_INCONNU', 'modele.hbs:1:28']]);
  });

  it('refuses an unknown helper, block or value, with its line, column and the closest helper', () => {
    const source = ['{{#paragrafe}}', 'Le {{dateLonge dateCourrier}}', '{{/paragrafe}}'].join('\n');
    const issues = paperasse().letterTemplateIssues(LETTER, source, 'x.hbs');
    expect(issues).toEqual([
      { code: 'MODELE_ASSISTANT_INCONNU', chemin: 'x.hbs:1:4', message: 'Assistant inconnu « #paragrafe » ligne 1, colonne 4 : vouliez-vous dire « #paragraphe » ?' },
      { code: 'MODELE_ASSISTANT_INCONNU', chemin: 'x.hbs:2:6', message: 'Assistant inconnu « dateLonge » ligne 2, colonne 6 : vouliez-vous dire « dateLongue » ?' },
    ]);
  });

  it('refuses an unclosed block with the line and column where it opens', () => {
    const source = edit(standard(LETTER), 36, '{{#titre}}Le carnet de bord{{/titre}}', '{{#titre}}Le carnet de bord');
    const issues = paperasse().letterTemplateIssues(LETTER, source, 'mon-modele.hbs');
    expect(issues.map((i) => i.code)).toEqual(['MODELE_ILLISIBLE']);
    expect(issues[0]?.chemin).toBe('mon-modele.hbs:36:1');
    expect(issues[0]?.message).toContain('le bloc « {{#titre}} » ouvert ligne 36, colonne 1 n’est jamais fermé');
  });

  it('refuses a block closed by another name, naming both', () => {
    const issues = paperasse().letterTemplateIssues(LETTER, 'a\n{{#if tuteur.civilite}}b\n  {{/each}}');
    expect(issues.map((i) => [i.code, i.chemin])).toEqual([['MODELE_ILLISIBLE', 'modele.hbs:3:3']]);
    expect(issues[0]?.message).toContain('ferme le bloc « {{#if}} » ouvert ligne 2, colonne 1');
  });

  it('refuses an expression missing a brace with its line and column', () => {
    const issues = paperasse().letterTemplateIssues(LETTER, 'Madame,\nle {{dateLongue dateCourrier}\nfin');
    expect(issues.map((i) => i.code)).toEqual(['MODELE_ILLISIBLE']);
    expect(issues[0]?.chemin).toMatch(/^modele\.hbs:2:\d+$/);
    expect(issues[0]?.message).toMatch(/^Le modèle ne se lit pas ligne 2, colonne \d+ : /);
  });

  it('refuses partials, which would reach outside the template', () => {
    expect(paperasse().letterTemplateIssues(LETTER, '{{> entete}}').map((i) => i.code)).toEqual(['MODELE_ASSISTANT_INCONNU']);
  });

  it('checkLetterTemplate gives the first problem as a Result', () => {
    const refused = paperasse().checkLetterTemplate('{{#titre}}x', LETTER, 'a.hbs');
    expect(refused.ok ? undefined : [refused.erreur.code, refused.erreur.chemin]).toEqual(['MODELE_ILLISIBLE', 'a.hbs:1:1']);
    expect(paperasse().checkLetterTemplate(standard(LETTER), LETTER).ok).toBe(true);
  });

  it('refuses a template for a form that is not a letter', () => {
    expect(paperasse().letterTemplateIssues('fiche-client', 'x').map((i) => i.code)).toEqual(['PAS_UNE_LETTRE']);
  });

  it('prepareLetter refuses a template with a typo and prepares the standard and a valid custom one', () => {
    const p = paperasse();
    const refused = p.prepareLetter(LETTER, '{{tuteur.prenon}}', 'mon-modele.hbs');
    expect(refused.ok ? undefined : refused.erreur.message).toBe('Champ inconnu « tuteur.prenon » ligne 1, colonne 3 : vouliez-vous dire « tuteur.prenom » ?');
    const standardLetter = p.prepareLetter(LETTER);
    expect(standardLetter.ok && standardLetter.valeur.modele).toBe('standard');
    const custom = p.prepareLetter(LETTER, '{{#paragraphe}}Bonjour {{tuteur.prenom}}{{/paragraphe}}');
    expect(custom.ok && custom.valeur.modele).toBe('personnalise');
    expect(custom.ok && custom.valeur.form.id).toBe(LETTER);
  });
});

describe('templates/letters/README.md', () => {
  it('documents every helper a template may use', async () => {
    const { HELPERS } = await import('../../src/letters/letters.ts');
    const readme = readFileSync(`${ROOT}templates/letters/README.md`, 'utf8');
    const missing = Object.keys(HELPERS).filter((h) => !new RegExp(`[{(]#?${h}\\b`).test(readme) && !readme.includes(`| \`${h}\``));
    expect(missing).toEqual([]);
  });
});
