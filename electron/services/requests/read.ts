import type { Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { Permission } from '../../api/permissions';
import {
  requestWorkflow,
  type NamedAuthority,
  type RequestAction,
  type RequestDetail,
  type RequestEventView,
  type RequestOutcome,
  type RequestPage,
  type RequestStage,
  type RequestSummary,
  type StaffName,
} from '../../api/requests';
import { offersAt, recordPath } from '../../api/workflow/engine';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { NOTHING_SHIELDED, shieldFor, type Shield } from '../complaints/shield';
import { fullNameOf } from '../beneficiaries/mapping';
import { loadWorkingCalendar, workingDaysBetween, type WorkingCalendar } from '../calendar/working-days';
import type { CallContext } from '../context';
import { notFound } from '../errors';
import { isOverdue as isOverdueIn, notFinal, permissionsOf, stageTimesOf } from '../workflow/rules';

/** Reading requests: one with its whole history, a filtered page of them, and one person's. */

type Db = Kysely<DatabaseSchema>;

const { groups } = requestWorkflow;
const isAwaiting = (stage: RequestStage) => groups.dueRunning.includes(stage);
const isFinal = (stage: RequestStage) => groups.final.includes(stage);

/** Not yet told to the beneficiary, and past the due date: the day after it has begun in Riyadh. */
export const isOverdue = (stage: RequestStage, dueDate: string, today: string) => isOverdueIn(requestWorkflow, stage, dueDate, today);

function selectSummaries(db: Db) {
  return db
    .selectFrom('requests as r')
    .innerJoin('beneficiaries as b', 'b.id', 'r.beneficiary_id')
    .innerJoin('request_types as t', 't.id', 'r.type_id')
    .innerJoin('users as o', 'o.id', 'r.owner_id')
    .select([
      'r.id',
      'r.number',
      'r.stage',
      'r.stage_since',
      'r.received_at',
      'r.due_date',
      'r.beneficiary_id',
      'b.file_number',
      'b.first_name',
      'b.father_name',
      'b.grandfather_name',
      'b.family_name',
      'r.type_id',
      't.name_ar as type_name_ar',
      't.name_en as type_name_en',
      'r.owner_id',
      'o.display_name as owner_name',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow, today: string): RequestSummary {
  return {
    id: row.id,
    number: row.number,
    beneficiary: { id: row.beneficiary_id, fullName: fullNameOf(row), fileNumber: row.file_number },
    type: { id: row.type_id, nameAr: row.type_name_ar, nameEn: row.type_name_en },
    stage: row.stage,
    stageSince: row.stage_since,
    owner: { id: row.owner_id, displayName: row.owner_name },
    receivedAt: row.received_at,
    dueDate: row.due_date,
    overdue: isOverdue(row.stage, row.due_date, today),
  };
}

/**
 * The requests matching the list's filters, newest first (without paging). Each filter reads through
 * one of the requests table's indexes: a person's requests through requests_by_beneficiary, the open
 * ones of an owner or a stage through the partial indexes of open requests, everything else in order
 * of receipt. SQLite uses a partial index only when the query repeats the index's condition word for
 * word, with the literal values (a bound parameter would not do): hence `notFinal`, the raw condition
 * built from the workflow's final stages.
 */
export function requestListQuery(db: Db, input: Omit<ValidInput<'requests.list'>, 'limit' | 'offset'>, today: string) {
  const onlyOpen = input.overdue === true || input.stage === 'open' || (input.stage !== undefined && !isFinal(input.stage));
  let query = selectSummaries(db);
  if (onlyOpen) query = query.where(notFinal(requestWorkflow, 'r.stage'));
  if (input.stage !== undefined && input.stage !== 'open') query = query.where('r.stage', '=', input.stage);
  if (input.typeId !== undefined) query = query.where('r.type_id', '=', input.typeId);
  if (input.ownerId !== undefined) query = query.where('r.owner_id', '=', input.ownerId);
  if (input.beneficiaryId !== undefined) query = query.where('r.beneficiary_id', '=', input.beneficiaryId);
  if (input.overdue === true) {
    query = query.where('r.stage', 'in', [...groups.dueRunning]).where('r.due_date', '<', today);
  } else if (input.overdue === false) {
    query = query.where((eb) => eb.or([eb('r.stage', 'not in', [...groups.dueRunning]), eb('r.due_date', '>=', today)]));
  }
  return query.orderBy('r.received_at', 'desc').orderBy('r.seq', 'desc');
}

/** A page of requests, newest first, with the count of all that match. */
export async function listRequests(db: Db, input: ValidInput<'requests.list'>, now: Date): Promise<RequestPage> {
  const today = todayInRiyadh(now);
  const rows = await requestListQuery(db, input, today).limit(input.limit).offset(input.offset).execute();
  const counted = await requestListQuery(db, input, today)
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows: rows.map((row) => toSummary(row, today)), total: Number(counted.total) };
}

/**
 * One request with its type, people, authority, decision, events (oldest first), time in each stage,
 * its stepper's path and what a reader whose role allows `may` can do with it now, as `shield` lets
 * the reader see it: a request opened in a contact that carries a complaint about the reader is
 * theirs to handle, without a pointer to that contact.
 */
export async function getRequest(db: Db, id: string, now: Date, shield: Shield, may: (permission: Permission) => boolean): Promise<RequestDetail> {
  const row = await selectSummaries(db)
    .leftJoin('authorities as a', 'a.id', 'r.authority_id')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .select([
      'r.summary',
      't.needs_authority',
      't.target_working_days',
      'r.authority_id',
      'a.name_ar as authority_name_ar',
      'a.name_en as authority_name_en',
      'r.referred_at',
      'r.outcome',
      'r.decision_reason',
      'r.decided_at',
      'r.decided_by',
      'd.display_name as decided_by_name',
      'r.notified_at',
      'r.closed_at',
      'r.source_contact_id',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('request');
  const calendar = await loadWorkingCalendar(db);
  const today = todayInRiyadh(now);
  const events = (await eventsOf(db, id)).map((event) => ({ ...event, contactId: shield.contactPointer(event.contactId) }));
  const summary = toSummary(row, today);
  return {
    ...summary,
    summary: row.summary,
    type: { ...summary.type, needsAuthority: row.needs_authority === 1, targetWorkingDays: row.target_working_days },
    workingDaysLeft: isAwaiting(row.stage) ? workingDaysLeft(calendar, today, row.due_date) : null,
    authority: row.authority_id === null ? null : { id: row.authority_id, nameAr: row.authority_name_ar ?? '', nameEn: row.authority_name_en },
    referredAt: row.referred_at,
    outcome: row.outcome,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by === null ? null : { id: row.decided_by, displayName: row.decided_by_name ?? '' },
    notifiedAt: row.notified_at,
    closedAt: row.closed_at,
    sourceContactId: shield.contactPointer(row.source_contact_id),
    events,
    stageTimes: stageTimesOf(requestWorkflow, events, calendar, now),
    // The referral shows when it was made, or when the type normally needs an authority and it may still be.
    path: recordPath(requestWorkflow, { stage: row.stage, detourTaken: row.authority_id !== null, detourExpected: row.needs_authority === 1, events }),
    allowedMoves: offersAt(requestWorkflow, row.stage, may),
  };
}

/**
 * A request as an officer opens it: what the person asked for and why it was decided so is their
 * personal data, so the viewing is recorded on the person's trail, naming the request.
 */
export async function viewRequest(db: Db, id: string, context: CallContext): Promise<RequestDetail> {
  const request = await getRequest(db, id, context.now, await shieldFor(db, context.actorId), await permissionsOf(db, context.actorId));
  await appendAudit(db, context, {
    action: 'request.viewed',
    entityType: 'beneficiary',
    entityId: request.beneficiary.id,
    summary: { requestId: request.id, number: request.number },
  });
  return request;
}

/** Every request of one person, newest first, each with its history (for the subject-access document). */
export async function requestsOf(db: Db, beneficiaryId: string, now: Date = new Date()): Promise<RequestDetail[]> {
  const ids = await db
    .selectFrom('requests')
    .select('id')
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('received_at', 'desc')
    .orderBy('seq', 'desc')
    .execute();
  const requests: RequestDetail[] = [];
  // The person's own record, whoever prepares it (see personal-data.ts): every pointer whole, and
  // nothing offered to do with it.
  for (const { id } of ids) requests.push(await getRequest(db, id, now, NOTHING_SHIELDED, () => false));
  return requests;
}

/** Working days from today to the due date; negative when it has passed (late by that many). */
function workingDaysLeft(calendar: WorkingCalendar, today: string, dueDate: string): number {
  return dueDate >= today ? workingDaysBetween(calendar, today, dueDate) : -workingDaysBetween(calendar, dueDate, today);
}

async function eventsOf(db: Db, requestId: string): Promise<RequestEventView[]> {
  const rows = await db
    .selectFrom('request_events as e')
    .innerJoin('users as actor', 'actor.id', 'e.actor_id')
    .leftJoin('authorities as a', 'a.id', 'e.authority_id')
    .leftJoin('letters as l', 'l.id', 'e.letter_id')
    .leftJoin('users as owner', 'owner.id', 'e.owner_id')
    .select([
      'e.id',
      'e.action',
      'e.from_stage',
      'e.to_stage',
      'e.at',
      'e.actor_id',
      'actor.display_name as actor_name',
      'e.note',
      'e.authority_id',
      'a.name_ar as authority_name_ar',
      'a.name_en as authority_name_en',
      'e.letter_id',
      'l.number as letter_number',
      'l.direction as letter_direction',
      'l.letter_date',
      'e.contact_id',
      'e.owner_id',
      'owner.display_name as owner_name',
      'e.outcome',
    ])
    .where('e.request_id', '=', requestId)
    .orderBy('e.at')
    .orderBy('e.seq')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    action: row.action as RequestAction,
    fromStage: row.from_stage,
    toStage: row.to_stage,
    at: row.at,
    actor: { id: row.actor_id, displayName: row.actor_name },
    note: row.note,
    authority: row.authority_id === null ? null : ({ id: row.authority_id, nameAr: row.authority_name_ar ?? '', nameEn: row.authority_name_en } satisfies NamedAuthority),
    letter:
      row.letter_id === null
        ? null
        : { id: row.letter_id, number: row.letter_number ?? '', direction: row.letter_direction ?? 'outgoing', letterDate: row.letter_date ?? '' },
    contactId: row.contact_id,
    owner: row.owner_id === null ? null : ({ id: row.owner_id, displayName: row.owner_name ?? '' } satisfies StaffName),
    outcome: row.outcome as RequestOutcome | null,
  }));
}
