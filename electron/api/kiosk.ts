import { z } from 'zod';
import { call } from './define';
import { givenAnswers, type QuestionnaireContent } from './questionnaires';

/**
 * The calls the kiosk screen makes while a beneficiary answers: the only ones the desk answers in
 * kiosk (services/session/authorize.ts). They take no ids: the offer is the one the session was handed
 * to, so the screen can neither name another case nor learn which case it is.
 */

/** What the person sees: the association's name and the questions, nothing of the case or of them. */
export interface KioskForm {
  associationName: string;
  content: QuestionnaireContent;
  /** Answered already: the screen thanks the person until the officer takes it back. */
  answered: boolean;
}

export const kioskCalls = {
  'kiosk.form': call('satisfaction.collect', z.object({})).returns<KioskForm>(),
  /** The person's answers, kept as taken on the screen; their name only when they ticked to leave it. */
  'kiosk.submit': call(
    'satisfaction.collect',
    z.object({ answers: givenAnswers, named: z.boolean({ error: 'validation.choice' }).default(false) }),
  ).returns<{ answered: true }>(),
};
