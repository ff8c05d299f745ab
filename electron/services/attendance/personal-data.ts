import type { Kysely } from 'kysely';
import type { AttendanceStatus, DisciplineKind } from '../../api/attendance';
import type { DatabaseSchema, ProgramAttendanceTable, ProgramDisciplineNoteTable } from '../../../db/schema';
import labels from '../../../locales/ar/attendance.json';
import { restamp, type CallContext } from '../context';
import { ATTENDANCE_COLUMNS, DISCIPLINE_NOTE_COLUMNS, erasedValues } from '../personal-data/tables';
import { html, type Html } from '../printing/html';

type Db = Kysely<DatabaseSchema>;

/** What the subject-access document shows of a person's attendance and discipline in programs. */
export interface PersonAttendance {
  /** Only the marks with a note: a plain mark says nothing written about the person. */
  notedMarks: Array<{ programName: string; date: string; status: AttendanceStatus; note: string }>;
  disciplineNotes: Array<{ programName: string; kind: DisciplineKind; whatHappened: string; occurredOn: string; recordedBy: string }>;
}

/** The labels of the document's lines for the person's own columns. */
export const ATTENDANCE_DOCUMENT_LINES = {
  note: labels.document.note,
  whatHappened: labels.document.whatHappened,
} as const;

export async function attendanceOfPerson(db: Db, beneficiaryId: string): Promise<PersonAttendance> {
  const marks = await db
    .selectFrom('program_attendance as a')
    .innerJoin('program_sessions as s', 's.id', 'a.session_id')
    .innerJoin('programs as p', 'p.id', 'a.program_id')
    .select(['p.name_ar', 's.date', 'a.status', 'a.note'])
    .where('a.beneficiary_id', '=', beneficiaryId)
    .where('a.note', 'is not', null)
    .orderBy('s.date', 'desc')
    .execute();
  const notes = await db
    .selectFrom('program_discipline_notes as n')
    .innerJoin('programs as p', 'p.id', 'n.program_id')
    .innerJoin('users as u', 'u.id', 'n.created_by')
    .select(['p.name_ar', 'n.kind', 'n.what_happened', 'n.occurred_on', 'u.display_name'])
    .where('n.beneficiary_id', '=', beneficiaryId)
    .orderBy('n.occurred_on', 'desc')
    .execute();
  return {
    notedMarks: marks.map((row) => ({ programName: row.name_ar, date: row.date, status: row.status, note: row.note ?? '' })),
    disciplineNotes: notes.map((row) => ({
      programName: row.name_ar,
      kind: row.kind,
      whatHappened: row.what_happened,
      occurredOn: row.occurred_on,
      recordedBy: row.display_name,
    })),
  };
}

/** The document's section: the notes on their attendance and their discipline notes, dates as given. */
export function attendanceSection(data: PersonAttendance, none: string, formatDate: (date: string) => Html | string): Html {
  const words = labels.document;
  if (data.notedMarks.length === 0 && data.disciplineNotes.length === 0) return html`<p class="none">${none}</p>`;
  return html`
    ${data.notedMarks.length === 0
      ? ''
      : html`<table class="grid">
          <thead><tr><th>${words.program}</th><th>${words.sessionDate}</th><th>${words.status}</th><th>${ATTENDANCE_DOCUMENT_LINES.note}</th></tr></thead>
          <tbody>${data.notedMarks.map(
            (mark) => html`<tr><td>${mark.programName}</td><td>${formatDate(mark.date)}</td><td>${labels.status[mark.status]}</td><td>${mark.note}</td></tr>`,
          )}</tbody>
        </table>`}
    ${data.disciplineNotes.length === 0
      ? ''
      : html`<table class="grid">
          <thead><tr><th>${words.program}</th><th>${words.occurredOn}</th><th>${words.kind}</th><th>${ATTENDANCE_DOCUMENT_LINES.whatHappened}</th><th>${words.recordedBy}</th></tr></thead>
          <tbody>${data.disciplineNotes.map(
            (note) => html`<tr><td>${note.programName}</td><td>${formatDate(note.occurredOn)}</td><td>${labels.discipline.kind[note.kind]}</td><td>${note.whatHappened}</td><td>${note.recordedBy}</td></tr>`,
          )}</tbody>
        </table>`}`;
}

/**
 * What was written about the person goes with their other personal data, inside the erasure's
 * transaction: the notes on their attendance and what their discipline notes say happened. The marks
 * and the notes' kinds and dates stay, for the programs' rates and counts (ATTENDANCE_COLUMNS,
 * DISCIPLINE_NOTE_COLUMNS). Answers how many rows were touched, for the erasure's record.
 */
export async function eraseAttendanceOf(trx: Db, beneficiaryId: string, context: CallContext): Promise<number> {
  const marks = await trx
    .updateTable('program_attendance')
    .set({ ...erasedValues<ProgramAttendanceTable>(ATTENDANCE_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .where('note', 'is not', null)
    .executeTakeFirst();
  const notes = await trx
    .updateTable('program_discipline_notes')
    .set({ ...erasedValues<ProgramDisciplineNoteTable>(DISCIPLINE_NOTE_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .executeTakeFirst();
  return Number(marks.numUpdatedRows) + Number(notes.numUpdatedRows);
}
