import { complaintWorkflow, type complaintsCalls } from '../../api/complaints';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { workflowMoves } from '../workflow/moves';
import {
  acknowledgeComplaint,
  answerComplaint,
  closeComplaint,
  decideSuggestion,
  complaintStore,
  investigateComplaint,
  linkComplaint,
  listComplaints,
  reassignComplaint,
  receiveComplaint,
  resolveComplaint,
  staffOptions,
  suggestionsRegister,
} from './service';
import { readComplaintTargets, setComplaintTargets } from './targets';
import { viewComplaint } from './view';

export function complaintsHandlers({ db }: ServiceDependencies): AreaHandlers<typeof complaintsCalls> {
  /** Each move runs in one transaction with its guard, event and audit entry, and answers the complaint as it then stands. */
  const moves = workflowMoves(db, complaintWorkflow, complaintStore);
  return {
    'complaints.targets': () => readComplaintTargets(db),
    'complaints.setTargets': (input, context) => setComplaintTargets(db, input, context),
    'complaints.receive': (input, context) => receiveComplaint(db, input, context),
    'complaints.link': (input, context) => linkComplaint(db, input, context),
    'complaints.acknowledge': moves.register('acknowledge', acknowledgeComplaint),
    'complaints.investigate': moves.register('investigate', investigateComplaint),
    'complaints.resolve': moves.register('resolve', resolveComplaint),
    'complaints.answer': moves.register('answer', answerComplaint),
    'complaints.close': moves.register('close', closeComplaint),
    'complaints.decide': (input, context) => decideSuggestion(db, input, context),
    'complaints.reassign': (input, context) => reassignComplaint(db, input, context),
    'complaints.get': (input, context) => viewComplaint(db, input.id, context),
    'complaints.list': (input, context) => listComplaints(db, input, context),
    'complaints.suggestionsRegister': (input, context) => suggestionsRegister(db, input, context),
    'complaints.staffOptions': () => staffOptions(db),
  };
}
