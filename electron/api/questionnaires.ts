import { z } from 'zod';
import { call } from './define';
import { id, optionalText, requiredText } from './fields/schemas';

/**
 * Satisfaction questionnaires as an administrator builds them: a title, an introduction and
 * questions of the usual kinds, in Arabic and English. The questions are kept per version: once a
 * version has answers, saving an edit makes the next version, and every answer keeps the version it
 * answered. A question's key stays the same from version to version while it asks the same thing, so
 * that the figures of several versions are read together question by question.
 */

export const QUESTION_KINDS = [
  /** 1 (not at all satisfied) to 5 (very satisfied), with the labels printed under each box. */
  'satisfaction',
  /** 0 to 10, how likely the person is to recommend the association: the net promoter score's question. */
  'recommend',
  'yes_no',
  'one_of',
  'many_of',
  'number',
  'text',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const QUESTIONNAIRE_STATUSES = ['draft', 'active', 'retired'] as const;
export type QuestionnaireStatus = (typeof QUESTIONNAIRE_STATUSES)[number];

/** The longest free-text answer: a comment of a page. */
export const MAX_TEXT_ANSWER = 2000;
export const MAX_QUESTIONS = 40;
export const MAX_OPTIONS = 12;

/** A key a question or an option is known by across versions: short, Latin, stable. */
const key = z
  .string({ error: 'validation.required' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'questionnaires.validation.key' });

export const questionOption = z.object({
  key,
  labelAr: requiredText(120),
  labelEn: optionalText(120),
});
export type QuestionOption = z.output<typeof questionOption>;

export const question = z
  .object({
    key,
    kind: z.enum(QUESTION_KINDS, { error: 'validation.choice' }),
    textAr: requiredText(300),
    textEn: optionalText(300),
    required: z.boolean({ error: 'validation.choice' }),
    /** The 1–5 question the satisfaction score (CSAT) is read from: one per questionnaire. */
    overall: z.boolean({ error: 'validation.choice' }).default(false),
    /** For one_of and many_of: the choices, in order. */
    options: z.array(questionOption).max(MAX_OPTIONS, { error: 'questionnaires.validation.tooManyOptions' }).default([]),
    /** For a number: the smallest and largest accepted (both optional). */
    min: z.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).nullable().default(null),
    max: z.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).nullable().default(null),
  })
  .superRefine((value, context) => {
    const choices = value.kind === 'one_of' || value.kind === 'many_of';
    if (choices && value.options.length < 2) context.addIssue({ code: 'custom', path: ['options'], message: 'questionnaires.validation.fewOptions' });
    if (!choices && value.options.length > 0) context.addIssue({ code: 'custom', path: ['options'], message: 'questionnaires.validation.noOptions' });
    if (new Set(value.options.map((option) => option.key)).size !== value.options.length) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'questionnaires.validation.sameOptionKey' });
    }
    if (value.overall && value.kind !== 'satisfaction') context.addIssue({ code: 'custom', path: ['overall'], message: 'questionnaires.validation.overallKind' });
    if (value.kind !== 'number' && (value.min !== null || value.max !== null)) context.addIssue({ code: 'custom', path: ['min'], message: 'questionnaires.validation.rangeKind' });
    if (value.min !== null && value.max !== null && value.min > value.max) context.addIssue({ code: 'custom', path: ['max'], message: 'questionnaires.validation.range' });
  });
export type Question = z.output<typeof question>;
export type QuestionInput = z.input<typeof question>;

export const questionnaireContent = z
  .object({
    titleAr: requiredText(200),
    titleEn: optionalText(200),
    introAr: requiredText(2000),
    introEn: optionalText(2000),
    questions: z
      .array(question)
      .min(1, { error: 'questionnaires.validation.noQuestions' })
      .max(MAX_QUESTIONS, { error: 'questionnaires.validation.tooManyQuestions' }),
  })
  .superRefine((value, context) => {
    if (new Set(value.questions.map((one) => one.key)).size !== value.questions.length) {
      context.addIssue({ code: 'custom', path: ['questions'], message: 'questionnaires.validation.sameQuestionKey' });
    }
    if (value.questions.filter((one) => one.overall).length > 1) context.addIssue({ code: 'custom', path: ['questions'], message: 'questionnaires.validation.oneOverall' });
    if (value.questions.filter((one) => one.kind === 'recommend').length > 1) context.addIssue({ code: 'custom', path: ['questions'], message: 'questionnaires.validation.oneRecommend' });
  });
export type QuestionnaireContent = z.output<typeof questionnaireContent>;

export const saveQuestionnaireInput = z.object({
  /** Absent for a new questionnaire. */
  id: id.nullable().default(null),
  content: questionnaireContent,
  doubleEntry: z.boolean({ error: 'validation.choice' }),
});
export type SaveQuestionnaireInput = z.input<typeof saveQuestionnaireInput>;

/**
 * An answer, by the question's kind: satisfaction 1–5, recommend 0–10, yes_no a boolean, one_of an
 * option's key, many_of option keys, number a number, text a text. A question left unanswered is
 * absent from the answers (never null in what is kept).
 */
export type Answer = number | boolean | string | string[];
export type Answers = Record<string, Answer>;
/** Answers as a form sends them: anything, checked against the version's questions by the service. */
export const givenAnswers = z.record(z.string().max(40), z.unknown(), { error: 'validation.invalid' });

export interface QuestionnaireVersionView {
  id: string;
  questionnaireId: string;
  version: number;
  content: QuestionnaireContent;
  createdAt: string;
  /** How many responses answered this version. */
  responses: number;
}

export interface QuestionnaireSummary {
  id: string;
  titleAr: string;
  titleEn: string | null;
  status: QuestionnaireStatus;
  /** Shipped with Wasl (the satisfaction questionnaire), as an administrator may have edited it since. */
  shipped: boolean;
  doubleEntry: boolean;
  currentVersion: number;
  responses: number;
  updatedAt: string;
}

export interface QuestionnaireView extends QuestionnaireSummary {
  /** The version new offers use. */
  current: QuestionnaireVersionView;
  /** Every version, newest first (without their questions). */
  versions: Array<{ id: string; version: number; createdAt: string; responses: number }>;
  /**
   * The current version has been offered (answered, or a form of it is out): a change to the
   * questions is saved as the next version, and what was answered keeps this one.
   */
  editMakesNewVersion: boolean;
  /**
   * Every question key any version has used, with the option keys used under it: a new question or
   * option takes a key none of them had, so that no figure reads two different questions as one.
   */
  usedKeys: Record<string, string[]>;
}

export const questionnairesCalls = {
  /** Every questionnaire, active first. Officers see the active ones, to offer. */
  'questionnaires.list': call('satisfaction.collect', z.object({ includeRetired: z.boolean().default(false) })).returns<QuestionnaireSummary[]>(),
  'questionnaires.get': call('satisfaction.collect', z.object({ id })).returns<QuestionnaireView>(),
  /** One version, with its questions, as its answers were given to it. */
  'questionnaires.version': call('satisfaction.collect', z.object({ id })).returns<QuestionnaireVersionView>(),
  /**
   * Creates a questionnaire (a draft), or saves its wording and questions: in place while its current
   * version has no answers, as the next version from its first answer.
   */
  'questionnaires.save': call('questionnaires.manage', saveQuestionnaireInput).returns<QuestionnaireView>(),
  /** Puts a questionnaire in use (offered), or retires it (kept with its answers, no longer offered). */
  'questionnaires.setStatus': call(
    'questionnaires.manage',
    z.object({ id, status: z.enum(['active', 'retired'], { error: 'validation.choice' }) }),
  ).returns<QuestionnaireView>(),
};
