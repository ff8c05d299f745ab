import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { WireOperation } from '../../api/sync/office';

/**
 * An operation's payload sealed with the office's key (AES-256-GCM): the server stores and hands out
 * what it cannot read. What it reads in clear (the operation's id, author, time, table, row and
 * action) is bound to the seal as associated data: a server that moved a payload to another
 * operation, or changed what an operation says in clear, is found out when a desk opens it.
 */

/** What the server reads in clear of an operation: all of it but the payload. */
export type OperationHeader = Omit<WireOperation, 'payload'>;

/** The first byte of a sealed payload: how it was sealed, so that a later way can be told apart. */
const SEAL_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload that does not open: altered, moved to another operation, or sealed with another office's key. */
export class SealBroken extends Error {
  constructor(readonly opId: string) {
    super(`the payload of operation ${opId} does not open with the office's key`);
    this.name = 'SealBroken';
  }
}

const associatedData = (header: OperationHeader): Buffer =>
  Buffer.from(JSON.stringify([SEAL_VERSION, header.opId, header.userId, header.hlc, header.entity, header.rowId, header.action, header.baseHlc]), 'utf8');

/** The payload, as JSON, sealed for the office: version, nonce, tag and ciphertext, in base64. */
export function sealPayload(officeKey: Buffer, header: OperationHeader, payload: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', officeKey, iv);
  cipher.setAAD(associatedData(header));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/** The payload an operation carries, opened; `SealBroken` when it does not open as this operation's. */
export function openPayload(officeKey: Buffer, header: OperationHeader, sealed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== SEAL_VERSION) throw new SealBroken(header.opId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', officeKey, bytes.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(associatedData(header));
    decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    throw new SealBroken(header.opId);
  }
}
