/** Rules and conditionals of the fiche contexte (annexe IV), checked on variations of the real sample. */
import { describe, expect, it } from 'vitest';
import { DELETE, errorCodes, sampleCopy, setAt } from '../helpers.ts';

/** The form under test. */
const ID = 'fiche-contexte';

const INDICATORS = '/activitesEntreprise/analyseActivite/indicateursPortefeuille';

describe('fiche contexte — schema', () => {
  it('accepts the sample', () => {
    expect(errorCodes(ID, sampleCopy(ID))).toEqual([]);
  });

  it('requires the compagnie of an agent général', () => {
    const d = sampleCopy(ID);
    setAt(d, '/compagnieAgentGeneral', DELETE);
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /compagnieAgentGeneral']);
  });

  it('requires the type d’organisme when « Organisme d’assurance » is ticked, and accepts it once given', () => {
    const d = sampleCopy(ID);
    setAt(d, '/situationFiliere', ['agent-general', 'organisme-assurance']);
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /typeOrganisme']);
    setAt(d, '/typeOrganisme', 'SAM');
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('requires the precision of « Autre » and of the partner companies', () => {
    const d = sampleCopy(ID);
    setAt(d, '/situationFiliere', ['agent-general', 'autre']);
    setAt(d, '/specificitesActivite/compagnies', DELETE);
    expect(errorCodes(ID, d)).toEqual(['CHAMP_OBLIGATOIRE /autreSituation', 'CHAMP_OBLIGATOIRE /specificitesActivite/compagnies']);
  });

  it('accepts 4 competitors and rejects a 5th', () => {
    const d = sampleCopy(ID);
    setAt(d, '/activitesEntreprise/analyseActivite/concurrents/3', { nom: 'GAN Assurances, agence Charpennes' });
    expect(errorCodes(ID, d)).toEqual([]);
    setAt(d, '/activitesEntreprise/analyseActivite/concurrents/4', { nom: 'Groupama, agence Villeurbanne' });
    expect(errorCodes(ID, d)).toEqual(['TROP_D_ELEMENTS /activitesEntreprise/analyseActivite/concurrents']);
  });

  it('accepts fiche numbers 1 and 9 and rejects 0 and 10', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesActiviteConcernees', [1, 9]);
    expect(errorCodes(ID, d)).toEqual([]);
    setAt(d, '/fichesActiviteConcernees', [0, 10]);
    expect(errorCodes(ID, d)).toEqual(['VALEUR_HORS_LIMITES /fichesActiviteConcernees/0', 'VALEUR_HORS_LIMITES /fichesActiviteConcernees/1']);
  });

  it('rejects an image path that climbs out of the dossier', () => {
    const d = sampleCopy(ID);
    setAt(d, '/ressourcesHumaines/organigramme', '../organigramme.png');
    expect(errorCodes(ID, d)).toEqual(['FORMAT_INVALIDE /ressourcesHumaines/organigramme']);
  });

  it('reports only the real error of a fiche, not its every key as unknown', () => {
    const d = sampleCopy(ID);
    setAt(d, '/contexte', 'réel');
    expect(errorCodes(ID, d)).toEqual(['VALEUR_NON_AUTORISEE /contexte']);
  });
});

describe('fiche contexte — rules', () => {
  it('PERIODE_DATES_INVERSEES: rejects an end before the start, accepts a one-day period and a single date', () => {
    const d = sampleCopy(ID);
    setAt(d, '/periode', { debut: '2019-02-18', fin: '2019-02-17' });
    expect(errorCodes(ID, d)).toEqual(['PERIODE_DATES_INVERSEES /periode/fin']);
    setAt(d, '/periode', { debut: '2019-02-18', fin: '2019-02-18' });
    expect(errorCodes(ID, d)).toEqual([]);
    setAt(d, '/periode', { debut: '2019-02-18' });
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('PRECISION_SANS_CASE_COCHEE: rejects a precision whose box is not ticked, accepts it once ticked', () => {
    const d = sampleCopy(ID);
    setAt(d, '/compagnieMandante', 'Generali IARD');
    setAt(d, '/specificitesActivite/cases', ['partenaires', 'courtage', 'souscription', 'gestion']);
    expect(errorCodes(ID, d)).toEqual([
      'PRECISION_SANS_CASE_COCHEE /compagnieMandante',
      'PRECISION_SANS_CASE_COCHEE /specificitesActivite/risquesDelegation',
      'PRECISION_SANS_CASE_COCHEE /specificitesActivite/seuilDelegation',
    ]);
    setAt(d, '/situationFiliere', ['agent-general', 'mandataire-compagnie']);
    setAt(d, '/specificitesActivite/cases', ['partenaires', 'courtage', 'souscription', 'gestion', 'reglement-sinistres']);
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('COURTAGE_AGENT_GENERAL: requires the courtage details of an agent général only', () => {
    const d = sampleCopy(ID);
    setAt(d, '/specificitesActivite/courtage', DELETE);
    expect(errorCodes(ID, d)).toEqual(['COURTAGE_AGENT_GENERAL /specificitesActivite/courtage']);
    setAt(d, '/situationFiliere', ['courtier']);
    setAt(d, '/compagnieAgentGeneral', DELETE);
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('GAMME_DE_PRODUITS_VIDE: rejects a range with no product, accepts a single product', () => {
    const d = sampleCopy(ID);
    setAt(d, '/activitesEntreprise/gammeProduits', { assurancesDommages: { professionnels: {} }, produitsAutres: { bancaires: '  ' } });
    expect(errorCodes(ID, d)).toEqual(['GAMME_DE_PRODUITS_VIDE /activitesEntreprise/gammeProduits']);
    setAt(d, '/activitesEntreprise/gammeProduits', { assurancesPersonnes: { retraite: { individuelles: 'PER individuel' } } });
    expect(errorCodes(ID, d)).toEqual([]);
  });

  it('POURCENTAGE_HORS_LIMITES: accepts 0 and 100 %, rejects -1 and 100.5 %, ignores other units', () => {
    const d = sampleCopy(ID);
    setAt(d, `${INDICATORS}/2/valeur`, 0);
    setAt(d, `${INDICATORS}/3/valeur`, 100);
    expect(errorCodes(ID, d)).toEqual([]);
    setAt(d, `${INDICATORS}/2/valeur`, -1);
    setAt(d, `${INDICATORS}/3/valeur`, 100.5);
    setAt(d, `${INDICATORS}/0/valeur`, 4850); // « contrats »: not a percentage
    expect(errorCodes(ID, d)).toEqual([`POURCENTAGE_HORS_LIMITES ${INDICATORS}/2/valeur`, `POURCENTAGE_HORS_LIMITES ${INDICATORS}/3/valeur`]);
  });
});
