/**
 * The secretariat's pages (returned PDFs: upload, results, detail, export), listed in its area of routes.tsx.
 * Append a route here: { path: '/secretariat/…', titre: '…', page: Component }.
 */
import type { AppRoute } from '../../routes.tsx';
import { DepotPage } from './DepotPage.tsx';
import { DepotsPage } from './DepotsPage.tsx';

/** The pages of the secretariat's area, in menu order. */
export const secretariatRoutes: AppRoute[] = [
  { path: '/secretariat/depots', titre: 'PDF renvoyés', page: DepotsPage },
  { path: '/secretariat/depots/:id', titre: 'Détail d’un PDF renvoyé', page: DepotPage, menu: false },
];
