/** The badge of a returned PDF's signatures: who signed, whether it is intact, « modifié après signature ». */
import type { SignatureResume } from './depots-api.ts';

/** Returns the badges of `signatures` (« non signé » when there is none). */
export function SignatureBadge({ signatures }: { signatures: readonly SignatureResume[] }) {
  if (signatures.length === 0) return <span className="badge neutre">non signé</span>;
  return (
    <ul className="badges">
      {signatures.map((s, i) => (
        <li key={i}>
          <span className={`badge ${s.integre && !s.modifieApresSignature ? 'ok' : 'alerte'}`}>
            Signé par {s.signataire === '' ? 'un signataire illisible' : s.signataire}
            {s.integre ? '' : ' (signature non vérifiée)'}
          </span>
          {s.modifieApresSignature && <span className="badge alerte">modifié après signature</span>}
        </li>
      ))}
    </ul>
  );
}
