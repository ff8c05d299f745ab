import { enrolmentWorkflow, type enrolmentsCalls } from '../../api/enrolments';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { workflowMoves } from '../workflow/moves';
import { certificatePdf, verifyCertificate } from './certificate';
import { interviewFormPdf } from './interview-form';
import {
  acceptEnrolment,
  applyToProgram,
  completeEnrolment,
  declineEnrolment,
  dismissEnrolment,
  enrolmentsOfPerson,
  enrolmentStore,
  getEnrolment,
  openProgramsFor,
  passExpiredOffers,
  programRoster,
  recordInterview,
  reorderWaitlist,
  scheduleInterview,
  startEnrolment,
  waitlistEnrolment,
  withdrawEnrolment,
} from './service';

export function enrolmentsHandlers(deps: ServiceDependencies): AreaHandlers<typeof enrolmentsCalls> {
  const { db } = deps;
  /** Each move runs in one transaction with its guard, event and audit entry, and answers the enrolment as it then stands. */
  const moves = workflowMoves(db, enrolmentWorkflow, enrolmentStore);
  return {
    'enrolments.apply': (input, context) => applyToProgram(db, input, context),
    'enrolments.scheduleInterview': moves.register('scheduleInterview', scheduleInterview),
    'enrolments.recordInterview': moves.register('recordInterview', recordInterview),
    'enrolments.accept': moves.register('accept', acceptEnrolment),
    'enrolments.waitlist': moves.register('waitlist', waitlistEnrolment),
    'enrolments.decline': moves.register('decline', declineEnrolment),
    'enrolments.start': moves.register('start', startEnrolment),
    'enrolments.complete': moves.register('complete', completeEnrolment),
    'enrolments.withdraw': moves.register('withdraw', withdrawEnrolment),
    'enrolments.dismiss': moves.register('dismiss', dismissEnrolment),
    'enrolments.reorder': (input, context) => reorderWaitlist(db, input, context),
    'enrolments.passExpiredOffers': (input, context) => passExpiredOffers(db, input, context),
    'enrolments.get': (input, context) => getEnrolment(db, input.id, context),
    'enrolments.ofPerson': (input, context) => enrolmentsOfPerson(db, input.beneficiaryId, context),
    'enrolments.openFor': (input, context) => openProgramsFor(db, input.beneficiaryId, context),
    'enrolments.roster': (input, context) => programRoster(db, input.programId, context),
    'enrolments.interviewForm': (input, context) => interviewFormPdf(deps, input.id, context),
    'enrolments.certificate': (input, context) => certificatePdf(deps, input, context),
    'enrolments.verifyCertificate': (input, context) => verifyCertificate(db, input.verificationNumber, context),
  };
}
