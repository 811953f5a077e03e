/**
 * The template editor: the school writes its own letter (Handlebars), checked as it types — each problem at its line
 * and column, the line marked in the margin — and sees the letter of the first valid row of a spreadsheet in pdf.js.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, saveFile } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { PdfViewer } from '../secretariat/PdfViewer.tsx';
import { apercu, lettres as lireLettres, modeleStandard, verifierModele, type ErreurModele, type Lettre } from './etablissement-api.ts';
import { enregistrerModele, modeleEnregistre } from './modele-local.ts';
import './etablissement.css';

/** Pause after the last keystroke before the template is checked, in ms. */
const CHECK_DELAY_MS = 400;

/** Returns the offset in `text` of line `ligne`, column `colonne` (both from 1). */
function offsetOf(text: string, ligne: number, colonne: number): number {
  let offset = 0;
  for (let l = 1; l < ligne; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + colonne - 1);
}

/** Returns the template editor page. */
export function ModelePage() {
  const [lettres, setLettres] = useState<Lettre[]>([]);
  const [lettre, setLettre] = useState('');
  const [texte, setTexte] = useState('');
  const [verif, setVerif] = useState<{ valide: boolean; erreurs: ErreurModele[] } | null>(null);
  const [erreurs, setErreurs] = useState<string[]>([]);
  const [tableur, setTableur] = useState<File | undefined>();
  const [pdf, setPdf] = useState<{ pdf: Uint8Array; ligne: number } | null>(null);
  const [occupe, setOccupe] = useState(false);
  const zone = useRef<HTMLTextAreaElement>(null);
  const gouttiere = useRef<HTMLDivElement>(null);

  useEffect(() => {
    lireLettres().then(
      (l) => setLettres(l),
      (e: unknown) => setErreurs([e instanceof Error ? e.message : String(e)]),
    );
  }, []);

  useEffect(() => {
    if (lettre === '' && lettres[0] !== undefined) setLettre(lettres[0].id);
  }, [lettre, lettres]);

  // A letter opens with the template kept in this tab, else the standard one.
  useEffect(() => {
    if (lettre === '') return;
    const kept = modeleEnregistre(lettre);
    if (kept !== undefined) setTexte(kept);
    else modeleStandard(lettre).then(setTexte, (e: unknown) => setErreurs([e instanceof Error ? e.message : String(e)]));
    setPdf(null);
  }, [lettre]);

  // Checked a moment after the last keystroke.
  useEffect(() => {
    if (lettre === '') return;
    const t = setTimeout(() => {
      enregistrerModele(lettre, texte);
      verifierModele(lettre, texte).then(
        (v) => setVerif(v),
        (e: unknown) => setErreurs([e instanceof Error ? e.message : String(e)]),
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(t);
  }, [lettre, texte]);

  const allerA = (e: ErreurModele) => {
    const area = zone.current;
    if (area === null || e.ligne === null) return;
    const at = offsetOf(texte, e.ligne, e.colonne ?? 1);
    area.focus();
    area.setSelectionRange(at, at);
    // Scroll the line into view: lines are 1.5em high.
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (e.ligne - 3) * lineHeight);
  };

  const voirApercu = async () => {
    if (tableur === undefined) return;
    setOccupe(true);
    setErreurs([]);
    try {
      setPdf(await apercu(lettre, tableur, texte));
    } catch (e) {
      setPdf(null);
      setErreurs(e instanceof ApiError && e.erreurs.length > 1 ? [e.message, ...e.erreurs.map((x) => x.message)] : [e instanceof Error ? e.message : String(e)]);
    } finally {
      setOccupe(false);
    }
  };

  const lignes = texte.split('\n').length;
  const enErreur = new Set((verif?.erreurs ?? []).map((e) => e.ligne).filter((l): l is number => l !== null));

  return (
    <>
      <h1>Modèle de lettre</h1>
      <ErrorSummary titre="L’aperçu ne peut pas être produit" items={erreurs.map((message) => ({ message }))} />
      <div className="barre-actions">
        <label htmlFor="modele-lettre">Lettre</label>
        <select id="modele-lettre" value={lettre} onChange={(e) => setLettre(e.target.value)} style={{ width: 'auto' }}>
          {lettres.map((l) => (
            <option key={l.id} value={l.id}>
              {l.titre}
            </option>
          ))}
        </select>
        <button type="button" className="secondaire" onClick={() => void modeleStandard(lettre).then(setTexte)}>
          Repartir du modèle standard
        </button>
        <input id="modele-charger" className="visuellement-cache" type="file" accept=".hbs,text/plain" onChange={(e) => void e.target.files?.[0]?.text().then(setTexte)} />
        <label htmlFor="modele-charger" className="bouton secondaire">
          Ouvrir un fichier .hbs
        </label>
        <button type="button" className="secondaire" onClick={() => saveFile({ blob: new Blob([texte], { type: 'text/plain' }), nom: `${lettre}.hbs` })}>
          Enregistrer le modèle (.hbs)
        </button>
      </div>

      <div className="editeur-modele">
        <div>
          <label htmlFor="modele-texte">Texte du modèle (Handlebars)</label>
          <div className="code">
            <div className="gouttiere" ref={gouttiere} aria-hidden="true">
              {Array.from({ length: lignes }, (_, i) => (
                <div key={i} className={enErreur.has(i + 1) ? 'ligne-erreur' : undefined}>
                  {i + 1}
                </div>
              ))}
            </div>
            <textarea
              id="modele-texte"
              ref={zone}
              value={texte}
              spellCheck={false}
              aria-describedby="modele-verification"
              aria-invalid={verif !== null && !verif.valide}
              onChange={(e) => setTexte(e.target.value)}
              onScroll={(e) => {
                if (gouttiere.current !== null) gouttiere.current.scrollTop = e.currentTarget.scrollTop;
              }}
            />
          </div>
        </div>
        <section className="panneau" aria-labelledby="modele-verification-titre">
          <h2 id="modele-verification-titre">Vérification</h2>
          <div id="modele-verification" role="status" aria-live="polite">
            {verif === null ? (
              <p>Vérification…</p>
            ) : verif.valide ? (
              <p className="conforme">Le modèle est valide.</p>
            ) : (
              <>
                <p className="non-conforme">
                  {verif.erreurs.length} erreur{verif.erreurs.length > 1 ? 's' : ''} :
                </p>
                <ul className="erreurs-modele">
                  {verif.erreurs.map((e, i) => (
                    <li key={i}>
                      <button type="button" className="lien" onClick={() => allerA(e)}>
                        {e.ligne !== null ? `Ligne ${e.ligne}, colonne ${e.colonne ?? 1}` : 'Modèle'}
                      </button>{' '}
                      : {e.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </section>
      </div>

      <h2>Aperçu</h2>
      <div className="barre-actions">
        <label htmlFor="apercu-tableur">Tableur (la première ligne valide est écrite)</label>
        <input id="apercu-tableur" type="file" accept=".csv,.xlsx" onChange={(e) => setTableur(e.target.files?.[0])} />
        <button type="button" onClick={() => void voirApercu()} disabled={tableur === undefined || occupe || verif?.valide === false}>
          Voir l’aperçu
        </button>
      </div>
      {pdf !== null && (
        <>
          <p role="status">
            Aperçu de la ligne {pdf.ligne} du tableur.{' '}
            <button type="button" className="lien" onClick={() => saveFile({ blob: new Blob([pdf.pdf.slice()], { type: 'application/pdf' }), nom: `apercu-${lettre}.pdf` })}>
              Télécharger l’aperçu
            </button>
          </p>
          <PdfViewer data={pdf.pdf} titre="Aperçu de la lettre" />
        </>
      )}
    </>
  );
}
