import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The Kysely view of the database. One `…Table` interface per table, nullable columns as `T | null`.
 * Every table has a UUIDv7 `id`, UTC ISO-8601 `created_at`/`updated_at` and who made and last changed it.
 */
export interface DatabaseSchema {
  schema_migrations: SchemaMigrationTable;
  users: UserTable;
  settings: SettingTable;
  counters: CounterTable;
  districts: DistrictTable;
  beneficiaries: BeneficiaryTable;
  beneficiary_phones: BeneficiaryPhoneTable;
  household_members: HouseholdMemberTable;
  eligibility_decisions: EligibilityDecisionTable;
  contacts: ContactTable;
  audit_log: AuditLogTable;
  audit_changes: AuditChangesTable;
}

/** Columns every row carries: when and by whom it was made and last changed. */
interface Stamped {
  id: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface UserTable extends Stamped {
  /** Folded (trimmed, lower case, Latin digits) as it is compared at sign-in. */
  username: string;
  display_name: string;
  role: 'system' | 'officer' | 'supervisor' | 'administrator';
  active: number;
  language: 'ar' | 'en';
  must_change_password: number;
  last_sign_in_at: string | null;
}

export interface SettingTable extends Stamped {
  key: string;
  /** JSON text. */
  value: string;
}

export interface CounterTable extends Stamped {
  name: string;
  value: number;
}

export interface DistrictTable extends Stamped {
  code: string;
  name_ar: string;
  name_en: string;
  sort_order: number;
  active: number;
}

export interface BeneficiaryTable extends Stamped {
  /** SQLite's rowid, made explicit so that it never changes (VACUUM renumbers implicit rowids); the search index points at it. */
  seq: Generated<number>;
  file_number: string;
  first_name: string;
  father_name: string;
  grandfather_name: string;
  family_name: string;
  latin_name: string | null;
  /** The four parts folded by the search normalizer; used to detect likely duplicates. */
  name_normalized: string;
  id_type: string;
  id_number: string;
  nationality: string;
  residency_status: string;
  gender: string;
  birth_date: string | null;
  district_id: string | null;
  address: string | null;
  category: string;
  prisoner_relation: string | null;
  prisoner_name: string | null;
  prisoner_facility: string | null;
  prisoner_status: string | null;
  /** JSON array of need codes. */
  needs: string;
  needs_notes: string | null;
  needs_priority: string | null;
  consent_given: number;
  consent_date: string | null;
  consent_method: string | null;
  consent_recorded_by: string | null;
  status: string;
  /** The outcome of the latest eligibility decision, kept here so lists and search can show and filter it. */
  eligibility: string;
  eligibility_decided_at: string | null;
  notes: string | null;
  /** Incremented on every change; an edit names the version it started from. */
  row_version: number;
  /** Set when the person's personal data was destroyed; the row stays for past counts. */
  erased_at: string | null;
}

export interface BeneficiaryPhoneTable extends Stamped {
  beneficiary_id: string;
  /** E.164, for example +966512345678. */
  phone: string;
  /** The digits reversed, so that "ends with" is a prefix search on an index. */
  phone_reversed: string;
  position: number;
}

export interface HouseholdMemberTable extends Stamped {
  beneficiary_id: string;
  full_name: string;
  relation: string;
  birth_date: string | null;
  id_number: string | null;
  notes: string | null;
  position: number;
}

export interface EligibilityDecisionTable extends Stamped {
  beneficiary_id: string;
  in_scope: number;
  legal_resident: number;
  receives_services: number;
  outcome: string;
  reason: string | null;
  decided_by: string;
  decided_at: string;
}

export interface ContactTable extends Stamped {
  seq: Generated<number>;
  beneficiary_id: string | null;
  person_name: string | null;
  /** E.164, as phones are stored everywhere. */
  person_phone: string | null;
  channel: string;
  direction: string;
  purpose: string;
  summary: string;
  occurred_at: string;
  duration_minutes: number | null;
  officer_id: string;
  phone_number: string | null;
  platform: string | null;
  handle: string | null;
  web_reference: string | null;
}

/** An append-only, hash-chained event: who did what, when, to which record. */
export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  /** JSON: what identifies the event without personal values (the fields changed, counts, file names). */
  summary: string;
  /** SHA-256 of the entry's change values in audit_changes, when it has any. */
  changes_digest: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChangesTable {
  entry_id: string;
  /** JSON array of { field, old, new }. */
  changes: string;
}

export type BeneficiaryRow = Selectable<BeneficiaryTable>;
export type NewBeneficiaryRow = Insertable<BeneficiaryTable>;
export type BeneficiaryRowUpdate = Updateable<BeneficiaryTable>;
export type BeneficiaryPhoneRow = Selectable<BeneficiaryPhoneTable>;
export type HouseholdMemberRow = Selectable<HouseholdMemberTable>;
export type EligibilityDecisionRow = Selectable<EligibilityDecisionTable>;
export type DistrictRow = Selectable<DistrictTable>;
