import type { ValidInput } from '../../api/contract';
import type { SessionState } from '../../api/session';
import { unwrapKey, wrapKey } from '../accounts/key-wrap';
import { accountBinding, readKeyring, setKeyringAccount } from '../accounts/keyring';
import { refusePasswordLikeUsername } from '../accounts/users';
import { appendAudit } from '../audit/log';
import type { CallContext } from '../context';
import { AppError } from '../errors';
import { sessionState } from './session-state';
import { requireDatabase, requireKeyring, type DeskState } from './state';

/**
 * The signed-in person's own new password (required after an administrator's reset): the current one
 * is typed again, and the database key is wrapped anew for the new one.
 */
export async function changePassword(desk: DeskState, input: ValidInput<'session.changePassword'>, context: CallContext): Promise<SessionState> {
  const session = desk.session;
  const database = requireDatabase(desk);
  if (!session) throw new AppError('unauthenticated', 'session.signedOut');
  const keyring = requireKeyring(desk);
  const account = keyring.accounts.find((candidate) => candidate.userId === session.user.id);
  const key = account ? await unwrapKey(account.wrap, input.currentPassword, accountBinding(keyring, account.userId)) : null;
  if (!account || key === null) {
    throw new AppError('validation', 'validation.failed', {
      fields: [{ path: 'currentPassword', messageKey: 'validation.password.wrong' }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('validation', 'validation.failed', {
      fields: [{ path: 'newPassword', messageKey: 'validation.password.same' }],
    });
  }
  refusePasswordLikeUsername(input.newPassword, account.username, 'newPassword');
  const wrap = await wrapKey(database.key, input.newPassword, accountBinding(keyring, account.userId), desk.keyDerivation);
  const { keyringPath } = desk.options;
  await database.opened.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ must_change_password: 0, updated_at: context.now.toISOString(), updated_by: session.user.id })
      .where('id', '=', session.user.id)
      .execute();
    await appendAudit(trx, context, { action: 'session.passwordChanged', entityType: 'user', entityId: session.user.id });
    const latest = readKeyring(keyringPath).accounts.find((entry) => entry.userId === account.userId) ?? account;
    setKeyringAccount(keyringPath, account.userId, { ...latest, wrap });
  });
  session.user.mustChangePassword = false;
  return sessionState(desk);
}
