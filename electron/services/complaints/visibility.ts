import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The complaints a user may see: all but those about them. A complaint about a staff member is never
 * shown to that person, on any screen (lists, the complaint itself, the suggestions register, work
 * queues, a person's timeline). Use it on any query that reads `complaints`, under the name the
 * query gives the table (`complaints`, or an alias such as `c`):
 *
 *   db.selectFrom('complaints as c').where(visibleTo(userId, 'c'))
 *
 * Plain SQL, so it reads the same on any database the desks may later sync through.
 */
export function visibleTo(userId: string, complaintsTable = 'complaints'): RawBuilder<SqlBool> {
  const aboutStaff = sql.ref(`${complaintsTable}.about_staff_id`);
  return sql<SqlBool>`(${aboutStaff} IS NULL OR ${aboutStaff} <> ${userId})`;
}
