import { z } from 'zod';
import { CHANNELS, contactInput } from '../contacts';
import { scanFile } from '../fields/scan';
import { id, isoDate, optionalIsoDate, optionalText, orNull, requiredText, text } from '../fields/schemas';
import { defineWorkflow, type MoveOf, type OfferOf } from './engine';

/**
 * A request's life (طلب): received → under review → (referred → authority answered) → decided →
 * notified → closed, or withdrawn from any open stage.
 */

export const REQUEST_STAGES = ['received', 'under_review', 'referred', 'authority_answered', 'decided', 'notified', 'closed', 'withdrawn'] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];
// The groups' building blocks, kept to this file: the rest of Wasl reads them as `requestWorkflow.groups`.
/** Nothing has been decided yet. */
const UNDECIDED_STAGES = ['received', 'under_review', 'referred', 'authority_answered'] as const satisfies readonly RequestStage[];
/** Ready for a supervisor's decision: reviewed, and answered by the authority when it was referred to one. */
const DECIDABLE_STAGES = ['under_review', 'authority_answered'] as const satisfies readonly RequestStage[];
/** The stages whose due date still matters: the beneficiary has not been told the result yet. */
const AWAITING_STAGES = [...UNDECIDED_STAGES, 'decided'] as const satisfies readonly RequestStage[];
/** Not finished: the beneficiary may still withdraw the request from any of these. */
const OPEN_STAGES = [...AWAITING_STAGES, 'notified'] as const satisfies readonly RequestStage[];
/** A request here is finished: nothing moves it again. */
const FINAL_STAGES = ['closed', 'withdrawn'] as const satisfies readonly RequestStage[];

export const REQUEST_OUTCOMES = ['approved', 'rejected'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

const note = optionalText(2000);
export const requestId = z.object({ id, note });

/** A decision or a withdrawal without its reason is refused with a message that asks for it. */
const reason = text(2000).min(1, { error: 'validation.requests.reasonRequired' });

/** Only the channel details a notification can carry, checked as a logged contact checks them. */
const contactFields = contactInput.shape;

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

export const withdrawInput = z.object({ id, reason });

export const requestWorkflow = defineWorkflow<RequestStage>()({
  name: 'requests',
  stages: REQUEST_STAGES,
  initial: 'received',
  groups: {
    open: OPEN_STAGES,
    final: FINAL_STAGES,
    dueRunning: AWAITING_STAGES,
    undecided: UNDECIDED_STAGES,
    awaitingDecision: DECIDABLE_STAGES,
    awaitingAuthority: ['referred'],
    awaitingNotification: ['decided'],
    /** Gone its whole way and closed, not withdrawn: the point a satisfaction questionnaire is offered at. */
    completed: ['closed'],
  },
  path: ['received', 'under_review', 'referred', 'authority_answered', 'decided', 'notified', 'closed'],
  detour: ['referred', 'authority_answered'],
  exits: ['withdrawn'],
  finished: 'requests.finished',
  sideSteps: {
    /** Giving an open request to another officer. */
    reassign: { from: OPEN_STAGES, permission: 'casework.assign' },
  },
  moves: {
    startReview: {
      from: ['received'],
      to: 'under_review',
      permission: 'requests.handle',
      input: requestId,
      action: 'review_started',
      stamps: [],
      writes: [],
      refusals: { otherwise: 'requests.reviewAlreadyStarted' },
    },
    /** The referral names the authority and registers (and numbers) its outgoing letter. */
    refer: {
      from: ['under_review'],
      to: 'referred',
      permission: 'requests.handle',
      input: referInput,
      action: 'referred',
      stamps: ['authority_id', 'referred_at'],
      writes: ['letter'],
      refusals: {
        at: { received: 'requests.reviewFirst', referred: 'requests.alreadyReferred', authority_answered: 'requests.alreadyReferred' },
        otherwise: 'requests.alreadyDecided',
      },
    },
    /** The authority's answer registers its incoming letter, with the scan. */
    recordAuthorityAnswer: {
      from: ['referred'],
      to: 'authority_answered',
      permission: 'requests.handle',
      input: authorityAnswerInput,
      action: 'authority_answered',
      stamps: [],
      writes: ['letter'],
      refusals: {
        at: { authority_answered: 'requests.authorityAlreadyAnswered', decided: 'requests.alreadyDecided', notified: 'requests.alreadyDecided' },
        otherwise: 'requests.notReferred',
      },
    },
    /** The policy reserves approval and rejection to a supervisor. */
    decide: {
      from: DECIDABLE_STAGES,
      to: 'decided',
      permission: 'requests.decide',
      input: decideInput,
      action: 'decided',
      stamps: ['outcome', 'decision_reason', 'decided_at', 'decided_by'],
      writes: [],
      refusals: { at: { received: 'requests.reviewFirst', referred: 'requests.awaitingAuthority' }, otherwise: 'requests.alreadyDecided' },
    },
    /** Telling the beneficiary is a logged contact; by letter, the notification letter too. */
    notify: {
      from: ['decided'],
      to: 'notified',
      permission: 'requests.handle',
      input: notifyInput,
      action: 'notified',
      stamps: ['notified_at'],
      writes: ['contact', 'letter'],
      refusals: { at: { notified: 'requests.alreadyNotified' }, otherwise: 'requests.decideFirst' },
      // The person cannot have been told before the decision was made.
      dated: { field: 'occurredAt', refusal: 'validation.requests.beforeDecision' },
    },
    close: {
      from: ['notified'],
      to: 'closed',
      permission: 'requests.handle',
      input: requestId,
      action: 'closed',
      stamps: ['closed_at'],
      writes: [],
      // The policy's rule: a decided request is closed only once the beneficiary has been told.
      refusals: { at: { decided: 'requests.closeBeforeNotified' }, otherwise: 'requests.closeBeforeDecided' },
    },
    /** The beneficiary no longer wants it: possible from any open stage. */
    withdraw: {
      from: OPEN_STAGES,
      to: 'withdrawn',
      permission: 'requests.handle',
      input: withdrawInput,
      action: 'withdrawn',
      stamps: [],
      writes: [],
      refusals: { otherwise: 'requests.finished' },
    },
  },
});

export type RequestMove = MoveOf<typeof requestWorkflow>;
/** What a request's page may offer its reader now. */
export type RequestOffer = OfferOf<typeof requestWorkflow>;
