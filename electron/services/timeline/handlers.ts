import type { timelineCalls } from '../../api/timeline';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { beneficiaryTimeline } from './service';

export function timelineHandlers({ db }: ServiceDependencies): AreaHandlers<typeof timelineCalls> {
  return {
    'beneficiaries.timeline': (input, context) => beneficiaryTimeline(db, input, context),
  };
}
