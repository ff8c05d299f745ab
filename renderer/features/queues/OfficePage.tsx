import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The whole office's queues and each officer's load (supervisors). */
export function OfficePage() {
  const { t } = useTranslation('queues');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
    </Stack>
  );
}
