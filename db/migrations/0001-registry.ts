import type { Migration } from './index';

/** The beneficiary registry: people, their phones and households, eligibility decisions, and the name index. */
export const registry: Migration = {
  version: 1,
  name: 'registry',
  statements: [
    `CREATE TABLE users (
      id TEXT PRIMARY KEY NOT NULL,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL, updated_by TEXT NOT NULL
    ) STRICT`,
    // Until accounts exist every action is made by the front desk itself; accounts will take over this row's role.
    `INSERT INTO users (id, username, display_name, created_at, updated_at, created_by, updated_by)
     VALUES ('00000000-0000-7000-8000-000000000001', 'desk', 'مكتب الاستقبال',
             strftime('%Y-%m-%dT%H:%M:%fZ'), strftime('%Y-%m-%dT%H:%M:%fZ'),
             '00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000001')`,
    `CREATE TABLE settings (
      id TEXT PRIMARY KEY NOT NULL,
      key TEXT NOT NULL UNIQUE,
      value TEXT NOT NULL CHECK (json_valid(value)),
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`,
    `CREATE TABLE counters (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL UNIQUE,
      value INTEGER NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`,
    `CREATE TABLE districts (
      id TEXT PRIMARY KEY NOT NULL,
      code TEXT NOT NULL UNIQUE,
      name_ar TEXT NOT NULL,
      name_en TEXT NOT NULL,
      sort_order INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`,
    `CREATE TABLE beneficiaries (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      file_number TEXT NOT NULL UNIQUE,
      first_name TEXT NOT NULL,
      father_name TEXT NOT NULL,
      grandfather_name TEXT NOT NULL,
      family_name TEXT NOT NULL,
      latin_name TEXT,
      name_normalized TEXT NOT NULL,
      id_type TEXT NOT NULL CHECK (id_type IN ('national_id', 'iqama', 'passport')),
      id_number TEXT NOT NULL UNIQUE,
      nationality TEXT NOT NULL,
      residency_status TEXT NOT NULL,
      gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
      birth_date TEXT,
      district_id TEXT REFERENCES districts(id),
      address TEXT,
      category TEXT NOT NULL CHECK (category IN ('prisoner', 'released_prisoner', 'family_member')),
      prisoner_relation TEXT,
      prisoner_name TEXT,
      prisoner_facility TEXT,
      prisoner_status TEXT,
      needs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(needs)),
      needs_notes TEXT,
      needs_priority TEXT,
      consent_given INTEGER NOT NULL DEFAULT 0 CHECK (consent_given IN (0, 1)),
      consent_date TEXT,
      consent_method TEXT,
      consent_recorded_by TEXT REFERENCES users(id),
      status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'archived')),
      eligibility TEXT NOT NULL DEFAULT 'pending' CHECK (eligibility IN ('pending', 'eligible', 'not_eligible')),
      eligibility_decided_at TEXT,
      notes TEXT,
      row_version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`,
    `CREATE INDEX beneficiaries_name ON beneficiaries (name_normalized)`,
    `CREATE INDEX beneficiaries_category ON beneficiaries (category, name_normalized)`,
    `CREATE INDEX beneficiaries_district ON beneficiaries (district_id, name_normalized)`,
    `CREATE INDEX beneficiaries_eligibility ON beneficiaries (eligibility, name_normalized)`,
    `CREATE INDEX beneficiaries_status ON beneficiaries (status, name_normalized)`,
    `CREATE TABLE beneficiary_phones (
      id TEXT PRIMARY KEY NOT NULL,
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      phone TEXT NOT NULL,
      phone_reversed TEXT NOT NULL,
      position INTEGER NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`,
    `CREATE INDEX beneficiary_phones_owner ON beneficiary_phones (beneficiary_id, position)`,
    `CREATE INDEX beneficiary_phones_phone ON beneficiary_phones (phone)`,
    `CREATE INDEX beneficiary_phones_reversed ON beneficiary_phones (phone_reversed)`,
    `CREATE TABLE household_members (
      id TEXT PRIMARY KEY NOT NULL,
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      full_name TEXT NOT NULL,
      relation TEXT NOT NULL,
      birth_date TEXT,
      id_number TEXT,
      notes TEXT,
      position INTEGER NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`,
    `CREATE INDEX household_members_owner ON household_members (beneficiary_id, position)`,
    `CREATE TABLE eligibility_decisions (
      id TEXT PRIMARY KEY NOT NULL,
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      in_scope INTEGER NOT NULL CHECK (in_scope IN (0, 1)),
      legal_resident INTEGER NOT NULL CHECK (legal_resident IN (0, 1)),
      receives_services INTEGER NOT NULL CHECK (receives_services IN (0, 1)),
      outcome TEXT NOT NULL CHECK (outcome IN ('eligible', 'not_eligible')),
      reason TEXT,
      decided_by TEXT NOT NULL REFERENCES users(id),
      decided_at TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`,
    `CREATE INDEX eligibility_decisions_owner ON eligibility_decisions (beneficiary_id, decided_at)`,
    // Names are folded in code (FTS5 does no Arabic folding) and stored as space-separated tokens;
    // the rowid is beneficiaries.seq. Contentless: the index holds no readable copy of the names.
    `CREATE VIRTUAL TABLE beneficiary_name_index USING fts5(
      tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    )`,
  ],
};
