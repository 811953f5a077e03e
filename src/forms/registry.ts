/**
 * The form registry: every official form Paperasse knows, in one list. Adding a form means adding its
 * schema (`schemas/<id>.schema.json`), its definition (`src/forms/<id>.ts`), its samples, and one line here.
 */
import type { FormDefinition } from './types.ts';
import { pageDeGarde } from './page-de-garde.ts';
import { ficheContexte } from './fiche-contexte.ts';
import { ficheActiviteE32 } from './fiche-activite-e32.ts';
import { ficheClient } from './fiche-client.ts';
import { ficheActiviteE42 } from './fiche-activite-e42.ts';
import { grilleE32Ccf } from './grille-e32-ccf.ts';
import { grilleE32Ponctuelle } from './grille-e32-ponctuelle.ts';
import { grilleE42 } from './grille-e42.ts';
import { grilleE5Ccf } from './grille-e5-ccf.ts';
import { livretScolaire } from './livret-scolaire.ts';
import { dossierProfessionnel } from './dossier-professionnel.ts';
import { ficheValidationMission } from './fiche-validation-mission.ts';
import { bordereauRupture } from './bordereau-rupture.ts';
import { lettreTuteurRentree } from './lettre-tuteur-rentree.ts';
import { carnetDeBord } from './carnet-de-bord.ts';
import { evaluationAlternance } from './evaluation-alternance.ts';

/** Every registered form, in the order of the README's table. */
export const FORMS: readonly FormDefinition[] = [
  pageDeGarde,
  ficheContexte,
  ficheActiviteE32,
  ficheClient,
  ficheActiviteE42,
  grilleE32Ccf,
  grilleE32Ponctuelle,
  grilleE42,
  grilleE5Ccf,
  livretScolaire,
  dossierProfessionnel,
  ficheValidationMission,
  bordereauRupture,
  lettreTuteurRentree,
  carnetDeBord,
  evaluationAlternance,
];
