import type { ReportPeriodInput } from '../../api/reports';

/**
 * A period longer than this is counted in the jobs' reading thread, on its connection: a year's
 * figures and charts take about a second at 100,000 people, during which the desk keeps answering.
 * A week's or a month's (tens of milliseconds) are counted on the desk's connection, without the hop.
 */
const LONG_PERIOD_DAYS = 92;

const daysIn = ({ from, to }: ReportPeriodInput) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

export const isLongPeriod = (period: ReportPeriodInput): boolean => daysIn(period) > LONG_PERIOD_DAYS;
