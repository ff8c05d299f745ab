import type { requestsCalls } from '../../api/requests';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';

export function requestsHandlers(_deps: ServiceDependencies): AreaHandlers<typeof requestsCalls> {
  return {};
}
