import type { searchCalls } from '../../api/search';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { searchBeneficiaries } from './service';

export function searchHandlers({ db }: ServiceDependencies): AreaHandlers<typeof searchCalls> {
  return {
    'search.beneficiaries': (input) => searchBeneficiaries(db, input),
  };
}
