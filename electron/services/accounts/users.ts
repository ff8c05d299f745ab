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
import { keepAccountEntries, wrapOfficeKeyFor, type AccountEntries, type OfficeKeyWrapMade } from '../session/office-accounts';
import { accountBinding, foldUsername, readKeyring, type Keyring, type KeyringAccount } from './keyring';
import type { DeskSync } from '../sync/desk-sync';
import { newAccountSigningKey } from '../sync/signing';

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
  /** On a paired desk, the office server, whose accounts they are: told first of every change (services/sync/desk-sync.ts). */
  office: Pick<DeskSync, 'putAccount'>;
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

export async function listUsers({ db, keys }: Pick<AccountDependencies, 'db' | 'keys'>, now: Date): Promise<UserAccount[]> {
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
  { db, keys, office }: AccountDependencies,
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
  // On a paired desk the account signs in at every desk of the office: its password wraps the office's key too.
  const officeWrap = await wrapOfficeKeyFor(db, id, input.password, keys.keyDerivation);
  // The account's signing key, wrapped by the password chosen for it; the office takes the account and its key first.
  const signing = await newAccountSigningKey(id, input.password, keys.keyDerivation);
  await office.putAccount(
    { account: { userId: id, role: input.role, active: true, changedAt: context.now.toISOString() }, key: { userId: id, keyId: signing.key.keyId, publicKey: signing.key.publicKey } },
    context.actorId,
  );
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
        office_key_wrap: officeWrap?.column ?? null,
        signing_key: signing.kept,
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
    keepAccountEntries(keys.path, id, {
      local: { userId: id, username, wrap, failedAttempts: 0, lockedUntil: null },
      ...officeEntry(officeWrap, username, keys),
    });
  });
  return getUser({ db, keys }, id, context.now);
}

export async function updateUser(
  { db, keys, office }: AccountDependencies,
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
  // An account of another desk signs in here through its wrap of the office's key (session/office-accounts.ts).
  const hasKey = [...keyring.accounts, ...(keyring.office?.accounts ?? [])].some((account) => account.userId === input.id);
  // The account's entry afterwards: unchanged (undefined), a new wrap, or none (disabled).
  let entry: KeyringAccount | null | undefined;
  // And its wrap of the office's key, on a paired desk: the same three.
  let officeWrap: OfficeKeyWrapMade | null | undefined;
  let signing: Awaited<ReturnType<typeof newAccountSigningKey>> | null = null;
  if (input.active && !hasKey) {
    if (input.password === undefined) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ path: 'password', messageKey: 'validation.password.requiredToEnable' }],
      });
    }
    refusePasswordLikeUsername(input.password, current.username);
    const wrap = await wrapKey(keys.databaseKey, input.password, accountBinding(keyring, input.id), keys.keyDerivation);
    entry = { userId: input.id, username: current.username, wrap, failedAttempts: 0, lockedUntil: null };
    officeWrap = (await wrapOfficeKeyFor(db, input.id, input.password, keys.keyDerivation)) ?? undefined;
    // Its signing key was wrapped by a password no longer its own: a new one, vouched for at the office by the administrator.
    signing = await newAccountSigningKey(input.id, input.password, keys.keyDerivation);
  }
  // Disabling removes the account's wrap of the database key: its password opens nothing from now on
  // (and its wrap of the office's key, at every desk its row reaches).
  if (!input.active) {
    entry = null;
    officeWrap = null;
  }
  const after = { displayName: input.displayName, role: input.role, active: input.active };
  const before = { displayName: current.display_name, role: current.role, active: current.active === 1 };
  // Who may work, and as what, is the office's to hold: it takes the change first.
  if (after.role !== before.role || after.active !== before.active || signing !== null) {
    const key = signing === null ? null : { userId: input.id, keyId: signing.key.keyId, publicKey: signing.key.publicKey };
    await office.putAccount({ account: { userId: input.id, role: input.role, active: input.active, changedAt: context.now.toISOString() }, key }, context.actorId);
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        display_name: input.displayName,
        role: input.role,
        active: input.active ? 1 : 0,
        must_change_password: input.active && !hasKey ? 1 : current.must_change_password,
        ...(officeWrap === undefined ? {} : { office_key_wrap: officeWrap?.column ?? null }),
        ...(signing === null ? {} : { signing_key: signing.kept }),
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
    if (entry !== undefined || officeWrap !== undefined) {
      const office = officeWrap === null ? { office: null } : officeWrap === undefined ? {} : officeEntry(officeWrap, current.username, keys);
      keepAccountEntries(keys.path, input.id, { local: entry, ...office });
    }
  });
  return getUser({ db, keys }, input.id, context.now);
}

export async function resetPassword(
  { db, keys, office }: AccountDependencies,
  input: ValidInput<'users.resetPassword'>,
  context: CallContext,
): Promise<UserAccount> {
  const current = await loadUser(db, input.id);
  if (current.active !== 1) throw new AppError('rule', 'users.disabled');
  refusePasswordLikeUsername(input.password, current.username);
  const keyring = readKeyring(keys.path);
  const wrap = await wrapKey(keys.databaseKey, input.password, accountBinding(keyring, input.id), keys.keyDerivation);
  // A fresh wrap of the office's key too: at every desk of the office, the old password opens nothing once it arrives.
  const officeWrap = await wrapOfficeKeyFor(db, input.id, input.password, keys.keyDerivation);
  // The account's signing key is wrapped by the forgotten password: a new one, vouched for at the office by the administrator.
  const signing = await newAccountSigningKey(input.id, input.password, keys.keyDerivation);
  await office.putAccount({ account: null, key: { userId: input.id, keyId: signing.key.keyId, publicKey: signing.key.publicKey } }, context.actorId);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        must_change_password: input.id === context.actorId ? 0 : 1,
        ...(officeWrap === null ? {} : { office_key_wrap: officeWrap.column }),
        signing_key: signing.kept,
        ...restamp(context),
      })
      .where('id', '=', input.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'user.passwordReset',
      entityType: 'user',
      entityId: input.id,
      summary: { username: current.username },
    });
    // A reset also ends a lockout: the administrator has checked who is asking.
    keepAccountEntries(keys.path, input.id, {
      local: { userId: input.id, username: current.username, wrap, failedAttempts: 0, lockedUntil: null },
      ...officeEntry(officeWrap, current.username, keys),
    });
  });
  return getUser({ db, keys }, input.id, context.now);
}

async function getUser({ db, keys }: Pick<AccountDependencies, 'db' | 'keys'>, id: string, now: Date): Promise<UserAccount> {
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

/** The account's entry of the office's accounts in the keyring: a new wrap, none (null), or unchanged (no wrap made: a desk that works alone). */
function officeEntry(made: OfficeKeyWrapMade | null, username: string, keys: KeyringAccess): Pick<AccountEntries, 'office'> {
  return made === null ? {} : { office: { made, username, databaseKey: keys.databaseKey } };
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
  const entry = keyring.accounts.find((account) => account.userId === row.id) ?? keyring.office?.accounts.find((account) => account.userId === row.id);
  const lockedUntil = entry?.lockedUntil ?? null;
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
