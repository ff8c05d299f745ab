import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** One complaint, note or suggestion: its stage, its events, and the next steps. */
export function ComplaintPage({ id }: { id: string }) {
  const { t } = useTranslation('complaints');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <span hidden>{id}</span>
    </Stack>
  );
}
