import { z } from 'zod';
import { CHANNELS } from '../contacts';
import { id, optionalPhone, orNull, requiredText } from '../fields/schemas';
import { defineWorkflow } from './engine';

/**
 * An inquiry's life (استفسار): pending in the queue until it is answered, or answered on the spot
 * when it is asked. Its stage is the inquiry's status.
 */

export const INQUIRY_STATUSES = ['pending', 'answered'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** Answers are often an article of the library pasted whole: longer than a contact's summary. */
export const ANSWER_MAX = 20_000;

export const answerInput = z.object({
  id,
  answer: requiredText(ANSWER_MAX),
  articleId: orNull(id),
  /** How the answer reached the person, when it was not on the spot: logged as an outgoing contact. */
  channel: z.enum(CHANNELS, { error: 'validation.choice' }).nullish(),
  /** Phone: the number called; the number the question came from when not given. */
  phoneNumber: optionalPhone,
});
export type AnswerInquiryInput = z.input<typeof answerInput>;

export const inquiryWorkflow = defineWorkflow<InquiryStatus>()({
  name: 'inquiries',
  stages: INQUIRY_STATUSES,
  initial: 'pending',
  groups: {
    /** Waiting in the queue for its answer (the partial indexes inquiries_pending and inquiries_pending_by_owner). */
    open: ['pending'],
    final: ['answered'],
    // An inquiry has no due date: it is answered "without delay", which the report measures as minutes to answer.
    dueRunning: [],
  },
  path: INQUIRY_STATUSES,
  detour: [],
  exits: [],
  finished: 'inquiries.alreadyAnswered',
  sideSteps: {},
  moves: {
    /**
     * The answer given later. When it reached the person through a channel (a call back, a message),
     * that is an outgoing contact of its own, linked to the inquiry. An inquiry keeps no events: the
     * answer is recorded in its own row and in the audit entry, under this action.
     */
    answer: {
      from: ['pending'],
      to: 'answered',
      permission: 'contacts.log',
      input: answerInput,
      action: 'inquiry.answered',
      stamps: ['answer', 'answered_at', 'answered_by', 'answer_contact_id', 'article_id'],
      writes: ['contact'],
      refusals: { otherwise: 'inquiries.alreadyAnswered' },
    },
  },
});
