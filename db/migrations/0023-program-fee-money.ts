import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

const STAMPS = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)`;

/**
 * The money of an enrolment: fee waivers and payments. Wasl records money, it does not move it.
 *
 * A waiver is asked for by an officer with a reason (the whole fee or part of it) and decided by a
 * supervisor, approved or refused with a note; what a person owes is the fee version fixed on their
 * enrolment, less the approved waivers and the payments not voided. A payment is never edited: a
 * mistaken one is voided with a reason and keeps its receipt number, so that the register of receipt
 * numbers has no silent gap.
 *
 * Both hang off the enrolment, never the person directly: a merge of two files moves them with it.
 * Receipt numbers are not a unique index: they come from the office's blocks on a paired desk, but
 * desks that numbered while apart (before they were paired) may have given one number twice, and a
 * synced row a unique index refused would be held at every other desk forever (see migration 0013).
 * Both rows arrive, and the merge finds the twin for a supervisor to give one a new number
 * (electron/services/sync/apply.ts, NUMBERED).
 */
export const programFeeMoney: Migration = {
  version: 23,
  name: 'program-fee-money',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_fee_waivers (
      id TEXT PRIMARY KEY NOT NULL,
      enrolment_id TEXT NOT NULL REFERENCES program_enrolments(id),
      -- The fee version the person owes under (the one fixed on their enrolment).
      fee_id TEXT NOT NULL REFERENCES program_fees(id),
      kind TEXT NOT NULL CHECK (kind IN ('full', 'partial')),
      -- Halalas waived; for a full waiver, the fee's amount.
      amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 100000000),
      reason TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      requested_by TEXT NOT NULL REFERENCES users(id),
      status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'refused')),
      decided_at TEXT,
      decided_by TEXT REFERENCES users(id),
      decision_note TEXT,
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS},
      CHECK (status = 'requested' OR (decided_at IS NOT NULL AND decided_by IS NOT NULL))
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_fee_waivers_by_enrolment ON program_fee_waivers (enrolment_id, requested_at)`);
    // The supervisors' queue reads the requests still waiting for a decision, oldest first.
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_fee_waivers_waiting ON program_fee_waivers (requested_at) WHERE status = 'requested'`);

    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_payments (
      id TEXT PRIMARY KEY NOT NULL,
      enrolment_id TEXT NOT NULL REFERENCES program_enrolments(id),
      -- Halalas received.
      amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 100000000),
      paid_on TEXT NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      method TEXT NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'card', 'other')),
      -- "1448/0007": counted afresh each Hijri year, as the outgoing letters are.
      receipt_number TEXT NOT NULL,
      note TEXT,
      recorded_by TEXT NOT NULL REFERENCES users(id),
      voided_at TEXT,
      voided_by TEXT REFERENCES users(id),
      void_reason TEXT,
      row_version INTEGER NOT NULL DEFAULT 1,
      ${STAMPS},
      CHECK ((voided_at IS NULL AND voided_by IS NULL AND void_reason IS NULL) OR (voided_at IS NOT NULL AND voided_by IS NOT NULL AND void_reason IS NOT NULL))
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_payments_by_enrolment ON program_payments (enrolment_id, paid_on)`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_payments_by_receipt ON program_payments (receipt_number)`);

    recreateCaptureTriggers(sqlite);
  },
};
