import type { Kysely } from 'kysely';
import type { TimelineEntry } from '../../api/timeline';
import type { DatabaseSchema } from '../../../db/schema';

type Db = Kysely<DatabaseSchema>;

/**
 * A person's discipline notes for their timeline, newest recorded first, at most `take` of them
 * before the cursor: read through program_discipline_notes_by_beneficiary, already in order.
 */
export async function disciplineEntries(
  db: Db,
  beneficiaryId: string,
  cursor: { at: string; id: string } | null,
  take: number,
): Promise<Array<TimelineEntry & { id: string }>> {
  let query = db
    .selectFrom('program_discipline_notes as n')
    .innerJoin('programs as p', 'p.id', 'n.program_id')
    .innerJoin('users as u', 'u.id', 'n.created_by')
    .select(['n.id', 'n.created_at', 'n.enrolment_id', 'n.kind', 'n.what_happened', 'n.occurred_on', 'p.name_ar', 'p.name_en', 'u.display_name'])
    .where('n.beneficiary_id', '=', beneficiaryId);
  if (cursor) {
    query = query.where((eb) => eb.or([eb('n.created_at', '<', cursor.at), eb.and([eb('n.created_at', '=', cursor.at), eb('n.id', '<', cursor.id)])]));
  }
  const rows = await query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(take).execute();
  return rows.map((row) => ({
    kind: 'discipline',
    at: row.created_at,
    id: row.id,
    note: {
      id: row.id,
      enrolmentId: row.enrolment_id,
      program: { ar: row.name_ar, en: row.name_en },
      kind: row.kind,
      whatHappened: row.what_happened,
      occurredOn: row.occurred_on,
      recordedByName: row.display_name,
    },
  }));
}
