import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentSummary, ProgramRoster } from '../../../electron/api/enrolments';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { ExportMenu } from '../exports/ExportMenu';
import { useSession } from '../session/session-context';
import { EnrolmentModal } from './EnrolmentModal';
import { StageCell } from './PersonPrograms';

/**
 * A program's roster, on the program's page: its places, the enrolments by stage (in order of
 * application), and the waitlist in its order with any place offered from it. A row opens the
 * enrolment and its moves. An offer whose last day has passed is passed on to the next in line as
 * soon as the roster is read (the write is recorded as its reader's, like any other move).
 */
export function ProgramRosterPanel({ programId }: { programId: string }) {
  const { t } = useTranslation('enrolments');
  const errorMessage = useErrorMessage();
  const api = useApi();
  const session = useSession();
  const roster = useCall('enrolments.roster', { programId });
  const [opened, setOpened] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const data: ProgramRoster | null = roster.data;
  const expired = data?.waitlist.some((entry) => entry.offerExpired) ?? false;

  const mayPass = session.can('enrolments.handle');
  useEffect(() => {
    if (!expired || !mayPass) return;
    void api['enrolments.passExpiredOffers']({ programId }).then((result) => setFailure(result.ok ? null : errorMessage(result.error)));
    // Once per reading that shows an expired offer: the write's own refresh reads the roster again without it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expired, mayPass, programId]);

  const person = {
    header: t('roster.person'),
    cell: (row: EnrolmentSummary) => <Text fw={500}>{row.beneficiary.fullName}</Text>,
  };
  const fileNumber = { header: t('roster.fileNumber'), cell: (row: EnrolmentSummary) => <Ltr>{row.beneficiary.fileNumber}</Ltr> };
  const appliedAt = { header: t('roster.appliedAt'), cell: (row: EnrolmentSummary) => <DualDate instant={row.appliedAt} /> };

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={t('roster.title')}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={3} fz="h4">
            {t('roster.title')}
          </Title>
          <Group>
            {data ? <Text c="dimmed">{t('roster.places', { taken: data.placesTaken, capacity: data.program.capacity, offered: data.placesOffered })}</Text> : null}
            <ExportMenu subject={{ kind: 'roster', programId }} disabled={!data || data.enrolments.length + data.waitlist.length === 0} />
          </Group>
        </Group>
        {roster.error ? <Text c="red">{errorMessage(roster.error)}</Text> : null}
        {failure ? <Text c="red">{failure}</Text> : null}
        <ListTable<EnrolmentSummary>
          label={t('roster.title')}
          rows={data?.enrolments ?? null}
          rowKey={(row) => row.id}
          emptyMessage={t('roster.empty')}
          focusableRows
          onOpen={(row) => setOpened(row.id)}
          columns={[person, fileNumber, { header: t('roster.stage'), cell: (row) => <StageCell row={row} /> }, appliedAt]}
        />
        <Group justify="space-between">
          <Title order={4} fz="h5">
            {t('roster.waitlist')}
          </Title>
          {data ? <Text fz="sm" c="dimmed">{t('roster.reorders', { count: data.reorderCount })}</Text> : null}
        </Group>
        <ListTable<EnrolmentSummary>
          label={t('roster.waitlist')}
          rows={data?.waitlist ?? null}
          rowKey={(row) => row.id}
          emptyMessage={t('roster.waitlistEmpty')}
          focusableRows
          onOpen={(row) => setOpened(row.id)}
          columns={[
            { header: t('roster.order'), cell: (row) => <Ltr>{row.waitlistOrder ?? ''}</Ltr> },
            person,
            fileNumber,
            appliedAt,
            {
              header: t('roster.offer'),
              cell: (row) =>
                row.offerExpiresOn === null ? '—' : row.offerExpired ? <Text c="red" fz="sm">{t('roster.offerExpired')}</Text> : <DualDate date={row.offerExpiresOn} />,
            },
          ]}
        />
      </Stack>
      {opened !== null ? <EnrolmentModal id={opened} onClose={() => setOpened(null)} /> : null}
    </Paper>
  );
}
