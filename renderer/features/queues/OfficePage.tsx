import { ActionIcon, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { OfficeLoadTable } from './OfficeLoadTable';
import { QueueBoard } from './QueueBoard';

/** The whole office's queues and each officer's load (supervisors). */
export function OfficePage() {
  const { t } = useTranslation('queues');
  const errorMessage = useErrorMessage();
  const office = useCall('queues.office', {});

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>{t('office.title')}</Title>
          <Text c="dimmed">{t('office.intro')}</Text>
        </Stack>
        <Tooltip label={t('refresh')}>
          <ActionIcon variant="subtle" size="lg" onClick={office.reload} loading={office.loading} aria-label={t('refresh')}>
            <IconRefresh size={20} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {office.error ? (
        <Text c="red" role="alert">
          {t('loadFailed')} {errorMessage(office.error)}
        </Text>
      ) : null}
      {office.data ? (
        <>
          <QueueBoard queues={office.data} scope="office" />
          <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="office-load-title">
            <Stack gap="sm">
              <Stack gap={2}>
                <Title order={3} fz="lg" id="office-load-title">
                  {t('office.loadTitle')}
                </Title>
                <Text c="dimmed" fz="sm">
                  {t('office.loadIntro')}
                </Text>
              </Stack>
              <OfficeLoadTable load={office.data.load} />
            </Stack>
          </Paper>
        </>
      ) : null}
    </Stack>
  );
}
