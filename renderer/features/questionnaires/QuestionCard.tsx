import { ActionIcon, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_OPTIONS, QUESTION_KINDS, type QuestionKind } from '../../../electron/api/questionnaires';
import { ChoiceField } from '../../components/ChoiceField';
import { isChoice, newOption, type OptionValues, type QuestionValues } from './editor-values';

/** Where the focus goes back to after the list changes under it: a question's row and one of its fields. */
export interface FocusTarget {
  uid: string;
  field: string;
}

/** The attribute each field of a question carries, so that the focus finds it again after a move. */
export const FIELD_ATTRIBUTE = 'data-field';
const field = (name: string) => ({ [FIELD_ATTRIBUTE]: name });

/**
 * One question of the builder: its texts first (what the administrator types), then its kind and
 * whether it must be answered, then what its kind asks for (choices, a range), and last the buttons
 * that move or remove it, so that Tab runs through the texts of question after question. Alt+↑ and
 * Alt+↓ move the question the focus is in.
 */
export function QuestionCard({
  question,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
  onFocusLater,
}: {
  question: QuestionValues;
  index: number;
  count: number;
  /** The form's refusals, by path (questions.<index>.<field>). */
  errors: Record<string, string>;
  onChange: (changed: QuestionValues, fields: string[]) => void;
  onMove: (to: number, focus: string) => void;
  onRemove: () => void;
  onFocusLater: (target: FocusTarget) => void;
}) {
  const { t } = useTranslation('questionnaires');
  const number = index + 1;
  const path = `questions.${index}`;
  const error = (name: string) => errors[`${path}.${name}`];
  const change = (values: Partial<QuestionValues>, ...fields: string[]) => onChange({ ...question, ...values }, fields.map((name) => `${path}.${name}`));

  const changeKind = (kind: QuestionKind) => {
    // A choice question starts with the two choices it needs at least.
    const options = isChoice(kind) ? [...question.options, ...Array.from({ length: Math.max(0, 2 - question.options.length) }, newOption)] : question.options;
    change({ kind, options, overall: kind === 'satisfaction' && question.overall }, 'kind', 'options', 'overall', 'min', 'max');
  };

  const changeOption = (optionIndex: number, values: Partial<OptionValues>, name: string) => {
    const options = question.options.map((option, place) => (place === optionIndex ? { ...option, ...values } : option));
    change({ options }, `options.${optionIndex}.${name}`, 'options');
  };

  const addOption = () => {
    const option = newOption();
    change({ options: [...question.options, option] }, 'options');
    onFocusLater({ uid: question.uid, field: `option-${option.uid}` });
  };

  const removeOption = (optionIndex: number) => {
    change({ options: question.options.filter((_, place) => place !== optionIndex) }, 'options');
    onFocusLater({ uid: question.uid, field: 'addOption' });
  };

  const moveByKeyboard = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const focused = (event.target as HTMLElement).closest(`[${FIELD_ATTRIBUTE}]`)?.getAttribute(FIELD_ATTRIBUTE) ?? 'textAr';
    event.preventDefault();
    onMove(event.key === 'ArrowUp' ? index - 1 : index + 1, focused);
  };

  return (
    <Paper withBorder radius="md" p="md" data-question-uid={question.uid} onKeyDown={moveByKeyboard} role="group" aria-label={t('editor.question', { number })}>
      <Stack gap="sm">
        <Text fw={600}>{t('editor.question', { number })}</Text>
        <SimpleGrid cols={2}>
          <TextInput
            label={t('editor.textAr')}
            value={question.textAr}
            onChange={(event) => change({ textAr: event.currentTarget.value }, 'textAr')}
            error={error('textAr')}
            required
            lang="ar"
            dir="rtl"
            {...field('textAr')}
          />
          <TextInput
            label={t('editor.textEn')}
            value={question.textEn}
            onChange={(event) => change({ textEn: event.currentTarget.value }, 'textEn')}
            error={error('textEn')}
            lang="en"
            dir="ltr"
            {...field('textEn')}
          />
        </SimpleGrid>
        <Group align="flex-end" gap="lg">
          <ChoiceField
            label={t('editor.kind')}
            data={QUESTION_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
            value={question.kind}
            onChange={(value) => changeKind((value ?? question.kind) as QuestionKind)}
            error={error('kind')}
            w={260}
            {...field('kind')}
          />
          <Checkbox
            label={t('editor.required')}
            checked={question.required}
            onChange={(event) => change({ required: event.currentTarget.checked }, 'required')}
            error={error('required')}
            mb={8}
            {...field('required')}
          />
          {question.kind === 'satisfaction' ? (
            <Checkbox
              label={t('editor.overall')}
              checked={question.overall}
              onChange={(event) => change({ overall: event.currentTarget.checked }, 'overall')}
              error={error('overall')}
              mb={8}
              {...field('overall')}
            />
          ) : null}
        </Group>
        {isChoice(question.kind) ? (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('editor.options')}
            </Text>
            {question.options.map((option, optionIndex) => (
              <Group key={option.uid} align="flex-start" wrap="nowrap">
                <TextInput
                  aria-label={t('editor.optionAr', { number: optionIndex + 1 })}
                  placeholder={t('editor.optionAr', { number: optionIndex + 1 })}
                  value={option.labelAr}
                  onChange={(event) => changeOption(optionIndex, { labelAr: event.currentTarget.value }, 'labelAr')}
                  error={error(`options.${optionIndex}.labelAr`)}
                  required
                  lang="ar"
                  dir="rtl"
                  style={{ flex: 1 }}
                  {...field(`option-${option.uid}`)}
                />
                <TextInput
                  aria-label={t('editor.optionEn', { number: optionIndex + 1 })}
                  placeholder={t('editor.optionEn', { number: optionIndex + 1 })}
                  value={option.labelEn}
                  onChange={(event) => changeOption(optionIndex, { labelEn: event.currentTarget.value }, 'labelEn')}
                  error={error(`options.${optionIndex}.labelEn`)}
                  lang="en"
                  dir="ltr"
                  style={{ flex: 1 }}
                />
                <ActionIcon variant="subtle" color="gray" size="lg" mt={2} onClick={() => removeOption(optionIndex)} aria-label={t('editor.removeOption', { number: optionIndex + 1 })}>
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            ))}
            {error('options') ? (
              <Text size="sm" c="red" role="alert">
                {error('options')}
              </Text>
            ) : null}
            <Group>
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={addOption} disabled={question.options.length >= MAX_OPTIONS} {...field('addOption')}>
                {t('editor.addOption')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {question.kind === 'number' ? (
          <SimpleGrid cols={2}>
            <TextInput label={t('editor.min')} value={question.min} onChange={(event) => change({ min: event.currentTarget.value }, 'min')} error={error('min')} inputMode="numeric" dir="ltr" {...field('min')} />
            <TextInput label={t('editor.max')} value={question.max} onChange={(event) => change({ max: event.currentTarget.value }, 'max')} error={error('max')} inputMode="numeric" dir="ltr" {...field('max')} />
          </SimpleGrid>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <ActionIcon variant="subtle" size="lg" disabled={index === 0} onClick={() => onMove(index - 1, 'moveUp')} aria-label={t('editor.moveUp', { number })} aria-keyshortcuts="Alt+ArrowUp" {...field('moveUp')}>
            <IconArrowUp size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" size="lg" disabled={index === count - 1} onClick={() => onMove(index + 1, 'moveDown')} aria-label={t('editor.moveDown', { number })} aria-keyshortcuts="Alt+ArrowDown" {...field('moveDown')}>
            <IconArrowDown size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" size="lg" disabled={count === 1} onClick={onRemove} aria-label={t('editor.remove', { number })} {...field('remove')}>
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      </Stack>
    </Paper>
  );
}
