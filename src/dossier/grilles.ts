/**
 * The jury grids of a candidate, pre-filled from the dossier professionnel: annexe VII (E32 CCF) or VIII (E32
 * ponctuelle) and annexe X (E42), with the candidate, the session and the "contenu du dossier professionnel"
 * section as the commission would fill it after reading the dossier. The competency grid, the date, the grade,
 * the appreciation and the signatures stay empty, for the commission, in fillable fields.
 */
import { isJsonObject } from '../core/json.ts';
import { e32Situations, e42Situations, ficheStates, productCount, type Epreuve } from './conformite.ts';

/** One pre-filled grid: its form and its (partial) data. */
export interface GridData {
  formulaire: 'grille-e32-ccf' | 'grille-e32-ponctuelle' | 'grille-e42';
  epreuve: Epreuve;
  donnees: Record<string, unknown>;
}

/** Returns the pre-filled data of the E32 grid (CCF when `ccf`, else ponctuelle) for dossier `data`. */
export function e32Grid(data: unknown, ccf: boolean): GridData {
  const s = e32Situations(data);
  const situations = [
    ...(s.biensResponsabilite ? ['biens-responsabilite'] : []),
    ...(s.personnes ? ['personnes'] : []),
    ...(s.professionnel.biensResponsabilite || s.professionnel.personnes ? ['professionnel'] : []),
    ...(s.epargne ? ['epargne'] : []),
  ];
  const branches = [...(s.professionnel.biensResponsabilite ? ['biens-responsabilite'] : []), ...(s.professionnel.personnes ? ['personnes'] : [])];
  const fiches = ficheStates(data, 'E32').map((f) => ({
    numero: f.numero,
    etat: !f.present ? 'non' : f.contextePresent ? 'oui' : 'contexte-absente',
    ...(f.present && !f.clientPresent ? { ficheClientAbsente: true } : {}),
  }));
  const contenuDossier = { fiches, situations, ...(branches.length > 0 ? { assuranceDuProfessionnel: branches } : {}) };
  return { formulaire: ccf ? 'grille-e32-ccf' : 'grille-e32-ponctuelle', epreuve: 'E32', donnees: { ...header(data), contenuDossier } };
}

/** Returns the pre-filled data of the E42 grid (annexe X) for dossier `data`. */
export function e42Grid(data: unknown): GridData {
  const states = ficheStates(data, 'E42');
  const s = e42Situations(data);
  const contenuDossier = [
    // The E42 fiches describe claims handling by construction (annexe IX): the box says all four are there.
    ...(states.every((f) => f.present) ? ['gestion-sinistre'] : []),
    ...(s.biensResponsabilite ? ['biens-responsabilite'] : []),
    ...(s.personnes ? ['personnes'] : []),
    ...(productCount(data, 'E42') >= 3 ? ['trois-produits'] : []),
  ];
  return { formulaire: 'grille-e42', epreuve: 'E42', donnees: { ...header(data), contenuDossier } };
}

/** Returns the grids of the épreuves the dossier presents (both when it lists none), pre-filled. */
export function dossierGrids(data: unknown, options: { ccf: boolean }): GridData[] {
  const d = isJsonObject(data) ? data : {};
  const listed = Array.isArray(d.epreuves) ? d.epreuves.filter((e) => e === 'E32' || e === 'E42') : [];
  const epreuves = listed.length > 0 ? listed : ['E32', 'E42'];
  return [...(epreuves.includes('E32') ? [e32Grid(data, options.ccf)] : []), ...(epreuves.includes('E42') ? [e42Grid(data)] : [])];
}

function header(data: unknown): Record<string, unknown> {
  const d = isJsonObject(data) ? data : {};
  const candidat = isJsonObject(d.candidat) ? d.candidat : {};
  return {
    ...(typeof d.session === 'number' ? { session: d.session } : {}),
    candidat: { ...(typeof candidat.nom === 'string' ? { nom: candidat.nom } : {}), ...(typeof candidat.prenom === 'string' ? { prenom: candidat.prenom } : {}) },
  };
}
