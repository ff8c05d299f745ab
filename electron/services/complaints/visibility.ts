import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';

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

/**
 * The contacts that carry a complaint about `userId` (the one that brought it, the one that answered
 * it, any logged on its way): hidden from that user wherever contacts are listed, like the complaint
 * itself. For one person's contacts (`beneficiaryId`), for those not yet linked to anyone (null), or
 * for everyone's (undefined, as an export or a report's records need). Read through the complaints
 * about staff (complaints_about_staff), then their events: two small queries.
 */
export async function contactsHiddenFrom(db: Kysely<DatabaseSchema>, userId: string, beneficiaryId: string | null | undefined): Promise<string[]> {
  let complaintsAbout = db.selectFrom('complaints').select(['id', 'source_contact_id', 'answer_contact_id']).where('about_staff_id', '=', userId);
  if (beneficiaryId !== undefined) complaintsAbout = complaintsAbout.where('beneficiary_id', beneficiaryId === null ? 'is' : '=', beneficiaryId);
  const about = await complaintsAbout.execute();
  if (about.length === 0) return [];
  const logged = await db
    .selectFrom('complaint_events')
    .select('contact_id')
    .where(
      'complaint_id',
      'in',
      about.map((complaint) => complaint.id),
    )
    .where('contact_id', 'is not', null)
    .execute();
  const ids = [...about.flatMap((complaint) => [complaint.source_contact_id, complaint.answer_contact_id]), ...logged.map((event) => event.contact_id)];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}
