import { createHash, scrypt } from 'node:crypto';
import { PAIRING_AUTH } from '../../electron/api/sync/office';

/** The key a desk derives from a pairing code and sends in its place (the desk derives it the same way). */
export function pairingAuthOf(code: string): Promise<string> {
  const { salt, N, r, p, bytes } = PAIRING_AUTH;
  return new Promise((resolve, reject) =>
    scrypt(code, salt, bytes, { N, r, p }, (error, derived) => (error ? reject(error) : resolve(derived.toString('base64url')))),
  );
}

/** What the server keeps of a pairing code: the SHA-256 of its derived key. */
export const authHashOf = (auth: string): Buffer => createHash('sha256').update(Buffer.from(auth, 'base64url')).digest();
