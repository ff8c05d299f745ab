import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

/**
 * The reviews of a controlled document that changed nothing. The policy is "reviewed periodically
 * and updated when needed": a review that finds it still right is recorded as such (when, what it
 * found, and when the next one falls), without a new issue of an unchanged text. Like an approval, a
 * review is a past fact, recorded once and never changed; the next review is the latest approved
 * issue's: the one its latest review set, or its approval's before any review.
 */
export const documentReviews: Migration = {
  version: 28,
  name: 'document-reviews',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS controlled_document_reviews (
      id TEXT PRIMARY KEY NOT NULL,
      document_id TEXT NOT NULL REFERENCES controlled_documents(id),
      -- The issue in force that was reviewed.
      issue INTEGER NOT NULL CHECK (issue BETWEEN 1 AND 99),
      reviewed_on TEXT NOT NULL CHECK (reviewed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      -- What the review found, in the reviewer's words.
      findings TEXT NOT NULL,
      next_review_on TEXT NOT NULL CHECK (next_review_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id),
      CHECK (reviewed_on < next_review_on)
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS controlled_document_reviews_by_document ON controlled_document_reviews (document_id, reviewed_on)`);

    recreateCaptureTriggers(sqlite);
  },
};
