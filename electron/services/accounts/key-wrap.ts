import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';

/**
 * The database key, wrapped (encrypted) by a key derived from a secret: an account's password or the
 * recovery key. AES-256-GCM authenticates the wrap, so a wrong secret is detected rather than
 * producing a wrong key; the associated data binds a wrap to its account, so a wrap cannot be moved
 * to another account's entry in the keyring file.
 */
export interface KeyWrap {
  kdf: ScryptParameters & { name: 'scrypt'; salt: string };
  /** Base64 of the 12-byte nonce, the encrypted key and the 16-byte tag. */
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1 (128 MiB, about a quarter of a
 * second here). Signing in is rare at a desk; guessing passwords against a stolen keyring is not.
 */
export const OWASP_SCRYPT: ScryptParameters = { N: 2 ** 17, r: 8, p: 1 };

const KEY_BYTES = 32;

export async function wrapKey(
  key: Buffer,
  secret: string,
  boundTo: string,
  parameters: ScryptParameters = OWASP_SCRYPT,
): Promise<KeyWrap> {
  const salt = randomBytes(16);
  const wrappingKey = await deriveKey(secret, salt, parameters);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kdf: { name: 'scrypt', ...parameters, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The database key, or null when the secret is wrong (or the wrap was altered or moved). */
export async function unwrapKey(wrap: KeyWrap, secret: string, boundTo: string): Promise<Buffer | null> {
  const { N, r, p, salt } = wrap.kdf;
  const wrappingKey = await deriveKey(secret, Buffer.from(salt, 'base64'), { N, r, p });
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrap.iv, 'base64'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrap.ciphertext, 'base64')), decipher.final()]);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

function deriveKey(secret: string, salt: Buffer, { N, r, p }: ScryptParameters): Promise<Buffer> {
  // Node refuses more than 32 MiB by default; scrypt needs 128·N·r bytes (128 MiB at OWASP's cost).
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return new Promise((resolve, reject) => {
    scryptCallback(secret.normalize('NFC'), salt, KEY_BYTES, options, (error, derived) =>
      error ? reject(error) : resolve(derived),
    );
  });
}

/**
 * Whether a wrap that came from another desk (an account's wrap of the office's key, with its users
 * row) costs no more to open than Wasl's own: a wrap with a higher cost would hang the sign-in
 * screen for as long as its sender chose.
 */
export function isBearableCost({ N, r, p }: ScryptParameters): boolean {
  return Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0 && N * r <= OWASP_SCRYPT.N * OWASP_SCRYPT.r && r >= 1 && p === 1;
}

/**
 * A key sealed by another key of full strength (AES-256-GCM, nothing to derive): this desk's
 * database key sealed by the office's key, kept in the keyring.
 */
export interface SealedKey {
  iv: string;
  ciphertext: string;
  tag: string;
}

export function sealKey(key: Buffer, withKey: Buffer, boundTo: string): SealedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', withKey, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The sealed key, or null when `withKey` is not the one that sealed it (or the seal was altered or moved). */
export function openSealedKey(sealed: SealedKey, withKey: Buffer, boundTo: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', withKey, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}
