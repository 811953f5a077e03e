/** A page that only says something: not found, access refused. */
import type { ReactNode } from 'react';
import { Link } from '../router.tsx';
import { homeOf } from '../routes.tsx';
import { useSession } from '../session.tsx';

/** Returns a page with a title and a message (announced when `alerte`), and a link back to the account's home. */
export function Message({ titre, alerte = false, children }: { titre: string; alerte?: boolean; children: ReactNode }) {
  const { compte } = useSession();
  return (
    <section>
      <h1 tabIndex={-1}>{titre}</h1>
      <p role={alerte ? 'alert' : undefined}>{children}</p>
      <p>
        <Link to={homeOf(compte.role)}>Retour à votre accueil</Link>
      </p>
    </section>
  );
}
