import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconDatabase } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCall } from '../../api/use-call';
import { formatDualInstant } from '../../lib/dates';
import { useSession } from '../session/session-context';

/** On the home screen: when the last good backup was made, and a warning when it is too old. */
export function BackupStatusCard() {
  const { t, i18n } = useTranslation('backups');
  const session = useSession();
  const status = useCall('backups.status', {});
  if (!status.data) return null;
  const { configured, lastGoodBackupAt, lastError, stale } = status.data;
  const when = (instant: string) => {
    const shown = formatDualInstant(instant, i18n.language as 'ar' | 'en');
    return `${shown.gregorian} · ${shown.hijri} ${shown.time}`;
  };
  const manage = session.can('backups.manage') ? (
    <Anchor component={Link} href="/backups" fz="sm">
      {t('title')}
    </Anchor>
  ) : null;

  if (!configured || stale || lastError) {
    return (
      <Alert color={configured && !lastError ? 'yellow' : 'red'} icon={<IconAlertTriangle size={20} />} role="status" title={t('title')}>
        <Text fz="sm">{!configured ? t('status.notConfigured') : lastGoodBackupAt ? t('status.lastGood', { when: when(lastGoodBackupAt) }) : t('status.never')}</Text>
        {configured && stale ? <Text fz="sm">{t('status.stale')}</Text> : null}
        {lastError ? (
          <Text fz="sm">
            {t('status.lastError', { when: when(lastError.at) })} {t(`errors:${lastError.messageKey}`, { defaultValue: '' })}
          </Text>
        ) : null}
        {manage}
      </Alert>
    );
  }
  return (
    <Group gap="xs" c="dimmed" role="status">
      <IconDatabase size={18} stroke={1.6} />
      <Text fz="sm">{t('status.lastGood', { when: when(lastGoodBackupAt!) })}</Text>
      {manage}
    </Group>
  );
}
