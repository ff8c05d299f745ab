// Signatures of operations, account changes and keys (Ed25519): what a desk signs, the server and
// every desk check with one checker over the very same text (electron/api/sync/signed.ts), and a
// change to any field it covers, or a key not the author's, breaks it.
import { describe, expect, it } from 'vitest';
import type { SignedOperation } from '../../../electron/api/sync/signed';
import {
  accountSignatureHolds,
  keySignatureHolds,
  newSigningKeyPair,
  operationSignatureHolds,
  privateSigningKey,
  seedOf,
  signAccount,
  signKey,
  signOperation,
} from '../../../electron/services/sync/signature';

const pair = newSigningKeyPair();
const key = privateSigningKey(pair.seed, pair.publicKey)!;

const operation: SignedOperation = {
  opId: '019af0a0-0000-7000-8000-000000000001',
  deskId: '0123456789abcdef',
  userId: '019af0a0-0000-7000-8000-0000000000a1',
  hlc: '2026-12-07T09:00:00.000Z-0000-0123456789abcdef',
  entity: 'beneficiaries',
  rowId: '019af0a0-0000-7000-8000-0000000000b1',
  action: 'update',
  baseHlc: null,
  keyId: '019af0a0-0000-7000-8000-0000000000c1',
  payload: Buffer.from('sealed bytes').toString('base64'),
};

describe('the signature of an operation', () => {
  it('holds over what its author signed', () => {
    const signature = signOperation(operation, key);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(operationSignatureHolds(operation, signature, pair.publicKey)).toBe(true);
  });

  it.each(Object.keys(operation) as Array<keyof SignedOperation>)('breaks when %s is changed', (field) => {
    const signature = signOperation(operation, key);
    const changed = { ...operation, [field]: field === 'baseHlc' ? operation.hlc : field === 'payload' ? Buffer.from('other bytes').toString('base64') : `${operation[field]}x` };
    expect(operationSignatureHolds(changed, signature, pair.publicKey)).toBe(false);
  });

  it('does not hold under another key, nor with a signature or key that is not one', () => {
    const signature = signOperation(operation, key);
    expect(operationSignatureHolds(operation, signature, newSigningKeyPair().publicKey)).toBe(false);
    expect(operationSignatureHolds(operation, 'AAAA', pair.publicKey)).toBe(false);
    expect(operationSignatureHolds(operation, signature, 'AAAA')).toBe(false);
  });
});

describe('the signatures of an account change and of a new key', () => {
  it('hold for what was signed, and are never taken for one another', () => {
    const account = { userId: operation.userId, role: 'officer', active: false, changedAt: '2026-12-07T09:00:00.000Z' };
    const accountSignature = signAccount(account, key);
    expect(accountSignatureHolds(account, accountSignature, pair.publicKey)).toBe(true);
    expect(accountSignatureHolds({ ...account, role: 'administrator' }, accountSignature, pair.publicKey)).toBe(false);
    expect(accountSignatureHolds({ ...account, active: true }, accountSignature, pair.publicKey)).toBe(false);

    const newKey = { userId: operation.userId, keyId: operation.keyId, publicKey: newSigningKeyPair().publicKey };
    const keySignature = signKey(newKey, key);
    expect(keySignatureHolds(newKey, keySignature, pair.publicKey)).toBe(true);
    expect(keySignatureHolds({ ...newKey, userId: operation.rowId }, keySignature, pair.publicKey)).toBe(false);
    // The same fields signed as one kind do not pass for another.
    expect(accountSignatureHolds(account, keySignature, pair.publicKey)).toBe(false);
  });
});

describe('a private key as kept', () => {
  it('is its seed with its public half, and a seed kept with another key’s public half is refused', () => {
    expect(seedOf(key).equals(pair.seed)).toBe(true);
    expect(privateSigningKey(pair.seed, newSigningKeyPair().publicKey)).toBeNull();
    expect(privateSigningKey(Buffer.alloc(3), pair.publicKey)).toBeNull();
  });
});
