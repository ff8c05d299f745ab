import { Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toLatinDigits } from '../../../electron/api/fields/digits';
import type { Question, QuestionOption } from '../../../electron/api/questionnaires';

/**
 * One question of a questionnaire and its answer, as every screen that takes answers shows it:
 * - 'large' for the person answering on the kiosk: big labelled buttons to touch or tab to, one
 *   per point of a scale, per option, per yes and no;
 * - 'compact' for the officer typing what is read out on the phone (or from a paper form): one
 *   short box per question that takes the digit of the scale (Arabic-Indic too), y/n or 1/2, an
 *   option's number (several, separated by spaces, for several choices), so the answers go in from
 *   the keyboard as fast as they are said; the meaning of what was typed shows beside it.
 * What was typed and means nothing is passed on as typed: the service refuses it with the field's
 * message, so the form never keeps a wrong answer quietly.
 */

export type QuestionFieldSize = 'large' | 'compact';

export interface QuestionFieldProps {
  question: Question;
  /** The answer so far; undefined when unanswered. */
  value: unknown;
  onChange: (value: unknown) => void;
  size: QuestionFieldSize;
  /** The question's number as shown (1, 2, …). */
  position?: number;
  /** The refusal's sentence for this question (`answers.<key>`). */
  error?: string;
  /** The language the question is worded in; the interface's by default. */
  language?: 'ar' | 'en';
  /** Focused when the form opens (the first question). */
  autoFocus?: boolean;
}

/** A question's words in a language: the Arabic when there is no English. */
export const questionText = (question: Question, language: string): string => (language === 'en' && question.textEn ? question.textEn : question.textAr);
export const optionLabel = (option: QuestionOption, language: string): string => (language === 'en' && option.labelEn ? option.labelEn : option.labelAr);

const SATISFACTION_POINTS = [1, 2, 3, 4, 5] as const;
const RECOMMEND_POINTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Whether a value stands for "not answered", as the service reads it. */
export const isUnanswered = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** The required questions left unanswered: a form says so before sending. */
export const unansweredRequired = (questions: readonly Question[], answers: Record<string, unknown>): string[] =>
  questions.filter((question) => question.required && isUnanswered(answers[question.key])).map((question) => question.key);

/** Answers as sent: unanswered questions left out. */
export function answersToSend(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => !isUnanswered(value)));
}

/** A whole number typed in any digits, or null. */
function typedWhole(typed: string): number | null {
  const text = toLatinDigits(typed).trim();
  return /^-?\d{1,9}$/.test(text) ? Number(text) : null;
}

/** y/n, 1/2 and the first letter of نعم / لا, in either keyboard layout. */
function typedYesNo(typed: string): boolean | null {
  const text = toLatinDigits(typed).trim().toLowerCase();
  if (['y', 'yes', '1', 'ن', 'نعم'].includes(text)) return true;
  if (['n', 'no', '2', 'ل', 'لا'].includes(text)) return false;
  return null;
}

/** Option numbers (1-based) separated by spaces, commas or Arabic commas, to option keys; null when one names no option. */
function typedOptions(typed: string, options: readonly QuestionOption[]): string[] | null {
  const parts = toLatinDigits(typed)
    .split(/[\s,،؛;]+/)
    .filter((part) => part !== '');
  const keys: string[] = [];
  for (const part of parts) {
    const number = /^\d{1,2}$/.test(part) ? Number(part) : NaN;
    const option = options[number - 1];
    if (!option) return null;
    if (!keys.includes(option.key)) keys.push(option.key);
  }
  return keys;
}

/** What an officer's typing means for a question: the answer, or the text itself when it means nothing. */
export function typedAnswer(question: Question, typed: string): unknown {
  if (typed.trim() === '') return undefined;
  switch (question.kind) {
    case 'satisfaction':
    case 'recommend':
    case 'number':
      return typedWhole(typed) ?? typed;
    case 'yes_no':
      return typedYesNo(typed) ?? typed;
    case 'one_of': {
      const keys = typedOptions(typed, question.options);
      return keys !== null && keys.length === 1 ? keys[0] : typed;
    }
    case 'many_of':
      return typedOptions(typed, question.options) ?? typed;
    case 'text':
      return typed;
  }
}

/** An answer as the officer would type it, to show in the box when it was given otherwise. */
export function answerTyped(question: Question, value: unknown): string {
  if (isUnanswered(value)) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '2';
  const position = (key: unknown) => String(question.options.findIndex((option) => option.key === key) + 1);
  if (question.kind === 'one_of' && typeof value === 'string' && question.options.some((option) => option.key === value)) return position(value);
  if (question.kind === 'many_of' && Array.isArray(value)) return value.map(position).join(' ');
  return typeof value === 'string' ? value : '';
}

export function QuestionField({ question, value, onChange, size, position, error, language, autoFocus = false }: QuestionFieldProps) {
  const { i18n } = useTranslation();
  const shownIn = language ?? (i18n.language === 'en' ? 'en' : 'ar');
  const labelId = useId();
  const errorId = useId();
  const title = (
    <Text id={labelId} fw={size === 'large' ? 700 : 600} fz={size === 'large' ? 28 : 'sm'} component="span">
      {position !== undefined ? `${position}. ` : ''}
      {questionText(question, shownIn)}
      {question.required ? <span aria-hidden="true"> *</span> : null}
    </Text>
  );
  const shownError =
    error === undefined ? null : (
      <Text id={errorId} c="red.8" fz={size === 'large' ? 22 : 'xs'} role="alert">
        {error}
      </Text>
    );
  return (
    <Stack gap={size === 'large' ? 'lg' : 4} data-question={question.key}>
      {size === 'large' ? (
        <>
          {title}
          <LargeAnswer question={question} value={value} onChange={onChange} labelId={labelId} errorId={error === undefined ? undefined : errorId} language={shownIn} autoFocus={autoFocus} />
        </>
      ) : (
        <CompactAnswer question={question} value={value} onChange={onChange} title={title} error={error} language={shownIn} autoFocus={autoFocus} />
      )}
      {size === 'large' ? shownError : null}
    </Stack>
  );
}

interface AnswerProps {
  question: Question;
  value: unknown;
  onChange: (value: unknown) => void;
  language: string;
  autoFocus: boolean;
}

/** A big button that is on or off, as a radio or a check box is, for touch and Tab alike. */
function Choice({ chosen, onClick, children, autoFocus, wide = false }: { chosen: boolean; onClick: () => void; children: ReactNode; autoFocus?: boolean; wide?: boolean }) {
  return (
    <Button
      size="xl"
      variant={chosen ? 'filled' : 'default'}
      aria-pressed={chosen}
      onClick={onClick}
      autoFocus={autoFocus}
      fullWidth={wide}
      styles={{ root: { minBlockSize: 72, blockSize: 'auto', paddingBlock: 12, paddingInline: 8 }, label: { whiteSpace: 'normal', fontSize: 24, overflow: 'visible' } }}
    >
      {children}
    </Button>
  );
}

function LargeAnswer({ question, value, onChange, labelId, errorId, language, autoFocus }: AnswerProps & { labelId: string; errorId: string | undefined }) {
  const { t } = useTranslation('questionnaires');
  const group = { role: 'group', 'aria-labelledby': labelId, 'aria-describedby': errorId } as const;
  switch (question.kind) {
    case 'satisfaction':
      return (
        <Group {...group} gap="md" grow wrap="wrap" align="stretch">
          {SATISFACTION_POINTS.map((point, index) => (
            <Choice key={point} chosen={value === point} onClick={() => onChange(point)} autoFocus={autoFocus && index === 0}>
              <Stack gap={4} align="center">
                <span style={{ fontSize: 32, fontWeight: 700 }}>{point}</span>
                <span>{t(`scale.${point}`)}</span>
              </Stack>
            </Choice>
          ))}
        </Group>
      );
    case 'recommend':
      return (
        <Stack gap="xs">
          <Group {...group} gap="xs" grow wrap="nowrap">
            {RECOMMEND_POINTS.map((point, index) => (
              <Choice key={point} chosen={value === point} onClick={() => onChange(point)} autoFocus={autoFocus && index === 0}>
                <span style={{ fontSize: 28, fontWeight: 700 }}>{point}</span>
              </Choice>
            ))}
          </Group>
          <Group justify="space-between" aria-hidden="true">
            <Text fz={20}>{t('recommend.low')}</Text>
            <Text fz={20}>{t('recommend.high')}</Text>
          </Group>
        </Stack>
      );
    case 'yes_no':
      return (
        <Group {...group} gap="md" grow>
          <Choice chosen={value === true} onClick={() => onChange(true)} autoFocus={autoFocus}>
            {t('yesNo.yes')}
          </Choice>
          <Choice chosen={value === false} onClick={() => onChange(false)}>
            {t('yesNo.no')}
          </Choice>
        </Group>
      );
    case 'one_of':
      return (
        <Stack {...group} gap="sm">
          {question.options.map((option, index) => (
            <Choice key={option.key} wide chosen={value === option.key} onClick={() => onChange(option.key)} autoFocus={autoFocus && index === 0}>
              {optionLabel(option, language)}
            </Choice>
          ))}
        </Stack>
      );
    case 'many_of': {
      const ticked = Array.isArray(value) ? (value as string[]) : [];
      const toggle = (key: string) => onChange(ticked.includes(key) ? ticked.filter((one) => one !== key) : [...ticked, key]);
      return (
        <Stack {...group} gap="sm">
          {question.options.map((option, index) => (
            <Choice key={option.key} wide chosen={ticked.includes(option.key)} onClick={() => toggle(option.key)} autoFocus={autoFocus && index === 0}>
              {optionLabel(option, language)}
            </Choice>
          ))}
        </Stack>
      );
    }
    case 'number':
      return (
        <TextInput
          aria-labelledby={labelId}
          aria-describedby={errorId}
          size="xl"
          inputMode="numeric"
          maw={240}
          value={typeof value === 'number' || typeof value === 'string' ? String(value) : ''}
          onChange={(event) => onChange(typedAnswer(question, event.currentTarget.value) ?? undefined)}
          autoFocus={autoFocus}
          styles={{ input: { fontSize: 28 } }}
        />
      );
    case 'text':
      return (
        <Textarea
          aria-labelledby={labelId}
          aria-describedby={errorId}
          size="xl"
          autosize
          minRows={3}
          maxRows={8}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          autoFocus={autoFocus}
          styles={{ input: { fontSize: 24 } }}
        />
      );
  }
}

/** What the typed answer means, beside the box: the scale's label, yes or no, the options chosen. */
function useMeaning(question: Question, value: unknown, language: string): string {
  const { t } = useTranslation('questionnaires');
  if (isUnanswered(value)) return '';
  switch (question.kind) {
    case 'satisfaction':
      return SATISFACTION_POINTS.find((point) => point === value) === undefined ? '' : t(`scale.${value as (typeof SATISFACTION_POINTS)[number]}`);
    case 'recommend':
      return typeof value === 'number' && value >= 0 && value <= 10 ? `${value} / 10` : '';
    case 'yes_no':
      return typeof value === 'boolean' ? t(value ? 'yesNo.yes' : 'yesNo.no') : '';
    case 'one_of':
    case 'many_of': {
      const keys = Array.isArray(value) ? value : [value];
      return question.options
        .filter((option) => keys.includes(option.key))
        .map((option) => optionLabel(option, language))
        .join('، ');
    }
    default:
      return '';
  }
}

/** How the officer types this question's answer, under the box. */
function useHint(question: Question, language: string): string {
  const { t } = useTranslation('satisfaction');
  switch (question.kind) {
    case 'satisfaction':
      return t('phone.hint.satisfaction');
    case 'recommend':
      return t('phone.hint.recommend');
    case 'yes_no':
      return t('phone.hint.yes_no');
    case 'one_of':
    case 'many_of':
      return `${t(question.kind === 'one_of' ? 'phone.hint.one_of' : 'phone.hint.many_of')} ${question.options.map((option, index) => `${index + 1}. ${optionLabel(option, language)}`).join(' · ')}`;
    case 'number':
      return question.min !== null || question.max !== null ? t('phone.hint.numberRange', { min: question.min ?? '…', max: question.max ?? '…' }) : '';
    case 'text':
      return '';
  }
}

function CompactAnswer({ question, value, onChange, title, error, language, autoFocus }: AnswerProps & { title: ReactNode; error: string | undefined }) {
  const [typed, setTyped] = useState(() => answerTyped(question, value));
  const meaning = useMeaning(question, value, language);
  const hint = useHint(question, language);
  // An answer set from outside (a form cleared, an entry loaded) replaces what is in the box.
  useEffect(() => {
    if (typedAnswer(question, typed) !== value && JSON.stringify(typedAnswer(question, typed)) !== JSON.stringify(value)) setTyped(answerTyped(question, value));
    // Only when the answer changes from outside.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const change = (next: string) => {
    setTyped(next);
    onChange(typedAnswer(question, next));
  };
  if (question.kind === 'text') {
    return <Textarea label={title} value={typed} onChange={(event) => change(event.currentTarget.value)} error={error} autosize minRows={1} maxRows={4} autoFocus={autoFocus} />;
  }
  return (
    <TextInput
      label={title}
      value={typed}
      onChange={(event) => change(event.currentTarget.value)}
      error={error}
      description={hint || undefined}
      inputMode={question.kind === 'yes_no' ? 'text' : 'numeric'}
      autoComplete="off"
      autoFocus={autoFocus}
      maw={question.kind === 'many_of' || question.kind === 'one_of' ? undefined : 520}
      rightSection={null}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      inputContainer={(input) => (
        <Group gap="sm" wrap="nowrap" align="center">
          <div style={{ inlineSize: 120, flex: 'none' }}>{input}</div>
          <Text fz="sm" fw={600} c="teal.8" aria-live="polite" data-meaning>
            {meaning}
          </Text>
        </Group>
      )}
    />
  );
}
