import type { CallName } from '../../api/contract';
import { isRole, roleMay, type Access } from '../../api/permissions';
import type { ApiError } from '../../api/result';
import type { CallContext } from '../context';
import { KIOSK_CALLS } from './kiosk';
import { lockIfIdle } from './lock';
import { endSession } from './sign-in';
import type { DeskState } from './state';

/** The context of an allowed call, or why it is refused. Public calls run in any state. */
export async function authorize(desk: DeskState, name: CallName, access: Access): Promise<CallContext | ApiError> {
  const now = desk.now();
  // In kiosk the person at the screen may send anything: signing out and locking are refused with the rest.
  if (desk.session?.kiosk && !KIOSK_CALLS.has(name)) return { code: 'kiosk', messageKey: 'session.kiosk' };
  // Public calls act for nobody yet: each session call names its own actor in what it records.
  if (access === 'public') return { actorId: desk.session?.user.id ?? '', now };
  const session = desk.session;
  if (!session || !desk.database) return { code: 'unauthenticated', messageKey: 'session.signedOut' };
  await lockIfIdle(desk, session, now);
  if (session.locked) return { code: 'locked', messageKey: 'session.locked' };
  // The account as it is now: an administrator's change of role or disabling applies to the next call.
  const account = await desk.database.opened.db
    .selectFrom('users')
    .select(['role', 'active', 'must_change_password'])
    .where('id', '=', session.user.id)
    .executeTakeFirst();
  if (!account || account.active !== 1 || !isRole(account.role)) {
    await endSession(desk);
    return { code: 'unauthenticated', messageKey: 'session.signedOut' };
  }
  session.user.role = account.role;
  if (account.must_change_password === 1 && name !== 'session.changePassword' && name !== 'session.stillHere') {
    return { code: 'password_change_required', messageKey: 'session.passwordChangeRequired' };
  }
  if (!roleMay(account.role, access)) return { code: 'forbidden', messageKey: 'forbidden' };
  session.lastSeen = now.getTime();
  return session.kiosk ? { actorId: session.user.id, now, kioskOfferId: session.kiosk.offerId } : { actorId: session.user.id, now };
}
