import { recreateCaptureTriggers } from '../sync-capture';
import { addColumnIfMissing } from './columns';
import type { Migration } from './index';

/**
 * Every operation a paired desk sends is signed by its author (electron/services/sync/signing.ts):
 * each account has an Ed25519 key, its private half wrapped by the account's password, kept in
 * `users.signing_key` (JSON: key id, public key, wrap) and synced with the account, so that its
 * owner signs at any desk. The office's register of keys and accounts, as the server last gave it,
 * is kept here for checking what other desks sent (office_signing_keys, office_accounts); an
 * operation the office refused stays in the outbox with why (sync_outbox.refused_reason).
 */
export const signingKeys: Migration = {
  version: 16,
  name: 'signing-keys',
  run(sqlite) {
    addColumnIfMissing(sqlite, 'users', 'signing_key', 'TEXT');
    addColumnIfMissing(sqlite, 'sync_outbox', 'refused_reason', 'TEXT');
    sqlite.exec(`CREATE TABLE IF NOT EXISTS office_signing_keys (
      key_id TEXT PRIMARY KEY NOT NULL,
      user_id TEXT,
      desk_id TEXT,
      public_key TEXT NOT NULL
    ) STRICT`);
    sqlite.exec(`CREATE TABLE IF NOT EXISTS office_accounts (
      user_id TEXT PRIMARY KEY NOT NULL,
      role TEXT NOT NULL,
      active INTEGER NOT NULL,
      changed_at TEXT NOT NULL
    ) STRICT`);
    // The key is part of the account as the office holds it: the capture triggers carry it from now on.
    recreateCaptureTriggers(sqlite);
  },
};
