import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Every request, filtered by stage, type, owner and overdue. */
export function RequestsPage() {
  const { t } = useTranslation('requests');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
    </Stack>
  );
}
