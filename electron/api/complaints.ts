import { z } from 'zod';
import { call } from './define';
import { id, isoDate, optionalText, orNull, pageSize, requiredText } from './fields/schemas';
import { moveCalls, type StageTime as WorkflowStageTime } from './workflow/engine';
import {
  COMPLAINT_STAGES,
  complaintWorkflow,
  SUGGESTION_DECISIONS,
  type ComplaintOffer,
  type ComplaintStage,
  type SuggestionDecision,
} from './workflow/complaints';

/** What a person brings: a complaint (شكوى), a note (ملاحظة) or a suggestion (مقترح). */
export const COMPLAINT_KINDS = ['complaint', 'note', 'suggestion'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** What it is about; one about a staff member names them, and is never shown to them. */
export const COMPLAINT_ABOUT = ['service', 'program', 'staff', 'other'] as const;
export type ComplaintAbout = (typeof COMPLAINT_ABOUT)[number];

export {
  answerComplaintInput,
  COMPLAINT_STAGES,
  complaintWorkflow,
  resolveComplaintInput,
  SUGGESTION_DECISIONS,
  type AnswerComplaintInput,
  type ComplaintMove,
  type ComplaintOffer,
  type ComplaintStage,
  type SuggestionDecision,
} from './workflow/complaints';

export const COMPLAINT_EVENT_ACTIONS = ['received', 'acknowledged', 'investigating', 'resolved', 'answered', 'closed', 'reassigned', 'decided'] as const;
export type ComplaintEventAction = (typeof COMPLAINT_EVENT_ACTIONS)[number];

/** Service-time targets in working days, per kind. */
export type ComplaintTargets = Record<ComplaintKind, number>;
export const COMPLAINT_TARGET_DEFAULTS: ComplaintTargets = { complaint: 5, note: 5, suggestion: 10 };
export const MAX_TARGET_WORKING_DAYS = 365;

const targetDays = z
  .number({ error: 'validation.invalid' })
  .int({ error: 'validation.invalid' })
  .min(1, { error: 'validation.outOfRange' })
  .max(MAX_TARGET_WORKING_DAYS, { error: 'validation.outOfRange' });

export const receiveComplaintInput = z
  .object({
    kind: z.enum(COMPLAINT_KINDS, { error: 'validation.choice' }),
    /** The registered person; or someone not registered, by name. */
    beneficiaryId: orNull(id),
    personName: optionalText(120),
    about: z.enum(COMPLAINT_ABOUT, { error: 'validation.choice' }),
    aboutStaffId: orNull(id),
    subject: requiredText(200),
    details: optionalText(4000),
    /** The contact it was brought in, when it was logged first. */
    sourceContactId: orNull(id),
  })
  .superRefine((input, context) => {
    if (input.beneficiaryId === null && input.personName === null) {
      context.addIssue({ code: 'custom', path: ['personName'], message: 'validation.complaints.whoRequired' });
    }
    if (input.about === 'staff' && input.aboutStaffId === null) {
      context.addIssue({ code: 'custom', path: ['aboutStaffId'], message: 'validation.complaints.staffRequired' });
    }
  });
export type ReceiveComplaintInput = z.input<typeof receiveComplaintInput>;

export const listComplaintsInput = z.object({
  kind: z.enum(COMPLAINT_KINDS, { error: 'validation.choice' }).optional(),
  stage: z.enum(COMPLAINT_STAGES, { error: 'validation.choice' }).optional(),
  /** Only those past their due date and not yet answered. */
  overdue: z.boolean().optional(),
  /** Open and closed both, unless a stage is named; `open` keeps those not yet closed. */
  open: z.boolean().optional(),
  ownerId: id.optional(),
  beneficiaryId: id.optional(),
  decision: z.enum(SUGGESTION_DECISIONS, { error: 'validation.choice' }).optional(),
  limit: pageSize.default(50),
  offset: z.number().int().min(0).default(0),
});

/** `undecided`: suggestions not yet resolved. */
export const REGISTER_DECISIONS = [...SUGGESTION_DECISIONS, 'undecided'] as const;

export interface StaffOption {
  id: string;
  displayName: string;
}

/** A line of the list: who, about what, where it stands, and whether it is late. */
export interface ComplaintSummary {
  id: string;
  number: string;
  kind: ComplaintKind;
  beneficiary: { id: string; fullName: string; fileNumber: string } | null;
  personName: string | null;
  about: ComplaintAbout;
  aboutStaff: StaffOption | null;
  subject: string;
  stage: ComplaintStage;
  stageSince: string;
  owner: StaffOption;
  receivedAt: string;
  /** Riyadh calendar date: received + the kind's target in working days. */
  dueDate: string;
  /** Not yet answered and past its due date (Riyadh). */
  overdue: boolean;
  decision: SuggestionDecision | null;
}

export interface ComplaintEventView {
  id: string;
  action: ComplaintEventAction;
  fromStage: ComplaintStage | null;
  toStage: ComplaintStage;
  at: string;
  actor: StaffOption;
  note: string | null;
  contactId: string | null;
  owner: StaffOption | null;
}

export type StageTime = WorkflowStageTime<ComplaintStage>;

export interface ComplaintDetail extends ComplaintSummary {
  details: string | null;
  resolution: string | null;
  improvement: string | null;
  decidedAt: string | null;
  answeredAt: string | null;
  answerContactId: string | null;
  closedAt: string | null;
  sourceContactId: string | null;
  /** The one stage it may move to now; null once closed. */
  nextStage: ComplaintStage | null;
  events: ComplaintEventView[];
  stageTimes: StageTime[];
  /** The stages its stepper shows, from the complaint workflow. */
  path: ComplaintStage[];
  /** What the reader may do with it now, from the complaint workflow, their role and the record. */
  allowedMoves: ComplaintOffer[];
}

export interface ComplaintPage {
  rows: ComplaintSummary[];
  total: number;
}

/** A line of the suggestions register: the suggestion, what was decided and when, and what improved. */
export interface SuggestionRegisterEntry {
  id: string;
  number: string;
  receivedAt: string;
  beneficiary: { id: string; fullName: string; fileNumber: string } | null;
  personName: string | null;
  subject: string;
  stage: ComplaintStage;
  decision: SuggestionDecision | null;
  decidedAt: string | null;
  improvement: string | null;
  resolution: string | null;
  owner: StaffOption;
}

export const complaintsCalls = {
  /** Anyone handling complaints reads the targets; only the administrator changes them. */
  'complaints.targets': call('complaints.handle', z.object({})).returns<ComplaintTargets>(),
  'complaints.setTargets': call(
    'catalog.manage',
    z.object({ complaint: targetDays, note: targetDays, suggestion: targetDays }),
  ).returns<ComplaintTargets>(),
  'complaints.receive': call('complaints.handle', receiveComplaintInput).returns<ComplaintDetail>(),
  /**
   * Links a complaint received from someone by name to their file, once found or registered: the
   * complaint, its steps and the contacts that brought or answered it become that person's.
   */
  'complaints.link': call('complaints.handle', z.object({ id, beneficiaryId: id })).returns<ComplaintDetail>(),
  ...moveCalls(complaintWorkflow).returns<ComplaintDetail>(),
  /** A suggestion left under study, decided later: adopted (with the improvement) or declined. */
  'complaints.decide': call(
    complaintWorkflow.sideSteps.decide.permission,
    z.object({
      id,
      decision: z.enum(['adopted', 'declined'], { error: 'validation.choice' }),
      improvement: optionalText(2000),
      note: optionalText(2000),
    }),
  ).returns<ComplaintDetail>(),
  'complaints.reassign': call(complaintWorkflow.sideSteps.reassign.permission, z.object({ id, ownerId: id, note: optionalText(2000) })).returns<ComplaintDetail>(),
  'complaints.get': call('complaints.handle', z.object({ id })).returns<ComplaintDetail>(),
  'complaints.list': call('complaints.handle', listComplaintsInput).returns<ComplaintPage>(),
  'complaints.suggestionsRegister': call(
    'complaints.handle',
    z.object({
      decision: z.enum(REGISTER_DECISIONS, { error: 'validation.choice' }).optional(),
      /** Received from and to these Riyadh dates, both included. */
      from: isoDate.optional(),
      to: isoDate.optional(),
    }),
  ).returns<SuggestionRegisterEntry[]>(),
  /** Active accounts: the staff member a complaint is about, and owners. */
  'complaints.staffOptions': call('complaints.handle', z.object({})).returns<StaffOption[]>(),
};
