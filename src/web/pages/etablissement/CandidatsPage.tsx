/** The établissement's candidates: each one's name, last save and the conformity of its dossier, with a link to read it. */
import { useEffect, useState } from 'react';
import { Link } from '../../router.tsx';
import { Defilant } from '../secretariat/Defilant.tsx';
import { dateHeure } from '../secretariat/lecture.ts';
import { candidats as lireCandidats, type Candidat } from './etablissement-api.ts';
import './etablissement.css';

/** Returns the verdict of one épreuve in a cell. */
function Verdict({ v }: { v: { conforme: boolean; motifs: number } | undefined }) {
  if (v === undefined) return <>—</>;
  return v.conforme ? <span className="conforme">conforme</span> : <span className="non-conforme">non conforme ({v.motifs} motif{v.motifs > 1 ? 's' : ''})</span>;
}

/** Returns the page listing the établissement's candidates. */
export function CandidatsPage() {
  const [liste, setListe] = useState<Candidat[] | null>(null);
  const [erreur, setErreur] = useState('');

  useEffect(() => {
    lireCandidats().then(setListe, (e: unknown) => setErreur(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <>
      <h1>Mes candidats</h1>
      {erreur !== '' && <p role="alert">{erreur}</p>}
      {liste === null ? (
        erreur === '' && <p className="chargement">Chargement…</p>
      ) : liste.length === 0 ? (
        <p>Aucun candidat n’est rattaché à votre établissement : l’administrateur rattache un compte candidat en nommant l’établissement.</p>
      ) : (
        <Defilant nom="Tableau des candidats">
          <table className="tableau">
            <caption>Candidats de l’établissement et conformité de leur dossier professionnel</caption>
            <thead>
              <tr>
                <th scope="col">Candidat</th>
                <th scope="col">Courriel</th>
                <th scope="col">Dossier enregistré le</th>
                <th scope="col">E32</th>
                <th scope="col">E42</th>
                <th scope="col">Erreurs</th>
              </tr>
            </thead>
            <tbody>
              {liste.map((c) => {
                const nom = `${c.prenom} ${c.nom}`.trim() || c.email;
                return (
                  <tr key={c.id}>
                    <th scope="row">{c.conformite === null ? nom : <Link to={`/etablissement/candidats/${c.id}`}>{nom}</Link>}</th>
                    <td>{c.email}</td>
                    <td>{c.majLe === null ? 'pas encore de dossier' : dateHeure(c.majLe)}</td>
                    <td>
                      <Verdict v={c.conformite?.epreuves.E32} />
                    </td>
                    <td>
                      <Verdict v={c.conformite?.epreuves.E42} />
                    </td>
                    <td>{c.conformite === null ? '—' : c.conformite.erreurs}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Defilant>
      )}
    </>
  );
}
