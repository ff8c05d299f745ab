import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { SYSTEM_USER_ID } from '../context';
import { newId } from '../ids';

/**
 * What the sync keeps of itself in the desk's settings (never sent to the office): its cursor, the
 * office's chain, its register of keys, the snapshot it knows, its own key. Values are JSON; Wasl
 * itself writes them. Through Kysely inside a call's or a round's transaction, or straight on the
 * connection where the sync works synchronously.
 */

export async function readKept<T>(db: Kysely<DatabaseSchema>, key: string, otherwise: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : otherwise;
}

export async function keep(db: Kysely<DatabaseSchema>, key: string, value: unknown, now: Date): Promise<void> {
  const at = now.toISOString();
  const text = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ id: newId(), key, value: text, created_at: at, updated_at: at, created_by: SYSTEM_USER_ID, updated_by: SYSTEM_USER_ID })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: text, updated_at: at }))
    .execute();
}

/** The value kept under `key`, read on the connection itself; undefined when none is. */
export function readKeptNow(sqlite: Database.Database, key: string): unknown {
  const text = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

export function keepNow(sqlite: Database.Database, key: string, value: unknown, at: string): void {
  sqlite
    .prepare(
      `INSERT INTO settings (id, key, value, created_at, updated_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(newId(), key, JSON.stringify(value), at, at, SYSTEM_USER_ID, SYSTEM_USER_ID);
}
