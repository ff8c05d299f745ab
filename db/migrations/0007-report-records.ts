import type { Migration } from './index';

/**
 * What the report's suggestion decisions and the records behind its figures read.
 */
export const reportRecords: Migration = {
  version: 7,
  name: 'report-records',
  statements: [
    // Suggestions decided in a period, by decision: the index alone. Only suggestions are decided,
    // so the other kinds sit together under NULL, outside any period's range.
    `CREATE INDEX complaints_by_decided ON complaints (decided_at, decision)`,
    // The complaints about a staff member, whose contacts are hidden from them when the records
    // behind a contacts figure are listed: a handful, found without reading every complaint.
    `CREATE INDEX complaints_about_staff ON complaints (about_staff_id) WHERE about_staff_id IS NOT NULL`,
  ],
};
