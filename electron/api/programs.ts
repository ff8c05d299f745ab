import { z } from 'zod';
import { CATEGORIES, GENDERS, type Category } from './beneficiaries';
import { call } from './define';
import { toLatinDigits } from './fields/digits';
import { id, isoDate, optionalText, orNull, pageSize, requiredText, text } from './fields/schemas';

/** What a program is: the association's training, rehabilitation, family support, awareness, or other. */
export const PROGRAM_KINDS = ['training', 'rehabilitation', 'family_support', 'awareness', 'other'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

/**
 * Where a program stands: planned, open for registration, running, completed; or cancelled (with a
 * reason) from any status but the final ones.
 */
export const PROGRAM_STATUSES = ['planned', 'open', 'running', 'completed', 'cancelled'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** A status a program moves to: none moves back to planned. */
export type ProgramMove = Exclude<ProgramStatus, 'planned'>;

/** The statuses a program may move to from each: forward one step, or cancelled while not final. */
export const PROGRAM_STATUS_MOVES: Readonly<Record<ProgramStatus, readonly ProgramMove[]>> = {
  planned: ['open', 'cancelled'],
  open: ['running', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** The days of the week as `Date.getUTCDay()` numbers them: 0 is Sunday. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A schedule entered at once covers at most this many sessions: a program of two years twice a week. */
export const MAX_SESSIONS_AT_ONCE = 250;
/** The most a single fee may be, in halalas: a million riyals. */
export const MAX_FEE_HALALAS = 100_000_000;

const whole = (min: number, max: number) =>
  z
    .number({ error: 'validation.invalid' })
    .int({ error: 'validation.invalid' })
    .min(min, { error: 'validation.outOfRange' })
    .max(max, { error: 'validation.outOfRange' });

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time of day, 24-hour 'HH:MM'; digits in any form, one-digit hours allowed (9:30). */
export const timeOfDay = z
  .string({ error: 'validation.programs.time' })
  .transform((value) => toLatinDigits(value.trim()).padStart(5, '0'))
  .refine((value) => TIME_OF_DAY.test(value), { error: 'validation.programs.time' });

export const programFields = z
  .object({
    nameAr: requiredText(200),
    nameEn: optionalText(200),
    kind: z.enum(PROGRAM_KINDS, { error: 'validation.choice' }),
    description: requiredText(4000),
    conditions: optionalText(4000),
    /** The beneficiary categories it is for; none is everyone. */
    categories: z
      .array(z.enum(CATEGORIES, { error: 'validation.choice' }), { error: 'validation.invalid' })
      .max(CATEGORIES.length, { error: 'validation.tooMany' })
      .transform((categories) => CATEGORIES.filter((category) => categories.includes(category))),
    /** Null: men and women both. */
    gender: orNull(z.enum(GENDERS, { error: 'validation.choice' })),
    ageMin: orNull(whole(0, 120)),
    ageMax: orNull(whole(0, 120)),
    hasInterview: z.boolean({ error: 'validation.invalid' }),
    capacity: whole(1, 10_000),
    /** The completion rule: at least this share of the counted sessions attended… */
    minAttendancePercent: whole(0, 100),
    /** …and at most this many unexcused absences (null: no limit). */
    maxUnexcusedAbsences: orNull(whole(0, 1000)),
    /** Consecutive unexcused absences that put a person on their officer's follow-up queue. */
    followUpAfterAbsences: whole(1, 100),
    /** Days a place offered from the waitlist stays open. */
    offerDays: whole(1, 60),
    startsOn: isoDate,
    endsOn: isoDate,
    place: optionalText(200),
  })
  .superRefine((fields, context) => {
    if (fields.ageMin !== null && fields.ageMax !== null && fields.ageMin > fields.ageMax) {
      context.addIssue({ code: 'custom', path: ['ageMax'], message: 'validation.programs.ageRange' });
    }
    if (fields.endsOn < fields.startsOn) {
      context.addIssue({ code: 'custom', path: ['endsOn'], message: 'validation.programs.dateRange' });
    }
  });
export type ProgramFields = z.input<typeof programFields>;

export const saveProgramInput = z.object({
  /** Absent for a new program. */
  id: id.optional(),
  /** The version the editor read, for an edit: a program changed meanwhile is not overwritten. */
  expectedVersion: z.number().int().min(1).optional(),
  fields: programFields,
});
export type SaveProgramInput = z.input<typeof saveProgramInput>;

/**
 * Sessions to add: single dates, or weekly days between two dates (expanded to a session on each
 * such day but the association's holidays), all at the same times and place.
 */
export const addSessionsInput = z
  .object({
    programId: id,
    schedule: z.discriminatedUnion(
      'kind',
      [
        z.object({ kind: z.literal('dates'), dates: z.array(isoDate, { error: 'validation.invalid' }).min(1, { error: 'validation.required' }).max(MAX_SESSIONS_AT_ONCE, { error: 'validation.tooMany' }) }),
        z.object({
          kind: z.literal('weekly'),
          weekdays: z.array(z.union(WEEKDAYS.map((day) => z.literal(day)), { error: 'validation.choice' })).min(1, { error: 'validation.programs.weekdaysRequired' }).max(7),
          from: isoDate,
          to: isoDate,
        }),
      ],
      { error: 'validation.choice' },
    ),
    startsAt: timeOfDay,
    endsAt: timeOfDay,
    place: optionalText(200),
    note: optionalText(500),
  })
  .superRefine((input, context) => {
    // A malformed time has its own message: the two are compared only when both are times.
    const bothTimes = TIME_OF_DAY.test(input.startsAt) && TIME_OF_DAY.test(input.endsAt);
    if (bothTimes && input.endsAt <= input.startsAt) context.addIssue({ code: 'custom', path: ['endsAt'], message: 'validation.programs.timeRange' });
    if (input.schedule.kind === 'weekly' && input.schedule.to < input.schedule.from) {
      context.addIssue({ code: 'custom', path: ['schedule', 'to'], message: 'validation.programs.dateRange' });
    }
  });
export type AddSessionsInput = z.input<typeof addSessionsInput>;

export const publishFeeInput = z.object({
  programId: id,
  /** Halalas: 0 is a program announced free. */
  amount: whole(0, MAX_FEE_HALALAS),
  /** What the fee covers (materials, transport…): printed with it. */
  covers: requiredText(500),
});
export type PublishFeeInput = z.input<typeof publishFeeInput>;

export const setProgramStatusInput = z
  .object({
    id,
    expectedVersion: z.number().int().min(1),
    status: z.enum(PROGRAM_STATUSES, { error: 'validation.choice' }),
    reason: optionalText(1000),
  })
  .superRefine((input, context) => {
    if (input.status === 'cancelled' && input.reason === null) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'validation.programs.reasonRequired' });
    }
  });
export type SetProgramStatusInput = z.input<typeof setProgramStatusInput>;

export const listProgramsInput = z.object({
  status: z.enum(PROGRAM_STATUSES, { error: 'validation.choice' }).optional(),
  kind: z.enum(PROGRAM_KINDS, { error: 'validation.choice' }).optional(),
  /** Words of the name (Arabic or English) or the place. */
  text: text(100).optional(),
  limit: pageSize.default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListProgramsInput = z.input<typeof listProgramsInput>;

export interface ProgramFee {
  id: string;
  version: number;
  /** Halalas. */
  amount: number;
  covers: string;
  /** The Riyadh date it was published. */
  announcedOn: string;
  publishedBy: { id: string; displayName: string };
}

export interface ProgramSession {
  id: string;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  note: string | null;
}

export interface ProgramStatusChange {
  id: string;
  from: ProgramStatus | null;
  to: ProgramStatus;
  reason: string | null;
  at: string;
  actor: { id: string; displayName: string };
}

export interface ProgramSummary {
  id: string;
  nameAr: string;
  nameEn: string | null;
  kind: ProgramKind;
  status: ProgramStatus;
  startsOn: string;
  endsOn: string;
  capacity: number;
  place: string | null;
  /** The latest published version; null until one is. */
  currentFee: ProgramFee | null;
  sessionCount: number;
}

export interface ProgramDetail extends ProgramSummary {
  description: string;
  conditions: string | null;
  categories: Category[];
  gender: (typeof GENDERS)[number] | null;
  ageMin: number | null;
  ageMax: number | null;
  hasInterview: boolean;
  minAttendancePercent: number;
  maxUnexcusedAbsences: number | null;
  followUpAfterAbsences: number;
  offerDays: number;
  statusReason: string | null;
  rowVersion: number;
  sessions: ProgramSession[];
  /** Every published version, the latest first. */
  fees: ProgramFee[];
  /** The status changes, oldest first (the first is its creation). */
  history: ProgramStatusChange[];
  /** The statuses it may move to now. */
  nextStatuses: ProgramMove[];
}

export interface ProgramPage {
  rows: ProgramSummary[];
  total: number;
}

export interface AddedSessions {
  program: ProgramDetail;
  /** Sessions added. */
  added: number;
  /** Dates of the schedule left out: the association's holidays. */
  skippedHolidays: string[];
  /** Dates that already had a session at that time. */
  skippedExisting: string[];
}

/** The program's sheet printed as an A4 PDF, to save: its bytes travel as base64. */
export interface ProgramSheet {
  /** The program's name and today's date, in the officer's language. */
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
}

export const programsCalls = {
  'programs.list': call('programs.view', listProgramsInput).returns<ProgramPage>(),
  'programs.get': call('programs.view', z.object({ id })).returns<ProgramDetail>(),
  /** Creates a program (planned), or changes one: `expectedVersion` is the version the editor read. */
  'programs.save': call('programs.manage', saveProgramInput).returns<ProgramDetail>(),
  'programs.addSessions': call('programs.manage', addSessionsInput).returns<AddedSessions>(),
  /** A session yet to come, or any of a program not yet running: one attendance may name is kept. */
  'programs.removeSession': call('programs.manage', z.object({ id })).returns<ProgramDetail>(),
  /** Publishes a new version of the fee, dated today: a published version never changes. */
  'programs.publishFee': call('programs.manage', publishFeeInput).returns<ProgramDetail>(),
  'programs.setStatus': call('programs.manage', setProgramStatusInput).returns<ProgramDetail>(),
  /** The program's sheet: A4, Arabic, on the letterhead, with its fees and the dates they were announced. */
  'programs.printSheet': call(
    'programs.view',
    z.object({ id, language: z.enum(['ar', 'en'], { error: 'validation.choice' }).default('ar') }),
  ).returns<ProgramSheet>(),
};
