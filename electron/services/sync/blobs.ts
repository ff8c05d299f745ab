import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { ApiError } from '../../api/result';
import type { DatabaseSchema } from '../../../db/schema';
import { AppError } from '../errors';
import { readStoredLink } from '../office/link';
import { askOffice, OfficeUnreachable, type OfficeConnection } from './office-client';
import { openBlob, SealBroken, sealBlob } from './seal';

type Db = Kysely<DatabaseSchema>;

/**
 * Scans between the desks of an office. A scan's row travels with the office's record, without its
 * bytes (db/sync-capture.ts): the bytes go to the office server as a blob of their own, sealed with
 * the office's key and bound to the scan's id and SHA-256, so the server keeps what it cannot read
 * and cannot hand one scan out for another. The desk that filed a scan sends it at its next round;
 * another desk fetches it the first time someone opens it there, and keeps it. A scan erased with
 * its person is forgotten at the server, and its bytes go on every desk (0015-blob-uploads.ts).
 */

/** Everything the desk holds of scans, queued at pairing: what it filed alone reaches the office. */
export function queueEveryScan(sqlite: Database.Database): void {
  sqlite.exec(`INSERT INTO sync_blob_uploads (attachment_id, queued_at)
    SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM attachments WHERE content IS NOT NULL AND erased_at IS NULL ORDER BY rowid
    ON CONFLICT (attachment_id) DO NOTHING`);
}

/**
 * Sends the scans waiting for the office server, oldest first, one at a time (each up to a scan's
 * largest size), then asks it to forget the scans erased here. Each leaves its queue once the server
 * has it; one refused stays for the next round. Answers the server's first refusal, if it refused;
 * an office out of reach is thrown (`OfficeUnreachable`).
 */
export async function sendScans(db: Db, connection: OfficeConnection, officeKey: Buffer): Promise<ApiError | null> {
  let refused: ApiError | null = null;
  const uploads = await db.selectFrom('sync_blob_uploads').select('attachment_id').orderBy('queued_at').orderBy('attachment_id').execute();
  for (const { attachment_id: attachmentId } of uploads) {
    const scan = await db.selectFrom('attachments').select(['sha256', 'content']).where('id', '=', attachmentId).where('erased_at', 'is', null).executeTakeFirst();
    if (scan?.content) {
      const sealed = sealBlob(officeKey, { attachmentId, sha256: scan.sha256 }, scan.content);
      const answer = await askOffice(connection, 'POST /v1/blobs/put', { id: attachmentId, sealed: sealed.toString('base64') });
      if (!answer.ok) {
        // It stays queued; the scans after it are not held up by it.
        refused ??= answer.error;
        continue;
      }
    }
    // Sent, or nothing left to send (erased since it was queued).
    await db.deleteFrom('sync_blob_uploads').where('attachment_id', '=', attachmentId).execute();
  }
  const forgets = await db.selectFrom('sync_blob_forgets').select('attachment_id').orderBy('queued_at').orderBy('attachment_id').execute();
  for (const { attachment_id: attachmentId } of forgets) {
    const answer = await askOffice(connection, 'POST /v1/blobs/forget', { id: attachmentId });
    if (!answer.ok) {
      refused ??= answer.error;
      continue;
    }
    await db.deleteFrom('sync_blob_forgets').where('attachment_id', '=', attachmentId).execute();
  }
  return refused;
}

/**
 * The bytes of a scan filed at another desk, not yet on this one: fetched from the office server,
 * opened with the office's key, checked against the SHA-256 its row records, and kept in its row,
 * so that it opens from here on with the office out of reach. Refused with a message for the officer
 * when the desk is not connected, the server does not have it yet, or what it has is not this scan.
 */
export async function fetchScan(db: Db, attachmentId: string): Promise<Buffer> {
  const link = await readStoredLink(db);
  if (link === null) throw new AppError('rule', 'attachments.notHereYet');
  const row = await db.selectFrom('attachments').select('sha256').where('id', '=', attachmentId).executeTakeFirstOrThrow();
  const answer = await askOffice(link, 'POST /v1/blobs/get', { id: attachmentId }).catch((error: unknown) => {
    throw error instanceof OfficeUnreachable ? new AppError('rule', 'attachments.notHereYet') : error;
  });
  if (!answer.ok) {
    if (answer.error.messageKey === 'office.blobMissing') throw new AppError('rule', 'attachments.notAtOffice');
    throw new AppError('rule', answer.error.messageKey, answer.error.details);
  }
  let bytes: Buffer;
  try {
    bytes = openBlob(Buffer.from(link.officeKey, 'base64'), { attachmentId, sha256: row.sha256 }, Buffer.from(answer.value.sealed, 'base64'));
  } catch (error) {
    if (error instanceof SealBroken) throw new AppError('rule', 'attachments.blobDamaged');
    throw error;
  }
  // The seal binds the digest already; checked again, as the bytes are kept.
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) throw new AppError('rule', 'attachments.blobDamaged');
  // Only the bytes are written: they are not a change to the office's record (never sent, so the
  // capture triggers queue nothing), and a scan erased while it was on its way is not filled again.
  const kept = await db.updateTable('attachments').set({ content: bytes }).where('id', '=', attachmentId).where('erased_at', 'is', null).executeTakeFirst();
  if (Number(kept.numUpdatedRows) === 0) throw new AppError('rule', 'letters.scanErased');
  return bytes;
}
