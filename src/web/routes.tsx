/**
 * Where every page of the interface is declared. An area is a path prefix reserved to some roles (its pages are
 * refused to the others, and the area's home lists its menu pages); a route is one page of an area.
 * To add pages: append them to the list of their area's folder (pages/<area>/index.tsx), never here.
 */
import type { ComponentType, ReactNode } from 'react';
import type { Role } from './api.ts';
import { candidatRoutes, CandidatEnvelope } from './pages/candidat/index.tsx';
import { etablissementRoutes } from './pages/etablissement/index.tsx';
import { secretariatRoutes } from './pages/secretariat/index.tsx';

/** One page: its path pattern (`:param` segments), its title (the document title and the menu), whether the menu lists it. */
export interface AppRoute {
  path: string;
  titre: string;
  page: ComponentType;
  /** Listed in the navigation (default true). A page with parameters usually is not. */
  menu?: boolean;
}

/** A part of the interface reserved to some roles, under a path prefix. */
export interface Area {
  prefix: string;
  titre: string;
  roles: readonly Role[];
  routes: readonly AppRoute[];
  /** What the area's home says above the list of its pages. */
  description?: ReactNode;
  /** Wraps every page of the area (e.g. the candidate's dossier, loaded once and shared by its pages). */
  envelope?: ComponentType<{ children: ReactNode }>;
}

/** The areas, in the navigation's order. */
export const AREAS: readonly Area[] = [
  { prefix: '/candidat', titre: 'Mon dossier professionnel', roles: ['candidat'], routes: candidatRoutes, envelope: CandidatEnvelope },
  { prefix: '/etablissement', titre: 'Établissement', roles: ['etablissement'], routes: etablissementRoutes },
  { prefix: '/secretariat', titre: 'Formulaires renvoyés', roles: ['etablissement'], routes: secretariatRoutes },
  {
    prefix: '/admin',
    titre: 'Administration',
    roles: ['admin'],
    routes: [],
    description: (
      <>
        Les comptes et les établissements se gèrent par l’API (<code>POST /api/comptes</code>) : voir sa <a href="/api/docs/">documentation</a>.
      </>
    ),
  },
];

/** Returns the area a path belongs to, or undefined. */
export function areaOf(path: string): Area | undefined {
  return AREAS.find((a) => path === a.prefix || path.startsWith(`${a.prefix}/`));
}

/** Returns the areas a role may open. */
export function areasOf(role: Role): Area[] {
  return AREAS.filter((a) => a.roles.includes(role));
}

/** Returns where an account of this role lands after signing in. */
export function homeOf(role: Role): string {
  const area = areasOf(role)[0];
  const first = area?.routes.find((r) => r.menu !== false);
  return first?.path ?? area?.prefix ?? '/';
}
