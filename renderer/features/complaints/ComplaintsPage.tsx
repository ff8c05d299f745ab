import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Complaints, notes and suggestions, and the suggestions register. */
export function ComplaintsPage() {
  const { t } = useTranslation('complaints');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
    </Stack>
  );
}
