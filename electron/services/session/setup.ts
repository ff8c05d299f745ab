import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import type { CallOutput, ValidInput } from '../../api/contract';
import { wrapKey } from '../accounts/key-wrap';
import { accountBinding, DEFAULT_POLICY, foldUsername, recoveryBinding, writeKeyring, type Keyring } from '../accounts/keyring';
import { newRecoveryKey } from '../accounts/recovery-key';
import { refusePasswordLikeUsername } from '../accounts/users';
import { appendAudit } from '../audit/log';
import { AppError } from '../errors';
import { newId } from '../ids';
import { installStarterLibrary } from '../inquiries/library';
import { installShippedQuestionnaire } from '../questionnaires/shipped';
import { installStarterDocuments } from '../documents/starter';
import { legacyKeyPath, readLegacyKey, removeDatabaseFiles } from './files';
import { closeDesk, openDatabaseFile } from './open';
import { sessionState } from './session-state';
import { startSession } from './sign-in';
import { requireDatabase, type DeskState } from './state';
import { unlockSigningKey } from '../sync/signing';

/**
 * The first start: the association's name, the first administrator, a new database key wrapped by
 * their password and by the recovery key (answered once, here, and never kept).
 */
export async function setUp(desk: DeskState, input: ValidInput<'session.setup'>): Promise<CallOutput<'session.setup'>> {
  if (desk.keyring.current() !== null) throw new AppError('rule', 'session.alreadySetUp');
  const { databasePath, keyringPath } = desk.options;
  const username = foldUsername(input.username);
  refusePasswordLikeUsername(input.password, username);
  // A database from before accounts existed keeps its key: the keyring takes it over.
  const legacyKey = readLegacyKey(databasePath);
  const databaseExisted = existsSync(databasePath);
  // A database whose keyring went missing while Wasl ran is never set up afresh over: that would
  // need a new key, which cannot open it, and nothing may replace it.
  if (databaseExisted && legacyKey === null) throw new AppError('database_unavailable', 'database.keyringMissing');
  const key = legacyKey ?? randomBytes(32);
  const userId = newId();
  const recoveryKey = newRecoveryKey();
  const base = { databaseId: newId() };
  const keyring: Keyring = {
    format: 'wasl-keyring',
    version: 1,
    ...base,
    associationName: input.associationName,
    policy: { ...DEFAULT_POLICY },
    accounts: [
      {
        userId,
        username,
        wrap: await wrapKey(key, input.password, accountBinding(base, userId), desk.keyDerivation),
        failedAttempts: 0,
        lockedUntil: null,
      },
    ],
    recovery: await wrapKey(key, recoveryKey, recoveryBinding(base), desk.keyDerivation),
    pendingEvents: [],
  };
  const createdDatabase = !databaseExisted;
  try {
    await openDatabaseFile(desk, key);
    const context = { actorId: userId, now: desk.now() };
    const { db } = requireDatabase(desk).opened;
    await db.transaction().execute(async (trx) => {
      const at = context.now.toISOString();
      await trx
        .insertInto('users')
        .values({
          id: userId,
          username,
          display_name: input.displayName,
          role: 'administrator',
          active: 1,
          language: 'ar',
          must_change_password: 0,
          last_sign_in_at: at,
          created_at: at,
          updated_at: at,
          created_by: userId,
          updated_by: userId,
        })
        .execute();
      await appendAudit(trx, context, {
        action: 'app.setUp',
        entityType: 'user',
        entityId: userId,
        summary: { associationName: input.associationName, administrator: username, keptExistingData: !createdDatabase },
      });
      // A new desk opens with the policy in its reference library, not with an empty shelf.
      await installStarterLibrary(trx, context.now);
      await installShippedQuestionnaire(trx, context.now);
      // The policy under control too, after the library whose first article it is.
      await installStarterDocuments(trx, context.now);
    });
    // The keyring last: until it exists, a failed setup can simply start again.
    writeKeyring(keyringPath, keyring);
  } catch (error) {
    await closeDesk(desk);
    if (createdDatabase) removeDatabaseFiles(databasePath);
    throw error;
  }
  if (legacyKey !== null) rmSync(legacyKeyPath(databasePath), { force: true });
  await startSession(desk, userId, 'setup');
  // The first administrator's signing key, for when this desk joins an office (services/sync/signing.ts).
  await unlockSigningKey(requireDatabase(desk).opened.db, desk.signingKeys, userId, input.password, desk.keyDerivation);
  return { state: sessionState(desk), recoveryKey };
}
