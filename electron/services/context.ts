import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { KeyringAccess } from './accounts/users';
import type { DatabaseJobs } from './jobs/database-jobs';
import type { DeskSync } from './sync/desk-sync';
import { SYSTEM_ACCOUNT_ID } from '../api/sync/office';

/** Who is making a call, and when. Every row a call writes is stamped with these. */
export interface CallContext {
  actorId: string;
  now: Date;
  /** The offer the screen is handed over for, while the desk is in kiosk (the kiosk's calls answer it alone). */
  kioskOfferId?: string;
}

/** What every service is built from: plain values, so services run and are tested without Electron. */
export interface ServiceDependencies {
  db: Kysely<DatabaseSchema>;
  sqlite: Database.Database;
  dataDirectory: string;
  appVersion: string;
  /** The keyring and the database key: managing accounts wraps the key for each new password. */
  keys: KeyringAccess;
  /** The long jobs (a backup's copy and check), on a connection of their own in a thread beside the desk's. */
  jobs: DatabaseJobs;
  /** The desk's sync with the office server, in the background: idle on a desk that was never paired. */
  sync: DeskSync;
  /**
   * The host's printer (Electron's own Chromium in the desktop app, an installed Chromium in the web
   * host and the command line). Absent where nothing prints: a document that needs it is refused.
   */
  printPdf?: PrintPdf;
  /**
   * Where work that fails outside a call is reported (an export runs beside the desk's calls: its
   * caller learns only that it failed). Absent, such failures go to the console.
   */
  logError?: (error: unknown, where: string) => void;
}

/** The page every printed document is laid out for: A4 portrait, with room at the foot for the footer. */
export const PDF_PAGE = {
  format: 'A4',
  /** Millimetres. */
  margins: { top: 14, bottom: 18, inline: 14 },
} as const;

export interface PrintPdfOptions {
  /**
   * Chromium's footer template: markup printed at the foot of every page, where elements of class
   * `pageNumber` and `totalPages` receive their numbers. It is its own small document: it sees none
   * of the page's styles (nor its fonts), so it carries its own.
   */
  footerTemplate: string;
  /** A4 turned on its side (`PDF_PAGE`'s margins kept): for a list of many columns. */
  landscape?: boolean;
}

/**
 * Prints one self-contained HTML page (no script, nothing fetched: the printer loads nothing but the
 * page and its data: URLs) to a PDF on `PDF_PAGE`, backgrounds included.
 */
export type PrintPdf = (html: string, options: PrintPdfOptions) => Promise<Buffer>;

/**
 * The built-in system account: it owns what Wasl does by itself (migrations, re-indexing, seeds) and
 * what was recorded before accounts existed. Nobody can sign in as it.
 */
export const SYSTEM_USER_ID = SYSTEM_ACCOUNT_ID;

export const stamp = (context: CallContext) => {
  const at = context.now.toISOString();
  return { created_at: at, updated_at: at, created_by: context.actorId, updated_by: context.actorId };
};

export const restamp = (context: CallContext) => ({
  updated_at: context.now.toISOString(),
  updated_by: context.actorId,
});
