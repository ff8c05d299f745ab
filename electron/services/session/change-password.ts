import type { ValidInput } from '../../api/contract';
import type { SessionState } from '../../api/session';
import { unwrapKey, wrapKey } from '../accounts/key-wrap';
import { accountBinding, readKeyring } from '../accounts/keyring';
import { refusePasswordLikeUsername } from '../accounts/users';
import { appendAudit } from '../audit/log';
import type { CallContext } from '../context';
import { AppError } from '../errors';
import { keepAccountEntries, wrapOfficeKeyFor } from './office-accounts';
import { sessionState } from './session-state';
import { requireDatabase, requireKeyring, type DeskState } from './state';
import { rewrappedSigningKey } from '../sync/signing';

/**
 * The signed-in person's own new password (required after an administrator's reset): the current one
 * is typed again, and the database key is wrapped anew for the new one (and, on a paired desk, the
 * office's key, for every desk of the office).
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
  // On a paired desk the new password is the account's at every desk: it wraps the office's key
  // too, and the wrap reaches the other desks with the account's row, where the old one goes.
  const made = await wrapOfficeKeyFor(database.opened.db, account.userId, input.newPassword, desk.keyDerivation);
  // The account's signing key, the same key, wrapped by the new password (services/sync/signing.ts).
  const signingKey = await rewrappedSigningKey(desk.signingKeys, account.userId, input.newPassword, desk.keyDerivation);
  const { keyringPath } = desk.options;
  await database.opened.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ must_change_password: 0, updated_at: context.now.toISOString(), updated_by: session.user.id, ...(made === null ? {} : { office_key_wrap: made.column }), ...(signingKey === null ? {} : { signing_key: signingKey }) })
      .where('id', '=', session.user.id)
      .execute();
    await appendAudit(trx, context, { action: 'session.passwordChanged', entityType: 'user', entityId: session.user.id });
    const latest = readKeyring(keyringPath).accounts.find((entry) => entry.userId === account.userId) ?? account;
    keepAccountEntries(keyringPath, account.userId, {
      local: { ...latest, wrap },
      ...(made === null ? {} : { office: { made, username: account.username, databaseKey: database.key } }),
    });
  });
  session.user.mustChangePassword = false;
  return sessionState(desk);
}
