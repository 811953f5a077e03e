/** A wide table's frame: it scrolls sideways on a narrow screen, and can be scrolled with the keyboard (focusable, named region). */
import type { ReactNode } from 'react';

/** Returns the scrolling frame of a table named `nom` for screen readers. */
export function Defilant({ nom, children }: { nom: string; children: ReactNode }) {
  return (
    <div className="tableau-defilant" role="region" aria-label={nom} tabIndex={0}>
      {children}
    </div>
  );
}
