import type { reportsCalls } from '../../api/reports';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { reportFigures } from './figures';
import { reportRecords } from './records';
import { reportTrend } from './trend';

export function reportsHandlers({ db }: ServiceDependencies): AreaHandlers<typeof reportsCalls> {
  return {
    'reports.figures': (input, context) => reportFigures(db, input, context),
    'reports.trend': (input, context) => reportTrend(db, input, context),
    'reports.records': (input, context) => reportRecords(db, input, context),
  };
}
