/**
 * The candidate's dossier, shared by the candidate's pages: loaded once, saved a moment after each change (to the
 * server when it keeps dossiers, else to this browser), validated and checked for conformity by the service as it
 * changes. The justificatif files chosen stay in this page until the dossier is produced.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, checkDossier, loadDossier, saveDossier, schemaComponents, validate, type Conformite, type Erreur, type Schema, type Stockage } from '../../api.ts';
import { formSchemaOf } from '../../schema.ts';
import { useSession } from '../../session.tsx';
import type { Objet } from './parts.ts';

/** The form id of the dossier professionnel. */
export const DOSSIER = 'dossier-professionnel';

/** The state of the last save. */
export type EtatSauvegarde = { etat: 'enregistre'; stockage: Stockage; a: Date } | { etat: 'en-cours' } | { etat: 'echec'; message: string } | { etat: 'aucun' };

/** What the candidate's pages share. */
export interface DossierState {
  dossier: Objet;
  /** Replaces the dossier (saved, validated and checked a moment later). */
  modifier: (dossier: Objet) => void;
  /** The inlined schema of the dossier professionnel. */
  schema: Schema;
  /** The validation errors of the dossier (the service lists the first 100). */
  erreurs: Erreur[];
  erreursNonListees: number;
  conformite: Conformite | null;
  sauvegarde: EtatSauvegarde;
  /** The justificatif files chosen, by name. */
  justificatifs: Map<string, File>;
  ajouterJustificatif: (f: File) => void;
  /** A problem with the service (shown above the page). */
  probleme: string | null;
}

const DossierContext = createContext<DossierState | null>(null);

/** Returns the dossier state of the candidate's pages. */
export function useDossier(): DossierState {
  const s = useContext(DossierContext);
  if (s === null) throw new Error('useDossier outside CandidatEnvelope');
  return s;
}

/** Returns a new dossier: the current session, both épreuves. */
function emptyDossier(): Objet {
  return { session: new Date().getFullYear() + (new Date().getMonth() >= 8 ? 1 : 0), epreuves: ['E32', 'E42'], candidat: {} };
}

const DELAY_MS = 600;

/** Returns the candidate's pages inside the loaded dossier; a loading message until it is loaded. */
export function DossierProvider({ children }: { children: ReactNode }) {
  const { compte } = useSession();
  const [dossier, setDossier] = useState<Objet | null>(null);
  const [schema, setSchema] = useState<Schema | null>(null);
  const [erreurs, setErreurs] = useState<Erreur[]>([]);
  const [erreursNonListees, setNonListees] = useState(0);
  const [conformite, setConformite] = useState<Conformite | null>(null);
  const [sauvegarde, setSauvegarde] = useState<EtatSauvegarde>({ etat: 'aucun' });
  const [probleme, setProbleme] = useState<string | null>(null);
  const [justificatifs, setJustificatifs] = useState<Map<string, File>>(new Map());
  const changed = useRef(false);

  useEffect(() => {
    let live = true;
    Promise.all([loadDossier(compte), schemaComponents()]).then(
      ([loaded, all]) => {
        if (!live) return;
        const d = loaded.dossier;
        setDossier(d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as Objet) : emptyDossier());
        setSchema(formSchemaOf(DOSSIER, all));
      },
      (e: unknown) => live && setProbleme(e instanceof Error ? e.message : 'Le dossier n’a pas pu être chargé.'),
    );
    return () => {
      live = false;
    };
  }, [compte]);

  // Validation and conformity, a moment after the last change.
  useEffect(() => {
    if (dossier === null) return;
    const timer = setTimeout(() => {
      Promise.all([validate(DOSSIER, dossier), checkDossier(dossier)]).then(
        ([v, c]) => {
          setErreurs(v.erreurs);
          setNonListees(v.erreursNonListees ?? 0);
          setConformite(c);
          setProbleme(null);
        },
        (e: unknown) => setProbleme(e instanceof ApiError ? e.message : 'Le contrôle du dossier a échoué.'),
      );
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [dossier]);

  // Autosave, a moment after the last change (never the dossier just loaded).
  useEffect(() => {
    if (dossier === null || !changed.current) return;
    const timer = setTimeout(() => {
      setSauvegarde({ etat: 'en-cours' });
      saveDossier(compte, dossier).then(
        (stockage) => setSauvegarde({ etat: 'enregistre', stockage, a: new Date() }),
        (e: unknown) => setSauvegarde({ etat: 'echec', message: e instanceof Error ? e.message : 'L’enregistrement a échoué.' }),
      );
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [dossier, compte]);

  const modifier = useCallback((d: Objet) => {
    changed.current = true;
    setDossier(d);
  }, []);

  const ajouterJustificatif = useCallback((f: File) => {
    setJustificatifs((m) => new Map(m).set(f.name, f));
  }, []);

  if (dossier === null || schema === null) {
    return probleme === null ? (
      <p role="status">Chargement du dossier…</p>
    ) : (
      <p role="alert" className="resume-erreurs">
        {probleme}
      </p>
    );
  }
  const state: DossierState = { dossier, modifier, schema, erreurs, erreursNonListees, conformite, sauvegarde, justificatifs, ajouterJustificatif, probleme };
  return <DossierContext.Provider value={state}>{children}</DossierContext.Provider>;
}
