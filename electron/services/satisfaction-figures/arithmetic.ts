import { MIN_RESPONSES, type AnswerCount, type Figure, type HeadlineFigures, type NpsFigure, type QuestionFigures, type ResponseRateFigure } from '../../api/satisfaction-figures';
import type { Answer, Answers, Question } from '../../api/questionnaires';
import arQuestionnaires from '../../../locales/ar/questionnaires.json';
import enQuestionnaires from '../../../locales/en/questionnaires.json';

/**
 * The satisfaction figures' arithmetic, on answers already read: pure, so that the formulas are
 * tested on hand-made answers and the screen, the report and the bench read the same numbers.
 */

/** A percentage with one decimal (7 of 10 is 70.0). */
const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
const twoDecimals = (value: number) => Math.round(value * 100) / 100;

const tooFew = (n: number) => n < MIN_RESPONSES;

function figure(value: number | null, n: number, formula: Figure['formula']): Figure {
  return { value: tooFew(n) ? null : value, n, tooFew: tooFew(n), formula };
}

/** One response as the figures read it: its answers, and its version's overall and recommend questions. */
export interface ReadResponse {
  answers: Answers;
  /** The key of its version's 1–5 overall question, and of its 0–10 question, if it has them. */
  overallKey: string | null;
  recommendKey: string | null;
}

/** CSAT: responses scoring 4 or 5 on the overall question ÷ responses that answered it × 100. */
export function csatOf(responses: readonly ReadResponse[]): Figure {
  const scores = responses.flatMap((one) => numberAnswer(one.overallKey === null ? undefined : one.answers[one.overallKey]));
  const satisfied = scores.filter((score) => score >= 4).length;
  return figure(scores.length === 0 ? null : percent(satisfied, scores.length), scores.length, 'csat');
}

/** NPS: % answering 9–10 less % answering 0–6 on the 0–10 question, from −100 to +100. */
export function npsOf(responses: readonly ReadResponse[]): NpsFigure {
  const scores = responses.flatMap((one) => numberAnswer(one.recommendKey === null ? undefined : one.answers[one.recommendKey]));
  const promoters = scores.filter((score) => score >= 9).length;
  const detractors = scores.filter((score) => score <= 6).length;
  const passives = scores.length - promoters - detractors;
  const value = scores.length === 0 ? null : Math.round(((promoters - detractors) / scores.length) * 1000) / 10;
  return { ...figure(value, scores.length, 'nps'), promoters, passives, detractors };
}

/** The response rate: of the offers made in the period, the share answered by its last day. */
export function responseRateOf(offered: number, answered: number): ResponseRateFigure {
  return { ...figure(offered === 0 ? null : percent(answered, offered), offered, 'responseRate'), offered, answered };
}

export function headlineOf(responses: readonly ReadResponse[], offered: number, answered: number): HeadlineFigures {
  return { responses: responses.length, csat: csatOf(responses), nps: npsOf(responses), responseRate: responseRateOf(offered, answered) };
}

const numberAnswer = (answer: Answer | undefined): number[] => (typeof answer === 'number' && Number.isFinite(answer) ? [answer] : []);

const SCALE = ['1', '2', '3', '4', '5'] as const;

/** Every answer a question can be given, in the order it is printed, with its labels. */
function possibleAnswers(question: Question): Array<Omit<AnswerCount, 'count'>> {
  switch (question.kind) {
    case 'satisfaction':
      return SCALE.map((key) => ({ key, labelAr: `${key} — ${arQuestionnaires.scale[key]}`, labelEn: `${key} — ${enQuestionnaires.scale[key]}` }));
    case 'recommend':
      return Array.from({ length: 11 }, (_, score) => ({ key: String(score), labelAr: String(score), labelEn: String(score) }));
    case 'yes_no':
      return [
        { key: 'yes', labelAr: arQuestionnaires.yesNo.yes, labelEn: enQuestionnaires.yesNo.yes },
        { key: 'no', labelAr: arQuestionnaires.yesNo.no, labelEn: enQuestionnaires.yesNo.no },
      ];
    case 'one_of':
    case 'many_of':
      return question.options.map((option) => ({ key: option.key, labelAr: option.labelAr, labelEn: option.labelEn }));
    default:
      return [];
  }
}

/** The keys an answer counts under in the distribution: a many_of answer under each option ticked. */
function answerKeys(question: Question, answer: Answer): string[] {
  if (question.kind === 'yes_no') return typeof answer === 'boolean' ? [answer ? 'yes' : 'no'] : [];
  if (question.kind === 'many_of') return Array.isArray(answer) ? answer : [];
  if (question.kind === 'one_of') return typeof answer === 'string' ? [answer] : [];
  return typeof answer === 'number' ? [String(answer)] : [];
}

/**
 * One question's figures over the responses that answered it: the average of a scale, recommend or
 * number question (with a number's smallest and largest), and how many gave each possible answer.
 * Withheld under MIN_RESPONSES. `question` is its wording in the newest version that asked it.
 */
export function questionFigures(question: Question, versions: number[], answers: readonly Answer[]): QuestionFigures {
  const n = answers.length;
  const base = { key: question.key, kind: question.kind, textAr: question.textAr, textEn: question.textEn, versions, n, tooFew: tooFew(n) };
  if (tooFew(n) || question.kind === 'text') return { ...base, average: null, min: null, max: null, distribution: [] };
  const numbers = answers.flatMap(numberAnswer);
  const averaged = question.kind === 'satisfaction' || question.kind === 'recommend' || question.kind === 'number';
  const average = averaged && numbers.length > 0 ? twoDecimals(numbers.reduce((sum, value) => sum + value, 0) / numbers.length) : null;
  const isNumber = question.kind === 'number' && numbers.length > 0;
  const counts = new Map<string, number>();
  for (const answer of answers) for (const key of answerKeys(question, answer)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return {
    ...base,
    average,
    min: isNumber ? Math.min(...numbers) : null,
    max: isNumber ? Math.max(...numbers) : null,
    distribution: possibleAnswers(question).map((possible) => ({ ...possible, count: counts.get(possible.key) ?? 0 })),
  };
}

/** A free-text answer worth listing: written, not blank. */
export function commentOf(answer: Answer | undefined): string | null {
  return typeof answer === 'string' && answer.trim() !== '' ? answer.trim() : null;
}
