import { inquiryWorkflow, type inquiriesCalls } from '../../api/inquiries';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { workflowMoves } from '../workflow/moves';
import { getArticle, saveArticle, searchLibrary } from './library';
import { answerInquiry, askInquiry, inquiryStore, pendingInquiries, recentlyAnswered, viewInquiry } from './service';

export function inquiriesHandlers({ db }: ServiceDependencies): AreaHandlers<typeof inquiriesCalls> {
  /** The answer runs in one transaction with its guard and audit entry, and answers the inquiry as it then stands. */
  const moves = workflowMoves(db, inquiryWorkflow, inquiryStore);
  return {
    'library.search': (input) => searchLibrary(db, input),
    'library.get': (input) => getArticle(db, input.id),
    'library.save': (input, context) => saveArticle(db, input, context),
    'inquiries.ask': (input, context) => askInquiry(db, input, context),
    'inquiries.answer': moves.register('answer', answerInquiry),
    'inquiries.pending': (input, context) => pendingInquiries(db, input, context),
    'inquiries.answered': (input, context) => recentlyAnswered(db, input, context),
    'inquiries.get': (input, context) => viewInquiry(db, input.id, context),
  };
}
