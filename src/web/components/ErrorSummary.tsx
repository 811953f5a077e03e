/** The summary of what keeps a form from being accepted, announced to screen readers, each item linking to its field. */
import type { MouseEvent } from 'react';

/** One item of the summary: the message, and the id of the field it concerns when there is one. */
export interface SummaryItem {
  message: string;
  champ?: string;
}

/** Returns the focus to the field `id` (scrolled into view), or false when no such field is on the page. */
export function focusField(id: string): boolean {
  const el = document.getElementById(id);
  if (el === null) return false;
  const focusable = el.matches('input, select, textarea, button, a[href]') ? el : (el.querySelector<HTMLElement>('input, select, textarea, button') ?? el);
  focusable.scrollIntoView({ block: 'center' });
  focusable.focus();
  return true;
}

/** Returns the error summary (role=alert) of `items` under `titre`, or nothing when there is no item. */
export function ErrorSummary({ titre, items }: { titre: string; items: SummaryItem[] }) {
  if (items.length === 0) return null;
  const go = (e: MouseEvent<HTMLAnchorElement>, champ: string) => {
    if (focusField(champ)) e.preventDefault();
  };
  return (
    <div className="resume-erreurs" role="alert" aria-labelledby="resume-erreurs-titre">
      <h2 id="resume-erreurs-titre">{titre}</h2>
      <ul>
        {items.map((item, i) => (
          <li key={`${item.champ ?? ''}-${i}`}>
            {item.champ !== undefined ? (
              <a href={`#${item.champ}`} onClick={(e) => go(e, item.champ ?? '')}>
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
