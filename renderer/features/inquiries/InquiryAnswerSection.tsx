import { Stack, Switch, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleView } from '../../../electron/api/inquiries';
import { ArticlePicker } from './ArticlePicker';

/** What the contact form shows for an inquiry: answered on the spot (with the article used) or left pending. */
export interface InquiryAnswer {
  answeredNow: boolean;
  answer: string;
  articleId: string | null;
}

/** Most inquiries at the desk are answered on the spot; the officer turns the switch off for the others. */
export const NO_ANSWER: InquiryAnswer = { answeredNow: true, answer: '', articleId: null };

/** What `inquiries.ask` takes besides the contact: an answer only when answered now. */
export function answerFields(value: InquiryAnswer): { answer: string | null; articleId: string | null } {
  return value.answeredNow ? { answer: value.answer, articleId: value.articleId } : { answer: null, articleId: null };
}

/** "Answered now" with nothing written would file the inquiry as pending without saying so: the form asks for the answer. */
export const answerMissing = (value: InquiryAnswer): boolean => value.answeredNow && value.answer.trim() === '';

export interface InquiryAnswerSectionProps {
  value: InquiryAnswer;
  onChange: (value: InquiryAnswer) => void;
  /** The question as typed so far: the library is searched with it. */
  question: string;
  error?: string | undefined;
}

/**
 * The answer part of an inquiry logged from the contact form: "answered now" with the answer and
 * the library article it came from, or left for the queue. Picking an article fills an empty answer
 * with the article's text and links it.
 */
export function InquiryAnswerSection({ value, onChange, question, error }: InquiryAnswerSectionProps) {
  const { t } = useTranslation('inquiries');
  // The title of the linked article, for the picker to show; the form itself keeps only its id.
  const [linkedTitle, setLinkedTitle] = useState<string | null>(null);

  const pick = (article: ArticleView) => {
    setLinkedTitle(article.title);
    onChange({ ...value, answer: value.answer.trim() === '' ? article.body : value.answer, articleId: article.id });
  };

  return (
    <Stack gap="sm">
      <Switch
        label={t('section.answeredNow')}
        description={t('section.answeredNowHint')}
        checked={value.answeredNow}
        onChange={(event) => onChange({ ...value, answeredNow: event.currentTarget.checked })}
      />
      {value.answeredNow ? (
        <>
          <Textarea
            label={t('section.answer')}
            description={t('answer.textHint')}
            value={value.answer}
            onChange={(event) => onChange({ ...value, answer: event.currentTarget.value })}
            error={error}
            autosize
            minRows={3}
            maxRows={12}
            required
          />
          <ArticlePicker
            question={question}
            linked={value.articleId === null ? null : { id: value.articleId, title: linkedTitle ?? '' }}
            onPick={pick}
            onUnlink={() => {
              setLinkedTitle(null);
              onChange({ ...value, articleId: null });
            }}
          />
        </>
      ) : null}
    </Stack>
  );
}
