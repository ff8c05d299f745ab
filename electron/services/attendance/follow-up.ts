import { sql, type Kysely } from 'kysely';
import { QUEUE_ROWS, type QueueAbsenceFollowUp, type QueueList } from '../../api/queues';
import type { DatabaseSchema } from '../../../db/schema';
import { fullNameOf } from '../beneficiaries/mapping';
import { ON_THE_ROSTER } from './service';

type Db = Kysely<DatabaseSchema>;

interface FollowUpRow {
  enrolment_id: string;
  absences: number;
  last_absence_on: string;
  program_id: string;
  name_ar: string;
  name_en: string | null;
  beneficiary_id: string;
  file_number: string;
  first_name: string;
  father_name: string;
  grandfather_name: string;
  family_name: string;
  owner_id: string;
  owner_name: string;
}

const STAGES = sql.join(ON_THE_ROSTER.map((stage) => sql.lit(stage)));

/**
 * The people to call about their absences: enrolled (accepted or attending) in a program, with as
 * many unexcused absences in a row as the program's follow-up threshold or more, counted back from
 * the latest session marked (present, late or excused ends the run). Someone leaves the queue when a
 * follow-up contact with them is logged after the last absent session began or its mark was first
 * recorded, whichever came first (a session later today can be marked before it starts, and the call
 * that follows the mark answers it; a note added to the mark later asks for no new call), or when
 * they attend again. The officer who enrolled them holds the call; `ownerId` null is the whole office.
 * The longest-waiting first.
 */
export async function absenceFollowUps(db: Db, ownerId: string | null): Promise<QueueList<QueueAbsenceFollowUp>> {
  const owner = ownerId === null ? sql`1 = 1` : sql`e.created_by = ${ownerId}`;
  const result = await sql<FollowUpRow>`
    WITH marks AS (
      SELECT a.enrolment_id, a.session_id, a.status, s.date || ' ' || s.starts_at AS at_key, s.date, s.starts_at, a.created_at AS first_marked_at
      -- CROSS JOIN keeps this order: the people expected first (a partial index), then their marks.
      FROM program_enrolments e
      CROSS JOIN program_attendance a ON a.enrolment_id = e.id
      JOIN program_sessions s ON s.id = a.session_id
      WHERE e.stage IN (${STAGES}) AND ${owner}
    ),
    last_attended AS (
      SELECT enrolment_id, max(at_key) AS at_key FROM marks WHERE status <> 'unexcused' GROUP BY enrolment_id
    ),
    streaks AS (
      SELECT m.enrolment_id, count(DISTINCT m.session_id) AS absences, max(m.at_key) AS last_key, max(m.date) AS last_absence_on
      FROM marks m LEFT JOIN last_attended l ON l.enrolment_id = m.enrolment_id
      WHERE m.status = 'unexcused' AND m.at_key > coalesce(l.at_key, '')
      GROUP BY m.enrolment_id
    ),
    -- When the last absence was first marked (two desks apart may each have marked it: the earlier).
    last_marked AS (
      SELECT st.enrolment_id, min(m.first_marked_at) AS first_marked_at
      FROM streaks st JOIN marks m ON m.enrolment_id = st.enrolment_id AND m.at_key = st.last_key
      GROUP BY st.enrolment_id
    )
    SELECT st.enrolment_id, st.absences, st.last_absence_on,
      p.id AS program_id, p.name_ar, p.name_en,
      b.id AS beneficiary_id, b.file_number, b.first_name, b.father_name, b.grandfather_name, b.family_name,
      u.id AS owner_id, u.display_name AS owner_name
    FROM streaks st
    JOIN last_marked lm ON lm.enrolment_id = st.enrolment_id
    JOIN program_enrolments e ON e.id = st.enrolment_id
    JOIN programs p ON p.id = e.program_id
    JOIN beneficiaries b ON b.id = e.beneficiary_id
    JOIN users u ON u.id = e.created_by
    WHERE st.absences >= p.follow_up_after_absences
      -- Sessions are Riyadh times (UTC+3, no daylight saving); contacts are UTC instants.
      AND NOT EXISTS (
        SELECT 1 FROM contacts c
        WHERE c.beneficiary_id = e.beneficiary_id AND c.purpose = 'follow_up'
          AND c.occurred_at >= min(strftime('%Y-%m-%dT%H:%M:%fZ', st.last_key, '-3 hours'), lm.first_marked_at)
      )
    ORDER BY st.last_key, e.seq`.execute(db);
  const rows = result.rows;
  return {
    total: rows.length,
    rows: rows.slice(0, QUEUE_ROWS).map((row) => ({
      enrolmentId: row.enrolment_id,
      program: { id: row.program_id, nameAr: row.name_ar, nameEn: row.name_en },
      person: { beneficiaryId: row.beneficiary_id, name: fullNameOf(row), fileNumber: row.file_number },
      absences: row.absences,
      lastAbsenceOn: row.last_absence_on,
      owner: { id: row.owner_id, displayName: row.owner_name },
    })),
  };
}
