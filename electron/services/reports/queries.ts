import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ReportPeriod } from '../../api/reports';
import { complaintWorkflow } from '../../api/complaints';
import { inquiryWorkflow } from '../../api/inquiries';
import { requestWorkflow } from '../../api/requests';
import type { DatabaseSchema } from '../../../db/schema';
import { inStages, notFinal, notInStages } from '../workflow/rules';

/**
 * The SQL behind the report's figures: one aggregate per statement, each reading its period's range
 * of one date column through an index (checked with EXPLAIN QUERY PLAN in
 * tests/integration/reports.test.ts); the contacts, from their counts per day (migration 6). No
 * statement answers records: only counts, sums and a few percentiles, grouped by a handful of keys
 * (channel, type, stage, kind, staff member, authority).
 *
 * What is SQLite's own is kept to this file: durations come from julianday(); a Riyadh calendar
 * date from an instant is date(instant, '+3 hours') (Riyadh keeps no daylight time); one index is
 * named with INDEXED BY. A PostgreSQL desk would say extract(epoch …), AT TIME ZONE 'Asia/Riyadh',
 * and would need no hint.
 *
 * Partial indexes are used only when a query repeats the index's WHERE term as written, so those
 * terms are literal SQL here, never bound parameters (as in the queues). Every condition on a stage
 * is built from a group (or a move) of the workflow's definition, so that a stage added to a
 * workflow is counted where its group is, without an edit here.
 */

type Db = Kysely<DatabaseSchema>;

/** The period's bounds as the queries bind them: [start, end) and the "at the end" instant and day. */
type Bounds = Pick<ReportPeriod, 'from' | 'to' | 'startsAt' | 'endsAt' | 'asOf' | 'asOfDay'>;

const REQUEST_GROUPS = requestWorkflow.groups;
/** A finished request: requests_finished's own condition. */
export const requestFinished = (column: string) => inStages(column, REQUEST_GROUPS.final);
/** Finished by closing it, or by withdrawing it: the stages those two moves lead to. */
export const requestClosed = (column: string) => inStages(column, [requestWorkflow.moves.close.to]);
export const requestWithdrawn = (column: string) => inStages(column, [requestWorkflow.moves.withdraw.to]);
/** Waiting on an authority's answer. */
export const requestAwaitingAuthority = (column: string) => inStages(column, REQUEST_GROUPS.awaitingAuthority);
/** The event row of a complaint's resolution. */
export const complaintResolvedEvent = (column: string) => sql`${sql.raw(column)} = ${sql.lit(complaintWorkflow.moves.resolve.action)}`;

/** An expression that is 1 when `condition` holds and 0 otherwise, to be summed. */
const oneIf = (condition: RawBuilder<unknown>) => sql`CASE WHEN ${condition} THEN 1 ELSE 0 END`;

// --- Durations and their percentiles -----------------------------------------------------------

export interface DurationRow {
  count: number;
  median: number | null;
  p90: number | null;
}

/**
 * The count, median and 90th percentile of the `value` column of `source`, in one statement.
 *
 * Method: `source` reads the period's range of an index; a window function numbers the values in
 * order (row_number() OVER (ORDER BY value)) beside their count (count(*) OVER ()), and the
 * aggregate keeps the values at the ranks wanted: the median is the value at rank (n+1)/2, or the
 * mean of the two middle values (ranks n/2 and n/2+1) when n is even; the 90th percentile is by
 * nearest rank, the value at rank ceil(0.9 n), written (9n + 9) / 10 in integer division. Only the
 * period's values are ranked, by SQLite's own sorter; nothing is read into the process.
 */
function durationStats(source: RawBuilder<{ value: number }>): RawBuilder<DurationRow> {
  return sql<DurationRow>`
    WITH measured AS (${source}),
    ranked AS (
      SELECT value, row_number() OVER (ORDER BY value) AS k, count(*) OVER () AS n FROM measured
    )
    SELECT count(*) AS count,
      avg(CASE WHEN k IN ((n + 1) / 2, (n + 2) / 2) THEN value END) AS median,
      max(CASE WHEN k = (9 * n + 9) / 10 THEN value END) AS p90
    FROM ranked`;
}

const MINUTES_PER_DAY = 1440;
const minutesBetween = (from: RawBuilder<unknown>, to: RawBuilder<unknown>) => sql`(julianday(${to}) - julianday(${from})) * ${sql.lit(MINUTES_PER_DAY)}`;
const daysBetween = (from: RawBuilder<unknown>, to: RawBuilder<unknown>) => sql`(julianday(${to}) - julianday(${from}))`;

// --- Beneficiaries and eligibility -------------------------------------------------------------

export async function registeredIn(db: Db, bounds: Bounds): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM beneficiaries
    WHERE created_at >= ${bounds.startsAt} AND created_at < ${bounds.endsAt}`.execute(db);
  return rows[0]?.n ?? 0;
}

export async function eligibilityDecisionsIn(db: Db, bounds: Bounds): Promise<{ eligible: number; notEligible: number }> {
  const { rows } = await sql<{ eligible: number | null; not_eligible: number | null }>`
    SELECT sum(${oneIf(sql`outcome = 'eligible'`)}) AS eligible, sum(${oneIf(sql`outcome = 'not_eligible'`)}) AS not_eligible
    FROM eligibility_decisions
    WHERE decided_at >= ${bounds.startsAt} AND decided_at < ${bounds.endsAt}`.execute(db);
  return { eligible: rows[0]?.eligible ?? 0, notEligible: rows[0]?.not_eligible ?? 0 };
}

// --- Contacts ----------------------------------------------------------------------------------

export interface ContactCountRow {
  dimension: 'total' | 'channel' | 'purpose' | 'officer';
  key: string | null;
  n: number;
}

/**
 * The period's contacts in all, by channel, by purpose and by officer, summed from contact_counts
 * (per Riyadh day, kept by triggers as contacts are written): a range of its primary key, a few
 * dozen rows a day, whatever the number of contacts.
 */
export async function contactCountsIn(db: Db, bounds: Bounds): Promise<ContactCountRow[]> {
  const { rows } = await sql<ContactCountRow>`
    WITH counted AS MATERIALIZED (
      SELECT channel, purpose, officer_id, contacts FROM contact_counts WHERE day >= ${bounds.from} AND day <= ${bounds.to}
    )
    SELECT 'total' AS dimension, NULL AS key, coalesce(sum(contacts), 0) AS n FROM counted
    UNION ALL
    SELECT 'channel', channel, sum(contacts) FROM counted GROUP BY channel
    UNION ALL
    SELECT 'purpose', purpose, sum(contacts) FROM counted GROUP BY purpose
    UNION ALL
    SELECT 'officer', officer_id, sum(contacts) FROM counted GROUP BY officer_id`.execute(db);
  return rows;
}

// --- Inquiries ---------------------------------------------------------------------------------

/** An inquiry still waiting for its answer: inquiries_pending's own condition. */
export const inquiryPending = (column: string) => inStages(column, inquiryWorkflow.groups.open);
/** The stage of an inquiry not answered yet at some instant: it is still in the stage it was asked in. */
export const INQUIRY_UNANSWERED_STAGE = inquiryWorkflow.initial;

export interface InquiryCountsRow {
  asked: number;
  answered: number;
  pending: number;
}

/**
 * Asked and answered in the period, and pending at its end: still pending now (inquiries_pending)
 * or answered only after the end (inquiries_by_answered), either way asked before the end.
 */
export async function inquiryCountsIn(db: Db, bounds: Bounds): Promise<InquiryCountsRow> {
  const { rows } = await sql<InquiryCountsRow>`
    SELECT
      (SELECT count(*) FROM inquiries WHERE asked_at >= ${bounds.startsAt} AND asked_at < ${bounds.endsAt}) AS asked,
      (SELECT count(*) FROM inquiries WHERE answered_at >= ${bounds.startsAt} AND answered_at < ${bounds.endsAt}) AS answered,
      (SELECT count(*) FROM inquiries i WHERE ${inquiryPending('i.status')} AND i.asked_at < ${bounds.asOf})
        + (SELECT count(*) FROM inquiries WHERE answered_at >= ${bounds.asOf} AND asked_at < ${bounds.asOf}) AS pending`.execute(db);
  return rows[0] ?? { asked: 0, answered: 0, pending: 0 };
}

/** Minutes from question to answer over the inquiries answered in the period (inquiries_by_answered alone). */
export async function minutesToAnswerIn(db: Db, bounds: Bounds): Promise<DurationRow> {
  const source = sql<{ value: number }>`
    SELECT ${minutesBetween(sql`asked_at`, sql`answered_at`)} AS value FROM inquiries
    WHERE answered_at >= ${bounds.startsAt} AND answered_at < ${bounds.endsAt}`;
  const { rows } = await durationStats(source).execute(db);
  return rows[0] ?? { count: 0, median: null, p90: null };
}

// --- Requests ----------------------------------------------------------------------------------

export interface RequestFlowRow {
  type_id: string;
  received: number;
  approved: number;
  rejected: number;
  notified: number;
  closed: number;
  withdrawn: number;
}

/**
 * What happened to requests in the period, by type: received (requests_by_received_type), decided
 * (requests_by_decided), notified (requests_by_notified), closed or withdrawn (requests_finished:
 * a finished request's stage_since is when it was finished), each index alone. Each part is
 * counted by type on its own, so that only a few rows per type are summed at the end (grouping the
 * year's requests once, all parts together, takes twice as long).
 */
export async function requestFlowsIn(db: Db, bounds: Bounds): Promise<RequestFlowRow[]> {
  const { startsAt, endsAt } = bounds;
  const { rows } = await sql<RequestFlowRow>`
    SELECT type_id, sum(received) AS received, sum(approved) AS approved, sum(rejected) AS rejected,
      sum(notified) AS notified, sum(closed) AS closed, sum(withdrawn) AS withdrawn
    FROM (
      SELECT type_id, count(*) AS received, 0 AS approved, 0 AS rejected, 0 AS notified, 0 AS closed, 0 AS withdrawn
        FROM requests WHERE received_at >= ${startsAt} AND received_at < ${endsAt} GROUP BY type_id
      UNION ALL
      SELECT type_id, 0, sum(${oneIf(sql`outcome = 'approved'`)}), sum(${oneIf(sql`outcome = 'rejected'`)}), 0, 0, 0
        FROM requests WHERE decided_at >= ${startsAt} AND decided_at < ${endsAt} GROUP BY type_id
      UNION ALL
      SELECT type_id, 0, 0, 0, count(*), 0, 0
        FROM requests WHERE notified_at >= ${startsAt} AND notified_at < ${endsAt} GROUP BY type_id
      UNION ALL
      SELECT type_id, 0, 0, 0, 0, sum(${oneIf(requestClosed('stage'))}), sum(${oneIf(requestWithdrawn('stage'))})
        FROM requests WHERE ${requestFinished('stage')} AND stage_since >= ${startsAt} AND stage_since < ${endsAt} GROUP BY type_id
    )
    GROUP BY type_id`.execute(db);
  return rows;
}

/** Days from receipt to decision, over the requests decided in the period. */
export async function daysToDecisionIn(db: Db, bounds: Bounds): Promise<DurationRow> {
  const source = sql<{ value: number }>`
    SELECT ${daysBetween(sql`received_at`, sql`decided_at`)} AS value FROM requests
    WHERE decided_at >= ${bounds.startsAt} AND decided_at < ${bounds.endsAt}`;
  const { rows } = await durationStats(source).execute(db);
  return rows[0] ?? { count: 0, median: null, p90: null };
}

/** Days from receipt to the notification of the result, over the requests notified in the period. */
export async function daysToNotificationIn(db: Db, bounds: Bounds): Promise<DurationRow> {
  const source = sql<{ value: number }>`
    SELECT ${daysBetween(sql`received_at`, sql`notified_at`)} AS value FROM requests
    WHERE notified_at >= ${bounds.startsAt} AND notified_at < ${bounds.endsAt}`;
  const { rows } = await durationStats(source).execute(db);
  return rows[0] ?? { count: 0, median: null, p90: null };
}

export interface StandingRow {
  dimension: 'stage' | 'type' | 'owner' | 'authority';
  key: string | null;
  n: number;
  overdue: number | null;
  days_total: number | null;
  days_max: number | null;
  first_referred: string | null;
}

/**
 * Where requests stood at the period's end (`asOf`), by stage, by type, by owner, and the referrals
 * waiting on each authority. The requests open then are those open now (requests_open_by_stage)
 * and those finished since (requests_finished), received before it. The open ones are read through
 * their partial index by name: without statistics SQLite would rather take "received before" on
 * requests_by_received_type, every request ever received. Each one's stage and owner then are those
 * of its last event before it (request_events_by_request_stage, the index alone): every move
 * appends an event, a reassignment one naming the new owner. A request with no event at all (never
 * written by Wasl itself) counts in its current stage, with its current owner.
 *
 * Overdue: not yet told the result and past its due date on `asOfDay`; days waiting: Riyadh
 * calendar days from the referral to `asOfDay`. Both as the work queues count them on that day.
 */
export async function requestsStandingAt(db: Db, bounds: Bounds): Promise<StandingRow[]> {
  const { asOfDay } = bounds;
  const { rows } = await sql<StandingRow>`
    WITH ${requestsOpenAt(bounds)}
    SELECT 'stage' AS dimension, stage AS key, count(*) AS n, sum(overdue) AS overdue,
        NULL AS days_total, NULL AS days_max, NULL AS first_referred
      FROM open_at GROUP BY stage
    UNION ALL
    SELECT 'type', type_id, count(*), sum(overdue), NULL, NULL, NULL FROM open_at GROUP BY type_id
    UNION ALL
    SELECT 'owner', owner_id, count(*), sum(overdue), NULL, NULL, NULL FROM open_at GROUP BY owner_id
    UNION ALL
    SELECT 'authority', authority_id, count(*), NULL, sum(days), max(days), min(referred_at)
      FROM (
        SELECT authority_id, referred_at,
          CAST(julianday(${asOfDay}) - julianday(date(referred_at, '+3 hours')) AS INTEGER) AS days
        FROM open_at WHERE ${requestAwaitingAuthority('stage')}
      )
      GROUP BY authority_id`.execute(db);
  return rows;
}

/**
 * The common table expressions `open_at` is read from: every request open at `asOf` (id, type_id,
 * stage, owner_id, authority_id, referred_at, and overdue as 1 or 0), as requestsStandingAt
 * describes. With `pastDueOnly`, only the requests already past their due date on `asOfDay` are
 * looked at: the only ones that can be overdue, and far fewer to trace back through their events
 * when only the overdue count is wanted.
 */
export function requestsOpenAt(bounds: Pick<Bounds, 'asOf' | 'asOfDay'>, { pastDueOnly = false } = {}): RawBuilder<unknown> {
  const { asOf, asOfDay } = bounds;
  const columns = sql`r.id, r.type_id, r.owner_id, r.authority_id, r.referred_at, r.due_date, r.stage AS current_stage`;
  const pastDue = pastDueOnly ? sql`AND r.due_date < ${asOfDay}` : sql``;
  return sql`candidates AS (
      SELECT ${columns} FROM requests r INDEXED BY requests_open_by_stage
        WHERE ${notFinal(requestWorkflow, 'r.stage')} AND r.received_at < ${asOf} ${pastDue}
      UNION ALL
      SELECT ${columns} FROM requests r
        WHERE ${requestFinished('r.stage')} AND r.stage_since >= ${asOf} AND r.received_at < ${asOf} ${pastDue}
    ),
    standing AS MATERIALIZED (
      SELECT q.id, q.type_id, q.authority_id, q.referred_at, q.due_date,
        coalesce(
          (SELECT e.to_stage FROM request_events e WHERE e.request_id = q.id AND e.at < ${asOf} ORDER BY e.at DESC, e.seq DESC LIMIT 1),
          q.current_stage
        ) AS stage,
        coalesce(
          (SELECT e.owner_id FROM request_events e
            WHERE e.request_id = q.id AND e.at < ${asOf} AND e.owner_id IS NOT NULL ORDER BY e.at DESC, e.seq DESC LIMIT 1),
          q.owner_id
        ) AS owner_id
      FROM candidates q
    ),
    open_at AS MATERIALIZED (
      SELECT id, type_id, stage, owner_id, authority_id, referred_at,
        ${oneIf(sql`${inStages('stage', REQUEST_GROUPS.dueRunning)} AND due_date < ${asOfDay}`)} AS overdue
      FROM standing WHERE ${notFinal(requestWorkflow, 'stage')}
    )`;
}

/** How many requests stood in each stage at `asOf` (the dashboard's chart): requestsStandingAt's stages, counted alone. */
export async function requestStagesAt(db: Db, bounds: Pick<Bounds, 'asOf' | 'asOfDay'>): Promise<Array<{ stage: string; n: number }>> {
  const { rows } = await sql<{ stage: string; n: number }>`
    WITH ${requestsOpenAt(bounds)}
    SELECT stage, count(*) AS n FROM open_at GROUP BY stage`.execute(db);
  return rows;
}

/** How many requests were overdue at `asOf` (the trend's buckets): requestsStandingAt's overdue, counted alone. */
export async function requestsOverdueAt(db: Db, bounds: Pick<Bounds, 'asOf' | 'asOfDay'>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    WITH ${requestsOpenAt(bounds, { pastDueOnly: true })}
    SELECT count(*) AS n FROM open_at WHERE overdue = 1`.execute(db);
  return rows[0]?.n ?? 0;
}

// --- Complaints, notes and suggestions ---------------------------------------------------------

export interface ComplaintKindRow {
  kind: string;
  opened: number;
  resolved: number;
  answered: number;
  overdue: number;
}

/**
 * By kind: received (complaints_by_received), resolved (the resolution's event,
 * complaint_events_by_action), answered (complaints_by_answered) in the period; and overdue at its
 * end: past the due date on `asOfDay` and not answered at `asOf` — still unanswered now
 * (complaints_open_by_stage, the open ones only) or answered only after it (complaints_by_answered).
 */
export async function complaintKindsIn(db: Db, bounds: Bounds): Promise<ComplaintKindRow[]> {
  const { startsAt, endsAt, asOf, asOfDay } = bounds;
  const { rows } = await sql<ComplaintKindRow>`
    SELECT kind, sum(opened) AS opened, sum(resolved) AS resolved, sum(answered) AS answered, sum(overdue) AS overdue
    FROM (
      SELECT kind, 1 AS opened, 0 AS resolved, 0 AS answered, 0 AS overdue
        FROM complaints WHERE kind IN ('complaint', 'note', 'suggestion') AND received_at >= ${startsAt} AND received_at < ${endsAt}
      UNION ALL
      SELECT c.kind, 0, 1, 0, 0
        FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
        WHERE ${complaintResolvedEvent('e.action')} AND e.at >= ${startsAt} AND e.at < ${endsAt}
      UNION ALL
      SELECT kind, 0, 0, 1, 0 FROM complaints WHERE answered_at >= ${startsAt} AND answered_at < ${endsAt}
      UNION ALL
      ${complaintsOverdueAt({ asOf, asOfDay }, sql`c.kind, 0, 0, 0, 1`)}
    )
    GROUP BY kind`.execute(db);
  return rows;
}

/**
 * A complaint whose due date still runs, said as open (complaints_open_by_stage's own condition) and
 * in none of the open stages where it no longer runs, so that the partial index is used.
 */
const COMPLAINT_DUE_RUNNING = sql`${notFinal(complaintWorkflow, 'c.stage')} AND ${notInStages(
  'c.stage',
  complaintWorkflow.groups.open.filter((stage) => !complaintWorkflow.groups.dueRunning.includes(stage)),
)}`;

/**
 * The complaints, notes and suggestions overdue at `asOf`: past the due date on `asOfDay` and not
 * answered at `asOf` — still unanswered now (complaints_open_by_stage, the open ones only) or
 * answered only after it (complaints_by_answered). Two selects of `columns` (over `complaints c`),
 * joined by UNION ALL, each complaint in at most one of them.
 */
export function complaintsOverdueAt(bounds: Pick<Bounds, 'asOf' | 'asOfDay'>, columns: RawBuilder<unknown>): RawBuilder<unknown> {
  const { asOf, asOfDay } = bounds;
  return sql`SELECT ${columns} FROM complaints c
        WHERE ${COMPLAINT_DUE_RUNNING} AND c.received_at < ${asOf} AND c.due_date < ${asOfDay}
      UNION ALL
      SELECT ${columns} FROM complaints c
        WHERE c.answered_at >= ${asOf} AND c.received_at < ${asOf} AND c.due_date < ${asOfDay}`;
}

/** How many complaints, notes and suggestions were overdue at `asOf` (the trend's buckets). */
export async function complaintsOverdueCountAt(db: Db, bounds: Pick<Bounds, 'asOf' | 'asOfDay'>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (${complaintsOverdueAt(bounds, sql`c.id`)})`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * The suggestions whose decision (adopted, declined, or left under study) was recorded in the
 * period, by that decision (complaints_by_decided, migration 7). A suggestion left under study and
 * decided later counts once, in the period of its final decision: the record keeps the latest.
 */
export async function suggestionDecisionsIn(db: Db, bounds: Bounds): Promise<Array<{ decision: string; n: number }>> {
  const { rows } = await sql<{ decision: string; n: number }>`
    SELECT decision, count(*) AS n FROM complaints
    WHERE decided_at >= ${bounds.startsAt} AND decided_at < ${bounds.endsAt} AND decision IS NOT NULL
    GROUP BY decision`.execute(db);
  return rows;
}

// --- Each staff member's work --------------------------------------------------------------------

export interface StaffWorkRow {
  id: string;
  display_name: string;
  role: 'system' | 'officer' | 'supervisor' | 'administrator';
  active: number;
  inquiries: number;
  decided: number;
  complaints: number;
}

/**
 * Every account with what it did in the period: inquiries answered, requests decided, complaints
 * answered (each one range of its date index, grouped by who). Contacts logged are counted with the
 * other contacts (contactCountsIn).
 */
export async function staffWorkIn(db: Db, bounds: Bounds): Promise<StaffWorkRow[]> {
  const { startsAt, endsAt } = bounds;
  const { rows } = await sql<StaffWorkRow>`
    SELECT u.id, u.display_name, u.role, u.active,
      coalesce(answered_inquiries.n, 0) AS inquiries, coalesce(decided_requests.n, 0) AS decided,
      coalesce(answered_complaints.n, 0) AS complaints
    FROM users u
    LEFT JOIN (
      SELECT answered_by AS user_id, count(*) AS n FROM inquiries
      WHERE answered_at >= ${startsAt} AND answered_at < ${endsAt} GROUP BY answered_by
    ) answered_inquiries ON answered_inquiries.user_id = u.id
    LEFT JOIN (
      SELECT decided_by AS user_id, count(*) AS n FROM requests
      WHERE decided_at >= ${startsAt} AND decided_at < ${endsAt} GROUP BY decided_by
    ) decided_requests ON decided_requests.user_id = u.id
    LEFT JOIN (
      SELECT owner_id AS user_id, count(*) AS n FROM complaints
      WHERE answered_at >= ${startsAt} AND answered_at < ${endsAt} GROUP BY owner_id
    ) answered_complaints ON answered_complaints.user_id = u.id`.execute(db);
  return rows;
}
