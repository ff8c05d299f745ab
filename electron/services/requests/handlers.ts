import type { requestsCalls } from '../../api/requests';
import { readKeyring } from '../accounts/keyring';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { listHolidays, listRequestTypes, removeHoliday, saveHoliday, saveRequestType } from './catalog';
import {
  closeRequest,
  decideRequest,
  notifyBeneficiary,
  openRequest,
  recordAuthorityAnswer,
  referRequest,
  reassignRequest,
  startReview,
  withdrawRequest,
} from './lifecycle';
import { getRequest, listRequests, viewRequest } from './read';

export function requestsHandlers(deps: ServiceDependencies): AreaHandlers<typeof requestsCalls> {
  const { db } = deps;
  /** Signs the notification letter; the letter stands without it if the keyring cannot be read. */
  const associationName = () => {
    try {
      return readKeyring(deps.keys.path).associationName;
    } catch {
      return null;
    }
  };
  return {
    'requests.types': (input) => listRequestTypes(db, input),
    'requests.saveType': (input, context) => saveRequestType(db, input, context),
    'holidays.list': () => listHolidays(db),
    'holidays.save': (input, context) => saveHoliday(db, input, context),
    'holidays.remove': (input, context) => removeHoliday(db, input.id, context),

    'requests.open': async (input, context) => getRequest(db, await openRequest(db, input, context), context.now),
    'requests.startReview': async (input, context) => {
      await startReview(db, input, context);
      return getRequest(db, input.id, context.now);
    },
    'requests.refer': async (input, context) => {
      await referRequest(db, input, context);
      return getRequest(db, input.id, context.now);
    },
    'requests.recordAuthorityAnswer': async (input, context) => {
      await recordAuthorityAnswer(db, input, context);
      return getRequest(db, input.id, context.now);
    },
    'requests.decide': async (input, context) => {
      await decideRequest(db, input, context);
      return getRequest(db, input.id, context.now);
    },
    'requests.notify': async (input, context) => {
      const notification = await notifyBeneficiary(db, input, context, associationName());
      return { ...(await getRequest(db, input.id, context.now)), notification };
    },
    'requests.close': async (input, context) => {
      await closeRequest(db, input, context);
      return getRequest(db, input.id, context.now);
    },
    'requests.withdraw': async (input, context) => {
      await withdrawRequest(db, input, context);
      return getRequest(db, input.id, context.now);
    },
    'requests.reassign': async (input, context) => {
      await reassignRequest(db, input, context);
      return getRequest(db, input.id, context.now);
    },

    'requests.get': (input, context) => viewRequest(db, input.id, context),
    'requests.list': (input, context) => listRequests(db, input, context.now),

    'requests.referralAuthorities': async () => {
      const rows = await db.selectFrom('authorities').select(['id', 'name_ar', 'name_en']).where('active', '=', 1).orderBy('name_ar').execute();
      return rows.map((row) => ({ id: row.id, nameAr: row.name_ar, nameEn: row.name_en }));
    },
    'requests.assignees': async () => {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'role'])
        .where('active', '=', 1)
        .where('role', 'in', ['officer', 'supervisor'])
        .orderBy('display_name')
        .execute();
      return rows.map((row) => ({ id: row.id, displayName: row.display_name, role: row.role as 'officer' | 'supervisor' }));
    },
  };
}
