import type { queuesCalls } from '../../api/queues';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';

export function queuesHandlers(_deps: ServiceDependencies): AreaHandlers<typeof queuesCalls> {
  return {};
}
