import type { Kysely } from 'kysely';
import type { ServerSchema } from '../storage/schema';

type Db = Kysely<ServerSchema>;

/**
 * Keeps a sealed blob under its id. Idempotent: a blob already kept (the desk sent it again after
 * losing the answer) is left as it is, and so is one forgotten, which no desk may bring back.
 */
export async function putBlob(db: Db, blob: { id: string; sealed: Buffer; deskId: string }, now: Date): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ blob_id: blob.id, sealed: blob.sealed, size: blob.sealed.length, desk_id: blob.deskId, stored_at: now, forgotten_at: null })
    .onConflict((conflict) => conflict.column('blob_id').doNothing())
    .execute();
}

/** A blob's sealed bytes; null when none was sent under this id, or it was forgotten. */
export async function getBlob(db: Db, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('blobs').select('sealed').where('blob_id', '=', id).where('forgotten_at', 'is', null).executeTakeFirst();
  return row ? Buffer.from(row.sealed) : null;
}

/**
 * Forgets a blob: its bytes leave the server (an erased person's scan), and its id stays, marked, so
 * that a desk that still had it queued cannot send it again. A blob not sent yet is marked all the same.
 */
export async function forgetBlob(db: Db, id: string, deskId: string, now: Date): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ blob_id: id, sealed: Buffer.alloc(0), size: 0, desk_id: deskId, stored_at: now, forgotten_at: now })
    .onConflict((conflict) => conflict.column('blob_id').doUpdateSet({ sealed: Buffer.alloc(0), forgotten_at: now }).where('blobs.forgotten_at', 'is', null))
    .execute();
}
