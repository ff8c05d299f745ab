import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Question, QuestionnaireContent } from '../../../electron/api/questionnaires';

/**
 * A version's questions as they were asked, read only: each in the language of the screen (the
 * Arabic when it has no English), its kind, whether it must be answered, and what it offers to choose.
 */
export function QuestionsPreview({ content }: { content: QuestionnaireContent }) {
  const { t, i18n } = useTranslation('questionnaires');
  const english = i18n.language === 'en';
  // The Arabic stands in for an English text not written: it keeps its own direction, set not guessed.
  const shown = (arabic: string, inEnglish: string | null) =>
    english && inEnglish ? inEnglish : english ? (
      <bdi dir="rtl" lang="ar">
        {arabic}
      </bdi>
    ) : (
      arabic
    );
  return (
    <Stack gap="sm">
      <Text c="dimmed" style={{ whiteSpace: 'pre-line' }}>
        {shown(content.introAr, content.introEn)}
      </Text>
      <Stack gap="xs" role="list">
        {content.questions.map((question, index) => (
          <Paper role="listitem" key={question.key} withBorder radius="md" p="sm">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={600}>
                  {t('editor.question', { number: index + 1 })}: {shown(question.textAr, question.textEn)}
                </Text>
                <Group gap={4} wrap="nowrap">
                  {question.overall ? (
                    <Badge color="grape" variant="light" radius="sm">
                      {t('page.overall')}
                    </Badge>
                  ) : null}
                  <Badge color={question.required ? 'red' : 'gray'} variant="light" radius="sm">
                    {question.required ? t('required') : t('optional')}
                  </Badge>
                </Group>
              </Group>
              <Text size="sm" c="dimmed">
                {t(`kinds.${question.kind}`)}
                {rangeText(question, t)}
              </Text>
              {question.options.length > 0 ? (
                <List size="sm" aria-label={t('page.choices')}>
                  {question.options.map((option) => (
                    <List.Item key={option.key}>{shown(option.labelAr, option.labelEn)}</List.Item>
                  ))}
                </List>
              ) : null}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function rangeText(question: Question, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (question.kind !== 'number' || (question.min === null && question.max === null)) return '';
  const range =
    question.min !== null && question.max !== null
      ? t('page.range', { min: question.min, max: question.max })
      : question.min !== null
        ? t('page.atLeast', { min: question.min })
        : t('page.atMost', { max: question.max });
  return ` — ${range}`;
}
