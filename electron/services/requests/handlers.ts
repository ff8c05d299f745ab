import type { requestsCalls } from '../../api/requests';
import { readKeyring } from '../accounts/keyring';
import { shieldFor } from '../complaints/shield';
import type { CallContext, ServiceDependencies } from '../context';
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
  /** The request as the caller sees it (see getRequest). */
  const detail = async (id: string, context: CallContext) => getRequest(db, id, context.now, await shieldFor(db, context.actorId));
  /** A move answers the request as it stands once the move's transaction is done. */
  const moved = async (move: Promise<unknown>, id: string, context: CallContext) => {
    await move;
    return detail(id, context);
  };
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

    'requests.open': async (input, context) => detail(await openRequest(db, input, context), context),
    'requests.startReview': (input, context) => moved(startReview(db, input, context), input.id, context),
    'requests.refer': (input, context) => moved(referRequest(db, input, context), input.id, context),
    'requests.recordAuthorityAnswer': (input, context) => moved(recordAuthorityAnswer(db, input, context), input.id, context),
    'requests.decide': (input, context) => moved(decideRequest(db, input, context), input.id, context),
    'requests.notify': async (input, context) => {
      const notification = await notifyBeneficiary(db, input, context, associationName());
      return { ...(await detail(input.id, context)), notification };
    },
    'requests.close': (input, context) => moved(closeRequest(db, input, context), input.id, context),
    'requests.withdraw': (input, context) => moved(withdrawRequest(db, input, context), input.id, context),
    'requests.reassign': (input, context) => moved(reassignRequest(db, input, context), input.id, context),

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
