/** The application: who is signed in, then which page the path shows (login, an area's page, refused, not found). */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { currentAccount, logout, type Compte } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { AreaHome } from './pages/AreaHome.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { Message } from './pages/Message.tsx';
import { ParamsProvider, matchPath, navigate, usePath } from './router.tsx';
import { areaOf, homeOf } from './routes.tsx';
import { SessionContext, type SessionState } from './session.tsx';

/** Returns the whole interface. */
export function App() {
  const path = usePath();
  const [compte, setCompte] = useState<Compte | null | undefined>(undefined);
  const [erreur, setErreur] = useState<string | null>(null);

  useEffect(() => {
    currentAccount().then(setCompte, (e: unknown) => {
      setErreur(e instanceof Error ? e.message : 'Le service ne répond pas.');
      setCompte(null);
    });
  }, []);

  const deconnecter = useCallback(async () => {
    await logout();
    setCompte(null);
    navigate('/connexion');
  }, []);

  useEffect(() => {
    if (compte && (path === '/' || path === '/connexion')) navigate(homeOf(compte.role), true);
  }, [compte, path]);

  if (compte === undefined) {
    return (
      <p className="chargement" role="status">
        Chargement…
      </p>
    );
  }
  if (compte === null) {
    return <LoginPage onConnecte={setCompte} avertissement={erreur} />;
  }
  const session: SessionState = { compte, deconnecter };
  return (
    <SessionContext.Provider value={session}>
      <Layout titre={titleOf(path, compte)}>{pageOf(path, compte)}</Layout>
    </SessionContext.Provider>
  );
}

/** Returns the document title of a path for this account. */
function titleOf(path: string, compte: Compte): string {
  const area = areaOf(path);
  if (area === undefined) return 'Paperasse';
  if (!area.roles.includes(compte.role)) return 'Accès refusé';
  const route = area.routes.find((r) => matchPath(r.path, path) !== undefined);
  return route?.titre ?? area.titre;
}

/** Returns the page a path shows to this account. */
function pageOf(path: string, compte: Compte): ReactNode {
  if (path === '/' || path === '/connexion') return <p role="status">Redirection…</p>;
  const area = areaOf(path);
  if (area === undefined) {
    return (
      <Message titre="Page introuvable">
        Aucune page à l’adresse « {path} ».
      </Message>
    );
  }
  if (!area.roles.includes(compte.role)) {
    return (
      <Message titre="Accès refusé" alerte>
        Cette page est réservée aux comptes {area.roles.map((r) => `« ${r} »`).join(' ou ')} ; vous êtes connecté avec un compte « {compte.role} ».
      </Message>
    );
  }
  const Envelope = area.envelope ?? Fragmentless;
  if (path === area.prefix) {
    return <AreaHome area={area} />;
  }
  for (const route of area.routes) {
    const params = matchPath(route.path, path);
    if (params === undefined) continue;
    const Page = route.page;
    return (
      <Envelope>
        <ParamsProvider params={params}>
          <Page />
        </ParamsProvider>
      </Envelope>
    );
  }
  return (
    <Message titre="Page introuvable">
      Aucune page à l’adresse « {path} » dans l’espace « {area.titre} ».
    </Message>
  );
}

/** Returns its children as they are (the envelope of an area that has none). */
function Fragmentless({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
