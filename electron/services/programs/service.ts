import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import {
  MAX_SESSIONS_AT_ONCE,
  PROGRAM_STATUS_MOVES,
  type AddedSessions,
  type ProgramDetail,
  type ProgramFee,
  type ProgramPage,
  type ProgramStatus,
  type ProgramSummary,
} from '../../api/programs';
import type { Category } from '../../api/beneficiaries';
import type { DatabaseSchema, ProgramTable } from '../../../db/schema';
import { appendAudit, fieldChanges } from '../audit/log';
import { loadWorkingCalendar } from '../calendar/working-days';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { placesOf } from '../enrolments/waitlist';
import { newId } from '../ids';
import { normalizeArabic } from '../search/normalize';

type Db = Kysely<DatabaseSchema>;
type ProgramRow = Selectable<ProgramTable>;
type ProgramFields = ValidInput<'programs.save'>['fields'];

/** Completed and cancelled programs are the record of what happened: nothing of theirs changes. */
const FINAL_STATUSES: ReadonlySet<ProgramStatus> = new Set(['completed', 'cancelled']);

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/**
 * The places of a program no change of its capacity may take back: those of the people accepted,
 * active or completed, and each place offered from the waitlist while its offer runs.
 */
async function placesHeldIn(trx: Db, program: ProgramRow, context: CallContext): Promise<number> {
  const places = await placesOf(trx, program, todayInRiyadh(context.now));
  return places.taken + places.offered;
}

// --- Writing ----------------------------------------------------------------------------------

/**
 * Creates a program (planned, with no fee or session yet), or changes one that is not final: the
 * version the editor read must still be the program's, its capacity must hold the places already
 * taken, and its dates must hold the sessions it has.
 */
export async function saveProgram(db: Db, input: ValidInput<'programs.save'>, context: CallContext): Promise<ProgramDetail> {
  const programId = await db.transaction().execute(async (trx) => {
    const { fields } = input;
    if (input.id === undefined) return createProgram(trx, fields, context);
    const current = await requireProgram(trx, input.id);
    refuseFinal(current);
    if (input.expectedVersion === undefined || current.row_version !== input.expectedVersion) {
      throw new AppError('version_conflict', 'programs.changedMeanwhile');
    }
    if (fields.capacity < (await placesHeldIn(trx, current, context))) throw refuseField('fields.capacity', 'validation.programs.capacityBelowTaken');
    const outside = await trx
      .selectFrom('program_sessions')
      .select('date')
      .where('program_id', '=', current.id)
      .where((where) => where.or([where('date', '<', fields.startsOn), where('date', '>', fields.endsOn)]))
      .executeTakeFirst();
    if (outside) throw refuseField('fields.startsOn', 'validation.programs.sessionsOutsideDates');
    const columns = columnsOf(fields);
    const changes = fieldChanges(pickColumns(current, Object.keys(columns)), columns);
    if (changes.length === 0) return current.id;
    await trx
      .updateTable('programs')
      .set({ ...columns, row_version: current.row_version + 1, ...restamp(context) })
      .where('id', '=', current.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'program.saved',
      entityType: 'program',
      entityId: current.id,
      summary: { programId: current.id, fields: changes.map((change) => change.field) },
      changes,
    });
    return current.id;
  });
  return getProgram(db, programId);
}

async function createProgram(trx: Db, fields: ProgramFields, context: CallContext): Promise<string> {
  const programId = newId();
  const columns = columnsOf(fields);
  await trx
    .insertInto('programs')
    .values({ id: programId, ...columns, status: 'planned', status_reason: null, row_version: 1, ...stamp(context) })
    .execute();
  await appendEvent(trx, context, { programId, from: null, to: 'planned', reason: null });
  await appendAudit(trx, context, {
    action: 'program.saved',
    entityType: 'program',
    entityId: programId,
    summary: { programId, created: true, kind: fields.kind, status: 'planned' },
    changes: fieldChanges({}, columns),
  });
  return programId;
}

/**
 * Publishes a new version of a program's fee, announced today (Riyadh): versions are only ever
 * added, so the fee a person applied under stays as it was published. A free program publishes 0.
 */
export async function publishFee(db: Db, input: ValidInput<'programs.publishFee'>, context: CallContext): Promise<ProgramDetail> {
  await db.transaction().execute(async (trx) => {
    const program = await requireProgram(trx, input.programId);
    refuseFinal(program);
    const latest = await trx
      .selectFrom('program_fees')
      .select((select) => select.fn.max('version').as('version'))
      .where('program_id', '=', program.id)
      .executeTakeFirst();
    const version = (latest?.version ?? 0) + 1;
    const announcedOn = todayInRiyadh(context.now);
    const feeId = newId();
    await trx
      .insertInto('program_fees')
      .values({ id: feeId, program_id: program.id, version, amount: input.amount, covers: input.covers, announced_on: announcedOn, ...stamp(context) })
      .execute();
    await appendAudit(trx, context, {
      action: 'program.feePublished',
      entityType: 'program',
      entityId: program.id,
      summary: { programId: program.id, feeId, version, amount: input.amount, announcedOn },
    });
  });
  return getProgram(db, input.programId);
}

/**
 * Moves a program's status one step along (planned → open → running → completed), or cancels it
 * with a reason while it is not final. Registration opens only once a fee is published: the fees
 * are announced before anyone applies.
 */
export async function setProgramStatus(db: Db, input: ValidInput<'programs.setStatus'>, context: CallContext): Promise<ProgramDetail> {
  await db.transaction().execute(async (trx) => {
    const program = await requireProgram(trx, input.id);
    if (program.row_version !== input.expectedVersion) throw new AppError('version_conflict', 'programs.changedMeanwhile');
    if (program.status === input.status) throw new AppError('rule', 'programs.alreadyInStatus');
    refuseFinal(program);
    if (input.status === 'planned' || !PROGRAM_STATUS_MOVES[program.status].includes(input.status)) throw new AppError('rule', `programs.cannotMoveTo.${input.status}`);
    if (input.status === 'open') {
      const fee = await trx.selectFrom('program_fees').select('id').where('program_id', '=', program.id).executeTakeFirst();
      if (!fee) throw new AppError('rule', 'programs.feeNotPublished');
    }
    // Only a cancellation keeps a reason; a note typed with another move is the event's.
    const reason = input.status === 'cancelled' ? input.reason : null;
    await trx
      .updateTable('programs')
      .set({ status: input.status, status_reason: reason, row_version: program.row_version + 1, ...restamp(context) })
      .where('id', '=', program.id)
      .execute();
    await appendEvent(trx, context, { programId: program.id, from: program.status, to: input.status, reason: input.reason });
    await appendAudit(trx, context, {
      action: 'program.statusChanged',
      entityType: 'program',
      entityId: program.id,
      summary: { programId: program.id, from: program.status, to: input.status },
    });
  });
  return getProgram(db, input.id);
}

/**
 * Adds sessions to a program's schedule: single dates, or every chosen weekday between two dates.
 * The association's holidays are left out, and so is a date that already has a session starting at
 * that time; every date must fall within the program's own dates.
 */
export async function addSessions(db: Db, input: ValidInput<'programs.addSessions'>, context: CallContext): Promise<AddedSessions> {
  const outcome = await db.transaction().execute(async (trx) => {
    const program = await requireProgram(trx, input.programId);
    refuseFinal(program);
    const dates = datesOfSchedule(input.schedule);
    if (dates.length > MAX_SESSIONS_AT_ONCE) throw refuseField('schedule', 'validation.programs.tooManySessions');
    if (dates.some((date) => date < program.starts_on || date > program.ends_on)) {
      throw refuseField('schedule', 'validation.programs.outsideProgramDates');
    }
    const calendar = await loadWorkingCalendar(trx);
    const existing = new Set(
      (
        await trx.selectFrom('program_sessions').select('date').where('program_id', '=', program.id).where('starts_at', '=', input.startsAt).execute()
      ).map((row) => row.date),
    );
    const skippedHolidays = dates.filter((date) => calendar.holidays.has(date));
    const skippedExisting = dates.filter((date) => !calendar.holidays.has(date) && existing.has(date));
    const toAdd = dates.filter((date) => !calendar.holidays.has(date) && !existing.has(date));
    if (toAdd.length === 0) throw new AppError('rule', 'programs.nothingToAdd');
    await trx
      .insertInto('program_sessions')
      .values(
        toAdd.map((date) => ({
          id: newId(),
          program_id: program.id,
          date,
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          place: input.place,
          note: input.note,
          ...stamp(context),
        })),
      )
      .execute();
    await appendAudit(trx, context, {
      action: 'program.sessionsAdded',
      entityType: 'program',
      entityId: program.id,
      summary: { programId: program.id, added: toAdd.length, first: toAdd[0], last: toAdd[toAdd.length - 1], skippedHolidays: skippedHolidays.length },
    });
    return { added: toAdd.length, skippedHolidays, skippedExisting };
  });
  return { program: await getProgram(db, input.programId), ...outcome };
}

/**
 * Removes a session from the schedule. Once a program is running, a session on or before today is
 * one attendance may be taken for, and a session whose attendance was taken is the record of what
 * was held: either stays.
 */
export async function removeSession(db: Db, input: ValidInput<'programs.removeSession'>, context: CallContext): Promise<ProgramDetail> {
  const programId = await db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom('program_sessions').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!session) throw notFound('programSession');
    const program = await requireProgram(trx, session.program_id);
    refuseFinal(program);
    if (program.status === 'running' && session.date <= todayInRiyadh(context.now)) throw new AppError('rule', 'programs.sessionHeld');
    // Attendance may be taken for a past session before the program is marked running: what was taken stays with its session.
    const attended = await trx.selectFrom('program_attendance').select('session_id').where('session_id', '=', session.id).executeTakeFirst();
    if (attended) throw new AppError('rule', 'programs.sessionAttended');
    await trx.deleteFrom('program_sessions').where('id', '=', session.id).execute();
    await appendAudit(trx, context, {
      action: 'program.sessionRemoved',
      entityType: 'program',
      entityId: program.id,
      summary: { programId: program.id, sessionId: session.id, date: session.date, startsAt: session.starts_at },
    });
    return program.id;
  });
  return getProgram(db, programId);
}

/** The dates a schedule names, in order, each once. */
export function datesOfSchedule(schedule: ValidInput<'programs.addSessions'>['schedule']): string[] {
  if (schedule.kind === 'dates') return [...new Set(schedule.dates)].sort();
  const weekdays = new Set<number>(schedule.weekdays);
  const dates: string[] = [];
  const last = new Date(`${schedule.to}T00:00:00Z`).getTime();
  for (let day = new Date(`${schedule.from}T00:00:00Z`); day.getTime() <= last; day = new Date(day.getTime() + DAY_MS)) {
    if (weekdays.has(day.getUTCDay())) dates.push(day.toISOString().slice(0, 10));
    // A range of years would be refused for its count anyway: stop counting once past the limit.
    if (dates.length > MAX_SESSIONS_AT_ONCE) break;
  }
  return dates;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// --- Reading ----------------------------------------------------------------------------------

/**
 * A page of the catalog, the soonest first. The catalog is tens of programs, not thousands: the
 * words typed are matched in memory, Arabic folded as the search folds it (أ, إ and ا alike).
 */
export async function listPrograms(db: Db, input: ValidInput<'programs.list'>): Promise<ProgramPage> {
  let query = db.selectFrom('programs').selectAll();
  if (input.status) query = query.where('status', '=', input.status);
  if (input.kind) query = query.where('kind', '=', input.kind);
  const rows = await query.orderBy('starts_on', 'desc').orderBy('id', 'desc').execute();
  const words = normalizeArabic(input.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matching = rows.filter((row) => {
    const haystack = normalizeArabic([row.name_ar, row.name_en ?? '', row.place ?? ''].join(' ')).toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const page = matching.slice(input.offset, input.offset + input.limit);
  return { rows: await summariesOf(db, page), total: matching.length };
}

export async function getProgram(db: Db, id: string): Promise<ProgramDetail> {
  const row = await requireProgram(db, id);
  const [summary] = await summariesOf(db, [row]);
  const sessions = await db.selectFrom('program_sessions').selectAll().where('program_id', '=', id).orderBy('date').orderBy('starts_at').execute();
  const fees = await feesOf(db, [id]);
  const events = await db
    .selectFrom('program_events as e')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.from_status', 'e.to_status', 'e.reason', 'e.at', 'e.actor_id', 'u.display_name'])
    .where('e.program_id', '=', id)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return {
    ...summary!,
    description: row.description,
    conditions: row.conditions,
    categories: JSON.parse(row.categories) as Category[],
    gender: row.gender,
    ageMin: row.age_min,
    ageMax: row.age_max,
    hasInterview: row.has_interview === 1,
    minAttendancePercent: row.min_attendance_percent,
    maxUnexcusedAbsences: row.max_unexcused_absences,
    followUpAfterAbsences: row.follow_up_after_absences,
    offerDays: row.offer_days,
    statusReason: row.status_reason,
    rowVersion: row.row_version,
    sessions: sessions.map((session) => ({
      id: session.id,
      date: session.date,
      startsAt: session.starts_at,
      endsAt: session.ends_at,
      place: session.place,
      note: session.note,
    })),
    fees: fees.get(id) ?? [],
    history: events.map((event) => ({
      id: event.id,
      from: event.from_status,
      to: event.to_status,
      reason: event.reason,
      at: event.at,
      actor: { id: event.actor_id, displayName: event.display_name },
    })),
    nextStatuses: [...PROGRAM_STATUS_MOVES[row.status]],
  };
}

/**
 * The fee in force for someone who applied at `appliedAt` (an instant): the latest version published
 * before then, or null when none was.
 */
export async function feeInForce(db: Db, programId: string, appliedAt: string): Promise<ProgramFee | null> {
  const versions = (await feesOf(db, [programId])).get(programId) ?? [];
  return versions.find((fee) => fee.publishedAt <= appliedAt) ?? null;
}

async function summariesOf(db: Db, rows: readonly ProgramRow[]): Promise<ProgramSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const fees = await feesOf(db, ids);
  const counts = new Map(
    (
      await db
        .selectFrom('program_sessions')
        .select(['program_id', (select) => select.fn.countAll<number>().as('count')])
        .where('program_id', 'in', ids)
        .groupBy('program_id')
        .execute()
    ).map((row) => [row.program_id, Number(row.count)]),
  );
  return rows.map((row) => ({
    id: row.id,
    nameAr: row.name_ar,
    nameEn: row.name_en,
    kind: row.kind,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    capacity: row.capacity,
    place: row.place,
    currentFee: fees.get(row.id)?.[0] ?? null,
    sessionCount: counts.get(row.id) ?? 0,
  }));
}

/** Each program's published fees, the latest first. */
async function feesOf(db: Db, programIds: readonly string[]): Promise<Map<string, Array<ProgramFee & { publishedAt: string }>>> {
  const rows = await db
    .selectFrom('program_fees as f')
    .innerJoin('users as u', 'u.id', 'f.created_by')
    .select(['f.id', 'f.program_id', 'f.version', 'f.amount', 'f.covers', 'f.announced_on', 'f.created_at', 'f.created_by', 'u.display_name'])
    .where('f.program_id', 'in', programIds)
    .orderBy('f.version', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute();
  const byProgram = new Map<string, Array<ProgramFee & { publishedAt: string }>>();
  for (const row of rows) {
    const list = byProgram.get(row.program_id) ?? [];
    list.push({
      id: row.id,
      version: row.version,
      amount: row.amount,
      covers: row.covers,
      announcedOn: row.announced_on,
      publishedAt: row.created_at,
      publishedBy: { id: row.created_by, displayName: row.display_name },
    });
    byProgram.set(row.program_id, list);
  }
  return byProgram;
}

// --- Helpers ----------------------------------------------------------------------------------

async function requireProgram(db: Db | Transaction<DatabaseSchema>, id: string): Promise<ProgramRow> {
  const row = await db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('program');
  return row;
}

function refuseFinal(program: ProgramRow): void {
  if (FINAL_STATUSES.has(program.status)) throw new AppError('rule', 'programs.final');
}

async function appendEvent(
  trx: Db,
  context: CallContext,
  event: { programId: string; from: ProgramStatus | null; to: ProgramStatus; reason: string | null },
): Promise<void> {
  await trx
    .insertInto('program_events')
    .values({
      id: newId(),
      program_id: event.programId,
      from_status: event.from,
      to_status: event.to,
      reason: event.reason,
      at: context.now.toISOString(),
      actor_id: context.actorId,
      ...stamp(context),
    })
    .execute();
}

function columnsOf(fields: ProgramFields) {
  return {
    name_ar: fields.nameAr,
    name_en: fields.nameEn,
    kind: fields.kind,
    description: fields.description,
    conditions: fields.conditions,
    categories: JSON.stringify(fields.categories),
    gender: fields.gender,
    age_min: fields.ageMin,
    age_max: fields.ageMax,
    has_interview: fields.hasInterview ? 1 : 0,
    capacity: fields.capacity,
    min_attendance_percent: fields.minAttendancePercent,
    max_unexcused_absences: fields.maxUnexcusedAbsences,
    follow_up_after_absences: fields.followUpAfterAbsences,
    offer_days: fields.offerDays,
    starts_on: fields.startsOn,
    ends_on: fields.endsOn,
    place: fields.place,
  };
}

function pickColumns(row: ProgramRow, keys: readonly string[]): Record<string, unknown> {
  const source = row as unknown as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, source[key]]));
}
