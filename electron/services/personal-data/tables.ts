import { sql, type SelectType, type Updateable } from 'kysely';
import { ERASED_NAME } from '../../api/beneficiaries';
import type { EXPORT_LISTS, PROGRAM_EXPORT_LISTS } from '../../api/exports';
import type {
  AttachmentTable,
  AuditChangesTable,
  AuditLogTable,
  BeneficiaryPhoneTable,
  BeneficiaryTable,
  ComplaintEventTable,
  ComplaintTable,
  ContactTable,
  DatabaseSchema,
  EligibilityDecisionTable,
  HouseholdMemberTable,
  InquiryTable,
  LetterTable,
  ProgramAttendanceTable,
  ProgramDisciplineNoteTable,
  ProgramEnrolmentEventTable,
  ProgramEnrolmentTable,
  ProgramFeeWaiverTable,
  ProgramPaymentTable,
  QuestionnaireOfferTable,
  QuestionnaireResponseTable,
  RequestEventTable,
  RequestTable,
} from '../../../db/schema';
import { normalizeNameForCompare } from '../search/normalize';

/**
 * One description per table that holds a person's data: for each column, whether it is the person's
 * own data, which columns of the list export's file show it, and what erasure leaves of it. The list
 * export, the subject-access document (the line each of the person's own columns is shown on) and
 * erasure read their columns from here. Each description is typed by its table, so a column added
 * to a table is a type error here until someone has said what becomes of it; and every table of the
 * schema is either described (PERSONAL_DATA_TABLES) or said to hold nobody's data, with why
 * (TABLES_WITHOUT_PERSONAL_DATA), so a new table is a type error too.
 */

/** What erasure leaves of a column. */
export type Erasure<Value> =
  /** It stays: what the counts, the numbering and the record of the case need. */
  | 'kept'
  /** The erasure itself writes it: when, by whom, which version. */
  | 'stamped'
  /** Emptied: only a column that may be null can be. */
  | (null extends Value ? 'cleared' : never)
  /** Put in place of the value, where the column may not be empty (a marker, a placeholder). */
  | { replacedBy: (erased: ErasedPerson) => Value }
  /** An empty text where there was one; an absent value stays absent (an answer not given yet). */
  | (string extends Value ? (null extends Value ? 'emptied' : never) : never)
  /**
   * The erased marker where there was a text; an absent value stays absent, where a table's checks tie
   * the text to other columns (a voiding's reason is there when the payment was voided, and only then).
   */
  | (string extends Value ? (null extends Value ? 'marked' : never) : never)
  /** The whole row goes with the person: every column of a table whose rows are deleted says so. */
  | 'deleted';

/** Whose data is erased, for a replacement that depends on it. */
export interface ErasedPerson {
  beneficiaryId: string;
}

export interface ColumnRule<Value, ListColumn extends string = string> {
  /** Whether the column tells something about the person (who they are, what they said), not only about the case. */
  personal: boolean;
  /**
   * The columns of the list export that shows the table's rows (exports.columns.<list>.<key>; the
   * person's list for their phones) that show it; none when the list leaves it out.
   */
  listed: readonly ListColumn[];
  erasure: Erasure<Value>;
}

/** Every column of a table, described: a column left out (or one added to the table later) is a type error. */
export type TableDescription<Table> = { readonly [Column in keyof Table]-?: ColumnRule<SelectType<Table[Column]>> };

/** The list export's column keys a description names. */
export type ListedColumnOf<Description> = {
  [Column in keyof Description]: Description[Column] extends { listed: readonly (infer Key)[] } ? Key : never;
}[keyof Description];

/** The columns a description says are the person's own data. */
export type PersonalColumnOf<Description> = {
  [Column in keyof Description]: Description[Column] extends { personal: true } ? Column : never;
}[keyof Description];

/**
 * Where a document shows each of a table's personal columns: the label of its line, or null where it
 * shows no line for it (said why beside it). A personal column added to a description is a type error
 * in the document until it has its line.
 */
export type DocumentLines<Description> = { readonly [Column in PersonalColumnOf<Description>]: string | null };

/** Bookkeeping every row carries: the record's own, never the person's. */
const STAMPED_ROW = {
  id: { personal: false, listed: [], erasure: 'kept' },
  created_at: { personal: false, listed: [], erasure: 'kept' },
  created_by: { personal: false, listed: [], erasure: 'kept' },
  updated_at: { personal: false, listed: [], erasure: 'stamped' },
  updated_by: { personal: false, listed: [], erasure: 'stamped' },
} as const;

const kept = <const Personal extends boolean, Key extends string = never>(personal: Personal, ...listed: Key[]) => ({ personal, listed, erasure: 'kept' as const });
const cleared = <Key extends string = never>(...listed: Key[]) => ({ personal: true as const, listed, erasure: 'cleared' as const });
const replaced = <Value, Key extends string = never>(replacedBy: (erased: ErasedPerson) => Value, ...listed: Key[]) => ({
  personal: true as const,
  listed,
  erasure: { replacedBy },
});
const emptied = () => ({ personal: true as const, listed: [], erasure: 'emptied' as const });
const marked = () => ({ personal: true as const, listed: [], erasure: 'marked' as const });
/** A column of a row that is deleted with the person. */
const deleted = <const Personal extends boolean, Key extends string = never>(personal: Personal, ...listed: Key[]) => ({ personal, listed, erasure: 'deleted' as const });
/** The bookkeeping of a row that is deleted with the person. */
const DELETED_STAMPED_ROW = {
  id: deleted(false),
  created_at: deleted(false),
  created_by: deleted(false),
  updated_at: deleted(false),
  updated_by: deleted(false),
} as const;
const erasedMarker = () => ERASED_NAME;

/**
 * The registry. Erasure keeps what past counts need (file number, category, gender, nationality,
 * residency, district, status, eligibility, dates) and the prisoner's relation and status (counted by
 * the reports); it destroys the name, the ID number, the birth date, the address, the prisoner's name
 * and facility, the needs (they can tell of health) and notes, and the consent's date and method.
 */
export const BENEFICIARY_COLUMNS = {
  ...STAMPED_ROW,
  created_at: kept(false, 'registeredAt'),
  seq: kept(false),
  file_number: kept(false, 'fileNumber'),
  first_name: replaced(erasedMarker, 'name'),
  father_name: replaced(() => '', 'name'),
  grandfather_name: replaced(() => '', 'name'),
  family_name: replaced(() => '', 'name'),
  latin_name: cleared('latinName'),
  name_normalized: replaced(() => normalizeNameForCompare([ERASED_NAME])),
  id_type: kept(true, 'idType'),
  // Still UNIQUE and NOT NULL, and never a number anyone can type or search for.
  id_number: replaced((erased) => `erased:${erased.beneficiaryId}`, 'idNumber'),
  nationality: kept(true),
  residency_status: kept(true),
  gender: kept(true),
  birth_date: cleared(),
  district_id: kept(true, 'district'),
  address: cleared(),
  category: kept(true, 'category'),
  prisoner_relation: kept(true),
  prisoner_name: cleared(),
  prisoner_facility: cleared(),
  prisoner_status: kept(true),
  // Needs can tell of health or psychological conditions (sensitive data); no report counts them.
  needs: replaced(() => '[]'),
  needs_notes: cleared(),
  needs_priority: cleared(),
  consent_given: kept(true),
  consent_date: cleared(),
  consent_method: cleared(),
  consent_recorded_by: kept(false),
  status: kept(false, 'status'),
  eligibility: kept(false, 'eligibility'),
  eligibility_decided_at: kept(false),
  notes: cleared(),
  row_version: { personal: false, listed: [], erasure: 'stamped' },
  erased_at: { personal: false, listed: ['erased'], erasure: 'stamped' },
} as const satisfies TableDescription<BeneficiaryTable>;

/**
 * Requests: what the person asked for and the reason given for the decision go; the rows, their
 * numbers, types, stages, owners and dates stay, for the counts and service times of the reports.
 */
export const REQUEST_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  number: kept(false, 'number'),
  beneficiary_id: kept(false, 'person', 'fileNumber'),
  type_id: kept(false, 'type'),
  summary: replaced(erasedMarker),
  stage: kept(false, 'stage', 'overdue'),
  stage_since: kept(false),
  owner_id: kept(false, 'owner'),
  received_at: kept(false, 'receivedAt'),
  due_date: kept(false, 'dueDate', 'overdue'),
  authority_id: kept(false),
  referred_at: kept(false),
  outcome: kept(false, 'outcome'),
  decision_reason: cleared(),
  decided_at: kept(false, 'decidedAt'),
  decided_by: kept(false),
  notified_at: kept(false, 'notifiedAt'),
  closed_at: kept(false, 'closedAt'),
  source_contact_id: kept(false),
} as const satisfies TableDescription<RequestTable>;

/**
 * Complaints, notes and suggestions: the person's words (subject, details, the resolution written
 * for them) and the name typed for them go; kind, what it was about, stages, dates and decisions
 * stay, and the improvement a suggestion led to, which is the association's, not the person's.
 */
export const COMPLAINT_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  number: kept(false, 'number'),
  kind: kept(false, 'kind'),
  beneficiary_id: kept(false, 'person', 'fileNumber'),
  person_name: cleared('person'),
  about: kept(false, 'about'),
  about_staff_id: kept(false, 'aboutStaff'),
  subject: replaced(erasedMarker, 'subject'),
  details: cleared(),
  stage: kept(false, 'stage'),
  stage_since: kept(false),
  owner_id: kept(false, 'owner'),
  received_at: kept(false, 'receivedAt'),
  due_date: kept(false, 'dueDate'),
  resolution: cleared(),
  answered_at: kept(false, 'answeredAt'),
  answer_contact_id: kept(false),
  decision: kept(false, 'decision'),
  improvement: kept(false),
  decided_at: kept(false),
  closed_at: kept(false),
  source_contact_id: kept(false),
} as const satisfies TableDescription<ComplaintTable>;

/**
 * Contacts stay, for the counts by channel, purpose and officer; what was said and every detail
 * that reaches the person (the name and phone typed, the number called, the handle, the web
 * reference) go.
 */
export const CONTACT_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  beneficiary_id: kept(false, 'person', 'fileNumber'),
  person_name: cleared('person'),
  person_phone: cleared(),
  channel: kept(false, 'channel'),
  direction: kept(false, 'direction'),
  purpose: kept(false, 'purpose'),
  summary: replaced(erasedMarker, 'summary'),
  occurred_at: kept(false, 'occurredAt'),
  duration_minutes: kept(false, 'minutes'),
  officer_id: kept(false, 'officer'),
  phone_number: cleared(),
  platform: kept(false),
  handle: cleared(),
  web_reference: cleared(),
  letter_id: kept(false),
  not_beneficiary_at: kept(false),
  not_beneficiary_by: kept(false),
  // A contact closed as "not a beneficiary" is linked to nobody, so no erasure reaches its reason.
  not_beneficiary_reason: kept(false),
} as const satisfies TableDescription<ContactTable>;

/**
 * Letters of the register: what a letter about the person said (its subject and text) goes; the
 * row stays with its number, date, direction and authority, so the register keeps its sequence.
 * The scan's bytes and file name are the attachments' part of the erasure.
 */
export const LETTER_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  direction: kept(false, 'direction'),
  number: kept(false, 'number'),
  letter_date: kept(false, 'letterDate'),
  authority_id: kept(false, 'authority'),
  subject: replaced(erasedMarker, 'subject'),
  body: cleared(),
  beneficiary_id: kept(false, 'person', 'fileNumber'),
  request_id: kept(false, 'request'),
  scan_id: kept(false),
  registered_at: kept(false, 'registeredAt'),
} as const satisfies TableDescription<LetterTable>;

/**
 * The person's phones go with their other personal data: the rows are deleted. The beneficiaries
 * list shows them, when asked for, in its phones column.
 */
export const PHONE_COLUMNS = {
  ...DELETED_STAMPED_ROW,
  beneficiary_id: deleted(false),
  phone: deleted(true, 'phones'),
  // The same number, digits reversed, for "ends with" searches.
  phone_reversed: deleted(true),
  position: deleted(false),
} as const satisfies TableDescription<BeneficiaryPhoneTable>;

/** The household's members are other people's data held in the person's file: the rows are deleted. */
export const HOUSEHOLD_MEMBER_COLUMNS = {
  ...DELETED_STAMPED_ROW,
  beneficiary_id: deleted(false),
  full_name: deleted(true),
  relation: deleted(true),
  birth_date: deleted(true),
  id_number: deleted(true),
  notes: deleted(true),
  position: deleted(false),
} as const satisfies TableDescription<HouseholdMemberTable>;

/**
 * Eligibility decisions keep their criteria, outcome and dates (the counts of who was found
 * eligible); the reason written for the person goes.
 */
export const ELIGIBILITY_DECISION_COLUMNS = {
  ...STAMPED_ROW,
  beneficiary_id: kept(false),
  in_scope: kept(true),
  legal_resident: kept(true),
  receives_services: kept(true),
  outcome: kept(true),
  reason: cleared(),
  decided_by: kept(false),
  decided_at: kept(false),
} as const satisfies TableDescription<EligibilityDecisionTable>;

/** A request's steps stay, for its stage times; the notes written on them go. */
export const REQUEST_EVENT_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  request_id: kept(false),
  beneficiary_id: kept(false),
  action: kept(false),
  from_stage: kept(false),
  to_stage: kept(false),
  at: kept(false),
  actor_id: kept(false),
  note: cleared(),
  authority_id: kept(false),
  letter_id: kept(false),
  contact_id: kept(false),
  owner_id: kept(false),
  outcome: kept(false),
} as const satisfies TableDescription<RequestEventTable>;

/** A complaint's steps stay, for its stage times; the notes written on them go. */
export const COMPLAINT_EVENT_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  complaint_id: kept(false),
  beneficiary_id: kept(false),
  action: kept(false),
  from_stage: kept(false),
  to_stage: kept(false),
  at: kept(false),
  actor_id: kept(false),
  note: cleared(),
  contact_id: kept(false),
  owner_id: kept(false),
} as const satisfies TableDescription<ComplaintEventTable>;

/**
 * Inquiries stay, for the counts of questions asked and answered; the question and the answer go
 * (an answer not given yet stays absent, so the record still tells it was never answered).
 */
export const INQUIRY_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  contact_id: kept(false),
  beneficiary_id: kept(false),
  question: replaced(() => ''),
  status: kept(false),
  asked_at: kept(false),
  owner_id: kept(false),
  answer: emptied(),
  answered_at: kept(false),
  answered_by: kept(false),
  answer_contact_id: kept(false),
  article_id: kept(false),
} as const satisfies TableDescription<InquiryTable>;

/**
 * Enrolments in programs stay, for the programs' counts and fairness figures (who applied, was
 * accepted, waitlisted or declined); what was written about the person goes: the interview's notes,
 * the reason given for a decision, and why their conditions were waived.
 */
export const ENROLMENT_COLUMNS = {
  ...STAMPED_ROW,
  // The roster lists each enrolment's attendance rate, read through its id from its marks.
  id: kept(false, 'attendanceRate'),
  seq: kept(false),
  program_id: kept(false),
  beneficiary_id: kept(false, 'person', 'fileNumber'),
  stage: kept(false, 'stage'),
  stage_since: kept(false),
  applied_at: kept(false, 'appliedOn'),
  fee_id: kept(false),
  interview_on: kept(false),
  interviewer_id: kept(false),
  interview_result: kept(false),
  interview_notes: cleared(),
  decision_reason: cleared(),
  waitlist_order: kept(false, 'waitlistPlace'),
  offer_expires_on: kept(false),
  conditions_override_reason: cleared(),
  conditions_overridden_by: kept(false),
  row_version: kept(false),
} as const satisfies TableDescription<ProgramEnrolmentTable>;

/** An enrolment's steps stay, for its dates and the waitlist's manual changes; the notes on them go. */
export const ENROLMENT_EVENT_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  enrolment_id: kept(false),
  program_id: kept(false),
  beneficiary_id: kept(false),
  action: kept(false),
  from_stage: kept(false),
  to_stage: kept(false),
  at: kept(false),
  actor_id: kept(false),
  note: cleared(),
} as const satisfies TableDescription<ProgramEnrolmentEventTable>;

/** Attendance stays, for the programs' rates and counts; the note written about the person goes. */
export const ATTENDANCE_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  session_id: kept(false),
  enrolment_id: kept(false),
  program_id: kept(false),
  beneficiary_id: kept(false, 'person', 'fileNumber'),
  status: kept(false, 'status'),
  note: cleared('note'),
  row_version: kept(false),
} as const satisfies TableDescription<ProgramAttendanceTable>;

/** A discipline note stays counted as a warning or a note on its date; what happened, told about the person, goes. */
export const DISCIPLINE_NOTE_COLUMNS = {
  ...STAMPED_ROW,
  seq: kept(false),
  enrolment_id: kept(false),
  program_id: kept(false),
  beneficiary_id: kept(false),
  kind: kept(false),
  what_happened: replaced(erasedMarker),
  occurred_on: kept(false),
} as const satisfies TableDescription<ProgramDisciplineNoteTable>;

/**
 * A fee waiver stays counted (its kind, amount and decision, for the programs' fees waived); the
 * reason given about the person's means, and the supervisor's note on it, go. It names the person
 * only through its enrolment.
 */
export const FEE_WAIVER_COLUMNS = {
  ...STAMPED_ROW,
  enrolment_id: kept(false),
  fee_id: kept(false),
  kind: kept(false),
  amount: kept(false),
  reason: replaced(erasedMarker),
  requested_at: kept(false),
  requested_by: kept(false),
  status: kept(false),
  decided_at: kept(false),
  decided_by: kept(false),
  decision_note: cleared(),
  row_version: kept(false),
} as const satisfies TableDescription<ProgramFeeWaiverTable>;

/**
 * A payment stays whole but what was written of it: the receipt register must keep every number,
 * amount and date. Its note goes; a voiding's reason, written about the person's payment, gives way to
 * the marker, as the payment stays voided.
 */
export const PAYMENT_COLUMNS = {
  ...STAMPED_ROW,
  enrolment_id: kept(false),
  amount: kept(false),
  paid_on: kept(false),
  method: kept(false),
  receipt_number: kept(false),
  note: cleared(),
  recorded_by: kept(false),
  voided_at: kept(false),
  voided_by: kept(false),
  void_reason: marked(),
  row_version: kept(false),
} as const satisfies TableDescription<ProgramPaymentTable>;

/**
 * A letter's scan (reached through letters.scan_id): its bytes go, and its file name, often the
 * person's name; its size and digest say nothing about them.
 */
export const ATTACHMENT_COLUMNS = {
  ...STAMPED_ROW,
  file_name: replaced(() => ''),
  media_type: kept(false),
  size: kept(false),
  sha256: kept(false),
  content: cleared(),
  // Written by the erasure: it tells the other desks the scan's bytes go (db/migrations/0015-blob-uploads.ts).
  erased_at: { personal: false, listed: [], erasure: 'stamped' },
} as const satisfies TableDescription<AttachmentTable>;

/**
 * The audit log stays whole: its hash chain proves nothing was changed. Its entries hold ids,
 * fields and counts, never a person's values; those are in audit_changes.
 */
export const AUDIT_LOG_COLUMNS = {
  seq: kept(false),
  id: kept(false),
  at: kept(false),
  actor_id: kept(false),
  action: kept(false),
  entity_type: kept(false),
  entity_id: kept(false),
  summary: kept(false),
  changes_digest: kept(false),
  prev_hash: kept(false),
  hash: kept(false),
} as const satisfies TableDescription<AuditLogTable>;

/**
 * The values of the person's audited changes (what a field was, what it became) are deleted with
 * them, once the erasure is recorded; the entries they belonged to stay (AUDIT_LOG_COLUMNS).
 */
export const AUDIT_CHANGE_COLUMNS = {
  entry_id: deleted(false),
  changes: deleted(true),
} as const satisfies TableDescription<AuditChangesTable>;

/**
 * A questionnaire offered on one of the person's cases: it stays whole, for the response rate and for
 * the figures cut by channel, officer, program and request type. It says nothing of the person but
 * that a questionnaire was offered to them.
 */
export const QUESTIONNAIRE_OFFER_COLUMNS = {
  ...STAMPED_ROW,
  code: kept(false),
  questionnaire_id: kept(false),
  version_id: kept(false),
  occasion: kept(false),
  request_id: kept(false),
  complaint_id: kept(false),
  enrolment_id: kept(false),
  contact_id: kept(false),
  beneficiary_id: kept(false),
  officer_id: kept(false),
  channel: kept(false),
  program_id: kept(false),
  request_type_id: kept(false),
  mode: kept(false),
  offered_at: kept(false),
  offered_on: kept(false),
  offered_by: kept(false),
  status: kept(false),
  row_version: kept(false),
} as const satisfies TableDescription<QuestionnaireOfferTable>;

/**
 * A response is the person's only when they chose to leave their name with it: erasure takes the name
 * away, and the answers stay as every anonymous response's do, counted in the figures and naming no one.
 */
export const QUESTIONNAIRE_RESPONSE_COLUMNS = {
  ...STAMPED_ROW,
  offer_id: kept(false),
  version_id: kept(false),
  mode: kept(false),
  answers: kept(true),
  answered_at: kept(false),
  answered_on: kept(false),
  recorded_by: kept(false),
  beneficiary_id: cleared(),
  row_version: kept(false),
} as const satisfies TableDescription<QuestionnaireResponseTable>;

/** Every table that holds something of a beneficiary's, with its description. */
export const PERSONAL_DATA_TABLES = {
  beneficiaries: BENEFICIARY_COLUMNS,
  beneficiary_phones: PHONE_COLUMNS,
  household_members: HOUSEHOLD_MEMBER_COLUMNS,
  eligibility_decisions: ELIGIBILITY_DECISION_COLUMNS,
  contacts: CONTACT_COLUMNS,
  attachments: ATTACHMENT_COLUMNS,
  letters: LETTER_COLUMNS,
  requests: REQUEST_COLUMNS,
  request_events: REQUEST_EVENT_COLUMNS,
  complaints: COMPLAINT_COLUMNS,
  complaint_events: COMPLAINT_EVENT_COLUMNS,
  inquiries: INQUIRY_COLUMNS,
  program_enrolments: ENROLMENT_COLUMNS,
  program_enrolment_events: ENROLMENT_EVENT_COLUMNS,
  program_fee_waivers: FEE_WAIVER_COLUMNS,
  program_payments: PAYMENT_COLUMNS,
  questionnaire_offers: QUESTIONNAIRE_OFFER_COLUMNS,
  questionnaire_responses: QUESTIONNAIRE_RESPONSE_COLUMNS,
  program_attendance: ATTENDANCE_COLUMNS,
  program_discipline_notes: DISCIPLINE_NOTE_COLUMNS,
  audit_log: AUDIT_LOG_COLUMNS,
  audit_changes: AUDIT_CHANGE_COLUMNS,
} as const satisfies { readonly [Table in keyof DatabaseSchema]?: TableDescription<DatabaseSchema[Table]> };

export type PersonalDataTable = keyof typeof PERSONAL_DATA_TABLES;

/**
 * The other tables, each with why it holds nothing of a beneficiary's. A table added to the schema
 * is a type error until it is described above or listed here.
 */
export const TABLES_WITHOUT_PERSONAL_DATA = {
  schema_migrations: 'which migrations ran',
  users: 'staff accounts: their names are the association’s record of who did what, not a beneficiary’s data',
  settings: 'the desk’s settings',
  counters: 'the numbering of files, requests, complaints and letters',
  districts: 'the list of districts',
  authorities: 'the authorities requests are referred to',
  request_types: 'the kinds of request and their targets',
  holidays: 'the working calendar',
  articles: 'the library of answers, written for everyone',
  sync_outbox: 'copies of changes on their way to the office server, removed once it has them: the records themselves are described above',
  sync_inbox: 'changes received from the office’s other desks, in the office’s order: the records themselves are described above',
  sync_rejected: 'which operations received could not be taken, and why: ids only, never their content',
  sync_row_versions: 'when each record last changed: table, id and time only',
  sync_field_versions: 'when each field last changed and by whom: table, id, field name and time only',
  sync_office_fields: 'a field’s value as the office’s order has it while this desk’s own edit of it is on its way: removed with the person it is about (db/sync-capture.ts)',
  sync_office_rows: 'a record this desk deleted, as the office’s order has it while the deletion is on its way: removed with the person it is about (db/sync-capture.ts)',
  sync_conflicts: 'copies of two versions of a field, for a supervisor to settle: removed with the person they are about (services/sync/copies.ts)',
  conflict_settlements: 'how a supervisor settled a conflict: an outcome, when and by whom',
  beneficiary_merges: 'which file was merged into which, and the merged file’s number: ids and a number only',
  sync_aliases: 'which entry of a list stands for another added at two desks: table and ids only',
  number_blocks: 'the blocks of file, request, complaint and letter numbers the office reserved for this desk',
  voided_numbers: 'numbers reserved and never given, recorded void: a series, a number and when',
  sync_blob_uploads: 'which scans wait to be sent to the office server: attachment ids only, the bytes stay in attachments',
  sync_blob_forgets: 'which erased scans the office server is to forget: attachment ids only',
  office_signing_keys: 'the office’s register of public signing keys, an account’s or a desk’s: ids and public keys only',
  office_accounts: 'the office’s accounts as its server holds them: an id, a role and whether active',
  programs: 'the programs catalog: what each program is, who it is for, its rule and status, written for everyone',
  program_sessions: 'a program’s schedule: dates, times and places',
  program_fees: 'the fees a program announced: amounts, what they cover and when',
  program_events: 'how a program’s status moved: statuses, the reason a cancellation gave, when and by whom',
  program_certificates:
    'the completion certificates printed: an enrolment’s id, the verification number and when and by whom it was first printed; what the certificate says of the person is read from their file',
  controlled_documents: 'the association’s governing documents kept under control (the policy, the bylaws): numbers and titles, written for everyone',
  controlled_document_versions: 'the issues of those documents: their text, what changed, who approved them and when, written for everyone',
  controlled_document_reviews: 'the reviews of those documents that changed nothing: when, what the reviewer found and when the next falls, written for everyone',
  questionnaires: 'the satisfaction questionnaires: whether each is in use and typed in twice',
  questionnaire_versions: 'what each version of a questionnaire asks, written for everyone',
  questionnaire_paper_entries:
    'a paper form as an officer typed it, held until it is compared with the second typing and becomes the response; it names no one (the offer does, through its case)',
} as const satisfies { readonly [Table in Exclude<keyof DatabaseSchema, PersonalDataTable>]: string };

/** The tables whose `listed` columns each list export shows: the person's list shows their phones too. */
export const LIST_EXPORT_TABLES = {
  beneficiaries: ['beneficiaries', 'beneficiary_phones'],
  contacts: ['contacts'],
  requests: ['requests'],
  complaints: ['complaints'],
  letters: ['letters'],
  roster: ['program_enrolments'],
  attendanceSheet: ['program_attendance'],
} as const satisfies {
  // The programs list is the catalog's, written for everyone: no one's data is in it. The satisfaction
  // responses' export (services/exports/satisfaction-responses.ts) is not a list of these: it reads
  // neither the response's nor the offer's person, nor the case, and its columns are the questions.
  readonly [List in (typeof EXPORT_LISTS)[number] | Exclude<(typeof PROGRAM_EXPORT_LISTS)[number], 'programs'>]: readonly PersonalDataTable[];
};

/** Whether erasure deletes the table's rows (every column says so) rather than writing into them. */
export function deletesRows(description: Record<string, ColumnRule<unknown>>): boolean {
  return Object.values(description).every((rule) => rule.erasure === 'deleted');
}

/**
 * The values erasure writes into a row of the table: null for each cleared column, the replacement
 * for each replaced one, an empty text for each emptied one that holds a value, the marker for each
 * marked one that holds a value. Kept columns are not written; stamped ones are the erasure's own to write.
 * The table is named at the call (`erasedValues<RequestTable>(REQUEST_COLUMNS, …)`), so the values
 * are typed as the update of that table.
 */
export function erasedValues<Table>(description: TableDescription<Table>, erased: ErasedPerson): Updateable<Table> {
  const values: Record<string, unknown> = {};
  for (const [column, rule] of Object.entries(description) as Array<[string, ColumnRule<unknown>]>) {
    if (rule.erasure === 'deleted') throw new Error(`the rows of ${column}'s table are deleted, not written`);
    if (rule.erasure === 'cleared') values[column] = null;
    else if (rule.erasure === 'emptied') values[column] = sql`CASE WHEN ${sql.ref(column)} IS NULL THEN NULL ELSE '' END`;
    else if (rule.erasure === 'marked') values[column] = sql`CASE WHEN ${sql.ref(column)} IS NULL THEN NULL ELSE ${ERASED_NAME} END`;
    else if (typeof rule.erasure === 'object') values[column] = rule.erasure.replacedBy(erased);
  }
  // An emptied column is an expression of its own value, which Kysely writes as such.
  return values as Updateable<Table>;
}

/** The list export's columns a description names, for the test that holds the list to it. */
export function listedColumnsOf(description: Record<string, { listed: readonly string[] }>): Set<string> {
  return new Set(Object.values(description).flatMap((rule) => rule.listed));
}
