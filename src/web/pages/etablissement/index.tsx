/**
 * The établissement's pages (rentrée letters, template editor, its candidates), listed in its area of routes.tsx.
 * Append a route here: { path: '/etablissement/…', titre: '…', page: Component }.
 */
import type { AppRoute } from '../../routes.tsx';
import { CandidatPage } from './CandidatPage.tsx';
import { CandidatsPage } from './CandidatsPage.tsx';
import { LettresPage } from './LettresPage.tsx';
import { ModelePage } from './ModelePage.tsx';

/** The pages of the établissement's area, in menu order. */
export const etablissementRoutes: AppRoute[] = [
  { path: '/etablissement/lettres', titre: 'Lettres de rentrée', page: LettresPage },
  { path: '/etablissement/modele', titre: 'Modèle de lettre', page: ModelePage },
  { path: '/etablissement/candidats', titre: 'Mes candidats', page: CandidatsPage },
  { path: '/etablissement/candidats/:id', titre: 'Dossier d’un candidat', page: CandidatPage, menu: false },
];
