import type { SelectType, Updateable } from 'kysely';
import { ERASED_NAME } from '../../api/beneficiaries';
import type { BeneficiaryTable, ComplaintTable, ContactTable, LetterTable, RequestTable } from '../../../db/schema';
import { normalizeNameForCompare } from '../search/normalize';

/**
 * One description per table that holds a person's data: for each column, whether it is the person's
 * own data, which columns of the list export's file show it, and what erasure leaves of it. The list
 * export and erasure read their columns from here, and each description is typed by its table, so a
 * column added to a table is a type error here until someone has said what becomes of it.
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
  | { replacedBy: (erased: ErasedPerson) => Value };

/** Whose data is erased, for a replacement that depends on it. */
export interface ErasedPerson {
  beneficiaryId: string;
}

export interface ColumnRule<Value, ListColumn extends string = string> {
  /** Whether the column tells something about the person (who they are, what they said), not only about the case. */
  personal: boolean;
  /** The columns of the table's list export (exports.columns.<list>.<key>) that show it; none when the list leaves it out. */
  listed: readonly ListColumn[];
  erasure: Erasure<Value>;
}

/** Every column of a table, described: a column left out (or one added to the table later) is a type error. */
export type TableDescription<Table> = { readonly [Column in keyof Table]-?: ColumnRule<SelectType<Table[Column]>> };

/** The list export's column keys a description names. */
export type ListedColumnOf<Description> = {
  [Column in keyof Description]: Description[Column] extends { listed: readonly (infer Key)[] } ? Key : never;
}[keyof Description];

/** Bookkeeping every row carries: the record's own, never the person's. */
const STAMPED_ROW = {
  id: { personal: false, listed: [], erasure: 'kept' },
  created_at: { personal: false, listed: [], erasure: 'kept' },
  created_by: { personal: false, listed: [], erasure: 'kept' },
  updated_at: { personal: false, listed: [], erasure: 'stamped' },
  updated_by: { personal: false, listed: [], erasure: 'stamped' },
} as const;

const kept = <Key extends string = never>(personal: boolean, ...listed: Key[]) => ({ personal, listed, erasure: 'kept' as const });
const cleared = <Key extends string = never>(...listed: Key[]) => ({ personal: true, listed, erasure: 'cleared' as const });
const replaced = <Value, Key extends string = never>(replacedBy: (erased: ErasedPerson) => Value, ...listed: Key[]) => ({ personal: true, listed, erasure: { replacedBy } });
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
 * The values erasure writes into a row of the table: null for each cleared column, the replacement
 * for each replaced one. Kept columns are not written; stamped ones are the erasure's own to write.
 * The table is named at the call (`erasedValues<RequestTable>(REQUEST_COLUMNS, …)`), so the values
 * are typed as the update of that table.
 */
export function erasedValues<Table>(description: TableDescription<Table>, erased: ErasedPerson): Updateable<Table> {
  const values: Record<string, unknown> = {};
  for (const [column, rule] of Object.entries(description) as Array<[string, ColumnRule<unknown>]>) {
    if (rule.erasure === 'cleared') values[column] = null;
    else if (typeof rule.erasure === 'object') values[column] = rule.erasure.replacedBy(erased);
  }
  return values as Updateable<Table>;
}

/** The list export's columns a description names, for the test that holds the list to it. */
export function listedColumnsOf(description: Record<string, { listed: readonly string[] }>): Set<string> {
  return new Set(Object.values(description).flatMap((rule) => rule.listed));
}
