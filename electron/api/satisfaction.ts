import { z } from 'zod';
import { call } from './define';
import { id } from './fields/schemas';
import { givenAnswers, type Answers, type QuestionnaireVersionView } from './questionnaires';

/**
 * Beneficiary satisfaction as the desk collects it: a questionnaire offered on a case (a closed
 * request, an answered complaint, a completed program, an in-person interview) and answered on the
 * kiosk screen, on a paper form typed in, or by phone. A response names nobody unless the person
 * chose to leave their name; the figures never say who answered what.
 */

export const OCCASIONS = ['request_closed', 'complaint_answered', 'program_completed', 'interview'] as const;
export type Occasion = (typeof OCCASIONS)[number];

export const ANSWER_MODES = ['kiosk', 'paper', 'phone'] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

export const OFFER_STATUSES = ['offered', 'responded', 'declined'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * The case a questionnaire is offered on: exactly one of its ids. Each has its own field, so that the
 * complaint shield sees a complaint's or a contact's id where it looks (services/complaints/shielded-calls.ts).
 */
const caseIds = {
  requestId: id.nullable().default(null),
  complaintId: id.nullable().default(null),
  enrolmentId: id.nullable().default(null),
  contactId: id.nullable().default(null),
};
const namesOneCase = (value: { requestId: string | null; complaintId: string | null; enrolmentId: string | null; contactId: string | null }) =>
  [value.requestId, value.complaintId, value.enrolmentId, value.contactId].filter((one) => one !== null).length === 1;

export const offeredCase = z.object(caseIds).refine(namesOneCase, { error: 'satisfaction.validation.oneCase' });
export type OfferedCase = z.output<typeof offeredCase>;

export const offerInput = z
  .object({ questionnaireId: id, mode: z.enum(ANSWER_MODES, { error: 'validation.choice' }), ...caseIds })
  .refine(namesOneCase, { error: 'satisfaction.validation.oneCase' });
export type OfferInput = z.input<typeof offerInput>;

export interface OfferView {
  id: string;
  /** Printed on the paper form, typed back from it: 7KQ2-M9XD-R. */
  code: string;
  questionnaireId: string;
  versionId: string;
  version: number;
  titleAr: string;
  titleEn: string | null;
  occasion: Occasion;
  mode: AnswerMode;
  status: OfferStatus;
  offeredAt: string;
  offeredBy: { id: string; displayName: string };
  /** When it was answered, and how. */
  response: { answeredAt: string; mode: AnswerMode } | null;
}

/** Answers taken by an officer: read out by phone, or typed from a paper form. */
export const recordAnswersInput = z.object({
  offerId: id,
  answers: givenAnswers,
  /** The person chose to leave their name with their answers. */
  named: z.boolean({ error: 'validation.choice' }).default(false),
});
export type RecordAnswersInput = z.input<typeof recordAnswersInput>;

/** A paper form typed in, found by the code printed on it. */
export const paperEntryInput = z.object({
  code: z.string({ error: 'validation.required' }).max(30, { error: 'validation.tooLong' }),
  answers: givenAnswers,
  named: z.boolean({ error: 'validation.choice' }).default(false),
});
export type PaperEntryInput = z.input<typeof paperEntryInput>;

/** What a response's answers were kept as, for the officer's confirmation. */
export interface ResponseSaved {
  offer: OfferView;
  answers: Answers;
}

export const satisfactionCalls = {
  /**
   * Offers a questionnaire on a case, on the screen, on paper or by phone: one offer per case and
   * questionnaire, so that a form printed after the kiosk was refused is the same offer, counted once.
   */
  'satisfaction.offer': call('satisfaction.collect', offerInput).returns<OfferView>(),
  /** The offers made on a case, newest first. */
  'satisfaction.offersOf': call('satisfaction.collect', offeredCase).returns<OfferView[]>(),
  /** The person would rather not answer: the offer counts as made, unanswered. */
  'satisfaction.decline': call('satisfaction.collect', z.object({ offerId: id })).returns<OfferView>(),
  /** Answers read out to the person on the phone and entered by the officer, marked as taken by phone. */
  'satisfaction.recordByPhone': call('satisfaction.collect', recordAnswersInput).returns<ResponseSaved>(),
  /** The questions an offer asks, as its version has them: for the phone and paper entry screens. */
  'satisfaction.offerForm': call('satisfaction.collect', z.object({ offerId: id })).returns<{ offer: OfferView; version: QuestionnaireVersionView }>(),
};
