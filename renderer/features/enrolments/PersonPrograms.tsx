import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentSummary } from '../../../electron/api/enrolments';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Shortcut } from '../../components/Shortcut';
import { EnrolmentModal } from './EnrolmentModal';
import { STAGE_COLORS, useProgramName } from './labels';

/**
 * A person's programs on their file: each enrolment's program, stage and dates, newest application
 * first; a row opens the enrolment, and the button (or P on the file) enrols them in another.
 */
export function PersonPrograms({ beneficiaryId, canEnrol, onEnrol }: { beneficiaryId: string; canEnrol: boolean; onEnrol: () => void }) {
  const { t } = useTranslation('enrolments');
  const errorMessage = useErrorMessage();
  const programName = useProgramName();
  const programs = useCall('enrolments.ofPerson', { beneficiaryId });
  const [opened, setOpened] = useState<string | null>(null);

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={t('person.title')}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('person.title')}</Title>
        {canEnrol ? (
          <Button size="xs" variant="light" leftSection={<IconSchool size={16} />} onClick={onEnrol}>
            {t('person.enrol')} <Shortcut keys={['P']} />
          </Button>
        ) : null}
      </Group>
      {programs.error ? <Text c="red">{errorMessage(programs.error)}</Text> : null}
      <ListTable<EnrolmentSummary>
        label={t('person.title')}
        rows={programs.data}
        rowKey={(row) => row.id}
        emptyMessage={t('person.empty')}
        focusableRows
        onOpen={(row) => setOpened(row.id)}
        columns={[
          { header: t('person.program'), cell: (row) => <Text fw={500}>{programName(row.program)}</Text> },
          { header: t('person.stage'), cell: (row) => <StageCell row={row} /> },
          { header: t('person.appliedAt'), cell: (row) => <DualDate instant={row.appliedAt} /> },
          {
            header: t('person.dates'),
            cell: (row) => (
              <Stack gap={0}>
                <DualDate date={row.program.startsOn} />
                <DualDate date={row.program.endsOn} />
              </Stack>
            ),
          },
        ]}
      />
      {opened !== null ? <EnrolmentModal id={opened} onClose={() => setOpened(null)} /> : null}
    </Paper>
  );
}

/** The stage, with the waitlist's place and any offer made from it. */
export function StageCell({ row }: { row: EnrolmentSummary }) {
  const { t } = useTranslation('enrolments');
  return (
    <Stack gap={2}>
      <Badge variant="light" color={STAGE_COLORS[row.stage]}>
        {t(`stage.${row.stage}`)}
      </Badge>
      {row.waitlistOrder !== null ? <Text fz="xs">{t('person.waitlistPlace', { place: row.waitlistOrder })}</Text> : null}
      {row.offerExpiresOn !== null ? (
        <Text fz="xs" c={row.offerExpired ? 'red' : 'teal'}>
          {row.offerExpired ? (
            t('person.offerExpired')
          ) : (
            <>
              {t('person.offerUntil')} <DualDate date={row.offerExpiresOn} />
            </>
          )}
        </Text>
      ) : null}
    </Stack>
  );
}
