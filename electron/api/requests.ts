import { z } from 'zod';
import { CHANNELS, contactInput } from './contacts';
import { call } from './define';
import { scanFile } from './fields/scan';
import { id, isoDate, optionalIsoDate, optionalText, orNull, requiredText, text } from './fields/schemas';

/**
 * Requests (طلبات): the catalog of request types and the holidays the targets skip, and a request's
 * life from receipt to closing.
 */

export const REQUEST_STAGES = ['received', 'under_review', 'referred', 'authority_answered', 'decided', 'notified', 'closed', 'withdrawn'] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];
/** Nothing has been decided yet. */
export const UNDECIDED_STAGES = ['received', 'under_review', 'referred', 'authority_answered'] as const satisfies readonly RequestStage[];
/** Ready for a supervisor's decision: reviewed, and answered by the authority when it was referred to one. */
export const DECIDABLE_STAGES = ['under_review', 'authority_answered'] as const satisfies readonly RequestStage[];
/** The stages whose due date still matters: the beneficiary has not been told the result yet. */
export const AWAITING_STAGES = [...UNDECIDED_STAGES, 'decided'] as const satisfies readonly RequestStage[];
/** Not finished: the beneficiary may still withdraw the request from any of these. */
export const OPEN_STAGES = [...AWAITING_STAGES, 'notified'] as const satisfies readonly RequestStage[];
/** A request here is finished: nothing moves it again. */
export const FINAL_STAGES = ['closed', 'withdrawn'] as const satisfies readonly RequestStage[];

export const REQUEST_OUTCOMES = ['approved', 'rejected'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

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

/** One stay in a stage, from the events; the current stage counts up to now. */
export interface StageTime {
  stage: RequestStage;
  enteredAt: string;
  /** Null for the current stage. */
  leftAt: string | null;
  milliseconds: number;
  /** Working days between entering and leaving (or today), on Riyadh dates. */
  workingDays: number;
}

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
}

export interface RequestPage {
  rows: RequestSummary[];
  total: number;
}

const note = optionalText(2000);
const requestId = z.object({ id, note });

/** A decision or a withdrawal without its reason is refused with a message that asks for it. */
const reason = text(2000).min(1, { error: 'validation.requests.reasonRequired' });

/** Only the channel details a notification can carry, checked as a logged contact checks them. */
const contactFields = contactInput.shape;

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

export const referInput = z
  .object({
    id,
    authorityId: orNull(id),
    /** The date of the outgoing letter; today when not given. */
    referredOn: optionalIsoDate,
    letter: z.object({ subject: requiredText(300), body: optionalText(10_000) }),
    note,
  })
  .superRefine((input, context) => {
    if (input.authorityId === null) {
      context.addIssue({ code: 'custom', path: ['authorityId'], message: 'validation.requests.authorityRequired' });
    }
  });
export type ReferInput = z.input<typeof referInput>;

export const authorityAnswerInput = z.object({
  id,
  /** The authority's own letter: its number, its date, its subject, and its scan. */
  letter: z.object({
    number: requiredText(60),
    letterDate: isoDate,
    subject: requiredText(300),
    scan: scanFile.nullish(),
  }),
  note,
});
export type AuthorityAnswerInput = z.input<typeof authorityAnswerInput>;

export const decideInput = z.object({
  id,
  outcome: z.enum(REQUEST_OUTCOMES, { error: 'validation.requests.outcomeRequired' }),
  reason,
});

export const notifyInput = z
  .object({
    id,
    channel: z.enum(CHANNELS, { error: 'validation.choice' }),
    /** What the beneficiary was told; a standard sentence when not given. */
    summary: optionalText(2000),
    occurredAt: contactFields.occurredAt,
    phoneNumber: contactFields.phoneNumber,
    platform: contactFields.platform,
    handle: contactFields.handle,
    webReference: contactFields.webReference,
    /** Letter channel: the letter's text; the standard notification letter when not given. */
    letterBody: optionalText(10_000),
  })
  .superRefine((input, context) => {
    if (input.channel === 'social_media' && !input.platform) {
      context.addIssue({ code: 'custom', path: ['platform'], message: 'validation.required' });
    }
  });
export type NotifyInput = z.input<typeof notifyInput>;

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
  'requests.startReview': call('requests.handle', requestId).returns<RequestDetail>(),
  'requests.refer': call('requests.handle', referInput).returns<RequestDetail>(),
  'requests.recordAuthorityAnswer': call('requests.handle', authorityAnswerInput).returns<RequestDetail>(),
  /** The policy reserves approval and rejection to a supervisor. */
  'requests.decide': call('requests.decide', decideInput).returns<RequestDetail>(),
  'requests.notify': call('requests.handle', notifyInput).returns<RequestDetail & { notification: { contactId: string; letterId: string | null } }>(),
  'requests.close': call('requests.handle', requestId).returns<RequestDetail>(),
  'requests.withdraw': call('requests.handle', z.object({ id, reason })).returns<RequestDetail>(),
  'requests.reassign': call('casework.assign', z.object({ id, ownerId: id, note })).returns<RequestDetail>(),

  'requests.get': call('beneficiaries.view', z.object({ id })).returns<RequestDetail>(),
  'requests.list': call('beneficiaries.view', listInput).returns<RequestPage>(),

  /** The bodies a request can be referred to (the active ones). */
  'requests.referralAuthorities': call('requests.handle', z.object({})).returns<NamedAuthority[]>(),
  /** Who a request can be given to: active officers and supervisors. */
  'requests.assignees': call('casework.assign', z.object({})).returns<Array<StaffName & { role: 'officer' | 'supervisor' }>>(),
};
