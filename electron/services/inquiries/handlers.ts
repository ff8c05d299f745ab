import type { inquiriesCalls } from '../../api/inquiries';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { getArticle, saveArticle, searchLibrary } from './library';
import { answerInquiry, askInquiry, pendingInquiries, recentlyAnswered, viewInquiry } from './service';

export function inquiriesHandlers({ db }: ServiceDependencies): AreaHandlers<typeof inquiriesCalls> {
  return {
    'library.search': (input) => searchLibrary(db, input),
    'library.get': (input) => getArticle(db, input.id),
    'library.save': (input, context) => saveArticle(db, input, context),
    'inquiries.ask': (input, context) => askInquiry(db, input, context),
    'inquiries.answer': (input, context) => answerInquiry(db, input, context),
    'inquiries.pending': (input, context) => pendingInquiries(db, input, context),
    'inquiries.answered': (input, context) => recentlyAnswered(db, input, context),
    'inquiries.get': (input, context) => viewInquiry(db, input.id, context),
  };
}
