import { z } from 'zod';
import { id, isoDate, optionalText, text } from '../fields/schemas';
import { defineWorkflow, type MoveOf, type OfferOf } from './engine';

/**
 * A person's enrolment in a program (التسجيل في برنامج): applied → (interview scheduled →
 * interviewed) → accepted, waitlisted or declined → active → completed, or withdrawn, or dismissed.
 * The interview is taken only where the program has one; the waitlist only when the program is full.
 */

export const ENROLMENT_STAGES = [
  'applied',
  'interview_scheduled',
  'interviewed',
  'accepted',
  'waitlisted',
  'declined',
  'active',
  'completed',
  'withdrawn',
  'dismissed',
] as const;
export type EnrolmentStage = (typeof ENROLMENT_STAGES)[number];

// The groups' building blocks, kept to this file: the rest of Wasl reads them as `enrolmentWorkflow.groups`.
/** Applied and not yet decided on. */
const UNDECIDED_STAGES = ['applied', 'interview_scheduled', 'interviewed'] as const satisfies readonly EnrolmentStage[];
/** Holding one of the program's places: capacity counts these. */
const HOLDING_PLACE = ['accepted', 'active', 'completed'] as const satisfies readonly EnrolmentStage[];
/** Not finished: the person may still withdraw. */
const OPEN_STAGES = [...UNDECIDED_STAGES, 'accepted', 'waitlisted', 'active'] as const satisfies readonly EnrolmentStage[];
const FINAL_STAGES = ['declined', 'completed', 'withdrawn', 'dismissed'] as const satisfies readonly EnrolmentStage[];

export const INTERVIEW_RESULTS = ['passed', 'not_passed'] as const;
export type InterviewResult = (typeof INTERVIEW_RESULTS)[number];

const note = optionalText(2000);
/** A decline or a dismissal without its reason is refused with a message that asks for it. */
const reason = text(2000).min(1, { error: 'validation.enrolments.reasonRequired' });

export const enrolmentStepInput = z.object({ id, note });

export const scheduleInterviewInput = z.object({
  id,
  interviewOn: isoDate,
  interviewerId: id,
  note,
});
export type ScheduleInterviewInput = z.input<typeof scheduleInterviewInput>;

export const recordInterviewInput = z.object({
  id,
  result: z.enum(INTERVIEW_RESULTS, { error: 'validation.enrolments.resultRequired' }),
  notes: optionalText(4000),
});
export type RecordInterviewInput = z.input<typeof recordInterviewInput>;

export const reasonInput = z.object({ id, reason });

export const completeInput = z.object({
  id,
  note,
  /** The attendance rule is not met and a supervisor completes the enrolment all the same: why. */
  overrideReason: optionalText(2000),
});
export type CompleteInput = z.input<typeof completeInput>;

export const enrolmentWorkflow = defineWorkflow<EnrolmentStage>()({
  name: 'enrolments',
  stages: ENROLMENT_STAGES,
  initial: 'applied',
  groups: {
    open: OPEN_STAGES,
    final: FINAL_STAGES,
    // An enrolment has no due date: the program's own dates pace it.
    dueRunning: [],
    undecided: UNDECIDED_STAGES,
    holdingPlace: HOLDING_PLACE,
    /** A place taken from here frees it for the first on the waitlist. */
    freesPlace: ['accepted', 'active'],
  },
  path: ['applied', 'interview_scheduled', 'interviewed', 'waitlisted', 'accepted', 'active', 'completed'],
  detour: ['interview_scheduled', 'interviewed', 'waitlisted'],
  exits: ['declined', 'withdrawn', 'dismissed'],
  finished: 'enrolments.finished',
  sideSteps: {
    /** Moving someone on the waitlist: a supervisor's, with a reason, counted by the fairness figures. */
    reorder: { from: ['waitlisted'], permission: 'enrolments.supervise', refusals: { otherwise: 'enrolments.notWaitlisted' } },
  },
  moves: {
    scheduleInterview: {
      from: ['applied'],
      to: 'interview_scheduled',
      permission: 'enrolments.handle',
      input: scheduleInterviewInput,
      action: 'interview_scheduled',
      stamps: ['interview_on', 'interviewer_id'],
      writes: [],
      refusals: { at: { interview_scheduled: 'enrolments.interviewAlreadyScheduled', interviewed: 'enrolments.alreadyInterviewed' }, otherwise: 'enrolments.alreadyDecided' },
    },
    recordInterview: {
      from: ['interview_scheduled'],
      to: 'interviewed',
      permission: 'enrolments.handle',
      input: recordInterviewInput,
      action: 'interviewed',
      stamps: ['interview_result', 'interview_notes'],
      writes: [],
      refusals: { at: { applied: 'enrolments.scheduleInterviewFirst', interviewed: 'enrolments.alreadyInterviewed' }, otherwise: 'enrolments.alreadyDecided' },
    },
    /** Only within the program's capacity; from the waitlist, only the holder of the place offered. */
    accept: {
      from: ['applied', 'interviewed', 'waitlisted'],
      to: 'accepted',
      permission: 'enrolments.handle',
      input: enrolmentStepInput,
      action: 'accepted',
      stamps: ['waitlist_order', 'offer_expires_on'],
      writes: [],
      refusals: { at: { interview_scheduled: 'enrolments.interviewFirst', active: 'enrolments.alreadyAccepted' }, otherwise: 'enrolments.alreadyDecided' },
    },
    /** Only when the program is full: the waitlist keeps the order of application. */
    waitlist: {
      from: ['applied', 'interviewed'],
      to: 'waitlisted',
      permission: 'enrolments.handle',
      input: enrolmentStepInput,
      action: 'waitlisted',
      stamps: ['waitlist_order'],
      writes: [],
      refusals: { at: { interview_scheduled: 'enrolments.interviewFirst', waitlisted: 'enrolments.alreadyWaitlisted' }, otherwise: 'enrolments.alreadyDecided' },
    },
    /** The person starts attending. */
    start: {
      from: ['accepted'],
      to: 'active',
      permission: 'enrolments.handle',
      input: enrolmentStepInput,
      action: 'activated',
      stamps: [],
      writes: [],
      refusals: { otherwise: 'enrolments.acceptFirst' },
    },
    /** Only when the program's attendance rule is met, or by a supervisor with the reason why not. */
    complete: {
      from: ['active'],
      to: 'completed',
      permission: 'enrolments.handle',
      input: completeInput,
      action: 'completed',
      stamps: [],
      writes: [],
      refusals: { otherwise: 'enrolments.startFirst' },
    },
    // After the forward moves, so that a screen offers going on first.
    decline: {
      from: ['applied', 'interview_scheduled', 'interviewed', 'waitlisted', 'accepted'],
      to: 'declined',
      permission: 'enrolments.handle',
      input: reasonInput,
      action: 'declined',
      stamps: ['decision_reason', 'waitlist_order', 'offer_expires_on'],
      writes: [],
      refusals: { otherwise: 'enrolments.withdrawOrDismiss' },
    },
    /** The person no longer wants it: from any open stage. */
    withdraw: {
      from: OPEN_STAGES,
      to: 'withdrawn',
      permission: 'enrolments.handle',
      input: z.object({ id, reason: optionalText(2000) }),
      action: 'withdrawn',
      stamps: ['decision_reason', 'waitlist_order', 'offer_expires_on'],
      writes: [],
      refusals: { otherwise: 'enrolments.finished' },
    },
    /** The policy's discipline: a supervisor's decision, always with its reason. */
    dismiss: {
      from: ['accepted', 'active'],
      to: 'dismissed',
      permission: 'enrolments.supervise',
      input: reasonInput,
      action: 'dismissed',
      stamps: ['decision_reason'],
      writes: [],
      refusals: { otherwise: 'enrolments.dismissOnlyEnrolled' },
    },
  },
});

export type EnrolmentMove = MoveOf<typeof enrolmentWorkflow>;
/** What an enrolment may offer its reader now. */
export type EnrolmentOffer = OfferOf<typeof enrolmentWorkflow>;
