/** The frame of every signed-in page: skip link, header with the navigation of the account's role, the page, a footer. */
import { useEffect, type ReactNode } from 'react';
import { Link, usePath } from '../router.tsx';
import { areasOf } from '../routes.tsx';
import { useSession } from '../session.tsx';

const ROLE_NAMES = { candidat: 'Candidat', etablissement: 'Établissement', admin: 'Administration' } as const;

/** Returns the page inside the application's frame; sets the document title and moves the focus to the page's heading on navigation. */
export function Layout({ titre, children }: { titre: string; children: ReactNode }) {
  const { compte, deconnecter } = useSession();
  const path = usePath();
  useEffect(() => {
    document.title = `${titre} — Paperasse`;
  }, [titre]);
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading !== null && document.activeElement === document.body) heading.focus();
  }, [path]);
  return (
    <>
      <a className="evitement" href="#contenu">
        Aller au contenu
      </a>
      <header className="entete">
        <div className="entete-haut">
          <span className="marque">Paperasse</span>
          <span className="compte">
            <span className="role">{ROLE_NAMES[compte.role]}</span> · {compte.email}
            {compte.etablissement ? ` · ${compte.etablissement}` : ''}
          </span>
          <button type="button" className="secondaire" onClick={() => void deconnecter()}>
            Se déconnecter
          </button>
        </div>
        <nav aria-label="Navigation principale">
          <ul>
            {areasOf(compte.role).map((area) => (
              <li key={area.prefix}>
                <Link to={area.prefix}>{area.titre}</Link>
                {area.routes.filter((r) => r.menu !== false).length > 0 && (
                  <ul>
                    {area.routes
                      .filter((r) => r.menu !== false)
                      .map((r) => (
                        <li key={r.path}>
                          <Link to={r.path}>{r.titre}</Link>
                        </li>
                      ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="contenu" tabIndex={-1}>
        {children}
      </main>
      <footer className="pied">
        <p>
          Paperasse — formulaires de l’alternance et du BTS Assurance. <a href="/api/docs/">Documentation de l’API</a>
        </p>
      </footer>
    </>
  );
}
