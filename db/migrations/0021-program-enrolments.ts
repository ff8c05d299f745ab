import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

const STAMPS = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)`;

const STAGES = `'applied', 'interview_scheduled', 'interviewed', 'accepted', 'waitlisted', 'declined', 'active', 'completed', 'withdrawn', 'dismissed'`;

/**
 * A person's enrolment in a program, on the workflow engine (electron/api/workflow/enrolments.ts):
 * applied → (interview scheduled → interviewed) → accepted, waitlisted or declined → active →
 * completed, withdrawn or dismissed. The row keeps the current stage, the fee version in force when
 * they applied, the interview, the decision's reason, the place on the waitlist and any offer of a
 * freed place, and a conditions override with who approved it; every move is an event row.
 *
 * One open enrolment per person and program is the service's rule, not a unique index: two desks may
 * each enrol the same person while apart, and a merge of two files of one person brings theirs
 * together; both rows must still arrive, to be settled by people.
 */
export const programEnrolments: Migration = {
  version: 21,
  name: 'program-enrolments',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_enrolments (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      program_id TEXT NOT NULL REFERENCES programs(id),
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      stage TEXT NOT NULL CHECK (stage IN (${STAGES})),
      stage_since TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      -- The published fee version in force when they applied: a later version never applies to them.
      fee_id TEXT REFERENCES program_fees(id),
      interview_on TEXT,
      interviewer_id TEXT REFERENCES users(id),
      interview_result TEXT CHECK (interview_result IN ('passed', 'not_passed')),
      interview_notes TEXT,
      -- Why it was declined, withdrawn or dismissed.
      decision_reason TEXT,
      -- The place on the program's waitlist, 1 first; NULL off it.
      waitlist_order INTEGER CHECK (waitlist_order >= 1),
      -- A freed place offered from the waitlist, open until the end of this Riyadh date.
      offer_expires_on TEXT,
      -- The program's conditions were not met and a supervisor let them apply all the same. The reason
      -- goes when the person's data is erased; who approved it stays.
      conditions_override_reason TEXT,
      conditions_overridden_by TEXT REFERENCES users(id),
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS},
      CHECK (conditions_override_reason IS NULL OR conditions_overridden_by IS NOT NULL)
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_enrolments_by_program ON program_enrolments (program_id, stage, applied_at)`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_enrolments_by_beneficiary ON program_enrolments (beneficiary_id, applied_at DESC)`);

    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_enrolment_events (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      enrolment_id TEXT NOT NULL REFERENCES program_enrolments(id),
      program_id TEXT NOT NULL REFERENCES programs(id),
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      action TEXT NOT NULL CHECK (action IN ('applied', 'interview_scheduled', 'interviewed', 'accepted', 'waitlisted', 'declined',
        'activated', 'completed', 'withdrawn', 'dismissed', 'offered', 'offer_expired', 'reordered')),
      from_stage TEXT CHECK (from_stage IN (${STAGES})),
      to_stage TEXT NOT NULL CHECK (to_stage IN (${STAGES})),
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL REFERENCES users(id),
      note TEXT,
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_enrolment_events_by_enrolment ON program_enrolment_events (enrolment_id, at)`);
    sqlite.exec(
      `CREATE INDEX IF NOT EXISTS program_enrolment_events_by_beneficiary ON program_enrolment_events (beneficiary_id, at DESC, id DESC)`,
    );
    // The fairness figures count the manual changes of a program's waitlist order.
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_enrolment_events_by_program ON program_enrolment_events (program_id, action, at)`);

    recreateCaptureTriggers(sqlite);
  },
};
