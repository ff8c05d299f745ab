import type { complaintsCalls } from '../../api/complaints';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';

export function complaintsHandlers(_deps: ServiceDependencies): AreaHandlers<typeof complaintsCalls> {
  return {};
}
