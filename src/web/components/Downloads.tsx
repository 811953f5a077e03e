/** Buttons that ask the service for a file and offer it for download, with the service's French error next to them. */
import { useState } from 'react';
import { ApiError, saveFile, type Fichier } from '../api.ts';

/** One button: its label and how to get the file. */
export interface DownloadAction {
  libelle: string;
  obtenir: () => Promise<Fichier>;
}

/** Returns a group of download buttons under `titre`, with a live status (preparing, done, the error). */
export function Downloads({ titre, actions }: { titre: string; actions: DownloadAction[] }) {
  const [statut, setStatut] = useState<{ texte: string; erreur: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (a: DownloadAction) => {
    setBusy(true);
    setStatut({ texte: `Préparation : ${a.libelle}…`, erreur: false });
    try {
      const f = await a.obtenir();
      saveFile(f);
      setStatut({ texte: `Téléchargé : ${f.nom}`, erreur: false });
    } catch (e) {
      const detail = e instanceof ApiError ? [e.message, ...e.erreurs.slice(0, 3).map((x) => x.message)].join(' ') : 'Le fichier n’a pas pu être produit.';
      setStatut({ texte: detail, erreur: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="telechargement">
      <h3>{titre}</h3>
      <div className="barre-actions">
        {actions.map((a) => (
          <button key={a.libelle} type="button" className="secondaire" disabled={busy} onClick={() => void run(a)}>
            {a.libelle}
          </button>
        ))}
      </div>
      <p className={statut?.erreur ? 'statut etat-ko' : 'statut'} role={statut?.erreur ? 'alert' : 'status'}>
        {statut?.texte ?? ''}
      </p>
    </div>
  );
}
