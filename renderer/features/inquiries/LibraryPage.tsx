import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The reference library: bylaws, programs and services, standard answers. */
export function LibraryPage() {
  const { t } = useTranslation('inquiries');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
    </Stack>
  );
}
