import type { complaintsCalls } from '../../api/complaints';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import {
  acknowledgeComplaint,
  answerComplaint,
  closeComplaint,
  decideSuggestion,
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
  return {
    'complaints.targets': () => readComplaintTargets(db),
    'complaints.setTargets': (input, context) => setComplaintTargets(db, input, context),
    'complaints.receive': (input, context) => receiveComplaint(db, input, context),
    'complaints.link': (input, context) => linkComplaint(db, input, context),
    'complaints.acknowledge': (input, context) => acknowledgeComplaint(db, input, context),
    'complaints.investigate': (input, context) => investigateComplaint(db, input, context),
    'complaints.resolve': (input, context) => resolveComplaint(db, input, context),
    'complaints.answer': (input, context) => answerComplaint(db, input, context),
    'complaints.close': (input, context) => closeComplaint(db, input, context),
    'complaints.decide': (input, context) => decideSuggestion(db, input, context),
    'complaints.reassign': (input, context) => reassignComplaint(db, input, context),
    'complaints.get': (input, context) => viewComplaint(db, input.id, context),
    'complaints.list': (input, context) => listComplaints(db, input, context),
    'complaints.suggestionsRegister': (input, context) => suggestionsRegister(db, input, context),
    'complaints.staffOptions': () => staffOptions(db),
  };
}
