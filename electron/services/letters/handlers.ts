import type { lettersCalls } from '../../api/letters';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';

export function lettersHandlers(_deps: ServiceDependencies): AreaHandlers<typeof lettersCalls> {
  return {};
}
