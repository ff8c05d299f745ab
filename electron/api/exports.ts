import { z } from 'zod';
import { listInput as beneficiaryListInput } from './beneficiaries';
import { listComplaintsInput } from './complaints';
import { CHANNELS, PURPOSES } from './contacts';
import { call } from './define';
import { id, isoDate, orNull } from './fields/schemas';
import { listLettersInput } from './letters';
import { listProgramsInput } from './programs';
import type { ApiError } from './result';
import { reportPeriodInput } from './reports';
import { listInput as requestListInput } from './requests';

/**
 * Taking records out of Wasl: the report, and the lists behind it, as PDF, Excel or CSV. An export
 * runs as a job beside the desk's other calls: it is started, its progress read, cancelled if need
 * be, and its file taken once it is complete. Nothing is written to disk on the way: a cancelled or
 * failed export leaves nothing behind, and the file exists only once the user saves it.
 */

export const EXPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The lists that can be exported, each with the filters of its own screen. */
export const EXPORT_LISTS = ['beneficiaries', 'contacts', 'requests', 'complaints', 'letters'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/**
 * The programs' lists: the catalog (with the programs screen's filters), one program's roster, and
 * one session's attendance sheet. They are exported from their own screens, not by a period.
 */
export const PROGRAM_EXPORT_LISTS = ['programs', 'roster', 'attendanceSheet'] as const;

/** The satisfaction responses are read in a spreadsheet: a column per question does not fit a page. */
export const SATISFACTION_EXPORT_FORMATS = ['xlsx', 'csv'] as const satisfies readonly ExportFormat[];

/** A list printed as PDF is read on paper: past this many rows, Excel or CSV is the right tool. */
export const PDF_LIST_MAX_ROWS = 5000;
/**
 * The most rows one exported file holds: what one Excel sheet takes (1,048,576 rows, the header
 * among them). A longer list is narrowed by its period or filters; the file stays one the
 * association's spreadsheets can open.
 */
export const EXPORT_MAX_ROWS = 1_048_575;

/** The days a list covers, on its own date (registration, contact, receipt, the letter's date), both included. */
const period = z
  .object({ from: orNull(isoDate), to: orNull(isoDate) })
  .refine((value) => value.from === null || value.to === null || value.from <= value.to, {
    path: ['to'],
    error: 'validation.reports.endBeforeStart',
  })
  .optional();

const contactFilters = z.object({
  channel: z.enum(CHANNELS, { error: 'validation.choice' }).optional(),
  purpose: z.enum(PURPOSES, { error: 'validation.choice' }).optional(),
  officerId: id.optional(),
  beneficiaryId: id.optional(),
});

/**
 * The registry's sensitive columns, left out unless asked for one by one: ID numbers and phone
 * numbers (supervisors follow people up by phone). The choice is written in the export's audit entry.
 */
const sensitiveColumns = z
  .object({
    idNumbers: z.boolean({ error: 'validation.choice' }).default(false),
    phoneNumbers: z.boolean({ error: 'validation.choice' }).default(false),
  })
  .prefault({});
export type SensitiveColumns = z.output<typeof sensitiveColumns>;
export const SENSITIVE_COLUMNS = ['idNumbers', 'phoneNumbers'] as const satisfies ReadonlyArray<keyof SensitiveColumns>;

export const exportSubject = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('report'), period: reportPeriodInput }),
    z.object({
      kind: z.literal('beneficiaries'),
      filters: beneficiaryListInput.omit({ sort: true, page: true, pageSize: true }).prefault({}),
      period,
      sensitiveColumns,
    }),
    z.object({ kind: z.literal('contacts'), filters: contactFilters.prefault({}), period }),
    z.object({ kind: z.literal('requests'), filters: requestListInput.omit({ limit: true, offset: true }).prefault({}), period }),
    z.object({ kind: z.literal('complaints'), filters: listComplaintsInput.omit({ limit: true, offset: true }).prefault({}), period }),
    z.object({ kind: z.literal('letters'), filters: listLettersInput.omit({ limit: true, offset: true }).prefault({}), period }),
    z.object({ kind: z.literal('programs'), filters: listProgramsInput.omit({ limit: true, offset: true }).prefault({}) }),
    z.object({ kind: z.literal('roster'), programId: id }),
    z.object({ kind: z.literal('attendanceSheet'), sessionId: id }),
    /**
     * A questionnaire's responses answered in a period, one row each, one column per question: no
     * name and no case, only what the figures are cut by. Excel or CSV (its columns are as many as its questions).
     */
    z.object({ kind: z.literal('satisfactionResponses'), questionnaireId: id.nullable().default(null), period: reportPeriodInput }),
  ],
  { error: 'validation.choice' },
);
export type ExportSubject = z.output<typeof exportSubject>;
export type ExportSubjectInput = z.input<typeof exportSubject>;

export const startExportInput = z.object({
  subject: exportSubject,
  format: z.enum(EXPORT_FORMATS, { error: 'validation.choice' }),
  /** The language of the headings and labels; the records stay as they were written. */
  language: z.enum(['ar', 'en'], { error: 'validation.choice' }).default('ar'),
});
export type StartExportInput = z.input<typeof startExportInput>;

export type ExportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportJob {
  id: string;
  state: ExportState;
  /** Records written so far, and how many there are in all (0 when the export has no records, like the report's PDF). */
  done: number;
  total: number;
  fileName: string;
  /** Why it failed, as a refused call would say it. */
  error: ApiError | null;
}

/** A finished export, handed over once: its bytes travel as base64, since PDF and Excel are binary. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
  /** The records in the file (the report's own figures count as none). */
  count: number;
}

const jobId = z.object({ id });

export const exportsCalls = {
  'exports.start': call('exports.create', startExportInput).returns<ExportJob>(),
  'exports.status': call('exports.create', jobId).returns<ExportJob>(),
  'exports.cancel': call('exports.create', jobId).returns<ExportJob>(),
  /** The finished file; taking it is what the audit log records, with how many records left Wasl. */
  'exports.take': call('exports.create', jobId).returns<ExportFile>(),
};
