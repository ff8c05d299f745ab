import { z } from 'zod';
import { call } from './define';
import { id, isoDate, optionalText, orNull, requiredText } from './fields/schemas';
import { moveCalls, type StageTime as WorkflowStageTime } from './workflow/engine';
import { notifyInput, REQUEST_STAGES, requestWorkflow, type RequestOffer, type RequestOutcome, type RequestStage } from './workflow/requests';

/**
 * Requests (طلبات): the catalog of request types and the holidays the targets skip, and a request's
 * life from receipt to closing.
 */

export {
  REQUEST_OUTCOMES,
  REQUEST_STAGES,
  authorityAnswerInput,
  decideInput,
  notifyInput,
  referInput,
  requestWorkflow,
  type AuthorityAnswerInput,
  type NotifyInput,
  type ReferInput,
  type RequestMove,
  type RequestOffer,
  type RequestOutcome,
  type RequestStage,
} from './workflow/requests';

/** The workflow's open group: where a request can stand before it is finished, in the stepper's order. */
export const OPEN_STAGES = requestWorkflow.groups.open;

export const REQUEST_ACTIONS = [
  'received',
  'review_started',
  'referred',
  'authority_answered',
  'decided',
  'notified',
  'closed',
  'withdrawn',
  'reassigned',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** A stage filter of the list: one stage, or every stage still open. */
export const STAGE_FILTERS = ['open', ...REQUEST_STAGES] as const;

export interface RequestTypeView {
  id: string;
  code: string;
  nameAr: string;
  nameEn: string;
  /** Whether an authority's permit or approval is normally needed. */
  needsAuthority: boolean;
  targetWorkingDays: number;
  active: boolean;
  sortOrder: number;
}

export interface HolidayView {
  id: string;
  /** Gregorian ISO date. */
  date: string;
  name: string;
}

export interface NamedAuthority {
  id: string;
  nameAr: string;
  nameEn: string | null;
}

export interface StaffName {
  id: string;
  displayName: string;
}

/** A line of the requests list. */
export interface RequestSummary {
  id: string;
  number: string;
  beneficiary: { id: string; fullName: string; fileNumber: string };
  type: { id: string; nameAr: string; nameEn: string };
  stage: RequestStage;
  stageSince: string;
  owner: StaffName;
  receivedAt: string;
  /** Riyadh calendar date. */
  dueDate: string;
  /** Not yet told to the beneficiary, and past its due date (Riyadh). */
  overdue: boolean;
}

export interface RequestEventView {
  id: string;
  action: RequestAction;
  fromStage: RequestStage | null;
  toStage: RequestStage;
  at: string;
  actor: StaffName;
  note: string | null;
  authority: NamedAuthority | null;
  letter: { id: string; number: string; direction: 'incoming' | 'outgoing'; letterDate: string } | null;
  contactId: string | null;
  /** A reassignment: the new owner. */
  owner: StaffName | null;
  outcome: RequestOutcome | null;
}

export type StageTime = WorkflowStageTime<RequestStage>;

export interface RequestDetail extends RequestSummary {
  summary: string;
  type: RequestSummary['type'] & { needsAuthority: boolean; targetWorkingDays: number };
  /** Working days to the due date (negative: late by that many); null once the beneficiary has been told. */
  workingDaysLeft: number | null;
  authority: NamedAuthority | null;
  referredAt: string | null;
  outcome: RequestOutcome | null;
  decisionReason: string | null;
  decidedAt: string | null;
  decidedBy: StaffName | null;
  notifiedAt: string | null;
  closedAt: string | null;
  sourceContactId: string | null;
  /** Oldest first. */
  events: RequestEventView[];
  stageTimes: StageTime[];
  /** The stages its stepper shows, from the request workflow. */
  path: RequestStage[];
  /** What the reader may do with it now, from the request workflow and their role. */
  allowedMoves: RequestOffer[];
}

export interface RequestPage {
  rows: RequestSummary[];
  total: number;
}

const note = optionalText(2000);

export const requestTypeInput = z.object({
  /** Absent for a new type. */
  id: orNull(id),
  /** Generated from the English name when not given; kept as it is when a type is edited without it. */
  code: orNull(
    z
      .string({ error: 'validation.text' })
      .trim()
      .max(40, { error: 'validation.tooLong' })
      .regex(/^[a-z][a-z0-9_]*$/, { error: 'validation.requests.code' }),
  ),
  nameAr: requiredText(120),
  nameEn: requiredText(120),
  needsAuthority: z.boolean({ error: 'validation.choice' }),
  targetWorkingDays: z
    .number({ error: 'validation.invalid' })
    .int({ error: 'validation.invalid' })
    .min(1, { error: 'validation.outOfRange' })
    .max(365, { error: 'validation.outOfRange' }),
  active: z.boolean({ error: 'validation.choice' }).default(true),
});
export type RequestTypeInput = z.input<typeof requestTypeInput>;

export const holidayInput = z.object({
  id: orNull(id),
  date: isoDate,
  name: requiredText(120),
});

export const openRequestInput = z.object({
  beneficiaryId: id,
  typeId: id,
  summary: requiredText(2000),
  /** The contact the request came up in. */
  sourceContactId: orNull(id),
});
export type OpenRequestInput = z.input<typeof openRequestInput>;

export const listInput = z.object({
  stage: z.enum(STAGE_FILTERS, { error: 'validation.choice' }).optional(),
  typeId: id.optional(),
  ownerId: id.optional(),
  /** Only requests past their due date and not yet told to the beneficiary. */
  overdue: z.boolean().optional(),
  beneficiaryId: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
export type RequestListInput = z.input<typeof listInput>;

export const requestsCalls = {
  // The catalog: read by everyone who opens requests, changed by the administrator.
  'requests.types': call('beneficiaries.view', z.object({ active: z.boolean().optional() })).returns<RequestTypeView[]>(),
  'requests.saveType': call('catalog.manage', requestTypeInput).returns<RequestTypeView>(),
  'holidays.list': call('beneficiaries.view', z.object({})).returns<HolidayView[]>(),
  'holidays.save': call('catalog.manage', holidayInput).returns<HolidayView>(),
  'holidays.remove': call('catalog.manage', z.object({ id })).returns<{ id: string }>(),

  // A request's life.
  'requests.open': call('requests.handle', openRequestInput).returns<RequestDetail>(),
  ...moveCalls(requestWorkflow).returns<RequestDetail>(),
  // Telling the beneficiary also answers the contact (and the letter) that told them.
  'requests.notify': call(requestWorkflow.moves.notify.permission, notifyInput).returns<
    RequestDetail & { notification: { contactId: string; letterId: string | null } }
  >(),
  'requests.reassign': call(requestWorkflow.sideSteps.reassign.permission, z.object({ id, ownerId: id, note })).returns<RequestDetail>(),

  'requests.get': call('beneficiaries.view', z.object({ id })).returns<RequestDetail>(),
  'requests.list': call('beneficiaries.view', listInput).returns<RequestPage>(),

  /** The bodies a request can be referred to (the active ones). */
  'requests.referralAuthorities': call('requests.handle', z.object({})).returns<NamedAuthority[]>(),
  /** Who a request can be given to: active officers and supervisors. */
  'requests.assignees': call('casework.assign', z.object({})).returns<Array<StaffName & { role: 'officer' | 'supervisor' }>>(),
};
