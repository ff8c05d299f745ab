import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

const STAMPS = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)`;

/**
 * The completion certificates printed for completed enrolments, each given its verification number
 * at its first print. A certificate is never changed.
 *
 * An enrolment has one certificate at a desk: a reprint carries the number of its oldest (electron/
 * services/enrolments/certificate.ts). But two desks apart may each print an enrolment's first
 * certificate: both papers exist, so both rows travel, and a supervisor finds either number at every
 * desk. Neither column is unique, for the reason migration 0013 gave: a synced row refused by a
 * unique constraint would be held at every other desk forever, its paper "not found" everywhere but
 * where it was printed. The number is random with a check character over 32⁸ values (see
 * electron/services/enrolments/verification-number.ts), so two certificates bearing one are all but
 * impossible; were it to happen, both rows would still arrive and a lookup answers the oldest.
 */
export const programCertificates: Migration = {
  version: 24,
  name: 'program-certificates',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS program_certificates (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      enrolment_id TEXT NOT NULL REFERENCES program_enrolments(id),
      verification_number TEXT NOT NULL CHECK (verification_number GLOB '[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]-[0-9A-Z]'),
      issued_at TEXT NOT NULL,
      issued_by TEXT NOT NULL REFERENCES users(id),
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_certificates_by_enrolment ON program_certificates (enrolment_id, issued_at)`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS program_certificates_by_number ON program_certificates (verification_number)`);

    recreateCaptureTriggers(sqlite);
  },
};
