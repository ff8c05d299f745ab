import type { exportsCalls } from '../../api/exports';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { ExportJobs } from './jobs';

export function exportsHandlers(deps: ServiceDependencies): AreaHandlers<typeof exportsCalls> {
  const jobs = new ExportJobs(deps);
  return {
    'exports.start': async (input, context) => jobs.start(input, context),
    'exports.status': async (input, context) => jobs.status(input.id, context),
    'exports.cancel': async (input, context) => jobs.cancel(input.id, context),
    'exports.take': (input, context) => jobs.take(input.id, context),
  };
}
