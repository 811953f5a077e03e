/** The login page: e-mail and password, the service's French error in an announced summary. */
import { useState, type FormEvent } from 'react';
import { ApiError, login, type Compte } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';

/** Returns the login page; `onConnecte` receives the account once signed in. */
export function LoginPage({ onConnecte, avertissement }: { onConnecte: (compte: Compte) => void; avertissement: string | null }) {
  const [email, setEmail] = useState('');
  const [motDePasse, setMotDePasse] = useState('');
  const [erreur, setErreur] = useState<string | null>(avertissement);
  const [envoi, setEnvoi] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (email.trim() === '' || motDePasse === '') {
      setErreur('Saisissez votre adresse électronique et votre mot de passe.');
      return;
    }
    setEnvoi(true);
    try {
      onConnecte(await login(email.trim(), motDePasse));
    } catch (err) {
      setErreur(err instanceof ApiError ? err.message : 'La connexion a échoué : réessayez.');
      setEnvoi(false);
    }
  };

  return (
    <main id="contenu" className="connexion">
      <h1>Paperasse</h1>
      <p>Connectez-vous pour remplir votre dossier, préparer les lettres de rentrée ou lire les formulaires renvoyés.</p>
      <ErrorSummary titre="La connexion n’a pas abouti" items={erreur === null ? [] : [{ message: erreur, champ: 'email' }]} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="champ">
          <label htmlFor="email">Adresse électronique</label>
          <input id="email" name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <div className="champ">
          <label htmlFor="mot-de-passe">Mot de passe</label>
          <input id="mot-de-passe" name="motDePasse" type="password" autoComplete="current-password" value={motDePasse} onChange={(e) => setMotDePasse(e.target.value)} required />
        </div>
        <button type="submit" disabled={envoi}>
          {envoi ? 'Connexion…' : 'Se connecter'}
        </button>
      </form>
    </main>
  );
}
