/**
 * The form registry: every official form Paperasse knows, in one list. Adding a form means adding its
 * schema (`schemas/<id>.schema.json`), its definition (`src/forms/<id>.ts`), its samples, and one line here.
 */
import type { DefinitionFormulaire } from './types.ts';
import { pageDeGarde } from './page-de-garde.ts';

/** Every registered form, in the order of the README's table. */
export const FORMULAIRES: readonly DefinitionFormulaire[] = [
  pageDeGarde,
];
