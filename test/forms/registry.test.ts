/** The registry pairs each form's rules with its template, and extraction reads the registry it is given. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Paperasse } from '../../src/api.ts';
import { FORMS } from '../../src/forms/registry.ts';
import { ROOT } from '../helpers.ts';

const RETURNED = `${ROOT}samples/renvoyes/fiche-client-remplie.pdf`;

describe('the registry', () => {
  it('pairs every form with the template made for it', () => {
    for (const f of FORMS) expect(f.template.form, f.id).toBe(f.id);
  });

  it('is the one extraction reads: a Paperasse made from another registry does not know the forms it lacks', async () => {
    const bytes = new Uint8Array(readFileSync(RETURNED));
    const builtIn = await new Paperasse().extract(bytes, 'fiche-client-remplie.pdf');
    expect(builtIn.ok && builtIn.valeur.formulaire).toBe('fiche-client');
    const onlyPageDeGarde = await Paperasse.fromRegistry(new URL('./fixtures/registre-page-de-garde.ts', import.meta.url).href);
    expect(onlyPageDeGarde.forms().map((f) => f.id)).toEqual(['page-de-garde']);
    const read = await onlyPageDeGarde.extract(bytes, 'fiche-client-remplie.pdf');
    expect(read).toMatchObject({ ok: false, erreur: { code: 'FORMULAIRE_INCONNU', chemin: 'fiche-client-remplie.pdf' } });
  }, 120_000);
});
