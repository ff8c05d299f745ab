import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/use-call';
import { AuditEntryRow } from './AuditEntryRow';

/** On a beneficiary's page, for supervisors: who looked at this file and who changed what. */
export function BeneficiaryTrail({ beneficiaryId }: { beneficiaryId: string }) {
  const { t } = useTranslation('audit');
  const trail = useCall('audit.list', { beneficiaryId, limit: 30 });
  return (
    <Paper withBorder radius="lg" p="md">
      <Stack gap="sm">
        <Title order={3} fz="h4">
          {t('beneficiaryTrail')}
        </Title>
        <Table verticalSpacing="xs" aria-label={t('beneficiaryTrail')}>
          <Table.Tbody>
            {(trail.data?.entries ?? []).map((entry) => (
              <AuditEntryRow key={entry.id} entry={entry} showRecord={false} />
            ))}
          </Table.Tbody>
        </Table>
        {trail.data?.entries.length === 0 ? <Text c="dimmed">{t('empty')}</Text> : null}
      </Stack>
    </Paper>
  );
}
