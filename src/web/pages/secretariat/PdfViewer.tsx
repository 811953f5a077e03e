/**
 * A PDF shown with pdf.js (pdfjs-dist, its worker served by the service itself: no CDN), one canvas per page, with
 * the form fields named in `surligner` outlined (the changes a secretariat must see).
 */
import { useEffect, useRef, useState } from 'react';
import { AnnotationMode, GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Width of a rendered page, in CSS pixels. */
const PAGE_WIDTH = 620;

/** One outlined field on a page, in CSS pixels. */
interface Cadre {
  nom: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Returns the viewer of `data` (a PDF): its pages as images described for screen readers, the fields `surligner` names outlined. */
export function PdfViewer({ data, titre, surligner = [] }: { data: Uint8Array; titre: string; surligner?: readonly string[] }) {
  const holder = useRef<HTMLDivElement>(null);
  const [etat, setEtat] = useState<'chargement' | 'pret' | 'erreur'>('chargement');
  const [pages, setPages] = useState(0);
  const wanted = surligner.join('\n');

  useEffect(() => {
    const root = holder.current;
    if (root === null) return;
    let cancelled = false;
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    const task = getDocument({ data: data.slice(), isEvalSupported: false, enableXfa: false });
    setEtat('chargement');
    root.replaceChildren();
    void task.promise
      .then(async (pdf) => {
        const names = new Set(wanted === '' ? [] : wanted.split('\n'));
        setPages(pdf.numPages);
        for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
          const page = await pdf.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: PAGE_WIDTH / base.width });
          const ratio = window.devicePixelRatio || 1;
          const figure = document.createElement('figure');
          figure.className = 'pdf-page';
          figure.style.width = `${viewport.width}px`;
          figure.style.height = `${viewport.height}px`;
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width * ratio);
          canvas.height = Math.floor(viewport.height * ratio);
          canvas.style.width = `${viewport.width}px`;
          canvas.style.height = `${viewport.height}px`;
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `${titre}, page ${n} sur ${pdf.numPages}`);
          figure.append(canvas);
          root.append(figure);
          await page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0], annotationMode: AnnotationMode.ENABLE }).promise;
          if (names.size === 0) continue;
          const cadres: Cadre[] = [];
          for (const a of (await page.getAnnotations()) as Array<{ fieldName?: string; rect?: number[] }>) {
            if (a.fieldName === undefined || a.rect === undefined || !names.has(a.fieldName)) continue;
            const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = viewport.convertToViewportRectangle(a.rect) as number[];
            cadres.push({ nom: a.fieldName, left: Math.min(x1, x2), top: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) });
          }
          for (const c of cadres) {
            const mark = document.createElement('div');
            mark.className = 'pdf-modifie';
            mark.title = `Modifié : ${c.nom}`;
            Object.assign(mark.style, { left: `${c.left - 3}px`, top: `${c.top - 3}px`, width: `${c.width + 6}px`, height: `${c.height + 6}px` });
            figure.append(mark);
          }
        }
        if (!cancelled) setEtat('pret');
      })
      .catch(() => {
        if (!cancelled) setEtat('erreur');
      });
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [data, titre, wanted]);

  return (
    <div className="pdf-visionneuse">
      <p className="statut" aria-live="polite">
        {etat === 'chargement' ? 'Affichage du PDF…' : etat === 'erreur' ? 'Ce PDF ne peut pas être affiché ici : téléchargez l’original.' : `${pages} page${pages > 1 ? 's' : ''}.`}
      </p>
      <div ref={holder} className="pdf-pages" role="region" aria-label={`${titre} : pages`} tabIndex={0} />
    </div>
  );
}
