/**
 * The secretariat's returned forms: drop many PDFs (or choose them with the keyboard), then a table of what each
 * one holds (form, person, valid, source, signature, number of changes), a link to its detail, and the export of a
 * form's readings as CSV or XLSX.
 */
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { ApiError } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Link } from '../../router.tsx';
import { deposer, depots, exportUrl, type Depot } from './depots-api.ts';
import { dateHeure, source } from './lecture.ts';
import { Defilant } from './Defilant.tsx';
import { SignatureBadge } from './SignatureBadge.tsx';
import './secretariat.css';

/** How often the table is refreshed while some upload is still being read, in ms. */
const POLL_MS = 1000;

/** Returns the page of the returned PDFs. */
export function DepotsPage() {
  const [liste, setListe] = useState<Depot[] | null>(null);
  const [erreurs, setErreurs] = useState<string[]>([]);
  const [envoi, setEnvoi] = useState<string>('');
  const [envoyes, setEnvoyes] = useState(0);
  const [survol, setSurvol] = useState(false);
  const [formulaire, setFormulaire] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const recharger = useCallback(async () => {
    try {
      setListe(await depots());
    } catch (e) {
      setErreurs([e instanceof Error ? e.message : String(e)]);
    }
  }, []);

  useEffect(() => {
    void recharger();
  }, [recharger]);

  // While an upload is being read, the table refreshes itself.
  const enAttente = liste?.some((d) => d.statut === 'en-attente') ?? false;
  useEffect(() => {
    if (!enAttente) return;
    const t = setInterval(() => void recharger(), POLL_MS);
    return () => clearInterval(t);
  }, [enAttente, recharger]);

  const formulaires = [...new Set((liste ?? []).map((d) => d.formulaire).filter((f): f is string => f !== null))].sort();
  useEffect(() => {
    if (formulaire === '' && formulaires[0] !== undefined) setFormulaire(formulaires[0]);
  }, [formulaire, formulaires]);

  const envoyer = async (fichiers: File[]) => {
    const pdfs = fichiers.filter((f) => f.type === 'application/pdf' || f.name.toLowerCase().endsWith('.pdf'));
    const refuses = fichiers.filter((f) => !pdfs.includes(f)).map((f) => `« ${f.name} » n’est pas un PDF : il n’a pas été envoyé.`);
    setErreurs(refuses);
    if (pdfs.length === 0) return;
    setEnvoi(`Envoi de ${pdfs.length} PDF…`);
    try {
      const recus = await deposer(pdfs);
      const deja = recus.filter((r) => !r.nouveau).length;
      setEnvoyes(recus.length);
      setEnvoi(`${recus.length} PDF reçu${recus.length > 1 ? 's' : ''}${deja > 0 ? ` (dont ${deja} déjà reçu${deja > 1 ? 's' : ''} auparavant)` : ''}`);
      await recharger();
    } catch (e) {
      setEnvoi('');
      setErreurs([...refuses, e instanceof ApiError ? e.message : String(e)]);
    } finally {
      if (input.current !== null) input.current.value = '';
    }
  };

  const deposes = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setSurvol(false);
    void envoyer([...e.dataTransfer.files]);
  };

  return (
    <>
      <h1>Formulaires renvoyés</h1>
      <ErrorSummary titre="Des fichiers n’ont pas pu être envoyés" items={erreurs.map((message) => ({ message }))} />
      <div
        className={`depot-zone${survol ? ' survol' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setSurvol(true);
        }}
        onDragLeave={() => setSurvol(false)}
        onDrop={deposes}
        data-testid="zone-depot"
      >
        <label htmlFor="fichiers-pdf">Déposez ici les PDF renvoyés, ou choisissez-les (plusieurs à la fois)</label>
        <input id="fichiers-pdf" ref={input} type="file" accept="application/pdf,.pdf" multiple onChange={(e) => void envoyer([...(e.target.files ?? [])])} />
        <p className="statut" role="status">
          {envoi !== '' && envoyes > 0 ? `${envoi} : ${enAttente ? 'lecture en cours, le tableau se met à jour.' : 'lecture terminée.'}` : envoi}
        </p>
      </div>

      <h2>Résultats</h2>
      {liste === null ? (
        <p className="chargement">Chargement…</p>
      ) : liste.length === 0 ? (
        <p>Aucun PDF reçu pour l’instant.</p>
      ) : (
        <Defilant nom="Tableau des PDF reçus">
          <table className="tableau">
            <caption className="visuellement-cache">PDF reçus : formulaire, personne, validité, source, signature et modifications</caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Formulaire</th>
                <th scope="col">Personne</th>
                <th scope="col">Valide</th>
                <th scope="col">Lu depuis</th>
                <th scope="col">Signature</th>
                <th scope="col">Modifications</th>
                <th scope="col">Reçu le</th>
              </tr>
            </thead>
            <tbody>
              {liste.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/secretariat/depots/${d.id}`} aria-label={`Voir le dépôt n° ${d.id}`}>
                      {d.id}
                    </Link>
                  </td>
                  <td>{d.statut === 'en-attente' ? <em>lecture en cours…</em> : d.statut === 'echec' ? <span className="etat-ko">illisible</span> : (d.formulaire ?? '—')}</td>
                  <td>{d.personne ?? '—'}</td>
                  <td>{d.valide === null ? '—' : d.valide ? <span className="etat-ok">oui</span> : <span className="etat-ko">non</span>}</td>
                  <td>{source(d.source)}</td>
                  <td>
                    <SignatureBadge signatures={d.signatures} />
                  </td>
                  <td>{d.nombreModifications}</td>
                  <td>{dateHeure(d.receptions[0]?.recuLe ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Defilant>
      )}

      <h2>Exporter les données lues</h2>
      {formulaires.length === 0 ? (
        <p>L’export sera possible dès qu’un PDF aura été lu.</p>
      ) : (
        <div className="barre-actions">
          <label htmlFor="export-formulaire">Formulaire</label>
          <select id="export-formulaire" value={formulaire} onChange={(e) => setFormulaire(e.target.value)} style={{ width: 'auto' }}>
            {formulaires.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <a className="bouton" href={exportUrl(formulaire, 'csv')} download>
            Exporter en CSV
          </a>
          <a className="bouton secondaire" href={exportUrl(formulaire, 'xlsx')} download>
            Exporter en XLSX
          </a>
        </div>
      )}
    </>
  );
}
