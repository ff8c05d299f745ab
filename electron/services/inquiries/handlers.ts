import type { inquiriesCalls } from '../../api/inquiries';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';

export function inquiriesHandlers(_deps: ServiceDependencies): AreaHandlers<typeof inquiriesCalls> {
  return {};
}
