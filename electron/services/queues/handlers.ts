import type { queuesCalls } from '../../api/queues';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { myQueues, officeQueues } from './service';

export function queuesHandlers({ db }: ServiceDependencies): AreaHandlers<typeof queuesCalls> {
  return {
    'queues.mine': (_input, context) => myQueues(db, context.actorId, context.now),
    'queues.office': (_input, context) => officeQueues(db, context.actorId, context.now),
  };
}
