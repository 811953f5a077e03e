/**
 * Rentrée letters: choose the letter, give the spreadsheet (CSV or XLSX), see where each column goes and fix the
 * mapping, start the mail merge, follow its progress (Server-Sent Events), download the zip and read the refused rows.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { colonnes as lireColonnes, lancer, lettres as lireLettres, rapport as lireRapport, type Colonnes, type Correspondance, type Lettre, type Rapport, type Tache } from './etablissement-api.ts';
import { Defilant } from '../secretariat/Defilant.tsx';
import { modeleEnregistre } from './modele-local.ts';
import './etablissement.css';

const STATUTS: Record<string, string> = { reconnue: 'reconnue', ignoree: 'ignorée', inconnue: 'inconnue', 'en-double': 'en double' };

/** Returns the message of an error for the page. */
function messageOf(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

/** Returns the page of rentrée letters. */
export function LettresPage() {
  const [lettres, setLettres] = useState<Lettre[]>([]);
  const [lettre, setLettre] = useState('');
  const [tableur, setTableur] = useState<File | undefined>();
  const [correspondance, setCorrespondance] = useState<Correspondance>({});
  const [plan, setPlan] = useState<Colonnes | null>(null);
  const [modeleFichier, setModeleFichier] = useState<string | undefined>();
  const [modeleEditeur, setModeleEditeur] = useState(false);
  const [erreurs, setErreurs] = useState<string[]>([]);
  const [tache, setTache] = useState<Tache | null>(null);
  const [rapport, setRapport] = useState<Rapport | null>(null);
  const [occupe, setOccupe] = useState(false);
  const [toutes, setToutes] = useState(false);
  const source = useRef<EventSource | null>(null);

  useEffect(() => {
    lireLettres().then(
      (l) => {
        setLettres(l);
        setLettre((current) => current || (l[0]?.id ?? ''));
      },
      (e: unknown) => setErreurs([messageOf(e)]),
    );
    return () => source.current?.close();
  }, []);

  // The mapping is read again whenever the letter, the file or the user's corrections change.
  useEffect(() => {
    if (tableur === undefined || lettre === '') return;
    let stop = false;
    setOccupe(true);
    lireColonnes(lettre, tableur, correspondance)
      .then(
        (p) => {
          if (stop) return;
          setPlan(p);
          setErreurs([]);
        },
        (e: unknown) => {
          if (stop) return;
          setPlan(null);
          setErreurs([messageOf(e)]);
        },
      )
      .finally(() => !stop && setOccupe(false));
    return () => {
      stop = true;
    };
  }, [lettre, tableur, correspondance]);

  const choisirChamp = (entete: string, valeur: string) => setCorrespondance((c) => ({ ...c, [entete]: valeur === '' ? null : valeur }));

  const demarrer = async () => {
    if (tableur === undefined) return;
    setRapport(null);
    setErreurs([]);
    source.current?.close();
    try {
      const modele = modeleEditeur ? modeleEnregistre(lettre) : modeleFichier;
      const id = await lancer(lettre, tableur, modele, correspondance);
      setTache({ id, etat: 'en-attente', progression: 0, message: null, raison: null, resultat: null });
      const events = new EventSource(`/api/taches/${id}/evenements`);
      source.current = events;
      const suivre = (e: MessageEvent<string>) => setTache(JSON.parse(e.data) as Tache);
      events.addEventListener('progression', suivre);
      events.addEventListener('fin', (e: MessageEvent<string>) => {
        suivre(e);
        events.close();
        const fin = JSON.parse(e.data) as Tache;
        if (fin.etat === 'terminee') lireRapport(id).then(setRapport, (err: unknown) => setErreurs([messageOf(err)]));
      });
    } catch (e) {
      setErreurs(e instanceof ApiError && e.erreurs.length > 0 ? e.erreurs.map((x) => x.message) : [messageOf(e)]);
    }
  };

  const pourcent = Math.round((tache?.progression ?? 0) * 100);
  const enCours = tache !== null && (tache.etat === 'en-attente' || tache.etat === 'en-cours');
  const aModeleEditeur = lettre !== '' && modeleEnregistre(lettre) !== undefined;

  return (
    <>
      <h1>Lettres de rentrée</h1>
      <ErrorSummary titre="Le publipostage ne peut pas continuer" items={erreurs.map((message) => ({ message }))} />

      <h2>1. La lettre et le tableur</h2>
      <div className="champ">
        <label htmlFor="lettre">Lettre</label>
        <select id="lettre" value={lettre} onChange={(e) => setLettre(e.target.value)}>
          {lettres.map((l) => (
            <option key={l.id} value={l.id}>
              {l.titre}
            </option>
          ))}
        </select>
      </div>
      <div className="champ">
        <label htmlFor="tableur">Tableur des alternants (CSV ou XLSX, une ligne par lettre)</label>
        <input
          id="tableur"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setCorrespondance({});
            setPlan(null);
            setTache(null);
            setRapport(null);
            setTableur(e.target.files?.[0]);
          }}
        />
      </div>
      <fieldset className="champ">
        <legend>Modèle de la lettre</legend>
        <label htmlFor="modele-fichier">Votre modèle .hbs (facultatif : sinon le modèle standard)</label>
        <input id="modele-fichier" type="file" accept=".hbs,text/plain" disabled={modeleEditeur} onChange={(e) => void e.target.files?.[0]?.text().then(setModeleFichier)} />
        {aModeleEditeur && (
          <label className="case">
            <input type="checkbox" checked={modeleEditeur} onChange={(e) => setModeleEditeur(e.target.checked)} />
            Utiliser le modèle préparé dans l’éditeur de modèle
          </label>
        )}
      </fieldset>

      {plan !== null && (
        <section aria-labelledby="titre-colonnes">
          <h2 id="titre-colonnes">2. Les colonnes du tableur</h2>
          <p>
            {plan.format} : {plan.lignes} ligne{plan.lignes > 1 ? 's' : ''} de données, {plan.colonnes.length} colonnes.{' '}
            {plan.pret ? <strong className="etat-ok">Chaque colonne a sa place : le publipostage peut commencer.</strong> : <strong className="etat-ko">{plan.erreur?.message ?? 'Corrigez les colonnes signalées.'}</strong>}
          </p>
          <p>
            <button type="button" className="secondaire" aria-pressed={toutes} onClick={() => setToutes((t) => !t)}>
              {toutes ? 'Ne montrer que les colonnes à vérifier' : `Montrer les ${plan.colonnes.length} colonnes`}
            </button>
          </p>
          <Defilant nom="Tableau des colonnes">
            <table className="tableau colonnes">
              <caption>Où va chaque colonne : choisissez le champ d’une colonne inconnue, ou ignorez-la</caption>
              <thead>
                <tr>
                  <th scope="col">Colonne du tableur</th>
                  <th scope="col">État</th>
                  <th scope="col">Champ de la lettre</th>
                </tr>
              </thead>
              <tbody>
                {plan.colonnes.filter((c) => toutes || c.statut !== 'reconnue' || c.entete in correspondance).map((c) => (
                  <tr key={c.index} className={`statut-${c.statut}`}>
                    <th scope="row">{c.entete === '' ? `(colonne ${c.index + 1} sans en-tête)` : c.entete}</th>
                    <td>{STATUTS[c.statut]}</td>
                    <td>
                      <select aria-label={`Champ de la colonne « ${c.entete} »`} value={c.chemin ?? (c.statut === 'inconnue' ? '?' : '')} onChange={(e) => choisirChamp(c.entete, e.target.value)} disabled={occupe}>
                        {c.statut === 'inconnue' && (
                          <option value="?" disabled>
                            — choisir un champ —
                          </option>
                        )}
                        <option value="">— ignorer cette colonne —</option>
                        {plan.champs.map((f) => (
                          <option key={f.chemin} value={f.chemin}>
                            {f.entete}
                          </option>
                        ))}
                      </select>
                      {c.suggestion !== undefined && (
                        <button type="button" className="lien" onClick={() => choisirChamp(c.entete, plan.champs.find((f) => f.entete === c.suggestion)?.chemin ?? '')}>
                          Utiliser « {c.suggestion} »
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Defilant>
        </section>
      )}

      <h2>3. Le publipostage</h2>
      <div className="barre-actions">
        <button type="button" onClick={() => void demarrer()} disabled={plan === null || !plan.pret || occupe || enCours}>
          Lancer le publipostage
        </button>
      </div>
      {tache !== null && (
        <div className="progression">
          <label htmlFor="progression-lettres">Progression</label>
          <progress id="progression-lettres" max={100} value={pourcent}>
            {pourcent} %
          </progress>
          <p role="status" aria-live="polite">
            {tache.etat === 'terminee' ? 'Terminé : 100 %.' : tache.etat === 'echec' ? `Échec : ${tache.raison?.message ?? 'raison inconnue'}` : `${pourcent} %${tache.message !== null ? ` — ${tache.message}` : ''}`}
          </p>
        </div>
      )}
      {tache?.etat === 'terminee' && (
        <p>
          <a className="bouton" href={`/api/taches/${tache.id}/resultat`} download={`lettres-${tache.id}.zip`}>
            Télécharger le zip des lettres
          </a>
        </p>
      )}
      {rapport !== null && (
        <section aria-labelledby="titre-rapport">
          <h2 id="titre-rapport">Compte rendu</h2>
          <p>
            {rapport.produites} lettre{rapport.produites > 1 ? 's' : ''} produite{rapport.produites > 1 ? 's' : ''} sur {rapport.total} ligne{rapport.total > 1 ? 's' : ''}
            {rapport.lignesRefusees.length === 0 ? ' : aucune ligne refusée.' : ` ; ${rapport.lignesRefusees.length} ligne${rapport.lignesRefusees.length > 1 ? 's' : ''} refusée${rapport.lignesRefusees.length > 1 ? 's' : ''} (le zip contient aussi rapport.csv).`}
          </p>
          {rapport.rapport.length > 0 && (
            <table className="tableau">
              <caption>Lignes refusées</caption>
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Colonne</th>
                  <th scope="col">Motif</th>
                </tr>
              </thead>
              <tbody>
                {rapport.rapport.map((r, i) => (
                  <tr key={i}>
                    <td>{r.ligne}</td>
                    <td>{r.colonne}</td>
                    <td>{r.motif}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
