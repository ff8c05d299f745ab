import { createHash, createHmac, randomBytes, scrypt } from 'node:crypto';
import { PAIRING_AUTH } from '../../api/sync/office';
import { OWASP_SCRYPT, unwrapKey, wrapKey, type KeyWrap } from '../accounts/key-wrap';

/**
 * The office's key: 256 bits made by the office's first desk, with which every desk seals what it
 * sends the server (seal.ts). The server never holds it. It reaches a new desk inside the pairing
 * code a paired desk made: wrapped by the code (scrypt), which the server never learns; the server
 * is sent only a key derived from the code another way (PAIRING_AUTH), and keeps only its hash.
 */

export const newOfficeKey = (): Buffer => randomBytes(32);

/** What proves a desk holds the office's key without showing it: an HMAC of a fixed text under it. */
export const officeKeyCheck = (key: Buffer): string => createHmac('sha256', key).update('wasl office key check').digest('base64url');

/** The key a desk sends in place of a pairing code (the server derives it the same way, server/desks/pairing-auth.ts). */
export function pairingAuthOf(code: string): Promise<string> {
  const { salt, N, r, p, bytes } = PAIRING_AUTH;
  return new Promise((resolve, reject) =>
    scrypt(code, salt, bytes, { N, r, p }, (error, derived) => (error ? reject(error) : resolve(derived.toString('base64url')))),
  );
}

/** What the server keeps of a code a desk made: the SHA-256 of its derived key, base64url. */
export const pairingAuthHashOf = (auth: string): string => createHash('sha256').update(Buffer.from(auth, 'base64url')).digest('base64url');

/** What the wrap is bound to: this office's key, so a wrap cannot be passed off as another's. */
const boundTo = (officeId: string) => `wasl-office-key:${officeId}`;

/** The office's key wrapped by a pairing code, as the server keeps it for the desk that pairs with the code. */
export async function wrapOfficeKey(key: Buffer, code: string, officeId: string): Promise<string> {
  return JSON.stringify(await wrapKey(key, code, boundTo(officeId)));
}

/** The office's key from the wrap a new desk was given with its code, or null when it does not open. */
export async function unwrapOfficeKey(wrap: string, code: string, officeId: string): Promise<Buffer | null> {
  let parsed: KeyWrap;
  try {
    parsed = JSON.parse(wrap) as KeyWrap;
  } catch {
    return null;
  }
  // The wrap comes through the server: only the cost a desk wraps with is accepted, never one that would hang this desk.
  const { N, r, p } = parsed.kdf ?? {};
  if (N !== OWASP_SCRYPT.N || r !== OWASP_SCRYPT.r || p !== OWASP_SCRYPT.p) return null;
  return unwrapKey(parsed, code, boundTo(officeId)).catch(() => null);
}
