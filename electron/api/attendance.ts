import { z } from 'zod';
import { call } from './define';
import { id, isoDate, optionalText, requiredText } from './fields/schemas';
import type { EnrolmentStage } from './workflow/enrolments';
import type { ProgramSession } from './programs';

/**
 * How a person attended one session: present, late (counted as present), excused absence (left out
 * of the rate) or unexcused absence.
 */
export const ATTENDANCE_STATUSES = ['present', 'late', 'excused', 'unexcused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** A discipline note is a warning (the policy's step before a dismissal) or a plain note. */
export const DISCIPLINE_KINDS = ['warning', 'note'] as const;
export type DisciplineKind = (typeof DISCIPLINE_KINDS)[number];

/** The most people one session's roster holds: a program's capacity is at most 10,000. */
export const MAX_ROSTER = 10_000;

const exception = z.object({
  enrolmentId: id,
  status: z.enum(ATTENDANCE_STATUSES, { error: 'validation.choice' }),
  note: optionalText(500),
});

/**
 * A whole session at once: everyone on its roster is present but the exceptions, each with its
 * status and note. Recording a session again corrects it: every line is written as given.
 */
export const recordSessionInput = z
  .object({
    sessionId: id,
    exceptions: z.array(exception, { error: 'validation.invalid' }).max(MAX_ROSTER, { error: 'validation.tooMany' }),
  })
  .superRefine((input, context) => {
    const seen = new Set<string>();
    input.exceptions.forEach((line, index) => {
      if (seen.has(line.enrolmentId)) context.addIssue({ code: 'custom', path: ['exceptions', index, 'enrolmentId'], message: 'validation.attendance.twice' });
      seen.add(line.enrolmentId);
    });
  });
export type RecordSessionInput = z.input<typeof recordSessionInput>;

export const disciplineNoteInput = z.object({
  enrolmentId: id,
  kind: z.enum(DISCIPLINE_KINDS, { error: 'validation.choice' }),
  whatHappened: requiredText(2000),
  /** The Riyadh date it happened: today or before. */
  occurredOn: isoDate,
});
export type DisciplineNoteInput = z.input<typeof disciplineNoteInput>;

/** A rule stated in words, as every report that uses it prints it. */
export interface RuleInWords {
  ar: string;
  en: string;
}

/** The program's completion rule. */
export interface CompletionRule {
  minAttendancePercent: number;
  /** Null: no limit. */
  maxUnexcusedAbsences: number | null;
}

/**
 * A person's attendance in a program, as the completion rule reads it: attendance rate = present
 * (late counted as present) ÷ (present + unexcused absences), excused absences left out.
 */
export interface AttendanceSummary {
  enrolmentId: string;
  present: number;
  late: number;
  excused: number;
  unexcused: number;
  /** Sessions with a mark. */
  marked: number;
  /** The rate as a percentage, one decimal; null while no session counts toward it. */
  ratePercent: number | null;
  /** Unexcused absences since the person last attended (or was excused), newest sessions first. */
  consecutiveUnexcused: number;
  rule: CompletionRule;
  /** The completion rule is met: the rate reaches the minimum and the unexcused absences stay within the limit. */
  ruleMet: boolean;
  /** How the rate is counted and the rule it is held to, in both languages. */
  ruleInWords: RuleInWords;
}

export interface DisciplineNoteView {
  id: string;
  enrolmentId: string;
  kind: DisciplineKind;
  whatHappened: string;
  occurredOn: string;
  recordedAt: string;
  recordedBy: { id: string; displayName: string };
}

/** One person on a session's roster. */
export interface RosterLine {
  enrolmentId: string;
  beneficiary: { id: string; fullName: string; fileNumber: string };
  stage: EnrolmentStage;
  /** Null while the session's attendance is not taken for them. */
  status: AttendanceStatus | null;
  note: string | null;
  /** Their warnings in this program: shown beside their name. */
  warnings: number;
  /** Their discipline notes in this program, newest first. */
  disciplineNotes: DisciplineNoteView[];
}

export interface SessionAttendance {
  program: {
    id: string;
    nameAr: string;
    nameEn: string | null;
    place: string | null;
    status: string;
  };
  session: ProgramSession;
  /** Whether the session's attendance has been taken (for anyone on the roster). */
  taken: boolean;
  /** Whether it may be taken or corrected now: the session has begun and the program is not over. */
  open: boolean;
  lines: RosterLine[];
}

/** A session of a program, with how many marks it has. */
export interface AttendanceSessionSummary extends ProgramSession {
  marked: number;
  absent: number;
}

export interface ProgramAttendanceSessions {
  programId: string;
  sessions: AttendanceSessionSummary[];
  /** The session the screen opens on: today's first, or else the latest one begun, or else the first. */
  suggestedSessionId: string | null;
}

export interface EnrolmentAttendance {
  summary: AttendanceSummary;
  /** Every session of the program with the person's mark, in order. */
  sessions: Array<{ session: ProgramSession; status: AttendanceStatus | null; note: string | null }>;
  /** Newest first. */
  disciplineNotes: DisciplineNoteView[];
}

/** The printed sign-in sheet of a session: A4 PDF bytes as base64. */
export interface SignInSheet {
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
}

export const attendanceCalls = {
  /** A program's sessions, with how far each one's attendance was taken. */
  'attendance.sessions': call('programs.view', z.object({ programId: id })).returns<ProgramAttendanceSessions>(),
  /** A session's roster with each person's mark and discipline notes. */
  'attendance.session': call('programs.view', z.object({ sessionId: id })).returns<SessionAttendance>(),
  /** Takes (or corrects) a whole session's attendance at once: everyone present but the exceptions. */
  'attendance.record': call('enrolments.handle', recordSessionInput).returns<SessionAttendance>(),
  /** A person's attendance in a program, the completion rule, and their discipline notes. */
  'attendance.ofEnrolment': call('programs.view', z.object({ enrolmentId: id })).returns<EnrolmentAttendance>(),
  /** Records a warning or a note on a person's discipline in a program: only ever added. */
  'attendance.addDisciplineNote': call('enrolments.handle', disciplineNoteInput).returns<EnrolmentAttendance>(),
  /** The session's sign-in sheet, A4 Arabic on the letterhead, to take attendance on paper and enter it afterwards. */
  'attendance.signInSheet': call('programs.view', z.object({ sessionId: id })).returns<SignInSheet>(),
};
