import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NAME_BOX, type PaperEntryDone, type PaperFormFound } from '../../../electron/api/paper-forms';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { Ltr } from '../../components/Ltr';
import { Shortcut } from '../../components/Shortcut';
import { focusField, onEntryKeys } from './entry-keys';
import { useQuestionText } from './question-labels';
import { readForm, readNamed } from './typed-answers';


/**
 * One paper form's answers, typed as the digits beside the ticked boxes: a compact list of the
 * questions, a field each, Enter to the next, Ctrl+Enter to check and save, Esc to give the form up.
 * Each answer is checked before anything is sent; what the service refuses shows on its question.
 */
export function AnswersForm({ found, code, onSaved, onCancel }: { found: PaperFormFound; code: string; onSaved: (done: PaperEntryDone) => void; onCancel: () => void }) {
  const { t } = useTranslation('paper-forms');
  const { t: tErrors } = useTranslation('errors');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const questionText = useQuestionText();
  const questions = found.version.content.questions;
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (questions[0]) focusField(container.current, questions[0].key);
  }, [questions]);

  const save = async () => {
    if (busy) return;
    const read = readForm(questions, typed);
    const checked = Object.fromEntries(Object.entries(read.problems).map(([key, problem]) => [key, t(`entry.check.${problem}`)]));
    setProblems(checked);
    const first = questions.find((question) => checked[question.key] !== undefined);
    if (first) {
      focusField(container.current, first.key);
      return;
    }
    setBusy(true);
    const result = await api['paperForms.enter']({ code, answers: read.answers, named: readNamed(typed[NAME_BOX] ?? '') });
    setBusy(false);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    const fields = Object.fromEntries(
      (result.error.details?.fields ?? []).filter((field) => field.path.startsWith('answers.')).map((field) => [field.path.slice('answers.'.length), tErrors(field.messageKey)]),
    );
    setProblems(fields);
    const refused = questions.find((question) => fields[question.key] !== undefined);
    if (refused) focusField(container.current, refused.key);
    else setRefusal(errorMessage(result.error));
  };

  const stage = !found.doubleEntry && found.stage === 'first' ? 'firstOnly' : found.stage;
  const title = found.version.content.titleAr;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={t('entry.title')}>
      <Stack gap="sm" ref={container} onKeyDown={(event) => onEntryKeys(event, { save: () => void save(), cancel: onCancel })}>
        <Group justify="space-between" align="center">
          <Group gap="sm">
            <Title order={3} fz="h4">
              {questionText({ textAr: title, textEn: found.version.content.titleEn })}
            </Title>
            <Ltr>{found.offer.code}</Ltr>
          </Group>
          <Badge variant="light" color={stage === 'second' ? 'grape' : 'teal'} size="lg">
            {t(`entry.stage.${stage}`)}
          </Badge>
        </Group>
        <Table withRowBorders verticalSpacing={4} horizontalSpacing="xs">
          <Table.Tbody>
            {questions.map((question, index) => (
              <Table.Tr key={question.key}>
                <Table.Td w={36}>
                  <Text fw={700}>{index + 1}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{questionText(question)}</Text>
                </Table.Td>
                <Table.Td w={150}>
                  <Text size="xs" c="dimmed">
                    {t(`entry.hints.${question.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td w={question.kind === 'text' ? 320 : 170}>
                  <TextInput
                    size="sm"
                    aria-label={`${index + 1}. ${questionText(question)}`}
                    data-entry-field={question.key}
                    dir={question.kind === 'text' ? 'auto' : 'ltr'}
                    inputMode={question.kind === 'text' ? 'text' : 'numeric'}
                    value={typed[question.key] ?? ''}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setTyped((previous) => ({ ...previous, [question.key]: value }));
                    }}
                    error={problems[question.key]}
                    autoComplete="off"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td />
              <Table.Td>
                <Text size="sm" fw={600}>
                  {t('entry.named')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {t('entry.namedHint')}
                </Text>
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="sm"
                  aria-label={t('entry.named')}
                  data-entry-field={NAME_BOX}
                  dir="ltr"
                  inputMode="numeric"
                  value={typed[NAME_BOX] ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setTyped((previous) => ({ ...previous, [NAME_BOX]: value }));
                  }}
                  autoComplete="off"
                />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
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
          <Button onClick={() => void save()} loading={busy}>
            {t('entry.save')}
            <Shortcut keys={['Ctrl', 'Enter']} />
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
