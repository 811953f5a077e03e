/** The dossier's documents: justificatif files, the two copies, the jury grids, and the dossier's JSON (export, import). */
import { useState, type ChangeEvent } from 'react';
import { renderDossier, renderGrids } from '../../api.ts';
import { Downloads } from '../../components/Downloads.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { useDossier } from './dossier.tsx';
import { objects, type Objet } from './parts.ts';
import { SaveStatus } from './SaveStatus.tsx';

/** Returns the documents page of the candidate's dossier. */
export function DocumentsPage() {
  const { dossier, modifier, justificatifs, ajouterJustificatif } = useDossier();
  const [importErreur, setImportErreur] = useState<string | null>(null);
  const [importOk, setImportOk] = useState<string | null>(null);
  const [brouillon, setBrouillon] = useState(false);
  const [ccf, setCcf] = useState(false);

  const cited = objects(dossier, 'attestations')
    .map((a) => a.fichier)
    .filter((f): f is string => typeof f === 'string' && f !== '');

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file === undefined) return;
    setImportOk(null);
    try {
      const parsed = JSON.parse(await file.text()) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('pas un objet');
      modifier(parsed as Objet);
      setImportErreur(null);
      setImportOk(`Le dossier « ${file.name} » est importé : il remplace le précédent.`);
    } catch {
      setImportErreur(`Le fichier « ${file.name} » n’est pas un dossier JSON lisible : rien n’a été importé.`);
    }
  };

  const onExport = () => {
    const blob = new Blob([JSON.stringify(dossier, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'dossier-professionnel.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    for (const f of e.target.files ?? []) ajouterJustificatif(f);
    e.target.value = '';
  };

  return (
    <section>
      <h1 tabIndex={-1}>Documents et sauvegarde</h1>
      <SaveStatus />
      <ErrorSummary titre="Import impossible" items={importErreur === null ? [] : [{ message: importErreur, champ: 'import-dossier' }]} />
      <div className="telechargements">
        <section aria-labelledby="titre-json">
          <h2 id="titre-json">Le dossier en JSON</h2>
          <p>Exportez le dossier pour le garder ou le transmettre ; importez un dossier exporté pour le reprendre.</p>
          <div className="barre-actions">
            <button type="button" className="secondaire" onClick={onExport}>
              Exporter le dossier (JSON)
            </button>
          </div>
          <div className="champ">
            <label htmlFor="import-dossier">Importer un dossier (JSON)</label>
            <input id="import-dossier" type="file" accept="application/json,.json" onChange={(e) => void onImport(e)} />
          </div>
          <p role="status" className="statut">
            {importOk ?? ''}
          </p>
        </section>
        <section aria-labelledby="titre-justificatifs">
          <h2 id="titre-justificatifs">Justificatifs</h2>
          <p>Joignez les attestations et certificats (PDF) que cite la partie « Attestations », sous le nom de fichier qu’elle indique.</p>
          <div className="champ">
            <label htmlFor="justificatifs">Fichiers justificatifs (PDF)</label>
            <input id="justificatifs" type="file" accept="application/pdf,.pdf" multiple onChange={onFiles} />
          </div>
          <ul className="fichiers">
            {cited.map((nom) => (
              <li key={nom}>
                {nom} : {justificatifs.has(nom) ? <span className="etat-ok">joint</span> : <span className="etat-ko">à joindre</span>}
              </li>
            ))}
            {[...justificatifs.keys()]
              .filter((n) => !cited.includes(n))
              .map((nom) => (
                <li key={nom}>{nom} : joint, mais aucune attestation ne le cite</li>
              ))}
          </ul>
        </section>
        <section aria-labelledby="titre-exemplaires">
          <h2 id="titre-exemplaires">Les deux exemplaires</h2>
          <p>Un zip : l’exemplaire avec l’établissement, l’exemplaire sans, et le rapport de conformité.</p>
          <div className="champ">
            <input id="dossier-brouillon" type="checkbox" checked={brouillon} onChange={(e) => setBrouillon(e.target.checked)} />
            <label htmlFor="dossier-brouillon" style={{ display: 'inline' }}>
              Brouillon (même incomplet)
            </label>
          </div>
          <Downloads titre="Dossier professionnel" actions={[{ libelle: 'Télécharger les deux exemplaires (zip)', obtenir: () => renderDossier(dossier, [...justificatifs.values()], brouillon) }]} />
        </section>
        <section aria-labelledby="titre-grilles">
          <h2 id="titre-grilles">Grilles du jury</h2>
          <p>Les grilles d’évaluation E32 et E42, préremplies avec votre nom et vos fiches.</p>
          <div className="champ">
            <input id="grilles-ccf" type="checkbox" checked={ccf} onChange={(e) => setCcf(e.target.checked)} />
            <label htmlFor="grilles-ccf" style={{ display: 'inline' }}>
              E32 en contrôle en cours de formation (CCF)
            </label>
          </div>
          <Downloads titre="Grilles" actions={[{ libelle: 'Télécharger les grilles (zip)', obtenir: () => renderGrids(dossier, ccf) }]} />
        </section>
      </div>
    </section>
  );
}
