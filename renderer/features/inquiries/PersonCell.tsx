import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatSaudiPhone } from '../../../electron/api/fields/phone';
import type { InquiryPerson } from '../../../electron/api/inquiries';
import { Ltr } from '../../components/Ltr';

/** Who asked: the registered person (name and file number, linked to the file), or the name and phone given. */
export function PersonCell({ person }: { person: InquiryPerson }) {
  const { t } = useTranslation('inquiries');
  if (person.beneficiaryId !== null) {
    return (
      <Stack gap={0}>
        <Anchor component={Link} href={`/beneficiaries/${person.beneficiaryId}`} fz="sm" fw={500}>
          {person.name}
        </Anchor>
        {person.fileNumber ? (
          <Text fz="xs" c="dimmed">
            {t('queue.fileNumber')} <Ltr>{person.fileNumber}</Ltr>
          </Text>
        ) : null}
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      <Text fz="sm" fw={500}>
        {person.name ?? '—'}
      </Text>
      <Text fz="xs" c="dimmed">
        {person.phone ? <Ltr>{formatSaudiPhone(person.phone)}</Ltr> : t('queue.unregistered')}
      </Text>
    </Stack>
  );
}
