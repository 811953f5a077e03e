/**
 * The form registry: the one place that pairs each form's rules (`src/forms/<id>.ts`) with its schema
 * (`schemas/<id>.schema.json`, found by its id) and its printed layout (`templates/<id>.ts`). Adding a form
 * means the steps of CONTRIBUTING.md and one line here. The extraction worker imports this module by its URL
 * (`REGISTRY_URL`), so a module with the same exports can replace it.
 */
import type { FormRules } from '../core/forms.ts';
import { createSchemaCatalog, type SchemaCatalog } from '../core/schemas.ts';
import type { FormDefinition } from '../layout/form.ts';
import type { Template } from '../layout/layout.ts';
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
import { confirmationMission } from './confirmation-mission.ts';
import { template as pageDeGardeTemplate } from '../../templates/page-de-garde.ts';
import { template as ficheContexteTemplate } from '../../templates/fiche-contexte.ts';
import { template as ficheActiviteE32Template } from '../../templates/fiche-activite-e32.ts';
import { template as ficheClientTemplate } from '../../templates/fiche-client.ts';
import { template as ficheActiviteE42Template } from '../../templates/fiche-activite-e42.ts';
import { template as grilleE32CcfTemplate } from '../../templates/grille-e32-ccf.ts';
import { template as grilleE32PonctuelleTemplate } from '../../templates/grille-e32-ponctuelle.ts';
import { template as grilleE42Template } from '../../templates/grille-e42.ts';
import { template as grilleE5CcfTemplate } from '../../templates/grille-e5-ccf.ts';
import { template as livretScolaireTemplate } from '../../templates/livret-scolaire.ts';
import { template as dossierProfessionnelTemplate } from '../../templates/dossier-professionnel.ts';
import { template as ficheValidationMissionTemplate } from '../../templates/fiche-validation-mission.ts';
import { template as bordereauRuptureTemplate } from '../../templates/bordereau-rupture.ts';
import { template as lettreTuteurRentreeTemplate } from '../../templates/lettre-tuteur-rentree.ts';
import { template as carnetDeBordTemplate } from '../../templates/carnet-de-bord.ts';
import { template as evaluationAlternanceTemplate } from '../../templates/evaluation-alternance.ts';
import { template as confirmationMissionTemplate } from '../../templates/confirmation-mission.ts';

/** The URL of this module: the registry the extraction worker loads unless given another. */
export const REGISTRY_URL = import.meta.url;

/** Returns a form's rules paired with its printed layout. */
function pair(rules: FormRules, template: Template): FormDefinition {
  return { ...rules, template };
}

/** Every registered form, in the order of the README's table. */
export const FORMS: readonly FormDefinition[] = [
  pair(pageDeGarde, pageDeGardeTemplate),
  pair(ficheContexte, ficheContexteTemplate),
  pair(ficheActiviteE32, ficheActiviteE32Template),
  pair(ficheClient, ficheClientTemplate),
  pair(ficheActiviteE42, ficheActiviteE42Template),
  pair(grilleE32Ccf, grilleE32CcfTemplate),
  pair(grilleE32Ponctuelle, grilleE32PonctuelleTemplate),
  pair(grilleE42, grilleE42Template),
  pair(grilleE5Ccf, grilleE5CcfTemplate),
  pair(livretScolaire, livretScolaireTemplate),
  pair(dossierProfessionnel, dossierProfessionnelTemplate),
  pair(ficheValidationMission, ficheValidationMissionTemplate),
  pair(bordereauRupture, bordereauRuptureTemplate),
  pair(lettreTuteurRentree, lettreTuteurRentreeTemplate),
  pair(carnetDeBord, carnetDeBordTemplate),
  pair(evaluationAlternance, evaluationAlternanceTemplate),
  pair(confirmationMission, confirmationMissionTemplate),
];

/** Returns the schemas of the registered forms (the registry's other half, loaded by the extraction worker). */
export function schemaCatalog(): SchemaCatalog {
  return createSchemaCatalog();
}
