import { z } from 'zod';
import { CHANNELS, contactInput } from '../contacts';
import { id, optionalText, requiredText } from '../fields/schemas';
import { defineWorkflow, type MoveOf, type OfferOf } from './engine';

/**
 * The life of a complaint (شكوى), a note (ملاحظة) or a suggestion (مقترح), strictly in order:
 * received → acknowledged → investigating → resolved → answered → closed.
 */

export const COMPLAINT_STAGES = ['received', 'acknowledged', 'investigating', 'resolved', 'answered', 'closed'] as const;
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

// The groups' building blocks, kept to this file: the rest of Wasl reads them as `complaintWorkflow.groups`.
/** Until the person has their answer, the service-time target is running. */
const BEFORE_ANSWER = ['received', 'acknowledged', 'investigating', 'resolved'] as const satisfies readonly ComplaintStage[];
/** Not closed yet. */
const OPEN_COMPLAINT_STAGES = [...BEFORE_ANSWER, 'answered'] as const satisfies readonly ComplaintStage[];

/** How a suggestion ends: the register the policy asks for. */
export const SUGGESTION_DECISIONS = ['adopted', 'declined', 'under_study'] as const;
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];

/** The answer's channel details are a contact's: the same fields, the same checks. */
const contactFields = contactInput.shape;

export const noteStepInput = z.object({ id, note: optionalText(2000) });

export const resolveComplaintInput = z.object({
  id,
  resolution: requiredText(4000),
  /** A suggestion only: what the association decided, and the improvement made when adopted. */
  decision: z.enum(SUGGESTION_DECISIONS, { error: 'validation.choice' }).nullish(),
  improvement: optionalText(2000),
});

export const answerComplaintInput = z
  .object({
    id,
    channel: z.enum(CHANNELS, { error: 'validation.choice' }),
    /** What the person was told: the summary of the contact that told them. */
    summary: requiredText(2000),
    occurredAt: contactFields.occurredAt,
    phoneNumber: contactFields.phoneNumber,
    platform: contactFields.platform,
    handle: contactFields.handle,
    webReference: contactFields.webReference,
  })
  .superRefine((input, context) => {
    if (input.channel === 'social_media' && !input.platform) {
      context.addIssue({ code: 'custom', path: ['platform'], message: 'validation.required' });
    }
  });
export type AnswerComplaintInput = z.input<typeof answerComplaintInput>;

/*
 * A step is refused when it was done already (or a later one was), and otherwise names the step that
 * has to come first: written out per move so that the message files can be checked against them.
 */
export const complaintWorkflow = defineWorkflow<ComplaintStage>()({
  name: 'complaints',
  stages: COMPLAINT_STAGES,
  initial: 'received',
  groups: {
    open: OPEN_COMPLAINT_STAGES,
    final: ['closed'],
    dueRunning: BEFORE_ANSWER,
    /** Waiting for the answer to the person: the queue of complaints to answer. */
    toAnswer: BEFORE_ANSWER,
  },
  path: COMPLAINT_STAGES,
  detour: [],
  exits: [],
  finished: 'complaints.alreadyClosed',
  sideSteps: {
    /** A suggestion left under study is decided later, even after its answer (the service checks the kind). */
    decide: {
      from: ['resolved', 'answered', 'closed'],
      permission: 'suggestions.decide',
      // Before it is resolved, the refusal names the step that comes first, as answering's does.
      refusals: { at: { received: 'complaints.acknowledgeFirst', acknowledged: 'complaints.investigateFirst' }, otherwise: 'complaints.resolveFirst' },
    },
    /** Giving it to another officer; never to the staff member it is about. */
    reassign: { from: OPEN_COMPLAINT_STAGES, permission: 'casework.assign' },
  },
  moves: {
    acknowledge: {
      from: ['received'],
      to: 'acknowledged',
      permission: 'complaints.handle',
      input: noteStepInput,
      action: 'acknowledged',
      stamps: [],
      writes: [],
      refusals: { otherwise: 'complaints.alreadyDone' },
    },
    investigate: {
      from: ['acknowledged'],
      to: 'investigating',
      permission: 'complaints.handle',
      input: noteStepInput,
      action: 'investigating',
      stamps: [],
      writes: [],
      refusals: { at: { received: 'complaints.acknowledgeFirst' }, otherwise: 'complaints.alreadyDone' },
    },
    /** A suggestion is resolved with the association's decision, and the improvement when adopted. */
    resolve: {
      from: ['investigating'],
      to: 'resolved',
      permission: 'complaints.handle',
      input: resolveComplaintInput,
      action: 'resolved',
      stamps: ['resolution', 'decision', 'improvement', 'decided_at'],
      writes: [],
      refusals: {
        at: { received: 'complaints.acknowledgeFirst', acknowledged: 'complaints.investigateFirst' },
        otherwise: 'complaints.alreadyDone',
      },
    },
    /** The answer to the person is a logged contact through an approved channel. */
    answer: {
      from: ['resolved'],
      to: 'answered',
      permission: 'complaints.handle',
      input: answerComplaintInput,
      action: 'answered',
      stamps: ['answered_at', 'answer_contact_id'],
      writes: ['contact'],
      refusals: {
        at: { received: 'complaints.acknowledgeFirst', acknowledged: 'complaints.investigateFirst', investigating: 'complaints.resolveFirst' },
        otherwise: 'complaints.alreadyDone',
      },
    },
    close: {
      from: ['answered'],
      to: 'closed',
      permission: 'complaints.handle',
      input: noteStepInput,
      action: 'closed',
      stamps: ['closed_at'],
      writes: [],
      refusals: {
        at: {
          received: 'complaints.acknowledgeFirst',
          acknowledged: 'complaints.investigateFirst',
          investigating: 'complaints.resolveFirst',
          resolved: 'complaints.answerFirst',
        },
        otherwise: 'complaints.alreadyDone',
      },
    },
  },
});

export type ComplaintMove = MoveOf<typeof complaintWorkflow>;
/** What a complaint's page may offer its reader now. */
export type ComplaintOffer = OfferOf<typeof complaintWorkflow>;
