import { z } from 'zod';
import { call } from './define';
import { id, isoDate } from './fields/schemas';

/** Every kind of event the audit log records. */
export const AUDIT_ACTIONS = [
  'app.setUp',
  'session.signedIn',
  'session.signInFailed',
  'session.lockedOut',
  'session.locked',
  'session.unlocked',
  'session.signedOut',
  'session.recovered',
  'session.openedWithRecoveryKey',
  'session.passwordChanged',
  /** The screen handed to a beneficiary to answer a questionnaire, and taken back with the officer's password. */
  'session.kioskEntered',
  'session.kioskLeft',
  'user.created',
  'user.changed',
  'user.passwordReset',
  /** A call refused for lack of permission, or a change refused by a rule: who, which call, never the input. */
  'call.refused',
  /** An administrator replaced the recovery key: the previous one no longer opens the live data. */
  'recoveryKey.replaced',
  /** The database was written again under a new key: the old key, passwords and recovery key open nothing live. */
  'databaseKey.replaced',
  /** Replacing the database key stopped before the new file was put in place: nothing changed. */
  'databaseKey.replaceFailed',
  'beneficiary.viewed',
  'beneficiary.created',
  'beneficiary.changed',
  'beneficiary.exported',
  'beneficiary.erased',
  'eligibility.decided',
  'contact.logged',
  'contact.linked',
  /** An unlinked contact closed as someone who is not a beneficiary, with the reason. */
  'contact.closedNotBeneficiary',
  'letter.registered',
  'letter.viewed',
  'letter.documentViewed',
  'letter.scanViewed',
  /** An outgoing letter printed to PDF and handed over to be saved. */
  'letter.documentSaved',
  'letter.linked',
  'request.viewed',
  'request.opened',
  'request.moved',
  'request.reassigned',
  'complaint.viewed',
  'complaint.received',
  'complaint.moved',
  'complaint.reassigned',
  'complaint.linked',
  'inquiry.viewed',
  'inquiry.asked',
  'inquiry.answered',
  'catalog.changed',
  /** The reference library's starter articles (the policy first) put into a database once, by Wasl itself. */
  'library.starterInstalled',
  'settings.changed',
  /** This desk paired with the office server: its address, the pinned certificate's fingerprint, the desk's id. */
  'office.paired',
  /** A code made on this desk for pairing another: when it expires, never the code. */
  'office.pairingCodeMade',
  /** Another desk of the office revoked from this one: which (its number and name), and why. */
  'office.deskRevoked',
  /** Numbers reserved for this desk and never given, recorded void when their year was over: the series and the first and last. */
  'numbers.voided',
  /** A conflict the merge of the desks found, settled by a supervisor: which, and how (never the values). */
  'conflict.settled',
  /** Two files of one person merged into one: which file stays, which was merged (its file number), and how many records moved. */
  'beneficiary.merged',
  /** One of two records that bore one number given a new one: which record, its number before and after. */
  'record.renumbered',
  'backup.made',
  'backup.failed',
  'backup.restored',
  'audit.exported',
  'records.exported',
  'audit.verified',
  'audit.breakDetected',
  'audit.breakAcknowledged',
  'report.recordsViewed',
  /** A person applied to a program: which program, whether its conditions were overridden (never the reason's text). */
  'enrolment.applied',
  /** An enrolment moved from one stage to another, or a freed place offered from the waitlist: ids and stages. */
  'enrolment.moved',
  /** Someone moved on a program's waitlist by hand: from which place to which (the reason is on the event). */
  'enrolment.reordered',
  /** An enrolment's interview form printed to PDF. */
  'enrolment.interviewFormPrinted',
  'enrolment.certificateIssued',
  'enrolment.certificatePrinted',
  'enrolment.certificateVerified',
  /** A session's attendance taken or corrected: the session, how many marked, by status, and which lines changed (never a note's text). */
  'attendance.recorded',
  /** A warning or a note on a person's discipline in a program: its kind and date (never what happened). */
  'attendance.disciplineNoted',
  /** A session's sign-in sheet printed to PDF: the session and how many names it holds. */
  'attendance.sheetPrinted',
  /** A fee waiver asked for on an enrolment: its kind and amount (never the reason's text). */
  'fee.waiverRequested',
  /** A fee waiver approved or refused by a supervisor: the decision and amount (never the note's text). */
  'fee.waiverDecided',
  /** A payment recorded on an enrolment: its receipt number, amount, method and date. */
  'fee.paymentRecorded',
  /** A payment voided: its receipt number and amount (the reason is on the payment). */
  'fee.paymentVoided',
  /** A payment's receipt printed to PDF. */
  'fee.receiptPrinted',
  /** A program created or its details changed: which fields, never their text. */
  'program.saved',
  /** Sessions added to a program's schedule, or one removed: how many, which dates. */
  'program.sessionsAdded',
  'program.sessionRemoved',
  /** A version of a program's fee published: its amount and version, with the date it was announced. */
  'program.feePublished',
  'program.statusChanged',
  /** A program's sheet printed to PDF. */
  'program.sheetPrinted',
  /** The policy put under control as a document, with its first issue, by Wasl itself. */
  'document.starterInstalled',
  /** A governing document put under control: its number. */
  'document.created',
  /** An issue's draft written or corrected: the document's number and the issue. */
  'document.draftSaved',
  /** An issue approved: by which body, in which term and session, from when, and its next review. */
  'document.approved',
  /** A review of the issue in force that changed nothing: the document's number, the issue, when it was made and the next review. */
  'document.reviewed',
  /** An issue's text read. */
  'document.read',
  /** The satisfaction questionnaire Wasl ships put into a database, by Wasl itself. */
  'questionnaire.starterInstalled',
  /** A questionnaire created, or its wording saved: in place or as which new version, and how many questions. */
  'questionnaire.saved',
  'questionnaire.statusChanged',
  /** A questionnaire offered on a case: the case's kind and id, how (screen, paper, phone); never who the person is. */
  'satisfaction.offered',
  'satisfaction.declined',
  /** A response kept: the offer, how it was taken and whether the person left their name; never the answers. */
  'satisfaction.responseRecorded',
  /** A paper form printed: the offer, its code and the paper's language. */
  'paperForm.printed',
  /** A paper form typed in: which entry of how many, and for a second how many questions differ; never the answers. */
  'paperForm.entered',
  /** A paper form's two differing entries settled against the paper: how many questions were settled. */
  'paperForm.settled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntityType = 'beneficiary' | 'user' | 'setting' | 'backup' | 'audit' | 'letter' | 'request' | 'complaint' | 'inquiry' | 'catalog' | 'program' | 'questionnaire' | 'document';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actor: { id: string; displayName: string } | null;
  action: AuditAction;
  entityType: AuditEntityType | null;
  entityId: string | null;
  /** What identifies the event: the fields changed, a count, a file name; never a person's values. */
  summary: Record<string, unknown>;
  /** The values of a change, or null (none recorded, or erased with their beneficiary). */
  changes: FieldChange[] | null;
  /**
   * Set when the entry names a record withheld from its reader (a complaint about them, or what
   * carries one): its record, summary and values are left out, and the reader is told so.
   */
  withheld?: true;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` to read the next, older page; null on the last page. */
  nextBefore: number | null;
}

/**
 * `cut`: the log once stopped short of the head anchored outside it (entries cut from its end, or
 * replaced); the entry named is the one that records the break.
 */
export type AuditProblemKind = 'altered' | 'missing' | 'out_of_order' | 'cut';

export interface AuditVerification {
  intact: boolean;
  checked: number;
  /** The first entry that does not match the chain, and how. */
  problem: { seq: number; kind: AuditProblemKind } | null;
}

/** A recorded break in the log: at an opening (or a change of hands), it no longer reached the anchored entry. */
export interface AuditBreak {
  /** The entry that records the break. */
  seq: number;
  at: string;
  /** The last entry anchored outside the database, which the log no longer reached. */
  anchorSeq: number;
  /** The log's last entry when the break was found (0 when the log was empty). */
  foundSeq: number;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string;
  count: number;
}

const filters = z.object({
  beneficiaryId: id.optional(),
  actorId: id.optional(),
  action: z.enum(AUDIT_ACTIONS, { error: 'validation.choice' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilters = z.output<typeof filters>;

export const auditCalls = {
  'audit.list': call(
    'audit.view',
    filters.extend({
      before: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  ).returns<AuditPage>(),
  'audit.verify': call('audit.view', z.object({})).returns<AuditVerification>(),
  'audit.export': call('audit.export', filters).returns<ExportedFile>(),
  /** Breaks no administrator has acknowledged yet, newest first: the warning on the home and audit screens. */
  'audit.breaks': call('audit.view', z.object({})).returns<AuditBreak[]>(),
  /**
   * An administrator has looked into the breaks up to this one: the warning goes, the acknowledgement
   * is recorded, and verifying the log still reports the break.
   */
  'audit.acknowledgeBreaks': call('settings.manage', z.object({ throughSeq: z.number().int().positive() })).returns<{ acknowledged: number }>(),
  /** Everyone who appears in the log, to filter it by person (supervisors cannot manage accounts). */
  'audit.actors': call('audit.view', z.object({})).returns<Array<{ id: string; displayName: string; active: boolean }>>(),
};
