import type { CallName, CallOutput, ValidInput } from '../api/contract';
import { appInfo, getPreferences, listDistricts, setLanguage } from './app/service';
import {
  beneficiaryStats,
  checkDuplicates,
  getBeneficiary,
  listBeneficiaries,
  registerBeneficiary,
  updateBeneficiary,
} from './beneficiaries/service';
import type { CallContext, ServiceDependencies } from './context';
import { recordEligibilityDecision } from './eligibility/service';
import { searchBeneficiaries } from './search/service';

/** One function per call of the contract; the compiler checks that none is missing. */
export type Handlers = {
  [Name in CallName]: (input: ValidInput<Name>, context: CallContext) => Promise<CallOutput<Name>> | CallOutput<Name>;
};

export function createHandlers(deps: ServiceDependencies): Handlers {
  const { db } = deps;
  return {
    'app.info': () => appInfo(deps),
    'preferences.get': () => getPreferences(db),
    'preferences.setLanguage': (input, context) => setLanguage(db, input.language, context),
    'lookups.districts': () => listDistricts(db),
    'beneficiaries.register': (input, context) => registerBeneficiary(db, input, context),
    'beneficiaries.update': (input, context) => updateBeneficiary(db, input, context),
    'beneficiaries.get': (input) => getBeneficiary(db, input.id),
    'beneficiaries.list': (input) => listBeneficiaries(db, input),
    'beneficiaries.checkDuplicates': (input) => checkDuplicates(db, input),
    'beneficiaries.stats': () => beneficiaryStats(db),
    'eligibility.record': (input, context) => recordEligibilityDecision(db, input, context),
    'search.beneficiaries': (input) => searchBeneficiaries(db, input),
  };
}
