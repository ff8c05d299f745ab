import { z } from 'zod';
import { call } from './define';
import { id } from './fields/schemas';
import type { Answer, Answers, QuestionnaireVersionView } from './questionnaires';
import { paperEntryInput, type OfferView } from './satisfaction';

/**
 * The paper questionnaire: an offer's form printed on A4 with its response code (and the code's QR
 * code) on every page, and typed back in from the keyboard, found by that code. With double entry on
 * for the questionnaire, a second officer types the same form without seeing the first typing, and
 * what the two typed differently is settled against the paper before it becomes the response.
 */

export const PAPER_LANGUAGES = ['ar', 'en'] as const;
export type PaperLanguage = (typeof PAPER_LANGUAGES)[number];

/** Where a paper form's typing stands. */
export const ENTRY_STAGES = ['first', 'second', 'mismatches', 'recorded'] as const;
export type EntryStage = (typeof ENTRY_STAGES)[number];

/** A code as typed from the paper: any case, dashes or not, O for 0 and I or L for 1 forgiven. */
const typedCode = z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(30, { error: 'validation.tooLong' });

export interface PaperFormPdf {
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
  code: string;
}

/** A paper form found by its code: its questions, and where its typing stands (never what was typed). */
export interface PaperFormFound {
  offer: OfferView;
  version: QuestionnaireVersionView;
  doubleEntry: boolean;
  stage: EntryStage;
  /** The officer asking typed its first entry: the second must be typed by someone else. */
  firstEnteredByYou: boolean;
}

/** What typing a form in did. */
export interface PaperEntryDone {
  offer: OfferView;
  /** `second`: kept, waiting for another officer's typing; `mismatches`: to settle; `recorded`: the response is kept. */
  stage: Exclude<EntryStage, 'first'>;
  /** How many questions the two typings differ on (the name box counted as one). */
  mismatches: number;
}

/** The name box among a form's differences: no question's key can start with @. */
export const NAME_BOX = '@named';

/** One question (or the name box) the two typings of a form differ on. */
export interface PaperMismatch {
  /** A question's key, or NAME_BOX for the box leaving the person's name. */
  key: string;
  first: Answer | null;
  second: Answer | null;
}

export interface PaperMismatches {
  offer: OfferView;
  version: QuestionnaireVersionView;
  mismatches: PaperMismatch[];
  /** What both typed alike, to record with the values settled. */
  agreed: { answers: Answers; named: boolean | null };
  entries: Array<{ enteredAt: string; enteredBy: { id: string; displayName: string } }>;
}

export const paperFormsCalls = {
  /** An offer's form as an A4 PDF, in Arabic or English: printing it is recorded. */
  'paperForms.form': call('satisfaction.collect', z.object({ offerId: id, language: z.enum(PAPER_LANGUAGES, { error: 'validation.choice' }) })).returns<PaperFormPdf>(),
  /** The form a code was printed on, and where its typing stands. */
  'paperForms.find': call('satisfaction.collect', z.object({ code: typedCode })).returns<PaperFormFound>(),
  /** A form's answers as typed from the paper: the response at once, or one of its two typings. */
  'paperForms.enter': call('satisfaction.collect', paperEntryInput.extend({ code: typedCode })).returns<PaperEntryDone>(),
  /** What the two typings of a form differ on, each value as typed: to read against the paper. */
  'paperForms.mismatches': call('satisfaction.collect', z.object({ code: typedCode })).returns<PaperMismatches>(),
  /** The form's answers as read on the paper by the officer settling its two typings: the response. */
  'paperForms.settle': call('satisfaction.collect', paperEntryInput.extend({ code: typedCode })).returns<PaperEntryDone>(),
};
