import type { reportsCalls } from '../../api/reports';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { reportFigures } from './figures';
import { isLongPeriod } from './long-periods';
import { reportRecords } from './records';
import { reportTrendCharts } from './trend';

export function reportsHandlers({ db, jobs }: ServiceDependencies): AreaHandlers<typeof reportsCalls> {
  return {
    'reports.figures': (input, context) =>
      isLongPeriod(input) ? jobs.run('reports.figures', { period: input, context }) : reportFigures(db, input, context),
    'reports.trend': (input, context) =>
      isLongPeriod(input) ? jobs.run('reports.trend', { period: input, context }) : reportTrendCharts(db, input, context),
    'reports.records': (input, context) => reportRecords(db, input, context),
  };
}
