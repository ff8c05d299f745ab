import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCloudCheck, IconCloudOff, IconCloudUpload, IconShieldX } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeSyncState } from '../../../electron/api/office';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { formatDualInstant } from '../../lib/dates';
import type { Language } from '../../../electron/api/app';
import { flaggedDeskSentence } from './FlaggedDesks';

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
  const labels: Record<Shown, () => string> = {
    flagged: () => t('office.sync.flaggedDesks'),
    problem: () => t('office.sync.problem'),
    offline: () => t('office.sync.offline', { time: time(sync.offlineSince) }),
    pending: () => t('office.sync.pending', { count: sync.pending }),
    synced: () => t('office.sync.synced', { time: time(sync.lastSyncedAt) }),
  };
  const label = labels[shown]();
  const badge = (
    <Badge
      variant="light"
      color={shown === 'problem' || shown === 'flagged' ? 'red' : shown === 'offline' ? 'gray' : shown === 'pending' ? 'yellow' : 'teal'}
      leftSection={ICONS[shown]}
      role="status"
      size="lg"
      tt="none"
    >
      {label}
    </Badge>
  );
  // The desks found cut or rewritten (shown to administrators only) are said first: they outlast any one round's problem.
  const explained = [
    ...sync.flaggedDesks.map((desk) => flaggedDeskSentence(t, desk, i18n.language as Language)),
    ...(sync.problem ? [errorMessage(sync.problem)] : []),
  ];
  return explained.length > 0 ? <Tooltip label={explained.join('\n')} multiline w={320} style={{ whiteSpace: 'pre-line' }}>{badge}</Tooltip> : badge;
}

type Shown = 'flagged' | 'problem' | 'offline' | 'pending' | 'synced';

function indicatorOf(sync: OfficeSyncState): Shown {
  if (sync.flaggedDesks.length > 0) return 'flagged';
  if (sync.problem) return 'problem';
  if (sync.offlineSince) return 'offline';
  if (sync.pending > 0 || sync.lastSyncedAt === null) return 'pending';
  return 'synced';
}

const ICONS: Record<Shown, ReactNode> = {
  flagged: <IconShieldX size={14} />,
  problem: <IconAlertTriangle size={14} />,
  offline: <IconCloudOff size={14} />,
  pending: <IconCloudUpload size={14} />,
  synced: <IconCloudCheck size={14} />,
};
