import type { documentsCalls } from '../../api/documents';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { approveIssue, createDocument, documentDetail, listDocuments, readIssue, recordReview, reviewsDue, saveDraft } from './service';

export function documentsHandlers(deps: ServiceDependencies): AreaHandlers<typeof documentsCalls> {
  const { db } = deps;
  return {
    'documents.list': (_input, context) => listDocuments(db, context),
    'documents.get': (input, context) => documentDetail(db, input.id, context),
    'documents.readIssue': (input, context) => readIssue(db, input.id, context),
    'documents.reviewsDue': (_input, context) => reviewsDue(db, context),
    'documents.create': (input, context) => createDocument(db, input, context),
    'documents.saveDraft': (input, context) => saveDraft(db, input, context),
    'documents.approve': (input, context) => approveIssue(db, input, context),
    'documents.recordReview': (input, context) => recordReview(db, input, context),
  };
}
