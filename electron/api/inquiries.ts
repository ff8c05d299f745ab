import { z } from 'zod';
import { contactInput, type Channel, type ContactView, type LogContactInput } from './contacts';
import { call } from './define';
import { id, orNull, optionalText, requiredText } from './fields/schemas';
import { moveCalls } from './workflow/engine';
import { ANSWER_MAX, inquiryWorkflow, type InquiryStatus } from './workflow/inquiries';

export { answerInput, INQUIRY_STATUSES, inquiryWorkflow, type AnswerInquiryInput, type InquiryStatus } from './workflow/inquiries';

// ---------------------------------------------------------------------------
// The reference library
// ---------------------------------------------------------------------------

/** What the library holds: the association's bylaws, its programs, its services, and standard answers. */
export const ARTICLE_CATEGORIES = ['bylaws', 'programs', 'services', 'answers'] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];

export interface ArticleView {
  id: string;
  category: ArticleCategory;
  title: string;
  body: string;
  active: boolean;
  updatedAt: string;
  updatedBy: { id: string; displayName: string };
  /** One of the starter articles Wasl ships (the policy first), not changed since. */
  asShipped: boolean;
}

/** One article found by the library search: its title and a few words around the first match. */
export interface ArticleHit {
  id: string;
  category: ArticleCategory;
  title: string;
  excerpt: string;
  active: boolean;
  /** Every word searched for is in the title (these come first). */
  matchedInTitle: boolean;
}

export interface LibraryResults {
  hits: ArticleHit[];
  /** More articles matched than were answered: the officer should type more. */
  more: boolean;
}

export const articleInput = z.object({
  /** The article to change; a new article when not given. */
  id: orNull(id),
  category: z.enum(ARTICLE_CATEGORIES, { error: 'validation.choice' }),
  title: requiredText(200),
  body: requiredText(20_000),
  active: z.boolean({ error: 'validation.invalid' }).default(true),
});
export type ArticleInput = z.input<typeof articleInput>;

export const libraryCalls = {
  /** Every word typed must match (in any Arabic spelling); articles matching in the title first. */
  'library.search': call(
    'contacts.log',
    z.object({
      query: z.string({ error: 'validation.text' }).max(200, { error: 'validation.tooLong' }).optional(),
      category: z.enum(ARTICLE_CATEGORIES, { error: 'validation.choice' }).optional(),
      /**
       * Any word rather than every word, the articles matching the most words first: for suggestions
       * from a question as the officer types it, most of whose words are not in any article.
       */
      anyWord: z.boolean().default(false),
      /** Withdrawn articles too (the administrator's view); the officer answers from active ones only. */
      includeInactive: z.boolean().default(false),
      limit: z.number().int().min(1).max(100).default(20),
    }),
  ).returns<LibraryResults>(),
  'library.get': call('contacts.log', z.object({ id })).returns<ArticleView>(),
  'library.save': call('catalog.manage', articleInput).returns<ArticleView>(),
};

// ---------------------------------------------------------------------------
// Inquiries
// ---------------------------------------------------------------------------

/** The contact that carried an inquiry: any purpose sent is replaced, since an inquiry's contact is an inquiry. */
type InquiryContactInput = Omit<LogContactInput, 'purpose'> & { purpose?: LogContactInput['purpose'] };

const inquiryContact = z.preprocess<InquiryContactInput, typeof contactInput, InquiryContactInput>(
  (contact) => (typeof contact === 'object' && contact !== null ? { ...contact, purpose: 'inquiry' } : contact),
  contactInput,
);

export const askInput = z
  .object({
    contact: inquiryContact,
    /** Given when the inquiry was answered on the spot; otherwise it waits in the queue. */
    answer: optionalText(ANSWER_MAX),
    /** The library article the answer came from. */
    articleId: orNull(id),
  })
  .superRefine((input, context) => {
    if (input.articleId !== null && input.answer === null) {
      context.addIssue({ code: 'custom', path: ['answer'], message: 'validation.inquiries.answerWithArticle' });
    }
  });
export type AskInquiryInput = z.input<typeof askInput>;

/** Who asked: the registered person, or the name and phone given before registration. */
export interface InquiryPerson {
  beneficiaryId: string | null;
  name: string | null;
  fileNumber: string | null;
  phone: string | null;
}

export interface InquirySummary {
  id: string;
  contactId: string;
  status: InquiryStatus;
  question: string;
  /** The channel the question came through. */
  channel: Channel;
  askedAt: string;
  /** Whole minutes since it was asked, at the time of the call. */
  ageMinutes: number;
  person: InquiryPerson;
  owner: { id: string; displayName: string };
  answeredAt: string | null;
  /** Whole minutes from the question to the answer: what the policy's "without delay" measures. */
  minutesToAnswer: number | null;
}

export interface InquiryView extends InquirySummary {
  answer: string | null;
  answeredBy: { id: string; displayName: string } | null;
  /** The outgoing contact that carried the answer, when it was not given on the spot. */
  answerContactId: string | null;
  article: { id: string; title: string } | null;
}

/** An inquiry just asked, with the contact logged for it (as `contacts.log` answers it). */
export interface AskedInquiry {
  inquiry: InquiryView;
  contact: ContactView;
}

export interface PendingInquiries {
  inquiries: InquirySummary[];
  /** All pending inquiries in the queue asked for (mine or everyone's), beyond this page too. */
  total: number;
}

export const inquiriesCalls = {
  ...libraryCalls,
  /** Logs the contact and the inquiry together; answered on the spot when an answer is given. */
  'inquiries.ask': call('contacts.log', askInput).returns<AskedInquiry>(),
  /** Answering a pending inquiry: the inquiry workflow's one move (workflow/inquiries.ts). */
  ...moveCalls(inquiryWorkflow).returns<InquiryView>(),
  /** The queue of inquiries awaiting an answer, oldest first. */
  'inquiries.pending': call(
    'contacts.log',
    z.object({
      mine: z.boolean().default(false),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(100_000).default(0),
    }),
  ).returns<PendingInquiries>(),
  /** Inquiries asked in the last days and answered, the latest answer first, with their time to answer. */
  'inquiries.answered': call(
    'contacts.log',
    z.object({
      mine: z.boolean().default(false),
      limit: z.number().int().min(1).max(50).default(10),
    }),
  ).returns<InquirySummary[]>(),
  'inquiries.get': call('contacts.log', z.object({ id })).returns<InquiryView>(),
};
