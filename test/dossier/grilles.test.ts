/** The jury grids pre-filled from a dossier: their data, and the fillable PDFs read back by pdftk. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dossierGrids, e32Grid, e42Grid } from '../../src/dossier/grilles.ts';
import { DELETE, paperasse, sampleCopy, SAMPLES, setAt, validationOf } from '../helpers.ts';
import { pdftkFields, qpdfCheck, save, tempDir } from '../render/tools.ts';

const ID = 'dossier-professionnel';

function nonConforming(name: string): unknown {
  return JSON.parse(readFileSync(`${SAMPLES}non-conformes/${name}.json`, 'utf8'));
}

describe('dossier grilles — the "contenu du dossier" computed from the dossier', () => {
  it('fills the E32 grid of the sample: five fiches « Oui », the four situations, both professional branches', () => {
    const grid = e32Grid(sampleCopy(ID), false);
    expect(grid.formulaire).toBe('grille-e32-ponctuelle');
    expect(grid.donnees).toEqual({
      session: 2019,
      candidat: { nom: 'Lefèvre', prenom: 'Maëlle' },
      contenuDossier: {
        fiches: [1, 2, 3, 4, 5].map((numero) => ({ numero, etat: 'oui' })),
        situations: ['biens-responsabilite', 'personnes', 'professionnel', 'epargne'],
        assuranceDuProfessionnel: ['biens-responsabilite', 'personnes'],
      },
    });
    expect(e32Grid(sampleCopy(ID), true).formulaire).toBe('grille-e32-ccf');
  });

  it('marks a missing fiche « Non », a fiche whose fiche contexte is absent « F. Contexte absente », and a missing fiche client', () => {
    const d = sampleCopy(ID);
    setAt(d, '/fichesActiviteE32', (sampleCopy<Record<string, unknown[]>>(ID).fichesActiviteE32 ?? []).slice(0, 4));
    setAt(d, '/fichesActiviteE32/1/ficheContexte', 7);
    setAt(d, '/fichesActiviteE32/2/ficheClient', DELETE);
    const { fiches } = e32Grid(d, false).donnees.contenuDossier as { fiches: unknown[] };
    expect(fiches).toEqual([
      { numero: 1, etat: 'oui' },
      { numero: 2, etat: 'contexte-absente' },
      { numero: 3, etat: 'oui', ficheClientAbsente: true },
      { numero: 4, etat: 'oui' },
      { numero: 5, etat: 'non' },
    ]);
  });

  it('ticks only the situations the E32 fiches cover', () => {
    const content = e32Grid(nonConforming('dossier-e32-incomplet'), false).donnees.contenuDossier as Record<string, unknown>;
    expect(content.situations).toEqual(['biens-responsabilite', 'professionnel']);
    expect(content.assuranceDuProfessionnel).toEqual(['biens-responsabilite']);
    expect(content.fiches).toContainEqual({ numero: 4, etat: 'non' });
  });

  it('ticks the four E42 boxes of the sample, and only those a lacking dossier earns', () => {
    expect(e42Grid(sampleCopy(ID)).donnees.contenuDossier).toEqual(['gestion-sinistre', 'biens-responsabilite', 'personnes', 'trois-produits']);
    expect(e42Grid(nonConforming('dossier-e42-fiches-client-absentes')).donnees.contenuDossier).toEqual(['gestion-sinistre', 'biens-responsabilite']);
    const three = sampleCopy(ID);
    setAt(three, '/fichesActiviteE42', (sampleCopy<Record<string, unknown[]>>(ID).fichesActiviteE42 ?? []).slice(0, 3));
    expect(e42Grid(three).donnees.contenuDossier).toEqual(['biens-responsabilite', 'personnes', 'trois-produits']);
  });

  it('makes grids only for the épreuves presented', () => {
    expect(dossierGrids(nonConforming('dossier-e32-incomplet'), { ccf: true }).map((g) => g.formulaire)).toEqual(['grille-e32-ccf']);
    expect(dossierGrids(nonConforming('dossier-e42-fiches-client-absentes'), { ccf: false }).map((g) => g.formulaire)).toEqual(['grille-e42']);
  });

  it('leaves to the commission only what it fills: the pre-filled data lacks nothing else its form requires', () => {
    for (const grid of dossierGrids(sampleCopy(ID), { ccf: true })) {
      const missing = validationOf(grid.formulaire, grid.donnees).erreurs.map((e) => `${e.code} ${e.chemin}`);
      expect(missing).toEqual(grid.formulaire === 'grille-e32-ccf' ? ['CHAMP_OBLIGATOIRE /situation'] : ['CHAMP_OBLIGATOIRE /date']);
    }
  });
});

describe('dossier grilles — fillable PDFs', () => {
  it('renders annexes VIII and X pre-filled, with the commission’s fields empty and fillable', async () => {
    const outcome = await paperasse().renderDossierGrids(sampleCopy(ID), { ccf: false });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    expect(outcome.grilles.map((g) => g.formulaire)).toEqual(['grille-e32-ponctuelle', 'grille-e42']);
    const dir = tempDir('grilles');
    const [e32, e42] = outcome.grilles.map((g) => save(dir, `${g.formulaire}.pdf`, g.octets));
    if (!e32 || !e42) throw new Error('two grids expected');
    for (const path of [e32, e42]) expect(qpdfCheck(path).status).toBe(0);
    const fields32 = new Map(pdftkFields(e32).map((f) => [f.name, f]));
    expect(fields32.get('candidat.nom')?.value).toBe('Lefèvre');
    expect(fields32.get('candidat.prenom')?.value).toBe('Maëlle');
    expect(fields32.get('session')?.value).toBe('2019');
    expect(fields32.get('contenuDossier.fiches.2.etat')?.value).toBe('oui');
    expect(fields32.get('contenuDossier.situations.epargne')?.value).toBe('Yes');
    expect(fields32.get('contenuDossier.fiches.0.ficheClientAbsente')?.value ?? 'Off').toBe('Off');
    // What the commission writes: present as fields, empty.
    for (const name of ['date', 'noteProposee', 'appreciationGlobale', 'ficheChoisie', 'parametresModifies']) {
      expect(fields32.has(name), name).toBe(true);
      expect(fields32.get(name)?.value ?? '', name).toBe('');
    }
    const competences = [...fields32.values()].filter((f) => f.name.startsWith('competences.'));
    expect(competences.length).toBeGreaterThan(5);
    for (const f of competences) expect(f.value ?? 'Off', f.name).toMatch(/^(Off|)$/);
    const fields42 = new Map(pdftkFields(e42).map((f) => [f.name, f]));
    for (const box of ['gestion-sinistre', 'biens-responsabilite', 'personnes', 'trois-produits']) expect(fields42.get(`contenuDossier.${box}`)?.value).toBe('Yes');
    expect(fields42.get('date')?.value ?? '').toBe('');
  });

  it('renders the CCF grid (annexe VII) with --ccf, the situation box left to the commission', async () => {
    const outcome = await paperasse().renderDossierGrids(nonConforming('dossier-e32-incomplet'), { ccf: true });
    if (!outcome.ok) throw new Error(outcome.erreur.message);
    const [grid] = outcome.grilles;
    expect(grid?.formulaire).toBe('grille-e32-ccf');
    const fields = new Map(pdftkFields(save(tempDir('grilles'), 'ccf.pdf', grid?.octets ?? new Uint8Array())).map((f) => [f.name, f]));
    expect(fields.get('contenuDossier.fiches.3.etat')?.value).toBe('non');
    expect(fields.get('contenuDossier.situations.personnes')?.value ?? 'Off').toBe('Off');
    expect(fields.get('situation')?.value ?? 'Off').toBe('Off');
  });

  it('refuses a dossier whose candidate or session is invalid, naming the fields', async () => {
    const d = sampleCopy(ID);
    setAt(d, '/candidat/nom', DELETE);
    const outcome = await paperasse().renderDossierGrids(d, { ccf: false });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.erreurs.map((e) => `${e.code} ${e.chemin}`)).toEqual(['CHAMP_OBLIGATOIRE /candidat/nom']);
  });
});
