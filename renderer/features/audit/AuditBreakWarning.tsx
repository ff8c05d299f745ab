import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { formatDualInstant } from '../../lib/dates';
import { useSession } from '../session/session-context';

/**
 * Entries found cut from the end of the audit log that no administrator has acknowledged yet: on the
 * home screen and the audit page. Only an administrator may set the warning aside; the break itself
 * stays in the log, and verifying the log keeps reporting it.
 */
export function AuditBreakWarning({ linkToLog = false }: { linkToLog?: boolean }) {
  const { t, i18n } = useTranslation('audit');
  const api = useApi();
  const session = useSession();
  const errorMessage = useErrorMessage();
  const breaks = useCall('audit.breaks', {});
  const acknowledging = useSubmit();
  if (!breaks.data || breaks.data.length === 0) return null;
  const newest = breaks.data[0]!;

  const when = (instant: string) => {
    const shown = formatDualInstant(instant, i18n.language as 'ar' | 'en');
    return `${shown.gregorian} · ${shown.hijri} ${shown.time}`;
  };

  const acknowledge = () =>
    acknowledging.submit(() => api['audit.acknowledgeBreaks']({ throughSeq: newest.seq }), {
      savedMessage: t('breaks.acknowledged'),
      onSaved: () => breaks.reload(),
      // The warning holds no sentence of its own: a refusal is said in a notice.
      onRefused: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });

  return (
    <Alert color="red" variant="filled" icon={<IconAlertOctagon size={22} />} role="alert" title={t('breaks.title')}>
      <Stack gap="xs">
        {breaks.data.map((found) => (
          <Text key={found.seq} fz="sm">
            {t('breaks.found', { when: when(found.at), anchorSeq: found.anchorSeq, foundSeq: found.foundSeq, seq: found.seq })}
          </Text>
        ))}
        <Text fz="sm">{t('breaks.advice')}</Text>
        <Group gap="md">
          {linkToLog ? (
            <Anchor component={Link} href="/audit" c="white" fz="sm" fw={600} underline="always">
              {t('breaks.openLog')}
            </Anchor>
          ) : null}
          {session.can('settings.manage') ? (
            <Button size="xs" variant="white" color="red" loading={acknowledging.busy} onClick={() => void acknowledge()}>
              {t('breaks.acknowledge')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Alert>
  );
}
