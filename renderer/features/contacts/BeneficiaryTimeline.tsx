import { Badge, Button, Group, Paper, Select, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconMessages, IconScale } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, TIMELINE_KINDS, type Channel, type TimelineEntry, type TimelineKind } from '../../../electron/api/contacts';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';

const PAGE = 30;

/** A person's dealings with the association, newest first, filtered by kind and channel. */
export function BeneficiaryTimeline({ beneficiaryId, version }: { beneficiaryId: string; version: number }) {
  const { t } = useTranslation('contacts');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const [kind, setKind] = useState<TimelineKind | null>(null);
  const [channel, setChannel] = useState<Channel | null>(null);
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const filters = { id: beneficiaryId, ...(kind ? { kinds: [kind] } : {}), ...(channel ? { channel } : {}) };
  const key = JSON.stringify(filters);

  useEffect(() => {
    let current = true;
    void api['beneficiaries.timeline']({ ...filters, limit: PAGE }).then((result) => {
      if (!current) return;
      if (!result.ok) return setFailure(errorMessage(result.error));
      setFailure(null);
      setEntries(result.value.entries);
      setNextBefore(result.value.nextBefore);
    });
    return () => {
      current = false;
    };
    // The filters are compared by value; `version` reloads after something was recorded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, version]);

  const more = async () => {
    if (nextBefore === null) return;
    const result = await api['beneficiaries.timeline']({ ...filters, before: nextBefore, limit: PAGE });
    if (!result.ok) return setFailure(errorMessage(result.error));
    setEntries((shown) => [...shown, ...result.value.entries]);
    setNextBefore(result.value.nextBefore);
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={t('timeline.title')}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Title order={3} fz="h4">
            {t('timeline.title')}
          </Title>
          <Group gap="sm">
            <Select
              size="xs"
              label={t('timeline.kind')}
              placeholder={t('timeline.all')}
              clearable
              data={TIMELINE_KINDS.map((value) => ({ value, label: t(`timeline.kinds.${value}`) }))}
              value={kind}
              onChange={(value) => setKind(value as TimelineKind | null)}
            />
            <Select
              size="xs"
              label={t('log.channel')}
              placeholder={t('timeline.all')}
              clearable
              data={CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
              value={channel}
              onChange={(value) => setChannel(value as Channel | null)}
            />
          </Group>
        </Group>
        {failure ? <Text c="red">{failure}</Text> : null}
        {entries.length === 0 ? (
          <Text c="dimmed">{t('timeline.empty')}</Text>
        ) : (
          <Timeline bulletSize={26} lineWidth={2}>
            {entries.map((entry) => (
              <Timeline.Item
                key={entry.kind === 'contact' ? entry.contact.id : entry.decision.id}
                bullet={entry.kind === 'contact' ? <IconMessages size={14} /> : <IconScale size={14} />}
                title={<EntryTitle entry={entry} />}
              >
                <EntryBody entry={entry} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        {nextBefore !== null ? (
          <Button variant="default" onClick={() => void more()}>
            {t('timeline.more')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}

function EntryTitle({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('contacts');
  if (entry.kind === 'eligibility') {
    return <Text fw={500}>{t('timeline.eligibility', { outcome: t(`eligibility:outcomes.${entry.decision.outcome}`) })}</Text>;
  }
  const { contact } = entry;
  return (
    <Group gap="xs">
      <Badge variant="light">{t(`channel.${contact.channel}`)}</Badge>
      <Text fw={500}>{t(`purpose.${contact.purpose}`)}</Text>
      <Text c="dimmed" fz="sm">
        {t(`direction.${contact.direction}`)}
      </Text>
    </Group>
  );
}

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('contacts');
  const by = entry.kind === 'contact' ? entry.contact.officer.displayName : entry.decision.decidedByName;
  return (
    <Stack gap={2}>
      {entry.kind === 'contact' ? <Text fz="sm">{entry.contact.summary}</Text> : entry.decision.reason ? <Text fz="sm">{entry.decision.reason}</Text> : null}
      {entry.kind === 'contact' && entry.contact.phoneNumber ? (
        <Text fz="sm" c="dimmed">
          <Ltr>{entry.contact.phoneNumber}</Ltr>
        </Text>
      ) : null}
      <Text fz="xs" c="dimmed">
        <DualDate instant={entry.at} /> · {t('timeline.by', { name: by })}
        {entry.kind === 'contact' && entry.contact.durationMinutes !== null ? ` · ${t('timeline.minutes', { count: entry.contact.durationMinutes })}` : ''}
      </Text>
    </Stack>
  );
}
