/** The signed-in account, shared by every page: read once at start-up, set by the login page, cleared on logout. */
import { createContext, useContext } from 'react';
import type { Compte } from './api.ts';

/** What the pages know of the session. */
export interface SessionState {
  compte: Compte;
  /** Returns once the session is closed and the login page shown. */
  deconnecter: () => Promise<void>;
}

/** The session of the signed-in account (pages under an area are only shown to a signed-in account). */
export const SessionContext = createContext<SessionState | null>(null);

/** Returns the session of the signed-in account (only inside an area's pages). */
export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (s === null) throw new Error('useSession outside a signed-in page');
  return s;
}
