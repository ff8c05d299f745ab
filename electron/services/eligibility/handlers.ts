import type { eligibilityCalls } from '../../api/eligibility';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { recordEligibilityDecision } from './service';

export function eligibilityHandlers({ db }: ServiceDependencies): AreaHandlers<typeof eligibilityCalls> {
  return {
    'eligibility.record': (input, context) => recordEligibilityDecision(db, input, context),
  };
}
