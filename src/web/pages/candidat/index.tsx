/** The candidate's pages: the dossier editor (one part at a time) and the dossier's documents, sharing one loaded dossier. */
import type { ReactNode } from 'react';
import type { AppRoute } from '../../routes.tsx';
import { DocumentsPage } from './DocumentsPage.tsx';
import { DossierProvider } from './dossier.tsx';
import { EditorPage } from './EditorPage.tsx';

/** The pages of the candidate's area, in menu order. */
export const candidatRoutes: AppRoute[] = [
  { path: '/candidat/dossier', titre: 'Remplir le dossier', page: EditorPage },
  { path: '/candidat/dossier/:partie', titre: 'Remplir le dossier', page: EditorPage, menu: false },
  { path: '/candidat/documents', titre: 'Documents et sauvegarde', page: DocumentsPage },
];

/** Returns the candidate's pages inside the shared dossier. */
export function CandidatEnvelope({ children }: { children: ReactNode }) {
  return <DossierProvider>{children}</DossierProvider>;
}
