import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import {
  accountSigningText,
  keySigningText,
  operationSigningText,
  revocationSigningText,
  type SignedAccount,
  type SignedKey,
  type SignedOperation,
  type SignedRevocation,
} from '../../electron/api/sync/signed';

/**
 * The server's check of an Ed25519 signature, over the very text the desks sign (api/sync/signed.ts):
 * the server checks, it never signs.
 */
function holds(text: string, signature: string, publicKey: string): boolean {
  const key = publicKeyObject(publicKey);
  const bytes = Buffer.from(signature, 'base64');
  if (key === null || bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), key, bytes);
  } catch {
    return false;
  }
}

/** The public keys met, ready to check with: an office has a few dozen, and a first sync checks millions of signatures. */
const PUBLIC_KEYS = new Map<string, KeyObject | null>();

function publicKeyObject(publicKey: string): KeyObject | null {
  let key = PUBLIC_KEYS.get(publicKey);
  if (key !== undefined) return key;
  const raw = Buffer.from(publicKey, 'base64');
  try {
    key = raw.length === 32 ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }) : null;
  } catch {
    key = null;
  }
  if (PUBLIC_KEYS.size >= 10_000) PUBLIC_KEYS.clear();
  PUBLIC_KEYS.set(publicKey, key);
  return key;
}

export const operationSignatureHolds = (operation: SignedOperation, signature: string, publicKey: string) => holds(operationSigningText(operation), signature, publicKey);
export const accountSignatureHolds = (account: SignedAccount, signature: string, publicKey: string) => holds(accountSigningText(account), signature, publicKey);
export const keySignatureHolds = (key: SignedKey, signature: string, publicKey: string) => holds(keySigningText(key), signature, publicKey);
export const revocationSignatureHolds = (revocation: SignedRevocation, signature: string, publicKey: string) => holds(revocationSigningText(revocation), signature, publicKey);
