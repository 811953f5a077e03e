/**
 * The établissement's pages (rentrée letters, template editor, its candidates), listed in its area of routes.tsx.
 * Append a route here: { path: '/etablissement/…', titre: '…', page: Component }.
 */
import type { AppRoute } from '../../routes.tsx';

/** The pages of the établissement's area, in menu order. */
export const etablissementRoutes: AppRoute[] = [];
