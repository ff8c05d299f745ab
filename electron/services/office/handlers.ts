import type { Kysely } from 'kysely';
import type { OfficeStatus, officeCalls } from '../../api/office';
import type { DatabaseSchema } from '../../../db/schema';
import type { CallContext, ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import type { DeskSync } from '../sync/desk-sync';
import { permissionsOf } from '../workflow/rules';
import { officeDesks, revokeOtherDesk } from './desks';
import { inspectOffice, newPairingCode, officeStatus, pairThisDesk } from './link';

export function officeHandlers({ db, appVersion, sync }: ServiceDependencies): AreaHandlers<typeof officeCalls> {
  return {
    'office.status': (_input, context) => statusFor(db, sync, context),
    'office.syncNow': async (_input, context) => {
      await sync.syncNow();
      return statusFor(db, sync, context);
    },
    'office.inspect': (input) => inspectOffice(input),
    'office.pair': (input, context) => pairThisDesk(db, sync, input, { ...context, appVersion }),
    'office.newPairingCode': (_input, context) => newPairingCode(db, context),
    'office.desks': () => officeDesks(db),
    'office.revokeDesk': (input, context) => revokeOtherDesk(db, sync, input, context),
  };
}

/** The desks whose history was found cut or rewritten are the administrators' to look into: no one else is shown them. */
async function statusFor(db: Kysely<DatabaseSchema>, sync: DeskSync, context: CallContext): Promise<OfficeStatus> {
  const status = await officeStatus(db, sync);
  if (status.sync === null || (await permissionsOf(db, context.actorId))('settings.manage')) return status;
  return { ...status, sync: { ...status.sync, flaggedDesks: [] } };
}
