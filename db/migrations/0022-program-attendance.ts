import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

const STAMPS = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)`;

/**
 * Attendance at a program's sessions and the discipline notes of the people enrolled in it.
 *
 * One attendance row per session and enrolment is the service's rule (a correction updates the row),
 * not a unique index: two desks apart may each take the same session's attendance, and a merge of
 * two files brings their rows together; every row must still arrive. The program and the person are
 * written on each row so that a person's attendance and a program's rate are read through an index of
 * their own, and a merge of two files moves the rows with the person.
 *
 * Discipline notes are only ever added: a warning or a note, with what happened and when.
 */
export const programAttendance: Migration = {
  version: 22,
  name: 'program-attendance',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_attendance (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      session_id TEXT NOT NULL REFERENCES program_sessions(id),
      enrolment_id TEXT NOT NULL REFERENCES program_enrolments(id),
      program_id TEXT NOT NULL REFERENCES programs(id),
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      status TEXT NOT NULL CHECK (status IN ('present', 'late', 'excused', 'unexcused')),
      note TEXT,
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_attendance_by_session ON program_attendance (session_id, enrolment_id)`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_attendance_by_enrolment ON program_attendance (enrolment_id, status)`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_attendance_by_beneficiary ON program_attendance (beneficiary_id)`);
    // The follow-up queue reads the marks of the people still expected at their sessions, by the
    // officer who enrolled them, never the whole history of attendance. (The queue repeats this
    // WHERE term as written, so that SQLite uses the index.)
    sqlite.exec(
      `CREATE INDEX IF NOT EXISTS program_enrolments_expected_by_officer ON program_enrolments (created_by) WHERE stage IN ('accepted', 'active')`,
    );

    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_discipline_notes (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      enrolment_id TEXT NOT NULL REFERENCES program_enrolments(id),
      program_id TEXT NOT NULL REFERENCES programs(id),
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      kind TEXT NOT NULL CHECK (kind IN ('warning', 'note')),
      what_happened TEXT NOT NULL,
      occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_discipline_notes_by_enrolment ON program_discipline_notes (enrolment_id, occurred_on)`);
    // The person's timeline reads their notes newest first.
    sqlite.exec(
      `CREATE INDEX IF NOT EXISTS program_discipline_notes_by_beneficiary ON program_discipline_notes (beneficiary_id, created_at DESC, id DESC)`,
    );

    recreateCaptureTriggers(sqlite);
  },
};
