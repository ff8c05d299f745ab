import type { Migration } from './index';

/**
 * Contacts: every interaction with a beneficiary (or with someone not yet registered) through one of
 * the five approved channels, with the officer who handled it.
 */
export const contacts: Migration = {
  version: 4,
  name: 'contacts',
  statements: [
    `CREATE TABLE contacts (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      beneficiary_id TEXT REFERENCES beneficiaries(id),
      -- Someone not registered yet: enough to link them later without retyping.
      person_name TEXT,
      person_phone TEXT,
      channel TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'social_media', 'letter', 'website')),
      direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
      purpose TEXT NOT NULL CHECK (purpose IN ('inquiry', 'note', 'complaint', 'request', 'suggestion', 'follow_up', 'notification')),
      summary TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
      officer_id TEXT NOT NULL REFERENCES users(id),
      phone_number TEXT,
      platform TEXT,
      handle TEXT,
      web_reference TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id),
      CHECK (beneficiary_id IS NOT NULL OR person_name IS NOT NULL)
    ) STRICT`,
    // A person's timeline, newest first; the office's contacts by time, by officer; the unlinked queue.
    `CREATE INDEX contacts_by_beneficiary ON contacts (beneficiary_id, occurred_at DESC, id DESC)`,
    `CREATE INDEX contacts_by_time ON contacts (occurred_at)`,
    `CREATE INDEX contacts_by_officer ON contacts (officer_id, occurred_at)`,
    `CREATE INDEX contacts_unlinked ON contacts (occurred_at) WHERE beneficiary_id IS NULL`,
  ],
};
