import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { WireOperation } from '../../api/sync/office';

/**
 * An operation's payload sealed with the office's key (AES-256-GCM): the server stores and hands out
 * what it cannot read. What it reads in clear (the operation's id, author, time, table, row and
 * action) is bound to the seal as associated data: a server that moved a payload to another
 * operation, or changed what an operation says in clear, is found out when a desk opens it.
 */

/** What the server reads in clear of an operation: all of it but the payload. */
export type OperationHeader = Omit<WireOperation, 'payload' | 'keyId' | 'signature'>;

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

/**
 * What names a blob (a scan's bytes) in its seal: its attachment's id and the SHA-256 its row records.
 * A server that handed out another scan's blob, or one the row does not describe, is found out.
 */
export interface BlobName {
  attachmentId: string;
  sha256: string;
}

const blobAssociatedData = (name: BlobName): Buffer => Buffer.from(JSON.stringify(['blob', SEAL_VERSION, name.attachmentId, name.sha256]), 'utf8');

/** A scan's bytes sealed for the office (AES-256-GCM): version, nonce, tag and ciphertext. */
export function sealBlob(officeKey: Buffer, name: BlobName, bytes: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', officeKey, iv);
  cipher.setAAD(blobAssociatedData(name));
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** A blob's bytes, opened; `SealBroken` (naming the attachment) when it does not open as this attachment's. */
export function openBlob(officeKey: Buffer, name: BlobName, sealed: Buffer): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== SEAL_VERSION) throw new SealBroken(name.attachmentId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', officeKey, sealed.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(blobAssociatedData(name));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealBroken(name.attachmentId);
  }
}

/**
 * What names a part of a snapshot of the office's record in its seal (services/sync/snapshot.ts): the
 * snapshot, the place in the office's order it was taken at, and which part it is (its manifest, or
 * chunk n of how many). A server that handed out a chunk of another snapshot, or in another place or
 * order, or an older snapshot's manifest as a newer one's, is found out.
 */
export interface SnapshotPartName {
  snapshotId: string;
  serverSeq: number;
  part: 'manifest' | { chunk: number; of: number };
}

const snapshotAssociatedData = (name: SnapshotPartName): Buffer =>
  Buffer.from(JSON.stringify(['snapshot', SEAL_VERSION, name.snapshotId, name.serverSeq, name.part === 'manifest' ? 'manifest' : [name.part.chunk, name.part.of]]), 'utf8');

/** A part of a snapshot sealed for the office (AES-256-GCM): version, nonce, tag and ciphertext. */
export function sealSnapshotPart(officeKey: Buffer, name: SnapshotPartName, bytes: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', officeKey, iv);
  cipher.setAAD(snapshotAssociatedData(name));
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** A part of a snapshot, opened; `SealBroken` (naming the snapshot) when it does not open as that part. */
export function openSnapshotPart(officeKey: Buffer, name: SnapshotPartName, sealed: Buffer): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== SEAL_VERSION) throw new SealBroken(name.snapshotId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', officeKey, sealed.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(snapshotAssociatedData(name));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealBroken(name.snapshotId);
  }
}
