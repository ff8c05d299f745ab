import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DualDate } from '../../components/DualDate';
import { todayInRiyadh } from '../../lib/dates';

/**
 * The recovery key as it is shown once and printed: on paper, the sheet carries only the key, the
 * association and the date (the rest of the screen is not printed).
 */
export function RecoveryKeySheet({ recoveryKey, associationName }: { recoveryKey: string; associationName: string }) {
  const { t } = useTranslation('session');
  return (
    <Paper withBorder p="lg" radius="md" className="wasl-recovery-sheet">
      <Stack gap="sm" align="center">
        <Text className="wasl-print-only" fw={700} fz="xl">
          {t('recoveryKey.sheetTitle')}
        </Text>
        <Text className="wasl-print-only">
          {t('recoveryKey.sheetFor')} {associationName}
        </Text>
        <Text className="wasl-print-only">
          {t('recoveryKey.sheetDate')} <DualDate date={todayInRiyadh()} />
        </Text>
        <Text
          component="bdi"
          dir="ltr"
          ff="monospace"
          fz={26}
          fw={600}
          ta="center"
          style={{ letterSpacing: 1 }}
          aria-label={t('recoveryKey.title')}
          data-testid="recovery-key"
        >
          {/* Two lines of four groups, never broken inside a group: it is copied by hand. */}
          {halves(recoveryKey).map((half, index) => (
            <span key={index} style={{ display: 'block', whiteSpace: 'nowrap' }}>
              {index === 0 ? `${half}-` : half}
            </span>
          ))}
        </Text>
        <Text className="wasl-print-only" fz="sm">
          {t('recoveryKey.sheetKeep')}
        </Text>
      </Stack>
    </Paper>
  );
}

function halves(key: string): string[] {
  const groups = key.split('-');
  const middle = Math.ceil(groups.length / 2);
  return [groups.slice(0, middle).join('-'), groups.slice(middle).join('-')];
}
