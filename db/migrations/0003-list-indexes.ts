import type { Migration } from './index';

/**
 * "Newest first" with a filter: without these, SQLite sorted every matching person in a temporary
 * table (seconds at 100,000). Each index ends, implicitly, with the rowid the sort breaks ties on.
 */
export const listIndexes: Migration = {
  version: 3,
  name: 'list-indexes',
  statements: [
    `CREATE INDEX beneficiaries_category_created ON beneficiaries (category, created_at)`,
    `CREATE INDEX beneficiaries_district_created ON beneficiaries (district_id, created_at)`,
    `CREATE INDEX beneficiaries_eligibility_created ON beneficiaries (eligibility, created_at)`,
    `CREATE INDEX beneficiaries_status_created ON beneficiaries (status, created_at)`,
  ],
};
