/** One candidate's dossier, read-only: the conformity per épreuve with its motifs, then every value of the dossier. */
import { useEffect, useState } from 'react';
import { Link, useParams } from '../../router.tsx';
import { Defilant } from '../secretariat/Defilant.tsx';
import { dateHeure, feuilles, libelle, texte } from '../secretariat/lecture.ts';
import { dossierCandidat } from './etablissement-api.ts';
import './etablissement.css';

type Lu = Awaited<ReturnType<typeof dossierCandidat>>;

/** Returns the read-only page of candidate `:id`'s dossier. */
export function CandidatPage() {
  const { id = '' } = useParams();
  const [lu, setLu] = useState<Lu | null>(null);
  const [erreur, setErreur] = useState('');

  useEffect(() => {
    dossierCandidat(id).then(setLu, (e: unknown) => setErreur(e instanceof Error ? e.message : String(e)));
  }, [id]);

  const retour = (
    <p>
      <Link to="/etablissement/candidats">← Mes candidats</Link>
    </p>
  );
  if (erreur !== '')
    return (
      <>
        {retour}
        <h1>Dossier du candidat</h1>
        <p role="alert">{erreur}</p>
      </>
    );
  if (lu === null) return <p className="chargement">Chargement…</p>;
  const nom = `${lu.candidat.prenom} ${lu.candidat.nom}`.trim() || lu.candidat.email;
  const c = lu.conformite;

  return (
    <>
      {retour}
      <h1>Dossier de {nom}</h1>
      <p className="statut">Lecture seule. Enregistré le {dateHeure(lu.majLe)} (version {lu.version}).</p>
      {c !== null && (
        <section className="panneau" aria-labelledby="titre-conformite">
          <h2 id="titre-conformite">Conformité : {c.conforme ? <span className="conforme">conforme</span> : <span className="non-conforme">non conforme</span>}</h2>
          {(['E32', 'E42'] as const).map((e) => {
            const v = c.epreuves[e];
            if (v === undefined) return null;
            return (
              <div key={e} className="verdict">
                <h3>
                  {e} : {v.conforme ? <span className="conforme">conforme</span> : <span className="non-conforme">non conforme</span>}
                </h3>
                {v.motifs.length > 0 && (
                  <ul>
                    {v.motifs.map((m, i) => (
                      <li key={i}>{m.message}</li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
          {c.avertissements.length > 0 && (
            <>
              <h3>À vérifier</h3>
              <ul>
                {c.avertissements.map((a, i) => (
                  <li key={i}>{a.message}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <h2>Contenu du dossier</h2>
      {lu.dossier === null ? (
        <p>Le candidat n’a pas encore enregistré de dossier.</p>
      ) : (
        <Defilant nom="Valeurs du dossier">
          <table className="tableau">
            <caption className="visuellement-cache">Valeurs du dossier</caption>
            <thead>
              <tr>
                <th scope="col">Champ</th>
                <th scope="col">Valeur</th>
              </tr>
            </thead>
            <tbody>
              {feuilles(lu.dossier).map((v) => (
                <tr key={v.chemin}>
                  <th scope="row">{libelle(v.chemin)}</th>
                  <td>{texte(v.valeur)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Defilant>
      )}
    </>
  );
}
