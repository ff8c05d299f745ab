import type { QuestionInput, QuestionKind, QuestionnaireView, SaveQuestionnaireInput } from '../../../electron/api/questionnaires';
import { toLatinDigits } from '../../../electron/api/fields/digits';

/**
 * The builder's form, and the questionnaire it saves. A question's key is never typed: a question
 * the form was opened with keeps its own (the figures read it across versions), one added takes a
 * key no version of the questionnaire has used, and so does one whose kind was changed, since it no
 * longer asks the same thing. Options keep theirs the same way.
 */

export interface OptionValues {
  /** The form's own name for the row (React's key, where focus returns after a move). */
  uid: string;
  /** The key it was opened with; null for an option added here. */
  key: string | null;
  labelAr: string;
  labelEn: string;
}

export interface QuestionValues {
  uid: string;
  key: string | null;
  /** The kind it was opened with: changed, the question is a new one and takes a new key. */
  openedKind: QuestionKind | null;
  kind: QuestionKind;
  textAr: string;
  textEn: string;
  required: boolean;
  overall: boolean;
  options: OptionValues[];
  /** As typed, Arabic-Indic digits too. */
  min: string;
  max: string;
}

export interface EditorValues {
  titleAr: string;
  titleEn: string;
  introAr: string;
  introEn: string;
  doubleEntry: boolean;
  questions: QuestionValues[];
}

export const CHOICE_KINDS: readonly QuestionKind[] = ['one_of', 'many_of'];
export const isChoice = (kind: QuestionKind): boolean => CHOICE_KINDS.includes(kind);

let lastUid = 0;
const nextUid = (): string => `row-${++lastUid}`;

export function newOption(): OptionValues {
  return { uid: nextUid(), key: null, labelAr: '', labelEn: '' };
}

/**
 * A question added after `previous`: of the same kind, since questions come in runs (several 1–5
 * statements, then a comment), except the kinds a questionnaire has once.
 */
export function newQuestion(previous: QuestionValues | null): QuestionValues {
  const kind: QuestionKind = previous === null || previous.kind === 'recommend' ? 'satisfaction' : previous.kind;
  return {
    uid: nextUid(),
    key: null,
    openedKind: null,
    kind,
    textAr: '',
    textEn: '',
    required: false,
    overall: false,
    options: isChoice(kind) ? [newOption(), newOption()] : [],
    min: '',
    max: '',
  };
}

export const NEW_QUESTIONNAIRE = (): EditorValues => ({ titleAr: '', titleEn: '', introAr: '', introEn: '', doubleEntry: false, questions: [newQuestion(null)] });

export function valuesOf(view: QuestionnaireView): EditorValues {
  const content = view.current.content;
  return {
    titleAr: content.titleAr,
    titleEn: content.titleEn ?? '',
    introAr: content.introAr,
    introEn: content.introEn ?? '',
    doubleEntry: view.doubleEntry,
    questions: content.questions.map((question) => ({
      uid: nextUid(),
      key: question.key,
      openedKind: question.kind,
      kind: question.kind,
      textAr: question.textAr,
      textEn: question.textEn ?? '',
      required: question.required,
      overall: question.overall,
      options: question.options.map((option) => ({ uid: nextUid(), key: option.key, labelAr: option.labelAr, labelEn: option.labelEn ?? '' })),
      min: question.min === null ? '' : String(question.min),
      max: question.max === null ? '' : String(question.max),
    })),
  };
}

/** The first key of the form `<prefix><n>`, n from `from` up, that is not taken. */
function freeKey(prefix: string, from: number, taken: Set<string>): string {
  let n = Math.max(1, from);
  while (taken.has(`${prefix}${n}`)) n += 1;
  const key = `${prefix}${n}`;
  taken.add(key);
  return key;
}

/** A limit as typed: a whole number (٥ as 5), nothing, or 'invalid' for text that is neither. */
export function limitOf(typed: string): number | null | 'invalid' {
  const text = toLatinDigits(typed).trim();
  if (text === '') return null;
  return /^-?\d{1,9}$/.test(text) ? Number(text) : 'invalid';
}

const limit = (typed: string): number | null => {
  const value = limitOf(typed);
  return value === 'invalid' ? null : value;
};

/**
 * What the form refuses before sending, by field: a limit that is not a whole number (the api would
 * only see it as missing). Null when there is nothing to refuse.
 */
export function refusedLimits(values: EditorValues, message: string): Record<string, string> | null {
  const refused: Record<string, string> = {};
  values.questions.forEach((question, index) => {
    if (question.kind !== 'number') return;
    if (limitOf(question.min) === 'invalid') refused[`questions.${index}.min`] = message;
    if (limitOf(question.max) === 'invalid') refused[`questions.${index}.max`] = message;
  });
  return Object.keys(refused).length === 0 ? null : refused;
}

/**
 * The questionnaire the form saves. Keys are given here, by position (q3 for the third question)
 * unless that key is taken now or was used by any version; what a kind does not ask (choices, a
 * range, the overall mark) is left out rather than refused.
 */
export function contentOf(values: EditorValues, usedKeys: Readonly<Record<string, readonly string[]>>): SaveQuestionnaireInput['content'] {
  const keptKeys = values.questions.filter((question) => question.key !== null && question.kind === question.openedKind).map((question) => question.key as string);
  const takenQuestionKeys = new Set([...Object.keys(usedKeys), ...keptKeys]);
  const questions = values.questions.map((question, index): QuestionInput => {
    const keeps = question.key !== null && question.kind === question.openedKind;
    const key = keeps ? (question.key as string) : freeKey('q', index + 1, takenQuestionKeys);
    const choices = isChoice(question.kind);
    const takenOptionKeys = new Set([...(keeps ? (usedKeys[key] ?? []) : []), ...question.options.filter((option) => keeps && option.key !== null).map((option) => option.key as string)]);
    return {
      key,
      kind: question.kind,
      textAr: question.textAr,
      textEn: question.textEn,
      required: question.required,
      overall: question.kind === 'satisfaction' && question.overall,
      options: choices
        ? question.options.map((option, optionIndex) => ({
            key: keeps && option.key !== null ? option.key : freeKey('o', optionIndex + 1, takenOptionKeys),
            labelAr: option.labelAr,
            labelEn: option.labelEn,
          }))
        : [],
      min: question.kind === 'number' ? limit(question.min) : null,
      max: question.kind === 'number' ? limit(question.max) : null,
    };
  });
  return { titleAr: values.titleAr, titleEn: values.titleEn, introAr: values.introAr, introEn: values.introEn, questions };
}

export function saveInput(id: string | null, values: EditorValues, usedKeys: Readonly<Record<string, readonly string[]>>): SaveQuestionnaireInput {
  return { id, content: contentOf(values, usedKeys), doubleEntry: values.doubleEntry };
}

/** The list moved: the item at `from` put at `to`. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
