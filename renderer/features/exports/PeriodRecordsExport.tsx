import { Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, PURPOSES, type Channel, type Purpose } from '../../../electron/api/contacts';
import { EXPORT_LISTS, type ExportList, type ExportSubjectInput } from '../../../electron/api/exports';
import type { ReportPeriodInput } from '../../../electron/api/reports';
import { useSession } from '../session/session-context';
import { ExportMenu } from './ExportMenu';
import { ChoiceField } from '../../components/ChoiceField';

/**
 * The records of the report's period, for follow-up: the contacts (by channel and purpose), the
 * people registered, the requests and complaints received and the letters dated in the period, as
 * PDF, Excel or CSV. Contacts have no list screen of their own: this is where they are exported.
 */
export function PeriodRecordsExport({ period }: { period: ReportPeriodInput }) {
  const { t } = useTranslation(['exports', 'contacts']);
  const session = useSession();
  const [list, setList] = useState<ExportList>('contacts');
  const [channel, setChannel] = useState<Channel | null>(null);
  const [purpose, setPurpose] = useState<Purpose | null>(null);
  if (!session.can('exports.create')) return null;

  const subject: ExportSubjectInput =
    list === 'contacts'
      ? { kind: 'contacts', period, filters: { ...(channel ? { channel } : {}), ...(purpose ? { purpose } : {}) } }
      : { kind: list, period };

  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-label={t('period.title')}>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Text fw={600} mb={6}>
          {t('period.title')}
        </Text>
        <ChoiceField
          label={t('period.list')}
          data={EXPORT_LISTS.map((value) => ({ value, label: t(`period.lists.${value}`) }))}
          value={list}
          onChange={(value) => value && setList(value as ExportList)}
          allowDeselect={false}
          w={260}
        />
        {list === 'contacts' ? (
          <>
            <ChoiceField
              label={t('period.channel')}
              placeholder={t('period.any')}
              data={CHANNELS.map((value) => ({ value, label: t(`contacts:channel.${value}`) }))}
              value={channel}
              onChange={(value) => setChannel(value as Channel | null)}
              clearable
              w={200}
            />
            <ChoiceField
              label={t('period.purpose')}
              placeholder={t('period.any')}
              data={PURPOSES.map((value) => ({ value, label: t(`contacts:purpose.${value}`) }))}
              value={purpose}
              onChange={(value) => setPurpose(value as Purpose | null)}
              clearable
              w={200}
            />
          </>
        ) : null}
        <ExportMenu subject={subject} />
      </Group>
    </Paper>
  );
}
