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
  authorities: AuthorityTable;
  attachments: AttachmentTable;
  letters: LetterTable;
  request_types: RequestTypeTable;
  holidays: HolidayTable;
  requests: RequestTable;
  request_events: RequestEventTable;
  complaints: ComplaintTable;
  complaint_events: ComplaintEventTable;
  articles: ArticleTable;
  inquiries: InquiryTable;
  audit_log: AuditLogTable;
  audit_changes: AuditChangesTable;
  sync_outbox: SyncOutboxTable;
  sync_inbox: SyncInboxTable;
  sync_rejected: SyncRejectedTable;
  sync_row_versions: SyncRowVersionTable;
  sync_field_versions: SyncFieldVersionTable;
  sync_office_fields: SyncOfficeFieldTable;
  sync_office_rows: SyncOfficeRowTable;
  sync_conflicts: SyncConflictTable;
  conflict_settlements: ConflictSettlementTable;
  beneficiary_merges: BeneficiaryMergeTable;
  sync_aliases: SyncAliasTable;
  number_blocks: NumberBlockTable;
  voided_numbers: VoidedNumberTable;
  sync_blob_uploads: SyncBlobQueueTable;
  sync_blob_forgets: SyncBlobQueueTable;
  office_signing_keys: OfficeSigningKeyTable;
  office_accounts: OfficeAccountTable;
  programs: ProgramTable;
  program_sessions: ProgramSessionTable;
  program_fees: ProgramFeeTable;
  program_events: ProgramEventTable;
  program_enrolments: ProgramEnrolmentTable;
  program_enrolment_events: ProgramEnrolmentEventTable;
  program_certificates: ProgramCertificateTable;
  program_attendance: ProgramAttendanceTable;
  program_discipline_notes: ProgramDisciplineNoteTable;
  program_fee_waivers: ProgramFeeWaiverTable;
  program_payments: ProgramPaymentTable;
  questionnaires: QuestionnaireTable;
  questionnaire_versions: QuestionnaireVersionTable;
  questionnaire_offers: QuestionnaireOfferTable;
  questionnaire_responses: QuestionnaireResponseTable;
  questionnaire_paper_entries: QuestionnairePaperEntryTable;
  controlled_documents: ControlledDocumentTable;
  controlled_document_versions: ControlledDocumentVersionTable;
  controlled_document_reviews: ControlledDocumentReviewTable;
}

/** A satisfaction questionnaire (db/migrations/0026-questionnaires.ts): its questions are in its versions. */
export interface QuestionnaireTable extends Stamped {
  shipped_as: string | null;
  status: 'draft' | 'active' | 'retired';
  double_entry: number;
  row_version: Generated<number>;
}

/** One version of a questionnaire's wording and questions, written once it has answers. */
export interface QuestionnaireVersionTable extends Stamped {
  questionnaire_id: string;
  version: number;
  title_ar: string;
  title_en: string | null;
  intro_ar: string;
  intro_en: string | null;
  /** JSON: Question[] (electron/api/questionnaires.ts). */
  questions: string;
  row_version: Generated<number>;
}

export type QuestionnaireOccasion = 'request_closed' | 'complaint_answered' | 'program_completed' | 'interview';
export type QuestionnaireMode = 'kiosk' | 'paper' | 'phone';

/** A questionnaire offered on one case, with what the figures are cut by. */
export interface QuestionnaireOfferTable extends Stamped {
  code: string;
  questionnaire_id: string;
  version_id: string;
  occasion: QuestionnaireOccasion;
  request_id: string | null;
  complaint_id: string | null;
  enrolment_id: string | null;
  contact_id: string | null;
  beneficiary_id: string | null;
  officer_id: string | null;
  channel: string | null;
  program_id: string | null;
  request_type_id: string | null;
  mode: QuestionnaireMode;
  offered_at: string;
  offered_on: string;
  offered_by: string;
  status: 'offered' | 'responded' | 'declined';
  row_version: Generated<number>;
}

/** The answers to an offer: anonymous unless the person chose to leave their name. */
export interface QuestionnaireResponseTable extends Stamped {
  offer_id: string;
  version_id: string;
  mode: QuestionnaireMode;
  /** JSON: { [question key]: Answer }. */
  answers: string;
  answered_at: string;
  answered_on: string;
  recorded_by: string;
  beneficiary_id: string | null;
  row_version: Generated<number>;
}

/** A paper form as one officer typed it in. */
export interface QuestionnairePaperEntryTable extends Stamped {
  offer_id: string;
  /** JSON: { [question key]: Answer }. */
  answers: string;
  named: number;
  entered_at: string;
  entered_by: string;
}

/** A fee waiver asked for on an enrolment and decided by a supervisor (db/migrations/0023-program-fee-money.ts). */
export interface ProgramFeeWaiverTable extends Stamped {
  enrolment_id: string;
  fee_id: string;
  kind: 'full' | 'partial';
  /** Halalas waived. */
  amount: number;
  reason: string;
  requested_at: string;
  requested_by: string;
  status: 'requested' | 'approved' | 'refused';
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  row_version: Generated<number>;
}

/** A payment received on an enrolment, with its receipt number: never edited, voided with a reason. */
export interface ProgramPaymentTable extends Stamped {
  enrolment_id: string;
  /** Halalas. */
  amount: number;
  paid_on: string;
  method: 'cash' | 'bank_transfer' | 'card' | 'other';
  receipt_number: string;
  note: string | null;
  recorded_by: string;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  row_version: Generated<number>;
}

export type AttendanceStatus = 'present' | 'late' | 'excused' | 'unexcused';

/** A person's attendance at one session of a program (db/migrations/0022-program-attendance.ts). */
export interface ProgramAttendanceTable extends Stamped {
  seq: Generated<number>;
  session_id: string;
  enrolment_id: string;
  program_id: string;
  beneficiary_id: string;
  status: AttendanceStatus;
  note: string | null;
  row_version: Generated<number>;
}

/** A warning or a note on a person's discipline in a program: only ever added. */
export interface ProgramDisciplineNoteTable extends Stamped {
  seq: Generated<number>;
  enrolment_id: string;
  program_id: string;
  beneficiary_id: string;
  kind: 'warning' | 'note';
  what_happened: string;
  /** The Riyadh date it happened. */
  occurred_on: string;
}

export type EnrolmentStage =
  | 'applied'
  | 'interview_scheduled'
  | 'interviewed'
  | 'accepted'
  | 'waitlisted'
  | 'declined'
  | 'active'
  | 'completed'
  | 'withdrawn'
  | 'dismissed';

/** A person's enrolment in a program (db/migrations/0021-program-enrolments.ts). */
export interface ProgramEnrolmentTable extends Stamped {
  seq: Generated<number>;
  program_id: string;
  beneficiary_id: string;
  stage: EnrolmentStage;
  stage_since: string;
  applied_at: string;
  fee_id: string | null;
  interview_on: string | null;
  interviewer_id: string | null;
  interview_result: 'passed' | 'not_passed' | null;
  interview_notes: string | null;
  decision_reason: string | null;
  waitlist_order: number | null;
  offer_expires_on: string | null;
  conditions_override_reason: string | null;
  conditions_overridden_by: string | null;
  row_version: Generated<number>;
}

export type EnrolmentEventAction =
  | 'applied'
  | 'interview_scheduled'
  | 'interviewed'
  | 'accepted'
  | 'waitlisted'
  | 'declined'
  | 'activated'
  | 'completed'
  | 'withdrawn'
  | 'dismissed'
  | 'offered'
  | 'offer_expired'
  | 'reordered';

export interface ProgramEnrolmentEventTable extends Stamped {
  seq: Generated<number>;
  enrolment_id: string;
  program_id: string;
  beneficiary_id: string;
  action: EnrolmentEventAction;
  from_stage: EnrolmentStage | null;
  to_stage: EnrolmentStage;
  at: string;
  actor_id: string;
  note: string | null;
}

/** A completion certificate of an enrolment: its verification number, given at the first print and kept. */
export interface ProgramCertificateTable extends Stamped {
  seq: Generated<number>;
  enrolment_id: string;
  verification_number: string;
  issued_at: string;
  issued_by: string;
}

export type ProgramKind = 'training' | 'rehabilitation' | 'family_support' | 'awareness' | 'other';
export type ProgramStatus = 'planned' | 'open' | 'running' | 'completed' | 'cancelled';

/** A program of the catalog (db/migrations/0020-programs.ts): who it is for, its completion rule, its status. */
export interface ProgramTable extends Stamped {
  name_ar: string;
  name_en: string | null;
  kind: ProgramKind;
  description: string;
  conditions: string | null;
  /** JSON array of beneficiary categories; empty is everyone. */
  categories: string;
  gender: 'male' | 'female' | null;
  age_min: number | null;
  age_max: number | null;
  has_interview: number;
  capacity: number;
  min_attendance_percent: number;
  max_unexcused_absences: number | null;
  follow_up_after_absences: number;
  offer_days: number;
  starts_on: string;
  ends_on: string;
  place: string | null;
  status: ProgramStatus;
  status_reason: string | null;
  row_version: number;
}

/** One session of a program's schedule: a date, 'HH:MM' times, where. */
export interface ProgramSessionTable extends Stamped {
  program_id: string;
  date: string;
  starts_at: string;
  ends_at: string;
  place: string | null;
  note: string | null;
}

/** A published version of a program's fee: never changed once written. */
export interface ProgramFeeTable extends Stamped {
  program_id: string;
  version: number;
  /** Halalas. */
  amount: number;
  covers: string;
  announced_on: string;
}

/** A change of a program's status (its creation too, from nothing), with the reason a cancellation gives. */
export interface ProgramEventTable extends Stamped {
  program_id: string;
  from_status: ProgramStatus | null;
  to_status: ProgramStatus;
  reason: string | null;
  at: string;
  actor_id: string;
}

/** A signing key of the office's register (an account's or a desk's), as the server last gave it. */
export interface OfficeSigningKeyTable {
  key_id: string;
  user_id: string | null;
  desk_id: string | null;
  public_key: string;
}

/** An account as the office server holds it: its role and whether it is active. */
export interface OfficeAccountTable {
  user_id: string;
  role: string;
  active: number;
  changed_at: string;
}

/**
 * A scan queued for the office server, by its attachment's id: to send (sync_blob_uploads, filed on
 * this paired desk) or to forget there (sync_blob_forgets, erased here). The sync's next round empties it.
 */
export interface SyncBlobQueueTable {
  attachment_id: string;
  queued_at: string;
}

/**
 * A block of a series' numbers the office server reserved for this desk (never sent to the others):
 * `next` is the lowest it has not given yet, `last + 1` once all are given or voided.
 */
export interface NumberBlockTable {
  series: string;
  first: number;
  last: number;
  next: number;
}

/** A number reserved for a desk and never given, recorded so that its register shows it void in its place. */
export interface VoidedNumberTable extends Stamped {
  series: string;
  number: number;
  voided_at: string;
  /** `year_ended`: the series' year was over before the number was given. */
  reason: 'year_ended';
}

/** Each synced row's version: the time of its last change this desk made or took in. */
export interface SyncRowVersionTable {
  entity: string;
  row_id: string;
  hlc: string;
  /** 1 once the row is deleted: its tombstone. */
  deleted: Generated<number>;
  /** Who made the row's last change. */
  user_id: string | null;
  /** The time of the insertion whose values the row holds where no update wrote since. */
  born_hlc: string | null;
}

/** The time and author of the last change that wrote a field, for the fields an update wrote. */
export interface SyncFieldVersionTable {
  entity: string;
  row_id: string;
  field: string;
  hlc: string;
  user_id: string;
}

/** A field as the office's order has it while the desk's own edit of it is on its way (db/migrations/0018-sync-office-fields.ts). */
export interface SyncOfficeFieldTable {
  entity: string;
  row_id: string;
  field: string;
  hlc: string;
  user_id: string;
  value: string | number | null;
  /** The desk's latest edit of the field on its way. */
  own_hlc: string;
}

/** A row as the office's order has it while the desk's own deletion of it is on its way (db/migrations/0019-sync-office-rows.ts). */
export interface SyncOfficeRowTable {
  entity: string;
  row_id: string;
  /** The row's sent columns as it was deleted here (its fields as the office has them: sync_office_fields). */
  row_json: string;
  /** The desk's deletion of it on its way. */
  own_hlc: string;
}

/**
 * What a merge of the office's changes found for a supervisor: two officers' values of one field, an
 * edit of a row deleted meanwhile, one person registered twice, a step of a case that was no longer
 * a move where it fell (two desks moved it at once), or one printed number on two records. The id is derived from the two
 * changes, alike on every desk.
 */
export interface SyncConflictTable {
  id: string;
  kind: 'field' | 'deleted' | 'duplicate' | 'stage' | 'number';
  entity: string;
  row_id: string;
  field: string | null;
  /** The change in the record now, and the one that gave way, with their values as JSON. */
  kept_hlc: string;
  kept_user_id: string;
  kept_value: string | null;
  lost_hlc: string;
  lost_user_id: string;
  lost_value: string | null;
  /** The person the row is about, if any. */
  person_id: string | null;
  found_at: string;
}

/** A list's entry added at two desks while apart: the one added later, and the one kept. */
export interface SyncAliasTable {
  entity: string;
  alias_id: string;
  into_id: string;
}

/** A file merged into another: it was deleted, its rows moved to `into_id`. */
export interface BeneficiaryMergeTable extends Stamped {
  merged_id: string;
  merged_file_number: string;
  into_id: string;
}

/** A supervisor's settlement of a conflict (same id), shared with every desk. */
export interface ConflictSettlementTable extends Stamped {
  outcome: 'kept' | 'other_kept' | 'merged' | 'renumbered';
}

/** A change to the office's record made on this desk, waiting to be sent (db/sync-capture.ts). */
export interface SyncOutboxTable {
  seq: Generated<number>;
  op_id: string;
  hlc: string;
  user_id: string;
  entity: string;
  row_id: string;
  action: 'insert' | 'update' | 'delete';
  /** The row's version when it was changed (its last change's time here); null for a row new to this desk. */
  base_hlc: string | null;
  /** An update's changed columns, a JSON array (null for each unchanged one); never what they held before. */
  changed: string | null;
  /** The row's sent columns after the change, as JSON; null for a deletion. */
  row_after: string | null;
  /** An update's base field by field, a JSON object: the version of each changed field its writer saw. */
  field_bases: string | null;
  /** Why the office refused it (PushAnswer.refused): sent again at each round, in case the reason has gone. */
  refused_reason: Generated<string | null>;
}

/** An operation received that could not be taken: it did not open, or is not a change. */
export interface SyncRejectedTable {
  server_seq: number;
  op_id: string;
  desk_id: string;
  entity: string;
  row_id: string;
  /** `seal` (not opened with the office's key), `shape` (opened to something else), `desk` (stamped by another desk than its sender). */
  reason: 'seal' | 'shape' | 'desk' | 'signature';
  received_at: string;
}

/** A change the office's desks made, received in the office's order and opened. */
export interface SyncInboxTable {
  server_seq: number;
  op_id: string;
  desk_id: string;
  user_id: string;
  hlc: string;
  entity: string;
  row_id: string;
  action: string;
  base_hlc: string | null;
  /** An update's changed columns, a JSON array of names. */
  changed: string | null;
  row_after: string | null;
  received_at: string;
  /** Why it could not be taken yet; null while it waits for its turn. */
  held_reason: string | null;
  /** An update's base field by field, a JSON object. */
  field_bases: string | null;
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
  /**
   * The account's Ed25519 signing key, as JSON `{ keyId, publicKey, wrap }`: the private half wrapped
   * by the account's password (services/sync/signing.ts); null until it first signs in on a paired desk.
   */
  signing_key: Generated<string | null>;
  /**
   * The account's wrap of the office's key by its password, as JSON (a KeyWrap): how it signs in at
   * any desk of the office (services/session/office-accounts.ts); null until made on a paired desk.
   */
  office_key_wrap: Generated<string | null>;
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
  letter_id: string | null;
  /** Closed as someone who is not a beneficiary: it leaves the unlinked queue, with who, when and why. */
  not_beneficiary_at: string | null;
  not_beneficiary_by: string | null;
  not_beneficiary_reason: string | null;
}

export interface AuthorityTable extends Stamped {
  name_ar: string;
  name_en: string | null;
  active: number;
}

/** A scanned file, kept in the encrypted database. */
export interface AttachmentTable extends Stamped {
  file_name: string;
  media_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  size: number;
  sha256: string;
  /**
   * NULL once destroyed with the person it was about (`erased_at`), and on a paired desk until the
   * scan, filed at another desk, is first opened here and fetched from the office server.
   */
  content: Buffer | null;
  /** When it was destroyed with the person it was about: its bytes go, here and on every desk. */
  erased_at: string | null;
}

export interface LetterTable extends Stamped {
  seq: Generated<number>;
  direction: 'incoming' | 'outgoing';
  number: string;
  /** Gregorian ISO date written on the letter. */
  letter_date: string;
  authority_id: string | null;
  subject: string;
  body: string | null;
  beneficiary_id: string | null;
  request_id: string | null;
  scan_id: string | null;
  registered_at: string;
}

export interface RequestTypeTable extends Stamped {
  code: string;
  name_ar: string;
  name_en: string;
  needs_authority: number;
  target_working_days: number;
  active: number;
  sort_order: number;
}

export interface HolidayTable extends Stamped {
  /** ISO date. */
  date: string;
  name: string;
}

export type RequestStage = 'received' | 'under_review' | 'referred' | 'authority_answered' | 'decided' | 'notified' | 'closed' | 'withdrawn';

export interface RequestTable extends Stamped {
  seq: Generated<number>;
  number: string;
  beneficiary_id: string;
  type_id: string;
  summary: string;
  stage: RequestStage;
  stage_since: string;
  owner_id: string;
  received_at: string;
  /** Riyadh calendar date. */
  due_date: string;
  authority_id: string | null;
  referred_at: string | null;
  outcome: 'approved' | 'rejected' | null;
  decision_reason: string | null;
  decided_at: string | null;
  decided_by: string | null;
  notified_at: string | null;
  closed_at: string | null;
  source_contact_id: string | null;
}

export interface RequestEventTable extends Stamped {
  seq: Generated<number>;
  request_id: string;
  beneficiary_id: string;
  action: 'received' | 'review_started' | 'referred' | 'authority_answered' | 'decided' | 'notified' | 'closed' | 'withdrawn' | 'reassigned';
  from_stage: RequestStage | null;
  to_stage: RequestStage;
  at: string;
  actor_id: string;
  note: string | null;
  authority_id: string | null;
  letter_id: string | null;
  contact_id: string | null;
  owner_id: string | null;
  outcome: 'approved' | 'rejected' | null;
}

export type ComplaintStage = 'received' | 'acknowledged' | 'investigating' | 'resolved' | 'answered' | 'closed';

export interface ComplaintTable extends Stamped {
  seq: Generated<number>;
  number: string;
  kind: 'complaint' | 'note' | 'suggestion';
  beneficiary_id: string | null;
  person_name: string | null;
  about: 'service' | 'program' | 'staff' | 'other';
  about_staff_id: string | null;
  subject: string;
  details: string | null;
  stage: ComplaintStage;
  stage_since: string;
  owner_id: string;
  received_at: string;
  due_date: string;
  resolution: string | null;
  answered_at: string | null;
  answer_contact_id: string | null;
  decision: 'adopted' | 'declined' | 'under_study' | null;
  improvement: string | null;
  decided_at: string | null;
  closed_at: string | null;
  source_contact_id: string | null;
}

export interface ComplaintEventTable extends Stamped {
  seq: Generated<number>;
  complaint_id: string;
  beneficiary_id: string | null;
  action: 'received' | 'acknowledged' | 'investigating' | 'resolved' | 'answered' | 'closed' | 'reassigned' | 'decided';
  from_stage: ComplaintStage | null;
  to_stage: ComplaintStage;
  at: string;
  actor_id: string;
  note: string | null;
  contact_id: string | null;
  owner_id: string | null;
}

/** A governing document kept under control (db/migrations/0027-controlled-documents.ts): its text is in its versions. */
export interface ControlledDocumentTable extends Stamped {
  number: string;
  title_ar: string;
  title_en: string;
  article_id: string | null;
}

export type DocumentApprover = 'board' | 'general_assembly' | 'executive';

/** An issue of a controlled document: a draft, then approved once and never changed. */
export interface ControlledDocumentVersionTable extends Stamped {
  document_id: string;
  issue: number;
  status: 'draft' | 'approved';
  changes: string;
  body: string;
  approver: DocumentApprover | null;
  approver_term: number | null;
  approver_session: number | null;
  approver_session_year: number | null;
  approved_on: string | null;
  effective_on: string | null;
  next_review_on: string | null;
}

/** A review of a controlled document that changed nothing (db/migrations/0028-document-reviews.ts): only ever added. */
export interface ControlledDocumentReviewTable extends Stamped {
  document_id: string;
  issue: number;
  reviewed_on: string;
  findings: string;
  next_review_on: string;
}

export interface ArticleTable extends Stamped {
  category: 'bylaws' | 'programs' | 'services' | 'answers';
  title: string;
  body: string;
  search_text: string;
  active: number;
}

export interface InquiryTable extends Stamped {
  seq: Generated<number>;
  contact_id: string;
  beneficiary_id: string | null;
  question: string;
  status: 'pending' | 'answered';
  asked_at: string;
  owner_id: string;
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
  answer_contact_id: string | null;
  article_id: string | null;
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
