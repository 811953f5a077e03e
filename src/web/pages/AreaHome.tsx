/** The home of an area: its title and the list of its pages. */
import { Link } from '../router.tsx';
import type { Area } from '../routes.tsx';

/** Returns the home page of `area`, linking to each page of its menu. */
export function AreaHome({ area }: { area: Area }) {
  const pages = area.routes.filter((r) => r.menu !== false);
  return (
    <section>
      <h1 tabIndex={-1}>{area.titre}</h1>
      {area.description !== undefined && <p>{area.description}</p>}
      {pages.length > 0 && (
        <ul className="liste-pages">
          {pages.map((r) => (
            <li key={r.path}>
              <Link to={r.path}>{r.titre}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
