import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCloudCheck, IconCloudOff, IconCloudUpload } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeSyncState } from '../../../electron/api/office';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { formatDualInstant } from '../../lib/dates';
import type { Language } from '../../../electron/api/app';

/** How often the indicator asks how the sync stands: it runs in the background, with no write here to announce it. */
const LOOK_EVERY_MS = 15_000;

/**
 * The shell's quiet word on the office sync, for a paired desk only: synced (and when), changes
 * waiting, offline (since when), or what stops it in plain words. It never stops anyone from working.
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation('settings');
  const errorMessage = useErrorMessage();
  const status = useCall('office.status', {});
  const { reload } = status;
  useEffect(() => {
    const timer = setInterval(reload, LOOK_EVERY_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const sync = status.data?.sync;
  if (!sync) return null;
  const shown = indicatorOf(sync);
  const time = (instant: string | null) => (instant === null ? '' : formatDualInstant(instant, i18n.language as Language).time);
  const label =
    shown === 'problem'
      ? t('office.sync.problem')
      : shown === 'offline'
        ? t('office.sync.offline', { time: time(sync.offlineSince) })
        : shown === 'pending'
          ? t('office.sync.pending', { count: sync.pending })
          : t('office.sync.synced', { time: time(sync.lastSyncedAt) });
  const badge = (
    <Badge
      variant="light"
      color={shown === 'problem' ? 'red' : shown === 'offline' ? 'gray' : shown === 'pending' ? 'yellow' : 'teal'}
      leftSection={ICONS[shown]}
      role="status"
      size="lg"
      tt="none"
    >
      {label}
    </Badge>
  );
  return sync.problem ? <Tooltip label={errorMessage(sync.problem)} multiline w={320}>{badge}</Tooltip> : badge;
}

type Shown = 'problem' | 'offline' | 'pending' | 'synced';

function indicatorOf(sync: OfficeSyncState): Shown {
  if (sync.problem) return 'problem';
  if (sync.offlineSince) return 'offline';
  if (sync.pending > 0 || sync.lastSyncedAt === null) return 'pending';
  return 'synced';
}

const ICONS: Record<Shown, ReactNode> = {
  problem: <IconAlertTriangle size={14} />,
  offline: <IconCloudOff size={14} />,
  pending: <IconCloudUpload size={14} />,
  synced: <IconCloudCheck size={14} />,
};
