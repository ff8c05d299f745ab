import { requestWorkflow, type requestsCalls } from '../../api/requests';
import { readKeyring } from '../accounts/keyring';
import { shieldFor } from '../complaints/shield';
import type { CallContext, ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { workflowMoves } from '../workflow/moves';
import { permissionsOf } from '../workflow/rules';
import { listHolidays, listRequestTypes, removeHoliday, saveHoliday, saveRequestType } from './catalog';
import {
  checkAnswerScan,
  closeRequest,
  decideRequest,
  notifyBeneficiary,
  openRequest,
  reassignRequest,
  recordAuthorityAnswer,
  referRequest,
  requestStore,
  requireReferralAuthority,
  startReview,
  withdrawRequest,
} from './lifecycle';
import { getRequest, listRequests, viewRequest } from './read';

export function requestsHandlers(deps: ServiceDependencies): AreaHandlers<typeof requestsCalls> {
  const { db } = deps;
  /** The request as the caller sees it (see getRequest). */
  const detail = async (id: string, context: CallContext) =>
    getRequest(db, id, context.now, await shieldFor(db, context.actorId), await permissionsOf(db, context.actorId));
  /** Each move runs in one transaction with its guard, event and audit entry, and answers the request as it then stands. */
  const moves = workflowMoves(db, requestWorkflow, requestStore((_db, id, context) => detail(id, context)));
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
    'requests.startReview': moves.register('startReview', startReview),
    'requests.refer': moves.register('refer', referRequest, requireReferralAuthority),
    'requests.recordAuthorityAnswer': moves.register('recordAuthorityAnswer', recordAuthorityAnswer, checkAnswerScan),
    'requests.decide': moves.register('decide', decideRequest),
    'requests.notify': moves.register('notify', notifyBeneficiary, associationName),
    'requests.close': moves.register('close', closeRequest),
    'requests.withdraw': moves.register('withdraw', withdrawRequest),
    'requests.reassign': async (input, context) => {
      await reassignRequest(db, input, context);
      return detail(input.id, context);
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
