import type Database from 'better-sqlite3-multiple-ciphers';
import { registry } from './0001-registry';
import { alAhsaDistricts } from './0002-al-ahsa-districts';
import { accountsAndAudit } from './0003-accounts-and-audit';
import { contacts } from './0004-contacts';
import { casework } from './0005-casework';
import { reportFigures } from './0006-report-figures';
import { reportRecords } from './0007-report-records';
import { complaintShield } from './0008-complaint-shield';
import { forgivingSearch } from './0009-forgiving-search';
import { unlinkedContactsClosed } from './0010-unlinked-contacts-closed';
import { namesRefolded } from './0011-names-refolded';
import { syncOutbox } from './0012-sync-outbox';
import { syncMerge } from './0013-sync-merge';
import { numberBlocks } from './0014-number-blocks';
import { blobUploads } from './0015-blob-uploads';
import { signingKeys } from './0016-signing-keys';
import { officeKeyWraps } from './0017-office-key-wraps';
import { syncOfficeFields } from './0018-sync-office-fields';
import { syncOfficeRows } from './0019-sync-office-rows';
import { programs } from './0020-programs';
import { programEnrolments } from './0021-program-enrolments';
import { programAttendance } from './0022-program-attendance';
import { programFeeMoney } from './0023-program-fee-money';
import { programCertificates } from './0024-program-certificates';
import { programReportIndexes } from './0025-program-report-indexes';
import { questionnaires } from './0026-questionnaires';
import { controlledDocuments } from './0027-controlled-documents';
import { documentReviews } from './0028-document-reviews';

/**
 * One change to the database. Frozen once released: a later change is a new migration, never an
 * edit. It runs inside one transaction, and is either SQL statements, run in order, or code: a data
 * fix that needs more than SQL (names folded again by the search's rules, say), given the connection
 * with the transaction open.
 */
export type Migration = SqlMigration | CodeMigration;

interface MigrationIdentity {
  version: number;
  name: string;
}

export interface SqlMigration extends MigrationIdentity {
  statements: readonly string[];
}

export interface CodeMigration extends MigrationIdentity {
  /** Runs inside the migration's transaction: it must not open or end one itself. */
  run(sqlite: Database.Database): void;
  /**
   * The migration makes a table again (SQLite cannot drop a column's constraint in place), so
   * foreign keys are off while it runs, as SQLite's procedure for it says, and every reference is
   * checked before its transaction commits.
   */
  remakesTables?: true;
}

/** Every migration, in the order it runs. A bundled app has no folder to scan, so the list is explicit. */
export const migrations: readonly Migration[] = [
  registry,
  alAhsaDistricts,
  accountsAndAudit,
  contacts,
  casework,
  reportFigures,
  reportRecords,
  complaintShield,
  forgivingSearch,
  unlinkedContactsClosed,
  namesRefolded,
  syncOutbox,
  syncMerge,
  numberBlocks,
  blobUploads,
  signingKeys,
  officeKeyWraps,
  syncOfficeFields,
  syncOfficeRows,
  programs,
  programEnrolments,
  programAttendance,
  programFeeMoney,
  programCertificates,
  programReportIndexes,
  questionnaires,
  controlledDocuments,
  documentReviews,
];
