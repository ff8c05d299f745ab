import type { beneficiariesCalls } from '../../api/beneficiaries';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { eraseBeneficiary, exportPersonalData } from './personal-data';
import { beneficiaryStats, checkDuplicates, listBeneficiaries, registerBeneficiary, updateBeneficiary, viewBeneficiary } from './service';

export function beneficiariesHandlers(deps: ServiceDependencies): AreaHandlers<typeof beneficiariesCalls> {
  const { db } = deps;
  return {
    'beneficiaries.register': (input, context) => registerBeneficiary(db, input, context),
    'beneficiaries.update': (input, context) => updateBeneficiary(db, input, context),
    'beneficiaries.get': (input, context) => viewBeneficiary(db, input.id, context),
    'beneficiaries.list': (input) => listBeneficiaries(db, input),
    'beneficiaries.checkDuplicates': (input) => checkDuplicates(db, input),
    'beneficiaries.stats': () => beneficiaryStats(db),
    'beneficiaries.exportPersonalData': (input, context) => exportPersonalData(deps, input.id, context),
    'beneficiaries.erase': (input, context) => eraseBeneficiary(db, input, context),
  };
}
