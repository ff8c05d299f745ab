import type { settingsCalls } from '../../api/settings';
import type { usersCalls } from '../../api/users';
import { backupDependencies } from '../backups/handlers';
import type { DatabaseSwap } from '../backups/restore';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { changeSecuritySettings, readSecuritySettings } from './policy';
import { replaceRecoveryKey } from './replace-recovery-key';
import type { KeyRotations } from './rotate-database-key';
import { createUser, listUsers, resetPassword, updateUser } from './users';

/**
 * The accounts and the sign-in policy. `keyRotations`: the desk's, which outlive these handlers when
 * the database is opened again under its new key; `swap` closes and reopens it (see backups).
 */
export function accountsHandlers(
  deps: ServiceDependencies,
  { swap, keyRotations }: { swap: DatabaseSwap | undefined; keyRotations: KeyRotations },
): AreaHandlers<typeof usersCalls & typeof settingsCalls> {
  const { db } = deps;
  const accounts = { db, keys: deps.keys, office: deps.sync };
  const backups = backupDependencies(deps, swap);
  const keyRotation = { db, sqlite: deps.sqlite, keys: deps.keys, databasePath: backups.databasePath, backups, swap };
  return {
    'users.list': (_input, context) => listUsers(accounts, context.now),
    'users.create': (input, context) => createUser(accounts, input, context),
    'users.update': (input, context) => updateUser(accounts, input, context),
    'users.resetPassword': (input, context) => resetPassword(accounts, input, context),
    'users.replaceRecoveryKey': (input, context) => replaceRecoveryKey(accounts, input.password, context),
    'users.rotateDatabaseKey': (input, context) => keyRotations.start(keyRotation, input.password, context),
    'users.keyRotationStatus': async (input, context) => keyRotations.status(input.id, context),
    'settings.security': () => readSecuritySettings(deps.keys.path),
    'settings.setSecurity': (input, context) => changeSecuritySettings(db, deps.keys.path, input, context),
  };
}
