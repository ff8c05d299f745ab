import { toLatinDigits } from '../../../electron/api/fields/digits';
import type { Answer, Answers, Question } from '../../../electron/api/questionnaires';

/**
 * Answers as a typist keys them in from a paper form, every one as digits read beside the ticked
 * boxes: 1–5, 0–10, 1 yes and 2 no, an option's number, several numbers for several ticks, a number,
 * and free text as written. Arabic-Indic digits are read as their Latin twins; an empty field is a
 * question left unanswered. The same shapes go back the other way to show what was typed.
 */

// A question left blank on the paper is typed as blank, required or not: what is on the paper is the response.
export type TypedProblem = 'invalid' | 'outOfRange' | 'choice';

/** A typed value in the shape the call takes, or what is wrong with it. */
export type ReadAnswer = { answer: Answer | undefined } | { problem: TypedProblem };

const wholeNumber = (typed: string): number | null => (/^-?\d{1,9}$/.test(typed) ? Number(typed) : null);

/** The option numbers of a many_of as typed: "1,3", "1 3", "١،٣", "13" for options under ten. */
function optionNumbers(typed: string, options: number): number[] | null {
  const parts = typed.split(/[\s,،;؛+/-]+/u).filter((part) => part !== '');
  const numbers = parts.length === 1 && options < 10 && /^\d{2,}$/.test(parts[0]!) ? [...parts[0]!].map(Number) : parts.map((part) => wholeNumber(part));
  return numbers.some((number) => number === null) ? null : (numbers as number[]);
}

export function readTyped(question: Question, raw: string): ReadAnswer {
  const typed = question.kind === 'text' ? raw.trim() : toLatinDigits(raw).trim();
  if (typed === '') return { answer: undefined };
  switch (question.kind) {
    case 'satisfaction':
    case 'recommend': {
      const value = wholeNumber(typed);
      const [low, high] = question.kind === 'satisfaction' ? [1, 5] : [0, 10];
      if (value === null) return { problem: 'invalid' };
      return value < low || value > high ? { problem: 'outOfRange' } : { answer: value };
    }
    case 'number': {
      const value = wholeNumber(typed);
      if (value === null) return { problem: 'invalid' };
      if ((question.min !== null && value < question.min) || (question.max !== null && value > question.max)) return { problem: 'outOfRange' };
      return { answer: value };
    }
    case 'yes_no':
      return typed === '1' ? { answer: true } : typed === '2' ? { answer: false } : { problem: 'choice' };
    case 'one_of': {
      const option = question.options[(wholeNumber(typed) ?? 0) - 1];
      return option === undefined ? { problem: 'choice' } : { answer: option.key };
    }
    case 'many_of': {
      const numbers = optionNumbers(typed, question.options.length);
      if (numbers === null || numbers.some((number) => question.options[number - 1] === undefined)) return { problem: 'choice' };
      // In the questionnaire's order, each once, as the service keeps them.
      return { answer: question.options.filter((_, index) => numbers.includes(index + 1)).map((option) => option.key) };
    }
    case 'text':
      return { answer: typed };
  }
}

/** What the typist would key in for an answer kept (the reverse of readTyped). */
export function typedOf(question: Question, answer: Answer | null | undefined): string {
  if (answer === null || answer === undefined) return '';
  switch (question.kind) {
    case 'yes_no':
      return answer === true ? '1' : '2';
    case 'one_of':
      return String(question.options.findIndex((option) => option.key === answer) + 1);
    case 'many_of':
      return Array.isArray(answer) ? answer.map((key) => question.options.findIndex((option) => option.key === key) + 1).join(', ') : '';
    default:
      return String(answer);
  }
}

/** Every typed field read: the answers to send, or the problem of each field that is wrong. */
export function readForm(questions: readonly Question[], typed: Record<string, string>): { answers: Answers; problems: Record<string, TypedProblem> } {
  const answers: Answers = {};
  const problems: Record<string, TypedProblem> = {};
  for (const question of questions) {
    const read = readTyped(question, typed[question.key] ?? '');
    if ('problem' in read) problems[question.key] = read.problem;
    else if (read.answer !== undefined) answers[question.key] = read.answer;
  }
  return { answers, problems };
}

/** The "leave my name" box as typed: 1 ticked; empty (or 0, 2) not. */
export const readNamed = (typed: string): boolean => toLatinDigits(typed).trim() === '1';
