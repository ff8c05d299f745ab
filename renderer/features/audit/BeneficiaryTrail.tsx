import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/use-call';
import { ListTable } from '../../components/ListTable';
import { useAuditColumns } from './audit-columns';

/** On a beneficiary's page, for supervisors: who looked at this file and who changed what. */
export function BeneficiaryTrail({ beneficiaryId }: { beneficiaryId: string }) {
  const { t } = useTranslation('audit');
  const trail = useCall('audit.list', { beneficiaryId, limit: 30 });
  // One file's short trail, under its title: the columns read without a heading row.
  const columns = useAuditColumns({ showRecord: false }).map(({ cell, cellProps }) => ({ cell, cellProps }));
  return (
    <Paper withBorder radius="lg" p="md">
      <Stack gap="sm">
        <Title order={3} fz="h4">
          {t('beneficiaryTrail')}
        </Title>
        <ListTable verticalSpacing="xs" label={t('beneficiaryTrail')} rows={trail.data?.entries ?? null} rowKey={(entry) => entry.id} columns={columns} />
        {trail.data?.entries.length === 0 ? <Text c="dimmed">{t('empty')}</Text> : null}
      </Stack>
    </Paper>
  );
}
