import { sql, type Kysely } from 'kysely';
import type { ReportPeriod } from '../../api/reports';
import { enrolmentWorkflow } from '../../api/workflow/enrolments';
import type { DatabaseSchema } from '../../../db/schema';
import { inStages } from '../workflow/rules';

/**
 * The SQL behind the report's programs section, in the manner of queries.ts: one aggregate per
 * statement, grouped by program (or by a field of the person's file), each reading its period's
 * range through an index. The enrolment events are read through program_enrolment_events_by_program
 * (program_id, action, at): `program_id IN (SELECT id FROM programs)` walks that index one program
 * and one action at a time, so that a year's figures read only that year's events of the actions
 * counted, never the whole history (checked with EXPLAIN QUERY PLAN in
 * tests/integration/reports-programs.test.ts). Actions and stages are literal SQL, built from the
 * enrolment workflow's definition.
 */

type Db = Kysely<DatabaseSchema>;

/** The period's bounds as the queries bind them: its days (fees, payments, sessions) and its instants (events, decisions). */
type Bounds = Pick<ReportPeriod, 'from' | 'to' | 'startsAt' | 'endsAt' | 'asOf' | 'asOfDay'>;

/** What a move's event records, by the move: the flows the report counts. */
const ACTION = {
  applied: 'applied',
  accepted: enrolmentWorkflow.moves.accept.action,
  waitlisted: enrolmentWorkflow.moves.waitlist.action,
  declined: enrolmentWorkflow.moves.decline.action,
  activated: enrolmentWorkflow.moves.start.action,
  completed: enrolmentWorkflow.moves.complete.action,
  dismissed: enrolmentWorkflow.moves.dismiss.action,
  reordered: 'reordered',
} as const;

/** The actions whose event takes an enrolment off the waitlist: the moves from it to another stage, and an offer that lapsed. */
const LEAVING_WAITLIST = [
  ...Object.values(enrolmentWorkflow.moves)
    .filter((move) => (move.from as readonly string[]).includes('waitlisted') && move.to !== 'waitlisted')
    .map((move) => move.action),
  'offer_expired',
];

/** Every program's id: the leading column the per-program indexes are walked by. */
const EVERY_PROGRAM = sql`(SELECT id FROM programs)`;

export interface ProgramFlowRow {
  program_id: string;
  action: string;
  n: number;
}

/** The enrolment events of the period by program and action: applications, acceptances, waitlistings, declines, completions, dismissals, reorderings. */
export async function programFlowsIn(db: Db, bounds: Bounds): Promise<ProgramFlowRow[]> {
  const actions = [ACTION.applied, ACTION.accepted, ACTION.waitlisted, ACTION.declined, ACTION.completed, ACTION.dismissed, ACTION.reordered];
  const { rows } = await sql<ProgramFlowRow>`
    SELECT program_id, action, count(*) AS n FROM program_enrolment_events
    WHERE program_id IN ${EVERY_PROGRAM} AND ${inStages('action', actions)} AND at >= ${bounds.startsAt} AND at < ${bounds.endsAt}
    GROUP BY program_id, action`.execute(db);
  return rows;
}

export interface FairnessRow {
  action: string;
  category: string;
  gender: string;
  district_id: string | null;
  n: number;
}

/**
 * Applications, acceptances, waitlistings and declines of the period, by the person's category,
 * gender and district as their file holds them: the events first (their index's range), each then
 * joined to its person by the primary key (CROSS JOIN keeps that order: never the whole registry).
 */
export async function programFairnessIn(db: Db, bounds: Bounds): Promise<FairnessRow[]> {
  const actions = [ACTION.applied, ACTION.accepted, ACTION.waitlisted, ACTION.declined];
  const { rows } = await sql<FairnessRow>`
    SELECT e.action, b.category, b.gender, b.district_id, count(*) AS n
    FROM program_enrolment_events e CROSS JOIN beneficiaries b ON b.id = e.beneficiary_id
    WHERE e.program_id IN ${EVERY_PROGRAM} AND ${inStages('e.action', actions)} AND e.at >= ${bounds.startsAt} AND e.at < ${bounds.endsAt}
    GROUP BY e.action, b.category, b.gender, b.district_id`.execute(db);
  return rows;
}

export interface ProgramCountRow {
  /** Null on the row that counts every program together. */
  program_id: string | null;
  n: number;
}

/**
 * The people active in each program at any time in the period: started (their activation's event)
 * before its end, and not finished before its start. A finished enrolment never moves again, so its
 * `stage_since` is when it finished. In the row for every program together, each person counts once.
 */
export async function programPeopleActiveIn(db: Db, bounds: Bounds): Promise<ProgramCountRow[]> {
  const { rows } = await sql<ProgramCountRow>`
    WITH active AS MATERIALIZED (
      SELECT DISTINCT a.program_id, a.enrolment_id, e.beneficiary_id
      FROM program_enrolment_events a CROSS JOIN program_enrolments e ON e.id = a.enrolment_id
      WHERE a.program_id IN ${EVERY_PROGRAM} AND a.action = ${sql.lit(ACTION.activated)} AND a.at < ${bounds.endsAt}
        AND NOT (${inStages('e.stage', enrolmentWorkflow.groups.final)} AND e.stage_since < ${bounds.startsAt})
    )
    SELECT program_id, count(*) AS n FROM active GROUP BY program_id
    UNION ALL
    SELECT NULL, count(DISTINCT beneficiary_id) FROM active`.execute(db);
  return rows;
}

/**
 * How many stood on each program's waitlist at the period's end (`asOf`): of the enrolments on it
 * now (program_enrolments_by_program) and those taken off it since, each one whose last event
 * before then left it waitlisted (program_enrolment_events_by_enrolment). An enrolment with no event
 * before then (never written by Wasl itself) counts in its current stage.
 */
export async function programWaitlistsAt(db: Db, bounds: Bounds): Promise<ProgramCountRow[]> {
  const { asOf } = bounds;
  const { rows } = await sql<ProgramCountRow>`
    WITH candidates AS (
      SELECT e.id, e.program_id, e.stage FROM program_enrolments e
        WHERE e.program_id IN ${EVERY_PROGRAM} AND e.stage = 'waitlisted' AND e.applied_at < ${asOf}
      UNION
      SELECT e.id, e.program_id, e.stage FROM program_enrolment_events x CROSS JOIN program_enrolments e ON e.id = x.enrolment_id
        WHERE x.program_id IN ${EVERY_PROGRAM} AND ${inStages('x.action', LEAVING_WAITLIST)} AND x.at >= ${asOf} AND x.from_stage = 'waitlisted'
          AND e.applied_at < ${asOf}
    )
    SELECT program_id, count(*) AS n FROM candidates waiting
    WHERE coalesce(
      (SELECT x.to_stage FROM program_enrolment_events x WHERE x.enrolment_id = waiting.id AND x.at < ${asOf} ORDER BY x.at DESC, x.seq DESC LIMIT 1),
      waiting.stage
    ) = 'waitlisted'
    GROUP BY program_id`.execute(db);
  return rows;
}

export interface ProgramAttendanceRow {
  program_id: string;
  held: number;
  attended: number;
  unexcused: number;
}

/**
 * The sessions held in the period (dated in it, up to its last day or today, with their attendance
 * taken; program_sessions_by_program) and the marks taken at them: present and late together, and
 * unexcused absences. Each person's mark of a session once, the latest written, should two desks have
 * marked it: the rule of ../attendance/rate.ts (marksOf, attendanceCountsInProgram), written here in
 * SQL so the whole period is counted in one statement; tests/integration/reports-programs.test.ts
 * compares the two on the same marks. The marks and that check are read from
 * program_attendance_by_session_marks alone (migration 25).
 */
export async function programAttendanceIn(db: Db, bounds: Bounds): Promise<ProgramAttendanceRow[]> {
  const { rows } = await sql<ProgramAttendanceRow>`
    SELECT s.program_id, count(DISTINCT s.id) AS held,
      sum(a.status IN ('present', 'late')) AS attended, sum(a.status = 'unexcused') AS unexcused
    FROM program_sessions s CROSS JOIN program_attendance a ON a.session_id = s.id
    WHERE s.program_id IN ${EVERY_PROGRAM} AND s.date >= ${bounds.from} AND s.date <= ${bounds.asOfDay}
      AND NOT EXISTS (
        SELECT 1 FROM program_attendance newer
        WHERE newer.session_id = a.session_id AND newer.enrolment_id = a.enrolment_id
          AND (newer.updated_at > a.updated_at OR (newer.updated_at = a.updated_at AND newer.id > a.id))
      )
    GROUP BY s.program_id`.execute(db);
  return rows;
}

/** The fee versions published in the period, by program (a small table, read whole). */
export async function programFeesAnnouncedIn(db: Db, bounds: Bounds): Promise<Array<{ program_id: string; n: number }>> {
  const { rows } = await sql<{ program_id: string; n: number }>`
    SELECT program_id, count(*) AS n FROM program_fees
    WHERE announced_on >= ${bounds.from} AND announced_on <= ${bounds.to}
    GROUP BY program_id`.execute(db);
  return rows;
}

export interface ProgramMoneyRow {
  program_id: string;
  collected: number;
  waived: number;
}

/**
 * Money by program, in halalas: the payments dated in the period and not voided
 * (program_payments_by_paid_on), and the waivers approved in the period, by the decision's instant
 * (program_fee_waivers_by_decided, whose WHERE term `status = 'approved'` is repeated as written).
 * Each joined to its enrolment by its key, for the program.
 */
export async function programMoneyIn(db: Db, bounds: Bounds): Promise<ProgramMoneyRow[]> {
  const { rows } = await sql<ProgramMoneyRow>`
    SELECT program_id, sum(collected) AS collected, sum(waived) AS waived
    FROM (
      SELECT e.program_id, p.amount AS collected, 0 AS waived
        FROM program_payments p CROSS JOIN program_enrolments e ON e.id = p.enrolment_id
        WHERE p.paid_on >= ${bounds.from} AND p.paid_on <= ${bounds.to} AND p.voided_at IS NULL
      UNION ALL
      SELECT e.program_id, 0, w.amount
        FROM program_fee_waivers w CROSS JOIN program_enrolments e ON e.id = w.enrolment_id
        WHERE w.status = 'approved' AND w.decided_at >= ${bounds.startsAt} AND w.decided_at < ${bounds.endsAt}
    )
    GROUP BY program_id`.execute(db);
  return rows;
}
