import type { officeCalls } from '../../api/office';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { inspectOffice, newPairingCode, officeStatus, pairThisDesk } from './link';

export function officeHandlers({ db, appVersion, sync }: ServiceDependencies): AreaHandlers<typeof officeCalls> {
  return {
    'office.status': () => officeStatus(db, sync),
    'office.syncNow': async () => {
      await sync.syncNow();
      return officeStatus(db, sync);
    },
    'office.inspect': (input) => inspectOffice(input),
    'office.pair': (input, context) => pairThisDesk(db, sync, input, { ...context, appVersion }),
    'office.newPairingCode': (_input, context) => newPairingCode(db, context),
  };
}
