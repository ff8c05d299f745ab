import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NAME_BOX, type PaperEntryDone, type PaperMismatches } from '../../../electron/api/paper-forms';
import type { Answers } from '../../../electron/api/questionnaires';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { Ltr } from '../../components/Ltr';
import { Shortcut } from '../../components/Shortcut';
import { focusField, onEntryKeys } from './entry-keys';
import { useAnswerLabel, useQuestionText } from './question-labels';
import { readNamed, readTyped } from './typed-answers';

/**
 * The two differing typings of a form, question by question, each value as typed: the officer with
 * the paper in hand types what the paper says (in the same digits as the entry), Enter to the next,
 * Ctrl+Enter to record; what both typed alike is recorded as it is.
 */
export function MismatchesForm({ toSettle, code, onSettled, onCancel }: { toSettle: PaperMismatches; code: string; onSettled: (done: PaperEntryDone) => void; onCancel: () => void }) {
  const { t } = useTranslation('paper-forms');
  const { t: tErrors } = useTranslation('errors');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const questionText = useQuestionText();
  const answerLabel = useAnswerLabel();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const questions = toSettle.version.content.questions;
  const rows = toSettle.mismatches.map((mismatch) => ({ mismatch, question: questions.find((one) => one.key === mismatch.key) ?? null, number: questions.findIndex((one) => one.key === mismatch.key) + 1 }));
  const agreedCount = Object.keys(toSettle.agreed.answers).length;

  useEffect(() => {
    if (toSettle.mismatches[0]) focusField(container.current, toSettle.mismatches[0].key);
  }, [toSettle]);

  const record = async () => {
    if (busy) return;
    const answers: Answers = { ...toSettle.agreed.answers };
    const found: Record<string, string> = {};
    for (const { question } of rows) {
      if (question === null) continue;
      const read = readTyped(question, typed[question.key] ?? '');
      if ('problem' in read) found[question.key] = t(`entry.check.${read.problem}`);
      else if (read.answer === undefined) delete answers[question.key];
      else answers[question.key] = read.answer;
    }
    setProblems(found);
    const first = rows.find((row) => found[row.mismatch.key] !== undefined);
    if (first) {
      focusField(container.current, first.mismatch.key);
      return;
    }
    setBusy(true);
    const result = await api['paperForms.settle']({ code, answers, named: toSettle.agreed.named ?? readNamed(typed[NAME_BOX] ?? '') });
    setBusy(false);
    if (result.ok) {
      onSettled(result.value);
      return;
    }
    const fields = Object.fromEntries(
      (result.error.details?.fields ?? []).filter((field) => field.path.startsWith('answers.')).map((field) => [field.path.slice('answers.'.length), tErrors(field.messageKey)]),
    );
    setProblems(fields);
    setRefusal(Object.keys(fields).length > 0 ? null : errorMessage(result.error));
  };

  const shownValue = (key: string, value: unknown) => {
    const question = questions.find((one) => one.key === key);
    if (key === NAME_BOX) return value === true ? t('yes') : t('no');
    return question ? answerLabel(question, value as never) : String(value);
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={t('mismatches.title')}>
      <Stack gap="sm" ref={container} onKeyDown={(event) => onEntryKeys(event, { save: () => void record(), cancel: onCancel })}>
        <Group justify="space-between">
          <Title order={3} fz="h4">
            {t('mismatches.title')}
          </Title>
          <Ltr>{toSettle.offer.code}</Ltr>
        </Group>
        <Text size="sm">{t('mismatches.intro')}</Text>
        <Table withTableBorder withColumnBorders verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mismatches.question')}</Table.Th>
              <Table.Th>
                {t('mismatches.first')}
                <Text size="xs" c="dimmed" fw="normal">
                  {toSettle.entries[0]?.enteredBy.displayName}
                </Text>
              </Table.Th>
              <Table.Th>
                {t('mismatches.second')}
                <Text size="xs" c="dimmed" fw="normal">
                  {toSettle.entries[1]?.enteredBy.displayName}
                </Text>
              </Table.Th>
              <Table.Th w={200}>{t('mismatches.paper')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ mismatch, question, number }) => {
              const label = question === null ? t('mismatches.named') : `${number}. ${questionText(question)}`;
              return (
                <Table.Tr key={mismatch.key}>
                  <Table.Td>
                    <Text size="sm">{label}</Text>
                    {question ? (
                      <Text size="xs" c="dimmed">
                        {t(`entry.hints.${question.kind}`)}
                      </Text>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t('entry.namedHint')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{shownValue(mismatch.key, mismatch.first)}</Table.Td>
                  <Table.Td>{shownValue(mismatch.key, mismatch.second)}</Table.Td>
                  <Table.Td>
                    <TextInput
                      size="sm"
                      aria-label={`${t('mismatches.paper')}: ${label}`}
                      data-entry-field={mismatch.key}
                      dir={question?.kind === 'text' ? 'auto' : 'ltr'}
                      value={typed[mismatch.key] ?? ''}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        setTyped((previous) => ({ ...previous, [mismatch.key]: value }));
                      }}
                      error={problems[mismatch.key]}
                      autoComplete="off"
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {agreedCount > 0 ? (
          <Text size="sm" c="dimmed">
            {t('mismatches.agreed', { count: agreedCount })}
          </Text>
        ) : null}
        {refusal ? (
          <Text c="red" size="sm" role="alert">
            {refusal}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('entry.cancel')}
            <Shortcut keys={['Esc']} />
          </Button>
          <Button onClick={() => void record()} loading={busy}>
            {t('mismatches.record')}
            <Shortcut keys={['Ctrl', 'Enter']} />
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
