import { Box, Group, List, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QuestionFigures, SatisfactionComment } from '../../../electron/api/satisfaction-figures';
import { DualDate } from '../../components/DualDate';
import { useFigureText } from './format';

/**
 * Each question: the versions that asked it, how many answered it, its average (a number's smallest
 * and largest too), and how many gave each answer as a bar. A question too few answered shows its
 * count only.
 */
export function QuestionFiguresTable({ questions }: { questions: QuestionFigures[] }) {
  const { t } = useTranslation('satisfaction-figures');
  const text = useFigureText();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="34%">{t('question')}</Table.Th>
            <Table.Th w="8%">{t('versions')}</Table.Th>
            <Table.Th w="8%">{t('figures.responses')}</Table.Th>
            <Table.Th w="12%">{t('figures.average')}</Table.Th>
            <Table.Th>{t('figures.answers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {questions.map((question) => (
            <Table.Tr key={question.key} data-testid={`question-${question.key}`}>
              <Table.Td>
                <Text fz="sm">{text.inLanguage(question.textAr, question.textEn)}</Text>
                <Text fz="xs" c="dimmed">
                  {t(`questionnaires:kinds.${question.kind}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{question.versions.map(text.number).join(text.listSeparator)}</Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{text.number(question.n)}</Text>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" fw={700}>
                  {question.kind === 'text' ? '—' : question.tooFew ? t('tooFew') : question.average === null ? '—' : text.number(question.average)}
                </Text>
                {question.min !== null && question.max !== null ? (
                  <Text fz="xs" c="dimmed">
                    {t('figures.min')} {text.number(question.min)} · {t('figures.max')} {text.number(question.max)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Distribution question={question} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** How many gave each answer: a bar each, its length the share of those who answered the question. */
function Distribution({ question }: { question: QuestionFigures }) {
  const text = useFigureText();
  if (question.distribution.length === 0) return null;
  const most = Math.max(1, ...question.distribution.map((entry) => entry.count));
  return (
    <Stack gap={2} role="list">
      {question.distribution.map((entry) => {
        const label = text.inLanguage(entry.labelAr, entry.labelEn);
        return (
          <Group key={entry.key} gap={6} wrap="nowrap" role="listitem" aria-label={`${label}: ${text.number(entry.count)}`}>
            <Text fz="xs" w={question.kind === 'recommend' ? 24 : 150} style={{ flexShrink: 0 }} truncate>
              {label}
            </Text>
            <Box style={{ flex: 1, blockSize: 10, background: 'var(--mantine-color-gray-1)', borderRadius: 4 }}>
              <Box style={{ inlineSize: `${(100 * entry.count) / most}%`, blockSize: '100%', background: 'var(--mantine-color-wasl-6)', borderRadius: 4 }} />
            </Box>
            <Text fz="xs" w={36} ta="end">
              {text.number(entry.count)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

/**
 * The comments as written, each with its day in both calendars and nothing else: on the satisfaction
 * screen and in the report's section. `empty` is said in place of a list without one.
 */
export function CommentsList({ comments, label, empty }: { comments: readonly SatisfactionComment[]; label: string; empty: string }) {
  if (comments.length === 0) return <Text c="dimmed" fz="sm">{empty}</Text>;
  return (
    <List spacing="sm" listStyleType="none" aria-label={label}>
      {comments.map((comment, index) => (
        <List.Item key={`${comment.answeredOn}-${index}`}>
          <Text fz="xs" c="dimmed" component="div">
            <DualDate date={comment.answeredOn} />
          </Text>
          <Text fz="sm" component="bdi">
            {comment.text}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
