import type { ReportPeriodInput, reportsCalls } from '../../api/reports';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { reportFigures } from './figures';
import { reportRecords } from './records';
import { reportTrendCharts } from './trend';

/**
 * A period longer than this is counted in the jobs' thread, on its connection: a year's figures and
 * charts take about a second at 100,000 people, during which the desk keeps answering. A week's or
 * a month's (tens of milliseconds) are counted here, without the hop.
 */
const LONG_PERIOD_DAYS = 92;

const daysIn = ({ from, to }: ReportPeriodInput) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

export function reportsHandlers({ db, jobs }: ServiceDependencies): AreaHandlers<typeof reportsCalls> {
  return {
    'reports.figures': (input, context) =>
      daysIn(input) > LONG_PERIOD_DAYS ? jobs.run('reports.figures', { period: input, context }) : reportFigures(db, input, context),
    'reports.trend': (input, context) =>
      daysIn(input) > LONG_PERIOD_DAYS ? jobs.run('reports.trend', { period: input, context }) : reportTrendCharts(db, input, context),
    'reports.records': (input, context) => reportRecords(db, input, context),
  };
}
