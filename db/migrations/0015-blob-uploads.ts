import { recreateCaptureTriggers } from '../sync-capture';
import { addColumnIfMissing } from './columns';
import type { Migration } from './index';

/**
 * Scans travel between the desks of an office as blobs of their own, sealed, through the office
 * server; a row of `attachments` reaches another desk without its bytes, which that desk fetches
 * the first time someone opens the scan, and keeps. So a scan without its bytes is no longer
 * necessarily destroyed: `erased_at` says it was (with the person it was about), and its bytes go
 * whenever it is set, on the desk that erased the person and on every desk the erasure reaches.
 * A paired desk queues each scan it files for the office server (sync_blob_uploads), and each scan
 * it erases for the server to forget (sync_blob_forgets), both in the transaction that files or
 * erases it; the sync's rounds empty the queues (electron/services/sync/blobs.ts).
 */
export const blobUploads: Migration = {
  version: 15,
  name: 'blob-uploads',
  run(sqlite) {
    addColumnIfMissing(sqlite, 'attachments', 'erased_at', 'TEXT');
    // A paired desk keeps its link under this settings key (services/office/link-key.ts), written as it was then.
    const paired = `EXISTS (SELECT 1 FROM settings WHERE key = 'office.link')`;
    // Until now a scan without its bytes was one destroyed: on a desk never paired, every one; on a
    // paired desk, those erasure left without a name, or filed with a letter about an erased person
    // (the others came from another desk, and have not been fetched).
    sqlite.exec(`UPDATE attachments SET erased_at = updated_at
      WHERE content IS NULL AND erased_at IS NULL
        AND (NOT ${paired}
          OR file_name = ''
          OR id IN (SELECT l.scan_id FROM letters AS l JOIN beneficiaries AS b ON b.id = l.beneficiary_id WHERE b.erased_at IS NOT NULL))`);
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_blob_uploads (
      attachment_id TEXT PRIMARY KEY NOT NULL,
      queued_at TEXT NOT NULL
    ) STRICT`);
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_blob_forgets (
      attachment_id TEXT PRIMARY KEY NOT NULL,
      queued_at TEXT NOT NULL
    ) STRICT`);
    // A desk paired before scans travelled: what it filed reaches the office at its next round.
    sqlite.exec(`INSERT OR IGNORE INTO sync_blob_uploads (attachment_id, queued_at)
      SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM attachments WHERE content IS NOT NULL AND ${paired} ORDER BY rowid`);
    // Filed while the desk shares the office's record (its capture is on): queued for the server.
    sqlite.exec(`CREATE TRIGGER IF NOT EXISTS sync_blob_upload_queued AFTER INSERT ON attachments
      WHEN wasl_sync_capturing() AND NEW.content IS NOT NULL BEGIN
      INSERT INTO sync_blob_uploads (attachment_id, queued_at) VALUES (NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (attachment_id) DO NOTHING;
      END`);
    // Erased here while paired: the server forgets it, and it is not sent if it had not been yet.
    sqlite.exec(`CREATE TRIGGER IF NOT EXISTS sync_blob_forget_queued AFTER UPDATE OF erased_at ON attachments
      WHEN wasl_sync_capturing() AND NEW.erased_at IS NOT NULL AND OLD.erased_at IS NULL BEGIN
      DELETE FROM sync_blob_uploads WHERE attachment_id = NEW.id;
      INSERT INTO sync_blob_forgets (attachment_id, queued_at) VALUES (NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT (attachment_id) DO NOTHING;
      END`);
    // Erased, here or at another desk (the erasure received carries no bytes, and cannot clear them):
    // the bytes fetched and kept here go too, whoever writes the erasure and whether capture is on or not.
    sqlite.exec(`CREATE TRIGGER IF NOT EXISTS attachments_erased_bytes_go AFTER UPDATE OF erased_at ON attachments
      WHEN NEW.erased_at IS NOT NULL AND NEW.content IS NOT NULL BEGIN
      UPDATE attachments SET content = NULL WHERE id = NEW.id;
      END`);
    // erased_at is part of the office's record: the capture triggers carry it from now on.
    recreateCaptureTriggers(sqlite);
  },
};
