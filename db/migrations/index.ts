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

/**
 * One schema change. Frozen once released: a later change is a new migration, never an edit.
 * Statements run in order inside one transaction.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/** Every migration, in the order it runs. A bundled app has no folder to scan, so the list is explicit. */
export const migrations: readonly Migration[] = [registry, alAhsaDistricts, accountsAndAudit, contacts, casework, reportFigures, reportRecords, complaintShield, forgivingSearch, unlinkedContactsClosed];
