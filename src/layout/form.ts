/** A registered form: its rules (`src/forms/`) paired, in the registry, with its printed layout (`templates/`). */
import type { FormRules } from '../core/forms.ts';
import type { Template } from './layout.ts';

/** A registered form, as the registry pairs it: rules, computed values and the printed layout. */
export interface FormDefinition extends FormRules {
  /** The printed layout (`templates/<id>.ts`), shared by the PDF and Word outputs. */
  template: Template;
}
