import type { Kysely } from 'kysely';
import type { AttendanceStatus, AttendanceSummary, CompletionRule, RuleInWords } from '../../api/attendance';
import type { DatabaseSchema } from '../../../db/schema';
import arabic from '../../../locales/ar/attendance.json';
import english from '../../../locales/en/attendance.json';
import { notFound } from '../errors';

type Db = Kysely<DatabaseSchema>;

export interface AttendanceCounts {
  present: number;
  late: number;
  excused: number;
  unexcused: number;
}

/**
 * The rate and the completion rule, from the counts alone: attendance rate = present (late counted as
 * present) ÷ (present + unexcused absences), excused absences left out. The rule is met when the rate
 * reaches the program's minimum and the unexcused absences stay within its limit; with no session
 * counted yet there is no rate, and the rule is not met.
 */
export function attendanceRate(counts: AttendanceCounts, rule: CompletionRule): { ratePercent: number | null; ruleMet: boolean } {
  const attended = counts.present + counts.late;
  const counted = attended + counts.unexcused;
  if (counted === 0) return { ratePercent: null, ruleMet: false };
  // Compared in whole numbers: 4 of 5 is exactly 80 %, never a hair under it.
  const rateReached = attended * 100 >= rule.minAttendancePercent * counted;
  const withinAbsences = rule.maxUnexcusedAbsences === null || counts.unexcused <= rule.maxUnexcusedAbsences;
  return { ratePercent: Math.round((attended * 1000) / counted) / 10, ruleMet: rateReached && withinAbsences };
}

/** The rule a rate was read by, in words, in both languages: every report that uses it prints it. */
export function ruleInWords(rule: CompletionRule): RuleInWords {
  const say = (words: typeof arabic.rule) => {
    const completion =
      rule.maxUnexcusedAbsences === null
        ? words.completionNoLimit.replace('{{percent}}', String(rule.minAttendancePercent))
        : words.completion.replace('{{percent}}', String(rule.minAttendancePercent)).replace('{{max}}', String(rule.maxUnexcusedAbsences));
    return `${words.rate} ${completion}`;
  };
  return { ar: say(arabic.rule), en: say(english.rule) };
}

/** A person's marks, newest session first, one per session (the latest written, should two desks have marked it). */
export async function marksOf(db: Db, enrolmentId: string): Promise<Array<{ sessionId: string; status: AttendanceStatus; note: string | null }>> {
  const rows = await db
    .selectFrom('program_attendance as a')
    .innerJoin('program_sessions as s', 's.id', 'a.session_id')
    .select(['a.session_id', 'a.status', 'a.note'])
    .where('a.enrolment_id', '=', enrolmentId)
    .orderBy('s.date', 'desc')
    .orderBy('s.starts_at', 'desc')
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    if (seen.has(row.session_id)) return [];
    seen.add(row.session_id);
    return [{ sessionId: row.session_id, status: row.status, note: row.note }];
  });
}

/**
 * Each enrolment's attendance in a whole program, counted by status, for a roster read at once: one
 * mark per session, the latest written (as marksOf reads one person's), in a single query. The report's
 * figures count the same rule in SQL (reports/program-queries.ts, programAttendanceIn).
 */
export async function attendanceCountsInProgram(db: Db, programId: string): Promise<Map<string, AttendanceCounts>> {
  const marks = await db
    .selectFrom('program_attendance')
    .select(['enrolment_id', 'session_id', 'status'])
    .where('program_id', '=', programId)
    .orderBy('updated_at')
    .orderBy('id')
    .execute();
  // In the order written, so a later mark of the same session replaces the earlier one.
  const latest = new Map<string, { enrolmentId: string; status: AttendanceStatus }>();
  for (const mark of marks) latest.set(`${mark.enrolment_id} ${mark.session_id}`, { enrolmentId: mark.enrolment_id, status: mark.status });
  const counts = new Map<string, AttendanceCounts>();
  for (const { enrolmentId, status } of latest.values()) {
    const own = counts.get(enrolmentId) ?? { present: 0, late: 0, excused: 0, unexcused: 0 };
    own[status] += 1;
    counts.set(enrolmentId, own);
  }
  return counts;
}

/**
 * A person's attendance in the program they are enrolled in, as the certificate and the reports read
 * it: the counts, the rate, whether the program's completion rule is met, and the rule in words.
 */
export async function attendanceOf(db: Db, enrolmentId: string): Promise<AttendanceSummary> {
  const enrolment = await db
    .selectFrom('program_enrolments as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select(['e.id', 'p.min_attendance_percent', 'p.max_unexcused_absences'])
    .where('e.id', '=', enrolmentId)
    .executeTakeFirst();
  if (!enrolment) throw notFound('enrolment');
  const rule: CompletionRule = { minAttendancePercent: enrolment.min_attendance_percent, maxUnexcusedAbsences: enrolment.max_unexcused_absences };
  const marks = await marksOf(db, enrolmentId);
  const counts: AttendanceCounts = { present: 0, late: 0, excused: 0, unexcused: 0 };
  for (const mark of marks) counts[mark.status] += 1;
  const firstOther = marks.findIndex((mark) => mark.status !== 'unexcused');
  return {
    enrolmentId,
    ...counts,
    marked: marks.length,
    ...attendanceRate(counts, rule),
    consecutiveUnexcused: firstOther === -1 ? marks.length : firstOther,
    rule,
    ruleInWords: ruleInWords(rule),
  };
}
