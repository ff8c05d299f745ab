import type { Migration } from './index';

/**
 * An unlinked contact can be closed as "not a beneficiary" (someone who will never have a file: a
 * walk-in's suggestion, a wrong number), with who closed it, when and why. A closed contact leaves
 * the unlinked queue but stays a contact: the report counts it and the audit log names it.
 */
export const unlinkedContactsClosed: Migration = {
  version: 10,
  name: 'unlinked-contacts-closed',
  statements: [
    `ALTER TABLE contacts ADD COLUMN not_beneficiary_at TEXT`,
    `ALTER TABLE contacts ADD COLUMN not_beneficiary_by TEXT REFERENCES users (id)`,
    `ALTER TABLE contacts ADD COLUMN not_beneficiary_reason TEXT`,
    // The queue is what is still to be linked: the closed ones leave its index too.
    `DROP INDEX contacts_unlinked`,
    `CREATE INDEX contacts_unlinked ON contacts (occurred_at) WHERE beneficiary_id IS NULL AND not_beneficiary_at IS NULL`,
  ],
};
