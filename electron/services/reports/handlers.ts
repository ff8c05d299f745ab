import type { reportsCalls } from '../../api/reports';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { reportFigures } from './figures';

export function reportsHandlers({ db }: ServiceDependencies): AreaHandlers<typeof reportsCalls> {
  return {
    'reports.figures': (input, context) => reportFigures(db, input, context),
  };
}
