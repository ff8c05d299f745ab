import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  AttendanceSessionSummary,
  AttendanceStatus,
  DisciplineNoteView,
  EnrolmentAttendance,
  ProgramAttendanceSessions,
  RosterLine,
  SessionAttendance,
} from '../../api/attendance';
import type { ValidInput } from '../../api/contract';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { ProgramSession } from '../../api/programs';
import type { DatabaseSchema, EnrolmentStage, ProgramAttendanceTable, ProgramSessionTable, ProgramTable } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { attendanceOf, marksOf } from './rate';

type Db = Kysely<DatabaseSchema>;
type SessionRow = Selectable<ProgramSessionTable>;
type ProgramRow = Selectable<ProgramTable>;

/**
 * The enrolments expected at a session: accepted (they hold a place and start with the first
 * session) or attending. Anyone else who has a mark for the session (withdrawn since, say) stays on
 * its roster with that mark.
 */
export const ON_THE_ROSTER: readonly EnrolmentStage[] = ['accepted', 'active'];

/** Rows of attendance written by one statement: eleven values each. */
const INSERT_BATCH = 500;

/** Completed and cancelled programs are the record of what happened: their attendance does not change. */
const PROGRAM_OVER: ReadonlySet<string> = new Set(['completed', 'cancelled']);

// --- Taking attendance -------------------------------------------------------------------------

/**
 * Takes or corrects a whole session's attendance in one transaction: every enrolment on the roster
 * is present but the exceptions given, each with its status and note. A line already marked is
 * updated only when it changed, and the audit entry names the lines corrected.
 */
export async function recordSession(db: Db, input: ValidInput<'attendance.record'>, context: CallContext): Promise<SessionAttendance> {
  await db.transaction().execute(async (trx) => {
    const { session, program } = await requireSession(trx, input.sessionId);
    refuseClosed(program, session, context.now);
    const roster = await rosterRows(trx, session);
    const byEnrolment = new Map(roster.map((line) => [line.enrolment_id, line]));
    const exceptions = new Map(input.exceptions.map((line) => [line.enrolmentId, line]));
    for (const enrolmentId of exceptions.keys()) {
      if (!byEnrolment.has(enrolmentId)) throw new AppError('rule', 'attendance.notOnRoster', { enrolmentId });
    }
    const marks = await sessionMarks(trx, session.id);

    const inserted: Array<Insertable<ProgramAttendanceTable>> = [];
    const corrected: string[] = [];
    const counts: Record<AttendanceStatus, number> = { present: 0, late: 0, excused: 0, unexcused: 0 };
    for (const line of roster) {
      const given = exceptions.get(line.enrolment_id);
      const current = marks.get(line.enrolment_id);
      // Someone no longer expected keeps the mark they had, unless it is given again.
      if (given === undefined && !ON_THE_ROSTER.includes(line.stage)) {
        if (current) counts[current.status] += 1;
        continue;
      }
      const wanted = given ?? { status: 'present' as const, note: null };
      counts[wanted.status] += 1;
      if (current === undefined) {
        inserted.push({
          id: newId(),
          session_id: session.id,
          enrolment_id: line.enrolment_id,
          program_id: program.id,
          beneficiary_id: line.beneficiary_id,
          status: wanted.status,
          note: wanted.note,
          ...stamp(context),
        });
      } else if (current.status !== wanted.status || current.note !== wanted.note) {
        // Every row of the pair is corrected, should two desks apart each have marked it.
        await trx
          .updateTable('program_attendance')
          .set((eb) => ({ status: wanted.status, note: wanted.note, row_version: eb('row_version', '+', 1), ...restamp(context) }))
          .where('session_id', '=', session.id)
          .where('enrolment_id', '=', line.enrolment_id)
          .execute();
        corrected.push(line.enrolment_id);
      }
    }
    if (inserted.length === 0 && corrected.length === 0) return;
    // A class taken for the first time is one statement, a very large one a few: SQLite binds at most
    // some thirty thousand values to one.
    for (let start = 0; start < inserted.length; start += INSERT_BATCH) {
      await trx.insertInto('program_attendance').values(inserted.slice(start, start + INSERT_BATCH)).execute();
    }
    await appendAudit(trx, context, {
      action: 'attendance.recorded',
      entityType: 'program',
      entityId: program.id,
      summary: {
        programId: program.id,
        sessionId: session.id,
        date: session.date,
        marked: inserted.length,
        corrected,
        ...counts,
      },
    });
  });
  return readSession(db, input.sessionId, context);
}

function refuseClosed(program: ProgramRow, session: SessionRow, now: Date): void {
  if (PROGRAM_OVER.has(program.status)) throw new AppError('rule', 'attendance.programOver');
  if (session.date > todayInRiyadh(now)) throw new AppError('rule', 'attendance.sessionNotYet');
}

// --- Reading -----------------------------------------------------------------------------------

/** A session's roster, the people in the order of their names, each with their mark and discipline notes. */
export async function readSession(db: Db, sessionId: string, context: CallContext): Promise<SessionAttendance> {
  const { session, program } = await requireSession(db, sessionId);
  const roster = await rosterRows(db, session);
  const marks = await sessionMarks(db, session.id);
  const notes = await disciplineNotesOfProgram(db, program.id);
  const lines: RosterLine[] = roster.map((row) => {
    const mark = marks.get(row.enrolment_id);
    const own = notes.filter((note) => note.enrolmentId === row.enrolment_id);
    return {
      enrolmentId: row.enrolment_id,
      beneficiary: { id: row.beneficiary_id, fullName: fullNameOf(row), fileNumber: row.file_number },
      stage: row.stage,
      status: mark?.status ?? null,
      note: mark?.note ?? null,
      warnings: own.filter((note) => note.kind === 'warning').length,
      disciplineNotes: own,
    };
  });
  lines.sort((a, b) => a.beneficiary.fullName.localeCompare(b.beneficiary.fullName, 'ar'));
  const closed = PROGRAM_OVER.has(program.status) || session.date > todayInRiyadh(context.now);
  return {
    program: { id: program.id, nameAr: program.name_ar, nameEn: program.name_en, place: program.place, status: program.status },
    session: toSession(session),
    taken: marks.size > 0,
    open: !closed,
    lines,
  };
}

/** A program's sessions in order, each with how many marks it has; the screen opens on today's first. */
export async function programSessions(db: Db, programId: string, context: CallContext): Promise<ProgramAttendanceSessions> {
  const program = await db.selectFrom('programs').select('id').where('id', '=', programId).executeTakeFirst();
  if (!program) throw notFound('program');
  const sessions = await db.selectFrom('program_sessions').selectAll().where('program_id', '=', programId).orderBy('date').orderBy('starts_at').execute();
  const counts = await db
    .selectFrom('program_attendance')
    .select((eb) => [
      'session_id',
      eb.fn.count<number>('enrolment_id').distinct().as('marked'),
      eb.fn.count<number>(eb.case().when('status', 'in', ['excused', 'unexcused']).then(eb.ref('enrolment_id')).end()).distinct().as('absent'),
    ])
    .where('program_id', '=', programId)
    .groupBy('session_id')
    .execute();
  const bySession = new Map(counts.map((row) => [row.session_id, row]));
  const summaries: AttendanceSessionSummary[] = sessions.map((session) => ({
    ...toSession(session),
    marked: bySession.get(session.id)?.marked ?? 0,
    absent: bySession.get(session.id)?.absent ?? 0,
  }));
  const today = todayInRiyadh(context.now);
  const suggested =
    summaries.find((session) => session.date === today) ?? summaries.findLast((session) => session.date <= today) ?? summaries[0] ?? null;
  return { programId, sessions: summaries, suggestedSessionId: suggested?.id ?? null };
}

/** A person's attendance in a program: the summary by the program's rule, each session's mark, and their discipline notes. */
export async function enrolmentAttendance(db: Db, enrolmentId: string): Promise<EnrolmentAttendance> {
  const summary = await attendanceOf(db, enrolmentId);
  const enrolment = await db.selectFrom('program_enrolments').select('program_id').where('id', '=', enrolmentId).executeTakeFirstOrThrow();
  const sessions = await db.selectFrom('program_sessions').selectAll().where('program_id', '=', enrolment.program_id).orderBy('date').orderBy('starts_at').execute();
  const marks = new Map((await marksOf(db, enrolmentId)).map((mark) => [mark.sessionId, mark]));
  const notes = (await disciplineNotesOfProgram(db, enrolment.program_id)).filter((note) => note.enrolmentId === enrolmentId);
  return {
    summary,
    sessions: sessions.map((session) => ({ session: toSession(session), status: marks.get(session.id)?.status ?? null, note: marks.get(session.id)?.note ?? null })),
    disciplineNotes: notes,
  };
}

// --- Discipline --------------------------------------------------------------------------------

/**
 * Records a warning or a note on a person's discipline in a program they are accepted in or attend:
 * what happened and when (today or before). Notes are only ever added; a dismissal is a supervisor's
 * move of the enrolment, with its own reason.
 */
export async function addDisciplineNote(db: Db, input: ValidInput<'attendance.addDisciplineNote'>, context: CallContext): Promise<EnrolmentAttendance> {
  await db.transaction().execute(async (trx) => {
    const enrolment = await trx
      .selectFrom('program_enrolments')
      .select(['id', 'program_id', 'beneficiary_id', 'stage'])
      .where('id', '=', input.enrolmentId)
      .executeTakeFirst();
    if (!enrolment) throw notFound('enrolment');
    if (!ON_THE_ROSTER.includes(enrolment.stage)) throw new AppError('rule', 'attendance.notEnrolled');
    if (input.occurredOn > todayInRiyadh(context.now)) {
      throw new AppError('validation', 'validation.failed', { fields: [{ path: 'occurredOn', messageKey: 'validation.attendance.futureDate' }] });
    }
    const noteId = newId();
    await trx
      .insertInto('program_discipline_notes')
      .values({
        id: noteId,
        enrolment_id: enrolment.id,
        program_id: enrolment.program_id,
        beneficiary_id: enrolment.beneficiary_id,
        kind: input.kind,
        what_happened: input.whatHappened,
        occurred_on: input.occurredOn,
        ...stamp(context),
      })
      .execute();
    await appendAudit(trx, context, {
      action: 'attendance.disciplineNoted',
      entityType: 'beneficiary',
      entityId: enrolment.beneficiary_id,
      summary: { noteId, enrolmentId: enrolment.id, programId: enrolment.program_id, kind: input.kind, occurredOn: input.occurredOn },
    });
  });
  return enrolmentAttendance(db, input.enrolmentId);
}

async function disciplineNotesOfProgram(db: Db, programId: string): Promise<DisciplineNoteView[]> {
  const rows = await db
    .selectFrom('program_discipline_notes as n')
    .innerJoin('users as u', 'u.id', 'n.created_by')
    .select(['n.id', 'n.enrolment_id', 'n.kind', 'n.what_happened', 'n.occurred_on', 'n.created_at', 'n.created_by', 'u.display_name'])
    .where('n.program_id', '=', programId)
    .orderBy('n.occurred_on', 'desc')
    .orderBy('n.created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    enrolmentId: row.enrolment_id,
    kind: row.kind,
    whatHappened: row.what_happened,
    occurredOn: row.occurred_on,
    recordedAt: row.created_at,
    recordedBy: { id: row.created_by, displayName: row.display_name },
  }));
}

// --- Shared ------------------------------------------------------------------------------------

export async function requireSession(db: Db, sessionId: string): Promise<{ session: SessionRow; program: ProgramRow }> {
  const session = await db.selectFrom('program_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!session) throw notFound('programSession');
  const program = await db.selectFrom('programs').selectAll().where('id', '=', session.program_id).executeTakeFirstOrThrow();
  return { session, program };
}

/** The people on a session's roster: those expected at it, and anyone else with a mark for it. */
export async function rosterRows(db: Db, session: SessionRow) {
  return db
    .selectFrom('program_enrolments as e')
    .innerJoin('beneficiaries as b', 'b.id', 'e.beneficiary_id')
    .select(['e.id as enrolment_id', 'e.stage', 'e.beneficiary_id', 'b.file_number', 'b.first_name', 'b.father_name', 'b.grandfather_name', 'b.family_name'])
    .where('e.program_id', '=', session.program_id)
    .where((eb) =>
      eb.or([
        eb('e.stage', 'in', ON_THE_ROSTER),
        eb.exists(
          eb
            .selectFrom('program_attendance as a')
            .select('a.id')
            .whereRef('a.enrolment_id', '=', 'e.id')
            .where('a.session_id', '=', session.id),
        ),
      ]),
    )
    .orderBy('e.seq')
    .execute();
}

/** The marks of a session, one per enrolment: the latest written, should two desks have marked it. */
async function sessionMarks(db: Db, sessionId: string): Promise<Map<string, { status: AttendanceStatus; note: string | null }>> {
  const rows = await db
    .selectFrom('program_attendance')
    .select(['enrolment_id', 'status', 'note'])
    .where('session_id', '=', sessionId)
    .orderBy('updated_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((row) => [row.enrolment_id, { status: row.status, note: row.note }]));
}

function toSession(row: SessionRow): ProgramSession {
  return { id: row.id, date: row.date, startsAt: row.starts_at, endsAt: row.ends_at, place: row.place, note: row.note };
}
