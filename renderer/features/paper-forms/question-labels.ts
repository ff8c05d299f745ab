import { useTranslation } from 'react-i18next';
import type { Answer, Question } from '../../../electron/api/questionnaires';
import { typedOf } from './typed-answers';

/** A questionnaire's wording in the officer's language: the English when there is one, the Arabic always. */
export function useQuestionText(): (wording: { textAr: string; textEn: string | null }) => string {
  const { i18n } = useTranslation();
  return (wording) => (i18n.language === 'en' ? (wording.textEn ?? wording.textAr) : wording.textAr);
}

/**
 * An answer as the typist keyed it and as the paper reads it, side by side: "2 — Social media",
 * "4 — Satisfied", "1 — Yes"; unanswered, said so.
 */
export function useAnswerLabel(): (question: Question, answer: Answer | null | undefined) => string {
  const { t, i18n } = useTranslation('paper-forms');
  const { t: tShared } = useTranslation('questionnaires');
  const english = i18n.language === 'en';
  const optionLabel = (question: Question, key: string) => {
    const option = question.options.find((one) => one.key === key);
    return option === undefined ? key : english ? (option.labelEn ?? option.labelAr) : option.labelAr;
  };
  return (question, answer) => {
    if (answer === null || answer === undefined || (Array.isArray(answer) && answer.length === 0)) return t('entry.unanswered');
    const typed = typedOf(question, answer);
    switch (question.kind) {
      case 'satisfaction':
        return `${typed} — ${tShared(`scale.${String(answer)}`)}`;
      case 'yes_no':
        return `${typed} — ${answer === true ? t('yes') : t('no')}`;
      case 'one_of':
        return `${typed} — ${optionLabel(question, String(answer))}`;
      case 'many_of':
        return `${typed} — ${(answer as string[]).map((key) => optionLabel(question, key)).join(english ? ', ' : '، ')}`;
      default:
        return typed;
    }
  };
}
