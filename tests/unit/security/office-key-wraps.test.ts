// The two pure rules behind signing in at any desk of the office: which wraps that come from another
// desk are worth trying (never one that would hang the sign-in screen), and the desk's database key
// sealed by the office's key, which opens with that key and that binding only.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isBearableCost, openSealedKey, OWASP_SCRYPT, sealKey } from '../../../electron/services/accounts/key-wrap';

describe('a wrap’s cost to open, as another desk sent it', () => {
  it('is borne up to Wasl’s own', () => {
    expect(isBearableCost(OWASP_SCRYPT)).toBe(true);
    expect(isBearableCost({ N: 2 ** 10, r: 8, p: 1 })).toBe(true);
    expect(isBearableCost({ N: 2 ** 16, r: 8, p: 1 })).toBe(true);
  });

  it('is refused beyond it, or when it is not a cost scrypt takes', () => {
    for (const cost of [
      { N: 2 ** 18, r: 8, p: 1 },
      { N: 2 ** 30, r: 8, p: 1 },
      { N: 2 ** 17, r: 16, p: 1 },
      { N: 2 ** 16, r: 32, p: 1 },
      { N: 2 ** 17, r: 8, p: 2 },
      { N: 2 ** 10, r: 8, p: 1000 },
      { N: 3000, r: 8, p: 1 },
      { N: 1, r: 8, p: 1 },
      { N: 0, r: 8, p: 1 },
      { N: -(2 ** 10), r: 8, p: 1 },
      { N: 2 ** 10 + 0.5, r: 8, p: 1 },
      { N: 2 ** 10, r: 0, p: 1 },
      { N: 2 ** 10, r: -8, p: 1 },
      { N: 2 ** 10, r: 8, p: 0 },
      { N: Number.NaN, r: 8, p: 1 },
      { N: Number.POSITIVE_INFINITY, r: 8, p: 1 },
    ]) {
      expect(isBearableCost(cost), JSON.stringify(cost)).toBe(false);
    }
  });
});

describe('the desk’s key sealed by the office’s key', () => {
  const databaseKey = randomBytes(32);
  const officeKey = randomBytes(32);
  const binding = 'wasl-keyring:database-1:office:office-1';

  it('opens with the office’s key and its binding', () => {
    expect(openSealedKey(sealKey(databaseKey, officeKey, binding), officeKey, binding)?.equals(databaseKey)).toBe(true);
  });

  it('opens with no other key, under no other binding, and not once altered', () => {
    const sealed = sealKey(databaseKey, officeKey, binding);
    expect(openSealedKey(sealed, randomBytes(32), binding)).toBeNull();
    expect(openSealedKey(sealed, officeKey, 'wasl-keyring:database-2:office:office-1')).toBeNull();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(openSealedKey({ ...sealed, ciphertext: flipped.toString('base64') }, officeKey, binding)).toBeNull();
    expect(openSealedKey({ ...sealed, tag: Buffer.alloc(16).toString('base64') }, officeKey, binding)).toBeNull();
    expect(openSealedKey({ ...sealed, iv: 'not base64 at all' }, officeKey, binding)).toBeNull();
    // A sealed key of another length is not a database key.
    expect(openSealedKey(sealKey(randomBytes(16), officeKey, binding), officeKey, binding)).toBeNull();
  });
});
