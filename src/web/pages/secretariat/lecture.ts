/** How the secretariat's pages write what was read: values, paths, dates, in French. */

/** Returns a value of a form's data as a short French text. */
export function texte(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'string') {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : v;
  }
  if (typeof v === 'number') return String(v).replace('.', ',');
  return JSON.stringify(v);
}

/** Returns every leaf value of `data` with its JSON Pointer, in document order. */
export function feuilles(data: unknown, chemin = ''): Array<{ chemin: string; valeur: unknown }> {
  if (Array.isArray(data)) {
    if (data.every((x) => x === null || typeof x !== 'object')) return [{ chemin, valeur: data.map(texte).join(', ') }];
    return data.flatMap((x, i) => feuilles(x, `${chemin}/${i}`));
  }
  if (data !== null && typeof data === 'object') {
    return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) => feuilles(v, `${chemin}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [{ chemin, valeur: data }];
}

/** Returns a JSON Pointer as a readable label: « candidat › nom », list items numbered from 1. */
export function libelle(chemin: string): string {
  return chemin
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `n° ${Number(p) + 1}` : p.replace(/~1/g, '/').replace(/~0/g, '~')))
    .join(' › ');
}

/** Returns the name of the PDF field of a data path (Paperasse names fields by their path, dotted). */
export function champPdf(chemin: string): string {
  return chemin.split('/').slice(1).join('.');
}

/** Returns an ISO date-time as « 04/12/2026 à 03:40 » (Paris time). */
export function dateHeure(iso: string | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).replace(' ', ' à ');
}

/** Returns the French name of a reading's source. */
export function source(s: string | null): string {
  if (s === 'champs') return 'champs du PDF';
  if (s === 'donnees-integrees') return 'données intégrées';
  if (s === 'texte') return 'texte de la page';
  return '—';
}
