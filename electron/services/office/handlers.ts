import type { officeCalls } from '../../api/office';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { inspectOffice, newPairingCode, officeStatus, pairThisDesk } from './link';

export function officeHandlers({ db, appVersion }: ServiceDependencies): AreaHandlers<typeof officeCalls> {
  return {
    'office.status': () => officeStatus(db),
    'office.inspect': (input) => inspectOffice(input),
    'office.pair': (input, context) => pairThisDesk(db, input, { ...context, appVersion }),
    'office.newPairingCode': (_input, context) => newPairingCode(db, context),
  };
}
