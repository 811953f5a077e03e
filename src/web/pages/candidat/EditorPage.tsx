/**
 * The guided dossier editor: the list of parts, the current part's form generated from the schema (French titles
 * and descriptions, the service's validation messages next to the fields), its downloads, and the conformity panel.
 */
import Form from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020.js';
import { useEffect, useMemo, useState } from 'react';
import { renderForm, type Erreur, type Schema } from '../../api.ts';
import { Downloads } from '../../components/Downloads.tsx';
import { ErrorSummary, focusField } from '../../components/ErrorSummary.tsx';
import { Link, navigate, useParams } from '../../router.tsx';
import { pick, uiSchemaOf } from '../../schema.ts';
import { ConformityPanel } from './ConformityPanel.tsx';
import { useDossier } from './dossier.tsx';
import { documentsOf, ficheArray, ficheIndex, FIELD_PREFIX, IDENTITE_KEYS, locate, objects, partPointer, PARTIES, pointerOfField, type Objet, type Partie } from './parts.ts';
import { SaveStatus } from './SaveStatus.tsx';

// The schemas are JSON Schema 2020-12: the form library picks conditional branches with the same draft.
const validator = customizeValidator({ AjvClass: Ajv2020 });

let pendingFocus: string | undefined;

/** Returns once the editor shows the field of `pointer` (its part opened, the field focused and its error shown). */
export function goToPointer(dossier: Objet, pointer: string): void {
  const at = locate(dossier, pointer);
  if (at === undefined) return;
  pendingFocus = at.champ ?? `partie-${at.partie.id}`;
  revealed.add(pointer);
  if (window.location.pathname === `/candidat/dossier/${at.partie.id}`) {
    window.dispatchEvent(new Event('paperasse:focus'));
  } else {
    navigate(`/candidat/dossier/${at.partie.id}`);
  }
}

/** The JSON Pointers whose errors are shown (fields touched, or reached from the conformity panel). */
const revealed = new Set<string>();

/** Returns the schema of a part of the dossier. */
function partSchema(schema: Schema, partie: Partie): Schema {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  switch (partie.kind) {
    case 'identite':
      return pick(schema, IDENTITE_KEYS);
    case 'pageDeGarde':
      return props.pageDeGarde ?? {};
    case 'attestations':
      return props.attestations ?? {};
    case 'fichesContexte':
      return props.fichesContexte ?? {};
    default: {
      const items = (props[ficheArray(partie.kind)]?.items ?? {}) as Schema;
      return { ...items, title: partie.titre };
    }
  }
}

/** Returns a part's data inside the dossier. */
function partData(dossier: Objet, partie: Partie): unknown {
  switch (partie.kind) {
    case 'identite':
      return Object.fromEntries(IDENTITE_KEYS.filter((k) => dossier[k] !== undefined).map((k) => [k, dossier[k]]));
    case 'pageDeGarde':
      return dossier.pageDeGarde ?? {};
    case 'attestations':
      return dossier.attestations ?? [];
    case 'fichesContexte':
      return dossier.fichesContexte ?? [];
    default:
      return objects(dossier, ficheArray(partie.kind))[ficheIndex(dossier, partie.kind, partie.numero ?? 0)] ?? { numero: partie.numero };
  }
}

/** Returns the dossier with a part's data replaced. */
function withPart(dossier: Objet, partie: Partie, data: unknown): Objet {
  switch (partie.kind) {
    case 'identite': {
      const next: Objet = { ...dossier };
      for (const k of IDENTITE_KEYS) delete next[k];
      return { ...next, ...(data as Objet) };
    }
    case 'pageDeGarde':
      return { ...dossier, pageDeGarde: data };
    case 'attestations':
      return { ...dossier, attestations: data };
    case 'fichesContexte':
      return { ...dossier, fichesContexte: data };
    default: {
      const key = ficheArray(partie.kind);
      const list = [...objects(dossier, key)];
      const fiche = { ...(data as Objet), numero: partie.numero };
      const i = ficheIndex(dossier, partie.kind, partie.numero ?? 0);
      if (i < 0) list.push(fiche);
      else list[i] = fiche;
      list.sort((a, b) => Number(a.numero) - Number(b.numero));
      return { ...dossier, [key]: list };
    }
  }
}

/** Returns the message of an error without the part's name the service puts before « — ». */
function shortMessage(e: Erreur): string {
  const at = e.message.indexOf(' — ');
  return at > 0 && at < 80 ? e.message.slice(at + 3) : e.message;
}

/** Returns rjsf's error tree of the errors under `base` (paths relative to it). */
function errorTree(erreurs: Erreur[], base: string): ErrorSchema {
  const tree: Record<string, unknown> = {};
  for (const e of erreurs) {
    const rest = e.chemin.slice(base.length).split('/').filter(Boolean);
    let node = tree;
    for (const r of rest) node = (node[r] ??= {}) as Record<string, unknown>;
    const list = ((node.__errors ??= []) as string[]);
    list.push(shortMessage(e));
  }
  return tree as ErrorSchema;
}

/** Returns whether pointer `p` is `base` or below it. */
function under(p: string, base: string): boolean {
  return p === base || p.startsWith(`${base}/`) || base === '';
}

/** Returns the editor page of the part named in the path (the first part when none is). */
export function EditorPage() {
  const { partie: partieId } = useParams();
  const { dossier, modifier, schema, erreurs, erreursNonListees, conformite } = useDossier();
  const partie = PARTIES.find((p) => p.id === partieId) ?? PARTIES[0];
  const [toutVoir, setToutVoir] = useState(false);
  const [, setTick] = useState(0);
  const [brouillon, setBrouillon] = useState(false);
  if (partie === undefined) throw new Error('no dossier part');

  const base = partPointer(dossier, partie);
  const sub = useMemo(() => partSchema(schema, partie), [schema, partie]);
  const ui = useMemo(() => ({ ...uiSchemaOf(sub, partie.numero !== undefined ? ['numero'] : []), 'ui:submitButtonOptions': { norender: true } }), [sub, partie]);
  const data = partData(dossier, partie);
  const identityBase = partie.kind === 'identite';
  const ofPart = erreurs.filter((e) => (identityBase ? IDENTITE_KEYS.some((k) => under(e.chemin, `/${k}`)) : under(e.chemin, base)));
  const shown = toutVoir ? ofPart : ofPart.filter((e) => [...revealed].some((r) => e.chemin === r || e.chemin.startsWith(`${r}/`)));
  const extraErrors = errorTree(shown, base);

  useEffect(() => {
    setToutVoir(false);
  }, [partie.id]);

  // Focus the field a conformity motif or a summary link leads to, once the part is rendered.
  useEffect(() => {
    const focusPending = () => {
      setTick((t) => t + 1);
      const id = pendingFocus;
      if (id === undefined) return;
      requestAnimationFrame(() => {
        if (focusField(id)) pendingFocus = undefined;
      });
    };
    focusPending();
    window.addEventListener('paperasse:focus', focusPending);
    return () => window.removeEventListener('paperasse:focus', focusPending);
  }, [partie.id]);

  const onChange = (formData: unknown, id?: string) => {
    if (id !== undefined) revealed.add(pointerOfField(dossier, partie, id));
    if (JSON.stringify(formData) === JSON.stringify(data)) return;
    modifier(withPart(dossier, partie, formData));
  };

  const documents = documentsOf(dossier, partie);
  const motifs = Object.values(conformite?.epreuves ?? {}).flatMap((v) => v.motifs);
  const summary = toutVoir ? shown.map((e) => ({ message: e.message, champ: locate(dossier, e.chemin)?.champ })) : [];

  return (
    <div className="editeur">
      <nav className="parties" aria-label="Parties du dossier">
        <ol>
          {PARTIES.map((p) => {
            const n = new Set([...erreurs, ...motifs].filter((e) => locate(dossier, e.chemin)?.partie.id === p.id).map((e) => e.chemin)).size;
            return (
              <li key={p.id}>
                <Link to={`/candidat/dossier/${p.id}`} aria-current={p.id === partie.id ? 'page' : undefined}>
                  {p.titre}
                  <span className={n === 0 ? 'etat etat-ok' : 'etat etat-ko'}>{n === 0 ? '✓' : `${n} à corriger`}</span>
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>
      <section aria-labelledby="titre-partie">
        <h1 id="titre-partie" tabIndex={-1}>
          <span id={`partie-${partie.id}`} tabIndex={-1}>
            {partie.titre}
          </span>
        </h1>
        <SaveStatus />
        <ErrorSummary titre={`${shown.length} point${shown.length > 1 ? 's' : ''} à corriger dans « ${partie.titre} »`} items={summary} />
        <div className="barre-actions">
          <button type="button" className="secondaire" onClick={() => setToutVoir(true)}>
            Vérifier cette partie
          </button>
          {erreursNonListees > 0 && <span className="statut">Le service a listé les 100 premières erreurs du dossier ; {erreursNonListees} autres restent à voir.</span>}
          {toutVoir && ofPart.length === 0 && (
            <span className="statut etat-ok" role="status">
              Aucune erreur dans cette partie.
            </span>
          )}
        </div>
        <Form
          key={`${partie.id}`}
          className="rjsf"
          schema={sub}
          uiSchema={ui}
          formData={data}
          validator={validator}
          idPrefix={FIELD_PREFIX}
          noHtml5Validate
          showErrorList={false}
          extraErrors={extraErrors}
          onChange={(e, id) => onChange(e.formData, id)}
          onBlur={(id) => {
            revealed.add(pointerOfField(dossier, partie, id));
            setTick((t) => t + 1);
          }}
          experimental_defaultFormStateBehavior={{ emptyObjectFields: 'skipDefaults', arrayMinItems: { populate: 'never' } }}
        />
        {documents.length > 0 && (
          <section aria-labelledby="titre-documents">
            <h2 id="titre-documents">Télécharger</h2>
            <div className="champ">
              <input id="brouillon" type="checkbox" checked={brouillon} onChange={(e) => setBrouillon(e.target.checked)} />
              <label htmlFor="brouillon" style={{ display: 'inline' }}>
                Brouillon (produit même si des champs manquent ; marqué « BROUILLON »)
              </label>
            </div>
            {documents.map((d) => (
              <Downloads
                key={d.titre}
                titre={d.titre}
                actions={[
                  { libelle: 'PDF à imprimer', obtenir: () => renderForm(d.formulaire, d.donnees, { format: 'pdf', brouillon }) },
                  { libelle: 'PDF remplissable', obtenir: () => renderForm(d.formulaire, d.donnees, { format: 'pdf', remplissable: true, brouillon }) },
                  { libelle: 'Word', obtenir: () => renderForm(d.formulaire, d.donnees, { format: 'docx', brouillon }) },
                ]}
              />
            ))}
          </section>
        )}
      </section>
      <ConformityPanel />
    </div>
  );
}
