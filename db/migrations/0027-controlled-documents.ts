import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

const STAMPS = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)`;
/** A Gregorian calendar date, yyyy-mm-dd, or nothing while the version is a draft. */
const DATE = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;

/**
 * The association's governing documents kept under control: the policy, the bylaws and the like,
 * each with its issues. An issue is written as a draft and approved once; its approval (who approved
 * it, in which term and session, when it takes effect and when it is next reviewed) is never changed,
 * and neither is its text, so that what staff read under an issue is what was approved. Which issue is
 * in force is not stored: it is the latest approved one whose date of effect has come, so that an
 * issue approved ahead of its date takes over on that day without anyone touching the record, and two
 * desks can never each hold "the one in force".
 *
 * The first record, the policy Wasl implements, is written by Wasl itself where the starter library is
 * (services/documents/starter.ts), with ids every desk shares.
 */
export const controlledDocuments: Migration = {
  version: 27,
  name: 'controlled-documents',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS controlled_documents (
      id TEXT PRIMARY KEY NOT NULL,
      -- As the association numbers it: POL-01, BYL-01.
      number TEXT NOT NULL,
      title_ar TEXT NOT NULL,
      title_en TEXT NOT NULL,
      -- The reference library's article the document is, when it is one there.
      article_id TEXT REFERENCES articles(id),
      ${STAMPS}
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS controlled_documents_by_number ON controlled_documents (number)`);

    sqlite.exec(`CREATE TABLE IF NOT EXISTS controlled_document_versions (
      id TEXT PRIMARY KEY NOT NULL,
      document_id TEXT NOT NULL REFERENCES controlled_documents(id),
      -- The issue number, printed as 01, 02…
      issue INTEGER NOT NULL CHECK (issue BETWEEN 1 AND 99),
      status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
      -- What changed from the issue before (for the first, what it is).
      changes TEXT NOT NULL,
      body TEXT NOT NULL,
      approver TEXT CHECK (approver IN ('board', 'general_assembly', 'executive')),
      -- The approving body's term and its session (number and year), for a board or an assembly.
      approver_term INTEGER CHECK (approver_term BETWEEN 1 AND 99),
      approver_session INTEGER CHECK (approver_session BETWEEN 1 AND 99),
      approver_session_year INTEGER CHECK (approver_session_year BETWEEN 1900 AND 2200),
      ${DATE('approved_on')},
      ${DATE('effective_on')},
      ${DATE('next_review_on')},
      ${STAMPS},
      CHECK (status = 'draft' OR (approver IS NOT NULL AND approved_on IS NOT NULL AND effective_on IS NOT NULL
        AND next_review_on IS NOT NULL)),
      CHECK (approver IS NULL OR approver = 'executive' OR (approver_term IS NOT NULL AND approver_session IS NOT NULL AND approver_session_year IS NOT NULL)),
      CHECK (approved_on IS NULL OR effective_on IS NULL OR approved_on <= effective_on),
      CHECK (effective_on IS NULL OR next_review_on IS NULL OR effective_on < next_review_on)
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS controlled_document_versions_by_document ON controlled_document_versions (document_id, issue)`);

    recreateCaptureTriggers(sqlite);
  },
};
