import type { Migration } from './index';

const SYSTEM = '00000000-0000-7000-8000-000000000001';
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ')`;
const STAMPS = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)`;

/** The bodies the association writes to and hears from most; the administrator keeps the list. */
const AUTHORITIES: ReadonlyArray<readonly [id: string, nameAr: string, nameEn: string]> = [
  ['019ab9a0-0000-7000-8000-00000000a001', 'المديرية العامة للسجون', 'General Directorate of Prisons'],
  ['019ab9a0-0000-7000-8000-00000000a002', 'إدارة سجون الأحساء', 'Al-Ahsa Prisons Administration'],
  ['019ab9a0-0000-7000-8000-00000000a003', 'النيابة العامة', 'Public Prosecution'],
  ['019ab9a0-0000-7000-8000-00000000a004', 'وزارة الموارد البشرية والتنمية الاجتماعية', 'Ministry of Human Resources and Social Development'],
  ['019ab9a0-0000-7000-8000-00000000a005', 'الضمان الاجتماعي', 'Social Security'],
  ['019ab9a0-0000-7000-8000-00000000a006', 'إمارة المنطقة الشرقية', 'Eastern Province Emirate'],
  ['019ab9a0-0000-7000-8000-00000000a007', 'المحكمة العامة بالأحساء', 'Al-Ahsa General Court'],
];

/**
 * The association's services as a starting catalog: name, whether an authority's permit or approval
 * is normally needed, and the service-time target in working days. The administrator edits it.
 */
const REQUEST_TYPES: ReadonlyArray<readonly [id: string, code: string, nameAr: string, nameEn: string, needsAuthority: 0 | 1, days: number]> = [
  ['019ab9a0-0000-7000-8000-00000000b001', 'financial_aid', 'مساعدة مالية', 'Financial aid', 0, 10],
  ['019ab9a0-0000-7000-8000-00000000b002', 'visit_permit', 'تصريح زيارة سجين', 'Prison visit permit', 1, 15],
  ['019ab9a0-0000-7000-8000-00000000b003', 'family_support', 'دعم أسرة سجين', "Support for a prisoner's family", 0, 10],
  ['019ab9a0-0000-7000-8000-00000000b004', 'rehabilitation', 'تأهيل وتوظيف مفرج عنه', 'Rehabilitation and employment after release', 0, 20],
  ['019ab9a0-0000-7000-8000-00000000b005', 'debt_settlement', 'سداد دين أو غرامة', 'Settling a debt or fine', 1, 30],
  ['019ab9a0-0000-7000-8000-00000000b006', 'education_support', 'دعم تعليم الأبناء', "Children's education support", 0, 10],
  ['019ab9a0-0000-7000-8000-00000000b007', 'legal_consultation', 'استشارة قانونية', 'Legal consultation', 0, 5],
];

/**
 * Casework: official letters (with their scans), requests and their life, complaints, notes and
 * suggestions, inquiries and the reference library they are answered from. Stages change by
 * appending events; the request or complaint row keeps the current stage for the queues.
 */
export const casework: Migration = {
  version: 5,
  name: 'casework',
  statements: [
    `CREATE TABLE authorities (
      id TEXT PRIMARY KEY NOT NULL,
      name_ar TEXT NOT NULL UNIQUE,
      name_en TEXT,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      ${STAMPS}
    ) STRICT`,
    ...AUTHORITIES.map(
      ([id, nameAr, nameEn]) =>
        `INSERT INTO authorities (id, name_ar, name_en, active, created_at, updated_at, created_by, updated_by)
         VALUES ('${id}', '${nameAr}', '${nameEn}', 1, ${NOW}, ${NOW}, '${SYSTEM}', '${SYSTEM}')`,
    ),

    // A scan, kept in the (encrypted) database itself: a copy of the file is a copy of the data.
    `CREATE TABLE attachments (
      id TEXT PRIMARY KEY NOT NULL,
      file_name TEXT NOT NULL,
      media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
      size INTEGER NOT NULL CHECK (size > 0),
      sha256 TEXT NOT NULL,
      -- NULL once destroyed with the person it was about.
      content BLOB,
      ${STAMPS}
    ) STRICT`,

    `CREATE TABLE request_types (
      id TEXT PRIMARY KEY NOT NULL,
      code TEXT NOT NULL UNIQUE,
      name_ar TEXT NOT NULL,
      name_en TEXT NOT NULL,
      needs_authority INTEGER NOT NULL CHECK (needs_authority IN (0, 1)),
      target_working_days INTEGER NOT NULL CHECK (target_working_days BETWEEN 1 AND 365),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      sort_order INTEGER NOT NULL,
      ${STAMPS}
    ) STRICT`,
    ...REQUEST_TYPES.map(
      ([id, code, nameAr, nameEn, needsAuthority, days], index) =>
        `INSERT INTO request_types (id, code, name_ar, name_en, needs_authority, target_working_days, active, sort_order,
                                    created_at, updated_at, created_by, updated_by)
         VALUES ('${id}', '${code}', '${nameAr}', '${nameEn.replace(/'/g, "''")}', ${needsAuthority}, ${days}, 1, ${index + 1},
                 ${NOW}, ${NOW}, '${SYSTEM}', '${SYSTEM}')`,
    ),

    // Days off besides Friday and Saturday; service-time targets count only working days.
    `CREATE TABLE holidays (
      id TEXT PRIMARY KEY NOT NULL,
      date TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      ${STAMPS}
    ) STRICT`,

    `CREATE TABLE requests (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL UNIQUE,
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      type_id TEXT NOT NULL REFERENCES request_types(id),
      summary TEXT NOT NULL,
      stage TEXT NOT NULL CHECK (stage IN ('received', 'under_review', 'referred', 'authority_answered', 'decided', 'notified', 'closed', 'withdrawn')),
      stage_since TEXT NOT NULL,
      owner_id TEXT NOT NULL REFERENCES users(id),
      received_at TEXT NOT NULL,
      -- Riyadh calendar date: received + the type's target in working days.
      due_date TEXT NOT NULL,
      authority_id TEXT REFERENCES authorities(id),
      referred_at TEXT,
      outcome TEXT CHECK (outcome IN ('approved', 'rejected')),
      decision_reason TEXT,
      decided_at TEXT,
      decided_by TEXT REFERENCES users(id),
      notified_at TEXT,
      closed_at TEXT,
      -- The contact it was opened from, when it was.
      source_contact_id TEXT REFERENCES contacts(id),
      ${STAMPS}
    ) STRICT`,
    `CREATE INDEX requests_by_beneficiary ON requests (beneficiary_id, received_at DESC)`,
    // The work queues read only open requests.
    `CREATE INDEX requests_open_by_owner ON requests (owner_id, stage, due_date) WHERE stage NOT IN ('closed', 'withdrawn')`,
    `CREATE INDEX requests_open_by_stage ON requests (stage, due_date) WHERE stage NOT IN ('closed', 'withdrawn')`,
    `CREATE INDEX requests_by_received ON requests (received_at)`,

    `CREATE TABLE letters (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
      -- Ours for an outgoing letter (given automatically), the sender's for an incoming one.
      number TEXT NOT NULL,
      -- The date written on the letter (Gregorian ISO date; shown in both calendars).
      letter_date TEXT NOT NULL,
      -- The body that sent or received it; a letter to or from the person names no authority.
      authority_id TEXT REFERENCES authorities(id),
      subject TEXT NOT NULL,
      -- The text of an outgoing letter written in Wasl, printed on the letterhead.
      body TEXT,
      beneficiary_id TEXT REFERENCES beneficiaries(id),
      request_id TEXT REFERENCES requests(id),
      scan_id TEXT REFERENCES attachments(id),
      registered_at TEXT NOT NULL,
      ${STAMPS},
      CHECK (authority_id IS NOT NULL OR beneficiary_id IS NOT NULL)
    ) STRICT`,
    `CREATE UNIQUE INDEX letters_outgoing_number ON letters (number) WHERE direction = 'outgoing'`,
    `CREATE INDEX letters_by_beneficiary ON letters (beneficiary_id, registered_at DESC, id DESC) WHERE beneficiary_id IS NOT NULL`,
    `CREATE INDEX letters_by_request ON letters (request_id) WHERE request_id IS NOT NULL`,
    `CREATE INDEX letters_by_date ON letters (letter_date)`,
    `CREATE TABLE request_events (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      request_id TEXT NOT NULL REFERENCES requests(id),
      -- Copied from the request so a person's timeline reads events through one index.
      beneficiary_id TEXT NOT NULL REFERENCES beneficiaries(id),
      action TEXT NOT NULL CHECK (action IN ('received', 'review_started', 'referred', 'authority_answered', 'decided', 'notified', 'closed', 'withdrawn', 'reassigned')),
      from_stage TEXT,
      to_stage TEXT NOT NULL,
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL REFERENCES users(id),
      note TEXT,
      authority_id TEXT REFERENCES authorities(id),
      letter_id TEXT REFERENCES letters(id),
      contact_id TEXT REFERENCES contacts(id),
      owner_id TEXT REFERENCES users(id),
      outcome TEXT CHECK (outcome IN ('approved', 'rejected')),
      ${STAMPS}
    ) STRICT`,
    `CREATE INDEX request_events_by_request ON request_events (request_id, at)`,
    `CREATE INDEX request_events_by_beneficiary ON request_events (beneficiary_id, at DESC, id DESC)`,

    // A contact through the letter channel names the letter.
    `ALTER TABLE contacts ADD COLUMN letter_id TEXT REFERENCES letters(id)`,

    `CREATE TABLE complaints (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('complaint', 'note', 'suggestion')),
      beneficiary_id TEXT REFERENCES beneficiaries(id),
      -- Someone not registered (or who gives only a name).
      person_name TEXT,
      about TEXT NOT NULL CHECK (about IN ('service', 'program', 'staff', 'other')),
      -- A complaint about a staff member is never shown to that person.
      about_staff_id TEXT REFERENCES users(id),
      subject TEXT NOT NULL,
      details TEXT,
      stage TEXT NOT NULL CHECK (stage IN ('received', 'acknowledged', 'investigating', 'resolved', 'answered', 'closed')),
      stage_since TEXT NOT NULL,
      owner_id TEXT NOT NULL REFERENCES users(id),
      received_at TEXT NOT NULL,
      due_date TEXT NOT NULL,
      resolution TEXT,
      answered_at TEXT,
      answer_contact_id TEXT REFERENCES contacts(id),
      -- A suggestion ends with a decision and, when adopted, the improvement it led to.
      decision TEXT CHECK (decision IN ('adopted', 'declined', 'under_study')),
      improvement TEXT,
      decided_at TEXT,
      closed_at TEXT,
      source_contact_id TEXT REFERENCES contacts(id),
      ${STAMPS},
      CHECK (about <> 'staff' OR about_staff_id IS NOT NULL)
    ) STRICT`,
    `CREATE INDEX complaints_by_beneficiary ON complaints (beneficiary_id, received_at DESC) WHERE beneficiary_id IS NOT NULL`,
    `CREATE INDEX complaints_open_by_owner ON complaints (owner_id, stage, due_date) WHERE stage <> 'closed'`,
    `CREATE INDEX complaints_open_by_stage ON complaints (stage, due_date) WHERE stage <> 'closed'`,
    `CREATE INDEX complaints_by_received ON complaints (kind, received_at)`,

    `CREATE TABLE complaint_events (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      complaint_id TEXT NOT NULL REFERENCES complaints(id),
      beneficiary_id TEXT REFERENCES beneficiaries(id),
      action TEXT NOT NULL CHECK (action IN ('received', 'acknowledged', 'investigating', 'resolved', 'answered', 'closed', 'reassigned', 'decided')),
      from_stage TEXT,
      to_stage TEXT NOT NULL,
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL REFERENCES users(id),
      note TEXT,
      contact_id TEXT REFERENCES contacts(id),
      owner_id TEXT REFERENCES users(id),
      ${STAMPS}
    ) STRICT`,
    `CREATE INDEX complaint_events_by_complaint ON complaint_events (complaint_id, at)`,
    `CREATE INDEX complaint_events_by_beneficiary ON complaint_events (beneficiary_id, at DESC, id DESC) WHERE beneficiary_id IS NOT NULL`,

    // The reference library: bylaws, programs and services, standard answers.
    `CREATE TABLE articles (
      id TEXT PRIMARY KEY NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('bylaws', 'programs', 'services', 'answers')),
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      -- Title and body folded by the Arabic search normalization, searched word by word.
      search_text TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      ${STAMPS}
    ) STRICT`,

    // An inquiry is a contact whose answer is awaited; the time to answer is what the policy measures.
    `CREATE TABLE inquiries (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      contact_id TEXT NOT NULL UNIQUE REFERENCES contacts(id),
      beneficiary_id TEXT REFERENCES beneficiaries(id),
      question TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'answered')),
      asked_at TEXT NOT NULL,
      owner_id TEXT NOT NULL REFERENCES users(id),
      answer TEXT,
      answered_at TEXT,
      answered_by TEXT REFERENCES users(id),
      -- The contact that carried the answer, when it was not given on the spot.
      answer_contact_id TEXT REFERENCES contacts(id),
      article_id TEXT REFERENCES articles(id),
      ${STAMPS},
      CHECK ((status = 'pending') = (answered_at IS NULL))
    ) STRICT`,
    `CREATE INDEX inquiries_pending ON inquiries (asked_at) WHERE status = 'pending'`,
    `CREATE INDEX inquiries_pending_by_owner ON inquiries (owner_id, asked_at) WHERE status = 'pending'`,
    `CREATE INDEX inquiries_by_asked ON inquiries (asked_at)`,
    `CREATE INDEX inquiries_by_beneficiary ON inquiries (beneficiary_id) WHERE beneficiary_id IS NOT NULL`,
  ],
};
