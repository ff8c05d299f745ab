import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { QueueFeeWaiver } from '../../../electron/api/queues';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { useSession } from '../session/session-context';
import { useRiyals } from './riyals';
import { WaiverDecisionModal } from './WaiverDecisionModal';

/**
 * The fee waivers waiting for a supervisor, in their queue: who, which program, what is asked of the
 * fee and why, who asked and when; each decided here, in the same dialog as on the enrolment, but a
 * supervisor's own request, which another supervisor decides.
 */
export function FeeWaiversTable({ rows, label }: { rows: QueueFeeWaiver[]; label: string }) {
  const { t, i18n } = useTranslation('program-fees');
  const riyals = useRiyals();
  const session = useSession();
  const [deciding, setDeciding] = useState<QueueFeeWaiver | null>(null);
  const nameOf = (program: QueueFeeWaiver['program']) => (i18n.language === 'en' && program.nameEn ? program.nameEn : program.nameAr);
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <ListTable
          verticalSpacing="xs"
          highlightOnHover
          label={label}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t('queue.person'),
              cell: (row) => (
                <Stack gap={0}>
                  <Anchor component={Link} href={`/beneficiaries/${row.person.beneficiaryId ?? ''}`} fz="sm">
                    {row.person.name}
                  </Anchor>
                  <Text fz="xs" c="dimmed">
                    <Ltr>{row.person.fileNumber ?? ''}</Ltr>
                  </Text>
                </Stack>
              ),
            },
            { header: t('queue.program'), cell: (row) => <span dir="auto">{nameOf(row.program)}</span> },
            {
              header: t('queue.asked'),
              cell: (row) => (
                <Stack gap={0}>
                  <Text fz="sm">{t('queue.of', { kind: t(`kind.${row.kind}`), amount: riyals(row.amount), fee: riyals(row.feeAmount) })}</Text>
                  <Text fz="xs" c="dimmed" dir="auto" w="fit-content" lineClamp={2}>
                    {row.reason}
                  </Text>
                </Stack>
              ),
            },
            {
              header: t('queue.requested'),
              cell: (row) => (
                <Text fz="sm">
                  <DualDate instant={row.requestedAt} /> · {row.owner.displayName}
                </Text>
              ),
            },
            {
              header: t('queue.open'),
              cell: (row) =>
                row.owner.id === session.state.user?.id ? null : (
                  <Button size="xs" variant="light" leftSection={<IconGavel size={16} />} onClick={() => setDeciding(row)}>
                    {t('card.decide')}
                  </Button>
                ),
            },
          ]}
        />
      </Table.ScrollContainer>
      <WaiverDecisionModal
        waiver={deciding === null ? null : { id: deciding.id, kind: deciding.kind, amount: deciding.amount, reason: deciding.reason, requestedBy: deciding.owner }}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}
