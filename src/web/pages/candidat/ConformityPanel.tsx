/** The conformity panel: per épreuve, « conforme » or « non valide » with each motif linking to the field to fix. */
import type { MouseEvent } from 'react';
import type { Erreur } from '../../api.ts';
import { useDossier } from './dossier.tsx';
import { goToPointer } from './EditorPage.tsx';
import { locate } from './parts.ts';

/** Returns the conformity panel of the candidate's dossier (updated as the dossier changes). */
export function ConformityPanel() {
  const { dossier, conformite } = useDossier();
  const link = (m: Erreur) => {
    const at = locate(dossier, m.chemin);
    if (at === undefined) return <>{m.message}</>;
    const href = `/candidat/dossier/${at.partie.id}${at.champ !== undefined ? `#${at.champ}` : ''}`;
    const go = (e: MouseEvent<HTMLAnchorElement>) => {
      e.preventDefault();
      goToPointer(dossier, m.chemin);
    };
    return (
      <a href={href} onClick={go} data-chemin={m.chemin}>
        {m.message}
      </a>
    );
  };
  return (
    <aside className="panneau" aria-labelledby="titre-conformite">
      <h2 id="titre-conformite">Conformité du dossier</h2>
      {conformite === null ? (
        <p role="status">Contrôle en cours…</p>
      ) : (
        <div aria-live="polite">
          {(['E32', 'E42'] as const).map((ep) => {
            const v = conformite.epreuves[ep];
            if (v === undefined) return null;
            return (
              <section key={ep} className="verdict" aria-labelledby={`verdict-${ep}`}>
                <h3 id={`verdict-${ep}`}>
                  {ep} : <span className={v.conforme ? 'conforme' : 'non-conforme'}>{v.conforme ? 'conforme' : 'non valide'}</span>
                </h3>
                {v.motifs.length > 0 && (
                  <ul>
                    {v.motifs.map((m, i) => (
                      <li key={`${m.code}-${i}`} data-code={m.code}>
                        {link(m)}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
          {conformite.avertissements.length > 0 && (
            <section className="verdict" aria-labelledby="verdict-avertissements">
              <h3 id="verdict-avertissements">À vérifier</h3>
              <ul>
                {conformite.avertissements.map((m, i) => (
                  <li key={`${m.code}-${i}`} data-code={m.code}>
                    {link(m)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </aside>
  );
}
