import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import {
  accountSigningText,
  keySigningText,
  operationSigningText,
  revocationSigningText,
  snapshotSigningText,
  type SignedAccount,
  type SignedKey,
  type SignedOperation,
  type SignedRevocation,
} from '../../api/sync/signed';

/**
 * Who wrote an operation, proved: every operation the office takes is signed with its author's
 * Ed25519 key (a user's, or a desk's own for what Wasl does by itself), and the server and every
 * desk check the signature against the office's register of keys before taking it. The signature
 * covers what the server reads in clear and the sealed payload (api/sync/signed.ts): a desk, or
 * someone holding its files and the office's key, cannot write in another user's name without that
 * user's key, which only their password opens (signing.ts). The office server checks with this very
 * file (its one import from the desks' services: Node's crypto and the texts of api/sync/signed.ts).
 */

/** A new Ed25519 key pair: the public half as raw 32 bytes in base64, the private half as its raw 32-byte seed. */
export function newSigningKeyPair(): { publicKey: string; seed: Buffer } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64'), seed: Buffer.from(jwk.d!, 'base64url') };
}

/** A private key from its seed and public half as kept, ready to sign; null when they are not one key's. */
export function privateSigningKey(seed: Buffer, publicKey: string): KeyObject | null {
  try {
    const x = Buffer.from(publicKey, 'base64').toString('base64url');
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x }, format: 'jwk' });
    // The public half is derived from the seed again: a seed kept with another key's public half is not taken.
    return createPublicKey(key).export({ format: 'jwk' }).x === x ? key : null;
  } catch {
    return null;
  }
}

/** The seed of a private key, to wrap it again by a new password. */
export const seedOf = (privateKey: KeyObject): Buffer => Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');

const signed = (text: string, privateKey: KeyObject) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');

/** Whether `signature` (base64) holds over `text` under the raw public key (base64). */
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

export const signOperation = (operation: SignedOperation, privateKey: KeyObject) => signed(operationSigningText(operation), privateKey);
export const operationSignatureHolds = (operation: SignedOperation, signature: string, publicKey: string) => holds(operationSigningText(operation), signature, publicKey);
export const signAccount = (account: SignedAccount, privateKey: KeyObject) => signed(accountSigningText(account), privateKey);
export const accountSignatureHolds = (account: SignedAccount, signature: string, publicKey: string) => holds(accountSigningText(account), signature, publicKey);
export const signKey = (key: SignedKey, privateKey: KeyObject) => signed(keySigningText(key), privateKey);
export const keySignatureHolds = (key: SignedKey, signature: string, publicKey: string) => holds(keySigningText(key), signature, publicKey);
export const signRevocation = (revocation: SignedRevocation, privateKey: KeyObject) => signed(revocationSigningText(revocation), privateKey);
export const revocationSignatureHolds = (revocation: SignedRevocation, signature: string, publicKey: string) => holds(revocationSigningText(revocation), signature, publicKey);
export const signSnapshot = (manifest: string, privateKey: KeyObject) => signed(snapshotSigningText(manifest), privateKey);
export const snapshotSignatureHolds = (manifest: string, signature: string, publicKey: string) => holds(snapshotSigningText(manifest), signature, publicKey);
