import { sql, type Kysely, type SqlBool } from 'kysely';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import {
  QUEUE_ROWS,
  type OfficeQueues,
  type OfficerLoad,
  type QueueAwaitingDecision,
  type QueueComplaint,
  type QueueDecidedRequest,
  type QueueInquiry,
  type QueueList,
  type QueuePerson,
  type QueueReferredRequest,
  type QueueRequest,
  type WorkQueues,
} from '../../api/queues';
import { complaintWorkflow } from '../../api/complaints';
import { requestWorkflow } from '../../api/requests';
import type { DatabaseSchema } from '../../../db/schema';
import { absenceFollowUps } from '../attendance/follow-up';
import { feeWaiverQueue } from '../program-fees/queue';
import { fullNameOf } from '../beneficiaries/mapping';
import { loadWorkingCalendar, workingDaysBetween } from '../calendar/working-days';
import { shieldFor } from '../complaints/shield';
import { IS_PENDING } from '../inquiries/service';
import { isOverdue, notFinal, notInStagesCondition, permissionsOf } from '../workflow/rules';

type Db = Kysely<DatabaseSchema>;

/*
 * Every queue reads only open work through the partial indexes of the casework migration. SQLite
 * uses a partial index only when the query repeats the index's WHERE term as written, so these terms
 * are literal SQL, never bound parameters: the open requests and complaints are said as the
 * workflows' final stages (see notFinal), the pending inquiries as the inquiries say them.
 */
const OPEN_REQUEST = notFinal(requestWorkflow, 'r.stage');
const OPEN_COMPLAINT = notFinal(complaintWorkflow, 'c.stage');

/** The request workflow's stage groups each queue reads. */
const REQUEST_GROUPS = requestWorkflow.groups;
/**
 * Complaints, notes and suggestions still waiting for their answer to the person: open, and not yet
 * answered. Said as the open stages that are not waiting ("not answered") rather than a list of
 * stages, so that counting per owner reads complaints_open_by_owner alone instead of looking each
 * complaint up.
 */
const TO_ANSWER = sql<SqlBool>`${sql.raw(
  notInStagesCondition(
    'c.stage',
    complaintWorkflow.groups.open.filter((stage) => !complaintWorkflow.groups.toAnswer.includes(stage)),
  ),
)}`;

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/**
 * Whose work a queue shows, and who is looking. A complaint about a staff member is never shown to
 * that person, whoever owns it.
 */
interface Scope {
  /** The owner whose work is listed; null for the whole office. */
  ownerId: string | null;
  viewerId: string;
  today: string;
  now: Date;
}

/**
 * What the queues leave out, by seq: the open complaints about the person looking, and the pending
 * inquiries asked through a contact that carries one (see shield.ts).
 */
interface Hidden {
  complaintSeqs: number[];
  inquirySeqs: number[];
}

type RequestQueue = 'open' | 'awaitingAuthority' | 'decidedNotNotified' | 'overdue' | 'awaitingDecision';

/** The caller's own queues: what they hold, as far as their role lets them handle it. */
export async function myQueues(db: Db, userId: string, now: Date): Promise<WorkQueues> {
  return db.transaction().execute(async (trx) => {
    return readQueues(trx, { ownerId: userId, viewerId: userId, today: todayInRiyadh(now), now }, await hiddenFrom(trx, userId));
  });
}

/** The whole office's queues and each officer's load, as a supervisor sees them. */
export async function officeQueues(db: Db, userId: string, now: Date): Promise<OfficeQueues> {
  // One read transaction: the lists, their totals and the load agree with each other.
  return db.transaction().execute(async (trx) => {
    const scope: Scope = { ownerId: null, viewerId: userId, today: todayInRiyadh(now), now };
    const hidden = await hiddenFrom(trx, userId);
    const queues = await readQueues(trx, scope, hidden);
    return { ...queues, load: await officeLoad(trx, scope, hidden) };
  });
}

async function readQueues(db: Db, scope: Scope, hidden: Hidden): Promise<WorkQueues> {
  const may = await permissionsOf(db, scope.viewerId);
  const requests = may('requests.handle');
  return {
    today: scope.today,
    openRequests: requests ? await requestQueue(db, scope, 'open', toRequest) : null,
    awaitingAuthority: requests ? await requestQueue(db, scope, 'awaitingAuthority', toReferredRequest) : null,
    decidedNotNotified: requests ? await requestQueue(db, scope, 'decidedNotNotified', toDecidedRequest) : null,
    overdue: requests ? await requestQueue(db, scope, 'overdue', toRequest) : null,
    awaitingDecision: may('requests.decide') ? await awaitingDecisionQueue(db, scope) : null,
    complaintsToAnswer: may('complaints.handle') ? await complaintQueue(db, scope, hidden) : null,
    pendingInquiries: may('contacts.log') ? await inquiryQueue(db, scope, hidden) : null,
    absenceFollowUps: may('enrolments.handle') ? await absenceFollowUps(db, scope.ownerId) : null,
    feeWaivers: may('enrolments.supervise') ? await feeWaiverQueue(db) : null,
  };
}

// --- Requests --------------------------------------------------------------------------------

/** The open requests of one queue, through requests_open_by_owner (one owner) or requests_open_by_stage. */
function requestsOf(db: Db, scope: Scope, queue: RequestQueue) {
  return db
    .selectFrom('requests as r')
    .where(OPEN_REQUEST)
    .$if(scope.ownerId !== null, (query) => query.where('r.owner_id', '=', scope.ownerId ?? ''))
    .$if(queue === 'awaitingAuthority', (query) => query.where('r.stage', 'in', REQUEST_GROUPS.awaitingAuthority))
    .$if(queue === 'decidedNotNotified', (query) => query.where('r.stage', 'in', REQUEST_GROUPS.awaitingNotification))
    .$if(queue === 'awaitingDecision', (query) => query.where('r.stage', 'in', REQUEST_GROUPS.awaitingDecision))
    .$if(queue === 'overdue', (query) => query.where('r.stage', 'in', REQUEST_GROUPS.dueRunning).where('r.due_date', '<', scope.today));
}

/**
 * One queue of requests: the total, and the first rows, the most urgent first (the nearest due date;
 * the longest wait for an authority or for the notification).
 */
function requestQueue<Row>(
  db: Db,
  scope: Scope,
  queue: RequestQueue,
  toRow: (row: RequestDetail, scope: Scope) => Row,
): Promise<QueueList<Row>> {
  const orderColumn =
    queue === 'awaitingAuthority'
      ? 'r.referred_at'
      : queue === 'decidedNotNotified'
        ? 'r.decided_at'
        : queue === 'awaitingDecision'
          ? 'r.stage_since'
          : 'r.due_date';
  return queueList({
    count: () => requestsOf(db, scope, queue).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    first: () => requestsOf(db, scope, queue).select('r.seq').orderBy(orderColumn).orderBy('r.seq').limit(QUEUE_ROWS).execute(),
    details: (seqs) => requestDetails(db, seqs),
    toRow: (row) => toRow(row, scope),
  });
}

type RequestDetail = Awaited<ReturnType<typeof requestDetails>>[number];

/** The few listed requests with their person, type, owner and authority. */
function requestDetails(db: Db, seqs: number[]) {
  return db
    .selectFrom('requests as r')
    .innerJoin('beneficiaries as b', 'b.id', 'r.beneficiary_id')
    .innerJoin('request_types as t', 't.id', 'r.type_id')
    .innerJoin('users as u', 'u.id', 'r.owner_id')
    .leftJoin('authorities as a', 'a.id', 'r.authority_id')
    .select([
      'r.seq',
      'r.id',
      'r.number',
      'r.stage',
      'r.due_date',
      'r.referred_at',
      'r.outcome',
      'r.decided_at',
      'r.stage_since',
      'r.owner_id',
      'u.display_name as owner_name',
      ...BENEFICIARY_COLUMNS,
      't.name_ar as type_name_ar',
      't.name_en as type_name_en',
      'a.name_ar as authority_name_ar',
      'a.name_en as authority_name_en',
    ])
    .where('r.seq', 'in', seqs)
    .execute();
}

function toRequest(row: RequestDetail, scope: Scope): QueueRequest {
  return {
    id: row.id,
    number: row.number,
    person: { beneficiaryId: row.beneficiary_id, name: fullNameOf(row), fileNumber: row.file_number },
    type: { nameAr: row.type_name_ar, nameEn: row.type_name_en },
    stage: row.stage,
    dueDate: row.due_date,
    overdue: isOverdue(requestWorkflow, row.stage, row.due_date, scope.today),
    owner: { id: row.owner_id, displayName: row.owner_name },
  };
}

function toReferredRequest(row: RequestDetail, scope: Scope): QueueReferredRequest {
  return {
    ...toRequest(row, scope),
    authority: row.authority_name_ar === null ? null : { nameAr: row.authority_name_ar, nameEn: row.authority_name_en },
    referredAt: row.referred_at,
    daysWaiting: row.referred_at === null ? 0 : daysSince(row.referred_at, scope.today),
  };
}

function toDecidedRequest(row: RequestDetail, scope: Scope): QueueDecidedRequest {
  return {
    ...toRequest(row, scope),
    outcome: row.outcome,
    decidedAt: row.decided_at,
    daysSinceDecision: row.decided_at === null ? 0 : daysSince(row.decided_at, scope.today),
  };
}

/**
 * The office's requests waiting for a supervisor's decision, whoever holds them, the longest waiting
 * first; each with its wait in working days, as the request's own targets count.
 */
async function awaitingDecisionQueue(db: Db, scope: Scope): Promise<QueueList<QueueAwaitingDecision>> {
  const list = await requestQueue(db, { ...scope, ownerId: null }, 'awaitingDecision', (row) => row);
  if (list.rows.length === 0) return { total: list.total, rows: [] };
  const calendar = await loadWorkingCalendar(db);
  return {
    total: list.total,
    rows: list.rows.map((row) => ({
      ...toRequest(row, scope),
      // In a decidable stage, stage_since is when the review started or the authority's answer came.
      waitingSince: row.stage_since,
      workingDaysWaiting: workingDaysBetween(calendar, todayInRiyadh(new Date(row.stage_since)), scope.today),
    })),
  };
}

// --- Complaints ------------------------------------------------------------------------------

/**
 * What the shield withholds from the person looking, among the open work, by seq. Read once per call,
 * so that the queues and counts after it read the open-work indexes alone.
 */
async function hiddenFrom(db: Db, viewerId: string): Promise<Hidden> {
  const shield = await shieldFor(db, viewerId);
  if (shield.empty) return { complaintSeqs: [], inquirySeqs: [] };
  const complaints = await db
    .selectFrom('complaints as c')
    .select('c.seq')
    .where(OPEN_COMPLAINT)
    .where(TO_ANSWER)
    .where('c.id', 'in', shield.ids('complaint'))
    .execute();
  const inquiryIds = shield.ids('inquiry');
  const inquiries =
    inquiryIds.length === 0 ? [] : await db.selectFrom('inquiries as i').select('i.seq').where(IS_PENDING).where('i.id', 'in', inquiryIds).execute();
  return { complaintSeqs: complaints.map((row) => row.seq), inquirySeqs: inquiries.map((row) => row.seq) };
}

/** Complaints, notes and suggestions to answer, never one about the person looking. */
function complaintsOf(db: Db, scope: Scope, hidden: Hidden) {
  return db
    .selectFrom('complaints as c')
    .where(OPEN_COMPLAINT)
    .where(TO_ANSWER)
    .$if(scope.ownerId !== null, (query) => query.where('c.owner_id', '=', scope.ownerId ?? ''))
    .$if(hidden.complaintSeqs.length > 0, (query) => query.where('c.seq', 'not in', hidden.complaintSeqs));
}

function complaintQueue(db: Db, scope: Scope, hidden: Hidden): Promise<QueueList<QueueComplaint>> {
  return queueList({
    count: () => complaintsOf(db, scope, hidden).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    first: () => complaintsOf(db, scope, hidden).select('c.seq').orderBy('c.due_date').orderBy('c.seq').limit(QUEUE_ROWS).execute(),
    details: (seqs) =>
      db
        .selectFrom('complaints as c')
        .innerJoin('users as u', 'u.id', 'c.owner_id')
        .leftJoin('beneficiaries as b', 'b.id', 'c.beneficiary_id')
        .select(['c.seq', 'c.id', 'c.number', 'c.kind', 'c.subject', 'c.stage', 'c.due_date', 'c.person_name', 'c.owner_id', 'u.display_name as owner_name', ...BENEFICIARY_COLUMNS])
        .where('c.seq', 'in', seqs)
        .execute(),
    toRow: (row) => ({
      id: row.id,
      number: row.number,
      kind: row.kind,
      subject: row.subject,
      person: personOf(row),
      stage: row.stage,
      dueDate: row.due_date,
      overdue: isOverdue(complaintWorkflow, row.stage, row.due_date, scope.today),
      owner: { id: row.owner_id, displayName: row.owner_name },
    }),
  });
}

// --- Inquiries -------------------------------------------------------------------------------

/** Pending inquiries, through inquiries_pending_by_owner (one owner) or inquiries_pending, oldest first. */
function inquiriesOf(db: Db, scope: Scope, hidden: Hidden) {
  return db
    .selectFrom('inquiries as i')
    .where(IS_PENDING)
    .$if(scope.ownerId !== null, (query) => query.where('i.owner_id', '=', scope.ownerId ?? ''))
    .$if(hidden.inquirySeqs.length > 0, (query) => query.where('i.seq', 'not in', hidden.inquirySeqs));
}

function inquiryQueue(db: Db, scope: Scope, hidden: Hidden): Promise<QueueList<QueueInquiry>> {
  return queueList({
    count: () => inquiriesOf(db, scope, hidden).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    first: () => inquiriesOf(db, scope, hidden).select('i.seq').orderBy('i.asked_at').orderBy('i.seq').limit(QUEUE_ROWS).execute(),
    details: (seqs) =>
      db
        .selectFrom('inquiries as i')
        .innerJoin('users as u', 'u.id', 'i.owner_id')
        // Before registration, the name given at the desk is on the contact the question came with.
        .innerJoin('contacts as k', 'k.id', 'i.contact_id')
        .leftJoin('beneficiaries as b', 'b.id', 'i.beneficiary_id')
        .select(['i.seq', 'i.id', 'i.contact_id', 'i.question', 'i.asked_at', 'i.owner_id', 'u.display_name as owner_name', 'k.person_name', ...BENEFICIARY_COLUMNS])
        .where('i.seq', 'in', seqs)
        .execute(),
    toRow: (row) => ({
      id: row.id,
      contactId: row.contact_id,
      question: row.question,
      person: personOf(row),
      askedAt: row.asked_at,
      ageMinutes: Math.max(0, Math.floor((scope.now.getTime() - Date.parse(row.asked_at)) / MINUTE_MS)),
      owner: { id: row.owner_id, displayName: row.owner_name },
    }),
  });
}

// --- Each officer's load ---------------------------------------------------------------------

/**
 * Each officer's open work, counted per owner straight from the open partial indexes. Every active
 * officer, supervisor and administrator is listed, and so is a deactivated account that still holds
 * open work: that work has to be given to someone.
 */
async function officeLoad(db: Db, scope: Scope, hidden: Hidden): Promise<OfficerLoad[]> {
  // Counting by owner and stage reads requests_open_by_owner alone, already grouped.
  const requestStages = await db
    .selectFrom('requests as r')
    .where(OPEN_REQUEST)
    .groupBy(['r.owner_id', 'r.stage'])
    .select((eb) => ['r.owner_id', 'r.stage', eb.fn.countAll<number>().as('n')])
    .execute();
  const complaints = await complaintsOf(db, scope, hidden)
    .groupBy('c.owner_id')
    .select((eb) => ['c.owner_id', eb.fn.countAll<number>().as('n')])
    .execute();
  const inquiries = await inquiriesOf(db, scope, hidden)
    .groupBy('i.owner_id')
    .select((eb) => ['i.owner_id', eb.fn.countAll<number>().as('n')])
    .execute();

  const requests = new Map<string, { open: number; referred: number; decided: number; overdue: number }>();
  for (const row of requestStages) {
    const held = requests.get(row.owner_id) ?? { open: 0, referred: 0, decided: 0, overdue: 0 };
    held.open += row.n;
    if (REQUEST_GROUPS.awaitingAuthority.includes(row.stage)) held.referred += row.n;
    if (REQUEST_GROUPS.awaitingNotification.includes(row.stage)) held.decided += row.n;
    requests.set(row.owner_id, held);
  }
  // Late work per owner is a range of requests_open_by_owner (owner, stage, due date) for each holder.
  for (const [ownerId, held] of requests) {
    const late = await requestsOf(db, { ...scope, ownerId }, 'overdue')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    held.overdue = late.n;
  }

  const holders = new Set([...requests.keys(), ...complaints.map((row) => row.owner_id), ...inquiries.map((row) => row.owner_id)]);
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'role', 'active'])
    .where('role', 'in', ['officer', 'supervisor', 'administrator'])
    .execute();
  const complaintsBy = new Map(complaints.map((row) => [row.owner_id, row.n]));
  const inquiriesBy = new Map(inquiries.map((row) => [row.owner_id, row.n]));

  return users
    .filter((user) => user.active === 1 || holders.has(user.id))
    .map((user): OfficerLoad => {
      const held = requests.get(user.id);
      return {
        user: { id: user.id, displayName: user.display_name, role: user.role as OfficerLoad['user']['role'], active: user.active === 1 },
        openRequests: held?.open ?? 0,
        overdueRequests: held?.overdue ?? 0,
        awaitingAuthority: held?.referred ?? 0,
        decidedNotNotified: held?.decided ?? 0,
        openComplaints: complaintsBy.get(user.id) ?? 0,
        pendingInquiries: inquiriesBy.get(user.id) ?? 0,
      };
    })
    .sort(heaviestFirst);
}

const totalLoad = (load: OfficerLoad) => load.openRequests + load.openComplaints + load.pendingInquiries;

/** The most open work first; at equal loads the most overdue, then by name. */
function heaviestFirst(a: OfficerLoad, b: OfficerLoad): number {
  return (
    totalLoad(b) - totalLoad(a) ||
    b.overdueRequests - a.overdueRequests ||
    a.user.displayName.localeCompare(b.user.displayName, 'ar')
  );
}

// --- Shared ----------------------------------------------------------------------------------

/**
 * One queue: its total and its first rows, the most urgent first. The rows are chosen from the
 * open-work index alone (`first`); only those few are then joined to their person and owner
 * (`details`) and put back in the order chosen.
 */
async function queueList<Detail extends { seq: number }, Row>(queue: {
  count: () => Promise<{ n: number }>;
  first: () => Promise<Array<{ seq: number }>>;
  details: (seqs: number[]) => Promise<Detail[]>;
  toRow: (detail: Detail) => Row;
}): Promise<QueueList<Row>> {
  const { n: total } = await queue.count();
  if (total === 0) return { total: 0, rows: [] };
  const seqs = (await queue.first()).map((row) => row.seq);
  const bySeq = new Map((await queue.details(seqs)).map((row) => [row.seq, row]));
  return { total, rows: seqs.flatMap((seq) => bySeq.get(seq) ?? []).map((row) => queue.toRow(row)) };
}

/** The columns that name a queue row's person, from the beneficiary joined as `b`. */
const BENEFICIARY_COLUMNS = ['b.id as beneficiary_id', 'b.file_number', 'b.first_name', 'b.father_name', 'b.grandfather_name', 'b.family_name'] as const;

interface PersonColumns {
  beneficiary_id: string | null;
  file_number: string | null;
  first_name: string | null;
  father_name: string | null;
  grandfather_name: string | null;
  family_name: string | null;
  person_name: string | null;
}

/** The registered person, or the name given by someone not registered. */
function personOf(row: PersonColumns): QueuePerson {
  if (row.beneficiary_id === null) return { beneficiaryId: null, name: row.person_name, fileNumber: null };
  return {
    beneficiaryId: row.beneficiary_id,
    name: fullNameOf({
      first_name: row.first_name ?? '',
      father_name: row.father_name ?? '',
      grandfather_name: row.grandfather_name ?? '',
      family_name: row.family_name ?? '',
    }),
    fileNumber: row.file_number,
  };
}

/** Whole calendar days from the Riyadh date of `instant` to `today`. */
function daysSince(instant: string, today: string): number {
  const from = todayInRiyadh(new Date(instant));
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS));
}
