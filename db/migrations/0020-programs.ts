import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

const STAMPS = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)`;
/** A time of day as typed on a schedule, 24-hour. */
const TIME_OF_DAY = (column: string) => `${column} TEXT NOT NULL CHECK (${column} GLOB '[0-2][0-9]:[0-5][0-9]' AND ${column} <= '23:59')`;
/** A Gregorian calendar date, yyyy-mm-dd. */
const DATE = (column: string) => `${column} TEXT NOT NULL CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;

/**
 * The programs catalog: the association's training, rehabilitation, family-support and awareness
 * programs, who each is for, its schedule of sessions, the rule a person completes it by, and its
 * fees, announced in advance. A published fee is never changed: a change is a new version with the
 * date it was announced, so that the fee a person applied under stays what it was. How a program's
 * status moved (opened, cancelled and why) is kept as events, as a request's stages are.
 */
export const programs: Migration = {
  version: 20,
  name: 'programs',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS programs (
      id TEXT PRIMARY KEY NOT NULL,
      name_ar TEXT NOT NULL,
      name_en TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('training', 'rehabilitation', 'family_support', 'awareness', 'other')),
      description TEXT NOT NULL,
      -- Shown to the person and printed on the program's sheet.
      conditions TEXT,
      -- Beneficiary categories it is for, as a JSON array: empty is everyone.
      categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories) AND json_type(categories) = 'array'),
      -- NULL: men and women both.
      gender TEXT CHECK (gender IN ('male', 'female')),
      -- NULL: no limit.
      age_min INTEGER CHECK (age_min BETWEEN 0 AND 120),
      age_max INTEGER CHECK (age_max BETWEEN 0 AND 120),
      has_interview INTEGER NOT NULL CHECK (has_interview IN (0, 1)),
      capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
      -- The completion rule: at least this share of sessions attended, and at most this many unexcused absences (NULL: no limit).
      min_attendance_percent INTEGER NOT NULL CHECK (min_attendance_percent BETWEEN 0 AND 100),
      max_unexcused_absences INTEGER CHECK (max_unexcused_absences BETWEEN 0 AND 1000),
      -- Consecutive unexcused absences that put a person on their officer's follow-up queue.
      follow_up_after_absences INTEGER NOT NULL CHECK (follow_up_after_absences BETWEEN 1 AND 100),
      -- Days a place offered from the waitlist stays open.
      offer_days INTEGER NOT NULL CHECK (offer_days BETWEEN 1 AND 60),
      ${DATE('starts_on')},
      ${DATE('ends_on')},
      place TEXT,
      status TEXT NOT NULL CHECK (status IN ('planned', 'open', 'running', 'completed', 'cancelled')),
      -- Why it was cancelled.
      status_reason TEXT,
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS},
      CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max),
      CHECK (starts_on <= ends_on),
      CHECK (status <> 'cancelled' OR status_reason IS NOT NULL)
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS programs_by_status ON programs (status, starts_on)`);

    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_sessions (
      id TEXT PRIMARY KEY NOT NULL,
      program_id TEXT NOT NULL REFERENCES programs(id),
      ${DATE('date')},
      ${TIME_OF_DAY('starts_at')},
      ${TIME_OF_DAY('ends_at')},
      place TEXT,
      note TEXT,
      ${STAMPS},
      CHECK (starts_at < ends_at)
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_sessions_by_program ON program_sessions (program_id, date, starts_at)`);

    // Append-only: a version is published once and never written again.
    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_fees (
      id TEXT PRIMARY KEY NOT NULL,
      program_id TEXT NOT NULL REFERENCES programs(id),
      version INTEGER NOT NULL CHECK (version >= 1),
      -- Halalas; 0 is a program announced free.
      amount INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 100000000),
      covers TEXT NOT NULL,
      -- The Riyadh date it was published.
      ${DATE('announced_on')},
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_fees_by_program ON program_fees (program_id, version)`);

    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_events (
      id TEXT PRIMARY KEY NOT NULL,
      program_id TEXT NOT NULL REFERENCES programs(id),
      -- NULL when the program was created.
      from_status TEXT CHECK (from_status IN ('planned', 'open', 'running', 'completed', 'cancelled')),
      to_status TEXT NOT NULL CHECK (to_status IN ('planned', 'open', 'running', 'completed', 'cancelled')),
      reason TEXT,
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL REFERENCES users(id),
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_events_by_program ON program_events (program_id, at)`);

    recreateCaptureTriggers(sqlite);
  },
};
