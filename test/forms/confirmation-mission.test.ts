/** Rules of the « Demande de confirmation de mission » (texte 004, §3.3.3), one test per rule, on the real sample. */
import { describe, expect, it } from 'vitest';
import { codes, errorsOf, sampleCopy } from '../helpers.ts';

/** The form under test; its valid sample: the letter to the tutor of the MIAGE fiche de validation sample. */
const ID = 'confirmation-mission';

interface Personne {
  civilite: string;
  nom: string;
  prenom: string;
  courriel: string;
}

interface Confirmation {
  dateCourrier: string;
  dateDemande: string;
  dateLimiteReponse: string;
  destinataire: Personne & { role: string };
  contrat: { dateDebut: string; dateFin: string };
  tuteurs: Personne[];
  contactRH: Personne;
}

describe('confirmation-mission', () => {
  it('accepts its sample', () => {
    expect(errorsOf(ID, sampleCopy(ID))).toEqual([]);
  });

  describe('COURRIER_AVANT_SOUMISSION', () => {
    it('accepts a letter sent the day the fiche was submitted and rejects one sent the day before', () => {
      const d = sampleCopy<Confirmation>(ID);
      d.dateCourrier = d.dateDemande;
      expect(errorsOf(ID, d)).toEqual([]);
      d.dateCourrier = '2025-06-11';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['COURRIER_AVANT_SOUMISSION /dateCourrier']);
      expect(e[0]?.message).toContain('« Date de soumission de la fiche » (12/06/2025)');
    });
  });

  describe('DELAI_REPONSE', () => {
    it('rejects a reply deadline on the day of the letter and accepts the day after', () => {
      const d = sampleCopy<Confirmation>(ID);
      d.dateLimiteReponse = d.dateCourrier;
      expect(codes(errorsOf(ID, d))).toEqual(['DELAI_REPONSE /dateLimiteReponse']);
      d.dateLimiteReponse = '2025-06-14';
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('accepts the 10th jour ouvrable after the submission (Saturdays count, Sundays do not) and rejects the next day', () => {
      const d = sampleCopy<Confirmation>(ID);
      // Submitted Thursday 12/06/2025: the 10th jour ouvrable after it is Tuesday 24/06/2025.
      d.dateLimiteReponse = '2025-06-24';
      expect(errorsOf(ID, d)).toEqual([]);
      d.dateLimiteReponse = '2025-06-25';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['DELAI_REPONSE /dateLimiteReponse']);
      expect(e[0]?.message).toContain('24/06/2025, 10e jour ouvrable');
    });
  });

  describe('REPONSE_APRES_DEBUT_CONTRAT', () => {
    it('accepts a reply deadline a week before the contract starts and rejects one six days before', () => {
      const d = sampleCopy<Confirmation>(ID);
      d.contrat.dateDebut = '2025-06-25';
      d.dateLimiteReponse = '2025-06-18';
      expect(errorsOf(ID, d)).toEqual([]);
      d.dateLimiteReponse = '2025-06-19';
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['REPONSE_APRES_DEBUT_CONTRAT /dateLimiteReponse']);
      expect(e[0]?.message).toContain('au plus tard le 18/06/2025');
    });
  });

  describe('CONTRAT_DATES_INVERSEES', () => {
    it('rejects a contract ending the day it starts', () => {
      const d = sampleCopy<Confirmation>(ID);
      d.contrat.dateFin = d.contrat.dateDebut;
      expect(codes(errorsOf(ID, d))).toEqual(['CONTRAT_DATES_INVERSEES /contrat/dateFin']);
    });
  });

  describe('DESTINATAIRE_HORS_FICHE', () => {
    it('accepts the tutor’s address written with other capitals and spaces', () => {
      const d = sampleCopy<Confirmation>(ID);
      d.destinataire.courriel = 'Julien.Ferracci@medfret-solutions.fr';
      expect(errorsOf(ID, d)).toEqual([]);
    });

    it('rejects a tutor letter to an address that is no tutor’s', () => {
      const d = sampleCopy<Confirmation>(ID);
      d.destinataire.courriel = d.contactRH.courriel;
      const e = errorsOf(ID, d);
      expect(codes(e)).toEqual(['DESTINATAIRE_HORS_FICHE /destinataire/courriel']);
      expect(e[0]?.message).toContain('n’est celui d’aucun tuteur professionnel de la fiche');
    });

    it('accepts the HR contact as addressee and rejects an HR letter sent to a tutor', () => {
      const d = sampleCopy<Confirmation>(ID);
      d.destinataire = { ...d.contactRH, role: 'contactRH' };
      delete (d.destinataire as { telephone?: string }).telephone;
      expect(errorsOf(ID, d)).toEqual([]);
      d.destinataire.courriel = d.tuteurs[0]?.courriel ?? '';
      expect(codes(errorsOf(ID, d))).toEqual(['DESTINATAIRE_HORS_FICHE /destinataire/courriel']);
    });
  });
});
