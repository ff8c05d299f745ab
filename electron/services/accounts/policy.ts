import type { Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { SecuritySettings } from '../../api/settings';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit, fieldChanges } from '../audit/log';
import type { CallContext } from '../context';
import { readKeyring, writeKeyring } from './keyring';

type Db = Kysely<DatabaseSchema>;

export function readSecuritySettings(keyringPath: string): SecuritySettings {
  const { policy } = readKeyring(keyringPath);
  return { ...policy };
}

/** Changes the sign-in policy (in the keyring, read before anyone signs in) and records the change. */
export async function changeSecuritySettings(
  db: Db,
  keyringPath: string,
  input: ValidInput<'settings.setSecurity'>,
  context: CallContext,
): Promise<SecuritySettings> {
  const keyring = readKeyring(keyringPath);
  const changes = fieldChanges({ ...keyring.policy }, { ...input });
  if (changes.length === 0) return { ...keyring.policy };
  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, context, {
      action: 'settings.changed',
      entityType: 'setting',
      entityId: 'security',
      summary: { fields: changes.map((change) => change.field) },
      changes,
    });
    // Last, inside the transaction: if the keyring cannot be written, the record is rolled back.
    writeKeyring(keyringPath, { ...readKeyring(keyringPath), policy: { ...input } });
  });
  return readSecuritySettings(keyringPath);
}
