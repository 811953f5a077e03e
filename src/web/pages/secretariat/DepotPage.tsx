/**
 * One returned PDF: what was read (every value, the changed ones highlighted with the value Paperasse wrote), its
 * signatures and errors, beside the PDF itself in pdf.js with the changed fields outlined.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from '../../router.tsx';
import { depot, original, type Depot } from './depots-api.ts';
import { champPdf, dateHeure, feuilles, libelle, source, texte } from './lecture.ts';
import { Defilant } from './Defilant.tsx';
import { PdfViewer } from './PdfViewer.tsx';
import { SignatureBadge } from './SignatureBadge.tsx';
import './secretariat.css';

/** Returns the detail page of upload `:id`. */
export function DepotPage() {
  const { id = '' } = useParams();
  const [d, setD] = useState<Depot | null>(null);
  const [pdf, setPdf] = useState<Uint8Array | null>(null);
  const [erreur, setErreur] = useState('');

  useEffect(() => {
    let stop = false;
    const lire = async () => {
      try {
        const lu = await depot(id);
        if (stop) return;
        setD(lu);
        if (lu.statut === 'en-attente') setTimeout(() => void lire(), 1000);
      } catch (e) {
        if (!stop) setErreur(e instanceof Error ? e.message : String(e));
      }
    };
    void lire();
    original(id).then(
      (bytes) => !stop && setPdf(bytes),
      (e: unknown) => !stop && setErreur(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      stop = true;
    };
  }, [id]);

  if (erreur !== '')
    return (
      <>
        <h1>Dépôt n° {id}</h1>
        <p role="alert">{erreur}</p>
        <Link to="/secretariat/depots">Retour aux formulaires renvoyés</Link>
      </>
    );
  if (d === null) return <p className="chargement">Chargement…</p>;

  const lecture = d.resultat?.ok === true ? d.resultat.valeur : undefined;
  const modifications = new Map((lecture?.modifications ?? []).map((m) => [m.chemin, m]));
  const valeurs = lecture === undefined ? [] : feuilles(lecture.donnees);
  // A change of a value the data no longer has (emptied) still shows.
  for (const m of modifications.values()) if (!valeurs.some((v) => v.chemin === m.chemin)) valeurs.push({ chemin: m.chemin, valeur: m.apres });

  return (
    <>
      <p>
        <Link to="/secretariat/depots">← Formulaires renvoyés</Link>
      </p>
      <h1>
        Dépôt n° {d.id}
        {d.personne !== null && ` — ${d.personne}`}
      </h1>
      <div className="detail-depot">
        <section aria-labelledby="titre-lecture">
          <h2 id="titre-lecture">Données lues</h2>
          {d.statut === 'en-attente' && <p role="status">Lecture en cours…</p>}
          {d.resultat?.ok === false && <p className="etat-ko">{d.resultat.erreur.message}</p>}
          {lecture !== undefined && (
            <>
              <dl className="resume-depot">
                <dt>Formulaire</dt>
                <dd>
                  {lecture.formulaire} (version {lecture.version})
                </dd>
                <dt>Lu depuis</dt>
                <dd>{source(lecture.source)}</dd>
                <dt>Valide</dt>
                <dd>{lecture.valide ? <span className="etat-ok">oui</span> : <span className="etat-ko">non</span>}</dd>
                <dt>Signature</dt>
                <dd>
                  <SignatureBadge signatures={lecture.signatures} />
                  {lecture.signatures.map((s, i) => (
                    <p key={i} className="statut">
                      {s.date !== null && `Signé le ${dateHeure(s.date)}. `}
                      {s.champsModifies.length > 0 && `Champs modifiés après la signature : ${s.champsModifies.join(', ')}. `}
                      {s.detail}
                    </p>
                  ))}
                </dd>
                <dt>Modifications</dt>
                <dd>{lecture.modifications.length === 0 ? 'aucune' : `${lecture.modifications.length} valeur${lecture.modifications.length > 1 ? 's' : ''} différente${lecture.modifications.length > 1 ? 's' : ''} de celles que Paperasse avait écrites`}</dd>
              </dl>
              {lecture.erreurs.length > 0 && (
                <div className="resume-erreurs">
                  <h3>Ce qui n’est pas valide</h3>
                  <ul>
                    {lecture.erreurs.map((e, i) => (
                      <li key={i}>
                        {e.chemin !== '' && <strong>{libelle(e.chemin)} : </strong>}
                        {e.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {lecture.avertissements.length > 0 && (
                <ul className="avertissements">
                  {lecture.avertissements.map((a, i) => (
                    <li key={i}>{a.message}</li>
                  ))}
                </ul>
              )}
              <Defilant nom="Valeurs lues">
              <table className="tableau valeurs">
                <caption>Valeurs lues ; les valeurs modifiées sont surlignées, avec celle que Paperasse avait écrite</caption>
                <thead>
                  <tr>
                    <th scope="col">Champ</th>
                    <th scope="col">Valeur lue</th>
                  </tr>
                </thead>
                <tbody>
                  {valeurs.map((v) => {
                    const m = modifications.get(v.chemin);
                    return (
                      <tr key={v.chemin} className={m === undefined ? undefined : 'modifiee'}>
                        <th scope="row">{libelle(v.chemin)}</th>
                        <td>
                          {texte(v.valeur)}
                          {m !== undefined && (
                            <span className="avant">
                              {' '}
                              <span className="badge alerte">modifié</span> Paperasse avait écrit : <del>{texte(m.avant)}</del>
                            </span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              </Defilant>
            </>
          )}
        </section>
        <section aria-labelledby="titre-pdf">
          <h2 id="titre-pdf">Le PDF reçu</h2>
          <p>
            <a href={`/api/depots/${d.id}/original`} download={`depot-${d.id}.pdf`}>
              Télécharger l’original
            </a>
          </p>
          {pdf === null ? <p className="chargement">Chargement du PDF…</p> : <PdfViewer data={pdf} titre={`PDF du dépôt n° ${d.id}`} surligner={[...modifications.keys()].map(champPdf)} />}
        </section>
      </div>
    </>
  );
}
