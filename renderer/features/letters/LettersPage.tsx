import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The register of incoming and outgoing letters (الصادر والوارد). */
export function LettersPage() {
  const { t } = useTranslation('letters');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
    </Stack>
  );
}
