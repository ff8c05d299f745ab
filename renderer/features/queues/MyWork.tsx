import { ActionIcon, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { QueueBoard } from './QueueBoard';

/** The signed-in user's own queues, at the top of the home screen. */
export function MyWork() {
  const { t } = useTranslation('queues');
  const errorMessage = useErrorMessage();
  const queues = useCall('queues.mine', {});

  return (
    <Stack gap="sm" component="section" aria-labelledby="my-work-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} fz="h3" id="my-work-title">
            {t('title')}
          </Title>
          <Text c="dimmed" fz="sm">
            {t('mine.intro')}
          </Text>
        </Stack>
        <Tooltip label={t('refresh')}>
          <ActionIcon variant="subtle" size="lg" onClick={queues.reload} loading={queues.loading} aria-label={t('refresh')}>
            <IconRefresh size={20} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {queues.error ? (
        <Text c="red" role="alert">
          {t('loadFailed')} {errorMessage(queues.error)}
        </Text>
      ) : null}
      {queues.data ? <QueueBoard queues={queues.data} scope="mine" /> : null}
    </Stack>
  );
}
