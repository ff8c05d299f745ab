import type { Migration } from './index';

/**
 * What the report's programs section reads a year of, through an index each:
 * - the payments by the day they were paid, and the waivers by when they were approved (only
 *   approved ones are counted, and the index holds only them: the report's query repeats its WHERE
 *   term as written, so that SQLite uses it);
 * - each session's marks with what decides which of two marks of one person counts (the latest
 *   written) and the mark itself, so that a year's attendance is read from the index alone. It
 *   takes the place of program_attendance_by_session, whose columns lead it: every query that used
 *   that one uses this one.
 */
export const programReportIndexes: Migration = {
  version: 25,
  name: 'program-report-indexes',
  statements: [
    `CREATE INDEX IF NOT EXISTS program_payments_by_paid_on ON program_payments (paid_on)`,
    `CREATE INDEX IF NOT EXISTS program_fee_waivers_by_decided ON program_fee_waivers (decided_at) WHERE status = 'approved'`,
    `CREATE INDEX IF NOT EXISTS program_attendance_by_session_marks ON program_attendance (session_id, enrolment_id, updated_at, id, status)`,
    `DROP INDEX IF EXISTS program_attendance_by_session`,
  ],
};
