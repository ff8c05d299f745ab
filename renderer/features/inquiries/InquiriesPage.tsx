import { Badge, Button, Group, Pagination, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconMessageReply } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InquirySummary } from '../../../electron/api/inquiries';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { formatDualInstant } from '../../lib/dates';
import { AnswerInquiryModal } from './AnswerInquiryModal';
import { PersonCell } from './PersonCell';
import { ageInWords, durationInWords, languageOf } from './time-words';

const PAGE_SIZE = 50;
const RECENT_ROWS = 10;
/** Each officer's choice of queue (their own or everyone's), kept between visits. */
const SCOPE_KEY = 'wasl.inquiriesScope';

type Scope = 'mine' | 'everyone';

/** The queue of pending inquiries, with their age. */
export function InquiriesPage() {
  const { t, i18n } = useTranslation('inquiries');
  const language = languageOf(i18n.language);
  const errorMessage = useErrorMessage();
  const [scope, setScope] = useState<Scope>(() => (localStorage.getItem(SCOPE_KEY) === 'mine' ? 'mine' : 'everyone'));
  const [page, setPage] = useState(1);
  const [answering, setAnswering] = useState<InquirySummary | null>(null);
  const mine = scope === 'mine';
  const pending = useCall('inquiries.pending', { mine, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const recent = useCall('inquiries.answered', { mine, limit: RECENT_ROWS });

  const changeScope = (value: string) => {
    const next: Scope = value === 'mine' ? 'mine' : 'everyone';
    localStorage.setItem(SCOPE_KEY, next);
    setScope(next);
    setPage(1);
  };

  const askedAtTitle = (instant: string) => {
    const shown = formatDualInstant(instant, language);
    return `${shown.gregorian} · ${shown.hijri} ${shown.time}`;
  };

  const total = pending.data?.total ?? 0;
  const rows = pending.data?.inquiries ?? [];
  const answered = recent.data ?? [];

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>{t('title')}</Title>
          <Text c="dimmed">{t('intro')}</Text>
        </Stack>
        <SegmentedControl
          aria-label={t('queue.scope')}
          data={[
            { value: 'everyone', label: t('queue.everyone') },
            { value: 'mine', label: t('queue.mine') },
          ]}
          value={scope}
          onChange={changeScope}
        />
      </Group>

      {pending.error ? <Text c="red">{errorMessage(pending.error)}</Text> : null}
      <Paper withBorder radius="lg">
        <Group justify="space-between" px="md" pt="md">
          <Badge size="lg" variant="light" color={total > 0 ? 'orange' : 'teal'}>
            {t('queue.count', { count: total })}
          </Badge>
        </Group>
        {rows.length === 0 && !pending.loading ? (
          <Text c="dimmed" p="md">
            {t('queue.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <ListTable
              verticalSpacing="sm"
              horizontalSpacing="md"
              highlightOnHover
              label={t('queue.caption')}
              rows={rows}
              rowKey={(inquiry) => inquiry.id}
              columns={[
                {
                  header: t('queue.age'),
                  cell: (inquiry) => (
                    <Text fz="sm" fw={500} title={askedAtTitle(inquiry.askedAt)}>
                      {inquiry.ageMinutes < 1 ? t('age.justNow') : ageInWords(inquiry.ageMinutes, language)}
                    </Text>
                  ),
                },
                { header: t('queue.person'), cell: (inquiry) => <PersonCell person={inquiry.person} /> },
                {
                  header: t('queue.question'),
                  cell: (inquiry) => (
                    <Text fz="sm" lineClamp={3}>
                      {inquiry.question}
                    </Text>
                  ),
                  cellProps: { maw: 420 },
                },
                { header: t('queue.channel'), cell: (inquiry) => <Text fz="sm">{t(`contacts:channel.${inquiry.channel}`)}</Text> },
                // One's own queue needs no owner column.
                ...(mine ? [] : [{ header: t('queue.owner'), cell: (inquiry: InquirySummary) => <Text fz="sm">{inquiry.owner.displayName}</Text> }]),
                {
                  cell: (inquiry) => (
                    <Button
                      size="xs"
                      leftSection={<IconMessageReply size={14} />}
                      onClick={() => setAnswering(inquiry)}
                      aria-label={t('queue.answerFor', { name: inquiry.person.name ?? '' })}
                    >
                      {t('queue.answer')}
                    </Button>
                  ),
                },
              ]}
            />
          </Table.ScrollContainer>
        )}
        {total > PAGE_SIZE ? (
          <Group justify="center" pb="md">
            <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} />
          </Group>
        ) : null}
      </Paper>

      <Stack gap="sm">
        <Title order={3}>{t('recent.title')}</Title>
        {recent.error ? <Text c="red">{errorMessage(recent.error)}</Text> : null}
        <Paper withBorder radius="lg">
          {answered.length === 0 && !recent.loading ? (
            <Text c="dimmed" p="md">
              {t('recent.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <ListTable
                verticalSpacing="sm"
                horizontalSpacing="md"
                label={t('recent.title')}
                rows={answered}
                rowKey={(inquiry) => inquiry.id}
                columns={[
                  { header: t('queue.person'), cell: (inquiry) => <PersonCell person={inquiry.person} /> },
                  {
                    header: t('queue.question'),
                    cell: (inquiry) => (
                      <Text fz="sm" lineClamp={2}>
                        {inquiry.question}
                      </Text>
                    ),
                    cellProps: { maw: 420 },
                  },
                  { header: t('recent.answeredAt'), cell: (inquiry) => <DualDate instant={inquiry.answeredAt} /> },
                  {
                    header: t('recent.timeToAnswer'),
                    cell: (inquiry) => (
                      <Text fz="sm" fw={500}>
                        {inquiry.minutesToAnswer === null || inquiry.minutesToAnswer === 0 ? t('recent.onTheSpot') : durationInWords(inquiry.minutesToAnswer, language)}
                      </Text>
                    ),
                  },
                ]}
              />
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>

      {answering ? (
        <AnswerInquiryModal
          inquiry={answering}
          onClose={() => setAnswering(null)}
          // Both lists read again by themselves after the answer is saved (see useCall).
          onAnswered={() => setAnswering(null)}
        />
      ) : null}
    </Stack>
  );
}
