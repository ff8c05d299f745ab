import type { attendanceCalls } from '../../api/attendance';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { addDisciplineNote, enrolmentAttendance, programSessions, readSession, recordSession } from './service';
import { printSignInSheet } from './sign-in-sheet';

export function attendanceHandlers(deps: ServiceDependencies): AreaHandlers<typeof attendanceCalls> {
  const { db } = deps;
  return {
    'attendance.sessions': (input, context) => programSessions(db, input.programId, context),
    'attendance.session': (input, context) => readSession(db, input.sessionId, context),
    'attendance.record': (input, context) => recordSession(db, input, context),
    'attendance.ofEnrolment': (input) => enrolmentAttendance(db, input.enrolmentId),
    'attendance.addDisciplineNote': (input, context) => addDisciplineNote(db, input, context),
    'attendance.signInSheet': (input, context) => printSignInSheet(deps, input.sessionId, context),
  };
}
