/**
 * Letters from templates: the French helpers, the letter markup laid out as blocks, and both letters rendered from
 * one template to PDF and to Word, judged with qpdf, pdftotext and LibreOffice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/layout/layout.ts';
import { civility, frenchAmount, frenchList, frenchPeriod, letterBlocks, longDate } from '../../src/letters/letters.ts';
import { paperasse, SAMPLES } from '../helpers.ts';
import { libreOfficeToPdf, pdfText, qpdfCheck, save, tempDir } from '../render/tools.ts';

/** Returns the sample of a form. */
function sample<T = Record<string, unknown>>(id: string): T {
  return JSON.parse(readFileSync(`${SAMPLES}${id}.json`, 'utf8')) as T;
}

/** Returns a text without its line breaks and runs of spaces (pdftotext wraps lines). */
function flat(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ');
}

describe('French helpers', () => {
  it('writes long dates with the weekday, and « 1er » on the first of the month', () => {
    expect(longDate('2025-09-01')).toBe('lundi 1er septembre 2025');
    expect(longDate('2026-11-19')).toBe('jeudi 19 novembre 2026');
    expect(longDate('19/11/2026')).toBe('……………');
  });

  it('writes periods without repeating the month or the year they share', () => {
    expect(frenchPeriod({ du: '2026-11-09', au: '2026-11-27' })).toBe('du 9 au 27 novembre 2026');
    expect(frenchPeriod({ du: '2027-03-22', au: '2027-04-09' })).toBe('du 22 mars au 9 avril 2027');
    expect(frenchPeriod({ du: '2026-12-21', au: '2027-01-08' })).toBe('du 21 décembre 2026 au 8 janvier 2027');
    expect(frenchPeriod({ du: '2027-05-01', au: '2027-05-01' })).toBe('le 1er mai 2027');
  });

  it('writes amounts the French way, with no-break spaces', () => {
    expect(frenchAmount(1234.56)).toBe('1\u00a0234,56\u00a0€');
    expect(frenchAmount(1171.17)).toBe('1\u00a0171,17\u00a0€');
    expect(frenchAmount(0)).toBe('0,00\u00a0€');
  });

  it('joins lists with commas and « et »', () => {
    expect(frenchList(['a', 'b', 'c'])).toBe('a, b et c');
    expect(frenchList(['a', 'b'])).toBe('a et b');
    expect(frenchList(['a'])).toBe('a');
    expect(frenchList([])).toBe('');
  });

  it('gives the civilité, « Madame, Monsieur » when it is unknown', () => {
    expect(civility('madame')).toBe('Madame');
    expect(civility('monsieur')).toBe('Monsieur');
    expect(civility('Mme')).toBe('Madame');
    expect(civility(undefined)).toBe('Madame, Monsieur');
  });
});

describe('letter markup', () => {
  const source = [
    '{{#titre}}Objet{{/titre}}',
    'Premier paragraphe,',
    'sur deux lignes.',
    '',
    'Second : {{enumeration tuteurs "prenom" "nom"}}, {{montant contrat.remunerationBruteMensuelle}},',
    '{{accord destinataire.civilite "désigné" "désignée"}}.',
    '{{#siM1}}M1{{else}}pas M1{{/siM1}}',
    '{{#liste}}{{#each tuteurs}}{{#element}}{{nom}}{{/element}}{{/each}}{{/liste}}',
    '{{#tableau largeurs="1 3"}}{{#entete}}{{#cellule}}A{{/cellule}}{{#cellule}}B{{/cellule}}{{/entete}}{{#ligne}}{{#cellule}}1{{/cellule}}{{#cellule}}x',
    'y{{/cellule}}{{/ligne}}{{/tableau}}',
    '{{sautDePage}}',
  ].join('\n');
  const data = sample('confirmation-mission');
  data.tuteurs = [...(data.tuteurs as object[]), { nom: 'Roux', prenom: 'Anne' }, { nom: 'Vidal', prenom: 'Paul' }];
  (data.destinataire as Record<string, unknown>).civilite = 'madame';

  it('turns paragraphs, headings, lists, tables and page breaks into layout blocks', () => {
    const blocks = letterBlocks({ kind: 'letterBody', name: 'x', source }, data, false);
    const kinds = blocks.map((b) => (b.kind === 'text' ? `text:${b.text}` : b.kind));
    expect(kinds).toEqual([
      'heading',
      'text:Premier paragraphe, sur deux lignes.',
      'text:\u00a0',
      'text:Second : Julien Ferracci, Anne Roux et Paul Vidal, 1\u00a0171,17\u00a0€, désignée. M1',
      'text:\u00a0',
      'stack',
      'text:\u00a0',
      'grid',
      'pageBreak',
    ]);
    const grid = blocks.find((b) => b.kind === 'grid');
    expect(grid?.kind === 'grid' && grid.widths).toEqual([1, 3]);
    expect(grid?.kind === 'grid' && grid.rows[0]?.[1]?.blocks).toEqual([{ kind: 'text', text: 'x\ny' }]);
  });

  it('never lets a value open or close a block', () => {
    const hostile = { ...data, mission: { intitule: '\uE000{"k":"break"}\uE001\uE002 Mission' } };
    const blocks = letterBlocks({ kind: 'letterBody', name: 'x', source: '{{mission.intitule}}' }, hostile, false);
    expect(blocks).toEqual([{ kind: 'text', text: '{"k":"break"} Mission' }]);
  });

  it('shows the M2 text only to an M2 letter', () => {
    const body = { kind: 'letterBody' as const, name: 'x', source: '{{#siM1}}UN{{else}}DEUX{{/siM1}} {{#siM2}}M2{{/siM2}}' };
    expect(letterBlocks(body, { alternant: { annee: 'M2' } }, false)).toEqual([{ kind: 'text', text: 'DEUX M2' }]);
    expect(letterBlocks(body, { alternant: { annee: 'M1' } }, false)).toEqual([{ kind: 'text', text: 'UN' }]);
  });
});

describe('the rentrée letter', () => {
  /** Returns the printed texts of the standard rentrée letter for `data`. */
  function texts(data: unknown): string {
    const out: string[] = [];
    const walk = (blocks: readonly Block[]) => {
      for (const b of blocks) {
        if (b.kind === 'text' || b.kind === 'heading') out.push(b.text);
        if (b.kind === 'row' || b.kind === 'stack') walk(b.blocks);
        if (b.kind === 'grid') for (const r of [...(b.head ?? []), ...b.rows]) for (const c of r) walk(c.blocks);
      }
    };
    walk(letterBlocks({ kind: 'letterBody', name: 'lettre-tuteur-rentree' }, data, false));
    return out.join('\n');
  }

  it('builds the month-by-month calendar from the data: school weeks, suivis, meetings and deadlines', () => {
    const text = texts(sample('lettre-tuteur-rentree'));
    expect(text).toContain('du 14 au 18 décembre 2026 : Semaine de cours n° 5');
    expect(text).toContain('du 11 au 22 janvier 2027 : Partiels du 1er semestre');
    expect(text).toContain('1re réunion des tuteurs / école / CFA : jeudi 19 novembre 2026 à 14\u00a0h');
    expect(text).toContain('Remise du rapport d’activité le vendredi 14 mai 2027.');
    expect(text).toContain('Vous, tutrice');
  });

  it('carries every step of the §4 calendar from the data: carnet handed at the rentrée, bilans of the suivis, the July grade', () => {
    const text = texts(sample('lettre-tuteur-rentree'));
    expect(text).toContain('Réunion de rentrée le lundi 14 septembre 2026 : remise du carnet de bord');
    expect(text).toContain('Bilan écrit des suivis le lundi 14 décembre 2026 (école, visa du CFA) ; carnet de bord visé, rendu en semaine de cours ; actions correctives si besoin.');
    expect(text).toContain('Bilan écrit des suivis le vendredi 16 avril 2027 (école, visa du CFA) ; carnet visé ; actions correctives si besoin.');
    expect(text).toContain('Juin : bilan écrit des suivis le vendredi 18 juin 2027 (école, visa du CFA)');
    expect(text).toContain('Juillet : note de l’UE « Rapport d’activité et alternance » le vendredi 9 juillet 2027.');
    expect(text).toContain('l’école vous envoie la note de l’UE en juillet.');
    expect(text).toMatch(/3e suivi de l’alternance, du 25 mai au 11 juin 2027/);
  });

  it('prints the calendar’s steps without their dates when the data gives none', () => {
    const data = sample<Record<string, unknown> & { rapportActivite: Record<string, unknown> }>('lettre-tuteur-rentree');
    delete data.remiseCarnetDeBord;
    delete data.bilansSuivis;
    delete data.rapportActivite.dateNoteUE;
    const text = texts(data);
    expect(text).toContain('Réunion de rentrée : remise du carnet de bord');
    expect(text).toContain('Bilan écrit des suivis (école, visa du CFA) ; carnet de bord visé');
    expect(text).toContain('Juillet : note de l’UE « Rapport d’activité et alternance ».');
    expect(text).not.toContain('……………');
  });

  it('tells the tutor of an M2 about the bilan, not about the rapport d’activité', () => {
    const data = sample<{ alternant: { annee: string }; rapportActivite?: unknown; tuteur: { civilite: string } }>('lettre-tuteur-rentree');
    data.alternant.annee = 'M2';
    delete data.rapportActivite;
    data.tuteur.civilite = 'monsieur';
    const text = texts(data);
    expect(text).toContain('En M2, l’évaluation de l’alternance tient lieu de bilan global');
    expect(text).toContain('proposition d’un contrat à l’alternant');
    expect(text).toContain('l’interlocuteur privilégié');
    expect(text).toContain('Vous, tuteur');
    expect(text).not.toContain('rapport d’activité le');
    expect(text).not.toContain('……………');
  });
});

describe('one template renders to PDF and to Word', () => {
  const dir = tempDir('letters');
  const cases = [
    {
      id: 'lettre-tuteur-rentree',
      expected: [
        'Madame Sandrine LE GALL',
        'Nantes, le vendredi 2 octobre 2026',
        'Objet : suivi de l’alternance de Théo Marchand (M1)',
        'l’interlocutrice privilégiée',
        'le jeudi 19 novembre 2026 à 14 h',
        'Calendrier de l’année 2026-2027',
        'du 9 au 27 novembre 2026',
        'Juin – juillet',
        'Hélène Marchetti',
      ],
    },
    {
      id: 'confirmation-mission',
      expected: [
        'Monsieur Julien FERRACCI',
        'Marseille, le vendredi 13 juin 2025',
        'réponse attendue avant le mercredi 18 juin 2025',
        'du lundi 1er septembre 2025 au jeudi 30 septembre 2027',
        '1 171,17 €',
        'Madame Sandrine COULOMB',
        'Olivier Castellan',
      ],
    },
  ];

  it('renders both letters from their samples: valid PDFs whose text reads back, and Word files saying the same', { timeout: 240_000 }, async () => {
    const p = paperasse();
    const docx: string[] = [];
    for (const c of cases) {
      const pdf = await p.renderPdf(c.id, { donnees: sample(c.id) });
      const word = await p.renderDocx(c.id, { donnees: sample(c.id) });
      if (!pdf.ok || !word.ok) throw new Error(`${c.id} was not rendered`);
      const path = save(dir, `${c.id}.pdf`, pdf.octets);
      expect(qpdfCheck(path).status).toBe(0);
      const text = flat(pdfText(path));
      for (const e of c.expected) expect(text).toContain(e);
      expect(text).not.toContain('{{');
      docx.push(save(dir, `${c.id}.docx`, word.octets));
    }
    const converted = libreOfficeToPdf(docx, dir);
    for (const c of cases) {
      const text = flat(pdfText(converted.get(`${dir}/${c.id}.docx`) ?? ''));
      for (const e of c.expected) expect(text).toContain(e);
    }
  });

  it('renders a school’s own template, and the same letter to PDF and Word', { timeout: 120_000 }, async () => {
    const p = paperasse();
    const modele = '{{#enTete}}{{ecole.nom}}{{/enTete}}\n{{#objet}}notre lettre à {{civilite tuteur.civilite}} {{majuscules tuteur.nom}}{{/objet}}\nBonjour {{tuteur.prenom}}.';
    const pdf = await p.renderPdf('lettre-tuteur-rentree', { donnees: sample('lettre-tuteur-rentree'), modele });
    if (!pdf.ok) throw new Error(pdf.erreur.message);
    const text = flat(pdfText(save(dir, 'modele.pdf', pdf.octets)));
    expect(text).toContain('Objet : notre lettre à Madame LE GALL');
    expect(text).toContain('Bonjour Sandrine.');
    expect(text).not.toContain('Votre entreprise vous a confié');
    const refused = await p.renderDocx('lettre-tuteur-rentree', { donnees: sample('lettre-tuteur-rentree'), modele: '{{tuteur.nmo}}', nomModele: 'mon-modele.hbs' });
    expect(refused.ok ? undefined : [refused.erreur.code, refused.erreur.chemin]).toEqual(['MODELE_CHAMP_INCONNU', 'mon-modele.hbs:1:3']);
  });

  it('renders rows with a letter prepared once', async () => {
    const p = paperasse();
    const prepared = p.prepareLetter('confirmation-mission', '{{#paragraphe}}Bonjour {{destinataire.prenom}}, {{montant contrat.remunerationBruteMensuelle}}.{{/paragraphe}}');
    if (!prepared.ok) throw new Error(prepared.erreur.message);
    const data = sample<{ destinataire: { prenom: string } }>('confirmation-mission');
    for (const prenom of ['Julien', 'Léa']) {
      data.destinataire.prenom = prenom;
      const word = await p.renderPdf('confirmation-mission', { donnees: data, preparee: prepared.valeur });
      if (!word.ok) throw new Error(word.erreur.message);
      expect(flat(pdfText(save(dir, `prepared-${prenom}.pdf`, word.octets)))).toContain(`Bonjour ${prenom}, 1 171,17 €.`);
    }
  });

  it('renders the blank letters without failing', async () => {
    const p = paperasse();
    for (const c of cases) expect((await p.renderDocx(c.id)).ok).toBe(true);
  });
});
