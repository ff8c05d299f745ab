import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The queue of pending inquiries, with their age. */
export function InquiriesPage() {
  const { t } = useTranslation('inquiries');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
    </Stack>
  );
}
