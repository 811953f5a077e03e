/** The académie's conformity check of the dossier professionnel: one test per rule, its boundary included. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConformityReport } from '../../src/api.ts';
import { valueAt } from '../../src/core/pointer.ts';
import { productCount } from '../../src/dossier/conformite.ts';
import { DELETE, INVALID_SAMPLES, paperasse, sampleCopy, SAMPLES, setAt, type Changes } from '../helpers.ts';

const ID = 'dossier-professionnel';

/** Returns the report of the sample dossier with `changes` applied. */
function check(changes: Changes = {}, base: unknown = sampleCopy(ID)): ConformityReport {
  for (const [pointer, value] of Object.entries(changes)) setAt(base, pointer, value);
  return paperasse().checkDossier(base);
}

/** Returns the sample dossier with `changes` applied. */
function sampleWith(changes: Changes): unknown {
  const base = sampleCopy(ID);
  for (const [pointer, value] of Object.entries(changes)) setAt(base, pointer, value);
  return base;
}

/** Returns the motifs of `epreuve` as "CODE chemin" strings, in the report's order. */
function motifs(report: ConformityReport, epreuve: 'E32' | 'E42'): string[] {
  return (report.epreuves[epreuve]?.motifs ?? []).map((m) => `${m.code} ${m.chemin}`);
}

function warnings(report: ConformityReport): string[] {
  return report.avertissements.map((m) => `${m.code} ${m.chemin}`);
}

/** The sample's E32 fiches, to build variations from. */
function e32Fiches(): Array<Record<string, unknown>> {
  return valueAt(sampleCopy(ID), '/fichesActiviteE32') as Array<Record<string, unknown>>;
}

/** A scolaire candidate's sample with internship certificates of `days` journées in all. */
function scolaire(days: number[]): Changes {
  return {
    '/candidat/statut': 'scolaire',
    '/attestations': days.map((d, i) => ({ type: 'certificat-stage', organisme: 'Agence Générale Allianz Berthier & Roux', debut: '2018-01-08', fin: '2018-07-06', joursTravailles: d, fichier: `stage-${i + 1}.pdf` })),
  };
}

describe('dossier check — the samples', () => {
  it('finds the sample dossier conforming at E32 and E42, without warnings or errors', () => {
    const r = check();
    expect(r).toEqual({ conforme: true, epreuves: { E32: { conforme: true, motifs: [] }, E42: { conforme: true, motifs: [] } }, avertissements: [], erreurs: [] });
  });

  const nonConforming = readdirSync(`${SAMPLES}non-conformes/`).filter((f) => f.endsWith('.json') && !f.endsWith('.attendu.json'));
  it('has non-conforming samples, each schema-valid or not, with their expected report', () => {
    expect(nonConforming.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(nonConforming)('non-conforming sample %s', (file) => {
    it('reports exactly its motifs and warnings', () => {
      const data = JSON.parse(readFileSync(`${SAMPLES}non-conformes/${file}`, 'utf8')) as unknown;
      const expected = JSON.parse(readFileSync(`${SAMPLES}non-conformes/${file.replace(/\.json$/, '.attendu.json')}`, 'utf8')) as { conforme: boolean; epreuves: Record<string, string[]>; avertissements: string[] };
      const r = paperasse().checkDossier(data);
      expect(r.conforme).toBe(expected.conforme);
      expect(Object.fromEntries(Object.entries(r.epreuves).map(([e, v]) => [e, v.motifs.map((m) => `${m.code} ${m.chemin}`)]))).toEqual(expected.epreuves);
      expect(warnings(r)).toEqual(expected.avertissements);
      for (const m of [...Object.values(r.epreuves).flatMap((v) => v.motifs), ...r.avertissements]) {
        expect(m.message.length).toBeGreaterThan(40);
        expect(m.message).toMatch(/\S : \S/); // the finding, then what to do
      }
    });
  });

  const invalid = readdirSync(INVALID_SAMPLES).filter((f) => f.startsWith(`${ID}-`) && !f.endsWith('.attendu.json'));
  describe.each(invalid)('invalid sample %s', (file) => {
    it('reports its validation errors and exactly its motifs, DONNEES_INVALIDES included', () => {
      const data = JSON.parse(readFileSync(INVALID_SAMPLES + file, 'utf8')) as unknown;
      const expected = JSON.parse(readFileSync(INVALID_SAMPLES + file.replace(/\.json$/, '.attendu.json'), 'utf8')) as {
        erreurs: Array<{ code: string; chemin: string }>;
        conformite: { conforme: boolean; epreuves: Record<string, string[]>; avertissements: string[] };
      };
      const r = paperasse().checkDossier(data);
      expect(r.erreurs.map((e) => `${e.code} ${e.chemin}`).sort()).toEqual(expected.erreurs.map((e) => `${e.code} ${e.chemin}`).sort());
      expect(r.conforme).toBe(false);
      expect(Object.fromEntries(Object.entries(r.epreuves).map(([e, v]) => [e, v.motifs.map((m) => `${m.code} ${m.chemin}`)]))).toEqual(expected.conformite.epreuves);
      expect(warnings(r)).toEqual(expected.conformite.avertissements);
    });
  });
});

describe('dossier check — page de garde', () => {
  it('VISA_MANQUANT: a dossier without the visa, or with an unsigned one, is non valide at both épreuves', () => {
    const none = check({ '/pageDeGarde': {} });
    expect(motifs(none, 'E32')).toEqual(['VISA_MANQUANT /pageDeGarde/visa']);
    expect(motifs(none, 'E42')).toEqual(['VISA_MANQUANT /pageDeGarde/visa']);
    expect(none.epreuves.E32?.motifs[0]?.message).toMatch(/ne porte pas le visa .* Faites-la viser/);
    expect(motifs(check({ '/pageDeGarde/visa/signe': false }), 'E32')).toEqual(['VISA_MANQUANT /pageDeGarde/visa/signe']);
    expect(motifs(check({ '/pageDeGarde/visa/signe': DELETE }), 'E42')).toEqual(['VISA_MANQUANT /pageDeGarde/visa/signe']);
  });

  it('VISA_MANQUANT: the visa names its signatory (name and qualité) and is dated, as annex XII asks', () => {
    const noName = check({ '/pageDeGarde/visa/nomQualite': ' ' });
    expect(motifs(noName, 'E32')).toEqual(['VISA_MANQUANT /pageDeGarde/visa/nomQualite']);
    expect(motifs(noName, 'E42')).toEqual(['VISA_MANQUANT /pageDeGarde/visa/nomQualite']);
    expect(noName.epreuves.E32?.motifs[0]?.message).toMatch(/^Le visa de la page de garde ne dit pas le nom et la qualité du signataire : .* Complétez le visa\.$/);
    expect(motifs(check({ '/pageDeGarde/visa/date': DELETE }), 'E32')).toEqual(['VISA_MANQUANT /pageDeGarde/visa/date']);
    expect(motifs(check({ '/pageDeGarde/visa': { nomQualite: 'M. Paul Arnaud, professeur', signe: true } }), 'E42')).toEqual(['VISA_MANQUANT /pageDeGarde/visa/date']);
    expect(check({ '/pageDeGarde/visa': { nomQualite: 'M. Paul Arnaud, professeur', date: '2019-03-20', signe: true } }).conforme).toBe(true);
  });

  it('VISA_MANQUANT does not apply to an individual candidate, who signs the attestation sur l’honneur instead', () => {
    const r = check({ '/candidat/statut': 'individuel', '/etablissement': DELETE, '/pageDeGarde': { attestationSurLhonneur: { lieu: 'Lyon', date: '2019-03-18', signe: true } } });
    expect(motifs(r, 'E32')).toEqual([]);
    expect(r.conforme).toBe(true);
  });

  it('ATTESTATION_HONNEUR_MANQUANTE: an individual candidate’s attestation must be there, with « Fait à », a date and the signature', () => {
    const base = { '/candidat/statut': 'individuel', '/etablissement': DELETE };
    expect(motifs(check({ ...base, '/pageDeGarde': {} }), 'E32')).toEqual(['ATTESTATION_HONNEUR_MANQUANTE /pageDeGarde/attestationSurLhonneur']);
    expect(motifs(check({ ...base, '/pageDeGarde': { attestationSurLhonneur: { lieu: 'Lyon', date: '2019-03-18' } } }), 'E42')).toEqual(['ATTESTATION_HONNEUR_MANQUANTE /pageDeGarde/attestationSurLhonneur/signe']);
    expect(motifs(check({ ...base, '/pageDeGarde': { attestationSurLhonneur: { signe: true } } }), 'E42')).toEqual([
      'ATTESTATION_HONNEUR_MANQUANTE /pageDeGarde/attestationSurLhonneur/lieu',
      'ATTESTATION_HONNEUR_MANQUANTE /pageDeGarde/attestationSurLhonneur/date',
    ]);
    expect(motifs(check({ ...base, '/pageDeGarde': { attestationSurLhonneur: { lieu: ' ', date: '2019-03-18', signe: true } } }), 'E42')).toEqual(['ATTESTATION_HONNEUR_MANQUANTE /pageDeGarde/attestationSurLhonneur/lieu']);
    expect(motifs(check({ ...base, '/pageDeGarde': { attestationSurLhonneur: { lieu: 'Lyon', date: '2019-03-18', signe: true } } }), 'E42')).toEqual([]);
  });

  it('PAGE_DE_GARDE_INCOMPLETE: the établissement is required except for an individual candidate', () => {
    const r = check({ '/etablissement': DELETE });
    expect(r.erreurs).toEqual([]); // the schema allows it: only the conformity check cares
    expect(motifs(r, 'E32')).toEqual(['PAGE_DE_GARDE_INCOMPLETE /etablissement']);
    expect(motifs(r, 'E42')).toEqual(['PAGE_DE_GARDE_INCOMPLETE /etablissement']);
  });

  it('PAGE_DE_GARDE_INCOMPLETE: a blank name or first name is a motif beside its validation error', () => {
    const r = check({ '/candidat/prenom': ' ', '/candidat/nom': DELETE });
    expect(motifs(r, 'E32').filter((m) => m.startsWith('PAGE_DE_GARDE'))).toEqual(['PAGE_DE_GARDE_INCOMPLETE /candidat/nom', 'PAGE_DE_GARDE_INCOMPLETE /candidat/prenom']);
    expect(motifs(r, 'E32')).toContain('DONNEES_INVALIDES /candidat/nom');
  });
});

describe('dossier check — attestations', () => {
  it('ATTESTATION_PRESENCE_MANQUANTE: no attestation at all, absent or empty; one is enough', () => {
    expect(motifs(check({ '/attestations': DELETE }), 'E32')).toContain('ATTESTATION_PRESENCE_MANQUANTE /attestations');
    expect(motifs(check({ '/attestations': [] }), 'E42')).toContain('ATTESTATION_PRESENCE_MANQUANTE /attestations');
    expect(motifs(check(), 'E32')).toEqual([]);
  });

  it('DUREE_STAGE_INSUFFISANTE: a scolaire candidate needs 75 days of internship certificates: 74 fails, 75 passes', () => {
    const short = check(scolaire([40, 34]));
    expect(motifs(short, 'E32')).toEqual(['DUREE_STAGE_INSUFFISANTE /attestations']);
    expect(motifs(short, 'E42')).toEqual(['DUREE_STAGE_INSUFFISANTE /attestations']);
    expect(short.epreuves.E32?.motifs[0]?.message).toMatch(/74 journées, moins que les 75 .* il manque 1 journée/);
    expect(check(scolaire([40, 35])).conforme).toBe(true);
  });

  it('DUREE_STAGE_INSUFFISANTE counts internship certificates only, and only for a scolaire candidate', () => {
    const changes = scolaire([74]);
    const attestations = [...(changes['/attestations'] as object[]), { type: 'certificat-travail', organisme: 'Agence', debut: '2017-01-02', fin: '2017-12-29', joursTravailles: 200, tempsPlein: true }];
    expect(motifs(check({ ...changes, '/attestations': attestations }), 'E32')).toEqual(['DUREE_STAGE_INSUFFISANTE /attestations']);
    expect(motifs(check({ '/attestations/0/joursTravailles': 10 }), 'E32')).toEqual([]); // an apprentice
  });

  it('DUREE_STAGE_EXCESSIVE: more than 80 days is a warning, not a motif: 80 is silent, 81 warns', () => {
    expect(warnings(check(scolaire([40, 40])))).toEqual([]);
    const long = check(scolaire([41, 40]));
    expect(long.conforme).toBe(true);
    expect(warnings(long)).toEqual(['DUREE_STAGE_EXCESSIVE /attestations']);
  });

  it('ACTIVITE_PROFESSIONNELLE_INSUFFISANTE: an apprentice needs the employer attestation or 6 months full time of work certificate', () => {
    const certificate = (fin: string, tempsPlein = true) => ({ '/attestations': [{ type: 'certificat-travail', organisme: 'Agence', debut: '2018-09-01', fin, joursTravailles: 120, tempsPlein }] });
    expect(motifs(check(certificate('2019-02-28')), 'E32')).toEqual([]); // 1 Sept → 28 Feb: exactly 6 months
    expect(motifs(check(certificate('2019-02-27')), 'E32')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    expect(motifs(check(certificate('2019-06-28', false)), 'E42')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    const presenceOnly = check({ '/attestations/0/type': 'contrat-apprentissage' });
    expect(motifs(presenceOnly, 'E32')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    expect(presenceOnly.epreuves.E32?.motifs[0]?.message).toMatch(/^Apprenti : .* Ajoutez l’un des deux\.$/);
  });

  it('ACTIVITE_PROFESSIONNELLE_INSUFFISANTE applies to formation continue and individual candidates without internship certificates', () => {
    expect(motifs(check({ '/candidat/statut': 'formation-continue', '/attestations/0/type': 'contrat-professionnalisation' }), 'E32')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    expect(motifs(check({ '/candidat/statut': 'formation-continue' }), 'E32')).toEqual([]);
    const individual = (changes: Changes) => check({ '/candidat/statut': 'individuel', '/etablissement': DELETE, '/pageDeGarde': { attestationSurLhonneur: { lieu: 'Lyon', date: '2019-03-18', signe: true } }, ...changes });
    expect(individual({ '/attestations/0/type': 'certificat-travail', '/attestations/0/tempsPlein': true }).conforme).toBe(true);
    const partTime = individual({ '/attestations/0/type': 'certificat-travail' });
    expect(motifs(partTime, 'E32')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    expect(partTime.epreuves.E32?.motifs[0]?.message).toMatch(/^Candidat individuel : .*\(aucun certificat de travail n’est à temps plein\)\. Ajoutez l’un des deux, ou des certificats de stage d’au moins 75 journées\.$/);
  });

  it('DUREE_STAGE_INSUFFISANTE applies to every candidate who justifies the activity by internships: an individual with 10 days is not conforming', () => {
    const individual = { '/candidat/statut': 'individuel', '/etablissement': DELETE, '/pageDeGarde': { attestationSurLhonneur: { lieu: 'Lyon', date: '2019-03-18', signe: true } } };
    const ten = check({ ...scolaire([10]), ...individual });
    expect(motifs(ten, 'E32')).toEqual(['DUREE_STAGE_INSUFFISANTE /attestations']);
    expect(motifs(ten, 'E42')).toEqual(['DUREE_STAGE_INSUFFISANTE /attestations']);
    expect(ten.epreuves.E32?.motifs[0]?.message).toMatch(/^Candidat individuel : .* 10 journées, .* il manque 65 journées\. .*\(ou, à leur place, un certificat de travail d’au moins 6 mois à temps plein pendant l’année de la session\)\.$/);
    expect(motifs(check({ ...scolaire([74]), ...individual }), 'E32')).toEqual(['DUREE_STAGE_INSUFFISANTE /attestations']);
    expect(check({ ...scolaire([75]), ...individual }).conforme).toBe(true);
    expect(motifs(check({ ...scolaire([10]), '/candidat/statut': 'formation-continue' }), 'E42')).toEqual(['DUREE_STAGE_INSUFFISANTE /attestations']);
    expect(warnings(check({ ...scolaire([81]), ...individual }))).toEqual(['DUREE_STAGE_EXCESSIVE /attestations']);
  });

  it('DUREE_STAGE_INSUFFISANTE: the work certificate or employer attestation replaces the internships, except for a scolaire candidate', () => {
    const stages = scolaire([10])['/attestations'] as object[];
    const employer = valueAt(sampleCopy(ID), '/attestations/0') as object;
    const certificate = { type: 'certificat-travail', organisme: 'Agence Générale Allianz Berthier & Roux', debut: '2018-06-01', fin: '2018-11-30', joursTravailles: 130, tempsPlein: true };
    for (const statut of ['formation-continue', 'individuel']) {
      const base = { '/candidat/statut': statut, '/etablissement': DELETE, '/pageDeGarde': { attestationSurLhonneur: { lieu: 'Lyon', date: '2019-03-18', signe: true } } };
      const changes = statut === 'individuel' ? base : { '/candidat/statut': statut };
      expect(motifs(check({ ...changes, '/attestations': [...stages, employer] }), 'E32')).toEqual([]);
      expect(motifs(check({ ...changes, '/attestations': [...stages, certificate] }), 'E32')).toEqual([]);
    }
    expect(motifs(check({ '/candidat/statut': 'scolaire', '/attestations': [...stages, certificate] }), 'E32')).toEqual(['DUREE_STAGE_INSUFFISANTE /attestations']);
  });

  it('ACTIVITE_PROFESSIONNELLE_INSUFFISANTE: the work certificate counts 6 months full time within the year before the exams (1 June → 31 May)', () => {
    const work = (...periods: Array<[string, string]>) => ({
      '/attestations': periods.map(([debut, fin]) => ({ type: 'certificat-travail', organisme: 'Agence Générale Allianz Berthier & Roux', debut, fin, joursTravailles: 100, tempsPlein: true })),
    });
    expect(motifs(check(work(['2018-06-01', '2018-11-30'])), 'E32')).toEqual([]);
    const early = check(work(['2018-05-01', '2018-11-29']));
    expect(motifs(early, 'E32')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    expect(early.epreuves.E32?.motifs[0]?.message).toContain('couvrent moins de 6 mois entre le 01/06/2018 et le 31/05/2019');
    expect(motifs(check(work(['2017-01-02', '2017-12-29'])), 'E42')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
  });

  it('ACTIVITE_PROFESSIONNELLE_INSUFFISANTE: consecutive work certificates are added up (a weekend between them still is consecutive)', () => {
    const work = (...periods: Array<[string, string, boolean?]>) => ({
      '/attestations': periods.map(([debut, fin, tempsPlein = true], i) => ({ type: 'certificat-travail', organisme: 'Agence Générale Allianz Berthier & Roux', debut, fin, joursTravailles: 60 + i, tempsPlein })),
    });
    expect(motifs(check(work(['2018-09-01', '2018-11-30'], ['2018-12-01', '2019-02-28'])), 'E32')).toEqual([]);
    expect(motifs(check(work(['2018-12-01', '2019-02-28'], ['2018-09-01', '2018-11-30'])), 'E32')).toEqual([]); // any order
    expect(motifs(check(work(['2018-09-03', '2018-11-30'], ['2018-12-03', '2019-03-04'])), 'E32')).toEqual([]); // Friday → Monday
    expect(motifs(check(work(['2018-09-03', '2018-11-30'], ['2018-12-04', '2019-03-04'])), 'E32')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    expect(motifs(check(work(['2018-09-01', '2018-11-30'], ['2018-12-01', '2019-02-28', false])), 'E32')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
  });

  it('ACTIVITE_PROFESSIONNELLE_INSUFFISANTE: the employer attestation covers both training years (start by 30 November of the first)', () => {
    const employer = (debut: string, fin: string) => ({ '/attestations/0/debut': debut, '/attestations/0/fin': fin, '/attestations/0/joursTravailles': 120 });
    expect(motifs(check(employer('2017-11-30', '2019-03-15')), 'E32')).toEqual([]);
    const late = check(employer('2017-12-01', '2019-03-15'));
    expect(motifs(late, 'E32')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    expect(late.epreuves.E32?.motifs[0]?.message).toContain('ne couvre pas les deux années de formation de la session 2019 (début au plus tard le 30/11/2017, fin après le 01/09/2018)');
    expect(motifs(check(employer('2018-09-03', '2019-03-15')), 'E42')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
    expect(motifs(check(employer('2017-09-04', '2018-08-31')), 'E42')).toEqual(['ACTIVITE_PROFESSIONNELLE_INSUFFISANTE /attestations']);
  });

  it('JUSTIFICATIF_NON_JOINT: an attestation without its scanned document is a warning', () => {
    const r = check({ '/attestations/0/fichier': DELETE });
    expect(r.conforme).toBe(true);
    expect(warnings(r)).toEqual(['JUSTIFICATIF_NON_JOINT /attestations/0/fichier']);
  });
});

describe('dossier check — fiches', () => {
  it('FICHE_CONTEXTE_MANQUANTE: no fiche contexte at all is a motif of every épreuve with fiches', () => {
    const r = check({ '/fichesContexte': DELETE });
    expect(motifs(r, 'E32')).toEqual(['FICHE_CONTEXTE_MANQUANTE /fichesContexte']);
    expect(motifs(r, 'E42')).toEqual(['FICHE_CONTEXTE_MANQUANTE /fichesContexte']);
  });

  it('FICHE_CONTEXTE_MANQUANTE: a fiche pointing to an absent fiche contexte is a motif of its épreuve only', () => {
    const r = check({ '/fichesActiviteE42/3/ficheContexte': 3 });
    expect(motifs(r, 'E32')).toEqual([]);
    expect(motifs(r, 'E42')).toEqual(['FICHE_CONTEXTE_MANQUANTE /fichesActiviteE42/3/ficheContexte', 'DONNEES_INVALIDES /fichesActiviteE42/3/ficheContexte']);
    expect(r.epreuves.E42?.motifs[0]?.message).toMatch(/n° 9 \(E42\) renvoie à la fiche contexte n° 3, absente .* n° 1, 2\)\.$/);
  });

  it('NOMBRE_FICHES_E32: exactly 5 — 4 names the missing number, 6 asks to remove one', () => {
    const four = check({ '/fichesActiviteE32': e32Fiches().filter((f) => f.numero !== 4), '/fichesContexte/0/fichesActiviteConcernees': [1, 2, 3, 5, 6, 7] });
    expect(motifs(four, 'E32')).toEqual(['NOMBRE_FICHES_E32 /fichesActiviteE32', 'E32_SITUATION_MANQUANTE /fichesActiviteE32']);
    expect(four.epreuves.E32?.motifs[0]?.message).toBe('Le dossier contient 4 fiches d’activités E32 au lieu de 5 (n° 1 à 5) : ajoutez la fiche n° 4.');
    expect(motifs(four, 'E42')).toEqual([]);
    const fiches = e32Fiches();
    const six = check({ '/fichesActiviteE32': [...fiches, { ...fiches[4], numero: 5 }] });
    expect(motifs(six, 'E32')).toContain('NOMBRE_FICHES_E32 /fichesActiviteE32');
    expect(six.epreuves.E32?.motifs[0]?.message).toMatch(/6 fiches .* retirez les fiches en trop/);
  });

  it('NOMBRE_FICHES_E42: exactly 4 — 3 is a motif of E42 only', () => {
    const d = sampleCopy<Record<string, unknown[]>>(ID);
    const r = check({ '/fichesActiviteE42': d.fichesActiviteE42?.slice(0, 3), '/fichesContexte/1/fichesActiviteConcernees': [8] });
    expect(motifs(r, 'E42')).toEqual(['NOMBRE_FICHES_E42 /fichesActiviteE42']);
    expect(r.epreuves.E42?.motifs[0]?.message).toContain('ajoutez la fiche n° 9');
    expect(r.epreuves.E32?.conforme).toBe(true);
  });

  it('NUMEROTATION_FICHES: a number used twice, or outside 1–5 / 6–9, is a motif of the fiche’s épreuve', () => {
    const twice = check({ '/fichesActiviteE42/3/numero': 8, '/fichesContexte/1/fichesActiviteConcernees': [8] });
    expect(motifs(twice, 'E42').filter((m) => !m.startsWith('DONNEES'))).toEqual(['NUMEROTATION_FICHES /fichesActiviteE42/3/numero']);
    expect(twice.epreuves.E42?.motifs[0]?.message).toMatch(/déjà utilisé .* \(n° 9 libre\)\.$/);
    expect(twice.epreuves.E32?.conforme).toBe(true);
    const outside = check({ '/fichesActiviteE32/4/numero': 6 });
    expect(motifs(outside, 'E32').filter((m) => !m.startsWith('DONNEES'))).toEqual(['NUMEROTATION_FICHES /fichesActiviteE32/4/numero']);
  });

  it('FICHE_CLIENT_MANQUANTE: a fiche without its fiche client is a motif of its épreuve only', () => {
    const r = check({ '/fichesActiviteE32/2/ficheClient': DELETE });
    expect(motifs(r, 'E32')).toEqual(['FICHE_CLIENT_MANQUANTE /fichesActiviteE32/2/ficheClient']);
    expect(r.epreuves.E32?.motifs[0]?.message).toBe('La fiche d’activité n° 3 (E32) n’est pas associée à une fiche client : ajoutez la fiche client (annexe VI) du client de cette activité.');
    expect(r.epreuves.E42?.conforme).toBe(true);
  });
});

describe('dossier check — one fiche contexte per entreprise', () => {
  const stage = (organisme: string) => ({ type: 'certificat-stage', organisme, debut: '2018-05-14', fin: '2018-07-06', joursTravailles: 39, fichier: 'stage.pdf' });
  const employer = () => valueAt(sampleCopy(ID), '/attestations/0') as object;

  it('FICHE_CONTEXTE_ENTREPRISE_MANQUANTE: a second entreprise attested without its fiche contexte is a motif of both épreuves', () => {
    const r = check({ '/attestations': [employer(), stage('Cabinet de courtage Vidal, Béziers')] });
    expect(motifs(r, 'E32')).toEqual(['FICHE_CONTEXTE_ENTREPRISE_MANQUANTE /fichesContexte']);
    expect(motifs(r, 'E42')).toEqual(['FICHE_CONTEXTE_ENTREPRISE_MANQUANTE /fichesContexte']);
    expect(r.epreuves.E32?.motifs[0]?.message).toMatch(/^Le dossier atteste 2 entreprises mais ne contient qu’une fiche contexte d’entreprise réelle ; sans fiche : « Cabinet de courtage Vidal, Béziers »\. Ajoutez/);
  });

  it('counts an entreprise once however it is written, and a simulated context is no entreprise’s fiche', () => {
    expect(check({ '/attestations': [employer(), stage('AGENCE GENERALE ALLIANZ BERTHIER ET ROUX')] }).conforme).toBe(true);
    expect(motifs(check({ '/attestations': [employer(), stage('Mutuelle Rhodanienne d’Assurances')] }), 'E32')).toEqual(['FICHE_CONTEXTE_ENTREPRISE_MANQUANTE /fichesContexte']);
    // A presence attestation may come from the CFA: it attests no entreprise.
    expect(warnings(check({ '/attestations': [employer(), { ...stage('Lycée Vauban'), type: 'contrat-apprentissage' }] }))).toEqual([]);
  });

  it('FICHE_CONTEXTE_ENTREPRISE_NON_RETROUVEE: as many fiches as entreprises but a name not found is a warning', () => {
    const r = check({ '/attestations/0/organisme': 'Berthier Roux Assurances SARL' });
    expect(r.conforme).toBe(true);
    expect(warnings(r)).toEqual(['FICHE_CONTEXTE_ENTREPRISE_NON_RETROUVEE /attestations/0/organisme']);
  });
});

describe('dossier check — a verdict comes from a rule concerning its épreuve', () => {
  it('a fiche contexte citing a missing E32 fiche makes E32 non valide, not E42', () => {
    const r = check({ '/fichesActiviteE32': e32Fiches().filter((f) => f.numero !== 4) });
    expect(r.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['FICHE_ACTIVITE_CITEE_ABSENTE /fichesContexte/0/fichesActiviteConcernees/3']);
    expect(motifs(r, 'E32')).toEqual(['NOMBRE_FICHES_E32 /fichesActiviteE32', 'E32_SITUATION_MANQUANTE /fichesActiviteE32', 'DONNEES_INVALIDES /fichesContexte/0/fichesActiviteConcernees/3']);
    expect(r.epreuves.E42).toEqual({ conforme: true, motifs: [] });
  });

  it('an error elsewhere in a fiche contexte counts against the épreuves of the fiches it concerns', () => {
    const onlyE42 = check({ '/fichesContexte/1/ressourcesHumaines/effectifs': -3 });
    expect(motifs(onlyE42, 'E42')).toEqual(['DONNEES_INVALIDES /fichesContexte/1/ressourcesHumaines/effectifs']);
    expect(motifs(onlyE42, 'E32')).toEqual([]);
    const both = check({ '/fichesContexte/0/ressourcesHumaines/effectifs': -3 });
    expect(motifs(both, 'E32')).toEqual(['DONNEES_INVALIDES /fichesContexte/0/ressourcesHumaines/effectifs']);
    expect(motifs(both, 'E42')).toEqual(['DONNEES_INVALIDES /fichesContexte/0/ressourcesHumaines/effectifs']);
  });

  it('FICHES_EPREUVE_NON_PRESENTEE: E32 fiches left in a dossier presenting only E42 are a warning, even with errors inside', () => {
    const r = check({ '/epreuves': ['E42'], '/fichesActiviteE32/0/ficheClient/dateNaissance': '1984-13-01' });
    expect(Object.keys(r.epreuves)).toEqual(['E42']);
    expect(r.epreuves.E42).toEqual({ conforme: true, motifs: [] });
    expect(r.conforme).toBe(true);
    expect(warnings(r)).toEqual(['FICHES_EPREUVE_NON_PRESENTEE /fichesActiviteE32']);
    expect(r.erreurs.map((e) => e.chemin)).toEqual(['/fichesActiviteE32/0/ficheClient/dateNaissance']);
  });

  it('the two sub-dossiers of §1.4.2 A: each with the page de garde, attestations, fiches contexte and its own fiches, is conforming', () => {
    const e32 = check({ '/epreuves': ['E32'], '/fichesActiviteE42': DELETE });
    expect(e32).toMatchObject({ conforme: true, avertissements: [], erreurs: [] });
    expect(Object.keys(e32.epreuves)).toEqual(['E32']);
    const e42 = check({ '/epreuves': ['E42'], '/fichesActiviteE32': DELETE });
    expect(e42).toMatchObject({ conforme: true, avertissements: [], erreurs: [] });
    expect(Object.keys(e42.epreuves)).toEqual(['E42']);
    expect(motifs(check({ '/epreuves': ['E42'], '/fichesActiviteE32': DELETE, '/fichesContexte': DELETE }), 'E42')).toEqual(['FICHE_CONTEXTE_MANQUANTE /fichesContexte']);
  });
});

describe('dossier check — products and situations', () => {
  it('E32_PRODUITS_INSUFFISANTS: 2 different products fail, 3 pass', () => {
    const products = (categories: string[]) => Object.fromEntries(categories.map((c, i) => [`/fichesActiviteE32/${i}/produit`, { categorie: c, libelle: `Produit ${i}` }]));
    const two = check(products(['auto', 'auto', 'assurance-vie', 'assurance-vie', 'assurance-vie']));
    expect(motifs(two, 'E32')).toEqual(['E32_PRODUITS_INSUFFISANTS /fichesActiviteE32']);
    expect(two.epreuves.E32?.motifs[0]?.message).toMatch(/^Les fiches E32 portent sur 2 produits différents \(Automobile, Assurance vie\) : il en faut au moins 3\./);
    expect(motifs(check(products(['auto', 'mrp', 'assurance-vie', 'assurance-vie', 'assurance-vie'])), 'E32')).toEqual([]);
  });

  it('E32_PRODUITS_INSUFFISANTS counts « autre » products by their libellé, ignoring case and accents', () => {
    const others = (l1: string, l2: string) => ({
      '/fichesActiviteE32/0/produit': { categorie: 'autre', libelle: l1 },
      '/fichesActiviteE32/1/produit': { categorie: 'autre', libelle: l2 },
      '/fichesActiviteE32/2/produit': { categorie: 'autre', libelle: l2 },
      '/fichesActiviteE32/3/produit': { categorie: 'autre', libelle: l1 },
      '/fichesActiviteE32/4/produit': { categorie: 'sante', libelle: 'Santé' },
    });
    expect(motifs(check(others('Garantie loyers impayés', 'Assurance scolaire')), 'E32')).toEqual([]);
    expect(motifs(check(others('Garantie loyers impayés', 'GARANTIE LOYERS IMPAYES')), 'E32')).toEqual(['E32_PRODUITS_INSUFFISANTS /fichesActiviteE32']);
  });

  it('E32_SITUATION_MANQUANTE: each missing situation is its own motif, whose message names it', () => {
    const noSavings = check({ '/fichesActiviteE32/3/domaines': ['personnes'] });
    expect(motifs(noSavings, 'E32')).toEqual(['E32_SITUATION_MANQUANTE /fichesActiviteE32']);
    expect(noSavings.epreuves.E32?.motifs[0]?.message).toContain('une situation d’épargne assurantielle ou bancaire');
    const noGoods = check({
      '/fichesActiviteE32/0/domaines': ['personnes'],
      '/fichesActiviteE32/0/produit': { categorie: 'sante', libelle: 'Santé Jeunes' },
      '/fichesActiviteE32/1/domaines': ['personnes'],
      '/fichesActiviteE32/1/produit': { categorie: 'prevoyance', libelle: 'Prévoyance Commerçants' },
    });
    expect(noGoods.epreuves.E32?.motifs.map((m) => m.message)).toEqual([expect.stringContaining('une situation d’assurance de biens et de responsabilité')]);
    const noPersons = check({
      '/fichesActiviteE32/2/domaines': ['biens-responsabilites'],
      '/fichesActiviteE32/2/produit': { categorie: 'rc-pro', libelle: 'RC Pro Professions libérales' },
      '/fichesActiviteE32/3/domaines': ['epargne'],
      '/fichesActiviteE32/3/produit': { categorie: 'epargne-bancaire', libelle: 'Livret A' },
      '/fichesActiviteE32/4/domaines': ['biens-responsabilites'],
      '/fichesActiviteE32/4/produit': { categorie: 'mrh', libelle: 'Habitation Locataire' },
    });
    expect(noPersons.epreuves.E32?.motifs.map((m) => m.message)).toEqual([expect.stringContaining('une situation d’assurance de personnes')]);
  });

  it('E32_SITUATION_MANQUANTE: the professional must be an artisan, commerçant, profession libérale or syndic, in goods or persons', () => {
    const professional = (changes: Changes) => motifs(check(changes), 'E32');
    const otherPro = { '/fichesActiviteE32/1/typeProfessionnel': 'autre-professionnel', '/fichesActiviteE32/2/typeProfessionnel': 'autre-professionnel' };
    expect(professional(otherPro)).toEqual(['E32_SITUATION_MANQUANTE /fichesActiviteE32']);
    expect(check(otherPro).epreuves.E32?.motifs[0]?.message).toContain('artisan, commerçant, profession libérale ou syndic de copropriété');
    // A syndic in goods insurance alone is enough.
    expect(professional({ '/fichesActiviteE32/1/typeProfessionnel': 'syndic-copropriete', '/fichesActiviteE32/2/typeProfessionnel': 'autre-professionnel' })).toEqual([]);
    // A savings-only professional situation is not one.
    expect(professional({ ...otherPro, '/fichesActiviteE32/3/cible': 'professionnel', '/fichesActiviteE32/3/typeProfessionnel': 'artisan', '/fichesActiviteE32/3/domaines': ['epargne'], '/fichesActiviteE32/4/domaines': ['personnes'] })).toEqual([
      'E32_SITUATION_MANQUANTE /fichesActiviteE32',
    ]);
  });

  it('E42_PRODUITS_INSUFFISANTS: 2 different products fail, 3 pass', () => {
    expect(motifs(check({ '/fichesActiviteE42/3/produit': { categorie: 'sante', libelle: 'Santé' }, '/fichesActiviteE42/1/produit': { categorie: 'mrh', libelle: 'MRH' } }), 'E42')).toEqual(['E42_PRODUITS_INSUFFISANTS /fichesActiviteE42']);
    expect(motifs(check({ '/fichesActiviteE42/3/produit': { categorie: 'sante', libelle: 'Santé' } }), 'E42')).toEqual([]);
  });

  it('E42_PRODUITS_INSUFFISANTS: a banking product is not one of the « 3 produits différents d’assurance »', () => {
    const banking = { '/fichesActiviteE42/1/produit': { categorie: 'mrh', libelle: 'Habitation Propriétaire' }, '/fichesActiviteE42/3/produit': { categorie: 'epargne-bancaire', libelle: 'Livret A' } };
    const r = check(banking);
    expect(motifs(r, 'E42').filter((m) => m.startsWith('E42_PRODUITS'))).toEqual(['E42_PRODUITS_INSUFFISANTS /fichesActiviteE42']);
    expect(r.epreuves.E42?.motifs.find((m) => m.code === 'E42_PRODUITS_INSUFFISANTS')?.message).toMatch(/^Les fiches E42 portent sur 2 produits d’assurance différents \(Multirisque habitation, Complémentaire santé\) \(un produit bancaire ne compte pas\) : il en faut au moins 3\./);
    expect(productCount(sampleWith(banking), 'E42')).toBe(2);
    // At E32 the same banking product counts (« produits différents d’assurance ou de banque »).
    expect(productCount(sampleWith({ '/fichesActiviteE32/4/produit': { categorie: 'epargne-bancaire', libelle: 'Livret A' } }), 'E32')).toBe(5);
  });

  it('E42_SITUATION_MANQUANTE: goods and persons situations are both required', () => {
    const r = check({
      '/fichesActiviteE42/2/domaine': 'biens-responsabilites',
      '/fichesActiviteE42/2/produit': { categorie: 'mrh', libelle: 'Habitation Propriétaire' },
      '/fichesActiviteE42/3/domaine': 'autre',
      '/fichesActiviteE42/3/precisionDomaine': 'Assurance emprunteur bancaire',
    });
    expect(motifs(r, 'E42')).toEqual(['E42_SITUATION_MANQUANTE /fichesActiviteE42']);
    expect(r.epreuves.E42?.motifs[0]?.message).toContain('une situation d’assurance de personnes');
  });
});

describe('dossier check — épreuves judged and invalid data', () => {
  it('judges only the épreuves the candidate presents', () => {
    const d = sampleCopy<Record<string, unknown>>(ID);
    setAt(d, '/epreuves', ['E32']);
    setAt(d, '/fichesActiviteE42', DELETE);
    setAt(d, '/fichesContexte/0/fichesActiviteConcernees', [1, 2, 3, 4, 5]);
    setAt(d, '/fichesContexte', [valueAt(d, '/fichesContexte/0')]);
    const r = paperasse().checkDossier(d);
    expect(Object.keys(r.epreuves)).toEqual(['E32']);
    expect(r.conforme).toBe(true);
  });

  it('DONNEES_INVALIDES: an error inside an E42 fiche concerns E42 only; an error elsewhere concerns both', () => {
    const e42 = check({ '/fichesActiviteE42/0/ficheClient/dateNaissance': '1984-13-01' });
    expect(motifs(e42, 'E42')).toEqual(['DONNEES_INVALIDES /fichesActiviteE42/0/ficheClient/dateNaissance']);
    expect(motifs(e42, 'E32')).toEqual([]);
    expect(e42.erreurs.map((e) => e.code)).toEqual(['FORMAT_INVALIDE']);
    expect(e42.conforme).toBe(false);
    const common = check({ '/pageDeGarde/visa/date': '18/03/2019' });
    expect(motifs(common, 'E32')).toEqual(['DONNEES_INVALIDES /pageDeGarde/visa/date']);
    expect(motifs(common, 'E42')).toEqual(['DONNEES_INVALIDES /pageDeGarde/visa/date']);
    expect(common.epreuves.E32?.motifs[0]?.message).toMatch(/^Le dossier contient 1 erreur de saisie qui concerne l’épreuve E32 .*, la première : /);
  });

  it('checks anything JSON allows without crashing: null, an array, a string', () => {
    for (const data of [null, [], 'dossier', 42]) {
      const r = paperasse().checkDossier(data);
      expect(r.conforme).toBe(false);
      expect(Object.keys(r.epreuves)).toEqual(['E32', 'E42']);
      expect(r.erreurs.length).toBeGreaterThan(0);
    }
  });

  it('MENTION_ETABLISSEMENT: the établissement’s name elsewhere in the dossier is a warning naming the field', () => {
    const name = valueAt(sampleCopy(ID), '/etablissement/nom') as string;
    const r = check({ '/pageDeGarde/visa/nomQualite': `Mme Françoise Béranger, professeure au ${name.toUpperCase()}` });
    expect(r.conforme).toBe(true);
    expect(warnings(r)).toEqual(['MENTION_ETABLISSEMENT /pageDeGarde/visa/nomQualite']);
    // A value that is a long part of the name, such as the CFA alone, is a mention too; a short common word is not.
    expect(warnings(check({ '/attestations/0/organisme': 'CFA de l’Assurance Rhône-Alpes', '/attestations/0/type': 'contrat-apprentissage' }))).toEqual(['MENTION_ETABLISSEMENT /attestations/0/organisme']);
    expect(warnings(check({ '/attestations/0/organisme': 'Lycée', '/attestations/0/type': 'contrat-apprentissage' }))).toEqual([]);
  });
});
