import type { Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { Role } from '../../api/permissions';
import type { UserAccount } from '../../api/users';
import type { DatabaseSchema, UserTable } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { wrapKey, type ScryptParameters } from './key-wrap';
import { accountBinding, foldUsername, readKeyring, setKeyringAccount, type Keyring, type KeyringAccount } from './keyring';

type Db = Kysely<DatabaseSchema>;

/** What managing accounts needs besides the database: the keyring, and the key each account wraps. */
export interface KeyringAccess {
  path: string;
  databaseKey: Buffer;
  keyDerivation: ScryptParameters;
}

export interface AccountDependencies {
  db: Db;
  keys: KeyringAccess;
}

const ACCOUNT_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'active',
  'must_change_password',
  'last_sign_in_at',
  'created_at',
] as const;

export async function listUsers({ db, keys }: AccountDependencies, now: Date): Promise<UserAccount[]> {
  const keyring = readKeyring(keys.path);
  const rows = await db
    .selectFrom('users')
    .select(ACCOUNT_COLUMNS)
    .where('role', '!=', 'system')
    .orderBy('active', 'desc')
    .orderBy('display_name')
    .execute();
  return rows.map((row) => toAccount(row, keyring, now));
}

export async function createUser(
  { db, keys }: AccountDependencies,
  input: ValidInput<'users.create'>,
  context: CallContext,
): Promise<UserAccount> {
  const username = foldUsername(input.username);
  const taken = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new AppError('duplicate', 'users.usernameTaken', { fields: [{ path: 'username', messageKey: 'validation.usernameTaken' }] });
  refusePasswordLikeUsername(input.password, username);
  const id = newId();
  const keyring = readKeyring(keys.path);
  const wrap = await wrapKey(keys.databaseKey, input.password, accountBinding(keyring, id), keys.keyDerivation);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        username,
        display_name: input.displayName,
        role: input.role,
        active: 1,
        language: 'ar',
        // The administrator chose this password: the user replaces it with their own at first sign-in.
        must_change_password: 1,
        last_sign_in_at: null,
        ...stamp(context),
      })
      .execute();
    await appendAudit(trx, context, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      summary: { username, role: input.role },
    });
    // The keyring last, inside the transaction: if writing it fails, the account row is rolled back.
    setKeyringAccount(keys.path, id, { userId: id, username, wrap, failedAttempts: 0, lockedUntil: null });
  });
  return getUser({ db, keys }, id, context.now);
}

export async function updateUser(
  { db, keys }: AccountDependencies,
  input: ValidInput<'users.update'>,
  context: CallContext,
): Promise<UserAccount> {
  const current = await loadUser(db, input.id);
  if (input.id === context.actorId && (!input.active || input.role !== current.role)) {
    // Locking oneself out by mistake is the one change an administrator cannot undo.
    throw new AppError('rule', 'users.cannotChangeOwnAccess');
  }
  const losesAdministrator = current.role === 'administrator' && current.active === 1 && (input.role !== 'administrator' || !input.active);
  if (losesAdministrator && (await activeAdministrators(db)) <= 1) {
    throw new AppError('rule', 'users.lastAdministrator');
  }
  const keyring = readKeyring(keys.path);
  const hasKey = keyring.accounts.some((account) => account.userId === input.id);
  // The account's entry afterwards: unchanged (undefined), a new wrap, or none (disabled).
  let entry: KeyringAccount | null | undefined;
  if (input.active && !hasKey) {
    if (input.password === undefined) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ path: 'password', messageKey: 'validation.password.requiredToEnable' }],
      });
    }
    refusePasswordLikeUsername(input.password, current.username);
    const wrap = await wrapKey(keys.databaseKey, input.password, accountBinding(keyring, input.id), keys.keyDerivation);
    entry = { userId: input.id, username: current.username, wrap, failedAttempts: 0, lockedUntil: null };
  }
  // Disabling removes the account's wrap of the database key: its password opens nothing from now on.
  if (!input.active) entry = null;
  const after = { displayName: input.displayName, role: input.role, active: input.active };
  const before = { displayName: current.display_name, role: current.role, active: current.active === 1 };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        display_name: input.displayName,
        role: input.role,
        active: input.active ? 1 : 0,
        must_change_password: input.active && !hasKey ? 1 : current.must_change_password,
        ...restamp(context),
      })
      .where('id', '=', input.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'user.changed',
      entityType: 'user',
      entityId: input.id,
      summary: { username: current.username },
      changes: Object.entries(after)
        .filter(([field, value]) => before[field as keyof typeof before] !== value)
        .map(([field, value]) => ({ field, old: before[field as keyof typeof before], new: value })),
    });
    if (entry !== undefined) setKeyringAccount(keys.path, input.id, entry);
  });
  return getUser({ db, keys }, input.id, context.now);
}

export async function resetPassword(
  { db, keys }: AccountDependencies,
  input: ValidInput<'users.resetPassword'>,
  context: CallContext,
): Promise<UserAccount> {
  const current = await loadUser(db, input.id);
  if (current.active !== 1) throw new AppError('rule', 'users.disabled');
  refusePasswordLikeUsername(input.password, current.username);
  const keyring = readKeyring(keys.path);
  const wrap = await wrapKey(keys.databaseKey, input.password, accountBinding(keyring, input.id), keys.keyDerivation);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ must_change_password: input.id === context.actorId ? 0 : 1, ...restamp(context) })
      .where('id', '=', input.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'user.passwordReset',
      entityType: 'user',
      entityId: input.id,
      summary: { username: current.username },
    });
    // A reset also ends a lockout: the administrator has checked who is asking.
    setKeyringAccount(keys.path, input.id, { userId: input.id, username: current.username, wrap, failedAttempts: 0, lockedUntil: null });
  });
  return getUser({ db, keys }, input.id, context.now);
}

async function getUser({ db, keys }: AccountDependencies, id: string, now: Date): Promise<UserAccount> {
  const row = await db.selectFrom('users').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user');
  return toAccount(row, readKeyring(keys.path), now);
}

async function loadUser(db: Db, id: string) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).where('role', '!=', 'system').executeTakeFirst();
  if (!row) throw notFound('user');
  return row;
}

async function activeAdministrators(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'administrator')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A password that is the username is the first one anybody tries. `field` names it in the call's input. */
export function refusePasswordLikeUsername(password: string, username: string, field = 'password'): void {
  if (foldUsername(password).includes(username)) {
    throw new AppError('validation', 'validation.failed', {
      fields: [{ path: field, messageKey: 'validation.password.containsUsername' }],
    });
  }
}

type AccountRow = Pick<UserTable, 'username' | 'display_name' | 'role' | 'active' | 'must_change_password' | 'last_sign_in_at' | 'created_at' | 'id'>;

function toAccount(row: AccountRow, keyring: Keyring, now: Date): UserAccount {
  const lockedUntil = keyring.accounts.find((account) => account.userId === row.id)?.lockedUntil ?? null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: lockedUntil !== null && lockedUntil > now.toISOString() ? lockedUntil : null,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}
