import type { NewRecoveryKey } from '../../api/users';
import { appendAudit } from '../audit/log';
import type { CallContext } from '../context';
import { AppError } from '../errors';
import { unwrapKey, wrapKey } from './key-wrap';
import { accountBinding, readKeyring, recoveryBinding, writeKeyring } from './keyring';
import { newRecoveryKey } from './recovery-key';
import type { AccountDependencies } from './users';

/**
 * A new recovery key in place of the old one. Only the keyring's recovery wrap changes: the database
 * key stays, so the accounts' wraps stay valid, and a backup made before (its own keyring beside it)
 * still opens with the old recovery key. Closing that too needs the database key itself replaced.
 */
export async function replaceRecoveryKey(
  { db, keys }: AccountDependencies,
  password: string,
  context: CallContext,
): Promise<NewRecoveryKey> {
  const keyring = readKeyring(keys.path);
  const account = keyring.accounts.find((entry) => entry.userId === context.actorId);
  // The administrator's own password again: an unattended session must not be enough to take the key.
  const unwrapped = account ? await unwrapKey(account.wrap, password, accountBinding(keyring, account.userId)) : null;
  if (unwrapped === null || !unwrapped.equals(keys.databaseKey)) {
    throw new AppError('validation', 'validation.failed', { fields: [{ path: 'password', messageKey: 'validation.password.wrong' }] });
  }
  unwrapped.fill(0);
  const recoveryKey = newRecoveryKey();
  const recovery = await wrapKey(keys.databaseKey, recoveryKey, recoveryBinding(keyring), keys.keyDerivation);
  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, context, { action: 'recoveryKey.replaced', entityType: 'setting', entityId: 'recoveryKey' });
    // Last, inside the transaction: the keyring is replaced in one rename (a crash leaves the old
    // key or the new one), and if it cannot be written the record is rolled back. Read again right
    // before, so that nothing written meanwhile (a failed sign-in counted) is lost.
    writeKeyring(keys.path, { ...readKeyring(keys.path), recovery });
  });
  return { recoveryKey };
}
