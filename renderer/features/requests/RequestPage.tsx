import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** One request: its stage, its events, and the next steps. */
export function RequestPage({ id }: { id: string }) {
  const { t } = useTranslation('requests');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <span hidden>{id}</span>
    </Stack>
  );
}
