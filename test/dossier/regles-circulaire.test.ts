/** The conformity rules' table: every rule quotes the circular it comes from, names its candidates, and is in the README. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFORMITY_RULES } from '../../src/dossier/conformite.ts';

/** Text reduced for comparison: apostrophes, dashes, spaces and case do not count. */
function normalize(s: string): string {
  return s.replace(/[’']/g, "'").replace(/[–—]/g, '-').replace(/[\s\u00a0\u202f]+/g, ' ').toLowerCase();
}

const CIRCULAR = normalize(readFileSync('test/fixtures/circulaire-2019-dossier-professionnel.txt', 'utf8'));
const OWN = 'proposition de Paperasse';

/** Returns the quoted passages of a citation, each cut at its « […] » elisions. */
function quotes(citation: string): string[] {
  return [...citation.matchAll(/«\s*([^»]+?)\s*»/g)].flatMap((m) => (m[1] ?? '').split(/\[[^\]]*\]/)).map((q) => normalize(q).replace(/^[\s.,;:]+|[\s.,;:]+$/g, '')).filter((q) => q.length > 3);
}

describe('the conformity rules and the circular', () => {
  it('every rule quotes the circular word for word, or says it is Paperasse’s own', () => {
    for (const rule of CONFORMITY_RULES) {
      const passages = quotes(rule.citation);
      if (rule.citation.includes(OWN)) {
        expect(rule.epreuves, `${rule.code} is Paperasse’s own: a warning only`).toBe('avertissement');
        continue;
      }
      expect(passages.length, `${rule.code} quotes the circular`).toBeGreaterThan(0);
      for (const q of passages) expect(CIRCULAR.includes(q), `${rule.code}: « ${q} » is in the circular`).toBe(true);
    }
  });

  it('names the candidates each rule applies to, the visa for every status but the individual one', () => {
    for (const rule of CONFORMITY_RULES) expect(rule.candidats.length, rule.code).toBeGreaterThan(3);
    const byCode = Object.fromEntries(CONFORMITY_RULES.map((r) => [r.code, r.candidats]));
    expect(byCode.VISA_MANQUANT).toBe('scolaire, apprenti, formation continue');
    expect(byCode.ATTESTATION_HONNEUR_MANQUANTE).toBe('individuel');
    expect(byCode.DUREE_STAGE_INSUFFISANTE).toMatch(/scolaire.*formation continue.*individuel/);
  });

  it('the README’s table lists every rule with its candidates and its quote', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const rule of CONFORMITY_RULES) expect(readme).toContain(`| \`${rule.code}\` | ${rule.epreuves} | ${rule.candidats} | ${rule.regle} | ${rule.citation} |`);
  });
});
