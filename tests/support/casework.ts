// Requests, complaints and inquiries written straight into the database, in any stage, for tests
// that read casework (the queues) without walking each item through its life. Every row honours the
// CHECKs and foreign keys of the casework migration: a decided request has its outcome, reason and
// decider; a complaint about staff names the staff member; an inquiry hangs on a real contact.
import type { Kysely } from 'kysely';
import { openDatabase } from '../../db/connection';
import type { ComplaintStage, DatabaseSchema, RequestStage } from '../../db/schema';
import { newId } from '../../electron/services/ids';
import type { TestWasl } from './database';

type Db = Kysely<DatabaseSchema>;

/** The catalog seeded by the migration. */
export const REQUEST_TYPE_IDS = {
  financialAid: '019ab9a0-0000-7000-8000-00000000b001',
  visitPermit: '019ab9a0-0000-7000-8000-00000000b002',
} as const;
export const AUTHORITY_IDS = {
  prisons: '019ab9a0-0000-7000-8000-00000000a001',
  prosecution: '019ab9a0-0000-7000-8000-00000000a003',
} as const;

const REQUEST_ORDER: readonly RequestStage[] = ['received', 'under_review', 'referred', 'authority_answered', 'decided', 'notified', 'closed'];
const COMPLAINT_ORDER: readonly ComplaintStage[] = ['received', 'acknowledged', 'investigating', 'resolved', 'answered', 'closed'];

const HOUR_MS = 60 * 60 * 1000;

export interface FixtureRequest {
  beneficiaryId: string;
  ownerId: string;
  stage: RequestStage;
  /** Riyadh calendar date. */
  dueDate: string;
  receivedAt?: string;
  /** For a request referred (or further): when, and to whom. */
  referredAt?: string;
  authorityId?: string;
  /** For a request decided (or further). */
  decidedAt?: string;
  outcome?: 'approved' | 'rejected';
  typeId?: string;
}

export interface FixtureComplaint {
  ownerId: string;
  stage: ComplaintStage;
  dueDate: string;
  kind?: 'complaint' | 'note' | 'suggestion';
  beneficiaryId?: string | null;
  personName?: string | null;
  /** A staff member: the complaint is about them. */
  aboutStaffId?: string | null;
  subject?: string;
  receivedAt?: string;
}

export interface FixtureInquiry {
  ownerId: string;
  status: 'pending' | 'answered';
  askedAt: string;
  beneficiaryId?: string | null;
  /** Someone not registered: the name given at the desk, on the contact. */
  personName?: string | null;
  question?: string;
}

export interface CaseworkFixture {
  db: Db;
  /** Inserts a request and answers its id. */
  request(row: FixtureRequest): Promise<string>;
  complaint(row: FixtureComplaint): Promise<string>;
  inquiry(row: FixtureInquiry): Promise<string>;
  close(): void;
}

/** A second connection to the test's database (same key), for writing casework rows directly. */
export function openCasework(app: Pick<TestWasl, 'databasePath' | 'key'>): CaseworkFixture {
  const opened = openDatabase(app.databasePath, { key: app.key });
  const db = opened.db;
  let serial = 0;
  const nextNumber = (prefix: string) => `${prefix}-T${String(++serial).padStart(5, '0')}`;

  return {
    db,
    request: (row) => insertRequest(db, row, nextNumber('R')),
    complaint: (row) => insertComplaint(db, row, nextNumber('C')),
    inquiry: (row) => insertInquiry(db, row),
    close: () => opened.sqlite.close(),
  };
}

const stamped = (at: string, by: string) => ({ created_at: at, updated_at: at, created_by: by, updated_by: by });
const reached = <Stage extends string>(order: readonly Stage[], stage: Stage, step: Stage) => order.indexOf(stage) >= order.indexOf(step);
/** Instants are stored in UTC ISO form, whatever offset the test wrote them with. */
const iso = (instant: string | undefined) => (instant === undefined ? undefined : new Date(instant).toISOString());
const later = (instant: string, hours: number) => new Date(Date.parse(instant) + hours * HOUR_MS).toISOString();

async function insertRequest(db: Db, row: FixtureRequest, number: string): Promise<string> {
  const id = newId();
  const receivedAt = iso(row.receivedAt) ?? new Date(Date.parse(`${row.dueDate}T09:00:00+03:00`) - 14 * 24 * HOUR_MS).toISOString();
  // A withdrawn request is taken as withdrawn while under review.
  const stage = row.stage === 'withdrawn' ? 'under_review' : row.stage;
  // Referred and answered requests went to an authority; a later one did when the row says so.
  const referred =
    stage === 'referred' ||
    stage === 'authority_answered' ||
    (reached(REQUEST_ORDER, stage, 'decided') && (row.referredAt !== undefined || row.authorityId !== undefined));
  const referredAt = referred ? (iso(row.referredAt) ?? later(receivedAt, 24)) : null;
  const decided = reached(REQUEST_ORDER, stage, 'decided');
  const decidedAt = decided ? (iso(row.decidedAt) ?? later(referredAt ?? receivedAt, 48)) : null;
  const notifiedAt = reached(REQUEST_ORDER, stage, 'notified') && decidedAt ? later(decidedAt, 24) : null;
  const closedAt = row.stage === 'closed' && notifiedAt ? later(notifiedAt, 1) : null;
  const stageSince =
    row.stage === 'withdrawn' ? later(receivedAt, 2) : (closedAt ?? notifiedAt ?? decidedAt ?? referredAt ?? receivedAt);
  await db
    .insertInto('requests')
    .values({
      id,
      number,
      beneficiary_id: row.beneficiaryId,
      type_id: row.typeId ?? (referred ? REQUEST_TYPE_IDS.visitPermit : REQUEST_TYPE_IDS.financialAid),
      summary: 'طلب للاختبار',
      stage: row.stage,
      stage_since: stageSince,
      owner_id: row.ownerId,
      received_at: receivedAt,
      due_date: row.dueDate,
      authority_id: referred ? (row.authorityId ?? AUTHORITY_IDS.prisons) : null,
      referred_at: referredAt,
      outcome: decided ? (row.outcome ?? 'approved') : null,
      decision_reason: decided ? 'مستوفٍ للشروط' : null,
      decided_at: decidedAt,
      decided_by: decided ? row.ownerId : null,
      notified_at: notifiedAt,
      closed_at: closedAt,
      source_contact_id: null,
      ...stamped(receivedAt, row.ownerId),
    })
    .execute();
  return id;
}

async function insertComplaint(db: Db, row: FixtureComplaint, number: string): Promise<string> {
  const id = newId();
  const receivedAt = iso(row.receivedAt) ?? new Date(Date.parse(`${row.dueDate}T09:00:00+03:00`) - 7 * 24 * HOUR_MS).toISOString();
  const answeredAt = reached(COMPLAINT_ORDER, row.stage, 'answered') ? later(receivedAt, 48) : null;
  const closedAt = row.stage === 'closed' ? later(receivedAt, 72) : null;
  const beneficiaryId = row.beneficiaryId ?? null;
  await db
    .insertInto('complaints')
    .values({
      id,
      number,
      kind: row.kind ?? 'complaint',
      beneficiary_id: beneficiaryId,
      person_name: beneficiaryId === null ? (row.personName ?? 'مراجع غير مسجل') : null,
      about: row.aboutStaffId ? 'staff' : 'service',
      about_staff_id: row.aboutStaffId ?? null,
      subject: row.subject ?? 'تأخر الرد على الطلب',
      details: null,
      stage: row.stage,
      stage_since: closedAt ?? answeredAt ?? receivedAt,
      owner_id: row.ownerId,
      received_at: receivedAt,
      due_date: row.dueDate,
      resolution: reached(COMPLAINT_ORDER, row.stage, 'resolved') ? 'عولجت' : null,
      answered_at: answeredAt,
      answer_contact_id: null,
      decision: null,
      improvement: null,
      decided_at: null,
      closed_at: closedAt,
      source_contact_id: null,
      ...stamped(receivedAt, row.ownerId),
    })
    .execute();
  return id;
}

async function insertInquiry(db: Db, row: FixtureInquiry): Promise<string> {
  const beneficiaryId = row.beneficiaryId ?? null;
  const question = row.question ?? 'متى تصرف المساعدة الشهرية؟';
  const askedAt = new Date(row.askedAt).toISOString();
  const contactId = newId();
  await db
    .insertInto('contacts')
    .values({
      id: contactId,
      beneficiary_id: beneficiaryId,
      person_name: beneficiaryId === null ? (row.personName ?? 'سائل غير مسجل') : null,
      person_phone: null,
      channel: 'in_person',
      direction: 'incoming',
      purpose: 'inquiry',
      summary: question,
      occurred_at: askedAt,
      duration_minutes: null,
      officer_id: row.ownerId,
      phone_number: null,
      platform: null,
      handle: null,
      web_reference: null,
      letter_id: null,
      ...stamped(askedAt, row.ownerId),
    })
    .execute();
  const id = newId();
  const answered = row.status === 'answered';
  await db
    .insertInto('inquiries')
    .values({
      id,
      contact_id: contactId,
      beneficiary_id: beneficiaryId,
      question,
      status: row.status,
      asked_at: askedAt,
      owner_id: row.ownerId,
      answer: answered ? 'في الأسبوع الأول من كل شهر' : null,
      answered_at: answered ? later(askedAt, 1) : null,
      answered_by: answered ? row.ownerId : null,
      answer_contact_id: null,
      article_id: null,
      ...stamped(askedAt, row.ownerId),
    })
    .execute();
  return id;
}
