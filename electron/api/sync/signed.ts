/**
 * What the author of an operation, an account change or a new key signs (Ed25519), as text: the
 * same on the desks, which sign and check (services/sync/signature.ts), and on the office server,
 * which checks (server/accounts/signatures.ts). Each starts with a tag of its own, so that a
 * signature over one kind is never taken for another, and lists every field it covers, as JSON.
 */

/**
 * An operation: what the server reads in clear, the key named, and the sealed payload as it travels
 * (base64, whose seal binds the payload to that header).
 */
export interface SignedOperation {
  opId: string;
  deskId: string;
  userId: string;
  hlc: string;
  entity: string;
  rowId: string;
  action: string;
  baseHlc: string | null;
  keyId: string;
  payload: string;
}

export const operationSigningText = (operation: SignedOperation): string =>
  JSON.stringify(['wasl-operation', 1, operation.opId, operation.deskId, operation.userId, operation.hlc, operation.entity, operation.rowId, operation.action, operation.baseHlc, operation.keyId, operation.payload]);

/** An account's role and state as an administrator set them, with when (a later change wins). */
export interface SignedAccount {
  userId: string;
  role: string;
  active: boolean;
  changedAt: string;
}

export const accountSigningText = (account: SignedAccount): string => JSON.stringify(['wasl-account', 1, account.userId, account.role, account.active, account.changedAt]);

/** A new signing key of an account, as the key that vouches for it (the account's own or an administrator's) signs it. */
export interface SignedKey {
  userId: string;
  keyId: string;
  publicKey: string;
}

export const keySigningText = (key: SignedKey): string => JSON.stringify(['wasl-signing-key', 1, key.userId, key.keyId, key.publicKey]);

/** A desk revoked from another desk, as the administrator who asks signs it, with when. */
export interface SignedRevocation {
  deskId: string;
  askedBy: string;
  at: string;
}

export const revocationSigningText = (revocation: SignedRevocation): string => JSON.stringify(['wasl-revoke-desk', 1, revocation.deskId, revocation.askedBy, revocation.at]);

/** A snapshot of the office's record: its manifest as sealed (which names every chunk by its hash), signed by the desk that made it. */
export const snapshotSigningText = (manifest: string): string => JSON.stringify(['wasl-snapshot', 1, manifest]);
