import { toLatinDigits } from '../../api/fields/digits';
import { text } from '../../api/fields/schemas';
import { MAX_TEXT_ANSWER, type Answer, type Answers, type Question } from '../../api/questionnaires';
import { AppError } from '../errors';

/**
 * A response's answers checked against the questions of the version it answers, however they were
 * taken (the kiosk screen, a paper form typed in, the phone): what is kept is one shape per kind, so
 * that the figures read every response alike. A number may come as typed, in Arabic-Indic digits too.
 */

interface FieldProblem {
  path: string;
  messageKey: string;
}

/** A whole number as given or typed (٤ as 4); null when it is not one. */
function wholeNumber(given: unknown): number | null {
  if (typeof given === 'number') return Number.isInteger(given) ? given : null;
  if (typeof given !== 'string') return null;
  const typed = toLatinDigits(given).trim();
  return /^-?\d{1,9}$/.test(typed) ? Number(typed) : null;
}

/** A free-text answer is free text as every form takes it: bidi controls removed, damaged characters refused. */
const textAnswer = text(MAX_TEXT_ANSWER);

/** One answer in its kept shape, or the message that says what is wrong with it. */
function checkAnswer(question: Question, given: unknown): { answer: Answer } | { problem: string } {
  switch (question.kind) {
    case 'satisfaction':
    case 'recommend': {
      const value = wholeNumber(given);
      const [low, high] = question.kind === 'satisfaction' ? [1, 5] : [0, 10];
      if (value === null) return { problem: 'validation.invalid' };
      return value < low || value > high ? { problem: 'validation.outOfRange' } : { answer: value };
    }
    case 'number': {
      const value = wholeNumber(given);
      if (value === null) return { problem: 'validation.invalid' };
      if ((question.min !== null && value < question.min) || (question.max !== null && value > question.max)) return { problem: 'validation.outOfRange' };
      return { answer: value };
    }
    case 'yes_no':
      return typeof given === 'boolean' ? { answer: given } : { problem: 'validation.choice' };
    case 'one_of':
      return typeof given === 'string' && question.options.some((option) => option.key === given) ? { answer: given } : { problem: 'validation.choice' };
    case 'many_of': {
      if (!Array.isArray(given) || given.some((one) => typeof one !== 'string' || !question.options.some((option) => option.key === one))) {
        return { problem: 'validation.choice' };
      }
      // In the questionnaire's order, each once: two entries of one form compare equal however they were ticked.
      const ticked = question.options.map((option) => option.key).filter((key) => given.includes(key));
      return { answer: ticked };
    }
    case 'text': {
      const checked = textAnswer.safeParse(given);
      return checked.success ? { answer: checked.data } : { problem: checked.error.issues[0]?.message ?? 'validation.text' };
    }
  }
}

/** Whether a given value stands for "not answered": nothing, an empty field, no box ticked. */
const isUnanswered = (given: unknown): boolean =>
  given === undefined || given === null || (typeof given === 'string' && given.trim() === '') || (Array.isArray(given) && given.length === 0);

/**
 * How strictly a response is held to its questions' being required: the kiosk screen asks the person
 * again for a required answer they skipped, while a paper form or a phone call records what the person
 * gave, a question they left blank or would not answer included (what is on the paper is the response).
 */
export interface AnswerRules {
  requireAnswers: boolean;
}

/**
 * The answers as they are kept, or a validation error naming every question whose answer is wrong
 * (`answers.<key>`): a required question unanswered (where the rules ask for it), a value its kind
 * does not take, a key no question has. Nothing is kept of an answer refused.
 */
export function checkAnswers(questions: readonly Question[], given: Record<string, unknown>, rules: AnswerRules): Answers {
  const problems: FieldProblem[] = [];
  const answers: Answers = {};
  for (const key of Object.keys(given)) {
    if (!questions.some((question) => question.key === key)) problems.push({ path: `answers.${key}`, messageKey: 'satisfaction.validation.unknownQuestion' });
  }
  for (const question of questions) {
    const value = given[question.key];
    if (isUnanswered(value)) {
      if (question.required && rules.requireAnswers) problems.push({ path: `answers.${question.key}`, messageKey: 'validation.required' });
      continue;
    }
    const checked = checkAnswer(question, value);
    if ('problem' in checked) problems.push({ path: `answers.${question.key}`, messageKey: checked.problem });
    else answers[question.key] = checked.answer;
  }
  if (problems.length > 0) throw new AppError('validation', 'validation.failed', { fields: problems });
  return answers;
}

/** The questions of a version as kept (the column is written only from checked content). */
export const questionsOf = (stored: string): Question[] => JSON.parse(stored) as Question[];

/** Answers as kept. */
export const answersOf = (stored: string): Answers => JSON.parse(stored) as Answers;

/** Whether two answers to one question are the same: the order of a many_of's ticks is already the questionnaire's. */
export function sameAnswer(one: Answer | undefined, other: Answer | undefined): boolean {
  return JSON.stringify(one ?? null) === JSON.stringify(other ?? null);
}
