import { sql, type Kysely } from 'kysely';
import { CHANNELS, type Channel } from '../../api/contacts';
import {
  addDays,
  lastDayOfMonth,
  periodDays,
  sundayOf,
  type ReportPeriodInput,
  type ReportTrend,
  type ReportTrendCharts,
  type TrendBucket,
} from '../../api/reports';
import type { DatabaseSchema } from '../../../db/schema';
import { getPreferences } from '../app/service';
import type { CallContext } from '../context';
import { reportCharts } from './charts';
import { reportLanguage } from './document';
import { openStageCounts, periodOf } from './figures';
import { complaintsOverdueCountAt, requestsOverdueAt, requestStagesAt } from './queries';

type Db = Kysely<DatabaseSchema>;

/** A weekly report's chart shows at least this many weeks, so that it has a trend to show. */
export const TREND_MIN_WEEKS = 8;
/** Longer than half a year, a period is charted by calendar month: a year's weekly bars would be too thin to read. */
const MONTHLY_AFTER_DAYS = 184;

/**
 * The report's charts over time (see `TrendBucket`): contacts by channel per bucket, summed from
 * contact_counts in one statement (a range of its primary key, grouped by bucket and channel), and
 * the requests and complaints overdue at each bucket's end, by the same SQL as the figures'
 * "overdue at the end", a count alone per bucket.
 */
export async function reportTrend(db: Db, input: ReportPeriodInput, context: CallContext): Promise<ReportTrend> {
  return db.transaction().execute((trx) => trendIn(trx, input, context));
}

/**
 * The dashboard's charts: the trend, and the three charts drawn from it and from where the requests
 * stood at the period's end (the figures' own SQL, counted by stage alone), in the language the reader
 * chose (kept with their account, as the screens speak it) and titled in the dashboard's words. The
 * series and the stages are read in one transaction, of the same moment.
 */
export async function reportTrendCharts(db: Db, input: ReportPeriodInput, context: CallContext): Promise<ReportTrendCharts> {
  return db.transaction().execute(async (trx) => {
    const { language } = await getPreferences(trx, context);
    const trend = await trendIn(trx, input, context);
    const stages = new Map((await requestStagesAt(trx, periodOf(input, context.now))).map((row) => [row.stage, row.n]));
    const charts = reportCharts(reportLanguage(language), 'screen', trend, openStageCounts((stage) => stages.get(stage)));
    return { ...trend, charts };
  });
}

async function trendIn(trx: Db, input: ReportPeriodInput, context: CallContext): Promise<ReportTrend> {
  const unit = periodDays(input) > MONTHLY_AFTER_DAYS ? 'month' : 'week';
  const spans = unit === 'week' ? weeksOf(input) : monthsOf(input);
  const contacts = await contactsByBucket(trx, unit, spans);
  const buckets: TrendBucket[] = [];
  for (const [index, span] of spans.entries()) {
    const bounds = periodOf(span, context.now);
    buckets.push({
      ...span,
      contactsByChannel: Object.fromEntries(CHANNELS.map((channel) => [channel, contacts.get(`${index}|${channel}`) ?? 0])) as Record<Channel, number>,
      requestsOverdue: await requestsOverdueAt(trx, bounds),
      complaintsOverdue: await complaintsOverdueCountAt(trx, bounds),
    });
  }
  return { unit, buckets };
}

/** Sunday-to-Saturday weeks from the one `from` falls in to the one `to` falls in, at least TREND_MIN_WEEKS of them. */
export function weeksOf(period: ReportPeriodInput): ReportPeriodInput[] {
  const last = sundayOf(period.to);
  const first = sundayOf(period.from);
  const weeks = Math.max(TREND_MIN_WEEKS, (periodDays({ from: first, to: last }) - 1) / 7 + 1);
  return Array.from({ length: weeks }, (_, index) => {
    const from = addDays(last, -7 * (weeks - 1 - index));
    return { from, to: addDays(from, 6) };
  });
}

/** Whole calendar months from the one `from` falls in to the one `to` falls in. */
export function monthsOf(period: ReportPeriodInput): ReportPeriodInput[] {
  const months: ReportPeriodInput[] = [];
  for (let from = `${period.from.slice(0, 7)}-01`; from <= period.to; from = addDays(lastDayOfMonth(from), 1)) {
    months.push({ from, to: lastDayOfMonth(from) });
  }
  return months;
}

/** Contacts per bucket (by its index) and channel, keyed `index|channel`. */
async function contactsByBucket(db: Db, unit: ReportTrend['unit'], spans: ReportPeriodInput[]): Promise<Map<string, number>> {
  const first = spans[0]!.from;
  const last = spans[spans.length - 1]!.to;
  // A week's index is whole weeks since the first Sunday; a month's, whole months since the first month.
  const bucket =
    unit === 'week'
      ? sql`CAST((julianday(day) - julianday(${first})) / 7 AS INTEGER)`
      : sql`(CAST(substr(day, 1, 4) AS INTEGER) - ${Number(first.slice(0, 4))}) * 12 + CAST(substr(day, 6, 2) AS INTEGER) - ${Number(first.slice(5, 7))}`;
  const { rows } = await sql<{ bucket: number; channel: string; n: number }>`
    SELECT ${bucket} AS bucket, channel, sum(contacts) AS n FROM contact_counts
    WHERE day >= ${first} AND day <= ${last}
    GROUP BY 1, 2`.execute(db);
  return new Map(rows.map((row) => [`${row.bucket}|${row.channel}`, row.n]));
}
