/** Rules of the dossier professionnel (§1.4.2), checked on variations of the real sample. */
import { describe, expect, it } from 'vitest';
import { valueAt } from '../../src/core/pointer.ts';
import { DELETE, errorCodes, sampleCopy, setAt, validationOf } from '../helpers.ts';

/** The form under test. */
const ID = 'dossier-professionnel';

/** Returns the sample with one attestation covering `debut`–`fin`. */
function withAttestation(attestation: Record<string, unknown>): unknown {
  const d = sampleCopy(ID);
  setAt(d, '/attestations', [{ organisme: 'Agence Générale Allianz Berthier & Roux', type: 'attestation-employeur', joursTravailles: 1, ...attestation }]);
  return d;
}

describe('dossier professionnel — schema', () => {
  it('accepts the sample', () => {
    expect(errorCodes(ID, sampleCopy(ID))).toEqual([]);
  });

  it('leaves conformity to the académie: no visa, too few fiches, no fiche client, no fiche contexte, no attestation', () => {
    const d = sampleCopy(ID);
    setAt(d, '/pageDeGarde', {});
    setAt(d, '/attestations', DELETE);
    setAt(d, '/fichesContexte', DELETE);
    setAt(d, '/fichesActiviteE32', (valueAt(d, '/fichesActiviteE32') as unknown[]).slice(0, 2));
    setAt(d, '/fichesActiviteE32/0/ficheClient', DELETE);
    setAt(d, '/fichesActiviteE42/1/ficheClient', DELETE);
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('names the fiche by its number in messages about its fiche client', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesActiviteE32/2/ficheClient/dateNaissance', '1984-13-01');
    const [e, ...others] = validationOf(ID, d).erreurs;
    expect(others).toEqual([]);
    expect(e?.chemin).toBe('/fichesActiviteE32/2/ficheClient/dateNaissance');
    expect(e?.message).toMatch(/^Fiche d’activité E32 n° 3 — Fiche client — « Date de naissance »/);
  });

  it('rejects a justificatif file outside the dossier or of another type', () => {
    expect(errorCodes(ID, withAttestation({ debut: '2018-09-03', fin: '2018-09-03', fichier: '/home/scan.pdf' }))).toEqual(['FORMAT_INVALIDE /attestations/0/fichier']);
    expect(errorCodes(ID, withAttestation({ debut: '2018-09-03', fin: '2018-09-03', fichier: 'scans/attestation.docx' }))).toEqual(['FORMAT_INVALIDE /attestations/0/fichier']);
    expect(errorCodes(ID, withAttestation({ debut: '2018-09-03', fin: '2018-09-03', fichier: 'scans/attestation.JPG' }))).toEqual([]);
  });
});

describe('dossier professionnel — its own rules', () => {
  it('ATTESTATION_DATES_INVERSEES: rejects an end before the start, accepts a one-day period', () => {
    expect(errorCodes(ID, withAttestation({ debut: '2018-09-03', fin: '2018-09-02', joursTravailles: 0 }))).toEqual(['ATTESTATION_DATES_INVERSEES /attestations/0/fin']);
    expect(errorCodes(ID, withAttestation({ debut: '2018-09-03', fin: '2018-09-03' }))).toEqual([]);
  });

  it('JOURS_TRAVAILLES_SUPERIEURS_A_LA_PERIODE: accepts as many days as the calendar, not one more', () => {
    expect(errorCodes(ID, withAttestation({ debut: '2018-09-03', fin: '2018-09-30', joursTravailles: 28 }))).toEqual([]);
    expect(errorCodes(ID, withAttestation({ debut: '2018-09-03', fin: '2018-09-30', joursTravailles: 29 }))).toEqual([
      'JOURS_TRAVAILLES_SUPERIEURS_A_LA_PERIODE /attestations/0/joursTravailles',
    ]);
    expect(errorCodes(ID, withAttestation({ debut: '2019-03-25', fin: '2019-04-05', joursTravailles: 12 }))).toEqual([]); // across the change to summer time
    expect(errorCodes(ID, withAttestation({ debut: '2018-09-03', fin: '2018-09-03', joursTravailles: 2 }))).toEqual([
      'JOURS_TRAVAILLES_SUPERIEURS_A_LA_PERIODE /attestations/0/joursTravailles',
    ]);
  });

  it('TEMPS_PLEIN_HORS_CERTIFICAT_TRAVAIL: accepts « À temps plein » on a certificat de travail only', () => {
    expect(errorCodes(ID, withAttestation({ type: 'certificat-travail', debut: '2018-01-02', fin: '2018-06-30', joursTravailles: 124, tempsPlein: true }))).toEqual([]);
    expect(errorCodes(ID, withAttestation({ type: 'certificat-stage', debut: '2018-01-02', fin: '2018-06-30', joursTravailles: 78, tempsPlein: false }))).toEqual([
      'TEMPS_PLEIN_HORS_CERTIFICAT_TRAVAIL /attestations/0/tempsPlein',
    ]);
  });

  it('ETABLISSEMENT_CANDIDAT_INDIVIDUEL: rejects an établissement for an individual candidate only', () => {
    const d = sampleCopy(ID);
    setAt(d, '/candidat/statut', 'individuel');
    setAt(d, '/pageDeGarde', { attestationSurLhonneur: { lieu: 'Villeurbanne', date: '2019-03-18', signe: true } });
    expect(errorCodes(ID, d)).toEqual(['ETABLISSEMENT_CANDIDAT_INDIVIDUEL /etablissement']);
    setAt(d, '/etablissement', DELETE);
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('VISA_OU_ATTESTATION: rejects a visa for an individual candidate and an attestation sur l’honneur for the others', () => {
    const d = sampleCopy(ID);
    setAt(d, '/etablissement', DELETE);
    setAt(d, '/candidat/statut', 'individuel');
    expect(errorCodes(ID, d)).toEqual(['VISA_OU_ATTESTATION /pageDeGarde/visa']);
    setAt(d, '/candidat/statut', 'scolaire');
    setAt(d, '/pageDeGarde', { attestationSurLhonneur: { lieu: 'Lyon' } });
    expect(errorCodes(ID, d)).toEqual(['VISA_OU_ATTESTATION /pageDeGarde/attestationSurLhonneur']);
  });

  it('accepts E32 fiches left in a sub-dossier presenting only E42 (the conformity check warns about them)', () => {
    const d = sampleCopy(ID);
    setAt(d, '/epreuves', ['E42']);
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('NUMERO_DE_FICHE_EN_DOUBLE: rejects the second fiche contexte or fiche d’activité with a number already used', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesContexte/1/numero', 1);
    setAt(d, '/fichesContexte/1/fichesActiviteConcernees', [1]);
    setAt(d, '/fichesActiviteE32/3/numero', 3);
    setAt(d, '/fichesActiviteE42/2/ficheContexte', 1);
    setAt(d, '/fichesActiviteE42/3/ficheContexte', 1);
    setAt(d, '/fichesContexte/0/fichesActiviteConcernees', [1, 2, 3, 5, 6, 7, 8, 9]);
    expect(errorCodes(ID, d)).toEqual(['NUMERO_DE_FICHE_EN_DOUBLE /fichesActiviteE32/3/numero', 'NUMERO_DE_FICHE_EN_DOUBLE /fichesContexte/1/numero']);
  });

  it('FICHE_ACTIVITE_CITEE_ABSENTE: rejects a cited fiche missing from the dossier, unless the dossier has no fiche of that épreuve', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesActiviteE32', (valueAt(d, '/fichesActiviteE32') as unknown[]).slice(0, 4));
    expect(errorCodes(ID, d)).toEqual(['FICHE_ACTIVITE_CITEE_ABSENTE /fichesContexte/0/fichesActiviteConcernees/4']);
    const e = sampleCopy(ID);
    setAt(e, '/epreuves', ['E32']);
    setAt(e, '/fichesActiviteE42', DELETE);
    expect(errorCodes(ID, e)).toEqual([]);
  });

  it('FICHE_CONTEXTE_CITEE_ABSENTE: rejects a fiche contexte number missing from the dossier, unless it has no fiche contexte', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesActiviteE42/3/ficheContexte', 3);
    setAt(d, '/fichesContexte/1/fichesActiviteConcernees', [8]);
    expect(errorCodes(ID, d)).toEqual(['FICHE_CONTEXTE_CITEE_ABSENTE /fichesActiviteE42/3/ficheContexte']);
    setAt(d, '/fichesContexte', []);
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('RENVOI_CONTEXTE_DISCORDANT: rejects a fiche and a fiche contexte that do not cite each other', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesActiviteE42/2/ficheContexte', 1);
    expect(errorCodes(ID, d)).toEqual(['RENVOI_CONTEXTE_DISCORDANT /fichesActiviteE42/2/ficheContexte']);
    const e = sampleCopy(ID);
    setAt(e, '/fichesContexte/0/fichesActiviteConcernees', [1, 2, 3, 4, 5, 6, 7, 9]);
    expect(errorCodes(ID, e)).toEqual(['RENVOI_CONTEXTE_DISCORDANT /fichesContexte/0/fichesActiviteConcernees/7']);
  });
});

describe('dossier professionnel — the rules of the embedded fiches', () => {
  it('applies the fiche contexte rules to every fiche contexte', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesContexte/1/periode/fin', '2018-11-01');
    expect(errorCodes(ID, d)).toEqual(['PERIODE_DATES_INVERSEES /fichesContexte/1/periode/fin']);
  });

  it('applies the fiche d’activité E32 and E42 rules to every fiche', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesActiviteE32/4/typeProfessionnel', 'artisan');
    setAt(d, '/fichesActiviteE42/3/gestionSinistre', {});
    expect(errorCodes(ID, d)).toEqual(['GESTION_SINISTRE_VIDE /fichesActiviteE42/3/gestionSinistre', 'TYPE_PROFESSIONNEL_POUR_PARTICULIER /fichesActiviteE32/4/typeProfessionnel']);
  });

  it('applies the fiche client rules and fills its computed totals in every fiche client', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesActiviteE42/3/ficheClient/situationFamiliale/enfants/0/dateNaissance', '1970-01-01');
    expect(errorCodes(ID, d)).toEqual(['ENFANT_NE_AVANT_LE_CLIENT /fichesActiviteE42/3/ficheClient/situationFamiliale/enfants/0/dateNaissance']);
    const r = validationOf(ID, sampleCopy(ID));
    expect(valueAt(r.donnees, '/fichesActiviteE42/3/ficheClient/situationFinanciere/revenusMensuels/totalFoyer')).toBe(6800);
  });
});
