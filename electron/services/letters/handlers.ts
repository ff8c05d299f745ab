import type { lettersCalls } from '../../api/letters';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { listAuthorities, saveAuthority } from './authorities';
import { letterDocument, letterPdf } from './document';
import { linkLetter, listLetters, registerLetterFromDesk, viewLetter, viewLetterScan } from './service';

export function lettersHandlers(deps: ServiceDependencies): AreaHandlers<typeof lettersCalls> {
  const { db } = deps;
  return {
    'authorities.list': (input) => listAuthorities(db, input.includeInactive ?? false),
    'authorities.save': (input, context) => saveAuthority(db, input, context),
    'letters.register': (input, context) => registerLetterFromDesk(db, input, context),
    'letters.list': (input) => listLetters(db, input),
    'letters.get': (input, context) => viewLetter(db, input.id, context),
    'letters.scan': (input, context) => viewLetterScan(db, input.id, context),
    'letters.document': (input, context) => letterDocument(deps, input.id, context),
    'letters.pdf': (input, context) => letterPdf(deps, input, context),
    'letters.link': (input, context) => linkLetter(db, input, context),
  };
}
