import type { paperFormsCalls } from '../../api/paper-forms';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { enterPaperForm, findPaperForm, paperMismatches, settlePaperForm } from './entry';
import { paperFormPdf } from './form';

export function paperFormsHandlers(deps: ServiceDependencies): AreaHandlers<typeof paperFormsCalls> {
  const { db } = deps;
  return {
    'paperForms.form': (input, context) => paperFormPdf(deps, input, context),
    'paperForms.find': (input, context) => findPaperForm(db, input.code, context),
    'paperForms.enter': (input, context) => enterPaperForm(db, input, context),
    'paperForms.mismatches': (input) => paperMismatches(db, input.code),
    'paperForms.settle': (input, context) => settlePaperForm(db, input, context),
  };
}
